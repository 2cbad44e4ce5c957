import { quoteForChat } from '../../dialogs/commandParser';
import type { TurnContext } from 'botbuilder';
import { planCard } from '../../cards/planCard';
import { statusCard } from '../../cards/statusCard';
import type { ChatCommand } from '../../dialogs/commandParser';
import { cardActivity } from '../teamsNotifier';
import type { CommandDeps, CommandHandler } from './commandHandler';
import { movesListText } from './listCommand';

/** `status [customer]`: the move's timeline; without a customer, the list of moves. */
export class StatusCommand implements CommandHandler<'status'> {
  readonly kind = 'status' as const;

  constructor(private readonly deps: CommandDeps) {}

  async handle(turn: TurnContext, command: Extract<ChatCommand, { kind: 'status' }>): Promise<void> {
    if (!command.customer) {
      await turn.sendActivity(movesListText(this.deps.orchestrator.all(), this.deps.now()));
      return;
    }
    const state = this.deps.orchestrator.latestMoveFor(command.customer);
    if (!state) {
      await turn.sendActivity(`There is no move for ${quoteForChat(command.customer)}. Start one with \`move ${quoteForChat(command.customer)}\`.`);
      return;
    }
    await turn.sendActivity(cardActivity(statusCard(state, await this.deps.orchestrator.history(state.moveId), this.deps.cardOptions)));
    // A plan waiting for a decision comes with its card, so an approver can decide from here.
    if (state.stage === 'approval') await turn.sendActivity(cardActivity(planCard(state, this.deps.cardOptions)));
  }
}
