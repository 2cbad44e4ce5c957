/**
 * The dashboard through the real bot (TestAdapter): `list`, `list mine`, `list waiting`, `list blocked` for Adele
 * (billing agent) and Megan (sales agent), the filter buttons (`move.list.filter`) redrawing it for whoever pressed
 * them, the Open buttons (`move.open`) answering with the move's card, people without a role refused, and a listing
 * over 2,000 moves that reads no event history.
 */
import assert from 'node:assert/strict';
import { UNKNOWN_FILTER } from '../../bot/commands/listCommand';
import type { MoveEvent } from '../../move/events';
import type { MoveState } from '../../move/state';
import { BLOCKED_EVENTS, CANCELLED_EVENTS, CONTOSO_EVENTS, contosoUntil } from '../cards/fixtures';
import {
  TestBot, assertCardResponse, assertCardsValid, assertMessageResponse, cardIn, findAction, textOf, type TurnResult,
} from './buildTestBot';
import { CONTOSO_DOMAIN, FABRIKAM_DOMAIN, STAFF } from './fakes';

type Card = Record<string, any>;

/** What the bot said in the conversation (not the typing indicator). */
function said(result: TurnResult): TurnResult['replies'] {
  return result.replies.filter((r) => r.type !== 'typing');
}

function onlyCard(result: TurnResult): Card {
  const replies = said(result);
  assert.equal(replies.length, 1, `one reply, got ${replies.length}: ${replies.map((r) => r.text).join(' | ')}`);
  const card = cardIn(replies[0]);
  assert.ok(card, 'an Adaptive Card reply');
  assertCardsValid(result);
  return card;
}

/** Every Action.Execute of a verb in the card, in order. */
function actions(card: unknown, verb: string): Array<{ title: string; style?: string; data: Record<string, unknown> }> {
  const found: Array<{ title: string; style?: string; data: Record<string, unknown> }> = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute' && o.verb === verb) found.push(o as never);
      Object.values(o).forEach(visit);
    }
  };
  visit(card);
  return found;
}

const opened = (card: unknown): string[] => actions(card, 'move.open').map((a) => String(a.data.moveId));
/** The filter buttons ("*" marks the one shown); the card's refresh action has the verb too, but no title. */
const filterTitles = (card: unknown): string[] => actions(card, 'move.list.filter').filter((a) => a.title)
  .map((a) => `${a.title}${a.style === 'positive' ? ' *' : ''}`);

describe('the dashboard (list) in the bot', () => {
  let t: TestBot;
  let contoso: MoveState;
  let fabrikam: MoveState;

  beforeEach(async () => {
    t = new TestBot();
    contoso = await t.contosoAtApproval(STAFF.megan);
    await t.say(STAFF.alex, `move ${FABRIKAM_DOMAIN} US`);
    fabrikam = t.orchestrator.all().find((m) => m.customerDomain === FABRIKAM_DOMAIN)!;
    assert.equal(fabrikam.stage, 'awaiting-acceptance');
    t.clock.advance(3 * 86_400_000);
  });

  afterEach(function () {
    if (this.currentTest?.state === 'passed') assert.deepEqual(t.turnErrors, [], 'no turn crashed');
  });

  it('`list` shows every move for the person asking, with their counts on the filter buttons', async () => {
    const adele = onlyCard(await t.say(STAFF.adele, 'list'));
    assert.deepEqual(opened(adele).sort(), [contoso.moveId, fabrikam.moveId].sort());
    assert.deepEqual(filterTitles(adele), ['All (2) *', 'Mine (0)', 'Waiting on me (1)', 'Blocked (0)']);
    const text = textOf(adele);
    assert.match(text, /1 move waits on you: press Waiting on me\./);
    assert.ok(text.includes('For 3 days: waiting on an Account admin or a Billing agent other than Megan Bowen'), text);
    assert.ok(text.includes(`For 3 days: waiting on the customer's Global Admin (send them the invitation message)`));
    assert.deepEqual(adele.refresh, { action: { type: 'Action.Execute', verb: 'move.list.filter', data: { filter: 'all' } }, userIds: [] });

    const megan = onlyCard(await t.say(STAFF.megan, 'list all'));
    assert.deepEqual(filterTitles(megan), ['All (2) *', 'Mine (1)', 'Waiting on me (0)', 'Blocked (0)']);
    // `status` without a customer shows the same dashboard.
    assert.deepEqual(filterTitles(onlyCard(await t.say(STAFF.megan, 'status'))), filterTitles(megan));
  });

  it('`list waiting`: the plan waits on Adele (billing agent), not on Megan (sales agent, and its proposer)', async () => {
    const adele = onlyCard(await t.say(STAFF.adele, 'list waiting'));
    assert.deepEqual(opened(adele), [contoso.moveId]);
    assert.match(textOf(adele), /Moves waiting on you/);
    assert.deepEqual(filterTitles(adele), ['All (2)', 'Mine (0)', 'Waiting on me (1) *', 'Blocked (0)']);

    const megan = onlyCard(await t.say(STAFF.megan, 'list waiting'));
    assert.deepEqual(opened(megan), []);
    assert.match(textOf(megan), /Nothing is waiting on you\./);
  });

  it('`list mine`: the moves each person started or acted on', async () => {
    assert.deepEqual(opened(onlyCard(await t.say(STAFF.megan, 'list mine'))), [contoso.moveId]);
    assert.deepEqual(opened(onlyCard(await t.say(STAFF.alex, 'list mine'))), [fabrikam.moveId]);
    const adele = onlyCard(await t.say(STAFF.adele, 'list mine'));
    assert.deepEqual(opened(adele), []);
    assert.match(textOf(adele), /You have not started or acted on any move that is still running\./);
    // Once Adele approved the plan, the move is hers too.
    const approve = findAction(cardIn(said(await t.say(STAFF.adele, `status ${CONTOSO_DOMAIN}`))[1]), 'move.plan.approve')!;
    assertCardResponse(await t.click(STAFF.adele, 'move.plan.approve', approve.data));
    assert.deepEqual(opened(onlyCard(await t.say(STAFF.adele, 'list mine'))), [contoso.moveId]);
  });

  it('`list blocked` lists only blocked moves; a word that names no filter gets the filters explained', async () => {
    assert.match(textOf(onlyCard(await t.say(STAFF.megan, 'list blocked'))), /No move is blocked\./);
    const reply = said(await t.say(STAFF.megan, 'list yesterday'));
    assert.equal(reply.length, 1);
    assert.equal(reply[0].text, UNKNOWN_FILTER);
  });

  it('a filter button redraws the dashboard in place for whoever pressed it', async () => {
    const list = onlyCard(await t.say(STAFF.adele, 'list'));
    const waiting = actions(list, 'move.list.filter').find((a) => a.data.filter === 'waiting')!;
    const forAdele = assertCardResponse(await t.click(STAFF.adele, 'move.list.filter', waiting.data));
    assert.deepEqual(opened(forAdele), [contoso.moveId]);
    assert.deepEqual(forAdele.refresh.action.data, { filter: 'waiting' });
    // The same button pressed by Megan (say, in a channel both read): her own view.
    const forMegan = assertCardResponse(await t.click(STAFF.megan, 'move.list.filter', waiting.data));
    assert.deepEqual(opened(forMegan), []);
    // A filter the bot does not know shows all; data of the wrong type is refused naming the field.
    assert.equal(opened(assertCardResponse(await t.click(STAFF.megan, 'move.list.filter', { filter: 'everything-else' }))).length, 2);
    const bad = await t.click(STAFF.megan, 'move.list.filter', { filter: ['waiting'] });
    assert.equal(bad.invoke?.status, 400);
  });

  it('an Open button answers with the move\'s current card, drawn for the person who pressed it', async () => {
    const list = onlyCard(await t.say(STAFF.adele, 'list'));
    const open = actions(list, 'move.open').find((a) => a.data.moveId === contoso.moveId)!;
    const plan = assertCardResponse(await t.click(STAFF.adele, 'move.open', open.data), t.orchestrator.get(contoso.moveId));
    const approve = findAction(plan, 'move.plan.approve');
    assert.ok(approve, 'Adele may approve: the button is there');
    assert.ok(!findAction(assertCardResponse(await t.click(STAFF.megan, 'move.open', open.data)), 'move.plan.approve'), 'not for Megan');
    // Opened from the dashboard, the card works as any plan card.
    assertCardResponse(await t.click(STAFF.adele, 'move.plan.approve', approve.data));
    assert.equal(t.store.count('PlanApproved'), 1);

    assertMessageResponse(await t.click(STAFF.adele, 'move.open', { moveId: 'mv-0000-unknown' }), /^This card belongs to a move that does not exist here any more\./);
  });

  it('refuses people without a Partner Center role, naming no customer', async () => {
    for (const text of ['list', 'list mine', 'list waiting', 'list blocked']) {
      const refusal = textOf(onlyCard(await t.say(STAFF.isaiah, text)));
      assert.match(refusal, /You have no Partner Center role, so you cannot see or change moves/);
      assert.doesNotMatch(refusal, /contoso|fabrikam/i);
    }
    for (const [verb, data] of [['move.list.filter', { filter: 'all' }], ['move.open', { moveId: contoso.moveId }]] as const) {
      const answer = assertMessageResponse(await t.click(STAFF.isaiah, verb, data), /You have no Partner Center role/);
      assert.doesNotMatch(answer, /contoso|fabrikam/i);
    }
  });
});

describe('the dashboard over 2,000 moves', () => {
  it('lists from the moves\' states: no event history is read, and the card stays under Teams\' limit', async () => {
    const t = new TestBot();
    const kinds: ReadonlyArray<readonly MoveEvent[]> = [contosoUntil('InvitationIssued'), contosoUntil('PlanProposed'), BLOCKED_EVENTS, CANCELLED_EVENTS, CONTOSO_EVENTS];
    for (let i = 0; i < 2_000; i++) {
      const moveId = `mv-load-${String(i).padStart(5, '0')}`;
      const events = kinds[i % kinds.length].map((e) => (e.type === 'MoveStarted' ? { ...e, moveId, customerDomain: `customer-${i}.com` } : e));
      await t.store.append(moveId, 0, events);
    }
    assert.equal(await t.orchestrator.restore(), 2_000);

    const reads = { load: 0, listMoveIds: 0 };
    const { load, listMoveIds } = t.store;
    t.store.load = async (moveId) => { reads.load += 1; return load.call(t.store, moveId); };
    t.store.listMoveIds = async () => { reads.listMoveIds += 1; return listMoveIds.call(t.store); };

    for (const [who, text] of [[STAFF.adele, 'list'], [STAFF.adele, 'list waiting'], [STAFF.megan, 'list mine'], [STAFF.alex, 'list blocked']] as const) {
      const card = onlyCard(await t.say(who, text));
      assert.ok(Buffer.byteLength(JSON.stringify(card)) < 24_000, `${text}: ${Buffer.byteLength(JSON.stringify(card))} bytes`);
      assert.ok(opened(card).length <= 35);
    }
    const clicked = assertCardResponse(await t.click(STAFF.adele, 'move.list.filter', { filter: 'waiting' }));
    assert.equal(opened(clicked).length, 30);
    assert.match(textOf(clicked), /Waiting on me \(400\)/);
    assert.deepEqual(reads, { load: 0, listMoveIds: 0 }, 'no event history was read');
  });
});
