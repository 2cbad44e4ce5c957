/** Wraps Graph handlers: token check; the token's tenant is the tenant every handler reads. */
import { graphError } from '../../http/errors';
import type { RouteHandler, SandboxRequest, SandboxResponse } from '../../http/types';
import { GdapRuleViolation } from '../../world/gdap';
import type { Tenant } from '../../world/types';
import type { SandboxWorld } from '../../world/world';
import { requireGraphToken, type AccessTokenClaims } from '../tokens';
import { refuseWithdrawnPermission } from './permissionGate';

export type GraphHandler = (request: SandboxRequest, token: AccessTokenClaims, tenant: Tenant) => SandboxResponse;

export function graphRoute(world: SandboxWorld, handler: GraphHandler): RouteHandler {
  return (request) => {
    const token = requireGraphToken(world, request);
    refuseWithdrawnPermission(world, request);
    const tenant = world.findTenant(token.tid)!;
    try {
      return handler(request, token, tenant);
    } catch (error) {
      if (error instanceof GdapRuleViolation) throw graphError(request, error.httpStatus, error.code, error.message);
      throw error;
    }
  };
}

/** Application permission (`roles`) or delegated scope (`scp`) the call needs; else 403 as Graph answers. */
export function requirePermission(request: SandboxRequest, token: AccessTokenClaims, permission: string): void {
  const granted = token.idtyp === 'app' ? token.roles ?? [] : (token.scp ?? '').split(' ');
  if (!granted.includes(permission)) {
    throw graphError(request, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  }
}
