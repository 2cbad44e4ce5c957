import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';

const KEY = Symbol('requestCorrelationId');

/**
 * One correlation id per Teams request: the events a staff member's click or command records carry it (the
 * audit export shows it), so a request can be followed through the log. Steps the bot runs on its own carry
 * the move's correlation id instead.
 */
export function startRequest(turn: TurnContext): string {
  const id = randomUUID();
  turn.turnState.set(KEY, id);
  return id;
}

/** The correlation id of the request this turn answers (undefined outside a turn the bot started). */
export function correlationOf(turn: TurnContext): string | undefined {
  return turn.turnState.get(KEY) as string | undefined;
}
