import type { TurnContext } from 'botbuilder';
import type { CountryOption } from '../../cards/intakeCard';
import type { CardOptions } from '../../cards/moveView';
import type { ChatCommand } from '../../dialogs/commandParser';
import type { MoveOrchestrator } from '../../move/orchestrator';
import type { ActorResolver } from '../actorResolver';
import type { ConversationRegistry } from '../conversationRegistry';

/** One handler per chat command. */
export interface CommandHandler<K extends ChatCommand['kind'] = ChatCommand['kind']> {
  readonly kind: K;
  handle(turn: TurnContext, command: Extract<ChatCommand, { kind: K }>): Promise<void>;
}

export interface CommandDeps {
  orchestrator: MoveOrchestrator;
  registry: ConversationRegistry;
  actors: ActorResolver;
  countries: CountryOption[];
  partnerRegion: () => Promise<string>;
  replyBudgetMs: number;
  now: () => Date;
  /** What the cards need from configuration: the approval policy the decider enforces. */
  cardOptions: CardOptions;
}
