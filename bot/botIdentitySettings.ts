import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { quoted, urlSettingProblem, type ConfigMode } from './configValues';
import { canonicalGuid } from './guid';

/**
 * The bot's own identity towards Azure Bot Service: who may call /api/messages (Bot Framework tokens for
 * this app id) and how the bot gets its outbound token. Read from botbuilder's own setting names, as
 * `ConfigurationBotFrameworkAuthentication` reads them, and checked here, once, at startup:
 *
 * - `MicrosoftAppId` (a GUID) — required in production; without it local mode runs anonymously.
 * - `MicrosoftAppType` — `SingleTenant` (default) or `UserAssignedMSI`; `MultiTenant` is refused.
 * - `MicrosoftAppTenantId` (a GUID) — required with either type.
 * - A credential: `MicrosoftAppPassword` (client secret), or `MicrosoftAppCertificatePath` (PEM with the
 *   certificate and its private key; `MicrosoftAppCertificatePassword` for an encrypted key), or
 *   `MicrosoftAppType=UserAssignedMSI` (the app id is then the managed identity's client id).
 * - Bot Framework endpoints (defaults: the public cloud), `BOT_ALLOW_EMULATOR`, `BOT_ALLOWED_CALLERS`.
 */
export interface BotIdentitySettings {
  /** `MicrosoftAppId`, canonical GUID. */
  appId: string;
  /** `MicrosoftAppTenantId`, canonical GUID. */
  tenantId: string;
  type: 'SingleTenant' | 'UserAssignedMSI';
  credential: BotCredential;
  /** `ToBotFromChannelOpenIdMetadataUrl`: where the channel's token signing keys are published. */
  openIdMetadataUrl: string;
  /** `ToBotFromChannelTokenIssuer`: the issuer channel tokens must carry (kept exactly as set). */
  tokenIssuer: string;
  /** `ToChannelFromBotLoginUrl`: the authority of the bot's outbound token, no trailing slash. */
  loginUrl: string;
  /** `ToChannelFromBotOAuthScope`: the scope of the bot's outbound token. */
  oauthScope: string;
  /** `OAuthUrl`: the Bot Framework token service (Teams SSO), no trailing slash. */
  oauthUrl: string;
  /** `BOT_ALLOW_EMULATOR=on`: Bot Framework Emulator tokens are accepted too. */
  allowEmulator: boolean;
  /** `ToBotFromEmulatorOpenIdMetadataUrl`. */
  emulatorOpenIdMetadataUrl: string;
  /** `BOT_ALLOWED_CALLERS`: app ids (canonical GUIDs) allowed to call as skills; empty = none. */
  allowedCallers: string[];
}

export type BotCredential =
  | { kind: 'secret'; secret: string }
  | { kind: 'certificate'; certificatePath: string; certificatePassword?: string }
  | { kind: 'managed-identity' };

export const BOT_FRAMEWORK_DEFAULTS = {
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration',
  /** `ToChannelFromBotLoginUrl` is this followed by `/<MicrosoftAppTenantId>`. */
  loginAuthority: 'https://login.microsoftonline.com',
} as const;

/** Every setting this module reads, spelled as it must be (the environment is case-sensitive). */
export const BOT_IDENTITY_SETTING_NAMES = [
  'MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId',
  'MicrosoftAppCertificatePath', 'MicrosoftAppCertificatePassword',
  'ToBotFromChannelOpenIdMetadataUrl', 'ToBotFromChannelTokenIssuer', 'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope', 'OAuthUrl', 'ToBotFromEmulatorOpenIdMetadataUrl',
  'BOT_ALLOW_EMULATOR', 'BOT_ALLOWED_CALLERS',
] as const;

export const ANONYMOUS_WARNING = 'MicrosoftAppId: not set — anonymous: /api/messages accepts unauthenticated requests; local mode only';

const APP_ID_FIX = 'set the Azure Bot\'s Microsoft App ID (a GUID); the production entry never runs without a bot identity — anonymous runs are for `npm start` only';

export interface BotIdentityResult {
  /** null: anonymous (local mode only) or invalid (then `problems` says why). */
  identity: BotIdentitySettings | null;
  problems: string[];
  warnings: string[];
}

export interface BotIdentityOptions {
  /** Injected for tests; default `fs.readFileSync(path, 'utf8')`. */
  readFile?: (path: string) => string;
}

/** Reads and checks the bot identity from `env` (variables with empty values already removed). */
export function readBotIdentity(
  env: Readonly<Record<string, string | undefined>>, mode: ConfigMode, options: BotIdentityOptions = {},
): BotIdentityResult {
  const raw = (name: (typeof BOT_IDENTITY_SETTING_NAMES)[number]): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const problems: string[] = [];
  const warnings: string[] = [];

  const misspelled = misspelledSettings(env, BOT_IDENTITY_SETTING_NAMES);
  for (const [name, found] of misspelled) {
    const keys = found.map((key) => `\`${key}\``).join(', ');
    problems.push(env[name]?.trim()
      ? `${name}: found ${keys} as well; the name is case-sensitive: remove ${found.length > 1 ? 'them' : 'it'} and keep ${name}`
      : `${name}: found ${keys}; the name is case-sensitive: rename it to ${name}`);
  }

  const appIdRaw = raw('MicrosoftAppId');
  // An identity is expected in production, and wherever someone tried to set one.
  const wanted = mode === 'production' || appIdRaw !== undefined || misspelled.has('MicrosoftAppId');
  let appId: string | null = null;
  if (appIdRaw !== undefined) {
    appId = canonicalGuid(appIdRaw);
    if (!appId) problems.push(`MicrosoftAppId: not a GUID; ${APP_ID_FIX}`);
  } else if (wanted && !misspelled.has('MicrosoftAppId')) {
    problems.push(`MicrosoftAppId: ${APP_ID_FIX}`);
  }

  const type = appType(raw('MicrosoftAppType'), problems);
  const credential = wanted ? botCredential(type, raw, problems, options) : null;

  const tenantRaw = raw('MicrosoftAppTenantId');
  let tenantId: string | null = null;
  if (tenantRaw !== undefined) {
    tenantId = canonicalGuid(tenantRaw);
    if (!tenantId) problems.push('MicrosoftAppTenantId: not a GUID; set the tenant id of the Azure Bot\'s app registration (usually your partner tenant)');
  } else if (wanted) {
    problems.push(type === 'UserAssignedMSI'
      ? 'MicrosoftAppTenantId: required with MicrosoftAppType=UserAssignedMSI; set the tenant id (a GUID) of the managed identity'
      : 'MicrosoftAppTenantId: required with MicrosoftAppType=SingleTenant (the default); set the tenant id (a GUID) of the Azure Bot\'s app registration');
  }

  const endpoint = (name: (typeof BOT_IDENTITY_SETTING_NAMES)[number], fallback: string): string => {
    const value = raw(name) ?? fallback;
    const problem = urlSettingProblem(name, value, mode, fallback);
    if (problem) problems.push(problem);
    return value;
  };
  const defaultLoginUrl = `${BOT_FRAMEWORK_DEFAULTS.loginAuthority}/${tenantId ?? '<MicrosoftAppTenantId>'}`;
  const openIdMetadataUrl = endpoint('ToBotFromChannelOpenIdMetadataUrl', BOT_FRAMEWORK_DEFAULTS.ToBotFromChannelOpenIdMetadataUrl);
  const tokenIssuer = endpoint('ToBotFromChannelTokenIssuer', BOT_FRAMEWORK_DEFAULTS.ToBotFromChannelTokenIssuer);
  const loginUrl = endpoint('ToChannelFromBotLoginUrl', defaultLoginUrl).replace(/\/+$/, '');
  const oauthScope = endpoint('ToChannelFromBotOAuthScope', BOT_FRAMEWORK_DEFAULTS.ToChannelFromBotOAuthScope);
  const oauthUrl = endpoint('OAuthUrl', BOT_FRAMEWORK_DEFAULTS.OAuthUrl).replace(/\/+$/, '');
  const emulatorOpenIdMetadataUrl = endpoint('ToBotFromEmulatorOpenIdMetadataUrl', BOT_FRAMEWORK_DEFAULTS.ToBotFromEmulatorOpenIdMetadataUrl);

  const allowEmulator = onOff(raw('BOT_ALLOW_EMULATOR'), problems);
  const allowedCallers = callerList(raw('BOT_ALLOWED_CALLERS'), problems);

  if (!wanted) {
    const ignored: string[] = (['MicrosoftAppPassword', 'MicrosoftAppCertificatePath', 'MicrosoftAppCertificatePassword', 'MicrosoftAppTenantId', 'BOT_ALLOWED_CALLERS'] as const)
      .filter((name) => raw(name) !== undefined);
    if (allowEmulator) ignored.push('BOT_ALLOW_EMULATOR');
    warnings.push(ignored.length > 0 ? `${ANONYMOUS_WARNING} (${ignored.join(', ')} ignored without MicrosoftAppId)` : ANONYMOUS_WARNING);
    return { identity: null, problems, warnings };
  }
  if (allowEmulator && mode === 'production') {
    warnings.push('BOT_ALLOW_EMULATOR: on in production — Bot Framework Emulator tokens are accepted on /api/messages; turn it off unless you are debugging this deployment');
  }
  if (problems.length > 0 || !appId || !tenantId || !type || !credential) return { identity: null, problems, warnings };
  return {
    identity: {
      appId, tenantId, type, credential, openIdMetadataUrl, tokenIssuer, loginUrl, oauthScope, oauthUrl,
      allowEmulator, emulatorOpenIdMetadataUrl, allowedCallers,
    },
    problems,
    warnings,
  };
}

/**
 * Keys of `env` (with a value) that are meant as one of `names` but spelled otherwise: equal ignoring
 * case, `_` and `-` (`MICROSOFTAPPID`, `MicrosoftAppID`, `MICROSOFT_APP_ID`). The environment is
 * case-sensitive, so such a key is silently not read — for the bot identity that means no identity.
 */
export function misspelledSettings(
  env: Readonly<Record<string, string | undefined>>, names: readonly string[],
): Map<string, string[]> {
  const normal = (name: string) => name.toLowerCase().replace(/[_-]/g, '');
  const byNormal = new Map(names.map((name) => [normal(name), name]));
  const found = new Map<string, string[]>();
  for (const [key, value] of Object.entries(env)) {
    if (!value?.trim()) continue;
    const name = byNormal.get(normal(key));
    if (name === undefined || name === key) continue;
    found.set(name, [...(found.get(name) ?? []), key]);
  }
  return found;
}

function appType(value: string | undefined, problems: string[]): BotIdentitySettings['type'] | null {
  switch (value?.toLowerCase()) {
    case undefined:
    case 'singletenant':
      return 'SingleTenant';
    case 'userassignedmsi':
      return 'UserAssignedMSI';
    case 'multitenant':
      problems.push('MicrosoftAppType: MultiTenant is refused — Azure Bot stopped creating multi-tenant bots after 31 July 2025; '
        + 'use SingleTenant (the default) with MicrosoftAppTenantId, or UserAssignedMSI');
      return null;
    default:
      problems.push('MicrosoftAppType: use SingleTenant (the default) or UserAssignedMSI');
      return null;
  }
}

function botCredential(
  type: BotIdentitySettings['type'] | null, raw: (name: 'MicrosoftAppPassword' | 'MicrosoftAppCertificatePath' | 'MicrosoftAppCertificatePassword') => string | undefined,
  problems: string[], options: BotIdentityOptions,
): BotCredential | null {
  const secret = raw('MicrosoftAppPassword');
  const certificatePath = raw('MicrosoftAppCertificatePath');
  const certificatePassword = raw('MicrosoftAppCertificatePassword');
  if (certificatePassword && !certificatePath) {
    problems.push('MicrosoftAppCertificatePassword: set only together with MicrosoftAppCertificatePath (the PEM file it decrypts)');
  }
  if (type === 'UserAssignedMSI') {
    const extra = [secret ? 'MicrosoftAppPassword' : null, certificatePath ? 'MicrosoftAppCertificatePath' : null].filter((n) => n !== null);
    for (const name of extra) {
      problems.push(`${name}: remove it — with MicrosoftAppType=UserAssignedMSI the bot authenticates as the managed identity named by MicrosoftAppId, without a secret or certificate`);
    }
    return extra.length > 0 ? null : { kind: 'managed-identity' };
  }
  if (secret && certificatePath) {
    problems.push('MicrosoftAppCertificatePath: set either MicrosoftAppPassword (client secret) or MicrosoftAppCertificatePath (certificate), not both');
    return null;
  }
  if (secret) return { kind: 'secret', secret };
  if (certificatePath) {
    const before = problems.length;
    checkCertificate(certificatePath, certificatePassword, problems, options.readFile ?? ((file) => readFileSync(file, 'utf8')));
    if (problems.length > before) return null;
    return certificatePassword ? { kind: 'certificate', certificatePath, certificatePassword } : { kind: 'certificate', certificatePath };
  }
  problems.push('MicrosoftAppPassword: the bot needs a credential — set MicrosoftAppPassword (the client secret of MicrosoftAppId), '
    + 'or MicrosoftAppCertificatePath (a PEM file with the certificate and its private key), or MicrosoftAppType=UserAssignedMSI (a user-assigned managed identity)');
  return null;
}

/** The PEM must hold a certificate and a private key that opens (with the password when encrypted). */
function checkCertificate(file: string, password: string | undefined, problems: string[], readFile: (path: string) => string): void {
  let pem: string;
  try {
    pem = readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push(code === 'ENOENT'
      ? `MicrosoftAppCertificatePath: no file at ${file} (a PEM file with the certificate and its private key)`
      : `MicrosoftAppCertificatePath: ${file} cannot be read (${code ?? 'error'}); it must be a readable PEM file with the certificate and its private key`);
    return;
  }
  const hasCertificate = pem.includes('-----BEGIN CERTIFICATE-----');
  const key = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY)-----[\s\S]*?-----END \1-----/.exec(pem)?.[0];
  if (!hasCertificate || !key) {
    const missing = [hasCertificate ? null : 'certificate', key ? null : 'private key'].filter((m) => m !== null).join(' and ');
    problems.push(`MicrosoftAppCertificatePath: ${file} holds no ${missing}; use a PEM file with the certificate and its private key`);
    return;
  }
  const encrypted = /ENCRYPTED/.test(key);
  if (encrypted && !password) {
    problems.push(`MicrosoftAppCertificatePassword: the private key in ${file} is encrypted; set its password`);
    return;
  }
  try {
    createPrivateKey({ key, format: 'pem', passphrase: password });
  } catch {
    problems.push(encrypted
      ? `MicrosoftAppCertificatePassword: does not decrypt the private key in ${file}`
      : `MicrosoftAppCertificatePath: the private key in ${file} cannot be read; use a PEM file with the certificate and its private key`);
  }
}

function onOff(value: string | undefined, problems: string[]): boolean {
  if (value === undefined) return false;
  const lower = value.toLowerCase();
  if (lower === 'on' || lower === 'off') return lower === 'on';
  problems.push('BOT_ALLOW_EMULATOR: use on or off (default off: Bot Framework Emulator tokens are refused)');
  return false;
}

function callerList(value: string | undefined, problems: string[]): string[] {
  if (value === undefined) return [];
  const items = value.split(',').map((item) => item.trim()).filter((item) => item !== '');
  if (items.includes('*')) {
    problems.push('BOT_ALLOWED_CALLERS: `*` (any caller) is not accepted; list the app ids (GUIDs) of the bots allowed to call this one as a skill');
    return [];
  }
  const callers: string[] = [];
  const bad: string[] = [];
  for (const item of items) {
    const id = canonicalGuid(item);
    if (id) callers.push(id);
    else bad.push(item);
  }
  if (bad.length > 0) {
    problems.push(`BOT_ALLOWED_CALLERS: ${bad.map((b) => quoted(b)).join(', ')} ${bad.length > 1 ? 'are not app ids' : 'is not an app id'}; `
      + 'use a comma list of the app ids (GUIDs) of the bots allowed to call this one as a skill');
  }
  return [...new Set(callers)];
}
