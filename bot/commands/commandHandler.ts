import type { TurnContext } from 'botbuilder';
import type { PeopleToAsk } from '../peopleToAsk';
import type { CountryOption } from '../../cards/intakeCard';
import type { CardOptions } from '../../cards/moveView';
import type { ChatCommand } from '../../dialogs/commandParser';
import type { MoveOrchestrator } from '../../move/orchestrator';
import type { Actor } from '../../move/model';
import type { Access, ActorResolver } from '../actorResolver';
import type { ConversationRegistry } from '../conversationRegistry';
import type { WorkingCards } from '../workingCards';

/**
 * One handler per chat command. The router resolves who is asking before it calls a handler and refuses
 * those who may not use it (`access`, default 'staff': a Partner Center role); the decider checks the rest.
 */
export interface CommandHandler<K extends ChatCommand['kind'] = ChatCommand['kind']> {
  readonly kind: K;
  readonly access?: Access;
  /** The title of the notice that refuses someone (default "Nothing done"). */
  readonly refusalTitle?: string;
  /** Who may use the command, for the refusal of someone without a Partner Center role. */
  readonly whoCan?: string;
  handle(turn: TurnContext, command: Extract<ChatCommand, { kind: K }>, actor: Actor): Promise<void>;
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
  /** Who can do what was refused, by name (the partner's directory); absent: refusals name the roles only. */
  people?: PeopleToAsk;
  /** Working cards for steps still running when the answer goes (absent: the outcome comes as a new message). */
  workingCards?: WorkingCards;
}
