import {
  PARTNER_TENANT_ID, PCSYNC_USER_PRINCIPAL_NAME, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_REFRESH_TOKEN,
} from '../sandbox/world/constants';
import { SKU_CATALOG_CSV_PATH } from '../sandbox/api/adminSkuCatalog';

/**
 * Local mode: the bot talks to the sandbox on loopback with the sandbox's own app registration.
 * Only settings that are not already set are filled in, so `.env` and the shell still win — except SANDBOX_URL,
 * which is always `sandboxUrl`: the bot's time follows that sandbox's clock (see services/sandboxFollowingClock.ts).
 * No bot identity is filled in: local mode runs anonymously, so the Agents Playground (which sends no
 * Bot Framework tokens) works; set MicrosoftAppId and the rest in `.env` to run local mode with tokens.
 */
export function withLocalDefaults(env: NodeJS.ProcessEnv, sandboxUrl: string): NodeJS.ProcessEnv {
  const defaults: Record<string, string> = {
    PARTNER_TENANT_ID,
    PARTNER_CENTER_BASE_URL: sandboxUrl,
    GRAPH_BASE_URL: `${sandboxUrl}/graph`,
    LOGIN_BASE_URL: `${sandboxUrl}/login`,
    AZURE_CLIENT_ID: SANDBOX_CLIENT_ID,
    AZURE_CLIENT_SECRET: SANDBOX_CLIENT_SECRET,
    PARTNER_CENTER_REFRESH_TOKEN: SANDBOX_REFRESH_TOKEN,
    // The sandbox's own SKUs in Microsoft's CSV layout: local mode never reaches download.microsoft.com.
    SKU_CATALOG_SOURCE: `${sandboxUrl}${SKU_CATALOG_CSV_PATH}`,
    // Invitation emails leave from the sandbox's service account (they land in the sandbox's outbox).
    MAIL_SENDER_MAILBOX: PCSYNC_USER_PRINCIPAL_NAME,
    SWEEP_INTERVAL_SECONDS: '5',
    HOST: '127.0.0.1',
  };
  const result: NodeJS.ProcessEnv = { ...env };
  for (const [key, value] of Object.entries(defaults)) if (!result[key]) result[key] = value;
  // Always the sandbox this bot runs against: its clock is the bot's domain time (POST /_sandbox/clock moves both).
  result.SANDBOX_URL = sandboxUrl;
  return result;
}
