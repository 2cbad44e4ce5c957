import type { TurnContext } from 'botbuilder';
import type { ChatCommand } from '../../dialogs/commandParser';
import type { Actor } from '../../move/model';
import type { FileOffers } from '../files/fileOffers';
import type { CommandDeps, CommandHandler } from './commandHandler';
import { noMoveReply } from './customerSuggestions';
import { t } from '../../cards/i18n/catalog';
import { viewerLocale } from '../viewerLocale';

/**
 * `audit <customer>`: the move's whole history as a CSV file (time, actor, role, step, detail, correlation id),
 * offered with a FileConsentCard in the person's personal chat (Teams sends files only there).
 */
export class AuditCommand implements CommandHandler<'audit'> {
  readonly kind = 'audit' as const;

  constructor(private readonly deps: CommandDeps, private readonly files: FileOffers) {}

  async handle(turn: TurnContext, command: Extract<ChatCommand, { kind: 'audit' }>, actor: Actor): Promise<void> {
    const state = command.customer ? this.deps.orchestrator.latestMoveFor(command.customer) : undefined;
    if (!command.customer || !state) {
    const { locale } = viewerLocale(turn, this.deps.cardOptions.locale);
      await turn.sendActivity(command.customer
        ? noMoveReply(this.deps.orchestrator.all(), 'audit', command.customer, { running: false, locale })
        : t(locale, 'replies.sayWhichCustomer', { example: 'audit contoso.com' }));
      return;
    }
    const answer = await this.files.offer(turn, actor, state, 'audit');
    if (answer) await turn.sendActivity(answer);
  }
}
