/**
 * Who is asking (bot/actorResolver.ts), one rule at a time: every chat command and card action, sent by
 * someone the bot must not serve, is refused with that rule's message, names no customer and changes
 * nothing. Each case runs against a Contoso move waiting for approval (started by Megan), so a request that
 * slipped through could list it, decide its plan, cancel it, start another move or move the notifications.
 */
import assert from 'node:assert/strict';
import type { Activity, ChannelAccount, ConversationAccount } from 'botbuilder';
import { NO_ROLE_TITLE, noRoleRefusal, REFUSALS } from '../../bot/actorResolver';
import { DEFAULT_APPROVAL_POLICY, ROLES_THAT_START } from '../../move/policy';
import { describeRoles } from '../../cards/roleText';
import type { MoveState } from '../../move/state';
import { CHANNEL_ID, TEAM_ID, TestBot, useContosoAtApproval, assertCardResponse, assertCardsValid, assertMessageResponse, cardIn, textOf, type TurnResult } from './buildTestBot';
import { CONTOSO_DOMAIN, CONTOSO_TENANT, FABRIKAM_DOMAIN, FABRIKAM_TENANT, OTHER_TENANT, PARTNER_TENANT, STAFF } from './fakes';

const APPROVERS = DEFAULT_APPROVAL_POLICY.approverRoles;
/** A member of the partner tenant the partner directory has never heard of (it answers no roles). */
const STRANGER: ChannelAccount = { id: '29:stranger', name: 'Sam Stranger', aadObjectId: '5a3e0c1d-7b2f-4c8e-9d6a-0f1e2d3c4b5a' };
/** The staff's UPNs (sandbox/world/constants.ts SANDBOX_STAFF). */
const UPN = { alex: 'alexw@relecloud.onmicrosoft.com', adele: 'adelev@relecloud.onmicrosoft.com' } as const;
const MENTION = '<at>CSP Move Assistant</at>';

/** A staff member as Teams names them: their real object id, or `aadObjectId` spelt another way (null: none sent). */
function account(user: typeof STAFF[keyof typeof STAFF], aadObjectId: string | null = user.aadObjectId): ChannelAccount {
  return aadObjectId === null ? { id: user.id, name: user.name } : { id: user.id, name: user.name, aadObjectId };
}

// -------------------------------------------------------------------------------------------------
// Who sends

interface Sender {
  name: string;
  from: ChannelAccount;
  /** conversation.tenantId and channelData.tenant.id (undefined: Teams did not send it). */
  conversationTenant: string | undefined;
  channelDataTenant: string | undefined;
  /** The refusal this sender gets, given the request's "who can" (for people without a role). */
  refusal: (whoCan: string | undefined) => string;
  /** Whether the refusal comes only after the partner directory was asked for the sender's roles. */
  readsRoles: boolean;
  /** Makes a success possible if the rule were missing (e.g. a directory that resolves a UPN, as Graph does). */
  arrange?: (t: TestBot) => void;
}

const fixed = (message: string) => () => message;

const SENDERS: Sender[] = [
  { name: 'Alex from a foreign tenant (both tenant fields)', from: account(STAFF.alex), conversationTenant: OTHER_TENANT, channelDataTenant: OTHER_TENANT, refusal: fixed(REFUSALS.foreignTenant), readsRoles: false },
  { name: 'Alex with no tenant named at all', from: account(STAFF.alex), conversationTenant: undefined, channelDataTenant: undefined, refusal: fixed(REFUSALS.noTenant), readsRoles: false },
  { name: 'an unknown user of the partner tenant (no role)', from: STRANGER, conversationTenant: PARTNER_TENANT, channelDataTenant: PARTNER_TENANT, refusal: (whoCan) => noRoleRefusal(APPROVERS, whoCan), readsRoles: true },
  { name: 'Alex, conversation = partner but channelData = foreign', from: account(STAFF.alex), conversationTenant: PARTNER_TENANT, channelDataTenant: OTHER_TENANT, refusal: fixed(REFUSALS.tenantsDisagree), readsRoles: false },
  { name: 'Alex, conversation = foreign but channelData = partner', from: account(STAFF.alex), conversationTenant: OTHER_TENANT, channelDataTenant: PARTNER_TENANT, refusal: fixed(REFUSALS.tenantsDisagree), readsRoles: false },
  { name: 'Adele, conversation = partner but channelData = foreign', from: account(STAFF.adele), conversationTenant: PARTNER_TENANT, channelDataTenant: OTHER_TENANT, refusal: fixed(REFUSALS.tenantsDisagree), readsRoles: false },
  { name: 'Adele, conversation = foreign but channelData = partner', from: account(STAFF.adele), conversationTenant: OTHER_TENANT, channelDataTenant: PARTNER_TENANT, refusal: fixed(REFUSALS.tenantsDisagree), readsRoles: false },
  {
    name: 'Alex\'s UPN as object id (a directory that would resolve it)', from: account(STAFF.alex, UPN.alex), conversationTenant: PARTNER_TENANT, channelDataTenant: PARTNER_TENANT,
    refusal: fixed(REFUSALS.badIdentity), readsRoles: false, arrange: (t) => { t.directory.roles.set(UPN.alex, [...STAFF.alex.roles]); },
  },
  {
    name: 'Adele\'s UPN as object id (a directory that would resolve it)', from: account(STAFF.adele, UPN.adele), conversationTenant: PARTNER_TENANT, channelDataTenant: PARTNER_TENANT,
    refusal: fixed(REFUSALS.badIdentity), readsRoles: false, arrange: (t) => { t.directory.roles.set(UPN.adele, [...STAFF.adele.roles]); },
  },
  { name: 'Alex without an object id', from: account(STAFF.alex, null), conversationTenant: PARTNER_TENANT, channelDataTenant: PARTNER_TENANT, refusal: fixed(REFUSALS.noIdentity), readsRoles: false },
];

// -------------------------------------------------------------------------------------------------
// What they ask

type Request =
  | { kind: 'say'; text: string; inChannel?: boolean; title: string; whoCan?: string }
  | { kind: 'click'; verb: string; data: (move: MoveState) => Record<string, unknown> };

const START_WHO_CAN = `Only ${describeRoles(ROLES_THAT_START)} can start a move.`;
const current = (move: MoveState) => ({ moveId: move.moveId, version: move.version });
const withPlan = (move: MoveState) => ({ ...current(move), planHash: move.plan!.hash });

const REQUESTS: Request[] = [
  { kind: 'say', text: 'list', title: 'Nothing done' },
  { kind: 'say', text: 'status', title: 'Nothing done' },
  { kind: 'say', text: `status ${CONTOSO_DOMAIN}`, title: 'Nothing done' },
  { kind: 'say', text: `audit ${CONTOSO_DOMAIN}`, title: 'Nothing done' },
  { kind: 'say', text: `move ${FABRIKAM_DOMAIN} US direct`, title: 'No move started', whoCan: START_WHO_CAN },
  { kind: 'say', text: `cancel ${CONTOSO_DOMAIN}`, title: 'Nothing cancelled' },
  { kind: 'say', text: `retry ${CONTOSO_DOMAIN}`, title: 'Nothing run again' },
  { kind: 'say', text: `override ${CONTOSO_DOMAIN} reason`, title: 'Nothing overridden' },
  { kind: 'say', text: `${MENTION} notify here`, inChannel: true, title: 'Notification channel not changed' },
  { kind: 'click', verb: 'move.plan.approve', data: withPlan },
  { kind: 'click', verb: 'move.plan.reject', data: (move) => ({ ...withPlan(move), comment: 'no' }) },
  { kind: 'click', verb: 'move.cancel', data: current },
  { kind: 'click', verb: 'move.refresh', data: current },
];

const requestName = (r: Request) => (r.kind === 'say' ? `says "${r.text.replace(MENTION, '@bot')}"${r.inChannel ? ' in a channel' : ''}` : `clicks ${r.verb}`);

// -------------------------------------------------------------------------------------------------
// Sending, and what must hold afterwards

function send(t: TestBot, sender: Sender, request: Request, move: MoveState): Promise<TurnResult> {
  const base = request.kind === 'say' && request.inChannel ? t.channelPost() : t.personal(sender.from);
  const conversation = { ...base, tenantId: sender.conversationTenant } as ConversationAccount;
  const channelData: Record<string, unknown> = sender.channelDataTenant === undefined ? {} : { tenant: { id: sender.channelDataTenant } };
  let extra: Partial<Activity>;
  if (request.kind === 'say') {
    if (request.inChannel) Object.assign(channelData, { channel: { id: CHANNEL_ID, name: 'General' }, team: { id: TEAM_ID, name: 'Relecloud Sales' } });
    extra = {
      type: 'message', text: request.text, textFormat: 'plain', channelData,
      ...(request.inChannel ? { entities: [{ type: 'mention', text: MENTION, mentioned: { id: '28:csp-move-assistant', name: 'CSP Move Assistant' } }] } : {}),
    };
  } else {
    extra = {
      type: 'invoke', name: 'adaptiveCard/action', channelData,
      value: { action: { type: 'Action.Execute', id: 'btn', verb: request.verb, data: request.data(move) }, trigger: 'manual' },
    };
  }
  return t.process(t.activity(sender.from, conversation, extra));
}

/** Everything a request could change. */
async function snapshot(t: TestBot, moveId: string): Promise<Record<string, unknown>> {
  const move = t.orchestrator.get(moveId);
  return {
    events: t.store.count(),
    moves: (await t.store.listMoveIds()).length,
    stage: move?.stage,
    version: move?.version,
    orders: t.partnerCenter.orderCount,
    notificationChannel: (await t.registry.getNotificationChannel()) ?? null,
    kvKeys: [...t.kv.data.keys()].sort(),
    kv: [...t.kv.data.entries()].sort(),
    posts: t.poster.posts.length,
    gdapRequests: t.directory.gdapRequests.length,
    mails: t.mailer.sent.length,
  };
}

/**
 * Nothing the bot said (text, cards, the invoke answer) names a customer or the move. The help card's examples
 * say "contoso.com" (no customer of the setup), so for help only the setup's own names are looked for.
 */
function assertNamesNoCustomer(result: TurnResult, moveId: string, { helpCard = false } = {}): void {
  const said = JSON.stringify({ replies: result.replies, invoke: result.invoke?.body }).toLowerCase();
  const names = helpCard ? ['contoso ltd', 'fabrikam'] : ['contoso', 'fabrikam'];
  for (const secret of [...names, CONTOSO_DOMAIN, FABRIKAM_DOMAIN, CONTOSO_TENANT, FABRIKAM_TENANT, moveId]) {
    assert.ok(!said.includes(secret.toLowerCase()), `the answer names "${secret}": ${said.slice(0, 600)}`);
  }
}

/** The one refusal: a notice card (chat) with the command's title, or a message to the clicker (card action). */
function assertRefused(result: TurnResult, request: Request, expected: string, noRole = false): void {
  if (request.kind === 'click') {
    assertMessageResponse(result, expected);
    assert.equal(result.replies.length, 0, 'no other reply');
    return;
  }
  assert.equal(result.invoke, undefined);
  assert.equal(result.replies.length, 1, `one reply, got ${result.replies.length}: ${result.replies.map((r) => r.text).join(' | ')}`);
  const card = cardIn(result.replies[0]);
  assert.ok(card, 'a notice card');
  assertCardsValid(result);
  const text = textOf(card);
  // A command without a refusal title of its own: identity refusals say "Nothing done", the missing role says so.
  const title = noRole && request.title === 'Nothing done' ? NO_ROLE_TITLE : request.title;
  assert.ok(text.includes(title), `titled "${title}": ${text}`);
  assert.ok(text.includes(expected), `says "${expected}": ${text}`);
}

// -------------------------------------------------------------------------------------------------

describe('who is asking: every command and card action refuses those the bot must not serve', () => {
  let t: TestBot;
  let move: MoveState;
  useContosoAtApproval((bot, atApproval) => { t = bot; move = atApproval; });

  for (const sender of SENDERS) {
    describe(sender.name, () => {
      for (const request of REQUESTS) {
        it(`${requestName(request)}: refused with "${sender.name}"'s message, no customer named, nothing changed`, async () => {
          sender.arrange?.(t);
          const before = await snapshot(t, move.moveId);
          const lookups = t.directory.roleLookups;
          const result = await send(t, sender, request, move);
          assertRefused(result, request, sender.refusal(request.kind === 'say' ? request.whoCan : undefined), sender.readsRoles);
          assertNamesNoCustomer(result, move.moveId);
          assert.deepEqual(await snapshot(t, move.moveId), before, 'nothing changed');
          if (!sender.readsRoles) assert.equal(t.directory.roleLookups, lookups, 'refused before the roles were read');
        });
      }

      const helpAnswered = sender.readsRoles;
      it(`says "help": ${helpAnswered ? 'the help card (anyone of the partner tenant may read it)' : 'refused like everything else'}`, async () => {
        sender.arrange?.(t);
        const before = await snapshot(t, move.moveId);
        const result = await send(t, sender, { kind: 'say', text: 'help', title: 'Nothing done' }, move);
        if (helpAnswered) {
          assert.equal(result.replies.length, 1);
          assertCardsValid(result);
          const text = textOf(cardIn(result.replies[0]));
          assert.match(text, /CSP Move Assistant: commands/);
          assert.ok(text.includes('You have no Partner Center role in this partner tenant.'), text);
        } else {
          assertRefused(result, { kind: 'say', text: 'help', title: 'Nothing done' }, sender.refusal(undefined));
        }
        assertNamesNoCustomer(result, move.moveId, { helpCard: helpAnswered });
        assert.deepEqual(await snapshot(t, move.moveId), before, 'nothing changed');
      });
    });
  }

  describe('the checks above can see a leak and a change', () => {
    it('Alex from the partner tenant gets the move named, and his approval places the order', async () => {
      const alex = { name: 'Alex', from: account(STAFF.alex), conversationTenant: PARTNER_TENANT, channelDataTenant: PARTNER_TENANT, refusal: fixed(''), readsRoles: true };
      for (const text of ['list', `status ${CONTOSO_DOMAIN}`]) {
        const said = JSON.stringify((await send(t, alex, { kind: 'say', text, title: '' }, move)).replies).toLowerCase();
        assert.ok(said.includes('contoso'), `"${text}" names the customer to staff`);
      }
      const before = await snapshot(t, move.moveId);
      assertCardResponse(await send(t, alex, { kind: 'click', verb: 'move.plan.approve', data: withPlan }, move));
      assert.notDeepEqual(await snapshot(t, move.moveId), before);
      assert.equal(t.partnerCenter.orderCount, 1);
    });
  });
});

describe('who is asking: one person, however Teams spells the object id', () => {
  let t: TestBot;
  beforeEach(() => { t = new TestBot(); });

  function approve(from: ChannelAccount, move: MoveState): Promise<TurnResult> {
    return t.invoke(from, t.personal(from), { action: { type: 'Action.Execute', id: 'btn', verb: 'move.plan.approve', data: withPlan(move) }, trigger: 'manual' });
  }

  async function assertFourEyes(from: ChannelAccount, move: MoveState): Promise<void> {
    const before = await snapshot(t, move.moveId);
    assertMessageResponse(await approve(from, move), /You proposed this plan, so .* other than you must approve it/);
    assert.deepEqual(await snapshot(t, move.moveId), before, 'nothing changed');
    assert.equal(t.orchestrator.get(move.moveId)!.stage, 'approval');
    assert.equal(t.partnerCenter.orderCount, 0, 'no order');
  }

  it('Alex proposed the plan: his id in braces and upper case is still Alex, and four-eyes refuses him', async () => {
    const move = await t.contosoAtApproval(STAFF.alex);
    assert.equal(move.proposer?.id, STAFF.alex.aadObjectId);
    for (const spelling of [`{${STAFF.alex.aadObjectId}}`.toUpperCase(), `{${STAFF.alex.aadObjectId}}`, ` ${STAFF.alex.aadObjectId} `, STAFF.alex.aadObjectId]) {
      await assertFourEyes(account(STAFF.alex, spelling), move);
    }
  });

  it('an id with hex letters: the proposer in upper case and braces is still refused by four-eyes', async () => {
    // The staff ids are all digits, so upper-casing them changes nothing; this one has letters.
    const chris = { id: '29:chris', name: 'Chris Green', aadObjectId: 'c0ffee00-abcd-4ef0-9abc-def012345678' };
    t.directory.roles.set(chris.aadObjectId, ['account-admin']);
    const started = await t.process(t.activity(chris, t.personal(chris), { type: 'message', text: `move ${CONTOSO_DOMAIN} US direct`, textFormat: 'plain' }));
    assert.ok(cardIn(started.replies[0]), 'the move card');
    const moveId = t.orchestrator.latestMoveFor(CONTOSO_DOMAIN)!.moveId;
    const move = await t.acceptAndSweep(moveId);
    assert.equal(move.stage, 'approval');
    assert.equal(move.proposer?.id, chris.aadObjectId);
    for (const spelling of [chris.aadObjectId.toUpperCase(), `{${chris.aadObjectId.toUpperCase()}}`, `{${chris.aadObjectId}}`]) {
      await assertFourEyes({ ...chris, aadObjectId: spelling }, move);
    }
  });

  it('Adele in braces and upper case is Adele: she may approve Megan\'s plan, once', async () => {
    const move = await t.contosoAtApproval(STAFF.megan);
    const result = await approve(account(STAFF.adele, `{${STAFF.adele.aadObjectId.toUpperCase()}}`), move);
    const after = t.orchestrator.get(move.moveId)!;
    assertCardResponse(result, after);
    assert.equal(t.partnerCenter.orderCount, 1);
    assert.equal(after.approval?.by.id, STAFF.adele.aadObjectId, 'recorded under her canonical id');
  });
});
