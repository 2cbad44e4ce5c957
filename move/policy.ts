import { ROLE_LABELS, type Actor, type Role } from './model';

/** Who may do what (DESIGN §1). Checked in the decider, so every edge gets the same answer. */
export const ROLES_THAT_START: readonly Role[] = ['account-admin', 'admin-agent', 'sales-agent'];
export const ROLES_THAT_APPROVE: readonly Role[] = ['account-admin', 'billing-agent'];
export const ROLES_THAT_CANCEL_ANY: readonly Role[] = ['account-admin', 'admin-agent'];

export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

/** "an Account admin, an Admin agent or a Sales agent" */
export function describeRoles(roles: readonly Role[]): string {
  const names = roles.map((r) => `${/^[AEIOU]/.test(ROLE_LABELS[r]) ? 'an' : 'a'} ${ROLE_LABELS[r]}`);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

export function describeActorRoles(actor: Actor): string {
  if (actor.roles.length === 0) return 'You have no Partner Center role';
  return `Your roles: ${actor.roles.map((r) => ROLE_LABELS[r]).join(', ')}`;
}
