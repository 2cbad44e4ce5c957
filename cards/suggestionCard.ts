/**
 * "Did you mean …?": a short message and one button per suggestion, which sends the corrected command as if typed
 * (Action.Submit with a Teams `imBack`), so fixing a typo is one click.
 */
import { CARD_SCHEMA, LIMITS, deepFreeze, expandCard, multiLine, oneLine } from './common';
import type { AdaptiveCardJson } from './common';

/** At most this many buttons: more is a list to read, not a suggestion. */
export const MAX_SUGGESTIONS = 3;

interface SuggestionView {
  message: string;
  suggestions: Array<{ text: string }>;
}

const TEMPLATE = deepFreeze({
  type: 'AdaptiveCard',
  $schema: CARD_SCHEMA,
  version: '1.5',
  body: [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${message}' }] }],
  actions: [{ $data: '${suggestions}', type: 'Action.Submit', title: '${text}', data: { msteams: { type: 'imBack', value: '${text}' } } }],
});

/** `commands`: the corrected commands, each sent as typed by the button bearing it. */
export function suggestionCard(message: string, commands: readonly string[]): AdaptiveCardJson {
  const view: SuggestionView = {
    message: multiLine(message, LIMITS.message),
    suggestions: commands.slice(0, MAX_SUGGESTIONS).map((text) => ({ text: oneLine(text, 200) })),
  };
  return expandCard(TEMPLATE, view);
}
