/**
 * Message tables: a card module keeps its user-facing wording in one frozen table at its top (so a later issue can
 * translate it), with `{name}` placeholders filled here. Values are inserted as given: callers sanitise untrusted
 * text first (oneLine, domainText) and only put it where the card draws it as plain text (TextRun).
 */

/** "Undo by {date}" with { date: '3 Mar 2025' } → "Undo by 3 Mar 2025". Unknown placeholders are left as they are. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** One of a "one"/"many" pair, filled: plural('{n} line', '{n} lines', 3) → "3 lines". */
export function plural(one: string, many: string, n: number, values: Readonly<Record<string, string | number>> = {}): string {
  return fill(n === 1 ? one : many, { n, ...values });
}
