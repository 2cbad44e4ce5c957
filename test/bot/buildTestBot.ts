import type { SsoGate } from '../../bot/ssoGate';
import { countryOptions, createTeamsEdge } from '../../bot/teamsEdge';
import type { MoveBot } from '../../bot/moveBot';
/**
 * Builds the bot with the same factory bot/app.ts uses (createTeamsEdge), but with the in-memory fakes
 * of test/bot/fakes.ts and botbuilder's TestAdapter instead of CloudAdapter + restify.
 */
import assert from 'node:assert/strict';
import {
  ConversationState, MemoryStorage, TestAdapter, type Activity, type ChannelAccount, type ConversationAccount, type InvokeResponse,
} from 'botbuilder';
import { ConversationRegistry } from '../../bot/conversationRegistry';
import { NotificationOutbox } from '../../bot/notificationOutbox';
import { TeamsNotifier } from '../../bot/teamsNotifier';
import type { PeopleToAsk } from '../../bot/peopleToAsk';
import { TurnScope } from '../../bot/turnScope';
import { WorkingCards } from '../../bot/workingCards';
import { DEFAULT_APPROVAL_POLICY } from '../../move/policy';
import type { CountryOption } from '../../cards/intakeCard';
import { MoveDecider } from '../../move/decider';
import type { ApprovalPolicy } from '../../move/policy';
import type { InvitationMailOptions } from '../../cards/moveView';
import type { Locale } from '../../cards/i18n/locales';
import type { MoveEvent } from '../../move/events';
import { MoveOrchestrator } from '../../move/orchestrator';
import { defaultOfferMap } from '../../move/offerMap';
import { fixedSkuCatalog } from '../support/skuCatalogs';
import type { Logger, Notifier } from '../../move/ports';
import { RegionTable } from '../../move/regions';
import type { MoveState } from '../../move/state';
import { sdkProblems } from '../cards/cardAssertions';
import {
  CONTOSO_DOMAIN, CONTOSO_TENANT, FakeCustomerDirectory, FakeInvitationMailer, FakePartnerCenter, FakePartnerDirectory, FakeTenantLookup,
  FixedClock, InMemoryKeyValueStore, InMemoryMoveStore, MOVES_MAILBOX, PARTNER_TENANT, RecordingLog, RecordingPoster, SequentialIds, STAFF,
  type StaffMember,
} from './fakes';
import { BUY_AT_APPROVAL_DAYS } from '../../move/schedule';
import { UploadSessionClient } from '../../services/files/uploadSession';
import { OutboundHttp } from '../../services/http/outboundHttp';

export const BOT_ACCOUNT: ChannelAccount = { id: '28:csp-move-assistant', name: 'CSP Move Assistant' };
export const CHANNEL_ID = '19:general@thread.tacv2';
export const TEAM_ID = '19:team-1@thread.tacv2';

export const CARD = 'application/vnd.microsoft.card.adaptive';
export const MESSAGE = 'application/vnd.microsoft.activity.message';
export const ERROR = 'application/vnd.microsoft.error';

export interface TestBotOptions {
  /** Use a recording Notifier instead of the real TeamsNotifier + RecordingPoster. */
  notifier?: Notifier;
  replyBudgetMs?: number;
  /** Teams single sign-on for card actions (off by default). */
  sso?: SsoGate;
  /** The approval policy, given to the decider, the notifier and the edge as bot/app.ts does (default policy when absent). */
  approvalPolicy?: ApprovalPolicy;
  /**
   * How the bot can email the invitation, as bot/app.ts derives it (default: from MOVES_MAILBOX, and as the
   * staff member when `sso` is given). The fake mailer's mailbox follows `mailbox`.
   */
  invitationMail?: InvitationMailOptions;
  /** How often a chat's working card may show licence reassignment progress (bot/workingCards.ts; default 5 s). */
  progressEveryMs?: number;
  /** DEFAULT_LOCALE, as bot/app.ts passes it (default en). */
  defaultLocale?: Locale;
  /** Who can take a move's next step, for the notifier (bot/app.ts gives it one over the roster; absent: roles only). */
  people?: PeopleToAsk;
}

/** What one turn produced: the invoke response (for invokes) and every other activity the bot replied with. */
export interface TurnResult {
  invoke?: InvokeResponse;
  /** What the bot said, in order, without its "typing…" indicators (see `activities`). */
  replies: Partial<Activity>[];
  /** Everything the bot sent in the turn, in order, typing indicators included (not the invoke response). */
  activities: Partial<Activity>[];
}

export class TestBot {
  readonly clock = new FixedClock();
  readonly ids = new SequentialIds();
  readonly store = new InMemoryMoveStore();
  readonly kv = new InMemoryKeyValueStore();
  readonly registry = new ConversationRegistry(this.kv);
  readonly partnerCenter = new FakePartnerCenter();
  readonly customers = new FakeCustomerDirectory(this.partnerCenter);
  readonly directory = new FakePartnerDirectory();
  readonly tenants = new FakeTenantLookup();
  readonly mailer = new FakeInvitationMailer();
  readonly poster = new RecordingPoster();
  readonly turns = new TurnScope();
  readonly log = new RecordingLog();
  readonly storage = new MemoryStorage();
  readonly conversationState = new ConversationState(this.storage);
  readonly regions = RegionTable.default();
  readonly countries: CountryOption[];
  readonly orchestrator: MoveOrchestrator;
  readonly bot: MoveBot;
  readonly adapter: TestAdapter;
  readonly turnErrors: unknown[] = [];
  /** Posts leave through it after the turn; `process` waits for it, so a test sees what the turn caused. */
  readonly outbox: NotificationOutbox;
  /** The working cards of chats where a step was still running when the answer went (shared by the notifier and the edge). */
  readonly workingCards: WorkingCards;
  private activityCounter = 0;

  constructor(options: TestBotOptions = {}) {
    const log: Logger = this.log;
    const approvalPolicy = options.approvalPolicy;
    const invitationMail = options.invitationMail ?? { asSignedInUser: options.sso?.enabled ?? false, mailbox: MOVES_MAILBOX };
    this.mailer.mailbox = invitationMail.mailbox;
    this.outbox = new NotificationOutbox(this.kv, this.registry, this.poster, this.clock, log);
    this.workingCards = new WorkingCards(this.registry, this.clock, {
      cards: { approvalPolicy: approvalPolicy ?? DEFAULT_APPROVAL_POLICY, invitationMail, locale: options.defaultLocale }, log, progressEveryMs: options.progressEveryMs,
    });
    const workingCards = this.workingCards;
    const notifier = options.notifier ?? new TeamsNotifier(this.registry, this.outbox, this.turns, this.clock, { approvalPolicy, invitationMail, workingCards, defaultLocale: options.defaultLocale, people: options.people });
    this.orchestrator = new MoveOrchestrator({
      store: this.store, decider: new MoveDecider(this.regions, approvalPolicy), partnerCenter: this.partnerCenter, customers: this.customers,
      partnerDirectory: this.directory, tenants: this.tenants, notifier, clock: this.clock, ids: this.ids, log,
      settings: { partnerTenantId: PARTNER_TENANT, partnerCountry: undefined, term: 'P1Y', billing: 'monthly', buyDaysBeforeEnd: BUY_AT_APPROVAL_DAYS },
      skuCatalog: fixedSkuCatalog(), offerMap: defaultOfferMap(), mailer: this.mailer,
    });
    this.countries = countryOptions(this.regions);
    const partnerRegion = async () => this.regions.regionOf((await this.partnerCenter.partnerProfile({ correlationId: 'profile' })).country) ?? 'US';
    const partnerName = async () => (await this.partnerCenter.partnerProfile({ correlationId: 'profile' })).companyName;
    this.bot = createTeamsEdge({
      orchestrator: this.orchestrator, registry: this.registry, partnerDirectory: this.directory, partnerTenantId: PARTNER_TENANT,
      regions: this.regions, partnerRegion, partnerName, conversationState: this.conversationState, turns: this.turns, clock: this.clock, log,
      replyBudgetMs: options.replyBudgetMs ?? 2_000, sso: options.sso, approvalPolicy, invitationMail, workingCards, defaultLocale: options.defaultLocale,
      // File exports upload to a test's own server on 127.0.0.1 (loopback http allowed, as in local mode).
      files: { store: this.kv, now: () => this.clock.now(), uploads: new UploadSessionClient({ http: new OutboundHttp({ maxAttempts: 1, timeoutMs: 5_000 }), allowLoopbackHttp: true }) },
    }).bot;
    this.adapter = new TestAdapter((context) => this.bot.run(context), { channelId: 'msteams' } as Partial<Activity>);
    this.adapter.onTurnError = async (context, error) => {
      this.turnErrors.push(error);
      await context.sendActivity('Something went wrong inside the bot while handling that; nothing was half-done. Try again, and if it repeats an operator should check the logs.');
    };
  }

  // -----------------------------------------------------------------------------------------------
  // Conversations and activities, shaped like what Teams sends

  personal(user: StaffMember | { id: string; name: string }): ConversationAccount {
    return { id: `a:personal-${user.id.replace(/^29:/, '')}`, conversationType: 'personal', tenantId: PARTNER_TENANT, isGroup: false, name: '' };
  }

  /** A message in the team channel: a new post, so the conversation id names the channel and the post. */
  channelPost(messageId = `m-${++this.activityCounter}`): ConversationAccount {
    return { id: `${CHANNEL_ID};messageid=${messageId}`, conversationType: 'channel', tenantId: PARTNER_TENANT, isGroup: true, name: '' };
  }

  from(user: StaffMember): ChannelAccount {
    return { id: user.id, name: user.name, aadObjectId: user.aadObjectId };
  }

  activity(user: ChannelAccount, conversation: ConversationAccount, extra: Partial<Activity>): Partial<Activity> {
    return {
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/amer/',
      from: user,
      recipient: BOT_ACCOUNT,
      conversation,
      channelData: { tenant: { id: conversation.tenantId } },
      locale: 'en-US',
      id: `act-${++this.activityCounter}`,
      ...extra,
    };
  }

  async process(activity: Partial<Activity>): Promise<TurnResult> {
    this.adapter.activeQueue.splice(0);
    await this.adapter.processActivity(activity);
    await this.outbox.idle();
    const all = this.adapter.activeQueue.splice(0);
    const invokes = all.filter((a) => a.type === 'invokeResponse');
    assert.ok(invokes.length <= 1, 'at most one invoke response per turn');
    const activities = all.filter((a) => a.type !== 'invokeResponse');
    return { invoke: invokes[0]?.value as InvokeResponse | undefined, replies: activities.filter((a) => a.type !== 'typing'), activities };
  }

  /** A person types a message (in their personal chat unless a conversation is given). */
  say(user: StaffMember, text: string, conversation: ConversationAccount = this.personal(user), extra: Partial<Activity> = {}): Promise<TurnResult> {
    return this.process(this.activity(this.from(user), conversation, { type: 'message', text, textFormat: 'plain', ...extra }));
  }

  /** An Action.Execute click on a card (an `adaptiveCard/action` invoke). */
  click(user: StaffMember, verb: string, data: unknown, conversation: ConversationAccount = this.personal(user)): Promise<TurnResult> {
    return this.invoke(this.from(user), conversation, { action: { type: 'Action.Execute', id: 'btn', verb, data }, trigger: 'manual' });
  }

  invoke(from: ChannelAccount, conversation: ConversationAccount, value: unknown): Promise<TurnResult> {
    return this.process(this.activity(from, conversation, { type: 'invoke', name: 'adaptiveCard/action', value }));
  }

  // -----------------------------------------------------------------------------------------------
  // Moves

  startForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      moveId: this.orchestrator.newMoveId(), version: 0, domain: CONTOSO_DOMAIN, country: 'US', source: 'microsoft-direct',
      multiPartner: 'false', requestGdap: 'true', ...overrides,
    };
  }

  /** Starts the Contoso move from a start form and returns its id (awaiting the customer's acceptance). */
  async startContoso(user: StaffMember = STAFF.megan): Promise<string> {
    const form = this.startForm();
    const { invoke } = await this.click(user, 'move.start', form);
    assert.equal(invoke?.status, 200);
    const moveId = form.moveId as string;
    assert.equal(this.orchestrator.get(moveId)?.stage, 'awaiting-acceptance');
    return moveId;
  }

  /** The customer accepts and a sweep notices: the move goes on to the plan and waits for approval. */
  /** One sweep, and the posts it caused delivered. */
  async sweep(): Promise<{ accepted: number; advanced: number }> {
    const result = await this.orchestrator.sweep();
    await this.outbox.idle();
    return result;
  }

  async acceptAndSweep(moveId: string): Promise<MoveState> {
    this.partnerCenter.accept(CONTOSO_TENANT, CONTOSO_DOMAIN, 'Contoso Ltd');
    await this.sweep();
    const state = this.orchestrator.get(moveId)!;
    return state;
  }

  async contosoAtApproval(starter: StaffMember = STAFF.megan): Promise<MoveState> {
    const moveId = await this.startContoso(starter);
    const state = await this.acceptAndSweep(moveId);
    assert.equal(state.stage, 'approval');
    return state;
  }

  eventTypes(moveId: string): Array<MoveEvent['type']> {
    return this.store.eventsOf(moveId).map((e) => e.type);
  }
}


// -------------------------------------------------------------------------------------------------
// Reading what the bot sent

/** The Adaptive Card in a reply, or undefined when it has none. */
export function cardIn(activity: Partial<Activity> | undefined): Record<string, any> | undefined {
  const attachment = activity?.attachments?.find((a) => a.contentType === CARD);
  return attachment?.content as Record<string, any> | undefined;
}

/** Everything a person can read in a card or activity. */
export function textOf(node: unknown): string {
  const parts: string[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (typeof inner === 'string' && ['text', 'title', 'value', 'label', 'placeholder', 'errorMessage', 'url'].includes(key)) parts.push(inner);
        else visit(inner);
      }
    }
  };
  visit(node);
  return parts.join('\n');
}

/** Every card the turn sent (replies and the invoke response card) must pass the adaptivecards SDK. */
export function assertCardsValid(result: TurnResult | Partial<Activity>[]): void {
  const replies = Array.isArray(result) ? result : result.replies;
  for (const reply of replies) {
    for (const attachment of reply.attachments ?? []) {
      if (attachment.contentType === CARD) assert.deepEqual(sdkProblems(attachment.content), [], 'the adaptivecards SDK reports problems');
    }
  }
  if (!Array.isArray(result)) {
    const body = result.invoke?.body as { type?: string; value?: unknown } | undefined;
    if (body?.type === CARD) assert.deepEqual(sdkProblems(body.value), [], 'the adaptivecards SDK reports problems in the invoke card');
  }
}

/** The Action.Execute of a verb in a card, or undefined. */
export function findAction(card: unknown, verb: string): { verb: string; data: Record<string, unknown> } | undefined {
  const stack: unknown[] = [card];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute' && o.verb === verb) return o as never;
      stack.push(...Object.values(o));
    }
  }
  return undefined;
}

// -------------------------------------------------------------------------------------------------
// Exact invoke responses

/** 200 + an Adaptive Card (SDK-valid); for a move card, the card is drawn from the move's current version. */
export function assertCardResponse(result: TurnResult, move?: MoveState): Record<string, any> {
  assert.ok(result.invoke, 'an invoke response');
  assert.equal(result.invoke.status, 200);
  const body = result.invoke.body as { statusCode: number; type: string; value: Record<string, any> };
  assert.equal(body.statusCode, 200);
  assert.equal(body.type, CARD);
  assert.equal(body.value.type, 'AdaptiveCard');
  assert.equal(body.value.version, '1.5');
  assert.deepEqual(sdkProblems(body.value), [], 'the adaptivecards SDK reports problems');
  if (move) {
    assert.deepEqual(body.value.refresh?.action?.data, { moveId: move.moveId, version: move.version }, 'the card is drawn from the current state');
  }
  return body.value;
}

/** 200 + a message shown to the person who clicked (the card stays as it is). */
export function assertMessageResponse(result: TurnResult, expected: string | RegExp): string {
  assert.ok(result.invoke, 'an invoke response');
  assert.equal(result.invoke.status, 200);
  const body = result.invoke.body as { statusCode: number; type: string; value: unknown };
  assert.equal(body.statusCode, 200);
  assert.equal(body.type, MESSAGE);
  assert.equal(typeof body.value, 'string');
  if (typeof expected === 'string') assert.equal(body.value, expected);
  else assert.match(body.value as string, expected);
  return body.value as string;
}

/** A 4xx/5xx with `application/vnd.microsoft.error` and `{code, message}`. */
export function assertErrorResponse(result: TurnResult, status: number, code: string, message: string | RegExp): void {
  assert.ok(result.invoke, 'an invoke response');
  assert.equal(result.invoke.status, status);
  const body = result.invoke.body as { statusCode: number; type: string; value: { code: string; message: string } };
  assert.equal(body.statusCode, status);
  assert.equal(body.type, ERROR);
  assert.equal(body.value.code, code);
  if (typeof message === 'string') assert.equal(body.value.message, message);
  else assert.match(body.value.message, message);
}

/** Suite setup shared by the bot tests: before each test a fresh TestBot (handed to `use`), and after each passing test no turn crashed. */
export function useTestBot(use: (t: TestBot) => void): void {
  let current: TestBot | undefined;
  beforeEach(() => {
    current = new TestBot();
    use(current);
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed' || !current) return;
    assert.deepEqual(current.turnErrors, [], 'no turn crashed');
  });
}

/** useTestBot, starting from Megan's Contoso move at approval (handed to `use` with the bot). */
export function useContosoAtApproval(use: (t: TestBot, move: MoveState) => void): void {
  let current: TestBot | undefined;
  useTestBot((t) => { current = t; });
  beforeEach(async () => {
    use(current!, await current!.contosoAtApproval(STAFF.megan));
  });
}
