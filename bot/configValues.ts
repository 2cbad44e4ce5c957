/**
 * Value checks shared by the configuration modules (bot/config.ts, bot/botIdentitySettings.ts).
 */

/**
 * `local`: `npm start` (bot/local.ts) against the sandbox on loopback — http endpoints and an anonymous
 * bot are allowed. `production`: `node dist/bot/main.js` — https only, and a bot identity is required.
 */
export type ConfigMode = 'local' | 'production';

/** Whether `value` is an absolute http(s) URL with a host (any scheme check for the mode comes after). */
export function isHttpUrl(value: string): boolean {
  const url = parseUrl(value);
  return url !== null && (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
}

/**
 * What is wrong with a URL setting, as a whole problem line starting with `name`, or null: it must be
 * an http(s) URL with a host and no user name or password in it, and https in production.
 */
export function urlSettingProblem(name: string, value: string, mode: ConfigMode, example: string): string | null {
  const url = parseUrl(value);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') {
    return `${name}: not an http(s) URL; use one like ${example}`;
  }
  if (url.username || url.password) return `${name}: remove the user name and password from the URL; use one like ${example}`;
  if (url.protocol === 'http:' && mode === 'production') {
    return `${name}: use an https URL like ${example} (http is allowed only in local mode, against the sandbox)`;
  }
  return null;
}

/** Whether the bot listens on this machine only. */
export function isLoopbackHost(host: string): boolean {
  const value = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return value === 'localhost' || value === '::1' || /^127(?:\.\d{1,3}){3}$/.test(value);
}

/** A user-supplied value quoted in a problem line: shortened, on one line. Never use it for secrets. */
export function quoted(value: string, max = 40): string {
  const oneLine = value.replace(/\s+/g, ' ');
  return JSON.stringify(oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine);
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value.trim());
  } catch {
    return null;
  }
}
