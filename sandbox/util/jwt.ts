/**
 * Minimal HS256 JSON Web Tokens. The sandbox signs with a secret derived from its seed; real Entra tokens
 * are RS256, but clients treat access tokens as opaque, and only the sandbox itself verifies them.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type JwtClaims = Record<string, unknown>;

function encodeSegment(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function signJwt(claims: JwtClaims, secret: string, keyId: string): string {
  const header = encodeSegment({ typ: 'JWT', alg: 'HS256', kid: keyId });
  const payload = encodeSegment(claims);
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

export type JwtVerification = { ok: true; claims: JwtClaims } | { ok: false; reason: string };

/** Checks shape and signature only; expiry and audience are the caller's business. */
export function verifyJwt(token: string, secret: string): JwtVerification {
  if (token.length > 8192) return { ok: false, reason: 'The token is too long.' };
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'IDX14100: JWT is not well formed.' };
  const [header, payload, signature] = parts;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'Signature validation failed.' };
  }
  try {
    const headerJson: unknown = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    if (!isRecord(headerJson) || headerJson.alg !== 'HS256') return { ok: false, reason: 'Unsupported token algorithm.' };
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!isRecord(claims)) return { ok: false, reason: 'IDX14100: JWT is not well formed.' };
    return { ok: true, claims };
  } catch {
    return { ok: false, reason: 'IDX14100: JWT is not well formed.' };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
