import { existsSync } from 'node:fs';
import { createApp } from './app';
import { ConfigError, loadConfig, type BotConfig, type ConfigMode } from './config';

/**
 * Production entry point (`node dist/bot/main.js`): configuration from the environment. It never runs
 * without a bot identity; `npm start` (bot/local.ts) runs it in local mode, where an anonymous bot is allowed.
 */
export async function runBot(env: NodeJS.ProcessEnv = process.env, mode: ConfigMode = 'production'): Promise<() => Promise<void>> {
  const config = loadConfig(env, mode);
  const app = await createApp(config);
  for (const warning of config.warnings) app.log.warn({ setting: settingOf(warning), mode }, warning);
  const url = await app.server.listen(config.PORT, config.HOST);
  app.log.info({ url: `${url}/api/messages`, mode, moves: app.orchestrator.all().length, auth: authenticationMode(config) }, 'bot listening');
  return () => app.close();
}

/** For the startup log: who may call /api/messages. */
export function authenticationMode(config: Pick<BotConfig, 'botIdentity'>): string {
  const identity = config.botIdentity;
  if (!identity) return 'anonymous (no MicrosoftAppId; local mode only)';
  const credential = identity.credential.kind === 'secret' ? 'client secret'
    : identity.credential.kind === 'certificate' ? `certificate ${identity.credential.certificatePath}` : 'user-assigned managed identity';
  return `Bot Framework tokens for ${identity.appId} (${identity.type}, tenant ${identity.tenantId}, ${credential}`
    + `${identity.allowEmulator ? ', Emulator tokens accepted' : ''}${identity.allowedCallers.length > 0 ? `, ${identity.allowedCallers.length} skill caller(s)` : ''})`;
}

function settingOf(line: string): string {
  return /^[A-Za-z][A-Za-z0-9_]*/.exec(line)?.[0] ?? 'configuration';
}

if (require.main === module) {
  if (existsSync('.env')) process.loadEnvFile('.env');
  runBot(process.env, 'production')
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
