import restify from 'restify';
import type { AddressInfo } from 'node:net';
import type { CloudAdapter } from 'botbuilder';
import type { Logger } from '../move/ports';
import type { MoveBot } from './moveBot';

export interface BotServer {
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
  readonly port: number;
}

/** restify + CloudAdapter: `/api/messages` for Teams and `/healthz` for load balancers. */
export function createBotServer(options: { adapter: CloudAdapter; bot: MoveBot; log: Logger }): BotServer {
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
