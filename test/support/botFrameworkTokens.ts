/**
 * Bot Framework tokens for tests that run a bot against the sandbox: the channel's token for an inbound
 * activity (`channelToken`), and the check the Bot Connector makes on the bot's outbound calls
 * (`OutboundTokenVerifier` / `verifyBotOutboundToken`). The check uses only node:crypto and the keys the
 * sandbox publishes over HTTP, independently of how the sandbox signs.
 */
import { createHmac, createPublicKey, generateKeyPairSync, sign, verify, type JsonWebKey } from 'node:crypto';
import {
  BOT_FRAMEWORK_RESOURCE, BOT_FRAMEWORK_TENANT_DOMAIN, BOT_FRAMEWORK_TENANT_ID, SANDBOX_BOT_APP_ID,
} from '../../sandbox/world/constants';

export interface ChannelTokenOptions {
  appId: string;
  serviceUrl: string;
  /** Default 3600; 0 gives a token that expired 10 minutes ago (past botbuilder's 5 minutes of clock skew). */
  lifetimeSeconds?: number;
  /** Default `msteams`; must be a channel the sandbox's Bot Framework key endorses. */
  channelId?: string;
}

/** `POST /_sandbox/botframework/channel-token`: what the Bot Connector sends as `Authorization: Bearer …`. */
export async function channelToken(sandboxUrl: string, options: ChannelTokenOptions): Promise<string> {
  const response = await fetch(`${sandboxUrl}/_sandbox/botframework/channel-token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(options),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`channel token failed: ${response.status} ${text}`);
  return (JSON.parse(text) as { token: string }).token;
}

export type OutboundTokenCheck = { ok: true } | { ok: false; reason: string };

/** Clock skew the check allows on `nbf`, as Microsoft's validators do (5 minutes). */
const CLOCK_SKEW_SECONDS = 300;

interface PublishedKey {
  kid?: string;
  kty?: string;
  n?: string;
  e?: string;
}

/**
 * Checks the bot's outbound `Authorization` header the way the Bot Connector does: an RS256 token signed
 * with a key published at `{sandbox}/login/{tenant}/discovery/v2.0/keys`, `aud` = the Bot Connector,
 * `appid`/`azp` = the sandbox bot's app id, issued in the expected tenant, not expired. The published keys
 * are fetched once per verifier, and again when a token names a key not seen yet.
 */
export class OutboundTokenVerifier {
  private keys: PublishedKey[] | undefined;
  private readonly tenantId: string;

  constructor(private readonly sandboxUrl: string, options: { tenantId: string }) {
    this.tenantId = options.tenantId;
  }

  async verify(authorizationHeader: string | undefined): Promise<OutboundTokenCheck> {
    const match = /^Bearer\s+([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(authorizationHeader?.trim() ?? '');
    if (!match) return { ok: false, reason: 'no Bearer JWT in the Authorization header' };
    const [, headerPart, payloadPart, signaturePart] = match;
    const header = parseSegment(headerPart);
    const claims = parseSegment(payloadPart);
    if (!header || !claims) return { ok: false, reason: 'the token is not a well-formed JWT' };
    if (header.alg !== 'RS256') return { ok: false, reason: `alg is ${String(header.alg)}, expected RS256` };
    if (typeof header.kid !== 'string') return { ok: false, reason: 'the token names no kid' };

    const jwk = await this.findKey(header.kid);
    if (!jwk) return { ok: false, reason: `no published key has kid ${header.kid}` };
    const publicKey = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e } as JsonWebKey, format: 'jwk' });
    const signed = Buffer.from(`${headerPart}.${payloadPart}`, 'utf8');
    if (!verify('sha256', signed, publicKey, Buffer.from(signaturePart, 'base64url'))) return { ok: false, reason: 'the signature does not verify' };

    if (claims.aud !== BOT_FRAMEWORK_RESOURCE) return { ok: false, reason: `aud is ${String(claims.aud)}, expected ${BOT_FRAMEWORK_RESOURCE}` };
    if (claims.appid !== SANDBOX_BOT_APP_ID || claims.azp !== SANDBOX_BOT_APP_ID) {
      return { ok: false, reason: `appid/azp are ${String(claims.appid)}/${String(claims.azp)}, expected ${SANDBOX_BOT_APP_ID}` };
    }
    const tenantId = this.tenantId.toLowerCase() === BOT_FRAMEWORK_TENANT_DOMAIN ? BOT_FRAMEWORK_TENANT_ID : this.tenantId.toLowerCase();
    if (claims.tid !== tenantId) return { ok: false, reason: `tid is ${String(claims.tid)}, expected ${tenantId}` };
    if (typeof claims.iss !== 'string' || !claims.iss.endsWith(`/${tenantId}/v2.0`)) return { ok: false, reason: `iss ${String(claims.iss)} is not the tenant's v2.0 issuer` };
    const now = Date.now() / 1000;
    if (typeof claims.exp !== 'number' || claims.exp <= now) return { ok: false, reason: 'the token is expired' };
    if (typeof claims.nbf === 'number' && claims.nbf > now + CLOCK_SKEW_SECONDS) return { ok: false, reason: 'the token is not valid yet (nbf)' };
    return { ok: true };
  }

  private async findKey(kid: string): Promise<Required<PublishedKey> | undefined> {
    const find = () => this.keys?.find((k): k is Required<PublishedKey> => k.kid === kid && k.kty === 'RSA' && typeof k.n === 'string' && typeof k.e === 'string');
    if (!find()) this.keys = await this.fetchKeys();
    return find();
  }

  private async fetchKeys(): Promise<PublishedKey[]> {
    const response = await fetch(`${this.sandboxUrl}/login/${encodeURIComponent(this.tenantId)}/discovery/v2.0/keys`);
    if (response.status !== 200) throw new Error(`JWKS fetch failed: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { keys?: PublishedKey[] };
    return Array.isArray(body.keys) ? body.keys : [];
  }
}

/** One-off check (fetches the keys each time); keep an `OutboundTokenVerifier` to check many calls. */
export function verifyBotOutboundToken(sandboxUrl: string, authorizationHeader: string | undefined, options: { tenantId: string }): Promise<OutboundTokenCheck> {
  return new OutboundTokenVerifier(sandboxUrl, options).verify(authorizationHeader);
}

function parseSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function segment(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A JWT signed with a fresh key of our own (RS256), an HMAC secret (HS256), or not at all (alg none): a forgery. */
export function forgeToken(header: object, claims: object, how: 'rs256' | { hs256: string } | 'none'): string {
  const body = `${segment(header)}.${segment(claims)}`;
  if (how === 'none') return `${body}.`;
  if (how === 'rs256') {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return `${body}.${sign('sha256', Buffer.from(body), privateKey).toString('base64url')}`;
  }
  return `${body}.${createHmac('sha256', how.hs256).update(body).digest('base64url')}`;
}
