/**
 * What the Teams app package is filled with: the manifest's placeholders (named as the Microsoft 365 Agents Toolkit
 * names them), each from a flag, the environment or an Agents Toolkit env file, checked before anything is written.
 */
import { readFileSync } from 'node:fs';
import { parseArgs, parseEnv } from 'node:util';
import { PackageError } from './packageError';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NIL_GUID = '00000000-0000-0000-0000-000000000000';

/**
 * The manifest's placeholders, named as the Microsoft 365 Agents Toolkit names them (it fills the same
 * appPackage/manifest.json from env/.env.<env> in teamsApp/zipAppPackage), and the command-line flag for each.
 */
export const PACKAGE_SETTINGS = {
  TEAMS_APP_ID: { flag: 'app-id', what: 'the Teams app id: a GUID of your own, the same for every version of the app (the Agents Toolkit\'s teamsApp/create writes it to env/.env.<env>)' },
  BOT_ID: { flag: 'bot-id', what: 'the Microsoft App ID of the Azure Bot resource (the MicrosoftAppId the bot runs with)' },
  BOT_DOMAIN: { flag: 'bot-domain', what: 'the host name of the bot, like app-cspmove-abc123.azurewebsites.net (infra/main.bicep\'s BOT_DOMAIN output)' },
  DEVELOPER_NAME: { flag: 'developer-name', what: 'your organisation\'s name as Teams shows it (at most 32 characters)' },
  DEVELOPER_WEBSITE_URL: { flag: 'developer-website-url', what: 'your support page (https)' },
  DEVELOPER_PRIVACY_URL: { flag: 'developer-privacy-url', what: 'your privacy statement (https)' },
  DEVELOPER_TERMS_URL: { flag: 'developer-terms-url', what: 'your terms of use (https)' },
} as const;
export type PackageSetting = keyof typeof PACKAGE_SETTINGS;
export type PackageValues = Record<PackageSetting, string>;
const SETTING_NAMES = Object.keys(PACKAGE_SETTINGS) as PackageSetting[];

function howToSet(name: PackageSetting): string {
  return `Set ${name}=<value> in the environment or in the --env-file, or pass --${PACKAGE_SETTINGS[name].flag} <value>: ${PACKAGE_SETTINGS[name].what}.`;
}

function checkGuid(value: string | undefined, name: PackageSetting, from: string): string {
  if (value === undefined || value.trim() === '') throw new PackageError(`${from} is not set. ${howToSet(name)}`);
  const id = value.trim();
  if (!GUID.test(id)) {
    const shown = id.length > 60 ? `${id.slice(0, 60)}…` : id;
    throw new PackageError(`${from} must be a GUID like 12345678-abcd-4ef0-9abc-1234567890ab; got "${shown}". ${howToSet(name)}`);
  }
  if (id === NIL_GUID) throw new PackageError(`${from} is the all-zero GUID, which is no app's id. ${howToSet(name)}`);
  return id;
}

/** Checks that `value` is the bot's Microsoft App ID (a GUID) and returns it trimmed; throws a PackageError otherwise. */
export function checkBotId(value: string | undefined, from = 'BOT_ID'): string {
  return checkGuid(value, 'BOT_ID', from);
}

/** Checks that `value` is a Teams app id (a GUID) and returns it trimmed. */
export function checkAppId(value: string | undefined, from = 'TEAMS_APP_ID'): string {
  return checkGuid(value, 'TEAMS_APP_ID', from);
}

const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;

/** Checks that `value` is a bare host name (no scheme, port or path), as validDomains wants it; returns it lower-cased. */
export function checkBotDomain(value: string | undefined, from = 'BOT_DOMAIN'): string {
  if (value === undefined || value.trim() === '') throw new PackageError(`${from} is not set. ${howToSet('BOT_DOMAIN')}`);
  const host = value.trim();
  if (!HOST_NAME.test(host)) {
    throw new PackageError(`${from} must be a host name like app-cspmove-abc123.azurewebsites.net, without https:// or a path; got "${host.slice(0, 80)}". ${howToSet('BOT_DOMAIN')}`);
  }
  return host.toLowerCase();
}

function checkDeveloper(name: PackageSetting, value: string | undefined, from: string): string {
  if (value === undefined || value.trim() === '') throw new PackageError(`${from} is not set. ${howToSet(name)}`);
  const text = value.trim();
  if (name === 'DEVELOPER_NAME') {
    if (text.length > 32) throw new PackageError(`${from} has ${text.length} characters; Teams allows at most 32. ${howToSet(name)}`);
    return text;
  }
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch { /* reported below */ }
  if (!url || url.protocol !== 'https:') throw new PackageError(`${from} must be an https URL; got "${text.slice(0, 80)}". ${howToSet(name)}`);
  return text;
}

/** Checks every value (each problem on its own line) and returns them trimmed and canonical. */
export function checkPackageValues(given: Partial<Record<PackageSetting, string | undefined>>, from: Partial<Record<PackageSetting, string>> = {}): PackageValues {
  const values = {} as PackageValues;
  const problems: string[] = [];
  for (const name of SETTING_NAMES) {
    const label = from[name] ?? name;
    try {
      values[name] = name === 'TEAMS_APP_ID' ? checkAppId(given[name], label)
        : name === 'BOT_ID' ? checkBotId(given[name], label)
          : name === 'BOT_DOMAIN' ? checkBotDomain(given[name], label)
            : checkDeveloper(name, given[name], label);
    } catch (err) {
      if (!(err instanceof PackageError)) throw err;
      problems.push(err.message);
    }
  }
  if (problems.length > 0) throw new PackageError(problems.join('\n'));
  return values;
}

/** The bot id from `--bot-id <guid>` / `--bot-id=<guid>`, else from the BOT_ID environment variable. */
export function resolveBotId(argv: string[], env: NodeJS.ProcessEnv): string {
  const { values } = parseCli(argv);
  const flag = values['bot-id'];
  if (typeof flag === 'string') return checkBotId(flag, '--bot-id');
  return checkBotId(env.BOT_ID, 'BOT_ID');
}

/**
 * Every value, from (first wins) its flag, the environment, or the `--env-file` (an Agents Toolkit env file such
 * as env/.env.dev: `NAME=value` lines; an empty value counts as not set). All problems are reported at once.
 */
export function resolvePackageValues(argv: string[], env: NodeJS.ProcessEnv, readFile: (file: string) => string = (file) => readFileSync(file, 'utf8')): PackageValues {
  const { values: flags } = parseCli(argv);
  let fromFile: Record<string, string> = {};
  const envFile = flags['env-file'];
  if (typeof envFile === 'string') {
    let text: string;
    try {
      text = readFile(envFile);
    } catch {
      throw new PackageError(`--env-file ${envFile}: no such file`);
    }
    fromFile = parseEnv(text) as Record<string, string>;
  }
  const given: Partial<Record<PackageSetting, string>> = {};
  const from: Partial<Record<PackageSetting, string>> = {};
  const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';
  for (const name of SETTING_NAMES) {
    const flag = flags[PACKAGE_SETTINGS[name].flag];
    if (typeof flag === 'string') {
      given[name] = flag;
      from[name] = `--${PACKAGE_SETTINGS[name].flag}`;
    } else if (present(env[name])) {
      given[name] = env[name];
    } else if (present(fromFile[name])) {
      given[name] = fromFile[name];
      from[name] = `${name} (from ${envFile})`;
    }
  }
  return checkPackageValues(given, from);
}

export function parseCli(argv: string[]) {
  const options: Record<string, { type: 'string' } | { type: 'boolean'; short?: string }> = {
    out: { type: 'string' },
    'env-file': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  };
  for (const name of SETTING_NAMES) options[PACKAGE_SETTINGS[name].flag] = { type: 'string' };
  try {
    return parseArgs({ args: argv, options, allowPositionals: false, strict: true });
  } catch (err) {
    throw new PackageError(`${(err as Error).message}\n${USAGE}`);
  }
}

export const USAGE = [
  'Usage: npx tsx scripts/package-app.ts [--env-file env/.env.dev] [--out <file.zip>]',
  `  values from flags, the environment or the --env-file: ${SETTING_NAMES.map((n) => `${n} (--${PACKAGE_SETTINGS[n].flag})`).join(', ')}`,
].join('\n');
