/**
 * `npm run bench -- edge`: what hostile requests cost the bot. The bot runs as its own process (local mode
 * with a bot identity, so authentication is on against the sandbox's Bot Framework stand-in); this process
 * sends gzip bombs, 5 MB bodies, corrupt gzip and forged tokens, and reads the bot's memory from
 * /proc/<pid>/status (VmRSS now, VmHWM the peak). Prints figures; passes or fails on nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startSandbox } from '../sandbox/server';
import { PARTNER_TENANT_ID, SANDBOX_BOT_APP_ID, SANDBOX_BOT_APP_SECRET } from '../sandbox/world/constants';
import { channelToken, forgeToken } from '../test/support/botFrameworkTokens';
import { rawRequest } from '../test/support/edgeClient';
import { describeMachine, formatTable, integerOption, parseOptions } from './lib';

export const EDGE_BENCHMARK_DESCRIPTION = 'Memory and answer times of the bot process under gzip bombs, 5 MB bodies, corrupt gzip and forged tokens';

interface Sample { name: string; statuses: Map<number, number>; times: number[] }

export async function runEdgeBenchmark(args: readonly string[]): Promise<void> {
  const options = parseOptions(args, ['rounds']);
  const rounds = integerOption(options, 'rounds', 20, 1, 1000);
  const sandbox = await startSandbox({ port: 0 });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'csp-move-edge-'));
  const port = 39_000 + Math.floor(Math.random() * 1000);
  const bot = await startBotProcess(port, sandbox.url, dataDir);
  process.stderr.write('edge: the bot process is up\n');
  const botUrl = `http://127.0.0.1:${port}/api/messages`;
  try {
    const serviceUrl = 'http://127.0.0.1:9/'; // nothing answers there; every request here is refused before a reply
    const activity = JSON.stringify({
      type: 'message', text: 'help', channelId: 'msteams', serviceUrl, from: { id: '29:megan', aadObjectId: '00000000-0000-0000-0000-0000000000021' },
      recipient: { id: '28:bot' }, conversation: { id: 'a:1', tenantId: PARTNER_TENANT_ID },
    });
    const json = { 'content-type': 'application/json' };
    const member = zlib.gzipSync(Buffer.alloc(1024 * 1024), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 200 }, () => member));
    const big = JSON.stringify({ type: 'message', text: 'x'.repeat(5 * 1024 * 1024) });
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: 'https://api.botframework.com', aud: SANDBOX_BOT_APP_ID, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600 };
    const forged: Array<[string, string]> = [
      ['alg none', forgeToken({ alg: 'none' }, claims, 'none')],
      ['HS256 with the app password', forgeToken({ alg: 'HS256' }, claims, { hs256: SANDBOX_BOT_APP_SECRET })],
      ['RS256, a key of its own', forgeToken({ alg: 'RS256', kid: 'x' }, claims, 'rs256')],
      ['expired (sandbox-issued)', await channelToken(sandbox.url, { appId: SANDBOX_BOT_APP_ID, serviceUrl, lifetimeSeconds: 0 })],
      ['another bot (sandbox-issued)', await channelToken(sandbox.url, { appId: '9b3f6c2e-1d4a-4e8b-a7c5-2f0e9d8c7b6a', serviceUrl })],
    ];

    const before = memoryOf(bot);
    const samples: Sample[] = [];
    const measure = async (name: string, send: () => Promise<{ status: number; ms: number }>) => {
      const sample: Sample = { name, statuses: new Map(), times: [] };
      for (let i = 0; i < rounds; i += 1) {
        const answer = await send();
        sample.statuses.set(answer.status, (sample.statuses.get(answer.status) ?? 0) + 1);
        sample.times.push(answer.ms);
      }
      samples.push(sample);
      process.stderr.write(`edge: ${name} done\n`);
    };
    await measure(`gzip bomb (${(bomb.length / 1024).toFixed(0)} KB → 200 MB)`, () => rawRequest(botUrl, { body: bomb, headers: { ...json, 'content-encoding': 'gzip' } }));
    await measure('5 MB body', () => rawRequest(botUrl, { body: big, headers: json }));
    await measure('corrupt gzip', () => rawRequest(botUrl, { body: 'not gzip', headers: { ...json, 'content-encoding': 'gzip' } }));
    await measure('non-JSON', () => rawRequest(botUrl, { body: 'hello', headers: json }));
    for (const [name, token] of forged) {
      await measure(`token: ${name}`, () => rawRequest(botUrl, { body: activity, headers: { ...json, authorization: `Bearer ${token}` } }));
    }
    const after = memoryOf(bot);
    const alive = (await rawRequest(`http://127.0.0.1:${port}/healthz`, { method: 'GET' })).status === 200;

    const rows = samples.map((s) => [
      s.name, [...s.statuses].map(([status, n]) => `${status}×${n}`).join(' '),
      percentile(s.times, 0.5).toFixed(1), percentile(s.times, 0.95).toFixed(1), Math.max(...s.times).toFixed(1),
    ]);
    process.stdout.write([
      `edge: ${rounds} rounds of each request against the bot process (local mode, authentication on)`,
      describeMachine(),
      '',
      formatTable(['request', 'answers', 'p50 ms', 'p95 ms', 'max ms'], rows),
      '',
      `bot process memory: RSS ${mb(before.rss)} before, ${mb(after.rss)} after (+${mb(after.rss - before.rss)}); peak RSS ${mb(before.peak)} before, ${mb(after.peak)} after (+${mb(after.peak - before.peak)})`,
      `bot process still up: ${alive ? 'yes' : 'NO'}`,
      '',
    ].join('\n'));
  } finally {
    bot.kill('SIGTERM');
    await sandbox.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function startBotProcess(port: number, sandboxUrl: string, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/local.ts', '--only=bot'], {
    env: {
      PATH: process.env.PATH, PORT: String(port), SANDBOX_URL: sandboxUrl, DATA_DIR: dataDir, LOG_LEVEL: 'silent', PLAYGROUND: '0',
      MicrosoftAppId: SANDBOX_BOT_APP_ID, MicrosoftAppPassword: SANDBOX_BOT_APP_SECRET, MicrosoftAppTenantId: PARTNER_TENANT_ID,
      ToBotFromChannelOpenIdMetadataUrl: `${sandboxUrl}/botframework/v1/.well-known/openidconfiguration`,
      ToChannelFromBotLoginUrl: `${sandboxUrl}/login/${PARTNER_TENANT_ID}`,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 200; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch { /* not listening yet */ }
  }
  child.kill('SIGKILL');
  throw new Error('The bot process did not start within 20 s.');
}

function memoryOf(child: ChildProcess): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
