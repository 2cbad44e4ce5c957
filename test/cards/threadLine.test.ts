import assert from 'node:assert/strict';
import { asksApprovers, askApproverText, threadLine } from '../../cards/threadLine';
import type { MoveEvent } from '../../move/events';
import { CONTOSO_EVENTS, OPTIONS, contosoState, stateOf } from './fixtures';

/** What the Contoso thread says, event by event, with the state after each. */
function lines(events: readonly MoveEvent[]): Array<[MoveEvent['type'], string | null]> {
  return events.map((event, i) => [event.type, threadLine(event, stateOf(events.slice(0, i + 1)), OPTIONS)]);
}

describe('cards: the move\'s channel thread says only its milestones', () => {
  it('announces the move once it passed its pre-flight checks, and never its working steps', () => {
    const said = lines(CONTOSO_EVENTS);
    const spoken = said.filter(([, line]) => line !== null).map(([type]) => type);
    assert.ok(!spoken.includes('MoveStarted'), 'the start is said with the pre-flight checks passed');
    for (const quiet of ['InvitationIssued', 'InventoryTaken', 'CartCreated', 'OrderPlaced'] as const) assert.ok(!spoken.includes(quiet), quiet);
    for (const milestone of ['PreflightPassed', 'RelationshipAccepted', 'PlanProposed', 'PlanApproved', 'ProvisioningCompleted'] as const) {
      assert.ok(spoken.includes(milestone), milestone);
    }
    const started = said.find(([type]) => type === 'PreflightPassed')![1]!;
    assert.match(started, /^Megan Bowen started the move of contoso\.onmicrosoft\.com \(/);
  });

  it('names the approvers by name when the directory gave them, and asks them on the plan', () => {
    const state = contosoState('PlanProposed');
    const proposed = CONTOSO_EVENTS.find((e) => e.type === 'PlanProposed')!;
    assert.match(threadLine(proposed, state, { ...OPTIONS, approverNames: ['Adele Vance', 'Alex Wilber'] })!, /Adele Vance or Alex Wilber can approve it\./);
    assert.match(threadLine(proposed, state, OPTIONS)!, /Billing agent/);
    assert.equal(asksApprovers(proposed, state), true);
    assert.equal(asksApprovers(CONTOSO_EVENTS[0], state), false);
    assert.equal(askApproverText(state), 'Megan Bowen started the move of contoso.onmicrosoft.com: its plan waits for your approval.');
  });

  it('says a failure only when a person must fix it, and a reassignment pass only when nobody is left behind', () => {
    const state = contosoState('PlanProposed');
    const base = { at: '2026-12-01T00:00:00.000Z', actor: { id: 'bot', name: 'CSP Move Assistant', roles: [] }, moveId: state.moveId } as const;
    const failed = (retryable: boolean) => ({ ...base, type: 'StepFailed', step: 'order', error: 'Partner Center said 500', retryable }) as unknown as MoveEvent;
    assert.equal(threadLine(failed(true), state, OPTIONS), null);
    assert.match(threadLine(failed(false), state, OPTIONS)!, /Step order failed/);
    const pass = (attention: number) => ({ ...base, type: 'ReassignmentFinished', moved: 40, attention }) as unknown as MoveEvent;
    assert.equal(threadLine(pass(3), state, OPTIONS), null);
    assert.match(threadLine(pass(0), state, OPTIONS)!, /every user is on the new licences/);
  });
});
