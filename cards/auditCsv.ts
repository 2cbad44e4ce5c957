/** The move's event stream as CSV (time, actor, role, step, detail): the audit export. */
import { ROLE_LABELS } from '../move/model';
import type { MoveEvent } from '../move/events';
import { evolve, initialState, type MoveState } from '../move/state';
import { eventText } from './eventText';

export const AUDIT_COLUMNS = ['time', 'actor', 'role', 'step', 'detail'] as const;

export function auditCsv(moveId: string, events: readonly MoveEvent[]): string {
  const rows: string[][] = [[...AUDIT_COLUMNS]];
  let state: MoveState = initialState(moveId);
  for (const event of events) {
    state = evolve(state, event);
    rows.push([
      event.at,
      event.actor.name,
      event.actor.roles.map((r) => ROLE_LABELS[r]).join('; ') || (event.actor.id === 'system' ? 'bot' : 'no role'),
      event.type,
      eventText(event, state),
    ]);
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n');
}

/** RFC 4180 quoting, and no cell a spreadsheet would run as a formula. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
