import type { TurnContext } from 'botbuilder';
import { planCard } from '../../cards/planCard';
import { statusCard } from '../../cards/statusCard';
import type { ChatCommand } from '../../dialogs/commandParser';
import { cardActivity } from '../teamsNotifier';
import type { CommandDeps, CommandHandler } from './commandHandler';
import { sendDashboard } from './listCommand';
import type { Actor } from '../../move/model';
import { noMoveReply } from './customerSuggestions';
import { viewerLocale } from '../viewerLocale';
import { cardOptionsFor } from '../viewerCardOptions';

/** `status [customer]`: the move's timeline; without a customer, the dashboard of moves (as `list`). */
export class StatusCommand implements CommandHandler<'status'> {
  readonly kind = 'status' as const;

  constructor(private readonly deps: CommandDeps) {}

  async handle(turn: TurnContext, command: Extract<ChatCommand, { kind: 'status' }>, actor: Actor): Promise<void> {
    if (!command.customer) {
      await sendDashboard(turn, this.deps, 'all', actor);
      return;
    }
    const state = this.deps.orchestrator.latestMoveFor(command.customer);
    if (!state) {
      const { locale } = viewerLocale(turn, this.deps.cardOptions.locale);
      await turn.sendActivity(noMoveReply(this.deps.orchestrator.all(), 'status', command.customer, { running: false, locale }));
      return;
    }
    await turn.sendActivity(cardActivity(statusCard(state, await this.deps.orchestrator.history(state.moveId), cardOptionsFor(this.deps.cardOptions, turn))));
    // A plan waiting for a decision comes with its card, so an approver can decide from here.
    if (state.stage === 'approval') await turn.sendActivity(cardActivity(planCard(state, cardOptionsFor(this.deps.cardOptions, turn))));
  }
}
