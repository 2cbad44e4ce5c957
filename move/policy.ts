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

/** Who approves a plan (configuration): DESIGN §1 step 7 plus the thresholds. */
export interface ApprovalPolicy {
  approverRoles: readonly Role[];
  /** The person the plan is proposed for may not approve it. */
  fourEyes: boolean;
  /** A plan buying more seats than this needs an Account admin; null = no threshold. */
  accountAdminAboveSeats: number | null;
}

export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = {
  approverRoles: ROLES_THAT_APPROVE,
  fourEyes: true,
  accountAdminAboveSeats: 300,
};

export interface ApprovalRequirement {
  roles: readonly Role[];
  fourEyes: boolean;
  /** Why the roles are narrower than the policy's approvers (empty when they are not). */
  reasons: string[];
}

/** What this plan needs: offers an Account admin picked by hand, or many seats, need an Account admin. */
export function approvalRequirement(plan: { lines: ReadonlyArray<{ match: string; quantity: number; source: { skuPartNumber: string } }> }, policy: ApprovalPolicy): ApprovalRequirement {
  const reasons: string[] = [];
  const picked = plan.lines.filter((l) => l.match === 'chosen');
  if (picked.length > 0) reasons.push(`offers were picked by hand for ${picked.map((l) => l.source.skuPartNumber).join(', ')}`);
  const seats = plan.lines.reduce((sum, l) => sum + l.quantity, 0);
  if (policy.accountAdminAboveSeats !== null && seats > policy.accountAdminAboveSeats) {
    reasons.push(`it buys ${seats} licences, more than ${policy.accountAdminAboveSeats}`);
  }
  return { roles: reasons.length > 0 ? ['account-admin'] : policy.approverRoles, fourEyes: policy.fourEyes, reasons };
}
