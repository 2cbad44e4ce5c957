import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startSandbox } from '../sandbox/server';
import { mkdir, writeFile } from 'node:fs/promises';
import { PARTNER_TENANT_ID } from '../sandbox/world/constants';
import { ConfigError } from './config';
import { isPlaygroundUser, playgroundConfigYaml, PLAYGROUND_USERS, type PlaygroundUser } from './playgroundConfig';
import { withLocalDefaults } from './localEnv';
import { runBot } from './main';

/**
 * `npm start`: local mode with no Azure account — the sandbox on 127.0.0.1:3979, the bot on :3978 and
 * the Microsoft 365 Agents Playground on :56150 pointed at the bot. `PLAYGROUND=0` leaves the
 * Playground out; `--only=bot` runs just the bot against a sandbox that is already running.
 */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? null;
  const as = (process.argv.find((a) => a.startsWith('--as='))?.slice('--as='.length) ?? process.env.PLAYGROUND_USER ?? 'alex').toLowerCase();
  if (!isPlaygroundUser(as)) throw new Error(`PLAYGROUND_USER/--as must be one of ${PLAYGROUND_USERS.join(', ')}; got "${as}".`);
  if (only === 'playground') {
    const child = await startPlayground(Number(process.env.PORT ?? 3978), as);
    if (!child) process.exit(1);
    console.log(`Agents Playground on http://localhost:${process.env.PLAYGROUND_PORT ?? 56150} as ${as}.`);
    process.once('SIGINT', () => child.kill('SIGTERM'));
    process.once('SIGTERM', () => child.kill('SIGTERM'));
    return;
  }
  const onlyBot = only === 'bot';
  const sandboxPort = Number(process.env.SANDBOX_PORT ?? 3979);
  const sandbox = onlyBot ? null : await startSandbox({ port: sandboxPort, host: '127.0.0.1' });
  // An empty SANDBOX_URL (a copied .env.example) means "not set".
  const sandboxUrl = sandbox?.url ?? (process.env.SANDBOX_URL?.trim() || `http://127.0.0.1:${sandboxPort}`);
  const env = withLocalDefaults(process.env, sandboxUrl);
  const stopBot = await runBot(env, 'local');
  const botPort = Number(env.PORT ?? 3978);
  const playground = !onlyBot && process.env.PLAYGROUND !== '0' ? await startPlayground(botPort, as) : null;

  console.log([
    '',
    'CSP Move Assistant is running in local mode:',
    `  bot        http://127.0.0.1:${botPort}/api/messages`,
    `  sandbox    ${sandboxUrl}  (admin API: ${sandboxUrl}/_sandbox/state)`,
    `  clock      the bot's time follows the sandbox's: curl -X POST -d '{"advanceDays":30}' ${sandboxUrl}/_sandbox/clock`,
    playground ? `  Playground http://localhost:${process.env.PLAYGROUND_PORT ?? 56150}  (signed in as ${as}; as someone else: PLAYGROUND=0 npm start, then npm run playground -- --as=megan)` : '  Playground not started',
    '',
  ].join('\n'));

  const shutdown = async () => {
    playground?.kill('SIGTERM');
    await stopBot();
    await sandbox?.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

/** Starts the Playground signed in as one of the sandbox partner's staff (its config file decides who). */
async function startPlayground(botPort: number, as: PlaygroundUser): Promise<ChildProcess | null> {
  const bin = path.resolve('node_modules', '.bin', process.platform === 'win32' ? 'agentsplayground.cmd' : 'agentsplayground');
  if (!existsSync(bin)) {
    console.warn('The Agents Playground is not installed (npm install without --omit=dev); starting without it.');
    return null;
  }
  const folder = path.resolve(process.env.DATA_DIR ?? '.data', 'playground', as);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, '.m365agentsplayground.yml'), playgroundConfigYaml(as, PARTNER_TENANT_ID));
  const port = process.env.PLAYGROUND_PORT ?? '56150';
  const child = spawn(bin, ['-e', `http://localhost:${botPort}/api/messages`, '-c', 'msteams', '--dt', '-p', port], {
    cwd: folder, stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code) => { if (code) console.warn(`The Agents Playground stopped (exit code ${code}).`); });
  return child;
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
  process.exit(1);
});
