/**
 * A client assertion (RFC 7523 JWT signed with the app's certificate) for @azure/identity's
 * `OnBehalfOfCredential({ getAssertion })`. Needed only for an encrypted PEM: OnBehalfOfCredential reads a
 * certificate from a path but takes no password, while ClientCertificateCredential does. The private key
 * is decrypted in memory and never written anywhere.
 *
 * Format (Microsoft identity platform "certificate credentials"): header `{alg: RS256, typ: JWT, x5t}` with
 * x5t = base64url(SHA-1 of the DER certificate); claims `aud` = the token endpoint, `iss` = `sub` = client
 * id, `jti`, `nbf`, `iat`, `exp` (10 minutes).
 */
import { createHash, createPrivateKey, createSign, randomUUID, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface CertificateAssertionOptions {
  clientId: string;
  tenantId: string;
  certificatePath: string;
  certificatePassword?: string;
  /** Default `https://login.microsoftonline.com`. */
  authorityHost?: string;
  now?: () => number;
}

const CERTIFICATE = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/;
const PRIVATE_KEY = /-----BEGIN (?:ENCRYPTED |RSA )?PRIVATE KEY-----[\s\S]+?-----END (?:ENCRYPTED |RSA )?PRIVATE KEY-----/;

/** Reads the PEM once; each call of the returned function signs a fresh assertion. */
export function certificateAssertion(options: CertificateAssertionOptions): () => Promise<string> {
  let loaded: { key: KeyObject; x5t: string } | undefined;
  const now = options.now ?? Date.now;
  const audience = `${(options.authorityHost ?? 'https://login.microsoftonline.com').replace(/\/+$/, '')}/${options.tenantId}/oauth2/v2.0/token`;
  return async () => {
    loaded ??= load(options.certificatePath, options.certificatePassword);
    const issuedAt = Math.floor(now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', x5t: loaded.x5t };
    const claims = {
      aud: audience, iss: options.clientId, sub: options.clientId, jti: randomUUID(),
      nbf: issuedAt, iat: issuedAt, exp: issuedAt + 600,
    };
    const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    const signature = createSign('RSA-SHA256').update(unsigned).sign(loaded.key);
    return `${unsigned}.${base64url(signature)}`;
  };
}

function load(path: string, password: string | undefined): { key: KeyObject; x5t: string } {
  const pem = readFileSync(path, 'utf8');
  const certificate = CERTIFICATE.exec(pem);
  const privateKey = PRIVATE_KEY.exec(pem);
  if (!certificate || !privateKey) {
    throw new Error(`${path} must be a PEM file holding the certificate and its private key.`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: privateKey[0], format: 'pem', passphrase: password });
  } catch {
    throw new Error(`The private key in ${path} could not be read: check AZURE_CLIENT_CERTIFICATE_PASSWORD.`);
  }
  const der = Buffer.from(certificate[1]!.replace(/\s+/g, ''), 'base64');
  return { key, x5t: base64url(createHash('sha1').update(der).digest()) };
}

function base64url(value: string | Buffer): string {
  return (typeof value === 'string' ? Buffer.from(value, 'utf8') : value).toString('base64url');
}
