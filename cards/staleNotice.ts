/**
 * The answer to a click that came too late: today's card, with a short line on top saying what happened meanwhile
 * and by whom ("Adele Vance approved this plan at …; nothing was done"), so the person sees both why nothing
 * happened and where the move is now.
 */
import { LIMITS, multiLine } from './common';
import type { AdaptiveCardJson } from './common';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, type Locale } from './i18n/locales';

/** `text`: what happened meanwhile, already in `locale` (refusalText); when empty, a general line in `locale`. */
export function withStaleNotice(card: AdaptiveCardJson, text: string, locale: Locale = DEFAULT_LOCALE): AdaptiveCardJson {
  const notice = {
    type: 'Container',
    style: 'warning',
    items: [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: multiLine(text, LIMITS.message) || t(locale, 'notices.staleFallback') }] }],
  };
  return { ...card, body: [notice, ...card.body] };
}
