/**
 * The move's event stream as CSV (time, actor, role, step, detail, correlation id): the audit export, whole (it
 * leaves as a file, never cut short). One row per event, plus one row per user a reassignment batch could not
 * move (the cards show only the first few). Cells are CSV-injection safe (csvCells).
 * The correlation id is the request's or step's (an event stored before events carried one shows the move's).
 */
import { ROLE_LABELS } from '../move/model';
import { withCorrelationIds, type MoveEvent } from '../move/events';
import { REASSIGNMENT_OUTCOME_LABELS, needsAttention } from '../move/reassignment';
import { evolve, initialState, type MoveState } from '../move/state';
import { eventText } from './eventText';
import { userResultText } from './reassignmentView';
import type { CardOptions } from './moveView';
import { csvText } from './csvCells';

export const AUDIT_COLUMNS = ['time', 'actor', 'role', 'step', 'detail', 'correlation id'] as const;

export function auditCsv(moveId: string, events: readonly MoveEvent[], options: CardOptions): string {
  const rows: string[][] = [[...AUDIT_COLUMNS]];
  let state: MoveState = initialState(moveId);
  for (const event of withCorrelationIds(events)) {
    state = evolve(state, event);
    const role = event.actor.roles.map((r) => ROLE_LABELS[r]).join('; ') || (event.actor.id === 'system' ? 'bot' : 'no role');
    rows.push([event.at, event.actor.name, role, event.type, eventText(event, state, options), event.correlationId]);
    if (event.type === 'LicencesReassigned') {
      for (const user of event.results.filter(needsAttention)) {
        rows.push([event.at, event.actor.name, role, `${event.type}: user`,
          `${user.userPrincipalName} — ${REASSIGNMENT_OUTCOME_LABELS[user.outcome] ?? user.outcome} — ${userResultText(user)}`, event.correlationId]);
      }
    }
  }
  return csvText(rows);
}
