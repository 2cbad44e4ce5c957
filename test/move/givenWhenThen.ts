/**
 * Decider tests as given / when / then: given the move's history, when a command is decided, then exactly these
 * events are recorded (compared whole, envelope included), or the command is refused with this code.
 *
 *   given(history).when(command).then([{ type: 'ReassignmentResumed', ...recorded(megan, at(90)) }]);
 *   given(history).when(command).refused('not-allowed', /Only an Account admin/);
 */
import assert from 'node:assert/strict';
import type { MoveCommand } from '../../move/commands';
import { MoveDecider, type Decision, type Refusal, type RefusalCode } from '../../move/decider';
import type { MoveEvent } from '../../move/events';
import type { Actor } from '../../move/model';
import { DEFAULT_APPROVAL_POLICY, type ApprovalPolicy } from '../../move/policy';
import { RegionTable } from '../../move/regions';
import { initialState, replay, type MoveState } from '../../move/state';
import { eventsOf, refusalOf } from './fixtures';

/** The correlation id of the fixtures' move (contosoHistory), which the bot's steps record under. */
export const MOVE_CORRELATION_ID = 'corr-1';

/** What an event recorded by `actor` at `at` carries, for a command without its own correlation id. */
export function recorded(actor: Actor, at: string, correlationId = MOVE_CORRELATION_ID): { at: string; actor: Actor; correlationId: string } {
  return { at, actor, correlationId };
}

export interface Outcome {
  /** The history with the recorded events appended, and the state it leaves. */
  history: MoveEvent[];
  state: MoveState;
}

export interface When {
  decision: Decision;
  /** The command records exactly `expected` (deepEqual on whole events, in order). */
  then(expected: MoveEvent[], message?: string): Outcome;
  /** The command is refused with `code`, and a message matching `message` when given (a string must be equal). */
  refused(code: RefusalCode, message?: string | RegExp): Refusal & { message: string };
  /** The command is accepted: what it records, for a test that checks it piecemeal or builds on it. */
  accepted(): Outcome & { events: MoveEvent[] };
}

export function given(history: MoveEvent[], policy: ApprovalPolicy = DEFAULT_APPROVAL_POLICY): { state: MoveState; when(command: MoveCommand): When } {
  const state = history.length > 0 ? replay('mv-1', history) : initialState('mv-1');
  const after = (events: MoveEvent[]): Outcome => {
    const all = [...history, ...events];
    return { history: all, state: replay('mv-1', all) };
  };
  return {
    state,
    when(command) {
      const decision = new MoveDecider(RegionTable.default(), policy).decide(command, state);
      return {
        decision,
        then(expected, message) {
          assert.deepEqual(eventsOf(decision), expected, message);
          return after(expected);
        },
        refused(code, message) {
          const refusal = refusalOf(decision);
          assert.equal(refusal.code, code, `refused as ${refusal.code}: ${refusal.message}`);
          if (typeof message === 'string') assert.equal(refusal.message, message);
          else if (message) assert.match(refusal.message, message);
          return refusal;
        },
        accepted() {
          const events = eventsOf(decision);
          return { events, ...after(events) };
        },
      };
    },
  };
}
