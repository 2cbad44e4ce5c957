import { quoteForChat } from '../../dialogs/commandParser';
import type { TurnContext } from 'botbuilder';
import { moveCard } from '../../cards/moveCard';
import type { ChatCommand } from '../../dialogs/commandParser';
import { cardActivity } from '../teamsNotifier';
import type { CommandDeps, CommandHandler } from './commandHandler';

/** `retry <customer>`: run the move's failed step again now. */
export class RetryCommand implements CommandHandler<'retry'> {
  readonly kind = 'retry' as const;

  constructor(private readonly deps: CommandDeps) {}

  async handle(turn: TurnContext, command: Extract<ChatCommand, { kind: 'retry' }>): Promise<void> {
    const state = command.customer ? this.deps.orchestrator.activeMoveFor(command.customer) : undefined;
    if (!command.customer || !state) {
      await turn.sendActivity(command.customer ? `No move is running for ${quoteForChat(command.customer)}.` : 'Say which customer: `retry contoso.com`.');
      return;
    }
    const who = await this.deps.actors.resolve(turn);
    if (!who.ok || who.actor.roles.length === 0) {
      await turn.sendActivity(who.ok ? 'Only partner staff with a Partner Center role can retry a move.' : who.message);
      return;
    }
    if (!state.lastFailure) {
      await turn.sendActivity(`Nothing has failed on the move of ${state.customerDomain}; it is at its next step already.`);
      await turn.sendActivity(cardActivity(moveCard(state)));
      return;
    }
    const after = await this.deps.orchestrator.retry(state.moveId);
    await turn.sendActivity(cardActivity(moveCard(after ?? state)));
  }
}
