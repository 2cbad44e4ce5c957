import type { TurnContext } from 'botbuilder';
import { refusalFor } from '../refusalWords';
import { cancelConfirmCard } from '../../cards/cancelConfirmCard';
import { noticeCard } from '../../cards/noticeCard';
import type { ChatCommand } from '../../dialogs/commandParser';
import { cancelRefusal } from '../../move/decider';
import type { Actor } from '../../move/model';
import { refusal } from '../../move/refusals';
import { cardActivity } from '../teamsNotifier';
import type { CommandDeps, CommandHandler } from './commandHandler';
import { noMoveReply } from './customerSuggestions';
import { t } from '../../cards/i18n/catalog';
import { viewerLocale } from '../viewerLocale';
import { cardOptionsFor } from '../viewerCardOptions';

/**
 * `cancel <customer>`: nothing is cancelled yet. The answer is the confirmation card (what cancelling does and does
 * not do now, a required reason); "Cancel the move" on it cancels (move.cancel.confirm).
 */
export class CancelCommand implements CommandHandler<'cancel'> {
  readonly kind = 'cancel' as const;
  readonly refusalTitle = 'Nothing cancelled';

  constructor(private readonly deps: CommandDeps) {}

  async handle(turn: TurnContext, command: Extract<ChatCommand, { kind: 'cancel' }>, actor: Actor): Promise<void> {
    const { locale } = viewerLocale(turn, this.deps.cardOptions.locale);
    if (!command.customer) {
      await turn.sendActivity(t(locale, 'replies.sayWhichCustomer', { example: 'cancel contoso.com' }));
      return;
    }
    const state = this.deps.orchestrator.activeMoveFor(command.customer);
    if (!state) {
      await turn.sendActivity(noMoveReply(this.deps.orchestrator.all(), 'cancel', command.customer, { running: true, locale }));
      return;
    }
    const refused = cancelRefusal(actor, state);
    if (refused) {
      await turn.sendActivity(cardActivity(noticeCard({ title: this.refusalTitle, message: await refusalFor(refusal(refused), actor, this.deps.people), tone: 'warning' })));
      return;
    }
    await turn.sendActivity(cardActivity(cancelConfirmCard(state, cardOptionsFor(this.deps.cardOptions, turn, actor))));
  }
}
