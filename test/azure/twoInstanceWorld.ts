import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { withLocalDefaults } from '../../bot/localEnv';
import type { Clock } from '../../move/ports';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../sandbox/server';
import { quietLog } from '../integration/harness';
import { FakeConnector } from '../support/fakeConnector';
import { TeamsClient } from '../support/teamsClient';
import type { RunningAzurite } from './azurite';
import { sandboxAdmin } from '../support/sandboxAdmin';

export interface TwoInstanceOptions {
  /** Extra settings for both bots. Plans buy at approval unless BUY_DAYS_BEFORE_END is given. */
  env?: Record<string, string>;
  /** Both bots' clock; default: the sandbox's (local mode follows it). */
  clock?: Clock;
  sandbox?: SandboxOptions;
}

/** The sandbox, a fake Teams connector and two bot instances on one Azure Storage account (Azurite), for one suite. */
export class TwoInstanceWorld {
  sandbox!: SandboxHandle;
  connector!: FakeConnector;
  readonly apps: App[] = [];
  readonly clients: TeamsClient[] = [];
  private dataDir = '';

  constructor(private readonly azurite: () => RunningAzurite, private readonly options: TwoInstanceOptions = {}) {}

  async start(name: string): Promise<this> {
    this.sandbox = await startSandbox({ port: 0, ...this.options.sandbox });
    this.connector = await new FakeConnector().start();
    this.dataDir = await mkdtemp(path.join(os.tmpdir(), `csp-move-${name}-`));
    for (let i = 0; i < 2; i += 1) {
      const env = withLocalDefaults({
        STORE: 'azure', AZURE_STORAGE_CONNECTION_STRING: this.azurite().connectionString,
        DATA_DIR: path.join(this.dataDir, `instance-${i}`), PORT: '0', LOG_LEVEL: 'silent', BUY_DAYS_BEFORE_END: '3650', ...this.options.env,
      }, this.sandbox.url);
      const app = await createApp(loadConfig(env, 'local'), { log: quietLog, startSweeps: false, ...(this.options.clock ? { clock: this.options.clock } : {}) });
      this.apps.push(app);
      this.clients.push(new TeamsClient(await app.server.listen(0, '127.0.0.1'), this.connector.url));
    }
    return this;
  }

  async stop(): Promise<void> {
    for (const app of this.apps) await app.close().catch(() => undefined);
    await this.connector?.close();
    await this.sandbox?.close();
    if (this.dataDir) await rm(this.dataDir, { recursive: true, force: true });
  }

  /** The instance that leads the sweep, once one does. */
  async leader(): Promise<App> {
    for (let i = 0; i < 50 && !this.apps.some((app) => app.isSweeper()); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    const leader = this.apps.find((app) => app.isSweeper());
    if (!leader) throw new Error('no instance leads the sweep');
    return leader;
  }

  admin(method: 'GET' | 'POST' | 'DELETE', route: string, body?: object): Promise<any> {
    return sandboxAdmin(this.sandbox.url, method, route, body);
  }
}
