/** The compact header every move card opens with: the stage badge's words and colour, and on whom the move waits. */
import assert from 'node:assert/strict';
import type { MoveEvent } from '../../move/events';
import { evolve } from '../../move/state';
import type { Stage } from '../../move/state';
import { stageBadge } from '../../cards/compactHeader';
import { moveCard } from '../../cards/moveCard';
import { statusCard } from '../../cards/statusCard';
import { openFollowUps } from '../../move/followUps';
import { compactHeader, visibleText } from './cardAssertions';
import {
  BLOCKED_EVENTS, CANCELLED_EVENTS, CONTOSO_EVENTS, FAILURE_EVENTS, MEGAN, OPTIONS, REJECTED_EVENTS, contosoState, stateOf,
} from './fixtures';
import { noEquivalentState, reassigningState, reassignmentIncompleteState, user } from './fabrikamFixtures';

describe('compact header: the stage badge', () => {
  /** The badge's style per stage: good once done or approved, attention once it ended without a move, warning while a person must act. */
  const STYLE: Record<Stage, string> = {
    intake: 'warning', preflight: 'accent', invitation: 'accent', 'awaiting-acceptance': 'warning', inventory: 'accent', plan: 'accent',
    approval: 'warning', scheduled: 'good', provisioning: 'accent', 'reassigning-licenses': 'accent', 'source-advice': 'accent',
    'watching-sources': 'accent', done: 'good', blocked: 'attention', rejected: 'attention', cancelled: 'attention', 'timed-out': 'attention',
  };
  const timedOut = evolve(contosoState('InvitationIssued'), { type: 'MoveTimedOut', at: '2025-06-01T09:00:09Z', actor: MEGAN, message: 'The invitation expired.' } as MoveEvent);
  const states = [
    ...CONTOSO_EVENTS.map((_, i) => stateOf(CONTOSO_EVENTS.slice(0, i + 1))),
    stateOf(BLOCKED_EVENTS), stateOf(REJECTED_EVENTS), stateOf(CANCELLED_EVENTS), stateOf(FAILURE_EVENTS), timedOut,
  ];

  for (const state of states) {
    it(`${state.stage} (version ${state.version}): every card names the stage, in its colour, and on whom the move waits`, () => {
      const followUpsOpen = openFollowUps(state).length > 0;
      for (const card of [moveCard(state, OPTIONS), statusCard(state, [], OPTIONS)]) {
        const header = compactHeader(card);
        assert.equal(header.customer, state.companyName ? `${state.companyName} (${state.customerDomain})` : state.customerDomain);
        const decided = header.stage !== stageBadge(state.stage);
        if (decided) {
          // The plan card shows its decision instead of the stage.
          assert.deepEqual([header.stage, header.style], state.approval ? ['Approved', 'good'] : ['Rejected', 'attention']);
        } else {
          // Open follow-ups after the purchase: the move waits on their owners, so a person must act.
          assert.equal(header.style, followUpsOpen && STYLE[state.stage] === 'accent' ? 'warning' : STYLE[state.stage]);
        }
        assert.equal(header.waiting === null, decided || (!followUpsOpen && ['scheduled', 'watching-sources', 'done', 'rejected', 'cancelled', 'timed-out'].includes(state.stage))
          || (state.stage === 'blocked' && state.blocked?.reason.code === 'region-mismatch' && state.blocked.reason.detectedBy !== 'tenant-metadata'));
        assert.ok(visibleText(card).includes('Megan Bowen'), 'the starter is named');
      }
    });
  }

  it('the status card names the stage even where the plan card names the decision', () => {
    const state = stateOf(REJECTED_EVENTS);
    assert.deepEqual([compactHeader(moveCard(state, OPTIONS)).stage, compactHeader(statusCard(state, [], OPTIONS)).stage], ['Rejected', 'Plan rejected']);
  });

  it('colours stay readable in light, dark and high contrast: no colour on a tinted box, no Good or Warning text', () => {
    const tinted = new Set(['good', 'attention', 'warning', 'accent']);
    const check = (node: unknown, inTint: boolean, where: string): void => {
      if (Array.isArray(node)) { node.forEach((item) => check(item, inTint, where)); return; }
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      const here = inTint || (typeof o.style === 'string' && tinted.has(o.style) && !String(o.type).startsWith('Action.'));
      if ('color' in o) {
        assert.ok(!['Good', 'Warning'].includes(String(o.color)), `${where}: ${String(o.color)} text is faint on a light background`);
        if (here) assert.equal(o.color, 'Default', `${where}: coloured text on a tinted box (${String(o.text).slice(0, 40)})`);
      }
      for (const value of Object.values(o)) check(value, here, where);
    };
    const fabrikam = [noEquivalentState(), reassigningState(), reassignmentIncompleteState([user(1, 'failed')])];
    for (const state of [...states, ...fabrikam]) {
      for (const card of [moveCard(state, OPTIONS), statusCard(state, CONTOSO_EVENTS, OPTIONS)]) {
        assert.doesNotMatch(JSON.stringify(card), /#[0-9a-f]{3,8}\b/i, 'no custom hex colours');
        check(card, false, `${state.stage} v${state.version}`);
      }
    }
  });

  it('a badge is a word or two: stages named by a sentence get short badge words', () => {
    for (const stage of Object.keys(STYLE) as Stage[]) assert.ok(stageBadge(stage).length <= 22, `${stage}: ${stageBadge(stage)}`);
    assert.equal(stageBadge('awaiting-acceptance'), 'Invitation sent');
    assert.equal(stageBadge('watching-sources'), 'Originals ending');
  });
});
