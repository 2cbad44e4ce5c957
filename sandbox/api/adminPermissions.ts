/**
 * `/_sandbox/permissions`: withdraw and restore the app registration's API permissions (world/appPermissions.ts),
 * so the Graph routes and the token service refuse as the real ones do when a permission was never granted.
 * - `GET` → `{withdrawn: [...], withdrawable: [...]}`
 * - `POST {"withdraw": ["GroupMember.Read.All"]}`, `{"restore": ["GroupMember.Read.All"]}` or `{"restore": "all"}`
 *   (both keys may be given; restore runs first) → the same view. An unknown name is a 400 and changes nothing.
 */
import { adminError } from '../http/errors';
import type { Router } from '../http/router';
import { json } from '../http/types';
import { isRecord } from '../util/jwt';
import { UnknownPermissionError, WITHDRAWABLE_PERMISSIONS } from '../world/appPermissions';
import type { SandboxWorld } from '../world/world';
import { adminOnly } from './admin';

const USAGE = 'Send {"withdraw": ["GroupMember.Read.All", ...]} and/or {"restore": [...] | "all"}.';
const MAX_NAMES = 50;

export function registerPermissionRoutes(router: Router, world: SandboxWorld): void {
  const view = () => json(200, { withdrawn: world.permissions.withdrawn(), withdrawable: [...WITHDRAWABLE_PERMISSIONS] });
  router.add('admin', 'GET', '/_sandbox/permissions', adminOnly(view));
  router.add('admin', 'POST', '/_sandbox/permissions', adminOnly((request) => {
    const body = request.jsonBody();
    if (!isRecord(body) || (body.withdraw === undefined && body.restore === undefined)) throw adminError(400, 'bad_request', USAGE);
    const unknownKeys = Object.keys(body).filter((key) => key !== 'withdraw' && key !== 'restore');
    if (unknownKeys.length > 0) throw adminError(400, 'bad_request', `Unknown field(s) ${unknownKeys.slice(0, 5).join(', ')}. ${USAGE}`);
    const withdraw = body.withdraw === undefined ? [] : names(body.withdraw, 'withdraw');
    const restore = body.restore === 'all' ? 'all' : body.restore === undefined ? [] : names(body.restore, 'restore');
    try {
      // Both lists are checked before anything changes.
      assertKnown([...withdraw, ...(restore === 'all' ? [] : restore)]);
      world.permissions.restore(restore);
      world.permissions.withdraw(withdraw);
    } catch (error) {
      if (error instanceof UnknownPermissionError) throw adminError(400, 'bad_request', error.message);
      throw error;
    }
    return view();
  }));
}

function names(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.length > MAX_NAMES || !value.every((v): v is string => typeof v === 'string' && v.length <= 100)) {
    throw adminError(400, 'bad_request', `${field} must be a list of at most ${MAX_NAMES} permission names${field === 'restore' ? ' or "all"' : ''}. ${USAGE}`);
  }
  return value;
}

/** Throws UnknownPermissionError for any name that is not withdrawable. */
function assertKnown(given: readonly string[]): void {
  const known = new Set(WITHDRAWABLE_PERMISSIONS.map((n) => n.toLowerCase()));
  const unknown = given.filter((n) => !known.has(n.trim().toLowerCase()));
  if (unknown.length > 0) throw new UnknownPermissionError(unknown);
}
