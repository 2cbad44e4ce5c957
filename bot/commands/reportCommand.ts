import type { TurnContext } from 'botbuilder';
import { quoteForChat, type ChatCommand } from '../../dialogs/commandParser';
import type { Actor } from '../../move/model';
import type { FileOffers } from '../files/fileOffers';
import type { CommandDeps, CommandHandler } from './commandHandler';
import { t } from '../../cards/i18n/catalog';
import { viewerLocale } from '../viewerLocale';

/**
 * `report <customer>`: the licence reassignment report as a CSV file, one row per user (user principal name,
 * display name, from SKU, to SKU, outcome, what to do, when), offered in the person's personal chat.
 */
export class ReportCommand implements CommandHandler<'report'> {
  readonly kind = 'report' as const;

  constructor(private readonly deps: CommandDeps, private readonly files: FileOffers) {}

  async handle(turn: TurnContext, command: Extract<ChatCommand, { kind: 'report' }>, actor: Actor): Promise<void> {
    const state = command.customer ? this.deps.orchestrator.latestMoveFor(command.customer) : undefined;
    if (!command.customer || !state) {
      const { locale } = viewerLocale(turn, this.deps.cardOptions.locale);
      await turn.sendActivity(command.customer
        ? t(locale, 'replies.noMove', { customer: quoteForChat(command.customer) })
        : t(locale, 'replies.sayWhichCustomer', { example: 'report contoso.com' }));
      return;
    }
    const answer = await this.files.offer(turn, actor, state, 'reassignment');
    if (answer) await turn.sendActivity(answer);
  }
}
