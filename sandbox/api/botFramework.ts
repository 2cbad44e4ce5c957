/**
 * The Bot Framework token service under `/botframework`: the OpenID metadata and signing keys a bot uses to
 * check the tokens the Bot Connector sends it (login.botframework.com/v1/.well-known/…), and the two kinds of
 * RS256 token a bot meets: the channel's token on inbound activities (issued here for tests through
 * `POST /_sandbox/botframework/channel-token`) and the bot's own app-only token for the Bot Connector
 * (issued by the identity platform's token endpoint, `/login`, to SANDBOX_BOT_APP_ID).
 * Token lifetimes use wall-clock time, like every token of the sandbox.
 */
import type { Router } from '../http/router';
import { json, type SandboxRequest } from '../http/types';
import { hashGuid } from '../util/ids';
import { generateRsaSigningKey, signRs256Jwt, type RsaSigningKey } from '../util/rsaJwt';
import { BOT_FRAMEWORK_ENDORSEMENTS, BOT_FRAMEWORK_ISSUER, BOT_FRAMEWORK_RESOURCE, SANDBOX_BOT_APP_ID } from '../world/constants';
import type { SandboxWorld } from '../world/world';

/**
 * The two RSA keys of one running sandbox, made when the app is created and kept for its lifetime (a
 * `reset` keeps them, as botbuilder caches published keys for 24 hours per metadata URL).
 */
export interface BotFrameworkKeys {
  /** Signs the Bot Connector's tokens to the bot; published at /botframework/v1/.well-known/keys. */
  readonly channel: RsaSigningKey;
  /** Signs the identity platform's tokens for the Bot Connector; published at /login/{tenant}/discovery/v2.0/keys. */
  readonly identityPlatform: RsaSigningKey;
}

export function createBotFrameworkKeys(): BotFrameworkKeys {
  return { channel: generateRsaSigningKey(), identityPlatform: generateRsaSigningKey() };
}

const METADATA_PATH = '/botframework/v1/.well-known/openidconfiguration';
const KEYS_PATH = '/botframework/v1/.well-known/keys';

export function registerBotFrameworkRoutes(router: Router, keys: BotFrameworkKeys): void {
  router.add('botFramework', 'GET', METADATA_PATH, (request) => json(200, {
    issuer: BOT_FRAMEWORK_ISSUER,
    // Real Bot Framework publishes a placeholder here (`https://invalid.botframework.com`): nobody signs in.
    authorization_endpoint: `${request.baseUrl}/botframework/invalid`,
    jwks_uri: `${request.baseUrl}${KEYS_PATH}`,
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
  }));
  router.add('botFramework', 'GET', KEYS_PATH, () => json(200, {
    keys: [{ ...keys.channel.publicJwk, endorsements: [...BOT_FRAMEWORK_ENDORSEMENTS] }],
  }));
}

/** How long ago an "already expired" token expired: beyond the 5 minutes of clock skew botbuilder allows. */
const EXPIRED_SECONDS_AGO = 600;

/** `iat`/`nbf`/`exp` for a lifetime; 0 gives a token that expired well past any validator's clock skew. */
function tokenTimes(lifetimeSeconds: number): { iat: number; nbf: number; exp: number } {
  const now = Math.floor(Date.now() / 1000);
  if (lifetimeSeconds > 0) return { iat: now, nbf: now, exp: now + lifetimeSeconds };
  const exp = now - EXPIRED_SECONDS_AGO;
  return { iat: exp - 3600, nbf: exp - 3600, exp };
}

export interface ChannelTokenInput {
  /** The bot's Microsoft App ID (`aud`). */
  appId: string;
  /** The activity's serviceUrl (`serviceurl`): botbuilder requires the two to be equal. */
  serviceUrl: string;
  lifetimeSeconds: number;
}

/** What the Bot Connector puts in `Authorization: Bearer …` when it posts an activity to the bot. */
export function issueChannelToken(keys: BotFrameworkKeys, input: ChannelTokenInput): { token: string; expiresOn: string } {
  const times = tokenTimes(input.lifetimeSeconds);
  const token = signRs256Jwt({ serviceurl: input.serviceUrl, nbf: times.nbf, exp: times.exp, iat: times.iat, iss: BOT_FRAMEWORK_ISSUER, aud: input.appId }, keys.channel);
  return { token, expiresOn: new Date(times.exp * 1000).toISOString() };
}

/**
 * The identity platform's app-only token for the bot to call the Bot Connector (client credentials with
 * `scope=https://api.botframework.com/.default`), in the v2.0 shape.
 */
export function issueBotConnectorAccessToken(world: SandboxWorld, keys: BotFrameworkKeys, request: SandboxRequest, tenantId: string): string {
  const times = tokenTimes(world.settings.tokenLifetimeSeconds);
  const servicePrincipal = hashGuid(world.seed, 'botServicePrincipal', tenantId.toLowerCase());
  return signRs256Jwt({
    aud: BOT_FRAMEWORK_RESOURCE,
    iss: `${request.baseUrl}/login/${tenantId}/v2.0`,
    iat: times.iat,
    nbf: times.nbf,
    exp: times.exp,
    tid: tenantId,
    appid: SANDBOX_BOT_APP_ID,
    azp: SANDBOX_BOT_APP_ID,
    azpacr: '1',
    idtyp: 'app',
    oid: servicePrincipal,
    sub: servicePrincipal,
    ver: '2.0',
    uti: request.traceId,
  }, keys.identityPlatform);
}
