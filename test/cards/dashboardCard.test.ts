/**
 * The dashboard card (`list`): moves grouped by stage under the compact header's badges, counts per stage, how long
 * and on whom each move waits, the filters for one person, finished moves behind a toggle, the cap, and a card that
 * stays valid and under Teams' size limit with 2,000 moves in the store.
 */
import assert from 'node:assert/strict';
import { dashboardCard, filterListContract } from '../../cards/dashboardCard';
import { relativeTime, shareRows } from '../../cards/dashboardView';
import type { MoveEvent } from '../../move/events';
import type { Actor } from '../../move/model';
import { LIST_FILTERS, type ListFilter } from '../../move/moveListing';
import { replay, type MoveState } from '../../move/state';
import { executeActions, sdkProblems, shownAtFirst, visibleText, walk } from './cardAssertions';
import {
  ADELE, ALEX, BLOCKED_EVENTS, CANCELLED_EVENTS, CONTOSO_EVENTS, HOSTILE, MEGAN, OPTIONS, contosoUntil,
} from './fixtures';
import { noEquivalentEvents } from './fabrikamFixtures';

const NOW = new Date('2025-06-01T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The history shifted so its last event (here: the entry into its stage) is at `enteredMs`, as move `n` of customer `domain`. */
function moveFrom(events: readonly MoveEvent[], n: number, enteredMs: number, domain = `customer-${n}.com`): MoveState {
  const last = Date.parse(events[events.length - 1].at);
  const moveId = `mv-dash-${String(n).padStart(5, '0')}`;
  return replay(moveId, events.map((e) => ({
    ...e,
    at: new Date(enteredMs + Date.parse(e.at) - last).toISOString(),
    ...(e.type === 'MoveStarted' ? { moveId, customerDomain: domain } : {}),
  }) as MoveEvent));
}

const AWAITING = contosoUntil('InvitationIssued');
const APPROVAL = contosoUntil('PlanProposed');
const ORDERING = contosoUntil('CartCreated');
const KINDS: ReadonlyArray<readonly MoveEvent[]> = [AWAITING, APPROVAL, BLOCKED_EVENTS, CANCELLED_EVENTS, CONTOSO_EVENTS, ORDERING, noEquivalentEvents()];

/** `count` moves of every kind in turn, move i in its stage since i+1 hours before now. */
function manyMoves(count: number): MoveState[] {
  return Array.from({ length: count }, (_, i) => moveFrom(KINDS[i % KINDS.length], i, NOW.getTime() - (i + 1) * HOUR));
}

function draw(moves: readonly MoveState[], viewer: Actor = ADELE, filter: ListFilter = 'all') {
  return dashboardCard({ moves, filter, viewer, now: NOW }, OPTIONS);
}

/** Every dashboard must pass: SDK-valid 1.5, fully expanded, under 24,000 bytes, well-formed Open and filter actions. */
function assertValidDashboard(card: unknown): void {
  assert.deepEqual(sdkProblems(card), [], 'the adaptivecards SDK reports problems');
  const text = JSON.stringify(card);
  assert.equal((card as { version: string }).version, '1.5');
  assert.doesNotMatch(text, /\$\{/, 'an unexpanded ${...} binding is left');
  assert.doesNotMatch(text, /"\$(data|when)"/, 'a template directive is left');
  assert.ok(Buffer.byteLength(text) < 24_000, `card is ${Buffer.byteLength(text)} bytes`);
  for (const action of executeActions(card)) {
    if (action.verb === 'move.open') {
      assert.deepEqual(Object.keys(action.data), ['moveId']);
      assert.match(String(action.data.moveId), /^mv-/);
    } else {
      assert.equal(action.verb, 'move.list.filter');
      assert.ok(LIST_FILTERS.includes(action.data.filter as ListFilter), `filter ${String(action.data.filter)}`);
    }
  }
}

/** The move ids behind the Open buttons, in the order drawn. */
function openedIds(card: unknown): string[] {
  return executeActions(card).filter((a) => a.verb === 'move.open').map((a) => String(a.data.moveId));
}

/** The stage badges of the groups, in order (a group's header is a ColumnSet whose first column has a style). */
function groupBadges(card: { body: unknown[] }): string[] {
  return card.body.filter((item) => (item as { type: string; separator?: boolean }).separator === true).map((group) => {
    const header = (group as { items: Array<{ columns: Array<{ items: Array<{ text: string }> }> }> }).items[0];
    return header.columns[0].items[0].text;
  });
}

function facts(card: unknown): Array<{ title: string; value: string }> {
  const found: Array<{ title: string; value: string }> = [];
  walk(card, (o) => { if (o.type === 'FactSet') found.push(...(o.facts as Array<{ title: string; value: string }>)); });
  return found;
}

describe('dashboard card (list)', () => {
  it('groups the running moves by stage under the compact header\'s badges, blocked first, with counts per stage at the top', () => {
    const moves = manyMoves(14);
    const card = draw(moves);
    assertValidDashboard(card);
    assert.deepEqual(groupBadges(card), ['Blocked', 'Invitation sent', 'Waiting for approval', 'Provisioning']);
    assert.deepEqual(facts(card), [
      { title: 'Blocked', value: '4' }, { title: 'Invitation sent', value: '2' }, { title: 'Waiting for approval', value: '2' }, { title: 'Provisioning', value: '2' },
    ]);
    const styles: string[] = [];
    walk(card, (o) => { if (o.type === 'Column' && typeof o.style === 'string') styles.push(o.style); });
    assert.deepEqual(styles.slice(0, 4), ['attention', 'warning', 'warning', 'accent'], 'the badge colours of the compact header');
    assert.match(visibleText(card), /10 running moves, longest wait first\./);
  });

  it('puts the longest wait first in each group, and says how long and on whom each move waits', () => {
    const moves = [
      moveFrom(APPROVAL, 1, NOW.getTime() - 2 * HOUR, 'recent.com'),
      moveFrom(APPROVAL, 2, NOW.getTime() - 3 * DAY, 'waited.com'),
      moveFrom(AWAITING, 3, NOW.getTime() - 30 * 60_000, 'fresh.com'),
    ];
    const card = draw(moves);
    assertValidDashboard(card);
    assert.deepEqual(openedIds(card), ['mv-dash-00003', 'mv-dash-00002', 'mv-dash-00001']);
    const text = visibleText(card);
    assert.ok(text.includes('Contoso Ltd (waited.com)'), 'the customer as the header names it');
    assert.ok(text.includes('For 3 days: waiting on an Account admin or a Billing agent other than Megan Bowen'), text);
    assert.ok(text.includes('For 2 hours: waiting on an Account admin or a Billing agent other than Megan Bowen'));
    assert.ok(text.includes('For under an hour: waiting on the customer\'s Global Admin (send them the invitation message)'));
  });

  it('keeps per filter what each person may see: Adele (billing agent) and Megan (sales agent) differ on "waiting on me"', () => {
    const moves = manyMoves(14);
    const approvals = moves.filter((m) => m.stage === 'approval').map((m) => m.moveId);
    const noOffer = moves.filter((m) => m.blocked?.reason.code === 'plan-has-no-offer').map((m) => m.moveId);
    assert.ok(approvals.length > 0 && noOffer.length > 0);

    const adeleWaiting = draw(moves, ADELE, 'waiting');
    assertValidDashboard(adeleWaiting);
    assert.deepEqual(openedIds(adeleWaiting).sort(), approvals.sort());
    assert.match(visibleText(adeleWaiting), /^Moves waiting on you$/m);

    const meganWaiting = draw(moves, MEGAN, 'waiting');
    assert.deepEqual(openedIds(meganWaiting), [], 'nothing waits on a sales agent here');
    assert.match(visibleText(meganWaiting), /Nothing is waiting on you\./);

    const alexWaiting = draw(moves, ALEX, 'waiting');
    assert.deepEqual(openedIds(alexWaiting).sort(), [...approvals, ...noOffer].sort(), 'an Account admin approves and picks offers');

    // Megan started every move (the fixtures' starter); Adele acted only on the moves whose plan she approved.
    assert.equal(openedIds(shownAtFirst(draw(moves, MEGAN, 'mine'))).length, 10);
    const adeleMine = draw(moves, ADELE, 'mine');
    const idsAt = (stage: string) => moves.filter((m) => m.stage === stage).map((m) => m.moveId).sort();
    assert.deepEqual(openedIds(shownAtFirst(adeleMine)).sort(), idsAt('provisioning'));
    assert.deepEqual(openedIds(adeleMine).slice(2).sort(), idsAt('done'), 'the finished ones behind the toggle');

    const blocked = draw(moves, MEGAN, 'blocked');
    assert.deepEqual(groupBadges(blocked), ['Blocked']);
    assert.equal(openedIds(blocked).length, 4);
  });

  it('offers every filter with its count, marks the one shown, and refreshes under the same filter', () => {
    const card = draw(manyMoves(14), ADELE, 'blocked');
    const filters = executeActions(card).filter((a) => a.verb === 'move.list.filter' && a.title);
    assert.deepEqual(filters.map((a) => [a.title, a.data.filter, a.style]), [
      ['All (14)', 'all', 'default'], ['Mine (4)', 'mine', 'default'], ['Waiting on me (2)', 'waiting', 'default'], ['Blocked (4)', 'blocked', 'positive'],
    ]);
    assert.deepEqual((card as { refresh: unknown }).refresh, { action: { type: 'Action.Execute', verb: 'move.list.filter', data: { filter: 'blocked' } }, userIds: [] });
    assert.match(visibleText(card), /2 moves wait on you: press Waiting on me\./, 'the decision first');
    assert.doesNotMatch(visibleText(draw(manyMoves(14), ADELE, 'waiting')), /wait on you: press/);
  });

  it('keeps finished and cancelled moves behind a toggle, latest first', () => {
    const moves = manyMoves(14);
    const card = draw(moves);
    const finishedIds = moves.filter((m) => m.stage === 'done' || m.stage === 'cancelled').sort((a, b) => b.stageSince!.localeCompare(a.stageSince!)).map((m) => m.moveId);
    const shown = openedIds(shownAtFirst(card));
    for (const id of finishedIds) assert.ok(!shown.includes(id), `${id} is hidden at first`);
    assert.deepEqual(openedIds(card).slice(-finishedIds.length), finishedIds);
    const toggles: Array<Record<string, unknown>> = [];
    walk(card, (o) => { if (o.type === 'Action.ToggleVisibility') toggles.push(o); });
    assert.equal(toggles.length, 1);
    assert.equal(toggles[0].title, 'Show finished moves (4)');
    let target: Record<string, unknown> | undefined;
    walk(card, (o) => { if (o.id === (toggles[0].targetElements as string[])[0]) target = o; });
    assert.equal(target?.isVisible, false);
    const finishedText = visibleText(target);
    assert.match(finishedText, /Cancelled/);
    assert.match(finishedText, /Done/);
    assert.match(finishedText, / ago/);
  });

  it('draws at most 30 running moves, every stage with its longest waits, and says how many more and how to narrow', () => {
    const moves = manyMoves(140);
    const card = draw(moves);
    assertValidDashboard(card);
    const running = openedIds(shownAtFirst(card));
    assert.equal(running.length, 30);
    assert.deepEqual(groupBadges(card), ['Blocked', 'Invitation sent', 'Waiting for approval', 'Provisioning']);
    // 40 blocked, 20 of each other stage: each group gets its share in turn, its longest waits first.
    const oldestApproval = moves.filter((m) => m.stage === 'approval').at(-1)!.moveId;
    assert.ok(running.includes(oldestApproval), 'the longest-waiting approval is shown');
    assert.match(visibleText(card), /And 70 more: narrow the list with a filter\./);
    assert.match(visibleText(card), /40 moves, 8 shown/);
    assert.equal(openedIds(card).length - running.length, 5, 'at most 5 finished moves behind the toggle');
    assert.match(visibleText(card), /And 35 more finished\./);
  });

  it('stays valid and under Teams\' limit with 2,000 moves in the store', () => {
    const moves = manyMoves(2_000);
    for (const viewer of [ADELE, MEGAN, ALEX]) {
      for (const filter of LIST_FILTERS) {
        const card = draw(moves, viewer, filter);
        assertValidDashboard(card);
        assert.ok(openedIds(shownAtFirst(card)).length <= 30);
      }
    }
    assert.match(visibleText(draw(moves)), /All \(2000\)/);
  });

  it('draws fewer moves rather than break the limit when names are long and hostile, and never as markdown', () => {
    const hostile = KINDS.map((events) => events.map((e) => (e.type === 'RelationshipAccepted' ? { ...e, companyName: HOSTILE } : e)) as MoveEvent[]);
    const moves = Array.from({ length: 300 }, (_, i) => moveFrom(hostile[i % hostile.length], i, NOW.getTime() - (i + 1) * HOUR));
    const card = draw(moves);
    assertValidDashboard(card);
    assert.ok(openedIds(shownAtFirst(card)).length < 30, 'fewer rows fit');
    assert.ok(openedIds(shownAtFirst(card)).length >= 6);
    walk(card, (o) => {
      if (o.type === 'TextBlock') assert.doesNotMatch(String(o.text), /click me|<script>/, 'untrusted text only in TextRuns');
    });
    assert.doesNotMatch(JSON.stringify(card), /\u202E/);
  });

  it('says so when nothing is listed, per filter', () => {
    assert.match(visibleText(draw([])), /No moves are running\. Start one by saying move and the customer's domain, e\.g\. move contoso\.com\./);
    assert.match(visibleText(draw([], MEGAN, 'mine')), /You have not started or acted on any move that is still running\./);
    assert.match(visibleText(draw([], MEGAN, 'blocked')), /No move is blocked\./);
    assertValidDashboard(draw([]));
    assert.deepEqual(facts(draw([])), []);
  });

  it('reads the filter button\'s data: a filter it knows, else all; text only', () => {
    assert.equal(filterListContract.parse({ filter: 'waiting' }).filter, 'waiting');
    assert.equal(filterListContract.parse({ filter: 'x'.repeat(10_000) }).filter, 'all');
    assert.equal(filterListContract.parse({}).filter, 'all');
    assert.equal(filterListContract.parse({ filter: '__proto__' }).filter, 'all');
    assert.ok(!filterListContract.safeParse({ filter: 42 }).success);
  });

  it('shares rows among groups in turn, and says waits in hours, then days', () => {
    assert.deepEqual(shareRows([40, 2, 20, 1], 10), [4, 2, 3, 1]);
    assert.deepEqual(shareRows([3, 1], 30), [3, 1]);
    assert.deepEqual(shareRows([], 30), []);
    assert.equal(relativeTime(59 * 60_000), 'under an hour');
    assert.equal(relativeTime(HOUR), '1 hour');
    assert.equal(relativeTime(47 * HOUR), '47 hours');
    assert.equal(relativeTime(2 * DAY), '2 days');
  });
});

// Keep the fixtures honest: the kinds used above are at the stages the tests name.
describe('dashboard fixtures', () => {
  it('are at the expected stages', () => {
    assert.deepEqual(KINDS.map((events) => moveFrom(events, 0, NOW.getTime()).stage),
      ['awaiting-acceptance', 'approval', 'blocked', 'cancelled', 'done', 'provisioning', 'blocked']);
    assert.equal(moveFrom(CONTOSO_EVENTS, 0, 0).startedBy?.id, MEGAN.id);
  });
});
