/**
 * Runs the doctor's checks one after the other (their output stays in a fixed order), each on its own: a check that
 * throws is reported as its problem, and the others still run.
 */
import { createDoctorContext, type DoctorOptions } from './doctorContext';
import type { CheckResult, DoctorCheck, DoctorContext } from './doctorTypes';
import { customerAccessCheck, mailSenderCheck, rolesCheck } from './graphChecks';
import { manifestCheck } from './manifestCheck';
import { partnerCenterAppOnlyCheck, partnerCenterAppUserCheck, webhookRegistrationCheck } from './partnerCenterChecks';
import { priceSheetCheck } from './priceSheetCheck';
import { settingsCheck } from './settingsCheck';
import { storageCheck } from './storageCheck';

export const DOCTOR_CHECKS: readonly DoctorCheck[] = [
  settingsCheck, partnerCenterAppUserCheck, partnerCenterAppOnlyCheck, rolesCheck, customerAccessCheck, mailSenderCheck,
  webhookRegistrationCheck, manifestCheck, priceSheetCheck, storageCheck,
];

export interface DoctorReport {
  context: DoctorContext;
  results: CheckResult[];
  /** 0 when nothing is a problem, 1 otherwise. */
  exitCode: 0 | 1;
}

export async function runDoctor(options: DoctorOptions, checks: readonly DoctorCheck[] = DOCTOR_CHECKS): Promise<DoctorReport> {
  const context = createDoctorContext(options);
  return { context, ...(await runChecks(context, checks)) };
}

export async function runChecks(context: DoctorContext, checks: readonly DoctorCheck[]): Promise<{ results: CheckResult[]; exitCode: 0 | 1 }> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    try {
      results.push({ name: check.name, ...(await check.run(context)) });
    } catch (error) {
      results.push({
        name: check.name, status: 'problem',
        detail: `the check failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        fix: 'Run the doctor again; if it repeats, the message above says which setting or service to look at.',
      });
    }
  }
  return { results, exitCode: exitCodeOf(results) };
}

export function exitCodeOf(results: readonly CheckResult[]): 0 | 1 {
  return results.some((r) => r.status === 'problem') ? 1 : 0;
}
