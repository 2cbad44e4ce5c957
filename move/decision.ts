/**
 * What the decider answers, and the small helpers its handlers share. A decision is the events that
 * happen, or a refusal that says why not (and changes nothing).
 */
import type { BlockReason, MoveEvent } from './events';
import type { Actor } from './model';
import { STAGE_LABELS, type MoveState, type Stage } from './state';

export type RefusalCode =
  | 'not-allowed'
  | 'four-eyes'
  | 'wrong-stage'
  | 'already-moving'
  | 'invalid-input'
  | 'stale-plan'
  /** A side effect of the same kind is still under way (e.g. an invitation email being sent). */
  | 'in-flight';

export interface Refusal {
  code: RefusalCode;
  message: string;
}

export type Decision = { ok: true; events: MoveEvent[] } | { ok: false; refusal: Refusal };

/** What every event the decider records carries: when, who, and the request or step that produced it. */
export type Envelope = { at: string; actor: Actor; correlationId: string };

export const MAX_COMMENT_LENGTH = 500;

export function accept(...events: MoveEvent[]): Decision {
  return { ok: true, events };
}

export function refuse(code: RefusalCode, message: string): Decision {
  return { ok: false, refusal: { code, message } };
}

export function blocked(envelope: Envelope, reason: BlockReason, message: string): MoveEvent {
  return { type: 'MoveBlocked', ...envelope, reason, message };
}

export function expectStage(state: MoveState, stage: Stage): Decision | null {
  if (state.stage === stage) return null;
  return refuse('wrong-stage', `The move is at "${STAGE_LABELS[state.stage]}", not "${STAGE_LABELS[stage]}".`);
}

/** The move is blocked for this reason (and so waits for a person). */
export function expectBlocked(state: MoveState, code: BlockReason['code'], what: string): Decision | null {
  if (state.stage === 'blocked' && state.blocked?.reason.code === code) return null;
  return refuse('wrong-stage', `${what} only when the move is blocked for it; the move is at "${STAGE_LABELS[state.stage]}".`);
}

export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
