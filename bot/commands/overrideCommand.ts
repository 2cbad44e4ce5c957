import { refusalFor } from '../refusalWords';
import { correlationOf } from '../requestCorrelation';
import { TurnContext } from 'botbuilder';
import { moveCard } from '../../cards/moveCard';
import { noticeCard } from '../../cards/noticeCard';
import { quoteForChat, type ChatCommand } from '../../dialogs/commandParser';
import type { Actor } from '../../move/model';
import { settleWithin } from '../actions/actionHandler';
import { cardActivity } from '../teamsNotifier';
import type { CommandDeps, CommandHandler } from './commandHandler';

/** `override <customer> <reason>`: an Account admin lifts a blocker that a person may judge. */
export class OverrideCommand implements CommandHandler<'override'> {
  readonly kind = 'override' as const;
  readonly refusalTitle = 'Nothing overridden';

  constructor(private readonly deps: CommandDeps) {}

  async handle(turn: TurnContext, command: Extract<ChatCommand, { kind: 'override' }>, actor: Actor): Promise<void> {
    const state = command.customer ? this.deps.orchestrator.latestMoveFor(command.customer) : undefined;
    if (!command.customer || !state) {
      await turn.sendActivity(command.customer
        ? `There is no move for ${quoteForChat(command.customer)}.`
        : 'Say which customer and why: `override contoso.com The tenant is in the US; its EU scope comes from data residency.`');
      return;
    }
    const result = await this.deps.orchestrator.overrideBlock(state.moveId, actor, command.reason, correlationOf(turn));
    if (!result.ok) {
      await turn.sendActivity(cardActivity(noticeCard({ title: 'Nothing overridden', message: await refusalFor(result.refusal, actor, this.deps.people), tone: 'warning' })));
      return;
    }
    await this.deps.registry.addFollower(state.moveId, TurnContext.getConversationReference(turn.activity));
    await settleWithin(result.settled, this.deps.replyBudgetMs);
    await turn.sendActivity(cardActivity(moveCard(this.deps.orchestrator.get(state.moveId) ?? result.state, this.deps.cardOptions)));
  }
}
