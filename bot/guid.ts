/**
 * Directory ids (tenants, apps, users) as GUIDs. Microsoft prints them in any case and sometimes in
 * braces; compared and stored, they are canonical: lowercase, no braces. The last group may have 13
 * digits: the Microsoft 365 Agents Playground's (and so the local sandbox's) ids look like
 * `00000000-0000-0000-0000-0000000000001`.
 */
const GUID = /^(?:\{([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13})\}|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}))$/i;

/** The canonical form of a GUID (surrounding whitespace ignored), or null when `value` is not one. */
export function canonicalGuid(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const match = GUID.exec(value.trim());
  if (!match) return null;
  return (match[1] ?? match[2]).toLowerCase();
}

/** Whether two ids name the same GUID (false when either is not a GUID). */
export function sameGuid(a: string | null | undefined, b: string | null | undefined): boolean {
  const left = canonicalGuid(a);
  return left !== null && left === canonicalGuid(b);
}
