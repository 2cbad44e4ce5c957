/**
 * `POST /_sandbox/botframework/channel-token`: the token the Bot Connector would send with an activity, so a
 * test can post activities to a bot that authenticates requests exactly as in production.
 */
import { adminError } from '../http/errors';
import type { Router } from '../http/router';
import { json, type SandboxRequest } from '../http/types';
import { isRecord } from '../util/jwt';
import { BOT_FRAMEWORK_ENDORSEMENTS } from '../world/constants';
import { adminOnly } from './admin';
import { issueChannelToken, type BotFrameworkKeys } from './botFramework';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_LIFETIME_SECONDS = 3600;
const MAX_LIFETIME_SECONDS = 86_400;
const FIELDS = ['appId', 'serviceUrl', 'lifetimeSeconds', 'channelId'];
const USAGE = 'Send {"appId": <GUID>, "serviceUrl": <http(s) URL>, "lifetimeSeconds"?: n, "channelId"?: "msteams"}.';

export function registerBotFrameworkAdminRoutes(router: Router, keys: BotFrameworkKeys): void {
  router.add('admin', 'POST', '/_sandbox/botframework/channel-token', adminOnly((request) => json(200, channelToken(keys, request))));
}

function channelToken(keys: BotFrameworkKeys, request: SandboxRequest) {
  const body = request.jsonBody();
  if (!isRecord(body)) throw adminError(400, 'bad_request', USAGE);
  const unknown = Object.keys(body).filter((k) => !FIELDS.includes(k));
  if (unknown.length > 0) throw adminError(400, 'bad_request', `Unknown field(s): ${unknown.slice(0, 5).join(', ')}. ${USAGE}`);
  const { appId, serviceUrl } = body;
  if (typeof appId !== 'string' || !GUID.test(appId)) throw adminError(400, 'bad_request', 'appId must be a GUID (the bot\'s Microsoft App ID).');
  if (typeof serviceUrl !== 'string' || !isHttpUrl(serviceUrl)) throw adminError(400, 'bad_request', 'serviceUrl must be an http(s) URL.');
  const lifetime = body.lifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS;
  if (typeof lifetime !== 'number' || !Number.isInteger(lifetime) || lifetime < 0 || lifetime > MAX_LIFETIME_SECONDS) {
    throw adminError(400, 'bad_request', `lifetimeSeconds must be an integer from 0 (already expired) to ${MAX_LIFETIME_SECONDS}.`);
  }
  // The token carries no channel: botbuilder checks the activity's channelId against the key's endorsements.
  // A channel the key does not endorse could never be accepted, so it is refused here.
  const channelId = body.channelId ?? 'msteams';
  if (typeof channelId !== 'string' || !BOT_FRAMEWORK_ENDORSEMENTS.includes(channelId)) {
    throw adminError(400, 'bad_request', `channelId must be one the signing key endorses: ${BOT_FRAMEWORK_ENDORSEMENTS.join(', ')}.`);
  }
  return issueChannelToken(keys, { appId, serviceUrl, lifetimeSeconds: lifetime });
}

function isHttpUrl(text: string): boolean {
  if (text.length > 2048) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
