/**
 * The languages the bot speaks and how a Teams locale or time zone is understood. A language is a catalog
 * (cards/i18n/en, cards/i18n/ko); adding one is a new folder, its entry in LOCALES and INTL_TAGS (see docs/I18N.md).
 */

/** The catalog languages, English first (the fallback for anything a catalog lacks). */
export const LOCALES = Object.freeze(['en', 'ko'] as const);
export type Locale = (typeof LOCALES)[number];

/** The language when nothing says otherwise (the DEFAULT_LOCALE setting may choose another). */
export const DEFAULT_LOCALE: Locale = 'en';

/** The time zone when the client names none or one Intl does not know. */
export const DEFAULT_TIME_ZONE = 'UTC';

/**
 * The BCP 47 tag each language is formatted with (numbers, lists, dates): British English keeps the house style
 * (day before month, "3 Mar 2025"); Korean as in Korea.
 */
export const INTL_TAGS: Readonly<Record<Locale, string>> = Object.freeze({ en: 'en-GB', ko: 'ko-KR' });

/** Longer than any real language tag (the longest registered ones are about 35 characters). */
const MAX_TAG_CHARS = 64;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The catalog language for a locale tag as Teams sends it (`activity.locale`: 'ko-KR', 'ko', 'en-US', 'en-GB'; any
 * case, '_' taken as '-'); `fallback` for a tag that is missing, malformed or in a language we have no catalog for.
 */
export function resolveLocale(tag: unknown, fallback: Locale = DEFAULT_LOCALE): Locale {
  const language = languageOf(tag);
  return isLocale(language) ? language : fallback;
}

/** The language subtag of a well-formed BCP 47 tag, lower case ('ko-KR' → 'ko'); null when it is not one. */
export function languageOf(tag: unknown): string | null {
  if (typeof tag !== 'string') return null;
  const text = tag.trim().replace(/_/g, '-');
  if (text === '' || text.length > MAX_TAG_CHARS) return null;
  try {
    return new Intl.Locale(text).language.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * An IANA time zone Intl knows, in its canonical spelling ('asia/seoul' → 'Asia/Seoul'); `fallback` (UTC) for
 * anything else — missing, made up, or an offset string.
 */
export function resolveTimeZone(value: unknown, fallback: string = DEFAULT_TIME_ZONE): string {
  if (typeof value !== 'string') return fallback;
  const text = value.trim();
  // Offsets ('+09:00') are accepted by newer Intl versions only; a zone name is what Teams sends.
  if (text === '' || text.length > MAX_TAG_CHARS || !/^[A-Za-z][A-Za-z0-9_+/-]*$/.test(text)) return fallback;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: text }).resolvedOptions().timeZone;
  } catch {
    return fallback;
  }
}
