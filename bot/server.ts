import restify from 'restify';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../move/ports';
import type { ActivityEndpoint, EdgeAnswer } from './edge/activityEndpoint';
import { EdgeRefusal, readJsonBody } from './edge/requestBody';
import type { Readiness } from './readiness';
import { reactToEvent, WebhookRejected, type PartnerCenterWebhookVerifier, type WebhookReactions } from './partnerCenterWebhook';

export interface BotServer {
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
  readonly port: number;
}

export interface WebhookEndpoint {
  verifier: PartnerCenterWebhookVerifier;
  reactions: WebhookReactions;
}

/** A slow or stalled client gets this long to send its request before the connection is closed. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * restify: `/api/messages` for Teams (the ActivityEndpoint checks body, shape and token before botbuilder
 * runs), `/healthz` (liveness: the process answers) and `/readyz` (readiness: see readiness.ts) for probes and
 * load balancers, unauthenticated and saying nothing sensitive, and when enabled `/api/partnercenter/events` for
 * Partner Center webhooks. No body parser plugin: each route reads its body within limits (see edge/requestBody.ts).
 */
export function createBotServer(options: { endpoint: ActivityEndpoint; log: Logger; webhooks?: WebhookEndpoint; readiness?: Readiness }): BotServer {
  const server = restify.createServer({ name: 'csp-move-assistant', handleUncaughtExceptions: false });
  server.server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.server.headersTimeout = REQUEST_TIMEOUT_MS;
  const answer = (res: restify.Response, reply: EdgeAnswer) => {
    for (const [name, value] of Object.entries(reply.headers ?? {})) res.header(name, value);
    // A refused body may not have been read to its end: close the connection rather than read the rest.
    if (reply.status >= 400 && reply.status < 500) res.header('Connection', 'close');
    res.send(reply.status, reply.body);
  };

  server.post('/api/messages', async (req, res) => {
    answer(res, await options.endpoint.handle(req));
  });
  server.get('/healthz', async (_req, res) => {
    res.header('Cache-Control', 'no-store');
    res.send(200, { status: 'ok' });
  });
  const readiness = options.readiness;
  server.get('/readyz', async (_req, res) => {
    res.header('Cache-Control', 'no-store');
    if (!readiness) {
      res.send(200, { status: 'ready', checks: {} });
      return;
    }
    try {
      const report = await readiness.report();
      res.send(report.status === 'ready' ? 200 : 503, report);
    } catch (error) {
      // Readiness catches every check's failure; this is a bug in it, and the probe still gets a plain answer.
      options.log.error({ err: error instanceof Error ? error.message : String(error) }, 'the readiness report failed');
      res.send(503, { status: 'not-ready', checks: {} });
    }
  });
  const webhooks = options.webhooks;
  if (webhooks) {
    server.post('/api/partnercenter/events', async (req, res) => {
      try {
        const { bytes } = await readJsonBody(req);
        const event = await webhooks.verifier.verify(req.headers, bytes);
        // Answer at once; Partner Center retries slow or failed deliveries, and the sweep is the fallback anyway.
        void reactToEvent(event, webhooks.reactions, options.log).catch((error: unknown) => {
          options.log.warn({ event: event.eventName, err: error instanceof Error ? error.message : String(error) }, 'reacting to a Partner Center event failed');
        });
        res.send(200, { received: event.eventName });
      } catch (error) {
        const status = error instanceof WebhookRejected || error instanceof EdgeRefusal ? error.status : 500;
        const reason = error instanceof WebhookRejected ? error.message : error instanceof EdgeRefusal ? error.reason : 'The event could not be checked.';
        options.log.warn({ status, err: error instanceof Error ? error.message : String(error) }, 'Partner Center event refused');
        answer(res, { status, body: { error: reason } });
      }
    });
  }
  return {
    listen(port, host = '0.0.0.0') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(`http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${(server.address() as AddressInfo).port}`));
      });
    },
    close() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
    get port() {
      return (server.address() as AddressInfo | null)?.port ?? 0;
    },
  };
}
