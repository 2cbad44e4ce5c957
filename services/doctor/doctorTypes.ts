/**
 * `npm run doctor`: each check has a name, a status and, for a problem, the fix in plain words (which setting or
 * permission, and where to change it). A check only reads: GET calls and token requests, never a change.
 */
import type { BotConfig, ConfigMode } from '../../bot/config';
import type { PartnerProfile } from '../../move/ports';
import type { OutboundServices } from '../outboundServices';

export type CheckStatus = 'ok' | 'problem' | 'skipped';

export interface CheckOutcome {
  status: CheckStatus;
  /** One line: what was found (ok), what is wrong (problem), or why the check did not run (skipped). */
  detail: string;
  /** For a problem: what to do, naming the setting or permission and where to change it. */
  fix?: string;
}

export interface CheckResult extends CheckOutcome {
  name: string;
}

export interface DoctorCheck {
  name: string;
  run(context: DoctorContext): Promise<CheckOutcome>;
}

/** What every check reads: the settings as the bot reads them and the bot's own outbound services. */
export interface DoctorContext {
  mode: ConfigMode;
  env: NodeJS.ProcessEnv;
  /** Null when the settings do not parse (the settings check says why). */
  config: BotConfig | null;
  configProblems: string[];
  /** Null when the settings do not parse or the services could not be built (`servicesProblem` says why). */
  services: OutboundServices | null;
  servicesProblem: string | null;
  /** One correlation id for every call of this run (MS-CorrelationId, client-request-id). */
  correlationId: string;
  /** The legal business profile (`GET /v1/profiles/legalbusiness`), read once per run. */
  partnerProfile(): Promise<PartnerProfile>;
  /** The Teams app packages to check (zip files); empty when none was built. */
  appPackageFiles: string[];
  /** The bot's public https URL (BOT_ENDPOINT, or https://BOT_DOMAIN), when known. */
  publicUrl: string | null;
}

export const ok = (detail: string): CheckOutcome => ({ status: 'ok', detail });
export const problem = (detail: string, fix: string): CheckOutcome => ({ status: 'problem', detail, fix });
export const skipped = (reason: string): CheckOutcome => ({ status: 'skipped', detail: reason });
