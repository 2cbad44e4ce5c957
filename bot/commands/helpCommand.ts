import type { TurnContext } from 'botbuilder';
import { helpCard } from '../../cards/helpCard';
import { cardActivity } from '../teamsNotifier';
import type { CommandDeps, CommandHandler } from './commandHandler';

export class HelpCommand implements CommandHandler<'help'> {
  readonly kind = 'help' as const;

  constructor(private readonly deps: CommandDeps) {}

  async handle(turn: TurnContext): Promise<void> {
    const who = await this.deps.actors.resolve(turn);
    await turn.sendActivity(cardActivity(helpCard({ roles: who.ok ? who.actor.roles : [], approverRoles: this.deps.cardOptions.approvalPolicy.approverRoles })));
  }
}
