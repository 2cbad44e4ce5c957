import restify from 'restify';
import type { AddressInfo } from 'node:net';
import type { CloudAdapter } from 'botbuilder';
import type { Logger } from '../move/ports';
import type { MoveBot } from './moveBot';
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

/**
 * restify + CloudAdapter: `/api/messages` for Teams, `/healthz` for load balancers and, when enabled,
 * `/api/partnercenter/events` for Partner Center webhooks.
 */
export function createBotServer(options: { adapter: CloudAdapter; bot: MoveBot; log: Logger; webhooks?: WebhookEndpoint }): BotServer {
  const server = restify.createServer({ name: 'csp-move-assistant', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) {
      res.send(400, { error: 'The request body must be a Bot Framework activity (JSON object).' });
      return;
    }
    try {
      await options.adapter.process(req, res, (context) => options.bot.run(context));
    } catch (error) {
      options.log.error({ err: error instanceof Error ? error.message : String(error) }, 'processing an activity failed');
      if (!res.headersSent) res.send(500, { error: 'The bot failed to process the activity.' });
    }
  });
  server.get('/healthz', async (_req, res) => { res.send(200, { status: 'ok' }); });
  const webhooks = options.webhooks;
  if (webhooks) {
    server.post('/api/partnercenter/events', async (req, res) => {
      const raw = (req as unknown as { rawBody?: string | Buffer }).rawBody ?? '';
      try {
        const event = await webhooks.verifier.verify(req.headers, Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'utf8'));
        // Answer at once; Partner Center retries slow or failed deliveries, and the sweep is the fallback anyway.
        void reactToEvent(event, webhooks.reactions, options.log).catch((error: unknown) => {
          options.log.warn({ event: event.eventName, err: error instanceof Error ? error.message : String(error) }, 'reacting to a Partner Center event failed');
        });
        res.send(200, { received: event.eventName });
      } catch (error) {
        const status = error instanceof WebhookRejected ? error.status : 500;
        options.log.warn({ status, err: error instanceof Error ? error.message : String(error) }, 'Partner Center event refused');
        res.send(status, { error: error instanceof WebhookRejected ? error.message : 'The event could not be checked.' });
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
