/**
 * The API permissions of the partner's app registration that an operator can withdraw (`POST /_sandbox/permissions`),
 * to see how the bot and `npm run doctor` behave when an admin never granted, or took back, one of them:
 * - Microsoft Graph permissions, by their Entra name (`GroupMember.Read.All`, `Mail.Send`...). Tokens issued from
 *   then on leave the permission out of `roles` (app-only) and `scp` (App+User), and every Graph route that needs it
 *   answers 403 `Authorization_RequestDenied` at once, whatever token the caller still holds (api/graph/permissionGate.ts).
 * - `partner-center/user_impersonation` and `partner-api/user_impersonation`: the delegated permissions of
 *   Microsoft Partner Center and of the Microsoft Partner API (price sheets). Without the consent Entra refuses the
 *   App+User token (AADSTS65001); an access token already issued keeps working until it expires, as with Entra.
 * Nothing is withdrawn at first; `reset()` of the world restores everything.
 */

/** Graph permissions the sandbox knows, application or delegated (the same name withdraws both). */
export const GRAPH_PERMISSIONS = [
  'GroupMember.Read.All', 'RoleManagement.Read.Directory', 'User.Read.All', 'Directory.Read.All', 'Organization.Read.All',
  'Mail.Send', 'DelegatedAdminRelationship.ReadWrite.All', 'LicenseAssignment.ReadWrite.All',
] as const;
export const PARTNER_CENTER_CONSENT = 'partner-center/user_impersonation';
export const PARTNER_API_CONSENT = 'partner-api/user_impersonation';

export const WITHDRAWABLE_PERMISSIONS: readonly string[] = [...GRAPH_PERMISSIONS, PARTNER_CENTER_CONSENT, PARTNER_API_CONSENT];

export class UnknownPermissionError extends Error {
  constructor(readonly names: string[]) {
    super(`Unknown permission${names.length > 1 ? 's' : ''} ${names.map((n) => `'${n.slice(0, 60)}'`).join(', ')}; use ${WITHDRAWABLE_PERMISSIONS.join(', ')}.`);
    this.name = 'UnknownPermissionError';
  }
}

export interface AppPermissions {
  /** Withdrawn permissions, in the order of WITHDRAWABLE_PERMISSIONS. */
  withdrawn(): string[];
  isWithdrawn(name: string): boolean;
  /** Throws UnknownPermissionError (changing nothing) when a name is not withdrawable. */
  withdraw(names: readonly string[]): void;
  /** `all` grants everything again. */
  restore(names: readonly string[] | 'all'): void;
}

export function createAppPermissions(): AppPermissions {
  const withdrawn = new Set<string>();
  const canonical = (names: readonly string[]): string[] => {
    const unknown = names.filter((n) => canonicalName(n) === null);
    if (unknown.length > 0) throw new UnknownPermissionError(unknown);
    return names.map((n) => canonicalName(n) as string);
  };
  return {
    withdrawn: () => WITHDRAWABLE_PERMISSIONS.filter((name) => withdrawn.has(name)),
    isWithdrawn: (name) => {
      const known = canonicalName(name);
      return known !== null && withdrawn.has(known);
    },
    withdraw(names) {
      for (const name of canonical(names)) withdrawn.add(name);
    },
    restore(names) {
      if (names === 'all') {
        withdrawn.clear();
        return;
      }
      for (const name of canonical(names)) withdrawn.delete(name);
    },
  };
}

/** Entra compares permission names case-insensitively; the sandbox keeps the documented spelling. */
function canonicalName(name: string): string | null {
  const lower = name.trim().toLowerCase();
  return WITHDRAWABLE_PERMISSIONS.find((known) => known.toLowerCase() === lower) ?? null;
}
