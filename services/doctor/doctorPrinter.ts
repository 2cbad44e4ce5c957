/**
 * The doctor's report as text: one line per check (✔ ok, ✖ problem, – skipped; name; detail), then each problem's
 * fix, then one summary line. Plain text: it goes to a terminal or a deployment log.
 */
import type { CheckResult, CheckStatus } from './doctorTypes';

export const STATUS_MARK: Record<CheckStatus, string> = { ok: '✔', problem: '✖', skipped: '–' };

export function formatReport(results: readonly CheckResult[], heading?: string): string {
  const width = Math.max(0, ...results.map((r) => r.name.length));
  const lines: string[] = heading ? [heading, ''] : [];
  for (const result of results) lines.push(`${STATUS_MARK[result.status]} ${result.name.padEnd(width)}  ${oneLine(result.detail)}`);
  const problems = results.filter((r) => r.status === 'problem');
  if (problems.length > 0) {
    lines.push('', 'How to fix:');
    for (const result of problems) {
      lines.push(`✖ ${result.name}`);
      for (const fixLine of (result.fix?.trim() || 'No fix is known; the detail above says what failed.').split('\n')) lines.push(`    ${fixLine}`);
    }
  }
  const count = (status: CheckStatus) => results.filter((r) => r.status === status).length;
  lines.push('', problems.length === 0
    ? `All green: ${count('ok')} ok, ${count('skipped')} skipped.`
    : `${problems.length} problem${problems.length === 1 ? '' : 's'}, ${count('ok')} ok, ${count('skipped')} skipped.`);
  return `${lines.join('\n')}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' | ');
}
