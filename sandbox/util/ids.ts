/**
 * Deterministic identifiers. Everything the sandbox invents is a hash of the world's seed and a name or
 * a running counter, so two runs that make the same calls see the same ids (no Math.random anywhere).
 */
import { createHash } from 'node:crypto';

function digest(parts: readonly string[]): Buffer {
  return createHash('sha256').update(parts.join('\u0000')).digest();
}

/** A GUID-shaped id (version-4 and variant bits set so strict parsers accept it). */
export function hashGuid(...parts: string[]): string {
  const bytes = digest(parts).subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const CATALOG_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTVWXZ';

/** Upper-case alphanumerics like the NCE catalog's ids (`CFQ7TTC0K971`). */
export function hashCode(length: number, ...parts: string[]): string {
  const bytes = digest(parts);
  let out = '';
  for (let i = 0; i < length; i += 1) out += CATALOG_ALPHABET[bytes[i % bytes.length] % CATALOG_ALPHABET.length];
  return out;
}

/** base64url text, e.g. for Partner Center order ids (`HVu_cO8Ea7fNRQP4ia1QTpZap-kg_7P71`). */
export function hashBase64Url(length: number, ...parts: string[]): string {
  return digest(parts).toString('base64url').slice(0, length);
}

export function hashHex(length: number, ...parts: string[]): string {
  return digest(parts).toString('hex').slice(0, length);
}

/** Ids for things created while the sandbox runs: seed + kind + a counter owned by one world. */
export interface IdSource {
  guid(kind: string): string;
  base64Url(kind: string, length: number): string;
  hex(kind: string, length: number): string;
}

export function createIdSource(seed: string): IdSource {
  let counter = 0;
  const nextParts = (kind: string): string[] => {
    counter += 1;
    return [seed, 'runtime', kind, String(counter)];
  };
  return {
    guid: (kind) => hashGuid(...nextParts(kind)),
    base64Url: (kind, length) => hashBase64Url(length, ...nextParts(kind)),
    hex: (kind, length) => hashHex(length, ...nextParts(kind)),
  };
}

/** Small seeded PRNG (mulberry32) for choosing names and similar variety in generated data. */
export function createSeededRandom(...seedParts: string[]): () => number {
  let state = digest(seedParts).readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
