/**
 * Licence reassignment (docs/ARCHITECTURE.md §1, stage 9), decided per user. Pure: the step reads the users and sends
 * the changes. One change per user adds the new SKU(s) and removes the old in the same call (never
 * remove first), carries the user's disabled plans over, and is refused here when the user would lose a
 * plan they have (unless an Account admin picked offers knowing what they lack).
 */
import type { PlanLine } from './model';
import type { LicensedUser, UserLicenceChange } from './ports';

export type ReassignmentOutcome = 'moved' | 'skipped-group' | 'skipped-usage-location' | 'would-lose-plans' | 'failed';

export const REASSIGNMENT_OUTCOME_LABELS: Record<ReassignmentOutcome, string> = {
  moved: 'Moved',
  'skipped-group': 'Skipped: licensed through a group',
  'skipped-usage-location': 'Skipped: no usage location',
  'would-lose-plans': 'Not changed: would lose service plans',
  failed: 'Failed',
};

export interface UserReassignment {
  userId: string;
  userPrincipalName: string;
  /** The user's display name (absent from results recorded before it was kept). */
  displayName?: string;
  sourceSkuId: string;
  outcome: ReassignmentOutcome;
  /** What happened, in words (Graph's own message when Graph refused). */
  detail: string;
  /** What a person can do about it, when the bot cannot (worded on the cards). Absent from results recorded before it existed. */
  fix?: ReassignmentFix;
}

/** What a person can do for a user the bot could not move; each ends with the reassignment run again. */
export type ReassignmentFix =
  | 'retry'
  | 'set-usage-location'
  | 'check-order-quantity'
  | 'remove-conflicting-licence'
  | 'change-group-licences'
  | 'check-licences-in-entra';

/**
 * A user whose licence change is about to go to Graph, recorded before it is sent: if the bot stops (or the
 * step fails) before the answer is recorded, the next run reads the user's licences to learn what happened.
 */
export interface SentChange {
  userId: string;
  userPrincipalName: string;
  displayName?: string;
  sourceSkuId: string;
}

/** A move's licence reassignment so far: the current pass's outcome per user, and the users moved over all passes. */
export interface ReassignmentProgress {
  /** 1 for the first pass over the users, 2 after a retry … (0 before any). */
  pass: number;
  /** This pass's outcome per user (`sourceSkuId/userId`). */
  results: Record<string, UserReassignment>;
  /** Users moved over all passes. */
  movedTotal: number;
  /**
   * Changes recorded as about to go to Graph whose outcome is not recorded yet (the next run reads those
   * users' licences first when it did not send them itself: they may have changed before the bot stopped).
   */
  sending: SentChange[];
  finishedAt: string | null;
}

export function reassignmentKey(result: { sourceSkuId: string; userId: string }): string {
  return `${result.sourceSkuId.toLowerCase()}/${result.userId}`;
}

export type UserDecision =
  | { kind: 'change'; change: UserLicenceChange; upn: string; displayName?: string; carriedDisabled: number }
  | { kind: 'skip'; result: UserReassignment };

/** The service plan ids of each new Graph SKU of a line (from the SKU table). */
export type SkuPlans = ReadonlyMap<string, ReadonlySet<string>>;

export function decideUser(user: LicensedUser, line: PlanLine, sourcePlans: ReadonlyMap<string, string>, newSkuPlans: SkuPlans): UserDecision {
  const sourceSkuId = line.source.skuId.toLowerCase();
  const base = { userId: user.id, userPrincipalName: user.userPrincipalName, ...(user.displayName ? { displayName: user.displayName } : {}), sourceSkuId };
  const viaGroup = user.licenseAssignmentStates.filter((s) => s.skuId.toLowerCase() === sourceSkuId && s.assignedByGroup);
  if (viaGroup.length > 0) {
    return skip(base, 'skipped-group', `${line.source.skuPartNumber} comes from group ${viaGroup.map((s) => s.assignedByGroup).join(', ')}: assign ${titles(line)} to that group in Microsoft Entra (group-based licensing), then remove ${line.source.skuPartNumber} from it.`);
  }
  if (!user.usageLocation) {
    return skip(base, 'skipped-usage-location', 'No usage location (a licence cannot be assigned without one).', 'set-usage-location');
  }
  const held = user.assignedLicenses.find((l) => l.skuId.toLowerCase() === sourceSkuId);
  const disabled = new Set((held?.disabledPlans ?? []).map((p) => p.toLowerCase()));
  const newSkuIds = line.offers.map((o) => o.provisioningId?.toLowerCase()).filter((id): id is string => Boolean(id));
  const granted = new Set<string>();
  const addLicenses = [];
  let carriedDisabled = 0;
  for (const skuId of newSkuIds) {
    const plans = newSkuPlans.get(skuId) ?? new Set<string>();
    const carried = [...plans].filter((p) => disabled.has(p));
    carriedDisabled += carried.length;
    for (const p of plans) if (!disabled.has(p)) granted.add(p);
    if (!user.assignedLicenses.some((l) => l.skuId.toLowerCase() === skuId)) addLicenses.push({ skuId, disabledPlans: carried });
  }
  const lost = [...sourcePlans].filter(([id]) => !disabled.has(id) && !granted.has(id)).map(([, name]) => name);
  // A picked line's losses were accepted by the Account admin who picked it (they are on the plan card).
  if (lost.length > 0 && line.match !== 'chosen') {
    return skip(base, 'would-lose-plans', `Would lose ${lost.length} service plan${lost.length === 1 ? '' : 's'} (${lost.slice(0, 5).join(', ')}): not changed. Check the plan's offers.`);
  }
  return {
    kind: 'change', change: { userId: user.id, addLicenses, removeLicenses: [sourceSkuId] }, upn: user.userPrincipalName,
    ...(user.displayName ? { displayName: user.displayName } : {}), carriedDisabled,
  };
}

function skip(base: Omit<UserReassignment, 'outcome' | 'detail'>, outcome: ReassignmentOutcome, detail: string, fix?: ReassignmentFix): UserDecision {
  return { kind: 'skip', result: { ...base, outcome, detail, ...(fix ? { fix } : {}) } };
}

function titles(line: PlanLine): string {
  return line.offers.map((o) => o.title).join(' + ');
}

/** Outcomes that need a person before the move can go on. */
export function needsAttention(result: UserReassignment): boolean {
  return result.outcome !== 'moved';
}
