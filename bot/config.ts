import { z } from 'zod';
import type { Role } from '../move/model';
import { DEFAULT_RATE_LIMITS, type RateLimit, type ThrottleScope } from '../services/http/rateLimiter';
import { isMailboxId } from '../services/graph/graphMailer';
import { appIdentityFromEnvironment, CredentialConfigurationError } from '../services/identity/appIdentityFromEnvironment';
import { MICROSOFT_LICENSING_CSV_URL, skuCatalogSourceProblem } from '../services/skuCatalog/skuCatalogLoader';

/**
 * Configuration from the environment. Invalid or missing settings stop startup with one line per
 * problem (DESIGN §3). Every variable is listed and explained in .env.example.
 */
const ROLE_VALUES = ['account-admin', 'admin-agent', 'sales-agent', 'billing-agent', 'helpdesk-agent'] as const;

const urlSetting = z.string().url().transform((u) => u.replace(/\/+$/, ''));
const optionalText = z.string().trim().optional().transform((v) => (v ? v : undefined));

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().default('0.0.0.0'),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: optionalText,
  MicrosoftAppTenantId: optionalText,
  PARTNER_TENANT_ID: z.string().trim().min(1, 'set PARTNER_TENANT_ID to your partner (CSP) tenant id'),
  PARTNER_COUNTRY: z.string().trim().regex(/^[A-Za-z]{2}$/, 'PARTNER_COUNTRY must be a two-letter ISO code like US').optional(),
  PARTNER_CENTER_BASE_URL: urlSetting.default('https://api.partnercenter.microsoft.com'),
  GRAPH_BASE_URL: urlSetting.default('https://graph.microsoft.com'),
  LOGIN_BASE_URL: urlSetting.default('https://login.microsoftonline.com'),
  AZURE_CLIENT_ID: z.string().trim().min(1, 'set AZURE_CLIENT_ID to the app registration that calls Partner Center and Graph'),
  AZURE_CLIENT_SECRET: optionalText,
  AZURE_TENANT_ID: optionalText,
  AZURE_CLIENT_CERTIFICATE_PATH: optionalText,
  AZURE_CLIENT_CERTIFICATE_PASSWORD: optionalText,
  AZURE_USE_MANAGED_IDENTITY: optionalText,
  /** `app`: the app's own token in customer tenants (needs consent there); `app+user`: through GDAP roles. */
  CUSTOMER_GRAPH_MODE: z.enum(['app', 'app+user']).default('app'),
  /** `default`, `off`, or JSON limits per throttling scope for the client-side token buckets. */
  OUTBOUND_RATE_LIMITS: optionalText,
  PARTNER_CENTER_REFRESH_TOKEN: optionalText,
  /** The partner security group given GDAP access once a customer approves: its object id or display name. */
  GDAP_ACCESS_GROUP: z.string().trim().max(256, 'GDAP_ACCESS_GROUP: a group object id or a display name of at most 256 characters').default('AdminAgents'),
  DATA_DIR: z.string().default('.data'),
  SWEEP_INTERVAL_SECONDS: z.coerce.number().min(1).max(86_400).default(300),
  DEFAULT_TERM: z.enum(['P1M', 'P1Y', 'P3Y']).default('P1Y'),
  DEFAULT_BILLING: z.enum(['monthly', 'annual', 'triennial']).default('monthly'),
  /** on: accept Partner Center webhook events at /api/partnercenter/events (register that URL in Partner Center). */
  PARTNER_CENTER_WEBHOOKS: z.enum(['on', 'off']).default('off'),
  INVITATION_REMINDER_DAYS: z.coerce.number().min(1).max(89).default(7),
  APPROVAL_REMINDER_HOURS: z.coerce.number().min(1).max(720).default(24),
  SOURCE_REMINDER_DAYS: z.coerce.number().min(1).max(90).default(14),
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
  MAIL_SENDER_MAILBOX: optionalText.refine((value) => value === undefined || isMailboxId(value),
    'use a mailbox address of the partner tenant (like moves@contoso.com) or a user object id'),
  /** Microsoft's SKU → service-plan table: a file path or an http(s) URL (downloaded copies are cached). */
  SKU_CATALOG_SOURCE: z.string().trim().default(MICROSOFT_LICENSING_CSV_URL)
    .superRefine((value, ctx) => {
      const problem = skuCatalogSourceProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
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
});

export type BotConfig = z.infer<typeof schema> & { roleOverrides: Record<string, Role[]>; rateLimits: RateLimitSetting | undefined; approverRoles: Role[] };

type RateLimitSetting = 'default' | 'off' | Partial<Record<ThrottleScope, RateLimit>>;

/** `OUTBOUND_RATE_LIMITS`: `default`, `off`, or `{"partner":{"limit":300,"windowSeconds":60}, ...}`. */
function parseRateLimits(raw: string | undefined, problems: string[]): RateLimitSetting | undefined {
  if (!raw) return undefined;
  if (raw === 'default' || raw === 'off') return raw;
  const scope = z.enum(Object.keys(DEFAULT_RATE_LIMITS) as [ThrottleScope, ...ThrottleScope[]]);
  const shape = z.partialRecord(scope, z.object({ limit: z.number().positive(), windowSeconds: z.number().positive() }));
  try {
    const result = shape.safeParse(JSON.parse(raw));
    if (result.success) return result.data;
  } catch { /* reported below */ }
  problems.push(`OUTBOUND_RATE_LIMITS: use "default", "off", or JSON like {"partner":{"limit":300,"windowSeconds":60}} with scopes ${Object.keys(DEFAULT_RATE_LIMITS).join(', ')}`);
  return undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is invalid:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv): BotConfig {
  // An empty variable (as in a copied .env.example) means "not set".
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = schema.safeParse(given);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.') || 'environment'}: ${issue.message}`);
    throw new ConfigError(problems);
  }
  const config = parsed.data;
  if (config.LOGIN_BASE_URL.startsWith('https:')) {
    // Production: the app's credential follows @azure/identity's conventions (secret, certificate or managed identity).
    try {
      appIdentityFromEnvironment({ ...env, AZURE_TENANT_ID: config.AZURE_TENANT_ID ?? config.PARTNER_TENANT_ID, AZURE_AUTHORITY_HOST: config.LOGIN_BASE_URL });
    } catch (error) {
      if (error instanceof CredentialConfigurationError) problems.push(...error.problems);
      else throw error;
    }
  } else if (!config.AZURE_CLIENT_SECRET) {
    problems.push('AZURE_CLIENT_SECRET: set the client secret of AZURE_CLIENT_ID');
  }
  if (config.PARTNER_CENTER_REFRESH_TOKEN && !config.AZURE_CLIENT_SECRET) {
    problems.push('PARTNER_CENTER_REFRESH_TOKEN: redeeming the secure-app-model refresh token needs AZURE_CLIENT_SECRET too');
  }
  const rateLimits = parseRateLimits(config.OUTBOUND_RATE_LIMITS, problems);
  if (config.STORE === 'azure' && !config.AZURE_STORAGE_CONNECTION_STRING) {
    problems.push('AZURE_STORAGE_CONNECTION_STRING: required with STORE=azure (the storage account every bot instance shares)');
  }
  if (config.MicrosoftAppId && !config.MicrosoftAppPassword && config.MicrosoftAppType?.toLowerCase() !== 'userassignedmsi') {
    problems.push('MicrosoftAppPassword: required with MicrosoftAppId (or set MicrosoftAppType=UserAssignedMSI)');
  }
  if (config.MicrosoftAppType?.toLowerCase() === 'singletenant' && !config.MicrosoftAppTenantId) {
    problems.push('MicrosoftAppTenantId: required when MicrosoftAppType=SingleTenant');
  }
  const roleOverrides = parseRoleOverrides(config.ROLE_OVERRIDES, problems);
  const approverRoles = parseApproverRoles(config.APPROVER_ROLES, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...config, roleOverrides, rateLimits, approverRoles };
}

/** `ROLE_OVERRIDES` is JSON: `{"<user object id>": ["billing-agent"], ...}`. */
function parseRoleOverrides(raw: string | undefined, problems: string[]): Record<string, Role[]> {
  if (!raw?.trim()) return {};
  const shape = z.record(z.string(), z.array(z.enum(ROLE_VALUES)));
  try {
    const result = shape.safeParse(JSON.parse(raw));
    if (result.success) return result.data;
    problems.push(`ROLE_OVERRIDES: expected {"<object id>": [${ROLE_VALUES.map((r) => `"${r}"`).join(', ')}]}`);
  } catch {
    problems.push('ROLE_OVERRIDES: not valid JSON');
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
