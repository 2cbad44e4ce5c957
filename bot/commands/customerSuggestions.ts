/**
 * The answer to `status|cancel|retry|audit <customer>` naming no move: the customers of moves close to what was
 * typed ("contoso" → contoso.onmicrosoft.com; one or two letters off), each a button that asks again, or the plain
 * sentence when none is close.
 */
import type { Activity } from 'botbuilder';
import { suggestionCard, MAX_SUGGESTIONS } from '../../cards/suggestionCard';
import { quoteForChat } from '../../dialogs/commandParser';
import { editDistance } from '../../move/closest';
import { FINAL_STAGES, type MoveState } from '../../move/state';
import { cardActivity } from '../teamsNotifier';
import { t } from '../../cards/i18n/catalog';
import { DEFAULT_LOCALE, type Locale } from '../../cards/i18n/locales';

/** Edits allowed between what was typed and a customer's domain. */
const MAX_EDITS = 2;

/** Customers of these moves whose domain, first label or company name is close to `typed`, closest first. */
export function closestCustomers(moves: readonly MoveState[], typed: string): string[] {
  const wanted = typed.trim().toLowerCase();
  if (!wanted) return [];
  const firstLabel = wanted.split('.')[0];
  const scored = new Map<string, number>();
  for (const move of moves) {
    const domain = move.customerDomain;
    const company = (move.companyName ?? '').toLowerCase();
    const score = Math.min(
      editDistance(wanted, domain, MAX_EDITS),
      // "contoso" or "contoso.com" for contoso.onmicrosoft.com
      firstLabel.length >= 3 && domain.split('.')[0] === firstLabel ? 1 : MAX_EDITS + 1,
      company && (company === wanted || company.split(/\s+/)[0] === firstLabel) ? 1 : MAX_EDITS + 1,
    );
    if (score <= MAX_EDITS) scored.set(domain, Math.min(score, scored.get(domain) ?? score));
  }
  return [...scored].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([domain]) => domain).slice(0, MAX_SUGGESTIONS);
}

/**
 * No move for `typed` (`running`: none under way): the closest customers as buttons re-sending `verb`, else the
 * sentence — in `locale` (the asker's).
 */
export function noMoveReply(
  moves: readonly MoveState[], verb: 'status' | 'cancel' | 'retry' | 'audit' | 'report', typed: string,
  { running, locale = DEFAULT_LOCALE }: { running: boolean; locale?: Locale },
): Partial<Activity> | string {
  const candidates = running ? moves.filter((m) => !FINAL_STAGES.has(m.stage)) : moves;
  const names = closestCustomers(candidates, typed);
  const customer = quoteForChat(typed);
  if (names.length === 0) {
    if (running) return t(locale, 'replies.noMoveRunning', { customer });
    return t(locale, verb === 'status' ? 'replies.noMoveStartOne' : 'replies.noMove', { customer });
  }
  const [first, second = '', third = ''] = names;
  const choices = t(locale, 'replies.customerChoices', { count: names.length, first, second, third });
  const sentence = t(locale, 'replies.noMoveDidYouMean', { running: running ? 'yes' : 'no', customer, names: choices });
  return cardActivity(suggestionCard(sentence, names.map((name) => `${verb} ${name}`)));
}
