/** cards/statusCard.ts with cards/statusTimeline.ts: `status <customer>` as a timeline of milestones. */
import assert from 'node:assert/strict';
import { statusCard } from '../../cards/statusCard';
import type { MoveEvent } from '../../move/events';
import { DEFAULT_APPROVAL_POLICY } from '../../move/policy';
import { replay } from '../../move/state';
import { alex, megan, system } from '../move/fixtures';
import { at, E3, inventoryLine, moveHolding } from '../move/decide/sandboxLicences';
import { fabrikamAfterOverride, OVERRIDE_REASON, reassigned } from '../move/followUpFixtures';
import { assertValidCard, buttons, moveChecks, shownAtFirst, visibleText, walk } from './cardAssertions';

const OPTIONS = { approvalPolicy: DEFAULT_APPROVAL_POLICY, now: () => new Date('2027-02-10T09:00:00Z') };

interface ShownRow { text: string; style: unknown; subtle: boolean }

/** The timeline's rows as drawn: the RichTextBlock of each row container (mark, label, when and who), its style, greyed or not. */
function timelineRows(card: unknown): ShownRow[] {
  const rows: ShownRow[] = [];
  walk(card, (o) => {
    if (o.type !== 'Container' || !Array.isArray(o.items) || o.items.length !== 1) return;
    const block = o.items[0] as { type?: string; inlines?: Array<{ text: string; isSubtle?: boolean }> };
    if (block.type !== 'RichTextBlock' || !block.inlines || !/^[✓!▶○] $/.test(block.inlines[0]?.text ?? '')) return;
    rows.push({ text: block.inlines.map((i) => i.text).join(''), style: o.style, subtle: block.inlines[1]?.isSubtle === true });
  });
  return rows;
}

describe('status card: the timeline', () => {
  it('shows the milestones with when and who, the current step highlighted, the steps to come greyed', () => {
    const events = moveHolding([inventoryLine(E3, 50)], 'proposed');
    const state = replay('mv-1', events);
    const card = statusCard(state, events, OPTIONS);
    assertValidCard(card, moveChecks(state));
    const rows = timelineRows(card);
    assert.deepEqual(rows.map((r) => r.text.replace(/ — .*/, '')), [
      '✓ Started', '✓ Invitation sent', '✓ Accepted by the customer', '✓ Inventory read', '✓ Plan proposed',
      '▶ Now: Waiting for approval', '○ Buy', '○ Licences reassigned', '○ Advice on the originals: let them expire', '○ Follow-ups ticked done', '○ Done',
    ]);
    assert.equal(rows[0].text, '✓ Started — 24 Nov 2026, 09:00 UTC · Megan Bowen');
    assert.match(rows[5].text, /— waiting on an Account admin or a Billing agent other than Megan Bowen$/);
    assert.deepEqual(rows.map((r) => r.style), [...Array(5).fill('default'), 'emphasis', ...Array(5).fill('default')]);
    assert.deepEqual(rows.map((r) => r.subtle), [...Array(6).fill(false), ...Array(5).fill(true)]);
  });

  it('after an override: who approved, the purchase, the blocker and who overrode, then the open follow-ups with owners and dates', () => {
    const events = fabrikamAfterOverride();
    const state = replay('mv-1', events);
    const card = statusCard(state, events, OPTIONS);
    assertValidCard(card, moveChecks(state));
    const labels = timelineRows(card).map((r) => r.text);
    assert.ok(labels.includes('✓ Approved by Adele Vance — 24 Nov 2026, 10:10 UTC · Adele Vance'), labels.join('\n'));
    assert.ok(labels.some((l) => l.startsWith('✓ Bought — 24 Nov 2026, 10:20 UTC')));
    assert.ok(labels.some((l) => l.startsWith('✓ Licences reassigned: 1 moved, 2 left on the original licence')));
    assert.ok(labels.some((l) => l.startsWith('! Blocked: 2 users still hold the old licence')));
    assert.ok(labels.some((l) => l.startsWith('✓ Blocker overridden by Alex Wilber')));
    assert.match(labels.at(-2)!, /^▶ Now: Waiting for the original subscriptions to end — waiting on Adele Vance or a Billing agent; Alex Wilber or an Admin agent \(follow-ups\)$/);
    assert.equal(labels.at(-1), '○ Done');
    const text = visibleText(shownAtFirst(card));
    assert.match(text, /Follow-ups: 3 open of 3/);
    assert.match(text, /Move these users by hand .+\nOwner: Alex Wilber or an Admin agent\nDue 17 Feb 2027/);
    assert.equal(buttons(card).filter((b) => b.verb === 'move.followup.done').length, 3);
  });

  it('keeps the latest events behind a toggle, one line each', () => {
    const events = fabrikamAfterOverride();
    const card = statusCard(replay('mv-1', events), events, OPTIONS);
    const first = visibleText(shownAtFirst(card));
    assert.doesNotMatch(first, /Advice on the original subscriptions: let them expire, do not cancel them/);
    assert.match(visibleText(card), /Advice on the original subscriptions: let them expire, do not cancel them/);
    assert.match(first, /Show the latest events/);
  });

  it('folds a 2,000-event history: the first and last milestones, some more behind a toggle, the card under 28 KB', () => {
    const base = moveHolding([inventoryLine(E3, 50)], 'provisioned');
    const cycles: MoveEvent[] = [];
    let minute = 100;
    const when = () => at((minute += 1));
    while (base.length + cycles.length < 1_990) {
      const left = [reassigned('g1', 'skipped-group', `g1-${'x'.repeat(60)}@fabrikam.onmicrosoft.com`)];
      cycles.push(
        { type: 'LicencesReassigned', at: when(), actor: system, results: left, sending: [] },
        { type: 'ReassignmentFinished', at: when(), actor: system, moved: 0, attention: 1 },
        { type: 'MoveBlocked', at: when(), actor: system, reason: { code: 'reassignment-incomplete', users: 1 }, message: `1 user still holds the old licence (0 moved). ${'Long text. '.repeat(20)}` },
        { type: 'ReassignmentResumed', at: when(), actor: megan },
      );
    }
    const events: MoveEvent[] = [
      ...base, ...cycles,
      { type: 'LicencesReassigned', at: when(), actor: system, results: [reassigned('g1', 'skipped-group')], sending: [] },
      { type: 'ReassignmentFinished', at: when(), actor: system, moved: 0, attention: 1 },
      { type: 'MoveBlocked', at: when(), actor: system, reason: { code: 'reassignment-incomplete', users: 1 }, message: '1 user still holds the old licence (0 moved).' },
      { type: 'BlockOverridden', at: when(), actor: alex, blockCode: 'reassignment-incomplete', reason: OVERRIDE_REASON },
    ];
    assert.ok(events.length >= 1_994 && events.length <= 2_000, `${events.length} events`);
    const state = replay('mv-1', events);
    const card = statusCard(state, events, OPTIONS);
    assertValidCard(card, moveChecks(state));
    const bytes = Buffer.byteLength(JSON.stringify(card));
    assert.ok(bytes < 28_000, `card is ${bytes} bytes`);
    const shown = timelineRows(shownAtFirst(card)).map((r) => r.text.replace(/ — .*/, ''));
    assert.deepEqual(shown.slice(0, 3), ['✓ Started', '✓ Invitation sent', '✓ Accepted by the customer']);
    assert.deepEqual(shown.slice(4), [
      '✓ Licences reassigned: 0 moved, 1 left on the original licence', '! Blocked: 1 user still holds the old licence (0 moved).',
      '✓ Blocker overridden by Alex Wilber', '▶ Now: Advice on the original subscriptions', '○ Follow-ups ticked done', '○ Done',
    ]);
    const all = timelineRows(card);
    const folded = all.length - timelineRows(shownAtFirst(card)).length;
    assert.equal(folded, 12, 'twelve more behind the toggle');
    const toggle = JSON.stringify(card).match(/"title":"Show (\d+) more"/);
    assert.ok(toggle && Number(toggle[1]) > 900, `the toggle names how many milestones it folds: ${toggle?.[1]}`);
    assert.match(visibleText(card), /\d+ earlier milestones are only in the audit export/);
  });
});
