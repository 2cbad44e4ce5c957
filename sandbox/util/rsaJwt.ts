/**
 * RS256 JSON Web Tokens and their signing keys, for the tokens a bot verifies against published keys (the
 * Bot Framework channel's tokens and the identity platform's tokens for the Bot Connector). Everything
 * else the sandbox issues stays HS256 (util/jwt.ts): only the sandbox itself checks those.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { JwtClaims } from './jwt';

/** An RSA public key as a JWKS publishes it (`n` and `e` base64url, no padding). */
export interface RsaPublicJwk {
  kty: 'RSA';
  use: 'sig';
  kid: string;
  x5t: string;
  n: string;
  e: string;
}

export interface RsaSigningKey {
  readonly kid: string;
  /** Thumbprint in the place of a certificate's `x5t`; here also the `kid`, as Microsoft's keys do. */
  readonly x5t: string;
  readonly privateKey: KeyObject;
  readonly publicJwk: RsaPublicJwk;
}

/**
 * A fresh 2048-bit key pair. There is no certificate, so `x5t` is the base64url SHA-1 of the public key's
 * DER encoding (a real `x5t` hashes the certificate) and no `x5c` is published.
 */
export function generateRsaSigningKey(): RsaSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const x5t = createHash('sha1').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url');
  const jwk = publicKey.export({ format: 'jwk' });
  if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') throw new Error('node:crypto exported an RSA key without n/e');
  return { kid: x5t, x5t, privateKey, publicJwk: { kty: 'RSA', use: 'sig', kid: x5t, x5t, n: jwk.n, e: jwk.e } };
}

function encodeSegment(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function signRs256Jwt(claims: JwtClaims, key: RsaSigningKey): string {
  const header = encodeSegment({ typ: 'JWT', alg: 'RS256', kid: key.kid, x5t: key.x5t });
  const payload = encodeSegment(claims);
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`, 'utf8'), key.privateKey).toString('base64url');
  return `${header}.${payload}.${signature}`;
}
