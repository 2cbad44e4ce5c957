/**
 * The shape of the decider's handlers: one per command, each given the command, the move's state and what
 * every handler may need (the events' envelope, the region table, the approval policy).
 */
import type { MoveCommand } from '../commands';
import type { Decision, Envelope } from '../decision';
import type { ApprovalPolicy } from '../policy';
import type { RegionTable } from '../regions';
import type { MoveState } from '../state';

export type CommandType = MoveCommand['type'];

/** Each command type to its command. */
type CommandsByType = { [C in MoveCommand as C['type']]: C };

export type CommandOf<T extends CommandType> = CommandsByType[T];

export interface DecisionContext {
  /** What the events this command records carry: its time, its actor, its request's correlation id. */
  envelope: Envelope;
  regions: RegionTable;
  approval: ApprovalPolicy;
}

export type CommandHandler<T extends CommandType> = (command: CommandOf<T>, state: MoveState, context: DecisionContext) => Decision;

/** A handler for every command type: a command without one does not compile. */
export type CommandHandlers = { [T in CommandType]: CommandHandler<T> };
