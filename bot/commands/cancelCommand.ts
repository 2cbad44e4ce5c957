import { refusalText } from '../../cards/refusalText';
import { correlationOf } from '../requestCorrelation';
import { quoteForChat } from '../../dialogs/commandParser';
import type { TurnContext } from 'botbuilder';
import { moveCard } from '../../cards/moveCard';
import { noticeCard } from '../../cards/noticeCard';
import type { ChatCommand } from '../../dialogs/commandParser';
import type { Actor } from '../../move/model';
import { settleWithin } from '../actions/actionHandler';
import { cardActivity } from '../teamsNotifier';
import type { CommandDeps, CommandHandler } from './commandHandler';

/** `cancel <customer>`: cancel the customer's running move. */
export class CancelCommand implements CommandHandler<'cancel'> {
  readonly kind = 'cancel' as const;
  readonly refusalTitle = 'Nothing cancelled';

  constructor(private readonly deps: CommandDeps) {}

  async handle(turn: TurnContext, command: Extract<ChatCommand, { kind: 'cancel' }>, actor: Actor): Promise<void> {
    if (!command.customer) {
      await turn.sendActivity('Say which customer: `cancel contoso.com`.');
      return;
    }
    const state = this.deps.orchestrator.activeMoveFor(command.customer);
    if (!state) {
      await turn.sendActivity(`No move is running for ${quoteForChat(command.customer)}.`);
      return;
    }
    const result = await this.deps.orchestrator.cancel(state.moveId, actor, `Cancelled by ${actor.name} from chat.`, correlationOf(turn));
    if (!result.ok) {
      await turn.sendActivity(cardActivity(noticeCard({ title: 'Nothing cancelled', message: refusalText(result.refusal), tone: 'warning' })));
      return;
    }
    await settleWithin(result.settled, this.deps.replyBudgetMs);
    await turn.sendActivity(cardActivity(moveCard(this.deps.orchestrator.get(state.moveId) ?? result.state, this.deps.cardOptions)));
  }
}
