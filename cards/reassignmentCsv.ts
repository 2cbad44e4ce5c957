/**
 * The licence reassignment report as CSV: one row per user (user principal name, display name, from SKU, to SKU,
 * outcome, what happened and what to do, when), every user over every pass — the cards list only the first few.
 * Cells are CSV-injection safe (csvCells).
 */
import type { MoveEvent } from '../move/events';
import { REASSIGNMENT_OUTCOME_LABELS } from '../move/reassignment';
import { reassignmentReport } from '../move/reassignmentReport';
import { csvText } from './csvCells';
import { userResultText } from './reassignmentView';

export const REASSIGNMENT_COLUMNS = ['user principal name', 'display name', 'from SKU', 'to SKU', 'outcome', 'fix / why', 'when'] as const;

export function reassignmentCsv(moveId: string, events: readonly MoveEvent[]): string {
  const rows: string[][] = [[...REASSIGNMENT_COLUMNS]];
  for (const row of reassignmentReport(moveId, events)) {
    rows.push([
      row.userPrincipalName,
      row.displayName ?? '',
      row.fromSku,
      row.toSkus.join(' + '),
      REASSIGNMENT_OUTCOME_LABELS[row.outcome] ?? row.outcome,
      userResultText({ userId: row.userId, userPrincipalName: row.userPrincipalName, sourceSkuId: row.fromSku, outcome: row.outcome, detail: row.detail, ...(row.fix ? { fix: row.fix } : {}) }),
      row.at,
    ]);
  }
  return csvText(rows);
}
