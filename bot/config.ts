import { z } from 'zod';
import type { Role } from '../move/model';

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
  PARTNER_CENTER_REFRESH_TOKEN: optionalText,
  DATA_DIR: z.string().default('.data'),
  SWEEP_INTERVAL_SECONDS: z.coerce.number().min(1).max(86_400).default(300),
  DEFAULT_TERM: z.enum(['P1M', 'P1Y', 'P3Y']).default('P1Y'),
  DEFAULT_BILLING: z.enum(['monthly', 'annual', 'triennial']).default('monthly'),
  ROLE_CACHE_SECONDS: z.coerce.number().min(0).max(86_400).default(300),
  ROLE_OVERRIDES: z.string().optional(),
  CSP_REGIONS_FILE: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  STORE: z.enum(['file']).default('file'),
  /** The reply budget: how long a card click waits for the move to settle before answering. */
  REPLY_BUDGET_MS: z.coerce.number().int().min(0).max(12_000).default(8_000),
  /** Azure Bot OAuth connection for Teams single sign-on; App+User calls then act as the staff member. */
  SSO_CONNECTION_NAME: optionalText,
});

export type BotConfig = z.infer<typeof schema> & { roleOverrides: Record<string, Role[]> };

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
  if (!config.AZURE_CLIENT_SECRET) problems.push('AZURE_CLIENT_SECRET: set the client secret of AZURE_CLIENT_ID (certificates and managed identity come later)');
  if (config.MicrosoftAppId && !config.MicrosoftAppPassword && config.MicrosoftAppType?.toLowerCase() !== 'userassignedmsi') {
    problems.push('MicrosoftAppPassword: required with MicrosoftAppId (or set MicrosoftAppType=UserAssignedMSI)');
  }
  if (config.MicrosoftAppType?.toLowerCase() === 'singletenant' && !config.MicrosoftAppTenantId) {
    problems.push('MicrosoftAppTenantId: required when MicrosoftAppType=SingleTenant');
  }
  const roleOverrides = parseRoleOverrides(config.ROLE_OVERRIDES, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...config, roleOverrides };
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
