/**
 * The answer to a click that came too late: today's card, with a short line on top saying what happened meanwhile
 * and by whom ("Adele Vance approved this plan at …; nothing was done"), so the person sees both why nothing
 * happened and where the move is now.
 */
import { LIMITS, multiLine } from './common';
import type { AdaptiveCardJson } from './common';

export function withStaleNotice(card: AdaptiveCardJson, text: string): AdaptiveCardJson {
  const notice = {
    type: 'Container',
    style: 'warning',
    items: [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: multiLine(text, LIMITS.message) || 'This card was out of date; nothing was done.' }] }],
  };
  return { ...card, body: [notice, ...card.body] };
}
