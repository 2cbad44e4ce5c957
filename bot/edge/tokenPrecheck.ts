/**
 * A cheap look at an inbound Bot Framework token before botbuilder verifies its signature: shape,
 * algorithm, issuer, audience and lifetime. Forged tokens (alg none, HS256, another app, expired, emulator
 * or skill tokens nobody allowed) are refused here in microseconds, without fetching signing keys — so they
 * get a 401 even when the OpenID metadata cannot be reached. It never accepts a token on its own: the
 * signature check that follows is botbuilder's.
 */

/** botbuilder's AuthenticationConstants.AllowedSigningAlgorithms. */
const ALLOWED_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);
/** botbuilder's clock tolerance for channel tokens. */
const CLOCK_SKEW_SECONDS = 5 * 60;
const MAX_TOKEN_LENGTH = 16_384;

/** Issuers of Bot Framework Emulator and skill tokens (botbuilder's ToBotFromBotOrEmulatorTokenValidationParameters). */
export const EMULATOR_AND_SKILL_ISSUERS: readonly string[] = [
  'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/',
  'https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0',
  'https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/',
  'https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0',
  'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/',
  'https://sts.windows.net/cab8a31a-1906-4287-a0d8-4eef66b95f6e/',
  'https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0',
  'https://login.microsoftonline.us/f8cdef31-a31e-4b4a-93e4-5f571e91255a/',
  'https://login.microsoftonline.us/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0',
];

export interface TokenExpectations {
  /** The bot's Microsoft App ID (canonical, lowercase). */
  appId: string;
  /** ToBotFromChannelTokenIssuer. */
  channelIssuer: string;
  allowEmulator: boolean;
  /** App ids allowed to call as skills (canonical). */
  allowedCallers: readonly string[];
  /** Epoch seconds. */
  nowSeconds: number;
}

export type TokenKind = 'channel' | 'emulator' | 'skill';
export type Precheck = { ok: true; kind: TokenKind } | { ok: false; reason: string };

export function precheckToken(authorization: string | undefined, expect: TokenExpectations): Precheck {
  if (!authorization) return refuse('no Authorization header');
  const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/.exec(authorization.trim());
  if (!match || authorization.length > MAX_TOKEN_LENGTH) return refuse('the Authorization header is not a Bearer JWT');
  const header = decodeSegment(match[1]);
  const claims = decodeSegment(match[2]);
  if (!header || !claims) return refuse('the token is not well formed');
  if (typeof header.alg !== 'string' || !ALLOWED_ALGORITHMS.has(header.alg)) return refuse('the token is not signed with an accepted algorithm');
  if (typeof header.kid !== 'string' || header.kid === '') return refuse('the token names no signing key');
  if (match[3] === '') return refuse('the token has no signature');

  const issuer = typeof claims.iss === 'string' ? claims.iss : '';
  const audience = typeof claims.aud === 'string' ? claims.aud.toLowerCase() : '';
  const caller = stringClaim(claims.appid) ?? stringClaim(claims.azp);
  let kind: TokenKind;
  if (issuer === expect.channelIssuer) {
    kind = 'channel';
  } else if (EMULATOR_AND_SKILL_ISSUERS.includes(issuer)) {
    const isSkill = caller !== null && caller !== audience;
    if (isSkill && !expect.allowedCallers.includes(caller)) return refuse('skill calls are not allowed from this caller');
    if (!isSkill && !expect.allowEmulator) return refuse('Bot Framework Emulator tokens are not accepted');
    kind = isSkill ? 'skill' : 'emulator';
  } else {
    return refuse('the token was not issued by the Bot Framework');
  }
  if (audience !== expect.appId) return refuse('the token is for another bot');
  const exp = typeof claims.exp === 'number' ? claims.exp : NaN;
  if (!Number.isFinite(exp)) return refuse('the token has no expiry');
  if (exp + CLOCK_SKEW_SECONDS < expect.nowSeconds) return refuse('the token has expired');
  if (typeof claims.nbf === 'number' && claims.nbf - CLOCK_SKEW_SECONDS > expect.nowSeconds) return refuse('the token is not valid yet');
  return { ok: true, kind };
}

function refuse(reason: string): Precheck {
  return { ok: false, reason };
}

function stringClaim(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value.toLowerCase() : null;
}

function decodeSegment(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : null;
  } catch {
    return null;
  }
}
