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
import { t } from '../../cards/i18n/catalog';
import { viewerLocale } from '../viewerLocale';
import { cardOptionsFor } from '../viewerCardOptions';

/** `override <customer> <reason>`: an Account admin lifts a blocker that a person may judge. */
export class OverrideCommand implements CommandHandler<'override'> {
  readonly kind = 'override' as const;
  readonly refusalTitle = 'Nothing overridden';

  constructor(private readonly deps: CommandDeps) {}

  async handle(turn: TurnContext, command: Extract<ChatCommand, { kind: 'override' }>, actor: Actor): Promise<void> {
    const state = command.customer ? this.deps.orchestrator.latestMoveFor(command.customer) : undefined;
    if (!command.customer || !state) {
      const { locale } = viewerLocale(turn, this.deps.cardOptions.locale);
      await turn.sendActivity(command.customer
        ? t(locale, 'replies.noMove', { customer: quoteForChat(command.customer) })
        : t(locale, 'replies.overrideSayWhich'));
      return;
    }
    const result = await this.deps.orchestrator.overrideBlock(state.moveId, actor, command.reason, correlationOf(turn));
    if (!result.ok) {
      await turn.sendActivity(cardActivity(noticeCard({ title: 'Nothing overridden', message: await refusalFor(result.refusal, actor, this.deps.people), tone: 'warning' })));
      return;
    }
    await this.deps.registry.addFollower(state.moveId, TurnContext.getConversationReference(turn.activity));
    await settleWithin(result.settled, this.deps.replyBudgetMs);
    await turn.sendActivity(cardActivity(moveCard(this.deps.orchestrator.get(state.moveId) ?? result.state, cardOptionsFor(this.deps.cardOptions, turn))));
  }
}
