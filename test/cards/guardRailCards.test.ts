/** The cards of issue #12: the cancel confirmation, the cancelled card's GDAP lines, the start form's field problems, suggestions, stale notices. */
import assert from 'node:assert/strict';
import { cancelConfirmCard } from '../../cards/cancelConfirmCard';
import { cancelledCard } from '../../cards/cancelledCard';
import { intakeCard } from '../../cards/intakeCard';
import { intakeProblemText } from '../../cards/intakeProblemText';
import { moveCard } from '../../cards/moveCard';
import { withStaleNotice } from '../../cards/staleNotice';
import { suggestionCard } from '../../cards/suggestionCard';
import { countryOptions } from '../../bot/teamsEdge';
import type { MoveEvent } from '../../move/events';
import { RegionTable } from '../../move/regions';
import { assertValidCard, moveChecks, verbs, visibleText } from './cardAssertions';
import { ALEX, CANCELLED_EVENTS, GDAP_ID, HOSTILE, OPTIONS, contosoState, contosoUntil, stateOf } from './fixtures';

const BOT = { id: 'system', name: 'CSP Move Assistant', roles: [] };

describe('cancelConfirmCard', () => {
  it('says what cancelling does and does not do while the customer has not accepted, and asks for a reason', () => {
    const state = contosoState('InvitationIssued');
    const card = cancelConfirmCard(state, { ...OPTIONS, viewer: ALEX });
    assertValidCard(card, moveChecks(state));
    assert.deepEqual(verbs(card), ['move.cancel.confirm', 'move.refresh']);
    const text = visibleText(card);
    assert.match(text, /Cancel the move of contoso\.onmicrosoft\.com\?/);
    assert.match(text, /Withdraws the delegated admin \(GDAP\) request/);
    assert.match(text, /Nothing has been bought/);
    assert.match(text, /reseller invitation link cannot be withdrawn/);
    assert.match(text, /original subscriptions are not touched/);
    const reason = (card.body as any[]).find((e) => e.id === 'cancelReason');
    assert.deepEqual([reason.isRequired, reason.maxLength, reason.errorMessage], [true, 500, 'Say why, in up to 500 characters.']);
  });

  it('after a purchase: what was bought stays bought, with its undo window', () => {
    const state = contosoState('OrderPlaced');
    const text = visibleText(cancelConfirmCard(state, OPTIONS));
    assert.match(text, /Nothing bought is refunded or cancelled: the .* already bought stay bought\./);
    assert.doesNotMatch(text, /reseller invitation link/, 'accepted: the link is spent');
  });

  it('comes back with the problem and the text typed, which stays plain text', () => {
    const state = contosoState('InvitationIssued');
    const card = cancelConfirmCard(state, OPTIONS, { problem: 'Say why the move is cancelled.', reason: HOSTILE });
    assertValidCard(card, moveChecks(state));
    assert.match(visibleText(card), /Nothing was cancelled: \nSay why the move is cancelled\./);
    assert.ok(((card.body as any[]).find((e) => e.id === 'cancelReason').value as string).length <= 500);
  });
});

describe('cancelledCard and the GDAP request', () => {
  const withdrawn = (outcome: 'withdrawn' | 'failed' | 'gave-up' | 'approved', detail: string): MoveEvent => ({
    type: 'RequestsWithdrawn', at: '2025-03-10T08:00:05Z', actor: BOT, what: 'gdap-relationship', relationshipId: GDAP_ID, outcome, detail,
  });

  it('says the request is being withdrawn, then what became of it', () => {
    assert.match(visibleText(cancelledCard(stateOf(CANCELLED_EVENTS))), /GDAP\) request the customer had not approved is being withdrawn/);
    const done = stateOf([...CANCELLED_EVENTS, withdrawn('withdrawn', 'approvalPending')]);
    assertValidCard(cancelledCard(done), moveChecks(done));
    assert.match(visibleText(cancelledCard(done)), /was withdrawn: their Global Admin can no longer approve it/);
    const gaveUp = stateOf([...CANCELLED_EVENTS, withdrawn('gave-up', 'HTTP 403: not allowed')]);
    assert.match(visibleText(moveCard(gaveUp, OPTIONS)), /could not be withdrawn: HTTP 403: not allowed\. Terminate it in Partner Center/);
  });
});

describe('intakeCard with problems beside their fields', () => {
  const countries = countryOptions(RegionTable.default());

  it('shows each problem under its field and keeps what was typed', () => {
    const card = intakeCard({
      domain: 'contoso.com', countries, partnerRegion: 'United States', moveId: 'mv-1',
      domainProblem: intakeProblemText({ field: 'domain', kind: 'tenant-not-found', input: 'contoso.com' }),
      countryProblem: intakeProblemText({ field: 'country', kind: 'unknown', input: 'XX', suggestions: [] }),
    });
    assertValidCard(card);
    const body = card.body as any[];
    const domainAt = body.findIndex((e) => e.id === 'domain');
    assert.match(JSON.stringify(body[domainAt + 1]), /No Microsoft 365 tenant answers for contoso\.com/);
    const countryAt = body.findIndex((e) => e.id === 'country');
    assert.match(JSON.stringify(body[countryAt + 1]), /XX is not a country in the CSP region table\. Pick the country from the list\./);
    assert.equal(body[domainAt].value, 'contoso.com');
    assert.match(visibleText(card), /Nothing was started: see what is marked below\./);
  });

  it('words every problem', () => {
    const kr = countries.find((c) => c.code === 'KR')!;
    assert.match(intakeProblemText({ field: 'country', kind: 'unknown', input: 'KO', suggestions: [kr] }), /Did you mean KR \(South Korea\)\?$/);
    assert.match(intakeProblemText({ field: 'country', kind: 'other-region', country: kr, partnerRegion: 'United States' }), /KR \(South Korea\) is in the CSP region Korea, and you sell in United States/);
    assert.match(intakeProblemText({
      field: 'domain', kind: 'already-moving', input: 'contoso.com',
      move: { domain: 'contoso.onmicrosoft.com', company: 'Contoso Ltd', startedBy: 'Megan Bowen', startedAt: '2026-11-24T09:00:00Z' },
    }), /^Contoso Ltd is already being moved: started by Megan Bowen on 24 Nov 2026\. Say `status contoso\.onmicrosoft\.com` to see it\.$/);
    assert.match(intakeProblemText({ field: 'domain', kind: 'lookup-failed', input: 'contoso.com', detail: 'HTTP 503' }), /right now \(HTTP 503\)\. Nothing was started/);
  });
});

describe('suggestionCard and withStaleNotice', () => {
  it('sends each suggestion as typed, and keeps hostile text plain', () => {
    const card = suggestionCard(HOSTILE, ['move contoso.com KR', 'b', 'c', 'd']);
    assertValidCard(card);
    assert.deepEqual((card.actions as any[]).map((a) => [a.type, a.title, a.data.msteams]), [
      ['Action.Submit', 'move contoso.com KR', { type: 'imBack', value: 'move contoso.com KR' }],
      ['Action.Submit', 'b', { type: 'imBack', value: 'b' }],
      ['Action.Submit', 'c', { type: 'imBack', value: 'c' }],
    ]);
  });

  it('heads today\'s card with what happened', () => {
    const state = stateOf(contosoUntil('PlanApproved'));
    const card = withStaleNotice(moveCard(state, OPTIONS), 'Adele Vance approved this plan at 4 Mar 2025, 15:00 UTC; nothing was done.');
    assertValidCard(card, moveChecks(state));
    assert.match(visibleText(card), /^Adele Vance approved this plan/);
  });
});
