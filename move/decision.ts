/**
 * What the decider answers, and the small helpers its handlers share. A decision is the events that
 * happen, or a refusal that says why not (and changes nothing).
 */
import type { BlockReason, MoveEvent } from './events';
import type { Actor } from './model';
import { refusal, type Refusal, type RefusalReason } from './refusals';
import type { MoveState, Stage } from './state';

export type { Refusal, RefusalCode, RefusalReason } from './refusals';

export type Decision = { ok: true; events: MoveEvent[] } | { ok: false; refusal: Refusal };

/** What every event the decider records carries: when, who, and the request or step that produced it. */
export type Envelope = { at: string; actor: Actor; correlationId: string };

export const MAX_COMMENT_LENGTH = 500;

export function accept(...events: MoveEvent[]): Decision {
  return { ok: true, events };
}

export function refuse(reason: RefusalReason): Decision {
  return { ok: false, refusal: refusal(reason) };
}

export function blocked(envelope: Envelope, reason: BlockReason, message: string): MoveEvent {
  return { type: 'MoveBlocked', ...envelope, reason, message };
}

export function expectStage(state: MoveState, stage: Stage): Decision | null {
  if (state.stage === stage) return null;
  return refuse({ kind: 'wrong-stage', stage: state.stage, expected: stage });
}

/** The move is blocked for this reason (and so waits for a person). */
export function expectBlocked(state: MoveState, code: BlockReason['code'], action: 'retry-reassignment' | 'pick-offers'): Decision | null {
  if (state.stage === 'blocked' && state.blocked?.reason.code === code) return null;
  return refuse({ kind: 'not-blocked-for', action, stage: state.stage });
}

export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
