/**
 * Which Graph permission each sandbox route needs, for `/_sandbox/permissions`: once an operator withdraws a
 * permission, the routes that need it answer 403 `Authorization_RequestDenied` "Insufficient privileges to complete
 * the operation." (Graph's answer when the app lacks the permission), whatever token the caller still holds.
 * Each route names the one permission the bot's app registration grants for it (README, "API permissions"; the
 * least-privileged one on the route's Learn page where the bot grants none), so withdrawing that one is enough even
 * though the sandbox's tokens carry broader ones too (Directory.Read.All).
 */
import { graphError } from '../../http/errors';
import type { SandboxRequest } from '../../http/types';
import type { SandboxWorld } from '../../world/world';

const V1 = '/graph/v1\\.0';
const USER = '(?:users/[^/]+|me)';
const ROUTE_PERMISSIONS: ReadonlyArray<{ pattern: RegExp; permission: string }> = [
  { pattern: new RegExp(`^${V1}/${USER}/(?:transitiveMemberOf|memberOf)$`, 'i'), permission: 'GroupMember.Read.All' },
  { pattern: new RegExp(`^${V1}/groups(?:/.*)?$`, 'i'), permission: 'GroupMember.Read.All' },
  { pattern: new RegExp(`^${V1}/directoryRoles[^/]*(?:/.*)?$`, 'i'), permission: 'RoleManagement.Read.Directory' },
  { pattern: new RegExp(`^${V1}/${USER}/assignLicense$`, 'i'), permission: 'LicenseAssignment.ReadWrite.All' },
  { pattern: new RegExp(`^${V1}/${USER}/sendMail$`, 'i'), permission: 'Mail.Send' },
  { pattern: new RegExp(`^${V1}/users(?:/[^/]+)?$`, 'i'), permission: 'User.Read.All' },
  { pattern: new RegExp(`^${V1}/tenantRelationships/`, 'i'), permission: 'DelegatedAdminRelationship.ReadWrite.All' },
  { pattern: new RegExp(`^${V1}/(?:subscribedSkus|directory/subscriptions|organization)(?:/[^/]+)?$`, 'i'), permission: 'Organization.Read.All' },
];

/** The permission a Graph path needs in the sandbox, or null when none can be withdrawn for it. */
export function permissionForGraphPath(path: string): string | null {
  return ROUTE_PERMISSIONS.find((route) => route.pattern.test(path))?.permission ?? null;
}

/** 403 as Graph answers it when the permission this route needs was withdrawn. */
export function refuseWithdrawnPermission(world: SandboxWorld, request: SandboxRequest): void {
  const permission = permissionForGraphPath(request.path);
  if (permission && world.permissions.isWithdrawn(permission)) {
    throw graphError(request, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  }
}
