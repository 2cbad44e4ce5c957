import type { TurnContext } from 'botbuilder';
import type { Actor } from '../../move/model';
import { helpCard } from '../../cards/helpCard';
import { cardActivity } from '../teamsNotifier';
import { viewerLocale } from '../viewerLocale';
import type { CommandDeps, CommandHandler } from './commandHandler';

export class HelpCommand implements CommandHandler<'help'> {
  readonly kind = 'help' as const;
  /** Help names no customer: anyone of the partner's organisation may read it, with or without a role. */
  readonly access = 'partner-user' as const;

  constructor(private readonly deps: CommandDeps) {}

  /** In the asker's Teams language (DEFAULT_LOCALE when the bot does not speak it). */
  async handle(turn: TurnContext, _command: unknown, actor: Actor): Promise<void> {
    const { locale } = viewerLocale(turn, this.deps.cardOptions.locale);
    await turn.sendActivity(cardActivity(helpCard({ roles: actor.roles, approverRoles: this.deps.cardOptions.approvalPolicy.approverRoles, locale })));
  }
}
