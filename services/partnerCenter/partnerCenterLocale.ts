/**
 * The `X-Locale` Partner Center calls carry: the language Partner Center answers in (error descriptions, offer and
 * product names). Partner Center takes a language with its region ("en-US", "ko-KR"), while the partner's
 * DEFAULT_LOCALE names a language ("ko"); a bare language gets the region it is spoken in by default.
 */

/** Partner Center's own default, when the partner names no language. */
export const DEFAULT_PARTNER_CENTER_LOCALE = 'en-US';

/** The region for the languages the bot speaks; any other bare language gets its likeliest region (Intl). */
const REGION_OF: Readonly<Record<string, string>> = Object.freeze({ en: 'US', ko: 'KR' });

/**
 * `X-Locale` for a language or locale tag, any case, '_' taken as '-': 'ko' → 'ko-KR', 'en' → 'en-US',
 * 'ko_kr' → 'ko-KR', 'en-GB' stays 'en-GB'. Throws for something that is not a language tag (a bad setting).
 */
export function partnerCenterLocale(tag: string): string {
  const text = tag.trim().replace(/_/g, '-');
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(text);
  } catch {
    throw new Error(`"${tag.slice(0, 40)}" is not a language tag like ko, en, ko-KR or en-US (the partner's DEFAULT_LOCALE, sent to Partner Center as X-Locale)`);
  }
  const language = locale.language.toLowerCase();
  const region = locale.region ?? REGION_OF[language] ?? locale.maximize().region;
  return region ? `${language}-${region.toUpperCase()}` : DEFAULT_PARTNER_CENTER_LOCALE;
}
