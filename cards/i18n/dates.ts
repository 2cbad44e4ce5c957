/**
 * Dates and times in the reader's language and time zone, through Intl. English keeps the house style of
 * cards/common.ts ("3 Mar 2025", "3 Mar 2025, 09:05 UTC"), so a card that moves to these shows UTC readers what it
 * showed before; Korean is Korea's style ("2025년 3월 3일 18:05 GMT+9"). Pure: formatters are made per call.
 */
import { t } from './catalog';
import { INTL_TAGS, resolveTimeZone, type Locale } from './locales';

/** The house abbreviations (CLDR's en-GB says "Sept"; our English cards always said "Sep"). */
const ENGLISH_MONTHS: readonly string[] = Object.freeze(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);

function parseDate(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The day in the time zone: "3 Mar 2025" / "2025년 3월 3일". */
function dayText(date: Date, locale: Locale, timeZone: string): string {
  if (locale === 'en') {
    const parts = new Intl.DateTimeFormat(INTL_TAGS.en, { day: 'numeric', month: 'numeric', year: 'numeric', timeZone }).formatToParts(date);
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
    return `${Number(part('day'))} ${ENGLISH_MONTHS[Number(part('month')) - 1]} ${part('year')}`;
  }
  return new Intl.DateTimeFormat(INTL_TAGS[locale], { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(date);
}

/**
 * The time of day on a 24-hour clock with the zone: "09:05 UTC", "18:05 GMT+9". 24 hours in Korean too: unambiguous,
 * usual in business tools, and current CLDR data writes Korean's 12-hour clock with "AM"/"PM" instead of 오전/오후.
 */
function timeText(date: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(INTL_TAGS[locale], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone, timeZoneName: 'short' }).format(date);
}

/**
 * The day `value` falls on in `timeZone` (an IANA name; anything Intl does not know counts as UTC), in `locale`;
 * `whenMissing` (default: the catalog's "unknown") when the value is missing or unreadable — never guessed.
 */
export function formatLocalDate(value: string | Date | null | undefined, locale: Locale, timeZone: string, whenMissing?: string): string {
  const date = parseDate(value);
  if (!date) return whenMissing ?? t(locale, 'common.date.unknown');
  return dayText(date, locale, resolveTimeZone(timeZone));
}

/** The day and time `value` falls on in `timeZone`, with the zone named: "3 Mar 2025, 09:05 UTC" / "2025년 3월 3일 09:05 UTC". */
export function formatLocalDateTime(value: string | Date | null | undefined, locale: Locale, timeZone: string, whenMissing?: string): string {
  const date = parseDate(value);
  if (!date) return whenMissing ?? t(locale, 'common.date.unknown');
  const zone = resolveTimeZone(timeZone);
  const day = dayText(date, locale, zone);
  const time = timeText(date, locale, zone);
  return locale === 'en' ? `${day}, ${time}` : `${day} ${time}`;
}
