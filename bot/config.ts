import { z } from 'zod';
import type { Role } from '../move/model';
import { DEFAULT_RATE_LIMITS, type RateLimit, type ThrottleScope } from '../services/http/rateLimiter';
import { isMailboxId } from '../services/graph/graphMailer';
import { appIdentityFromEnvironment, CredentialConfigurationError } from '../services/identity/appIdentityFromEnvironment';
import { MICROSOFT_LICENSING_CSV_URL, skuCatalogSourceProblem } from '../services/skuCatalog/skuCatalogLoader';
import { connectionStringProblem } from '../services/telemetry/connectionString';
import { readBotIdentity, type BotIdentitySettings } from './botIdentitySettings';
import { isHttpUrl, isLoopbackHost, urlSettingProblem, type ConfigMode } from './configValues';
import { canonicalGuid } from './guid';
import { DEFAULT_LOCALE, isLocale, languageOf, type Locale } from '../cards/i18n/locales';

export type { BotCredential, BotIdentitySettings } from './botIdentitySettings';
export type { ConfigMode } from './configValues';
export { canonicalGuid } from './guid';

/**
 * Configuration from the environment. Every problem — a missing or invalid setting, or settings that do
 * not fit together — is collected and reported at once, one line per problem, each starting with the
 * variable and saying the fix (docs/ARCHITECTURE.md §3). Risky but legal settings come back as `warnings`. Every
 * variable is listed and explained in .env.example.
 */
const ROLE_VALUES = ['account-admin', 'admin-agent', 'sales-agent', 'billing-agent', 'helpdesk-agent'] as const;

const urlSetting = z.string().trim().refine(isHttpUrl).transform((u) => u.replace(/\/+$/, ''));
const optionalText = z.string().trim().optional().transform((v) => (v ? v : undefined));
/** A GUID, stored canonical (lowercase, no braces). */
const guidSetting = z.string().transform((value, ctx) => {
  const id = canonicalGuid(value);
  if (id === null) {
    ctx.addIssue({ code: 'custom', message: 'not a GUID', params: { prefix: true } });
    return z.NEVER;
  }
  return id;
});

const shape = {
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().default('0.0.0.0'),
  /** The bot identity's settings are checked by bot/botIdentitySettings.ts (→ `botIdentity`); here as given. */
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: optionalText,
  MicrosoftAppTenantId: optionalText,
  PARTNER_TENANT_ID: guidSetting,
  PARTNER_COUNTRY: z.string().trim().regex(/^[A-Za-z]{2}$/).optional(),
  PARTNER_CENTER_BASE_URL: urlSetting.default('https://api.partnercenter.microsoft.com'),
  GRAPH_BASE_URL: urlSetting.default('https://graph.microsoft.com'),
  LOGIN_BASE_URL: urlSetting.default('https://login.microsoftonline.com'),
  /** The Partner API host of price sheets; default api.partner.microsoft.com (or PARTNER_CENTER_BASE_URL when that is not production's). */
  PARTNER_PRICES_BASE_URL: urlSetting.optional(),
  AZURE_CLIENT_ID: z.string().trim().min(1),
  AZURE_CLIENT_SECRET: optionalText,
  AZURE_TENANT_ID: guidSetting.optional(),
  AZURE_CLIENT_CERTIFICATE_PATH: optionalText,
  AZURE_CLIENT_CERTIFICATE_PASSWORD: optionalText,
  AZURE_USE_MANAGED_IDENTITY: optionalText,
  /** `app`: the app's own token in customer tenants (needs consent there); `app+user`: through GDAP roles. */
  CUSTOMER_GRAPH_MODE: z.enum(['app', 'app+user']).default('app'),
  /** `default`, `off`, or JSON limits per throttling scope for the client-side token buckets. */
  OUTBOUND_RATE_LIMITS: optionalText,
  PARTNER_CENTER_REFRESH_TOKEN: optionalText,
  /** The partner security group given GDAP access once a customer approves: its object id or display name. */
  GDAP_ACCESS_GROUP: z.string().trim().max(256).default('AdminAgents'),
  DATA_DIR: z.string().default('.data'),
  SWEEP_INTERVAL_SECONDS: z.coerce.number().min(1).max(86_400).default(300),
  DEFAULT_TERM: z.enum(['P1M', 'P1Y', 'P3Y']).default('P1Y'),
  DEFAULT_BILLING: z.enum(['monthly', 'annual', 'triennial']).default('monthly'),
  /** on: accept Partner Center webhook events at /api/partnercenter/events (register that URL in Partner Center). */
  PARTNER_CENTER_WEBHOOKS: z.enum(['on', 'off']).default('off'),
  INVITATION_REMINDER_DAYS: z.coerce.number().min(1).max(89).default(7),
  APPROVAL_REMINDER_HOURS: z.coerce.number().min(1).max(720).default(24),
  SOURCE_REMINDER_DAYS: z.coerce.number().min(1).max(90).default(14),
  /** Days before each original subscription ends to buy its replacement (or at approval when that day has passed). */
  BUY_DAYS_BEFORE_END: z.coerce.number().int().min(0).max(3650).default(7),
  PURCHASE_REMINDER_HOURS: z.coerce.number().min(1).max(720).default(24),
  ROLE_CACHE_SECONDS: z.coerce.number().min(0).max(86_400).default(300),
  ROLE_OVERRIDES: z.string().optional(),
  CSP_REGIONS_FILE: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  STORE: z.enum(['file', 'azure']).default('file'),
  /** STORE=azure: the storage account (Table + Blob) shared by every bot instance. Never logged. */
  AZURE_STORAGE_CONNECTION_STRING: optionalText,
  /** The reply budget: how long a card click waits for the move to settle before answering. */
  REPLY_BUDGET_MS: z.coerce.number().int().min(0).max(12_000).default(8_000),
  /** Azure Bot OAuth connection for Teams single sign-on; App+User calls then act as the staff member. */
  SSO_CONNECTION_NAME: optionalText,
  /** The mailbox the bot emails invitations from (app-only Graph Mail.Send) when the staff member is not signed in. */
  MAIL_SENDER_MAILBOX: optionalText.refine((value) => value === undefined || isMailboxId(value)),
  /** Microsoft's SKU → service-plan table: a file path or an http(s) URL (downloaded copies are cached). */
  SKU_CATALOG_SOURCE: z.string().trim().default(MICROSOFT_LICENSING_CSV_URL)
    .superRefine((value, ctx) => {
      const problem = skuCatalogSourceProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { own: true } });
    }),
  SKU_CATALOG_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** The operator's offer map (JSON), merged over the shipped move/data/offer-map.json. */
  OFFER_MAP_FILE: optionalText,
  /** Approval policy: comma list of roles that may approve a plan (parsed into `approverRoles`). */
  APPROVER_ROLES: z.string().default('account-admin,billing-agent'),
  /** on: the person who proposed a plan may not approve it. */
  FOUR_EYES: z.enum(['on', 'off']).default('on'),
  /** A plan buying more seats than this needs an Account admin's approval. */
  ACCOUNT_ADMIN_ABOVE_SEATS: z.coerce.number().int().min(0).default(300),
  /** Local mode only: the sandbox whose clock the bot's time follows (`npm start` sets it; ignored in production). */
  SANDBOX_URL: urlSetting.optional(),
  /** Application Insights: set, the bot sends traces and metrics there (OpenTelemetry); empty, nothing is loaded. Checked below. */
  APPLICATIONINSIGHTS_CONNECTION_STRING: optionalText,
  /** The language of channel posts, and of replies to people whose Teams language the bot does not speak. */
  DEFAULT_LOCALE: z.string().trim().default(DEFAULT_LOCALE).transform((value, ctx): Locale => {
    const language = languageOf(value);
    if (isLocale(language)) return language;
    ctx.addIssue({ code: 'custom', message: `"${value.slice(0, 40)}" is not a language the bot speaks`, params: { prefix: true } });
    return z.NEVER;
  }),
};
const schema = z.object(shape);
type SettingName = keyof typeof shape;
type Settings = z.output<typeof schema>;

/**
 * The fix for each setting zod refuses, after "<NAME>: " (and "required; " when it is missing). zod's own
 * wording ("Invalid input: expected string, received undefined") never reaches the operator.
 */
const FIX: Record<SettingName, string> = {
  PORT: 'use a port number from 0 to 65535 (default 3978)',
  HOST: 'use the address to listen on, like 0.0.0.0 (all interfaces) or 127.0.0.1',
  MicrosoftAppId: 'set the Azure Bot\'s Microsoft App ID (a GUID)',
  MicrosoftAppPassword: 'set the client secret of MicrosoftAppId',
  MicrosoftAppType: 'use SingleTenant (the default) or UserAssignedMSI',
  MicrosoftAppTenantId: 'set the tenant id (a GUID) of the Azure Bot\'s app registration',
  PARTNER_TENANT_ID: 'set your partner (CSP) tenant id, a GUID like 7d6f3e2a-1b2c-4d5e-8f90-0a1b2c3d4e5f (Partner Center: Account settings → Organization profile → Microsoft ID)',
  PARTNER_COUNTRY: 'use a two-letter ISO country code like US, or leave it empty for Partner Center\'s legal business profile',
  PARTNER_CENTER_BASE_URL: 'use an https URL like https://api.partnercenter.microsoft.com (http only in local mode)',
  GRAPH_BASE_URL: 'use an https URL like https://graph.microsoft.com (http only in local mode)',
  LOGIN_BASE_URL: 'use an https URL like https://login.microsoftonline.com (http only in local mode)',
  PARTNER_PRICES_BASE_URL: 'use an https URL like https://api.partner.microsoft.com (http only in local mode)',
  AZURE_CLIENT_ID: 'set it to the client id (a GUID) of the app registration that calls Partner Center and Graph',
  AZURE_CLIENT_SECRET: 'set the client secret of AZURE_CLIENT_ID',
  AZURE_TENANT_ID: 'set the app\'s home tenant id (a GUID), or leave it empty to use PARTNER_TENANT_ID',
  AZURE_CLIENT_CERTIFICATE_PATH: 'set the path of a PEM file with the certificate and its private key',
  AZURE_CLIENT_CERTIFICATE_PASSWORD: 'set the password of the encrypted PEM file',
  AZURE_USE_MANAGED_IDENTITY: 'use true or false',
  CUSTOMER_GRAPH_MODE: 'use app (the app\'s own token; default) or app+user (through the GDAP roles)',
  OUTBOUND_RATE_LIMITS: 'use "default", "off", or JSON like {"partner":{"limit":300,"windowSeconds":60}}',
  PARTNER_CENTER_REFRESH_TOKEN: 'set the secure-application-model refresh token',
  GDAP_ACCESS_GROUP: 'use a group object id or a display name of at most 256 characters',
  DATA_DIR: 'set the folder for the bot\'s data, like .data',
  SWEEP_INTERVAL_SECONDS: 'use a number of seconds from 1 to 86400 (default 300)',
  DEFAULT_TERM: 'use P1M, P1Y (default) or P3Y',
  DEFAULT_BILLING: 'use monthly (default), annual or triennial',
  PARTNER_CENTER_WEBHOOKS: 'use on or off (default off)',
  INVITATION_REMINDER_DAYS: 'use a number of days from 1 to 89 (default 7)',
  APPROVAL_REMINDER_HOURS: 'use a number of hours from 1 to 720 (default 24)',
  SOURCE_REMINDER_DAYS: 'use a number of days from 1 to 90 (default 14)',
  BUY_DAYS_BEFORE_END: 'use a whole number of days from 0 to 3650 (default 7; 3650 buys at approval)',
  PURCHASE_REMINDER_HOURS: 'use a number of hours from 1 to 720 (default 24)',
  ROLE_CACHE_SECONDS: 'use a number of seconds from 0 to 86400 (default 300)',
  ROLE_OVERRIDES: `use JSON like {"<user object id>": ["billing-agent"]} with roles ${ROLE_VALUES.join(', ')}`,
  CSP_REGIONS_FILE: 'set the path of a JSON file with the CSP region table',
  LOG_LEVEL: 'use fatal, error, warn, info (default), debug, trace or silent',
  STORE: 'use file (default) or azure',
  AZURE_STORAGE_CONNECTION_STRING: 'set the connection string of the storage account',
  REPLY_BUDGET_MS: 'use a whole number of milliseconds from 0 to 12000 (default 8000)',
  SSO_CONNECTION_NAME: 'set the name of the Azure Bot\'s OAuth connection',
  MAIL_SENDER_MAILBOX: 'use a mailbox address of the partner tenant (like moves@contoso.com) or a user object id',
  SKU_CATALOG_SOURCE: 'use an http(s) URL or a file path',
  SKU_CATALOG_MAX_AGE_DAYS: 'use a whole number of days from 1 to 365 (default 30)',
  OFFER_MAP_FILE: 'set the path of your offer map JSON file',
  APPROVER_ROLES: `use a comma list of ${ROLE_VALUES.join(', ')}`,
  FOUR_EYES: 'use on (default) or off',
  ACCOUNT_ADMIN_ABOVE_SEATS: 'use a whole number of seats, 0 or more (default 300)',
  SANDBOX_URL: 'use the sandbox\'s URL, like http://127.0.0.1:3979 (local mode only)',
  APPLICATIONINSIGHTS_CONNECTION_STRING: 'copy the connection string from the Application Insights resource, or leave it empty to turn telemetry off',
  DEFAULT_LOCALE: 'use en (English, the default) or ko (Korean); a tag like ko-KR counts as its language',
};

/** The http(s) endpoint settings (https in production). */
const URL_SETTINGS = {
  PARTNER_CENTER_BASE_URL: 'https://api.partnercenter.microsoft.com',
  GRAPH_BASE_URL: 'https://graph.microsoft.com',
  LOGIN_BASE_URL: 'https://login.microsoftonline.com',
  PARTNER_PRICES_BASE_URL: 'https://api.partner.microsoft.com',
} as const;

export type BotConfig = Settings & {
  /** `production` (bot/main.ts) or `local` (`npm start` against the sandbox). */
  mode: ConfigMode;
  /** Risky but legal settings, one line each starting with the variable; logged at warn level at startup. */
  warnings: string[];
  /** The bot's Bot Framework identity, validated; null = anonymous (only possible in local mode). */
  botIdentity: BotIdentitySettings | null;
  roleOverrides: Record<string, Role[]>;
  rateLimits: RateLimitSetting | undefined;
  approverRoles: Role[];
};

type RateLimitSetting = 'default' | 'off' | Partial<Record<ThrottleScope, RateLimit>>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is invalid:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and checks the whole configuration. Throws one ConfigError listing every problem: each setting's
 * own check and the checks across settings (those work from the raw values, so they run even when
 * another setting was refused).
 */
export function loadConfig(env: NodeJS.ProcessEnv, mode: ConfigMode = 'production'): BotConfig {
  // An empty variable (as in a copied .env.example) means "not set".
  const given: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value.trim() !== '') given[key] = value;
  const raw = (name: string): string | undefined => given[name]?.trim();
  const problems: string[] = [];
  const warnings: string[] = [];

  // 1. Each setting on its own.
  const values: Partial<Record<SettingName, unknown>> = {};
  for (const key of Object.keys(shape) as SettingName[]) {
    const result = (shape[key] as z.ZodType).safeParse(given[key]);
    if (result.success) values[key] = result.data;
    else problems.push(problemLine(key, result.error.issues[0], given[key] === undefined));
  }
  const settings = values as Partial<Settings>;

  // 2. The bot identity (botbuilder's settings, checked as a whole).
  const bot = readBotIdentity(given, mode);
  problems.push(...bot.problems);
  warnings.push(...bot.warnings);

  // 3. Endpoints: https in production.
  if (mode === 'production') {
    for (const [name, example] of Object.entries(URL_SETTINGS)) {
      const value = raw(name);
      const problem = value !== undefined && isHttpUrl(value) ? urlSettingProblem(name, value, mode, example) : null;
      if (problem) problems.push(problem);
    }
    if (settings.SKU_CATALOG_SOURCE && /^http:/i.test(settings.SKU_CATALOG_SOURCE)) {
      problems.push('SKU_CATALOG_SOURCE: use an https URL or a file path (http is allowed only in local mode, against the sandbox)');
    }
  }

  // 4. The app's credential for Partner Center and Graph.
  checkAppCredential(given, settings, mode, problems);
  if (raw('PARTNER_CENTER_REFRESH_TOKEN') && !raw('AZURE_CLIENT_SECRET')) {
    problems.push('PARTNER_CENTER_REFRESH_TOKEN: redeeming the secure-app-model refresh token needs AZURE_CLIENT_SECRET too');
  }
  if (raw('STORE') === 'azure' && !raw('AZURE_STORAGE_CONNECTION_STRING')) {
    problems.push('AZURE_STORAGE_CONNECTION_STRING: required with STORE=azure (the storage account every bot instance shares)');
  }
  const telemetry = raw('APPLICATIONINSIGHTS_CONNECTION_STRING');
  const telemetryProblem = telemetry === undefined ? null : connectionStringProblem(telemetry, mode === 'local');
  if (telemetryProblem) problems.push(telemetryProblem);

  // 5. Settings parsed from text.
  const rateLimits = parseRateLimits(raw('OUTBOUND_RATE_LIMITS'), problems);
  const roleOverrides = parseRoleOverrides(given.ROLE_OVERRIDES, problems);
  const approverRoles = parseApproverRoles(given.APPROVER_ROLES ?? 'account-admin,billing-agent', problems);

  if (problems.length > 0) throw new ConfigError(problems);
  const config = settings as Settings;
  warnings.push(...riskyButLegal(config, mode, bot.identity, rateLimits, roleOverrides));
  return {
    ...config,
    // Canonical, as validated (the structured `botIdentity` is what the bot uses).
    MicrosoftAppId: bot.identity?.appId ?? config.MicrosoftAppId,
    MicrosoftAppTenantId: bot.identity?.tenantId ?? config.MicrosoftAppTenantId,
    MicrosoftAppType: bot.identity?.type ?? config.MicrosoftAppType,
    mode, warnings, botIdentity: bot.identity, roleOverrides, rateLimits, approverRoles,
  };
}

function problemLine(key: SettingName, issue: z.core.$ZodIssue | undefined, missing: boolean): string {
  if (issue?.code === 'custom' && issue.params?.own === true) return `${key}: ${issue.message}`;
  if (issue?.code === 'custom' && issue.params?.prefix === true) return `${key}: ${issue.message}; ${FIX[key]}`;
  return `${key}: ${missing ? 'required; ' : ''}${FIX[key]}`;
}

/** Production: the app's credential follows @azure/identity's conventions (secret, certificate or managed identity). */
function checkAppCredential(given: Record<string, string>, settings: Partial<Settings>, mode: ConfigMode, problems: string[]): void {
  const login = settings.LOGIN_BASE_URL ?? given.LOGIN_BASE_URL?.trim() ?? URL_SETTINGS.LOGIN_BASE_URL;
  const https = /^https:/i.test(login);
  if (mode === 'local' && !https) {
    // The local sandbox takes a client secret only.
    if (!given.AZURE_CLIENT_SECRET?.trim()) problems.push('AZURE_CLIENT_SECRET: set the client secret of AZURE_CLIENT_ID');
    return;
  }
  const reported = new Set(problems.map(settingOf));
  try {
    appIdentityFromEnvironment({
      ...given,
      AZURE_CLIENT_ID: settings.AZURE_CLIENT_ID,
      AZURE_TENANT_ID: settings.AZURE_TENANT_ID ?? settings.PARTNER_TENANT_ID,
      // An http LOGIN_BASE_URL in production is reported above.
      AZURE_AUTHORITY_HOST: https ? login : undefined,
    });
  } catch (error) {
    if (!(error instanceof CredentialConfigurationError)) throw error;
    for (const problem of error.problems) {
      const line = /^[A-Za-z][A-Za-z0-9_]*[:=]/.test(problem) ? problem : `AZURE_CLIENT_SECRET: ${problem}`;
      const name = settingOf(line);
      // One line per setting: a setting already refused, or a tenant that is missing because PARTNER_TENANT_ID was.
      if (reported.has(name) || (name === 'AZURE_TENANT_ID' && !given.AZURE_TENANT_ID?.trim() && reported.has('PARTNER_TENANT_ID'))) continue;
      problems.push(line);
    }
  }
}

function settingOf(problem: string): string {
  return /^[A-Za-z][A-Za-z0-9_]*/.exec(problem)?.[0] ?? '';
}

/** Warnings: settings that are legal but weaken a safeguard. */
function riskyButLegal(
  config: Settings, mode: ConfigMode, identity: BotIdentitySettings | null,
  rateLimits: RateLimitSetting | undefined, roleOverrides: Record<string, Role[]>,
): string[] {
  const warnings: string[] = [];
  if (!identity && !isLoopbackHost(config.HOST)) {
    warnings.push(`HOST: ${config.HOST} is not loopback and the bot is anonymous — anyone who reaches this port can post to /api/messages; use HOST=127.0.0.1 or set a bot identity`);
  }
  if (config.FOUR_EYES === 'off') warnings.push('FOUR_EYES: off — the person who proposed a plan may approve it themselves');
  if (config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace') {
    warnings.push(`LOG_LEVEL: ${config.LOG_LEVEL} — logs may carry personal data (names, email addresses, customer details); use info in production`);
  }
  if (Object.keys(roleOverrides).length > 0) {
    warnings.push(`ROLE_OVERRIDES: roles granted outside the partner directory for ${Object.keys(roleOverrides).length} user(s); remove them once the directory groups are right`);
  }
  if (config.SANDBOX_URL && mode === 'production') {
    warnings.push('SANDBOX_URL: ignored in production — the bot keeps real time; only local mode (npm start) follows the sandbox\'s clock');
  }
  if (rateLimits === 'off' && mode === 'production') {
    warnings.push('OUTBOUND_RATE_LIMITS: off — no client-side throttling; Partner Center and Graph may throttle (429) the whole partner tenant');
  }
  return warnings;
}

/** `OUTBOUND_RATE_LIMITS`: `default`, `off`, or `{"partner":{"limit":300,"windowSeconds":60}, ...}`. */
function parseRateLimits(raw: string | undefined, problems: string[]): RateLimitSetting | undefined {
  if (!raw) return undefined;
  if (raw === 'default' || raw === 'off') return raw;
  const scope = z.enum(Object.keys(DEFAULT_RATE_LIMITS) as [ThrottleScope, ...ThrottleScope[]]);
  const limits = z.partialRecord(scope, z.object({ limit: z.number().positive(), windowSeconds: z.number().positive() }));
  try {
    const result = limits.safeParse(JSON.parse(raw));
    if (result.success) return result.data;
  } catch { /* reported below */ }
  problems.push(`OUTBOUND_RATE_LIMITS: use "default", "off", or JSON like {"partner":{"limit":300,"windowSeconds":60}} with scopes ${Object.keys(DEFAULT_RATE_LIMITS).join(', ')}`);
  return undefined;
}

/** `ROLE_OVERRIDES` is JSON: `{"<user object id>": ["billing-agent"], ...}`. */
function parseRoleOverrides(raw: string | undefined, problems: string[]): Record<string, Role[]> {
  if (!raw?.trim()) return {};
  const overrides = z.record(z.string(), z.array(z.enum(ROLE_VALUES)));
  try {
    const result = overrides.safeParse(JSON.parse(raw));
    if (result.success) return result.data;
    problems.push(`ROLE_OVERRIDES: expected {"<object id>": [${ROLE_VALUES.map((r) => `"${r}"`).join(', ')}]}`);
  } catch {
    problems.push('ROLE_OVERRIDES: not valid JSON; use JSON like {"<user object id>": ["billing-agent"]}');
  }
  return {};
}

/** `APPROVER_ROLES`: comma list such as `account-admin,billing-agent`; duplicates are dropped. */
function parseApproverRoles(raw: string, problems: string[]): Role[] {
  const given = raw.split(',').map((part) => part.trim().toLowerCase()).filter((part) => part !== '');
  const unknown = given.filter((role) => !(ROLE_VALUES as readonly string[]).includes(role));
  if (unknown.length > 0 || given.length === 0) {
    const what = unknown.length > 0 ? `unknown role${unknown.length > 1 ? 's' : ''} ${unknown.map((r) => `"${r.slice(0, 40)}"`).join(', ')}` : 'no role given';
    problems.push(`APPROVER_ROLES: ${what}; use a comma list of ${ROLE_VALUES.join(', ')}`);
    return [];
  }
  return [...new Set(given)] as Role[];
}
