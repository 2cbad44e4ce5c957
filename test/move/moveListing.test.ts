/**
 * The move listing behind `list`: since when a move waits (its stage entry, not its last reminder), who acted on
 * it, whom its next action waits on, and what each filter keeps — all from states, never event histories.
 */
import assert from 'node:assert/strict';
import type { MoveEvent } from '../../move/events';
import { SYSTEM_ACTOR, type Actor } from '../../move/model';
import { filterNamed, involves, keeps, listMoves, mayActNext, waitedMs, waitingSince } from '../../move/moveListing';
import { DEFAULT_APPROVAL_POLICY } from '../../move/policy';
import { evolve, replay, type MoveState } from '../../move/state';
import {
  ADELE, ALEX, BLOCKED_EVENTS, CANCELLED_EVENTS, CONTOSO_EVENTS, MEGAN, contosoUntil, stateOf,
} from '../cards/fixtures';
import { noAccessState, noEquivalentState, reassignmentIncompleteState, user } from '../cards/fabrikamFixtures';

const POLICY = DEFAULT_APPROVAL_POLICY;
const PATTI: Actor = { id: 'patti', name: 'Patti Fernandez', roles: ['admin-agent'] };
const LYNNE: Actor = { id: 'lynne', name: 'Lynne Robbins', roles: ['helpdesk-agent'] };

const atApproval = (): MoveState => stateOf(contosoUntil('PlanProposed'));

describe('move listing (domain)', () => {
  describe('waiting since', () => {
    it('is when the move entered its stage: a reminder or a failed attempt does not restart the wait', () => {
      const proposedAt = contosoUntil('PlanProposed').at(-1)!.at;
      const reminded: MoveEvent[] = [
        ...contosoUntil('PlanProposed'),
        { type: 'ReminderDue', at: '2025-03-06T09:00:00Z', actor: SYSTEM_ACTOR, about: 'approval', waitingSince: proposedAt, count: 1 },
      ];
      const state = stateOf(reminded);
      assert.equal(state.updatedAt, '2025-03-06T09:00:00Z');
      assert.equal(waitingSince(state), proposedAt);
      assert.equal(waitedMs(state, new Date('2025-03-07T14:15:30Z')), 3 * 86_400_000);
    });

    it('moves on with the stage; after an override, the stage the move returns to counts from the override', () => {
      const done = stateOf(CONTOSO_EVENTS);
      assert.equal(waitingSince(done), CONTOSO_EVENTS.at(-1)!.at);
      const blocked = stateOf(BLOCKED_EVENTS);
      assert.equal(waitingSince(blocked), BLOCKED_EVENTS[1].at);
      const overridden = evolve(blocked, { type: 'BlockOverridden', at: '2025-03-05T10:00:00Z', actor: ALEX, blockCode: 'region-mismatch', reason: 'Checked with the customer.' });
      assert.equal(overridden.stage, 'preflight');
      assert.equal(waitingSince(overridden), '2025-03-05T10:00:00Z');
      assert.deepEqual(overridden.actedBy, [MEGAN.id, ALEX.id]);
    });

    it('is 0 for a wait that starts after now or is unknown', () => {
      assert.equal(waitedMs(atApproval(), new Date('2000-01-01T00:00:00Z')), 0);
      assert.equal(waitedMs(replay('mv-1', []), new Date()), 0);
    });
  });

  describe('who acted on a move', () => {
    it('keeps every person who recorded an event, once, first act first, and never the bot', () => {
      const state = stateOf(CONTOSO_EVENTS);
      assert.deepEqual(state.actedBy, [MEGAN.id, ADELE.id]);
      assert.ok(involves(state, ADELE), 'Adele approved it');
      assert.ok(involves(state, MEGAN), 'Megan started it');
      assert.ok(!involves(state, ALEX));
    });
  });

  describe('waiting on me (who may take the next action)', () => {
    it('a plan waits on its approvers, not on the proposer under four-eyes, nor on sales agents', () => {
      const state = atApproval();
      assert.ok(mayActNext(state, ADELE, POLICY));
      assert.ok(mayActNext(state, ALEX, POLICY));
      assert.ok(!mayActNext(state, MEGAN, POLICY), 'a sales agent does not approve');
      const proposedByAlex = { ...state, proposer: ALEX };
      assert.ok(!mayActNext(proposedByAlex, ALEX, POLICY), 'four-eyes: not the proposer');
      assert.ok(mayActNext(proposedByAlex, ALEX, { ...POLICY, fourEyes: false }));
    });

    it('a plan above the seat threshold waits only on an Account admin', () => {
      const state = atApproval();
      const big = { ...state, plan: { ...state.plan!, lines: state.plan!.lines.map((l) => ({ ...l, quantity: 400 })) } };
      assert.ok(!mayActNext(big, ADELE, POLICY));
      assert.ok(mayActNext(big, ALEX, POLICY));
    });

    it('a blocked move waits on those who may resolve its blocker', () => {
      const noAccess = noAccessState(true);
      assert.ok(mayActNext(noAccess, MEGAN, POLICY), 'staff who start moves may type the inventory');
      assert.ok(mayActNext(noAccess, ALEX, POLICY), 'an Account admin may override');
      assert.ok(!mayActNext(noAccess, ADELE, POLICY));
      const noOffer = noEquivalentState();
      assert.ok(mayActNext(noOffer, ALEX, POLICY) && !mayActNext(noOffer, MEGAN, POLICY) && !mayActNext(noOffer, PATTI, POLICY));
      const incomplete = reassignmentIncompleteState([user(1, 'moved'), user(2, 'skipped-usage-location')]);
      assert.ok(mayActNext(incomplete, PATTI, POLICY) && mayActNext(incomplete, MEGAN, POLICY) && !mayActNext(incomplete, ADELE, POLICY));
      const regionRule = stateOf(BLOCKED_EVENTS);
      assert.ok(!mayActNext(regionRule, ALEX, POLICY), 'a region rule is nobody\'s to lift');
    });

    it('moves waiting on the customer or the bot wait on no one here', () => {
      for (const state of [stateOf(contosoUntil('InvitationIssued')), stateOf(contosoUntil('CartCreated')), stateOf(CONTOSO_EVENTS)]) {
        for (const person of [ALEX, ADELE, MEGAN, PATTI, LYNNE]) assert.ok(!mayActNext(state, person, POLICY), `${state.stage} / ${person.name}`);
      }
    });
  });

  describe('filters', () => {
    it('names filters from typed words, and nothing else', () => {
      assert.equal(filterNamed('Mine'), 'mine');
      assert.equal(filterNamed('waiting'), 'waiting');
      assert.equal(filterNamed('blocked'), 'blocked');
      assert.equal(filterNamed('all'), 'all');
      assert.equal(filterNamed('constructor'), null);
      assert.equal(filterNamed('yesterday'), null);
    });

    it('keeps per filter: all, mine (started or acted on), waiting on me, blocked', () => {
      const approval = atApproval();
      const blocked = stateOf(BLOCKED_EVENTS);
      assert.ok(keeps('all', blocked, LYNNE, POLICY));
      assert.ok(keeps('mine', approval, MEGAN, POLICY) && !keeps('mine', approval, ADELE, POLICY));
      assert.ok(keeps('waiting', approval, ADELE, POLICY) && !keeps('waiting', approval, MEGAN, POLICY));
      assert.ok(keeps('blocked', blocked, LYNNE, POLICY) && !keeps('blocked', approval, LYNNE, POLICY));
    });

    it('lists running moves longest wait first, finished ones apart (latest first), with every filter\'s count', () => {
      const old = atApproval();
      const recent = { ...atApproval(), moveId: 'mv-recent', customerDomain: 'recent.com', stageSince: '2025-03-09T00:00:00Z' };
      const cancelled = stateOf(CANCELLED_EVENTS);
      const done = { ...stateOf(CONTOSO_EVENTS), moveId: 'mv-done' };
      const blocked = stateOf(BLOCKED_EVENTS);
      const neverStarted = replay('mv-empty', []);
      const listing = listMoves([recent, cancelled, old, done, blocked, neverStarted], 'all', ADELE, POLICY, new Date('2025-03-11T00:00:00Z'));
      assert.deepEqual(listing.running.map((s) => s.moveId), [blocked.moveId, old.moveId, 'mv-recent']);
      assert.deepEqual(listing.finished.map((s) => s.moveId), [cancelled.moveId, 'mv-done']);
      assert.deepEqual(listing.filterCounts, { all: 5, mine: 1, waiting: 2, blocked: 1 });
    });
  });
});
