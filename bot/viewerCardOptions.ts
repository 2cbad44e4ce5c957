/**
 * The card options for an answer to one person (a command's reply, a card action's answer): the configured ones
 * (approval policy, invitation mail, clock), drawn in the asker's Teams language and time zone. The configured
 * `locale` is DEFAULT_LOCALE: what a person whose language the bot lacks gets. Copies posted for everyone keep
 * DEFAULT_LOCALE in UTC and do not come through here (bot/teamsNotifier.ts).
 */
import type { TurnContext } from 'botbuilder';
import type { CardOptions } from '../cards/moveView';
import type { Actor } from '../move/model';
import { viewerLocale } from './viewerLocale';

/** `configured` for the sender of `turn`'s activity; with `viewer`, only the buttons that person may press. */
export function cardOptionsFor(configured: CardOptions, turn: Pick<TurnContext, 'activity'>, viewer?: Actor | null): CardOptions {
  const { locale, timeZone } = viewerLocale(turn, configured.locale);
  return viewer ? { ...configured, viewer, locale, timeZone } : { ...configured, locale, timeZone };
}
