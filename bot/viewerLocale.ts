/**
 * Whose language and time zone a reply is in: the person who sent the activity, as Teams describes their client —
 * `activity.locale` ('ko-KR') and `activity.localTimezone` ('Asia/Seoul'), or the same in the `clientInfo` entity
 * Teams adds. Channel posts are not replies to one person: they use the partner's DEFAULT_LOCALE in UTC.
 */
import type { TurnContext } from 'botbuilder';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, isLocale, languageOf, resolveTimeZone, type Locale } from '../cards/i18n/locales';

/** The language and time zone to draw a card or write a reply in. */
export interface ViewerLocale {
  locale: Locale;
  /** An IANA time zone Intl knows (UTC when the client said none or one that is not real). */
  timeZone: string;
}

interface ClientInfo {
  locale?: unknown;
  timezone?: unknown;
}

/** Teams' `clientInfo` entity (locale, country, platform, timezone), when the activity carries one. */
function clientInfoOf(turn: Pick<TurnContext, 'activity'>): ClientInfo {
  const entities: unknown = turn.activity.entities;
  if (!Array.isArray(entities)) return {};
  const entity = entities.find((e): e is ClientInfo & { type: string } => !!e && typeof e === 'object' && (e as { type?: unknown }).type === 'clientInfo');
  return entity ?? {};
}

/**
 * The asker's language (an unsupported or missing one: `fallback`, the DEFAULT_LOCALE setting) and time zone (a
 * missing or unknown one: UTC).
 */
export function viewerLocale(turn: Pick<TurnContext, 'activity'>, fallback: Locale = DEFAULT_LOCALE): ViewerLocale {
  const stated = statedLocale(turn);
  return { locale: stated.locale ?? fallback, timeZone: stated.timeZone ?? DEFAULT_TIME_ZONE };
}

/**
 * What the activity itself says of its sender's language and time zone, null where it says nothing the bot can use
 * (no tag, a language without a catalog, an unknown zone): what the staff roster keeps, so that a proactive card to
 * that person is in their language, and DEFAULT_LOCALE as it is set then where null.
 */
export function statedLocale(turn: Pick<TurnContext, 'activity'>): { locale: Locale | null; timeZone: string | null } {
  const activity = turn.activity as { locale?: unknown; localTimezone?: unknown };
  const client = clientInfoOf(turn);
  const tag = typeof activity.locale === 'string' && activity.locale.trim() !== '' ? activity.locale : client.locale;
  const zone = typeof activity.localTimezone === 'string' && activity.localTimezone.trim() !== '' ? activity.localTimezone : client.timezone;
  const language = languageOf(tag);
  const timeZone = resolveTimeZone(zone, '');
  return { locale: isLocale(language) ? language : null, timeZone: timeZone === '' ? null : timeZone };
}
