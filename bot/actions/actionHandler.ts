import { refusalText } from '../../cards/refusalText';
import type { PeopleToAsk } from '../peopleToAsk';
import { refusalFor } from '../refusalWords';
import { TurnContext, type AdaptiveCardInvokeResponse } from 'botbuilder';
import type { ZodType } from 'zod';
import type { MoveAction } from '../../cards/common';
import type { CountryOption } from '../../cards/intakeCard';
import { moveCard } from '../../cards/moveCard';
import type { CardOptions } from '../../cards/moveView';
import { latestChange, type Refusal, type RefusalCode } from '../../move/decider';
import { refusal } from '../../move/refusals';
import { withStaleNotice } from '../../cards/staleNotice';
import type { Actor } from '../../move/model';
import type { CommandResult, MoveOrchestrator } from '../../move/orchestrator';
import type { MoveState } from '../../move/state';
import { cardResponse, messageResponse } from '../invokeResponses';
import type { ConversationRegistry } from '../conversationRegistry';
import type { SsoGate } from '../ssoGate';
import type { WorkingCards } from '../workingCards';
import { cardOptionsFor } from '../viewerCardOptions';
import { t } from '../../cards/i18n/catalog';
import type { Locale } from '../../cards/i18n/locales';
import { viewerLocale } from '../viewerLocale';

/** What every card-action handler gets: the turn, the verified actor and the card's data, as its contract parsed it. */
export interface ActionContext<Data = unknown> {
  turn: TurnContext;
  actor: Actor;
  data: Data;
}

/** Who clicked, and the activity of their click (their Teams language and time zone): whom an answer is drawn for. */
export type Clicker = Pick<ActionContext, 'turn' | 'actor'>;

/** One handler per verb (docs/ARCHITECTURE.md §5): `move.<step>.<action>`. */
export interface ActionHandler<Data = unknown> {
  readonly verb: string;
  /**
   * What the verb's data must be (the schema beside the card that emits the verb). The router parses the data
   * with it before `handle`, and answers data that does not fit with 400 BadRequest naming the field.
   */
  readonly contract: ZodType<Data>;
  /** Who may do it, for the refusal of someone without a Partner Center role (default: who starts and approves moves). */
  readonly whoCan?: string;
  handle(context: ActionContext<Data>): Promise<AdaptiveCardInvokeResponse>;
}

export interface ActionDeps {
  orchestrator: MoveOrchestrator;
  registry: ConversationRegistry;
  countries: CountryOption[];
  partnerRegion: () => Promise<string>;
  /** The partner's company name (Partner Center profile), for the invitation email's subject; null when unknown. */
  partnerName: () => Promise<string | null>;
  replyBudgetMs: number;
  /** Teams single sign-on for the clicks that act as the staff member (off without an OAuth connection). */
  sso: SsoGate;
  /** What the cards need from configuration: the approval policy the decider enforces, how invitations are emailed. */
  cardOptions: CardOptions;
  /** Working cards for steps still running when the answer goes (absent: the outcome comes as a new message). */
  workingCards?: WorkingCards;
  /** Who can do what was refused, by name (the partner's directory); absent: refusals name the roles only. */
  people?: PeopleToAsk;
}

/** The answer to a card that names a move this instance does not know, in `locale` (the clicker's). */
export function moveGone(locale: Locale): string {
  return t(locale, 'replies.moveGone');
}

/** The answer to a card that names a move this instance does not know (English). */
export const MOVE_GONE = moveGone('en');

/** The same answer in the language of the person who clicked (the configured DEFAULT_LOCALE when Teams names none we speak). */
export function moveGoneFor(deps: Pick<ActionDeps, 'cardOptions'>, turn: Pick<TurnContext, 'activity'>): string {
  return moveGone(viewerLocale(turn, deps.cardOptions.locale).locale);
}

/** Waits for the move to settle, but never longer than the reply budget (Teams wants a quick answer). */
export async function settleWithin(settled: Promise<void>, budgetMs: number): Promise<void> {
  await settlesWithin(settled, budgetMs);
}

/** Like settleWithin; true when the move settled within the budget, false when the answer must go before it has. */
export async function settlesWithin(settled: Promise<void>, budgetMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const inTime = await Promise.race([settled.then(() => true), new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), budgetMs); })]);
  if (timer) clearTimeout(timer);
  return inTime;
}

/**
 * After a click or command that is still running when the answer must go: a working card in the conversation, which
 * shows the outcome in place when it comes (bot/workingCards.ts). True when one was posted (or is there already).
 */
export async function postWorkingCard(deps: Pick<ActionDeps, 'orchestrator' | 'workingCards'>, turn: TurnContext, moveId: string): Promise<boolean> {
  return (await deps.workingCards?.open(turn, moveId, () => deps.orchestrator.get(moveId))) ?? false;
}

/** The move a click is about, as the store has it now; or the answer to give when there is no such move. */
export async function clickedMove(
  deps: ActionDeps, moveId: string | null, turn?: Pick<TurnContext, 'activity'>,
): Promise<{ moveId: string; state: MoveState } | { answer: AdaptiveCardInvokeResponse }> {
  const state = moveId ? await deps.orchestrator.find(moveId) : undefined;
  return moveId && state ? { moveId, state } : { answer: messageResponse(turn ? moveGoneFor(deps, turn) : MOVE_GONE) };
}

/**
 * Today's card for a move (after a refusal that only means the clicked card was out of date), drawn for the person
 * who clicked: Teams shows an invoke's answer to them alone, so it offers only what they may do, in their language.
 */
export function todaysCard(deps: ActionDeps, moveId: string, fallback: MoveState, { turn, actor }: Clicker): AdaptiveCardInvokeResponse {
  return cardResponse(moveCard(deps.orchestrator.get(moveId) ?? fallback, cardOptionsFor(deps.cardOptions, turn, actor)));
}

const STAGE_ONLY_REFUSALS: ReadonlySet<string> = new Set(['wrong-stage', 'no-plan-waiting', 'already-approved', 'move-ended']);

/**
 * The answer to a click whose button no longer applies: today's card, headed by what happened meanwhile and by whom
 * (`why`; by default what took the move on, from its state) — "Adele Vance approved this plan at …; nothing was done".
 */
export function staleCard(deps: ActionDeps, moveId: string, fallback: MoveState, { turn, actor }: Clicker, why?: Refusal): AdaptiveCardInvokeResponse {
  const state = deps.orchestrator.get(moveId) ?? fallback;
  // Refusals that only name the stage are worded from what took the move there, with who and when.
  const reason = why && !STAGE_ONLY_REFUSALS.has(why.reason.kind) ? why : refusal({ kind: 'card-outdated', change: latestChange(state) });
  return cardResponse(withStaleNotice(moveCard(state, cardOptionsFor(deps.cardOptions, turn, actor)), refusalText(reason)));
}

/**
 * The answer to what a click asked of a move. Accepted: whoever clicked follows the move (they hear how it
 * ends, where they clicked) and gets the card as it stands once the move settles, within the reply budget.
 * Refused because the card was out of date (`cardWasStale`): today's card. Otherwise the refusal, as worded.
 */
export async function answerClick(
  deps: ActionDeps, { turn, actor }: { turn: TurnContext; actor: Actor }, moveId: string, before: MoveState, result: CommandResult,
  cardWasStale: readonly RefusalCode[] = ['wrong-stage'],
): Promise<AdaptiveCardInvokeResponse> {
  if (!result.ok) return cardWasStale.includes(result.refusal.code) ? staleCard(deps, moveId, before, { turn, actor }, result.refusal) : messageResponse(await refusalFor(result.refusal, actor, deps.people));
  await deps.registry.addFollower(moveId, TurnContext.getConversationReference(turn.activity));
  // Still running (a purchase, another pass): the clicked card shows the move as it stands, and a working card in
  // the conversation shows the outcome when it comes.
  if (!(await settlesWithin(result.settled, deps.replyBudgetMs))) await postWorkingCard(deps, turn, moveId);
  return todaysCard(deps, moveId, result.state, { turn, actor });
}

/**
 * A click on a move's card: finds the move (or says it is gone), sends a click on an out-of-date card back
 * today's card (unless the card is a form whose version moves while someone types), then acts.
 */
export abstract class MoveCardAction<Data extends MoveAction> implements ActionHandler<Data> {
  abstract readonly verb: string;
  abstract readonly contract: ZodType<Data>;
  /** False for forms whose card version changes under the typist; the decider then judges the click. */
  protected readonly needsCurrentCard: boolean = true;

  constructor(protected readonly deps: ActionDeps) {}

  async handle(context: ActionContext<Data>): Promise<AdaptiveCardInvokeResponse> {
    const clicked = await clickedMove(this.deps, context.data.moveId, context.turn);
    if ('answer' in clicked) return clicked.answer;
    if (this.needsCurrentCard && context.data.version !== clicked.state.version) return staleCard(this.deps, clicked.moveId, clicked.state, context);
    return this.act(context, clicked.moveId, clicked.state);
  }

  protected abstract act(context: ActionContext<Data>, moveId: string, state: MoveState): Promise<AdaptiveCardInvokeResponse>;
}
