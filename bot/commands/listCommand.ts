import type { TurnContext } from 'botbuilder';
import { dashboardCard } from '../../cards/dashboardCard';
import type { ChatCommand } from '../../dialogs/commandParser';
import type { Actor } from '../../move/model';
import type { ListFilter } from '../../move/moveListing';
import { cardActivity } from '../teamsNotifier';
import type { CommandDeps, CommandHandler } from './commandHandler';
import { cardOptionsFor } from '../viewerCardOptions';
import { t } from '../../cards/i18n/catalog';
import { viewerLocale } from '../viewerLocale';

/** What `list` says to a word after it that names no filter. */
export const UNKNOWN_FILTER = t('en', 'replies.unknownFilter');

/**
 * `list [all|mine|waiting|blocked]`: the dashboard of moves for the person asking, from the moves' states as this
 * instance holds them (refreshed from a shared store before the command) — never their event histories.
 */
export class ListCommand implements CommandHandler<'list'> {
  readonly kind = 'list' as const;

  constructor(private readonly deps: CommandDeps) {}

  async handle(turn: TurnContext, command: Extract<ChatCommand, { kind: 'list' }>, actor: Actor): Promise<void> {
    if (!command.filter) {
      await turn.sendActivity(t(viewerLocale(turn, this.deps.cardOptions.locale).locale, 'replies.unknownFilter'));
      return;
    }
    await sendDashboard(turn, this.deps, command.filter, actor);
  }
}

/** Sends the dashboard under a filter, drawn for the person asking (their filters, the buttons they may use). */
export async function sendDashboard(turn: TurnContext, deps: CommandDeps, filter: ListFilter, viewer: Actor): Promise<void> {
  const card = dashboardCard({ moves: deps.orchestrator.all(), filter, viewer, now: deps.now() }, cardOptionsFor(deps.cardOptions, turn));
  await turn.sendActivity(cardActivity(card));
}
