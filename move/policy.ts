import type { Actor, Role } from './model';
import type { ApprovalNarrowing } from './refusals';

/** Who may do what (docs/ARCHITECTURE.md §1). Checked in the decider, so every edge gets the same answer. */
export const ROLES_THAT_START: readonly Role[] = ['account-admin', 'admin-agent', 'sales-agent'];
export const ROLES_THAT_APPROVE: readonly Role[] = ['account-admin', 'billing-agent'];
export const ROLES_THAT_CANCEL_ANY: readonly Role[] = ['account-admin', 'admin-agent'];

export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

/** Who approves a plan (configuration): docs/ARCHITECTURE.md §1, stage 7. */
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
  narrowedBecause: ApprovalNarrowing[];
}

/** What this plan needs: offers an Account admin picked by hand, or many seats, need an Account admin. */
export function approvalRequirement(plan: { lines: ReadonlyArray<{ match: string; quantity: number; source: { skuPartNumber: string } }> }, policy: ApprovalPolicy): ApprovalRequirement {
  const narrowedBecause: ApprovalNarrowing[] = [];
  const picked = plan.lines.filter((l) => l.match === 'chosen');
  if (picked.length > 0) narrowedBecause.push({ kind: 'offers-picked', skus: picked.map((l) => l.source.skuPartNumber) });
  const seats = plan.lines.reduce((sum, l) => sum + l.quantity, 0);
  if (policy.accountAdminAboveSeats !== null && seats > policy.accountAdminAboveSeats) {
    narrowedBecause.push({ kind: 'many-seats', seats, limit: policy.accountAdminAboveSeats });
  }
  return { roles: narrowedBecause.length > 0 ? ['account-admin'] : policy.approverRoles, fourEyes: policy.fourEyes, narrowedBecause };
}
