/**
 * Long JSON text in one Table entity. Azure Table Storage keeps a string property to 64 KiB (UTF-16,
 * so 32,768 characters) and a whole entity to 1 MiB, so a text is split across numbered properties
 * `<prefix>0`, `<prefix>1`, … with their count in `<prefix>Parts`. A split never falls inside a
 * surrogate pair, so every part is well-formed Unicode on the wire.
 */

/** Characters per property: under the 32,768-character limit with room to spare. */
export const CHUNK_CHARS = 30_000;
/** At most this many parts per entity: 16 × 60 KB stays under the 1 MiB entity limit. */
export const MAX_CHUNKS = 16;
export const MAX_TEXT_CHARS = CHUNK_CHARS * MAX_CHUNKS;
/** Azure's entity size limit. */
export const MAX_ENTITY_BYTES = 1024 * 1024;

export class TextTooLargeError extends Error {
  constructor(what: string, chars: number) {
    super(
      `${what} is ${chars} characters of JSON; one Azure Table entity holds at most ${MAX_TEXT_CHARS} ` +
        '(1 MiB per entity). Nothing was stored: keep large payloads (attachments, logs) out of it.',
    );
    this.name = 'TextTooLargeError';
  }
}

/** The properties that hold `text`. Throws TextTooLargeError when it cannot fit in one entity. */
export function chunkProperties(text: string, prefix: string, what: string): Record<string, string | number> {
  if (text.length > MAX_TEXT_CHARS) throw new TextTooLargeError(what, text.length);
  const properties: Record<string, string | number> = {};
  let part = 0;
  for (let start = 0; start < text.length || part === 0; part++) {
    let end = Math.min(start + CHUNK_CHARS, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1; // keep the pair together
    if (part >= MAX_CHUNKS) throw new TextTooLargeError(what, text.length);
    properties[`${prefix}${part}`] = text.slice(start, end);
    start = end;
  }
  properties[`${prefix}Parts`] = part;
  return properties;
}

/** Joins the parts back; throws if a part is missing (the entity was changed outside this app). */
export function joinChunks(entity: Record<string, unknown>, prefix: string, what: string): string {
  const count = readInteger(entity[`${prefix}Parts`]);
  if (count === undefined || count < 1 || count > MAX_CHUNKS) {
    throw new Error(`${what} is damaged: it has no valid "${prefix}Parts" count.`);
  }
  let text = '';
  for (let part = 0; part < count; part++) {
    const value = entity[`${prefix}${part}`];
    if (typeof value !== 'string') throw new Error(`${what} is damaged: its part "${prefix}${part}" is missing.`);
    text += value;
  }
  return text;
}

/** An integer property as the Tables SDK returns it (a number, or `{ value, type: 'Int64' }`). */
export function readInteger(value: unknown): number | undefined {
  const raw = typeof value === 'object' && value !== null && 'value' in value ? (value as { value: unknown }).value : value;
  const number = typeof raw === 'string' ? Number(raw) : raw;
  return typeof number === 'number' && Number.isSafeInteger(number) ? number : undefined;
}

/**
 * Azure's own size formula for an entity: 4 bytes, plus the keys as UTF-16, plus per property 8 bytes,
 * its name as UTF-16 and its value (strings as UTF-16 + 4, numbers 8, booleans 1).
 */
export function entitySizeBytes(entity: Record<string, unknown>): number {
  let size = 4;
  for (const [name, value] of Object.entries(entity)) {
    if (name === 'partitionKey' || name === 'rowKey') {
      size += String(value).length * 2;
      continue;
    }
    size += 8 + name.length * 2;
    if (typeof value === 'string') size += value.length * 2 + 4;
    else if (typeof value === 'boolean') size += 1;
    else size += 8;
  }
  return size;
}
