/**
 * The checks the catalog test runs, as a function of two catalogs so the test can also prove they catch a broken
 * translation. Each problem is one line naming the key: "help.title: missing in ko".
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/** As cards/i18n/catalog.ts compiles them: tags off, every select and plural with an `other` case. */
const PARSE_OPTIONS = { ignoreTag: true, requiresOtherClause: true } as const;

/** The ICU tree of a message, or the parser's complaint. */
export function parseMessage(message: string): { ast: MessageFormatElement[] } | { error: string } {
  try {
    return { ast: parse(message, PARSE_OPTIONS) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * A message's placeholders: name → kind ('text', 'number', 'plural', 'selectordinal', 'select(a|b|other)', 'date',
 * 'time'). A placeholder used twice with two kinds is listed as both ('number+text').
 */
export function placeholders(ast: readonly MessageFormatElement[]): Map<string, string> {
  const kinds = new Map<string, Set<string>>();
  const add = (name: string, kind: string) => kinds.set(name, (kinds.get(name) ?? new Set()).add(kind));
  const visit = (elements: readonly MessageFormatElement[]) => {
    for (const element of elements) {
      switch (element.type) {
        case TYPE.argument: add(element.value, 'text'); break;
        case TYPE.number: add(element.value, 'number'); break;
        case TYPE.date: add(element.value, 'date'); break;
        case TYPE.time: add(element.value, 'time'); break;
        case TYPE.select:
          add(element.value, `select(${Object.keys(element.options).sort().join('|')})`);
          for (const option of Object.values(element.options)) visit(option.value);
          break;
        case TYPE.plural:
          add(element.value, element.pluralType === 'ordinal' ? 'selectordinal' : 'plural');
          for (const option of Object.values(element.options)) visit(option.value);
          break;
        case TYPE.tag:
          add(element.value, 'tag');
          visit(element.children);
          break;
        default: break;
      }
    }
  };
  visit(ast);
  return new Map([...kinds].map(([name, set]) => [name, [...set].sort().join('+')]));
}

function describe(kinds: Map<string, string>): string {
  return kinds.size === 0 ? 'none' : [...kinds].sort(([a], [b]) => a.localeCompare(b)).map(([name, kind]) => `${name}: ${kind}`).join(', ');
}

/** Problems with one message on its own: not ICU, or a placeholder kind the house rules forbid. */
export function messageProblems(key: string, language: string, message: string): string[] {
  if (message.trim() === '') return [`${key}: empty in ${language}`];
  const parsed = parseMessage(message);
  if ('error' in parsed) return [`${key}: not valid ICU MessageFormat in ${language} (${parsed.error})`];
  const problems: string[] = [];
  for (const [name, kind] of placeholders(parsed.ast)) {
    if (/date|time/.test(kind)) problems.push(`${key}: {${name}} is a ${kind} placeholder in ${language}; format dates with formatLocalDate/formatLocalDateTime (the reader's time zone) and pass text`);
    if (/tag/.test(kind)) problems.push(`${key}: <${name}> is a tag in ${language}; messages are plain text`);
  }
  return problems;
}

/**
 * Every problem between the English catalog and a translation: keys missing on either side, messages that are not
 * ICU, and placeholders (names and kinds, select cases) that differ.
 */
export function catalogProblems(english: Readonly<Record<string, string>>, translation: Readonly<Record<string, string>>, language: string): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(english)) if (!Object.hasOwn(translation, key)) problems.push(`${key}: missing in ${language}`);
  for (const key of Object.keys(translation)) if (!Object.hasOwn(english, key)) problems.push(`${key}: in ${language} but not in English`);
  for (const [key, message] of Object.entries(english)) problems.push(...messageProblems(key, 'en', message));
  for (const [key, message] of Object.entries(translation)) {
    const own = messageProblems(key, language, message);
    problems.push(...own);
    if (own.length > 0 || !Object.hasOwn(english, key)) continue;
    const source = parseMessage(english[key]);
    const target = parseMessage(message);
    if ('error' in source || 'error' in target) continue;
    const want = describe(placeholders(source.ast));
    const got = describe(placeholders(target.ast));
    if (want !== got) problems.push(`${key}: placeholders differ — en has ${want}; ${language} has ${got}`);
  }
  return problems;
}

/** Sample values for a message's placeholders, so it can be formatted: text 'x', numbers 2, a select's first case. */
export function sampleValues(ast: readonly MessageFormatElement[]): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const [name, kind] of placeholders(ast)) {
    const select = /^select\(([^|)]+)/.exec(kind);
    values[name] = select ? select[1] : /number|plural|selectordinal/.test(kind) ? 2 : 'x';
  }
  return values;
}
