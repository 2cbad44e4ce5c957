/**
 * The per-user licence reassignment report (docs/ARCHITECTURE.md §1, stage 9): one row per user whose licence the move changed
 * or tried to change, over every pass, from the move's event stream. A user's latest result wins (a user
 * skipped in the first pass and moved after a retry shows as moved, at the retry's time). Pure.
 */
import type { MoveEvent } from './events';
import type { PlanLine } from './model';
import { reassignmentKey, type ReassignmentFix, type ReassignmentOutcome } from './reassignment';
import { evolve, initialState, type MoveState } from './state';

export interface ReassignmentReportRow {
  userId: string;
  userPrincipalName: string;
  /** null when the result was recorded before display names were kept. */
  displayName: string | null;
  /** The original licence: its SKU part number ("SPE_E3"), or its Graph skuId when the plan no longer names it. */
  fromSku: string;
  /** The new offers' titles ("Microsoft 365 E3 (no Teams)", "Microsoft Teams Enterprise"); empty when the plan no longer names them. */
  toSkus: string[];
  outcome: ReassignmentOutcome;
  /** What happened, in words (Graph's own message when Graph refused). */
  detail: string;
  fix: ReassignmentFix | null;
  /** When the result was recorded (the event's time). */
  at: string;
  /** The pass that recorded it (1 = first pass over the users). */
  pass: number;
}

/** Every user's latest reassignment result, sorted by user principal name (then source SKU). */
export function reassignmentReport(moveId: string, events: readonly MoveEvent[]): ReassignmentReportRow[] {
  const rows = new Map<string, ReassignmentReportRow>();
  let state: MoveState = initialState(moveId);
  for (const event of events) {
    state = evolve(state, event);
    if (event.type !== 'LicencesReassigned') continue;
    for (const result of event.results) {
      const line = lineOf(state, result.sourceSkuId);
      rows.set(reassignmentKey(result), {
        userId: result.userId,
        userPrincipalName: result.userPrincipalName,
        displayName: result.displayName ?? null,
        fromSku: line?.source.skuPartNumber ?? result.sourceSkuId,
        toSkus: line?.offers.map((o) => o.title) ?? [],
        outcome: result.outcome,
        detail: result.detail,
        fix: result.fix ?? null,
        at: event.at,
        pass: state.reassignment.pass,
      });
    }
  }
  return [...rows.values()].sort((a, b) => a.userPrincipalName.localeCompare(b.userPrincipalName) || a.fromSku.localeCompare(b.fromSku));
}

function lineOf(state: MoveState, sourceSkuId: string): PlanLine | undefined {
  return state.plan?.lines.find((l) => l.source.skuId.toLowerCase() === sourceSkuId.toLowerCase());
}
