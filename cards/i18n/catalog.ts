/**
 * The message catalog: `t(locale, key, values)` formats a key's ICU MessageFormat message (intl-messageformat) in the
 * reader's language. Every message is compiled once, when this module loads, into a frozen table — the cache of
 * compiled messages; no state changes after that. A key a language lacks, or a message of it that does not compile or
 * format, falls back to English (the catalog test names each such key); nothing here throws.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { en, type MessageKey, type Messages } from './en';
import { ko } from './ko';
import { INTL_TAGS, LOCALES, type Locale } from './locales';

export type { MessageKey, Messages } from './en';

/** What a message's placeholders take: text (already sanitised and formatted — dates through cards/i18n/dates.ts) or numbers. */
export type MessageValues = Readonly<Record<string, string | number>>;

/** The catalogs by language. English is complete by type; another language may lack keys (they fall back to English). */
export type Catalogs = { readonly en: Readonly<Record<string, string>> } & { readonly [L in Locale]?: Readonly<Record<string, string>> };

/** The catalogs the bot ships. */
export const CATALOGS: Readonly<Record<Locale, Partial<Messages>>> = Object.freeze({ en, ko });

/**
 * Tags are off: `<` and `>` are ordinary characters in our messages (Teams markdown, not HTML). Messages are
 * compiled with the language's Intl tag so plurals and numbers follow it.
 */
const PARSE_OPTIONS = Object.freeze({ ignoreTag: true });

export interface Translator<K extends string> {
  /** The message `key` in `locale`, its placeholders filled; English when the language lacks it. */
  t(locale: Locale, key: K, values?: MessageValues): string;
}

/** Compiles catalogs into a translator. The bot's own is `t` below; tests build others around small catalogs. */
export function createTranslator<K extends string>(catalogs: Catalogs): Translator<K> {
  const compiled = Object.freeze(Object.fromEntries(
    LOCALES.map((locale) => [locale, compileAll(catalogs[locale] ?? {}, INTL_TAGS[locale])]),
  )) as Readonly<Record<Locale, Readonly<Record<string, IntlMessageFormat>>>>;
  const english = compiled.en;
  return {
    t(locale, key, values = {}) {
      const own = Object.hasOwn(compiled[locale], key) ? format(compiled[locale][key], values) : null;
      if (own !== null) return own;
      const fallback = Object.hasOwn(english, key) ? format(english[key], values) : null;
      // A key in no catalog cannot pass the type checker; said plainly rather than crashing a turn.
      return fallback ?? key;
    },
  };
}

function compileAll(messages: Readonly<Record<string, string>>, tag: string): Readonly<Record<string, IntlMessageFormat>> {
  const table: Record<string, IntlMessageFormat> = {};
  for (const [key, message] of Object.entries(messages)) {
    try {
      table[key] = new IntlMessageFormat(message, tag, undefined, PARSE_OPTIONS);
    } catch {
      // Not valid ICU: left out, so English answers for it (the catalog test names the key).
    }
  }
  return Object.freeze(table);
}

function format(message: IntlMessageFormat, values: MessageValues): string | null {
  try {
    const text = message.format(values);
    return typeof text === 'string' ? text : null;
  } catch {
    // A placeholder without its value: the English message is tried (the catalog test checks both name the same ones).
    return null;
  }
}

const BOT_TRANSLATOR = createTranslator<MessageKey>(CATALOGS);

/** The bot's messages: `t('ko', 'help.title')`. */
export function t(locale: Locale, key: MessageKey, values?: MessageValues): string {
  return BOT_TRANSLATOR.t(locale, key, values);
}

/** Items as one phrase in the language's list style: 'or' → "A, B or C" / "A, B 또는 C"; 'and' → "A, B and C" / "A, B 및 C". */
export function formatList(locale: Locale, items: readonly string[], kind: 'or' | 'and'): string {
  return new Intl.ListFormat(INTL_TAGS[locale], { type: kind === 'or' ? 'disjunction' : 'conjunction' }).format(items);
}
