/** Fixture loading and JSON shape comparison for the contract tests. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const FIXTURES = path.join(__dirname, '..', 'contracts');

/** A sample from test/services/contracts (e.g. `partner-center/customer.json`). */
export function fixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as T;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Where `actual` does not have the shape of `sample`: every key of the sample must be present with the same
 * JSON type (a null in the sample says nothing about the type; a null in `actual` where the sample has a value
 * counts as present when `nullableOk`). Arrays: the first element of the sample against every element of actual.
 */
export function shapeDifferences(sample: unknown, actual: unknown, at = '$', nullableOk = true): string[] {
  const expected = kind(sample);
  const found = kind(actual);
  if (expected === 'null') return [];
  if (found === 'null') return nullableOk ? [] : [`${at}: null, expected ${expected}`];
  if (expected !== found) return [`${at}: ${found}, expected ${expected}`];
  if (expected === 'array') {
    const first = (sample as unknown[])[0];
    if (first === undefined) return [];
    return (actual as unknown[]).flatMap((item, i) => shapeDifferences(first, item, `${at}[${i}]`, nullableOk));
  }
  if (expected === 'object') {
    const out: string[] = [];
    for (const [key, value] of Object.entries(sample as Record<string, unknown>)) {
      if (!(key in (actual as Record<string, unknown>))) out.push(`${at}.${key}: missing`);
      else out.push(...shapeDifferences(value, (actual as Record<string, unknown>)[key], `${at}.${key}`, nullableOk));
    }
    return out;
  }
  return [];
}

/** Keys a client sends that the documented request sample does not have (an invented field is a contract bug). */
export function keysNotInSample(sent: unknown, sample: unknown, at = '$'): string[] {
  if (Array.isArray(sent) && Array.isArray(sample)) {
    const merged = mergeArrayShapes(sample);
    return sent.flatMap((item, i) => keysNotInSample(item, merged, `${at}[${i}]`));
  }
  if (kind(sent) === 'object' && kind(sample) === 'object') {
    const out: string[] = [];
    for (const [key, value] of Object.entries(sent as Record<string, unknown>)) {
      if (!(key in (sample as Record<string, unknown>))) out.push(`${at}.${key}`);
      else out.push(...keysNotInSample(value, (sample as Record<string, unknown>)[key], `${at}.${key}`));
    }
    return out;
  }
  if (kind(sample) !== 'null' && kind(sent) !== kind(sample)) return [`${at}: ${kind(sent)} where the sample has ${kind(sample)}`];
  return [];
}

/** The union of the keys of the objects in a sample array (samples show optional fields on different items). */
function mergeArrayShapes(items: unknown[]): unknown {
  const objects = items.filter((i) => kind(i) === 'object') as Array<Record<string, unknown>>;
  if (objects.length === 0) return items[0];
  return Object.assign({}, ...objects.slice().reverse());
}
