import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App, type AppOverrides } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { withLocalDefaults } from '../../bot/localEnv';
import type { Clock, Logger } from '../../move/ports';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../sandbox/server';
import {
  ADELE_VANCE_ID, ALEX_WILBER_ID, ISAIAH_LANGER_ID, MEGAN_BOWEN_ID, PARTNER_TENANT_ID, PATTI_FERNANDEZ_ID, SANDBOX_BOT_APP_ID,
  SANDBOX_BOT_APP_SECRET,
} from '../../sandbox/world/constants';
import { channelToken, OutboundTokenVerifier } from '../support/botFrameworkTokens';
import { FakeConnector } from '../support/fakeConnector';
import { TeamsClient, type TeamsUser } from '../support/teamsClient';
import { BUY_AT_APPROVAL_DAYS } from '../../move/schedule';
import { sandboxAdmin } from '../support/sandboxAdmin';

export const users = {
  alex: { id: '29:alex', name: 'Alex Wilber', aadObjectId: ALEX_WILBER_ID },
  megan: { id: '29:megan', name: 'Megan Bowen', aadObjectId: MEGAN_BOWEN_ID },
  adele: { id: '29:adele', name: 'Adele Vance', aadObjectId: ADELE_VANCE_ID },
  isaiah: { id: '29:isaiah', name: 'Isaiah Langer', aadObjectId: ISAIAH_LANGER_ID },
  patti: { id: '29:patti', name: 'Patti Fernandez', aadObjectId: PATTI_FERNANDEZ_ID },
} satisfies Record<string, TeamsUser>;

export const quietLog: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The bot and the sandbox in this process, over real HTTP, with a fake Teams connector. */
/** A clock the test moves forward: back-offs pass without waiting. */
export class SteppingClock implements Clock {
  private offsetMs = 0;
  now(): Date { return new Date(Date.now() + this.offsetMs); }
  advance(ms: number): void { this.offsetMs += ms; }
}

export class Harness {
  readonly clock = new SteppingClock();
  sandbox!: SandboxHandle;
  connector!: FakeConnector;
  app!: App;
  teams!: TeamsClient;
  dataDir!: string;
  botUrl!: string;

  /** Extra settings and overrides for the bot (e.g. webhooks on, a certificate fetcher). */
  botEnv: Record<string, string> = {};
  /** The bot's logger (quiet by default). */
  log: Logger = quietLog;
  fetchWebhookCertificate?: (url: string) => Promise<Buffer>;
  /** The Azure Monitor exporter's tuning, for a suite that sets APPLICATIONINSIGHTS_CONNECTION_STRING in `botEnv`. */
  telemetry?: AppOverrides['telemetry'];

  /**
   * `authenticated`: production authentication against the sandbox's Bot Framework stand-in — the bot has an
   * identity, every request carries a channel token the sandbox issued, and the connector checks the token on
   * each of the bot's calls. Otherwise local mode's anonymous bot.
   * `sandbox`: options for `startSandbox` (e.g. `prospectCustomers`); the port is always 0.
   * `followSandboxClock`: the bot's time follows the sandbox's clock as in `npm start` (POST /_sandbox/clock moves
   * both) instead of `clock`, which the test then no longer moves. `startSweeps`: the bot's own sweep timer runs.
   */
  constructor(private readonly options: { authenticated?: boolean; sandbox?: SandboxOptions; followSandboxClock?: boolean; startSweeps?: boolean } = {}) {}

  async start(dataDir?: string): Promise<this> {
    this.sandbox = await startSandbox({ ...this.options.sandbox, port: 0 });
    this.connector = await new FakeConnector(this.options.authenticated ? new OutboundTokenVerifier(this.sandbox.url, { tenantId: PARTNER_TENANT_ID }) : undefined).start();
    this.dataDir = dataDir ?? await mkdtemp(path.join(os.tmpdir(), 'csp-move-it-'));
    await this.startBot();
    return this;
  }

  async startBot(): Promise<void> {
    const identity = this.options.authenticated ? botIdentityEnv(this.sandbox.url) : {};
    // Plans buy at approval unless a suite asks for buy dates (scheduledPurchases.test.ts): the other suites are about what follows.
    const env = withLocalDefaults({
      DATA_DIR: this.dataDir, PORT: '0', LOG_LEVEL: 'silent', REPLY_BUDGET_MS: '8000', BUY_DAYS_BEFORE_END: String(BUY_AT_APPROVAL_DAYS), ...identity, ...this.botEnv,
    }, this.sandbox.url);
    this.app = await createApp(loadConfig(env, 'local'), {
      log: this.log, startSweeps: this.options.startSweeps === true, clock: this.options.followSandboxClock ? undefined : this.clock,
      fetchWebhookCertificate: this.fetchWebhookCertificate, telemetry: this.telemetry,
    });
    this.botUrl = await this.app.server.listen(0, '127.0.0.1');
    const token = this.options.authenticated ? () => channelToken(this.sandbox.url, { appId: SANDBOX_BOT_APP_ID, serviceUrl: this.connector.url }) : undefined;
    this.teams = new TeamsClient(this.botUrl, this.connector.url, PARTNER_TENANT_ID, token, () => this.app.outbox.idle());
  }

  async stopBot(): Promise<void> {
    await this.app.close();
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.connector?.close();
    await this.sandbox?.close();
    await rm(this.dataDir, { recursive: true, force: true });
  }

  admin(method: 'GET' | 'POST' | 'DELETE', route: string, body?: object): Promise<any> {
    return sandboxAdmin(this.sandbox.url, method, route, body);
  }

  /**
   * `move <domain> <args>` said by the starter (Megan by default), the customer accepts, and sweeps run until the
   * plan waits for approval. Returns the move id.
   */
  async moveToApproval(domain: string, options: { starter?: TeamsUser; args?: string; tries?: number } = {}): Promise<string> {
    await this.teams.say(options.starter ?? users.megan, `move ${domain} ${options.args ?? 'US direct'}`);
    const move = this.app.orchestrator.latestMoveFor(domain);
    if (!move) throw new Error(`no move started for ${domain}`);
    await this.sweepUntil(move.moveId, 'awaiting-acceptance', options.tries);
    await this.admin('POST', `customers/${domain}/accept`);
    await this.sweepUntil(move.moveId, 'approval', options.tries);
    return move.moveId;
  }

  /** An approver (Adele by default) clicks Approve on the plan as it stands. */
  approve(moveId: string, approver: TeamsUser = users.adele, comment?: string): Promise<{ status: number; body: any }> {
    const state = this.app.orchestrator.get(moveId)!;
    return this.teams.click(approver, 'move.plan.approve', { moveId, version: state.version, planHash: state.plan!.hash, ...(comment ? { comment } : {}) });
  }

  /** Runs sweeps until the move reaches the stage (or fails after a few tries; a busy machine may need more than a quiet one). */
  async sweepUntil(moveId: string, stage: string, tries = 20): Promise<void> {
    for (let i = 0; i < tries; i += 1) {
      if (this.app.orchestrator.get(moveId)?.stage === stage) return;
      await this.app.orchestrator.sweep();
      await this.app.outbox.idle();
      if (this.app.orchestrator.get(moveId)?.stage === stage) return;
      await this.admin('POST', 'clock', { advanceSeconds: 10 });
      // Let any back-off of a failed step pass, on the bot's clock.
      this.clock.advance(20 * 60_000);
    }
    throw new Error(`move ${moveId} is at ${this.app.orchestrator.get(moveId)?.stage}, not ${stage}`);
  }
}

/** The bot's identity in the sandbox, with botbuilder's endpoint settings pointed at the sandbox's Bot Framework stand-in. */
export function botIdentityEnv(sandboxUrl: string): Record<string, string> {
  return {
    MicrosoftAppId: SANDBOX_BOT_APP_ID,
    MicrosoftAppPassword: SANDBOX_BOT_APP_SECRET,
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: PARTNER_TENANT_ID,
    ToBotFromChannelOpenIdMetadataUrl: `${sandboxUrl}/botframework/v1/.well-known/openidconfiguration`,
    ToChannelFromBotLoginUrl: `${sandboxUrl}/login/${PARTNER_TENANT_ID}`,
  };
}
