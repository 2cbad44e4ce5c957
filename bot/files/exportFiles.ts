/**
 * The files the bot exports, drawn from the move's event stream at the moment they are asked for: the audit trail
 * (every event) and the licence reassignment report (one row per user). Never cut short: they leave as files.
 */
import { auditCsv } from '../../cards/auditCsv';
import type { ExportReport } from '../../cards/fileConsentCard';
import type { CardOptions } from '../../cards/moveView';
import { reassignmentCsv } from '../../cards/reassignmentCsv';
import type { MoveEvent } from '../../move/events';
import { reassignmentReport } from '../../move/reassignmentReport';

export interface ExportFile {
  fileName: string;
  csv: string;
  bytes: Uint8Array;
  /** What the rows count: events (audit) or users (reassignment). */
  rows: number;
}

const FILE_STEMS: Readonly<Record<ExportReport, string>> = Object.freeze({ audit: 'audit', reassignment: 'licence-reassignment' });

/** `contoso.com-audit-2025-03-01.csv`: the customer's domain (letters, digits, dots and dashes only) and the day. */
export function exportFileName(report: ExportReport, customerDomain: string, day: Date): string {
  const customer = customerDomain.toLowerCase().replace(/[^a-z0-9.-]/g, '').replace(/^[.-]+/, '').slice(0, 100) || 'move';
  return `${customer}-${FILE_STEMS[report]}-${day.toISOString().slice(0, 10)}.csv`;
}

export function exportFile(report: ExportReport, moveId: string, customerDomain: string, events: readonly MoveEvent[], options: CardOptions, day: Date): ExportFile {
  const csv = report === 'audit' ? auditCsv(moveId, events, options) : reassignmentCsv(moveId, events);
  const rows = report === 'audit' ? events.length : reassignmentReport(moveId, events).length;
  // UTF-8 with a byte-order mark, so Excel reads names with accents as they are.
  const bytes = new Uint8Array(Buffer.from(`\uFEFF${csv}`, 'utf8'));
  return { fileName: exportFileName(report, customerDomain, day), csv, bytes, rows };
}
