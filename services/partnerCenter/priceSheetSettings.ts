/**
 * PARTNER_PRICES_BASE_URL: where the price sheet is read (the Partner API host, api.partner.microsoft.com —
 * not Partner Center's api.partnercenter.microsoft.com). Read here rather than in bot/config.ts so the setting
 * can be wired without changing the configuration schema; the checks follow the other URL settings (an http(s)
 * URL with a host and no credentials; https in production).
 *
 * Default: production's host, unless PARTNER_CENTER_BASE_URL points somewhere else than production — the local
 * sandbox serves both APIs under one origin, so local mode needs no extra setting.
 */
import { PRODUCTION_PARTNER_API_BASE_URL } from './priceSheetClient';

export const PARTNER_PRICES_BASE_URL = 'PARTNER_PRICES_BASE_URL';
const PRODUCTION_PARTNER_CENTER_ORIGIN = 'https://api.partnercenter.microsoft.com';

/** The Partner API base URL to use when PARTNER_PRICES_BASE_URL is not set. */
export function defaultPartnerApiBaseUrl(partnerCenterBaseUrl: string): string {
  const trimmed = partnerCenterBaseUrl.trim().replace(/\/+$/, '');
  let origin: string;
  try {
    origin = new URL(trimmed).origin.toLowerCase();
  } catch {
    return PRODUCTION_PARTNER_API_BASE_URL;
  }
  return origin === PRODUCTION_PARTNER_CENTER_ORIGIN ? PRODUCTION_PARTNER_API_BASE_URL : trimmed;
}

export interface PartnerApiBaseUrlSetting {
  url: string;
  /** One problem line starting with the variable, or null; report it with the other configuration problems. */
  problem: string | null;
}

/** PARTNER_PRICES_BASE_URL from the environment, checked for the mode; the default when unset or empty. */
export function partnerApiBaseUrlFromEnvironment(
  env: NodeJS.ProcessEnv, mode: 'local' | 'production', partnerCenterBaseUrl: string,
): PartnerApiBaseUrlSetting {
  const fallback = defaultPartnerApiBaseUrl(partnerCenterBaseUrl);
  const raw = env[PARTNER_PRICES_BASE_URL]?.trim();
  if (!raw) return { url: fallback, problem: null };
  const example = PRODUCTION_PARTNER_API_BASE_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { url: fallback, problem: `${PARTNER_PRICES_BASE_URL}: not an http(s) URL; use one like ${example}` };
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') {
    return { url: fallback, problem: `${PARTNER_PRICES_BASE_URL}: not an http(s) URL; use one like ${example}` };
  }
  if (url.username || url.password) {
    return { url: fallback, problem: `${PARTNER_PRICES_BASE_URL}: remove the user name and password from the URL; use one like ${example}` };
  }
  if (url.protocol === 'http:' && mode === 'production') {
    return { url: fallback, problem: `${PARTNER_PRICES_BASE_URL}: use an https URL like ${example} (http is allowed only in local mode, against the sandbox)` };
  }
  return { url: raw.replace(/\/+$/, ''), problem: null };
}
