/**
 * The doctor's view of the deployment: the settings exactly as the bot reads them (bot/config.ts, in the mode
 * given) and the outbound services built from them as the composition root builds them (bot/app.ts), so a check
 * passes only if the bot's own calls would.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, type BotConfig, type ConfigMode } from '../../bot/config';
import type { PartnerProfile } from '../../move/ports';
import { appIdentityFromEnvironment, CredentialConfigurationError } from '../identity/appIdentityFromEnvironment';
import { createOutboundServices, type OutboundServices } from '../outboundServices';
import { defaultPartnerApiBaseUrl } from '../partnerCenter/priceSheetSettings';
import type { DoctorContext } from './doctorTypes';

export const DEFAULT_APP_PACKAGE_DIR = path.resolve(__dirname, '..', '..', 'appPackage', 'build');

export interface DoctorOptions {
  env: NodeJS.ProcessEnv;
  mode: ConfigMode;
  /** App package zips to check. Default: every `*.zip` in appPackage/build (package:app and the Agents Toolkit write there). */
  appPackageFiles?: string[];
  /** Milliseconds (token and price-sheet lifetimes). Default Date.now. */
  now?: () => number;
}

export function createDoctorContext(options: DoctorOptions): DoctorContext {
  const { env, mode } = options;
  let config: BotConfig | null = null;
  let configProblems: string[] = [];
  try {
    config = loadConfig(env, mode);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    configProblems = error.problems;
  }
  let services: OutboundServices | null = null;
  let servicesProblem: string | null = config ? null : 'the settings do not parse (see "settings")';
  if (config) {
    try {
      services = outboundServicesFor(config, env, options.now);
    } catch (error) {
      servicesProblem = error instanceof CredentialConfigurationError ? error.problems.join('; ') : error instanceof Error ? error.message : String(error);
    }
  }
  const correlationId = randomUUID();
  let profile: Promise<PartnerProfile> | undefined;
  return {
    mode, env, config, configProblems, services, servicesProblem, correlationId,
    partnerProfile() {
      if (!services) return Promise.reject(new Error(servicesProblem ?? 'no outbound services'));
      profile ??= services.partnerCenter.partnerProfile({ correlationId });
      return profile;
    },
    appPackageFiles: options.appPackageFiles ?? zipsIn(DEFAULT_APP_PACKAGE_DIR),
    publicUrl: publicUrlOf(env),
  };
}

/** The same outbound services as bot/app.ts builds (credential, endpoints, refresh token, rate limits), without a logger. */
function outboundServicesFor(config: BotConfig, env: NodeJS.ProcessEnv, now: (() => number) | undefined): OutboundServices {
  const identity = config.LOGIN_BASE_URL.startsWith('https:')
    ? appIdentityFromEnvironment({
      ...env, ...stringSettings(config), AZURE_TENANT_ID: config.AZURE_TENANT_ID ?? config.PARTNER_TENANT_ID, AZURE_AUTHORITY_HOST: config.LOGIN_BASE_URL,
    })
    : undefined;
  return createOutboundServices({
    endpoints: {
      loginBaseUrl: config.LOGIN_BASE_URL, partnerCenterBaseUrl: config.PARTNER_CENTER_BASE_URL, graphBaseUrl: `${config.GRAPH_BASE_URL}/`,
      partnerApiBaseUrl: config.PARTNER_PRICES_BASE_URL ?? defaultPartnerApiBaseUrl(config.PARTNER_CENTER_BASE_URL),
    },
    partnerTenantId: config.PARTNER_TENANT_ID, clientId: config.AZURE_CLIENT_ID, clientSecret: config.AZURE_CLIENT_SECRET,
    refreshToken: config.PARTNER_CENTER_REFRESH_TOKEN, roleOverrides: config.roleOverrides, roleCacheTtlMs: 0,
    credentialFor: identity?.credentialFor, onBehalfOf: identity ? identity.onBehalfOf : undefined, onBehalfOfUnavailable: identity?.onBehalfOfUnavailable,
    customerGraphMode: config.CUSTOMER_GRAPH_MODE, rateLimits: config.rateLimits, gdapAccessGroup: config.GDAP_ACCESS_GROUP,
    mailSenderMailbox: config.MAIL_SENDER_MAILBOX, now,
  });
}

function stringSettings(config: BotConfig): Record<string, string> {
  return Object.fromEntries(Object.entries(config).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}

function zipsIn(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).filter((name) => name.toLowerCase().endsWith('.zip')).sort().map((name) => path.join(folder, name));
}

/**
 * The bot's public URL, from the names the Agents Toolkit and infra/main.bicep use: BOT_ENDPOINT (`https://host`)
 * or BOT_DOMAIN (the host name). Not a bot setting: the bot never needs to know it.
 */
export function publicUrlOf(env: NodeJS.ProcessEnv): string | null {
  const endpoint = env.BOT_ENDPOINT?.trim();
  if (endpoint) return endpoint.replace(/\/+$/, '');
  const domain = env.BOT_DOMAIN?.trim();
  return domain ? `https://${domain.replace(/\/+$/, '')}` : null;
}
