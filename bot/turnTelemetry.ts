import type { TurnContext } from 'botbuilder';
import { parseCommand } from '../dialogs/commandParser';
import type { TurnTraceContext } from '../services/telemetry/appTelemetry';
import { correlationOf } from './requestCorrelation';

/** Activity types a turn's span names as they are; anything else is `other`. */
const ACTIVITY_TYPES = new Set([
  'message', 'invoke', 'conversationUpdate', 'installationUpdate', 'messageReaction', 'messageUpdate', 'messageDelete', 'event', 'typing',
  'endOfConversation',
]);
/** An invoke's name as Teams sends them (`adaptiveCard/action`, `signin/tokenExchange`...). */
const INVOKE_NAME = /^[A-Za-z][A-Za-z0-9/._-]{0,47}$/;

/**
 * What a turn's span says about it: the activity's type and what was asked — the chat command's kind (the parser's
 * word, never the text typed), the card's verb when it is one of ours, or the invoke's name. Nothing else of the
 * activity (no names, ids or text) reaches telemetry.
 */
export function describeTurn(turn: TurnContext, verbs: readonly string[]): TurnTraceContext {
  const activity = turn.activity;
  return {
    activityType: ACTIVITY_TYPES.has(activity.type) ? activity.type : 'other',
    name: turnName(activity, verbs),
    requestCorrelationId: () => correlationOf(turn),
  };
}

function turnName(activity: TurnContext['activity'], verbs: readonly string[]): string | null {
  if (activity.type === 'message') {
    if (typeof activity.text !== 'string' || activity.text.trim() === '') return activity.value ? 'card-submit' : null;
    return `command:${parseCommand(activity.text).kind}`;
  }
  if (activity.type !== 'invoke') return null;
  const name = typeof activity.name === 'string' && INVOKE_NAME.test(activity.name) ? activity.name : 'other';
  if (name !== 'adaptiveCard/action') return `invoke:${name}`;
  const verb = (activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
  return `verb:${typeof verb === 'string' && verbs.includes(verb) ? verb : 'unknown'}`;
}
