/**
 * A small path router: patterns like `/v1/customers/:customerId/carts`, literal segments matched
 * case-insensitively (Partner Center and Graph paths are), parameters URL-decoded.
 */
import type { ApiArea, RouteHandler } from './types';

interface Route {
  area: ApiArea;
  method: string;
  /** As registered, e.g. `/v1/customers/:customerId` (the key of the request counts). */
  pattern: string;
  segments: string[];
  handler: RouteHandler;
}

export type RouteMatch =
  | { kind: 'found'; area: ApiArea; handler: RouteHandler; params: Record<string, string>; pattern: string }
  | { kind: 'methodNotAllowed'; allowed: string[] }
  | { kind: 'notFound' };

export class Router {
  private readonly routes: Route[] = [];

  add(area: ApiArea, method: string, pattern: string, handler: RouteHandler): this {
    this.routes.push({ area, method: method.toUpperCase(), pattern, segments: splitPath(pattern), handler });
    return this;
  }

  match(method: string, path: string): RouteMatch {
    const segments = splitPath(path);
    const allowed: string[] = [];
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method === method.toUpperCase()) return { kind: 'found', area: route.area, handler: route.handler, params, pattern: route.pattern };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: 'methodNotAllowed', allowed } : { kind: 'notFound' };
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | null {
  if (pattern.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const expected = pattern[i];
    if (expected.startsWith(':')) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(actual[i]);
      } catch {
        return null;
      }
      params[expected.slice(1)] = decoded;
    } else if (expected.toLowerCase() !== actual[i].toLowerCase()) {
      return null;
    }
  }
  return params;
}

/** Which API an (unmatched) path belongs to, so errors come back in that API's shape. */
export function areaOfPath(path: string): ApiArea {
  const lower = path.toLowerCase();
  if (lower === '/graph' || lower.startsWith('/graph/')) return 'graph';
  if (lower === '/login' || lower.startsWith('/login/')) return 'login';
  if (lower === '/botframework' || lower.startsWith('/botframework/')) return 'botFramework';
  if (lower === '/_sandbox' || lower.startsWith('/_sandbox/')) return 'admin';
  return 'partnerCenter';
}
