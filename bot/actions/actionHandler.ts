import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { CountryOption } from '../../cards/intakeCard';
import type { CardOptions } from '../../cards/moveView';
import type { Actor } from '../../move/model';
import type { MoveOrchestrator } from '../../move/orchestrator';
import type { ConversationRegistry } from '../conversationRegistry';
import type { SsoGate } from '../ssoGate';

/** What every card-action handler gets: the turn, the verified actor and the card's data. */
export interface ActionContext {
  turn: TurnContext;
  actor: Actor;
  data: Record<string, unknown>;
}

/** One handler per verb (DESIGN §5): `move.<step>.<action>`. */
export interface ActionHandler {
  readonly verb: string;
  handle(context: ActionContext): Promise<AdaptiveCardInvokeResponse>;
}

export interface ActionDeps {
  orchestrator: MoveOrchestrator;
  registry: ConversationRegistry;
  countries: CountryOption[];
  partnerRegion: () => Promise<string>;
  replyBudgetMs: number;
  /** Teams single sign-on for the clicks that act as the staff member (off without an OAuth connection). */
  sso: SsoGate;
  /** What the cards need from configuration: the approval policy the decider enforces. */
  cardOptions: CardOptions;
}

const MOVE_ID_PATTERN = /^mv-[A-Za-z0-9-]{1,100}$/;

/** The move id from card data, or null when it is missing or malformed (forged data). */
export function moveIdFrom(data: Record<string, unknown>): string | null {
  const value = data.moveId;
  return typeof value === 'string' && MOVE_ID_PATTERN.test(value) ? value : null;
}

export function textFrom(data: Record<string, unknown>, key: string, max = 500): string {
  const value = data[key];
  return typeof value === 'string' ? value.slice(0, max) : '';
}

/** A multi-select's values: Teams sends them comma-separated; a list is taken as is. Forged shapes give []. */
export function listFrom(data: Record<string, unknown>, key: string, maxItems = 10): string[] {
  const value = data[key];
  const items = typeof value === 'string' ? value.slice(0, 2000).split(',') : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  return items.map((item) => item.trim().slice(0, 100)).filter(Boolean).slice(0, maxItems);
}

/** The answer to a card that names a move this instance does not know. */
export const MOVE_GONE = 'This card belongs to a move that does not exist here any more. Say `list` to see the moves.';

/** Waits for the move to settle, but never longer than the reply budget (Teams wants a quick answer). */
export async function settleWithin(settled: Promise<void>, budgetMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([settled, new Promise<void>((resolve) => { timer = setTimeout(resolve, budgetMs); })]);
  if (timer) clearTimeout(timer);
}
