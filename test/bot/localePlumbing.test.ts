/**
 * Whose language a card is drawn in (docs/I18N.md, "Whose language"), through the real bot and TestAdapter: an answer
 * to one person — a command's reply, a click's answer, the refresh Teams asks for, the working card — is in their
 * Teams language and time zone; what is posted for everyone (the channel thread) is in DEFAULT_LOCALE in UTC; a plan
 * taken to an approver's personal chat is in the language the staff roster last saw them use.
 */
import assert from 'node:assert/strict';
import type { Activity, TurnContext } from 'botbuilder';
import { PeopleToAsk } from '../../bot/peopleToAsk';
import { StaffRoster, type RosterEntry } from '../../bot/staffRoster';
import { cardOptionsFor } from '../../bot/viewerCardOptions';
import { statedLocale } from '../../bot/viewerLocale';
import { DEFAULT_APPROVAL_POLICY } from '../../move/policy';
import type { StaffDirectory } from '../../move/ports';
import { CHANNEL_ID, TEAM_ID, TestBot, assertCardsValid, cardIn, textOf, type TurnResult } from './buildTestBot';
import { CONTOSO_DOMAIN, CONTOSO_TENANT, InMemoryKeyValueStore, PARTNER_TENANT, STAFF, type StaffMember } from './fakes';

const HANGUL = /[\p{Script=Hangul}]/u;
const KOREAN = { locale: 'ko-KR', localTimezone: 'Asia/Seoul' } as Partial<Activity>;
const ENGLISH = { locale: 'en-US', localTimezone: 'America/Los_Angeles' } as Partial<Activity>;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A click on a card with the asker's locale fields, as Teams sends them on the invoke. */
function clickAs(t: TestBot, user: StaffMember, verb: string, data: unknown, extra: Partial<Activity>): Promise<TurnResult> {
  return t.process(t.activity(t.from(user), t.personal(user), { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' }, ...extra }));
}

function answerText(result: TurnResult): string {
  assert.equal(result.invoke?.status, 200);
  const body = result.invoke?.body as { type?: string; value?: unknown };
  assert.equal(body.type, 'application/vnd.microsoft.card.adaptive', 'a card answer');
  return textOf(body.value);
}

function cardTexts(result: TurnResult): string {
  assertCardsValid(result);
  return result.replies.map((reply) => textOf(cardIn(reply) ?? reply.text ?? '')).join('\n');
}

async function useChannel(t: TestBot): Promise<void> {
  await t.registry.setNotificationChannel({
    reference: { conversation: { id: CHANNEL_ID, conversationType: 'channel', isGroup: true, tenantId: PARTNER_TENANT, name: '' }, serviceUrl: 'https://smba.trafficmanager.net/amer/', channelId: 'msteams' },
    channelId: CHANNEL_ID, teamId: TEAM_ID, chosenBy: 'Alex Wilber', chosenAt: t.clock.now().toISOString(),
  });
}

describe('bot: cards in the reader\'s language', () => {
  it('a click\'s answer and the refresh Teams asks for are in the clicker\'s language; the same card stays English for an English user', async () => {
    const t = new TestBot();
    const move = await t.contosoAtApproval(STAFF.megan);
    const korean = answerText(await clickAs(t, STAFF.adele, 'move.refresh', { moveId: move.moveId, version: move.version }, KOREAN));
    const english = answerText(await clickAs(t, STAFF.adele, 'move.refresh', { moveId: move.moveId, version: move.version }, ENGLISH));
    assert.match(korean, HANGUL, 'the converted parts of the move card are Korean');
    assert.doesNotMatch(korean, /Waiting for approval/);
    assert.match(english, /Waiting for approval/);
    assert.doesNotMatch(english, HANGUL);
    // An out-of-date card (another version) is answered with today's card, in the clicker's language too.
    assert.match(answerText(await clickAs(t, STAFF.adele, 'move.plan.approve', { moveId: move.moveId, version: move.version - 1 }, KOREAN)), HANGUL);
    assert.deepEqual(t.turnErrors, []);
  });

  it('a command\'s card reply is in the asker\'s language', async () => {
    const t = new TestBot();
    await t.contosoAtApproval(STAFF.megan);
    const korean = cardTexts(await t.say(STAFF.alex, `status ${CONTOSO_DOMAIN}`, undefined, KOREAN));
    const english = cardTexts(await t.say(STAFF.alex, `status ${CONTOSO_DOMAIN}`, undefined, ENGLISH));
    assert.match(korean, HANGUL);
    assert.doesNotMatch(english, HANGUL);
    assert.match(english, /Waiting for approval/);
    assert.deepEqual(t.turnErrors, []);
  });

  it('the card options of an answer: the asker\'s language and time zone, DEFAULT_LOCALE for a language the bot lacks', () => {
    const configured = { approvalPolicy: DEFAULT_APPROVAL_POLICY, locale: 'ko' as const };
    const turn = (activity: Partial<Activity>) => ({ activity: activity as Activity });
    const viewer = { id: STAFF.adele.aadObjectId, name: 'Adele Vance', roles: STAFF.adele.roles };
    assert.deepEqual(cardOptionsFor(configured, turn(KOREAN), viewer), { ...configured, viewer, locale: 'ko', timeZone: 'Asia/Seoul' });
    assert.deepEqual(cardOptionsFor(configured, turn({ locale: 'en-GB' })), { ...configured, locale: 'en', timeZone: 'UTC' });
    assert.deepEqual(cardOptionsFor(configured, turn({ locale: 'fr-FR', localTimezone: 'Mars/Olympus' })), { ...configured, locale: 'ko', timeZone: 'UTC' });
  });

  it('the working card is drawn in its asker\'s language and time zone, and kept so for its redraws', async () => {
    const t = new TestBot({ replyBudgetMs: 5 });
    let openGate!: () => void;
    const waiting = new Promise<void>((resolve) => { openGate = resolve; });
    const real = t.partnerCenter.resellerInvitationLink.bind(t.partnerCenter);
    t.partnerCenter.resellerInvitationLink = async (ctx) => { await waiting; return real(ctx); };
    await t.say(STAFF.megan, `move ${CONTOSO_DOMAIN} US direct`, undefined, KOREAN);
    const [started] = t.orchestrator.all();
    const working = (await t.registry.getPosted(started.moveId)).filter((p) => p.kind === 'working');
    assert.equal(working.length, 1, 'a working card');
    assert.deepEqual(working[0].drawnIn, { locale: 'ko', timeZone: 'Asia/Seoul' });
    openGate();
    for (let i = 0; i < 2_000 && t.orchestrator.get(started.moveId)?.stage !== 'awaiting-acceptance'; i += 1) await new Promise((resolve) => setImmediate(resolve));
    await t.outbox.idle();
    assert.deepEqual((await t.registry.getPosted(started.moveId)).filter((p) => p.kind === 'working'), [], 'answered in place');
    assert.deepEqual(t.turnErrors, []);
  });
});

describe('bot: posts for everyone in DEFAULT_LOCALE', () => {
  async function threadRootText(t: TestBot): Promise<string> {
    await useChannel(t);
    await t.contosoAtApproval(STAFF.megan);
    const roots = t.poster.posts.filter((p) => p.op === 'startThread' || (p.op === 'update' && p.conversationId.startsWith(CHANNEL_ID)));
    assert.ok(roots.length > 0, 'the move\'s thread in the channel');
    return textOf(cardIn(roots[roots.length - 1].activity));
  }

  it('the channel thread stays English for a Korean starter when DEFAULT_LOCALE is en', async () => {
    const t = new TestBot();
    const moveId = await (async () => {
      await useChannel(t);
      const form = t.startForm();
      await clickAs(t, STAFF.megan, 'move.start', form, KOREAN);
      t.partnerCenter.accept(CONTOSO_TENANT, CONTOSO_DOMAIN, 'Contoso Ltd');
      await t.sweep();
      return form.moveId as string;
    })();
    assert.equal(t.orchestrator.get(moveId)?.stage, 'approval');
    const channel = t.poster.posts.filter((p) => p.conversationId.startsWith(CHANNEL_ID) && cardIn(p.activity));
    assert.ok(channel.length > 0);
    for (const post of channel) assert.doesNotMatch(textOf(cardIn(post.activity)), HANGUL, `${post.op}: English`);
    assert.match(textOf(cardIn(channel[channel.length - 1].activity)), /Waiting for approval/);
    assert.deepEqual(t.turnErrors, []);
  });

  it('the channel thread is Korean when DEFAULT_LOCALE is ko', async () => {
    const korean = new TestBot({ defaultLocale: 'ko' });
    assert.match(await threadRootText(korean), HANGUL);
    assert.deepEqual(korean.turnErrors, []);
    assert.doesNotMatch(await threadRootText(new TestBot()), HANGUL);
  });
});

describe('bot: the staff roster keeps each person\'s language', () => {
  const ADELE_ID = '00000000-0000-0000-0000-000000000022';
  function context(activity: Partial<Activity>): TurnContext {
    return { activity: { from: { id: '29:adele', name: 'Adele Vance', aadObjectId: ADELE_ID }, conversation: { id: 'a:adele', conversationType: 'personal' }, ...activity } } as unknown as TurnContext;
  }

  it('records locale and time zone from the activity, keeps them when a later one states none', async () => {
    const roster = new StaffRoster(new InMemoryKeyValueStore());
    await roster.remember(context(KOREAN), { conversation: { id: 'a:adele' } as never });
    assert.deepEqual(pick(await roster.get(ADELE_ID)), { locale: 'ko', timeZone: 'Asia/Seoul' });
    await roster.remember(context({ name: 'x' } as Partial<Activity>), { conversation: { id: 'a:adele' } as never });
    assert.deepEqual(pick(await roster.get(ADELE_ID)), { locale: 'ko', timeZone: 'Asia/Seoul' }, 'an activity without them changes nothing');
    await roster.remember(context({ entities: [{ type: 'clientInfo', locale: 'en-GB', timezone: 'Europe/London' }] }), { conversation: { id: 'a:adele' } as never });
    assert.deepEqual(pick(await roster.get(ADELE_ID)), { locale: 'en', timeZone: 'Europe/London' }, 'Teams\' clientInfo entity counts too');
  });

  it('states nothing for a language the bot lacks or an unknown zone', () => {
    assert.deepEqual(statedLocale({ activity: { locale: 'fr-FR', localTimezone: 'Nowhere/Land' } as Activity }), { locale: null, timeZone: null });
    assert.deepEqual(statedLocale({ activity: { locale: 'ko', localTimezone: 'asia/seoul' } as Activity }), { locale: 'ko', timeZone: 'Asia/Seoul' });
  });

  it('a plan taken to an approver\'s personal chat is in their language; the channel copy stays English', async () => {
    const store = new InMemoryKeyValueStore();
    const roster = new StaffRoster(store);
    const adelesChat = { conversation: { id: 'a:personal-adele', conversationType: 'personal', tenantId: PARTNER_TENANT }, serviceUrl: 'https://smba.trafficmanager.net/amer/', channelId: 'msteams' };
    const adele: RosterEntry = { id: STAFF.adele.aadObjectId, mri: STAFF.adele.id, name: 'Adele Vance', personal: adelesChat as never, locale: 'ko', timeZone: 'Asia/Seoul' };
    await store.put(`staff/${adele.id}`, adele);
    const directory: StaffDirectory = { staffWith: async () => [{ id: STAFF.adele.aadObjectId, name: 'Adele Vance', roles: ['billing-agent'] }] };
    const t = new TestBot({ people: new PeopleToAsk(directory, roster, quiet) });
    await useChannel(t);
    await t.contosoAtApproval(STAFF.megan);
    const toAdele = t.poster.to('a:personal-adele').filter((p) => cardIn(p.activity));
    assert.equal(toAdele.length, 1, 'the plan, in Adele\'s chat');
    assert.match(textOf(cardIn(toAdele[0].activity)), HANGUL);
    const kept = (await t.registry.getPosted(t.orchestrator.all()[0].moveId)).find((p) => p.reference.conversation?.id === 'a:personal-adele');
    assert.deepEqual(kept?.drawnIn, { locale: 'ko', timeZone: 'Asia/Seoul' }, 'kept, so its redraw after the decision is Korean too');
    const channel = t.poster.posts.filter((p) => p.conversationId.startsWith(CHANNEL_ID) && cardIn(p.activity));
    assert.ok(channel.length > 0);
    for (const post of channel) assert.doesNotMatch(textOf(cardIn(post.activity)), HANGUL);
    assert.deepEqual(t.turnErrors, []);
  });

  it('a personal chat following the move hears in its person\'s language when the roster knows it; otherwise DEFAULT_LOCALE', async () => {
    const store = new InMemoryKeyValueStore();
    const megan: RosterEntry = { id: STAFF.megan.aadObjectId, mri: STAFF.megan.id, name: 'Megan Bowen', personal: null, locale: 'ko', timeZone: 'Asia/Seoul' };
    await store.put(`staff/${megan.id}`, megan);
    const people = new PeopleToAsk({ staffWith: async () => [] }, new StaffRoster(store), quiet);
    const korean = new TestBot({ people });
    await korean.contosoAtApproval(STAFF.megan);
    const toMegan = korean.poster.to(korean.personal(STAFF.megan).id).filter((p) => cardIn(p.activity));
    assert.ok(toMegan.length > 0, 'the milestones in Megan\'s chat');
    assert.match(textOf(cardIn(toMegan[toMegan.length - 1].activity)), HANGUL);

    const unknown = new TestBot({ people: new PeopleToAsk({ staffWith: async () => [] }, new StaffRoster(new InMemoryKeyValueStore()), quiet) });
    await unknown.contosoAtApproval(STAFF.megan);
    const english = unknown.poster.to(unknown.personal(STAFF.megan).id).filter((p) => cardIn(p.activity));
    assert.ok(english.length > 0);
    for (const post of english) assert.doesNotMatch(textOf(cardIn(post.activity)), HANGUL);
    assert.deepEqual([...korean.turnErrors, ...unknown.turnErrors], []);
  });
});

function pick(entry: RosterEntry | undefined): { locale: unknown; timeZone: unknown } {
  return { locale: entry?.locale, timeZone: entry?.timeZone };
}
