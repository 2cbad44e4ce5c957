/** Roles in words: who can do something, and what roles the reader has. */
import { ROLE_LABELS, type Role } from '../move/model';

/** "an Account admin, an Admin agent or a Sales agent" */
export function describeRoles(roles: readonly Role[]): string {
  const names = roles.map((r) => `${/^[AEIOU]/.test(ROLE_LABELS[r]) ? 'an' : 'a'} ${ROLE_LABELS[r]}`);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** "Your roles: Sales agent" (or that there is none). */
export function describeActorRoles(actor: { roles: readonly Role[] }): string {
  if (actor.roles.length === 0) return 'You have no Partner Center role';
  return `Your roles: ${actor.roles.map((r) => ROLE_LABELS[r]).join(', ')}`;
}
