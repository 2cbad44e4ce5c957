import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import {
  CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import pino from 'pino';
import type { CountryOption } from '../cards/intakeCard';
import { MoveDecider } from '../move/decider';
import { MoveOrchestrator } from '../move/orchestrator';
import type { Clock, Logger } from '../move/ports';
import { RegionTable, type RegionData } from '../move/regions';
import { createOutboundServices } from '../services/outboundServices';
import { FileBotStorage } from '../store/fileBotStorage';
import { FileKeyValueStore } from '../store/fileKeyValueStore';
import { FileMoveStore } from '../store/fileMoveStore';
import { acquireFolderLock, type FolderLock } from '../store/folderLock';
import { ActionRouter } from './actionRouter';
import { MoveCancelAction } from './actions/moveCancel';
import { MoveRefreshAction } from './actions/moveRefresh';
import { MoveStartAction } from './actions/moveStart';
import { MovePlanApproveAction, MovePlanRejectAction } from './actions/planDecision';
import type { ActionDeps } from './actions/actionHandler';
import { ActorResolver } from './actorResolver';
import { CommandRouter } from './commandRouter';
import { CancelCommand } from './commands/cancelCommand';
import type { CommandDeps } from './commands/commandHandler';
import { HelpCommand } from './commands/helpCommand';
import { ListCommand } from './commands/listCommand';
import { MoveCommand } from './commands/moveCommand';
import { NotifyHereCommand } from './commands/notifyHereCommand';
import { RetryCommand } from './commands/retryCommand';
import { StatusCommand } from './commands/statusCommand';
import type { BotConfig } from './config';
import { ConversationRegistry } from './conversationRegistry';
import { IntakeDialog } from '../dialogs/intakeDialog';
import { intakeCard } from '../cards/intakeCard';
import { MoveBot } from './moveBot';
import { createBotServer, type BotServer } from './server';
import { SweepTimer } from './sweepTimer';
import { TeamsNotifier, cardActivity } from './teamsNotifier';
import { TeamsPoster } from './teamsPoster';
import { TurnScope } from './turnScope';

export interface App {
  server: BotServer;
  orchestrator: MoveOrchestrator;
  sweeps: SweepTimer;
  log: Logger;
  close(): Promise<void>;
}

export interface AppOverrides {
  clock?: Clock;
  log?: Logger;
  /** Start the sweep timer (default true). Tests drive `orchestrator.sweep()` themselves. */
  startSweeps?: boolean;
}

/**
 * The composition root: builds every adapter from configuration and wires them to the domain and the
 * Teams edge. Nothing else constructs adapters.
 */
export async function createApp(config: BotConfig, overrides: AppOverrides = {}): Promise<App> {
  const log: Logger = overrides.log ?? pino({ level: config.LOG_LEVEL, redact: ['*.secret', '*.password', '*.token', '*.refreshToken'] });
  const clock: Clock = overrides.clock ?? { now: () => new Date() };
  const dataDir = path.resolve(config.DATA_DIR);
  const lock: FolderLock = await acquireFolderLock(dataDir);
  try {
    const regions = config.CSP_REGIONS_FILE ? new RegionTable(await readRegionFile(config.CSP_REGIONS_FILE)) : RegionTable.default();

    // Outbound adapters: Partner Center, Graph, identity.
    const { partnerCenter, partnerDirectory, customerDirectory: customers, tenantLookup: tenants } = createOutboundServices({
      endpoints: { loginBaseUrl: config.LOGIN_BASE_URL, partnerCenterBaseUrl: config.PARTNER_CENTER_BASE_URL, graphBaseUrl: `${config.GRAPH_BASE_URL}/` },
      partnerTenantId: config.PARTNER_TENANT_ID, clientId: config.AZURE_CLIENT_ID, clientSecret: config.AZURE_CLIENT_SECRET,
      refreshToken: config.PARTNER_CENTER_REFRESH_TOKEN, roleOverrides: config.roleOverrides, roleCacheTtlMs: config.ROLE_CACHE_SECONDS * 1000,
      now: () => clock.now().getTime(), logger: log,
    });

    // Persistence.
    const kv = new FileKeyValueStore(path.join(dataDir, 'conversations'));
    const registry = new ConversationRegistry(kv);
    const conversationState = new ConversationState(new FileBotStorage(path.join(dataDir, 'bot-state')));

    // The Teams edge.
    const auth = new ConfigurationBotFrameworkAuthentication(botAuthSettings(config));
    const adapter = new CloudAdapter(auth);
    const appId = config.MicrosoftAppId ?? '';
    const turns = new TurnScope();
    const poster = new TeamsPoster({ adapter, appId, log });
    const notifier = new TeamsNotifier(registry, poster, turns, log);

    const orchestrator = new MoveOrchestrator({
      store: new FileMoveStore(path.join(dataDir, 'moves')), decider: new MoveDecider(regions), partnerCenter, customers,
      partnerDirectory, tenants, notifier, clock, ids: { newId: () => randomUUID() }, log,
      settings: { partnerTenantId: config.PARTNER_TENANT_ID, partnerCountry: config.PARTNER_COUNTRY?.toUpperCase(), term: config.DEFAULT_TERM, billing: config.DEFAULT_BILLING },
    });
    await orchestrator.restore();

    const countries = countryOptions(regions);
    let partnerRegionCache: string | null = null;
    const partnerRegion = async (): Promise<string> => {
      if (!partnerRegionCache) {
        const country = config.PARTNER_COUNTRY ?? (await partnerCenter.partnerProfile({ correlationId: randomUUID() })).country;
        partnerRegionCache = regions.regionOf(country) ?? country;
      }
      return partnerRegionCache;
    };
    const actors = new ActorResolver(partnerDirectory, config.PARTNER_TENANT_ID, log);
    const actionDeps: ActionDeps = { orchestrator, registry, countries, partnerRegion, replyBudgetMs: config.REPLY_BUDGET_MS };
    const actions = new ActionRouter([
      new MoveStartAction(actionDeps), new MovePlanApproveAction(actionDeps), new MovePlanRejectAction(actionDeps),
      new MoveCancelAction(actionDeps), new MoveRefreshAction(actionDeps),
    ], actors, log);

    const commandDeps: CommandDeps = { ...actionDeps, actors, now: () => clock.now() };
    const showStartForm = async (turn: Parameters<MoveCommand['handle']>[0], customer: string) => {
      await turn.sendActivity(cardActivity(intakeCard({
        domain: customer, countries, partnerRegion: await partnerRegion(), moveId: orchestrator.newMoveId(),
      })));
    };
    const commands = new CommandRouter(conversationState, conversationState.createProperty<DialogState>('dialogState'), new IntakeDialog(showStartForm));
    commands
      .register(new HelpCommand(commandDeps))
      .register(new MoveCommand(commandDeps, (turn) => commands.startIntake(turn).then(() => conversationState.saveChanges(turn, false))))
      .register(new StatusCommand(commandDeps))
      .register(new ListCommand(commandDeps))
      .register(new CancelCommand(commandDeps))
      .register(new RetryCommand(commandDeps))
      .register(new NotifyHereCommand(commandDeps));

    const bot = new MoveBot(commands, actions, registry, turns, log);
    adapter.onTurnError = async (context, error) => {
      log.error({ err: error instanceof Error ? error.stack ?? error.message : String(error), conversationId: context.activity.conversation?.id }, 'unhandled error in a turn');
      await context.sendActivity('Something went wrong inside the bot while handling that; nothing was half-done. Try again, and if it repeats an operator should check the logs.');
    };

    const server = createBotServer({ adapter, bot, log });
    const sweeps = new SweepTimer(orchestrator, config.SWEEP_INTERVAL_SECONDS * 1000, log);
    if (overrides.startSweeps !== false) sweeps.start();

    return {
      server, orchestrator, sweeps, log,
      async close() {
        await sweeps.stop();
        await server.close();
        await lock.release();
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

function botAuthSettings(config: BotConfig): ConfigurationBotFrameworkAuthenticationOptions {
  // An empty MicrosoftAppId turns authentication off (local Playground); never pass "SingleTenant" without an id.
  return {
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppId ? (config.MicrosoftAppType ?? 'SingleTenant') : '',
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  } as ConfigurationBotFrameworkAuthenticationOptions;
}

async function readRegionFile(file: string): Promise<RegionData> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as RegionData;
  } catch (error) {
    throw new Error(`CSP_REGIONS_FILE ${file} could not be read as the region table: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function countryOptions(regions: RegionTable): CountryOption[] {
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  return regions.countries().map(({ code, region }) => {
    let name = code;
    try { name = names.of(code) ?? code; } catch { /* an unknown code keeps its code */ }
    return { code, name, region };
  });
}
