/** Check 1: the settings parse, with the bot's own problem lines (bot/config.ts: one per setting, each with its fix). */
import { ok, problem, type DoctorCheck } from './doctorTypes';

export const settingsCheck: DoctorCheck = {
  name: 'settings',
  async run(context) {
    if (!context.config) {
      const count = context.configProblems.length;
      return problem(`${count} setting${count === 1 ? '' : 's'} refused (${context.mode} mode)`, context.configProblems.join('\n'));
    }
    if (!context.services) {
      return problem('the app\'s credential cannot be used', context.servicesProblem ?? 'Check AZURE_CLIENT_ID and its credential settings.');
    }
    const config = context.config;
    const warnings = config.warnings.length > 0 ? `; ${config.warnings.length} warning${config.warnings.length === 1 ? '' : 's'}: ${config.warnings.join(' | ')}` : '';
    return ok(`${context.mode} mode, partner tenant ${config.PARTNER_TENANT_ID}, app ${config.AZURE_CLIENT_ID}${warnings}`);
  },
};

/** The reason every other check gives when the settings or the services are unusable. */
export function notConfigured(context: { servicesProblem: string | null }): string {
  return `not run: ${context.servicesProblem ?? 'the settings do not parse'}`;
}
