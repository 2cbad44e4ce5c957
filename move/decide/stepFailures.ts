/** The bot's steps reporting a failed side effect. */
import type { RecordStepFailure } from '../commands';
import { accept, blocked, clip, type Decision } from '../decision';
import type { MoveEvent } from '../events';
import type { MoveState } from '../state';
import type { DecisionContext } from './handler';

/** Whatever step failed, the move stays where it is (the sweep retries it); a failure that needs a person also blocks the move. */
export function recordStepFailure(command: RecordStepFailure, _state: MoveState, { envelope }: DecisionContext): Decision {
  const error = clip(command.error, 1000);
  const failed: MoveEvent = { type: 'StepFailed', ...envelope, step: command.step, error, retryable: command.retryable };
  return command.blocks ? accept(failed, blocked(envelope, command.blocks, error)) : accept(failed);
}
