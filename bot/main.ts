import { existsSync } from 'node:fs';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';

/** Production (and `npm run bot`) entry point: configuration from the environment. */
export async function runBot(env: NodeJS.ProcessEnv = process.env): Promise<() => Promise<void>> {
  const config = loadConfig(env);
  const app = await createApp(config);
  const url = await app.server.listen(config.PORT, config.HOST);
  app.log.info({ url: `${url}/api/messages`, moves: app.orchestrator.all().length, auth: config.MicrosoftAppId ? 'Bot Framework tokens' : 'anonymous (no MicrosoftAppId)' }, 'bot listening');
  return () => app.close();
}

if (require.main === module) {
  if (existsSync('.env')) process.loadEnvFile('.env');
  runBot()
    .then((stop) => {
      const shutdown = () => { void stop().finally(() => process.exit(0)); };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    })
    .catch((error: unknown) => {
      console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
      process.exit(1);
    });
}
