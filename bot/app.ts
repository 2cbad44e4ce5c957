import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import {
  ConfigurationBotFrameworkAuthentication, ConversationState,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { allowedCallersClaimsValidator, type AuthenticationConfiguration } from 'botframework-connector';
import pino from 'pino';
import { MoveDecider } from '../move/decider';
import { defaultOfferMap, normaliseOfferMap, offerMapProblems } from '../move/offerMap';
import type { ApprovalPolicy } from '../move/policy';
import { MoveOrchestrator } from '../move/orchestrator';
import type { Clock, Logger } from '../move/ports';
import { RegionTable, type RegionData } from '../move/regions';
import { actingAsCallerWhenSignedIn } from '../services/actingUser';
import { appIdentityFromEnvironment } from '../services/identity/appIdentityFromEnvironment';
import { GraphInvitationMailer } from '../services/invitationMailer';
import { createOutboundServices } from '../services/outboundServices';
import { UploadSessionClient } from '../services/files/uploadSession';
import { OutboundHttp } from '../services/http/outboundHttp';
import { defaultPartnerApiBaseUrl } from '../services/partnerCenter/priceSheetSettings';
import { SandboxFollowingClock } from '../services/sandboxFollowingClock';
import type { AppTelemetry } from '../services/telemetry/appTelemetry';
import type { AzureMonitorSettings } from '../services/telemetry/azureMonitor';
import { startTelemetry } from '../services/telemetry/startTelemetry';
import { skusMissingFromCsv } from '../services/skuCatalog/missingSkus';
import { SkuCatalogLoader } from '../services/skuCatalog/skuCatalogLoader';
import { FileBotStorage } from '../store/fileBotStorage';
import { FileKeyValueStore } from '../store/fileKeyValueStore';
import { FileMoveStore } from '../store/fileMoveStore';
import { acquireFolderLock, type FolderLock } from '../store/folderLock';
import { openAzureStorage } from '../store/azure/azureStorage';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import type { BotIdentitySettings } from './botIdentitySettings';
import type { BotConfig } from './config';
import { ActivityEndpoint, EdgeCloudAdapter } from './edge/activityEndpoint';
import { BotAuthenticator } from './edge/botAuthenticator';
import { BotCredentialsFactory } from './edge/botCredentials';
import { ConversationRegistry } from './conversationRegistry';
import { Readiness, storeCheck, sweepCheck, tokenCheck } from './readiness';
import { createBotServer, type BotServer } from './server';
import { SweepTimer } from './sweepTimer';
import { PartnerCenterWebhookVerifier, type CertificateFetcher } from './partnerCenterWebhook';
import { SsoGate } from './ssoGate';
import { createTeamsEdge } from './teamsEdge';
import { NotificationOutbox } from './notificationOutbox';
import { TeamsNotifier } from './teamsNotifier';
import { PeopleToAsk } from './peopleToAsk';
import { MeetStaff, StaffRoster } from './staffRoster';
import { ActorResolver } from './actorResolver';
import { TeamsPoster } from './teamsPoster';
import { TurnScope } from './turnScope';
import { WorkingCards } from './workingCards';
import { describeTurn } from './turnTelemetry';

export interface App {
  server: BotServer;
  /** Whether this instance may run the sweep now (always, with the file store; the lease holder, with Azure). */
  isSweeper(): boolean;
  orchestrator: MoveOrchestrator;
  sweeps: SweepTimer;
  /** Posts to Teams waiting to leave; `idle()` resolves once this instance has delivered what it started. */
  outbox: NotificationOutbox;
  log: Logger;
  /** Application Insights when APPLICATIONINSIGHTS_CONNECTION_STRING is set (flush() sends what is buffered now). */
  telemetry: AppTelemetry;
  close(): Promise<void>;
}

export interface AppOverrides {
  /**
   * The domain's time (events' `at`, reminders, expiries, buy dates, the sweep's "now"). Default: real time,
   * or in local mode the sandbox's clock. A test's clock also drives `realClock`'s parts unless that is given too.
   */
  clock?: Clock;
  /** Real time for what measures the bot's own running (token and cache lifetimes, the outbox's back-off). */
  realClock?: Clock;
  log?: Logger;
  /** Start the sweep timer (default true). Tests drive `orchestrator.sweep()` themselves. */
  startSweeps?: boolean;
  /** Where Partner Center's webhook signing certificate comes from (tests sign with their own). */
  fetchWebhookCertificate?: CertificateFetcher;
  /** The Azure Monitor exporter's tuning (tests: nothing on disk, their receiver's certificate, no settings polling). */
  telemetry?: Pick<AzureMonitorSettings, 'exporterOptions' | 'remoteSettings'>;
}

/**
 * The composition root: builds every adapter from configuration and wires them to the domain and the
 * Teams edge. Nothing else constructs adapters.
 */
export async function createApp(config: BotConfig, overrides: AppOverrides = {}): Promise<App> {
  const endpoints = {
    loginBaseUrl: config.LOGIN_BASE_URL, partnerCenterBaseUrl: config.PARTNER_CENTER_BASE_URL, graphBaseUrl: `${config.GRAPH_BASE_URL}/`,
    partnerApiBaseUrl: config.PARTNER_PRICES_BASE_URL ?? defaultPartnerApiBaseUrl(config.PARTNER_CENTER_BASE_URL),
  };
  // First, so every span and log line after it is correlated; without a connection string nothing is loaded.
  const telemetry = await startTelemetry({ connectionString: config.APPLICATIONINSIGHTS_CONNECTION_STRING, endpoints, ...overrides.telemetry });
  const log: Logger = overrides.log ?? pino({
    level: config.LOG_LEVEL, redact: ['*.secret', '*.password', '*.token', '*.refreshToken'],
    // trace_id/span_id of the active span in each line, so a log line leads to its trace in Application Insights.
    ...(telemetry.enabled ? { mixin: () => telemetry.logFields() } : {}),
  });
  log.info({ telemetry: telemetry.enabled ? 'Application Insights (OpenTelemetry)' : 'off' }, 'telemetry');
  // Two times. Real (wall-clock) time measures the bot's own running: access-token and cache lifetimes,
  // Retry-After, the Teams outbox's retry back-off, the SKU catalog's age. The sweep leader's lease
  // (store/azure/blobLease.ts), HTTP timeouts, rate limiters and Teams' per-thread pacing keep their own Date.now.
  // Domain time is the move's: events' `at`, reminders, invitation expiry, buy dates, the sweep's "now". In
  // production both are real time; in local mode the domain's follows the sandbox's clock (POST /_sandbox/clock),
  // so a move's weeks pass in a minute while tokens, back-offs and timeouts keep real time.
  const wallClock: Clock = { now: () => new Date() };
  // Set once the sweep timer exists: a jump of the sandbox's clock sweeps at once (not at the next interval).
  let sweeps: SweepTimer | undefined;
  const sandboxClock = !overrides.clock && config.mode === 'local' && config.SANDBOX_URL
    ? new SandboxFollowingClock({ sandboxUrl: config.SANDBOX_URL, log, onAdvance: () => sweeps?.soon() })
    : null;
  const clock: Clock = overrides.clock ?? sandboxClock ?? wallClock;
  const realClock: Clock = overrides.realClock ?? overrides.clock ?? wallClock;
  const dataDir = path.resolve(config.DATA_DIR);
  // One instance per data folder (file store), or many sharing Azure Storage with a lease for the sweep.
  const shared = config.STORE === 'azure'
    ? await openAzureStorage({ connectionString: config.AZURE_STORAGE_CONNECTION_STRING!, log })
    : null;
  const lock: FolderLock | null = shared ? null : await acquireFolderLock(dataDir);
  try {
    if (sandboxClock) {
      // Read once before anything runs, so restored moves and the first sweep already have the sandbox's time.
      await sandboxClock.start();
      log.info({ sandbox: config.SANDBOX_URL, offsetDays: sandboxClock.offsetMilliseconds / 86_400_000 }, 'local mode: the bot\'s time follows the sandbox\'s clock');
    }
    const regions = config.CSP_REGIONS_FILE ? new RegionTable(await readRegionFile(config.CSP_REGIONS_FILE)) : RegionTable.default();
    const offerMap = config.OFFER_MAP_FILE ? defaultOfferMap().withOverrides(await readOfferMapFile(config.OFFER_MAP_FILE)) : defaultOfferMap();
    const skuCatalog = new SkuCatalogLoader({
      source: config.SKU_CATALOG_SOURCE, maxAgeDays: config.SKU_CATALOG_MAX_AGE_DAYS, cacheDir: path.join(dataDir, 'sku-catalog'),
      // Real time: the age of a downloaded copy of Microsoft's table, not of the move.
      extraSkus: skusMissingFromCsv(), logger: log, clock: realClock,
    });
    const approvalPolicy: ApprovalPolicy = {
      approverRoles: config.approverRoles, fourEyes: config.FOUR_EYES === 'on', accountAdminAboveSeats: config.ACCOUNT_ADMIN_ABOVE_SEATS,
    };

    // Outbound adapters: Partner Center, Graph, identity.
    // Production follows @azure/identity's conventions (secret, certificate or managed identity); the
    // local sandbox speaks http, which MSAL refuses, so it uses the plain OAuth client with the secret.
    const identity = config.LOGIN_BASE_URL.startsWith('https:')
      ? appIdentityFromEnvironment({ ...process.env, ...definedOnly(config), AZURE_TENANT_ID: config.AZURE_TENANT_ID ?? config.PARTNER_TENANT_ID, AZURE_AUTHORITY_HOST: config.LOGIN_BASE_URL })
      : undefined;
    log.info({ credential: identity?.description ?? 'client secret against the local sandbox' }, 'outbound identity');
    const outbound = createOutboundServices({
      endpoints, http: { telemetry: telemetry.outbound },
      partnerTenantId: config.PARTNER_TENANT_ID, clientId: config.AZURE_CLIENT_ID, clientSecret: config.AZURE_CLIENT_SECRET,
      refreshToken: config.PARTNER_CENTER_REFRESH_TOKEN, roleOverrides: config.roleOverrides, roleCacheTtlMs: config.ROLE_CACHE_SECONDS * 1000,
      credentialFor: identity?.credentialFor, onBehalfOf: identity ? identity.onBehalfOf : undefined, onBehalfOfUnavailable: identity?.onBehalfOfUnavailable,
      customerGraphMode: config.CUSTOMER_GRAPH_MODE, rateLimits: config.rateLimits, gdapAccessGroup: config.GDAP_ACCESS_GROUP,
      // Partner Center answers in the partner's language (X-Locale: ko → ko-KR, en → en-US).
      locale: config.DEFAULT_LOCALE,
      // Real time: token expiry, Retry-After dates, role and catalog cache lifetimes.
      mailSenderMailbox: config.MAIL_SENDER_MAILBOX, now: () => realClock.now().getTime(), logger: log,
    });
    const { customerDirectory: customers, tenantLookup: tenants } = outbound;
    const { partnerCenter, partnerDirectory } = actingAsCallerWhenSignedIn(outbound);
    // The invitation email: from the staff member's mailbox with Teams SSO (on-behalf-of), else from MAIL_SENDER_MAILBOX.
    const sso = new SsoGate(config.SSO_CONNECTION_NAME);
    const mailer = new GraphInvitationMailer(outbound, config.MAIL_SENDER_MAILBOX);
    const invitationMail = { asSignedInUser: sso.enabled && outbound.canActAsUser, mailbox: config.MAIL_SENDER_MAILBOX ?? null };
    log.info({ asSignedInUser: invitationMail.asSignedInUser, mailbox: invitationMail.mailbox }, 'invitation email');

    // Persistence.
    const kv = shared?.keyValues ?? new FileKeyValueStore(path.join(dataDir, 'conversations'));
    const registry = new ConversationRegistry(kv);
    const roster = new StaffRoster(kv);
    const partnerTenant = new ActorResolver(partnerDirectory, config.PARTNER_TENANT_ID, log, approvalPolicy.approverRoles);
    const people = new PeopleToAsk(outbound.staffDirectory, roster, log);
    const botStorage = shared
      ? new BlobsStorage(config.AZURE_STORAGE_CONNECTION_STRING!, shared.botStateContainer)
      : new FileBotStorage(path.join(dataDir, 'bot-state'));
    const conversationState = new ConversationState(botStorage);

    // The Teams edge. Inbound tokens are checked against the configured Bot Framework endpoints (the public
    // cloud by default, the sandbox's stand-in locally); outbound tokens come from the bot's own credential.
    const botIdentity = config.botIdentity;
    const auth = new ConfigurationBotFrameworkAuthentication(botAuthSettings(botIdentity), new BotCredentialsFactory(botIdentity), authConfiguration(botIdentity));
    const adapter = new EdgeCloudAdapter(auth);
    adapter.use(new MeetStaff(roster, (context) => partnerTenant.fromPartnerTenant(context), log));
    const appId = botIdentity?.appId ?? '';
    const authenticator = new BotAuthenticator(auth, botIdentity && {
      appId: botIdentity.appId, tokenIssuer: botIdentity.tokenIssuer, allowEmulator: botIdentity.allowEmulator, allowedCallers: botIdentity.allowedCallers,
    }, log);
    const turns = new TurnScope();
    const poster = new TeamsPoster({ adapter, appId, log });
    // The outbox's retryAt/updatedAt are its own bookkeeping, with back-off timers on real time: real time.
    const outbox = new NotificationOutbox(kv, registry, poster, realClock, log);
    // The notifier's catch-up compares the moves' updatedAt (domain time): domain time.
    // Working cards pace the reassignment's progress by real time: how often a chat's card is redrawn.
    // What is posted for everyone is in DEFAULT_LOCALE in UTC; a card for one person, in their language and time zone.
    const workingCards = new WorkingCards(registry, realClock, { cards: { approvalPolicy, invitationMail, locale: config.DEFAULT_LOCALE }, log });
    const notifier = new TeamsNotifier(registry, outbox, turns, clock, { approvalPolicy, invitationMail, people, workingCards, defaultLocale: config.DEFAULT_LOCALE });

    const moveStore = shared?.moves ?? new FileMoveStore(path.join(dataDir, 'moves'));
    const orchestrator = new MoveOrchestrator({
      store: moveStore, decider: new MoveDecider(regions, approvalPolicy), partnerCenter, customers,
      partnerDirectory, tenants, notifier, clock, ids: { newId: () => randomUUID() }, log, skuCatalog, offerMap, mailer, prices: outbound.priceSheet,
      telemetry: telemetry.moves,
      settings: { partnerTenantId: config.PARTNER_TENANT_ID, partnerCountry: config.PARTNER_COUNTRY?.toUpperCase(), term: config.DEFAULT_TERM, billing: config.DEFAULT_BILLING,
        invitationReminderDays: config.INVITATION_REMINDER_DAYS, approvalReminderHours: config.APPROVAL_REMINDER_HOURS,
        sourceReminderDays: config.SOURCE_REMINDER_DAYS, buyDaysBeforeEnd: config.BUY_DAYS_BEFORE_END, purchaseReminderHours: config.PURCHASE_REMINDER_HOURS,
        sharedStore: shared !== null },
    });
    await orchestrator.restore();
    telemetry.observeMoves(() => orchestrator.all().map((move) => move.stage));

    let partnerRegionCache: string | null = null;
    const partnerRegion = async (): Promise<string> => {
      if (!partnerRegionCache) {
        const country = config.PARTNER_COUNTRY ?? (await partnerCenter.partnerProfile({ correlationId: randomUUID() })).country;
        partnerRegionCache = regions.regionOf(country) ?? country;
      }
      return partnerRegionCache;
    };
    let partnerNameCache: string | null = null;
    const partnerName = async (): Promise<string | null> => {
      try {
        partnerNameCache ??= (await partnerCenter.partnerProfile({ correlationId: randomUUID() })).companyName;
      } catch (error) {
        // The subject then names the customer only; the next email tries again.
        log.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not read the partner profile for the email subject');
      }
      return partnerNameCache;
    };
    const { bot, actions } = createTeamsEdge({
      orchestrator, registry, people, partnerDirectory, partnerTenantId: config.PARTNER_TENANT_ID, regions, partnerRegion, partnerName,
      conversationState, turns, clock, log, replyBudgetMs: config.REPLY_BUDGET_MS, sso, approvalPolicy, invitationMail, workingCards,
      defaultLocale: config.DEFAULT_LOCALE,
      // CSV exports as files: offers kept beside the conversations; uploads to the https upload session Teams gives
      // (http on this machine too in local mode, where tests and the sandbox stand in for OneDrive). Real time.
      files: {
        store: kv, now: () => realClock.now(),
        uploads: new UploadSessionClient({ http: new OutboundHttp({ logger: log, maxAttempts: 3, timeoutMs: 60_000 }), allowLoopbackHttp: config.mode === 'local' }),
      },
    });
    adapter.onTurnError = async (context, error) => {
      log.error({ err: error instanceof Error ? error.stack ?? error.message : String(error), conversationId: context.activity.conversation?.id }, 'unhandled error in a turn');
      try {
        await context.sendActivity('Something went wrong inside the bot while handling that; nothing was half-done. Try again, and if it repeats an operator should check the logs.');
      } catch (sendError) {
        // The connector cannot be reached either: the log line above is all that can be done.
        log.warn({ err: sendError instanceof Error ? sendError.message : String(sendError) }, 'could not tell the user about the failed turn');
      }
    };

    const webhooks = config.PARTNER_CENTER_WEBHOOKS === 'on'
      ? { verifier: new PartnerCenterWebhookVerifier(undefined, overrides.fetchWebhookCertificate), reactions: orchestrator }
      : undefined;
    const endpoint = new ActivityEndpoint(adapter, authenticator, (context) => telemetry.traceTurn(describeTurn(context, actions.verbs), () => bot.run(context)), log);
    // /readyz. Real time: probe timeouts and the report's cache measure the bot's own running.
    const readiness = new Readiness({
      store: storeCheck(moveStore),
      token: tokenCheck(outbound.tokens, config.PARTNER_TENANT_ID, Boolean(config.PARTNER_CENTER_REFRESH_TOKEN)),
      sweep: sweepCheck(shared && {
        isLeader: () => shared.leader.isLeader(), isHeld: (signal) => shared.lease.isHeld(signal), leaseMs: shared.lease.leaseSeconds * 1000,
      }),
    }, { log });
    const server = createBotServer({ endpoint, log, webhooks, readiness });
    if (shared) await shared.leader.start();
    const sweepTimer = new SweepTimer(orchestrator, config.SWEEP_INTERVAL_SECONDS * 1000, log, () => shared?.leader.isLeader() ?? true, {
      // Local mode: each sweep first re-reads the sandbox's clock.
      beforeSweep: sandboxClock ? () => sandboxClock.refresh() : undefined,
    });
    sweeps = sweepTimer;
    if (overrides.startSweeps !== false) sweepTimer.start();

    return {
      server, orchestrator, sweeps: sweepTimer, outbox, log, telemetry,
      isSweeper: () => shared?.leader.isLeader() ?? true,
      async close() {
        await sweepTimer.stop();
        await sandboxClock?.stop();
        await server.close();
        await outbox.close();
        await shared?.leader.stop();
        await lock?.release();
        await telemetry.shutdown();
      },
    };
  } catch (error) {
    await sandboxClock?.stop();
    await shared?.leader.stop();
    await lock?.release();
    await telemetry.shutdown();
    throw error;
  }
}

/**
 * botbuilder's settings for the bot's identity. Without one (local mode) botbuilder's defaults stay and the
 * credentials factory reports authentication off. With one, every endpoint is given: botbuilder takes any
 * of them as "all parameters are intentional" and would leave the rest empty.
 */
function botAuthSettings(identity: BotIdentitySettings | null): ConfigurationBotFrameworkAuthenticationOptions {
  if (!identity) return {} as ConfigurationBotFrameworkAuthenticationOptions;
  return {
    MicrosoftAppId: identity.appId,
    MicrosoftAppTenantId: identity.tenantId,
    MicrosoftAppType: identity.type,
    ToChannelFromBotLoginUrl: identity.loginUrl,
    ToChannelFromBotOAuthScope: identity.oauthScope,
    ToBotFromChannelTokenIssuer: identity.tokenIssuer,
    OAuthUrl: identity.oauthUrl,
    ToBotFromChannelOpenIdMetadataUrl: identity.openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: identity.emulatorOpenIdMetadataUrl,
    CallerId: 'urn:botframework:azure',
    ValidateAuthority: true,
  } as ConfigurationBotFrameworkAuthenticationOptions;
}

/** Skill calls are refused unless BOT_ALLOWED_CALLERS names the caller (botbuilder's allowed-callers validator). */
function authConfiguration(identity: BotIdentitySettings | null): AuthenticationConfiguration {
  const allowed = identity?.allowedCallers ?? [];
  return { requiredEndorsements: [], validateClaims: allowed.length > 0 ? allowedCallersClaimsValidator(allowed) : undefined };
}

async function readRegionFile(file: string): Promise<RegionData> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as RegionData;
  } catch (error) {
    throw new Error(`CSP_REGIONS_FILE ${file} could not be read as the region table: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function readOfferMapFile(file: string): Promise<ReturnType<typeof normaliseOfferMap>> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`OFFER_MAP_FILE ${file} could not be read as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const problems = offerMapProblems(value);
  if (problems.length > 0) throw new Error(`OFFER_MAP_FILE ${file} is not a valid offer map:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  return normaliseOfferMap(value as Record<string, unknown>);
}

/** The string settings of the configuration, for the identity helper that reads environment-style names. */
function definedOnly(config: BotConfig): Record<string, string> {
  return Object.fromEntries(Object.entries(config).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}
