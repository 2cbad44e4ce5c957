import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startSandbox } from '../sandbox/server';
import { ConfigError } from './config';
import { withLocalDefaults } from './localEnv';
import { runBot } from './main';

/**
 * `npm start`: local mode with no Azure account — the sandbox on 127.0.0.1:3979, the bot on :3978 and
 * the Microsoft 365 Agents Playground on :56150 pointed at the bot. `PLAYGROUND=0` leaves the
 * Playground out; `--only=bot` runs just the bot against a sandbox that is already running.
 */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const onlyBot = process.argv.includes('--only=bot');
  const sandboxPort = Number(process.env.SANDBOX_PORT ?? 3979);
  const sandbox = onlyBot ? null : await startSandbox({ port: sandboxPort, host: '127.0.0.1' });
  const sandboxUrl = sandbox?.url ?? process.env.SANDBOX_URL ?? `http://127.0.0.1:${sandboxPort}`;
  const env = withLocalDefaults(process.env, sandboxUrl);
  const stopBot = await runBot(env);
  const botPort = Number(env.PORT ?? 3978);
  const playground = !onlyBot && process.env.PLAYGROUND !== '0' ? startPlayground(botPort) : null;

  console.log([
    '',
    'CSP Move Assistant is running in local mode:',
    `  bot        http://127.0.0.1:${botPort}/api/messages`,
    `  sandbox    ${sandboxUrl}  (admin API: ${sandboxUrl}/_sandbox/state)`,
    playground ? '  Playground http://localhost:56150  (open it in a browser)' : '  Playground not started',
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

function startPlayground(botPort: number): ChildProcess | null {
  const bin = path.resolve('node_modules', '.bin', process.platform === 'win32' ? 'agentsplayground.cmd' : 'agentsplayground');
  if (!existsSync(bin)) {
    console.warn('The Agents Playground is not installed (npm install without --omit=dev); starting without it.');
    return null;
  }
  const child = spawn(bin, ['-e', `http://localhost:${botPort}/api/messages`, '-c', 'msteams', '--dt'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code) => { if (code) console.warn(`The Agents Playground stopped (exit code ${code}).`); });
  return child;
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
  process.exit(1);
});
