/**
 * Staff change the plan before it is approved: a line's term and billing, its quantity, its buy date. The plan is
 * redrawn with a new hash, so an approval is always for exactly what was shown, and whoever changed it proposes it
 * (with four-eyes, someone else approves).
 */
import type { AdjustPlan, PlanLineChange } from '../commands';
import { accept, expectStage, refuse, type Decision, type RefusalReason } from '../decision';
import type { PlanLine } from '../model';
import { planHash, termDefaultWarning } from '../plan';
import { termChoices } from '../planPricing';
import { hasAnyRole, ROLES_THAT_START } from '../policy';
import { dayOf } from '../schedule';
import type { MoveState } from '../state';
import type { DecisionContext } from './handler';

/** More than any one purchase of a customer's licences (Partner Center caps offers lower still; the order step says so). */
export const MAX_LINE_QUANTITY = 100_000;

export function adjustPlan(command: AdjustPlan, state: MoveState, { envelope, approval }: DecisionContext): Decision {
  const wrong = expectStage(state, 'approval');
  if (wrong) return wrong;
  const roles = [...new Set([...ROLES_THAT_START, ...approval.approverRoles])];
  if (!hasAnyRole(command.actor, roles)) {
    return refuse({ kind: 'role-required', action: 'adjust-plan', roles, actorRoles: command.actor.roles });
  }
  const plan = state.plan;
  if (!plan || command.planHash !== plan.hash) return refuse({ kind: 'plan-changed', by: state.proposer?.name ?? null, at: state.proposedAt });
  const lines = [...plan.lines];
  for (const change of command.changes) {
    const index = lines.findIndex((l) => l.source.skuId.toLowerCase() === change.sourceSkuId.toLowerCase());
    if (index < 0) return refuse({ kind: 'line-not-in-plan', sku: change.sourceSkuId.slice(0, 80) });
    const problem = changeProblem(lines[index], change, command.at);
    if (problem) return refuse(problem);
    lines[index] = applied(lines[index], change);
  }
  const hash = planHash(lines);
  if (hash === plan.hash) return refuse({ kind: 'plan-unchanged' });
  return accept({ type: 'PlanAdjusted', ...envelope, plan: { ...plan, lines, hash }, changes: command.changes });
}

function changeProblem(line: PlanLine, change: PlanLineChange, at: string): RefusalReason | null {
  const sku = line.source.displayName || line.source.skuPartNumber;
  if (!termChoices(line).some((c) => c.termDuration === change.termDuration && c.billingCycle === change.billingCycle)) {
    return { kind: 'term-not-sold', sku, termDuration: change.termDuration, billingCycle: change.billingCycle };
  }
  if (!Number.isInteger(change.quantity)) return { kind: 'quantity-not-whole', sku, quantity: change.quantity };
  if (change.quantity < line.source.consumedUnits) {
    return { kind: 'quantity-below-assigned', sku, quantity: change.quantity, assigned: line.source.consumedUnits };
  }
  if (change.quantity > MAX_LINE_QUANTITY) return { kind: 'quantity-too-large', sku, quantity: change.quantity, max: MAX_LINE_QUANTITY };
  if (change.buyOn !== null) {
    const today = dayOf(at) ?? at.slice(0, 10);
    const day = dayOf(change.buyOn);
    if (!day || day < today) return { kind: 'buy-date-past', sku, buyOn: change.buyOn.slice(0, 10), today };
    const end = dayOf(line.source.endsAt);
    if (end && day > end) return { kind: 'buy-date-after-end', sku, buyOn: day, endsOn: end };
  }
  return null;
}

/** The line as changed; the note that the term was only the configured default goes once someone chose it. */
function applied(line: PlanLine, change: PlanLineChange): PlanLine {
  const termChanged = change.termDuration !== line.termDuration || change.billingCycle !== line.billingCycle;
  const defaultNote = termDefaultWarning(line.termDuration, line.billingCycle);
  return {
    ...line,
    termDuration: change.termDuration,
    billingCycle: change.billingCycle,
    quantity: change.quantity,
    buyOn: change.buyOn,
    warnings: termChanged ? line.warnings.filter((w) => w !== defaultNote) : line.warnings,
  };
}
