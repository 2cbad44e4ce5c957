/**
 * Partner Center webhook registration (Learn REST "Webhook - Create / Update / Get Registration Partner"):
 * `POST /webhooks/v1/registration` creates it (an existing one is a 409: "use PUT"), `PUT` replaces it, `GET` reads it
 * (404 when there is none), with app-only or App+User Partner Center tokens. The body takes `webhookUrl` and
 * `webhookEvents` in camelCase (REST reference) or PascalCase (as CIPP sends them); the answer is camelCase.
 * The sandbox's choices (UNCONFIRMED): the 404 and 409 codes and wording, https URLs only, and the event names it knows
 * (world/webhookRegistration.ts); nothing is ever delivered to the URL.
 */
import { partnerCenterError } from '../../http/errors';
import type { Router } from '../../http/router';
import { json, type SandboxRequest } from '../../http/types';
import { isRecord } from '../../util/jwt';
import { hashGuid } from '../../util/ids';
import { WEBHOOK_EVENTS, type WebhookRegistration } from '../../world/webhookRegistration';
import type { SandboxWorld } from '../../world/world';
import { partnerCenterRoute } from './route';

const PATH = '/webhooks/v1/registration';

export function registerWebhookRoutes(router: Router, world: SandboxWorld): void {
  router.add('partnerCenter', 'GET', PATH, partnerCenterRoute(world, () => {
    const registration = world.webhooks.current();
    if (!registration) throw partnerCenterError(404, 404, 'No webhook registration exists for this partner; create one with POST.');
    return json(200, registration);
  }));
  router.add('partnerCenter', 'POST', PATH, partnerCenterRoute(world, (request) => {
    if (world.webhooks.current()) throw partnerCenterError(409, 409, 'The registration already exists; use PUT to change it.');
    return json(200, save(world, request));
  }));
  router.add('partnerCenter', 'PUT', PATH, partnerCenterRoute(world, (request) => {
    if (!world.webhooks.current()) throw partnerCenterError(404, 404, 'No webhook registration exists for this partner; create one with POST.');
    return json(200, save(world, request));
  }));
}

function save(world: SandboxWorld, request: SandboxRequest): WebhookRegistration {
  const body = request.jsonBody();
  if (!isRecord(body)) throw partnerCenterError(400, 400, 'Send {"webhookUrl": "https://…", "webhookEvents": ["…"]}.');
  const url = body.webhookUrl ?? body.WebhookUrl;
  const events = body.webhookEvents ?? body.WebhookEvents;
  if (typeof url !== 'string' || url.length > 2048 || !isHttpsUrl(url)) throw partnerCenterError(400, 400, 'webhookUrl must be an https URL.');
  if (!Array.isArray(events) || events.length === 0 || events.length > WEBHOOK_EVENTS.length || !events.every((e): e is string => typeof e === 'string')) {
    throw partnerCenterError(400, 400, 'webhookEvents must be a non-empty list of event names.');
  }
  const unknown = events.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
  if (unknown.length > 0) throw partnerCenterError(400, 400, `Unknown webhook event(s): ${unknown.slice(0, 5).map((e) => e.slice(0, 80)).join(', ')}.`);
  const registration: WebhookRegistration = {
    subscriberId: hashGuid(world.seed, 'webhookSubscriber', world.state.partner.tenant.tenantId),
    webhookUrl: url,
    webhookEvents: [...new Set(events)],
    lastModifiedTimestamp: world.clock.nowIso(),
  };
  world.webhooks.set(registration);
  return registration;
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}
