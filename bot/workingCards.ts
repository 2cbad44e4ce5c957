import { CardFactory, MessageFactory, TurnContext, type Activity } from 'botbuilder';
import { moveCard } from '../cards/moveCard';
import { waitingFor, type CardOptions } from '../cards/moveView';
import { workingCard } from '../cards/workingCard';
import type { MoveEvent } from '../move/events';
import type { Clock, Logger } from '../move/ports';
import type { MoveState } from '../move/state';
import type { ConversationRegistry, PostedMessage } from './conversationRegistry';
import type { OutboxItem } from './notificationOutbox';
import { statedLocale } from './viewerLocale';

export interface WorkingCardsOptions {
  /** The configured card options; `locale` is DEFAULT_LOCALE, for an asker whose language the bot does not know. */
  cards: CardOptions;
  log: Logger;
  /** Licence reassignment progress redraws a conversation's working card at most this often (default 5 s). */
  progressEveryMs?: number;
}

/** What a working card shows for a state: the work under way, or — once the step answered — the move's card. */
interface Drawn {
  activity: Partial<Activity>;
  answered: boolean;
  /** The kind the answer is kept as, so it is redrawn like any posted copy of that card (plan decided, blocker lifted). */
  keepAs: PostedMessage['kind'] | null;
}

/** A turn posts a card and tries again this many times when commits keep coming while it posts. */
const MAX_REDRAWS = 3;

/**
 * The working card: when a step someone asked for (a move started, a plan approved, another pass) is still running
 * as the turn must answer, the turn's answer is a card saying what the bot is doing. At each commit of the move it is
 * redrawn in place (an outbox 'update'), instead of new messages in that conversation; licence reassignment progress
 * at most once every `progressEveryMs` per conversation. The commit that answers the step (the move waits on someone
 * again, or a step failed) draws the move's card into it, always, and from then on it is an ordinary posted card.
 *
 * Kept with the posted messages (kind 'working'), so a restart or the sweep's catch-up goes on updating it.
 */
export class WorkingCards {
  private readonly cards: CardOptions;
  private readonly log: Logger;
  private readonly pacer: IntervalGate;

  constructor(private readonly registry: ConversationRegistry, private readonly clock: Clock, options: WorkingCardsOptions) {
    this.cards = options.cards;
    this.log = options.log;
    this.pacer = new IntervalGate(options.progressEveryMs ?? 5_000);
  }

  /**
   * Posts the working card as the turn's answer about the move (as it is now: `latest`), unless the conversation has
   * one for the move already or is the move's channel thread (which tells the move's story itself). Registered
   * before it is posted: a commit while it is on its way is not lost, the turn draws the card again.
   * False when nothing was posted (the caller answers as it would have).
   */
  async open(turn: TurnContext, moveId: string, latest: () => MoveState | undefined): Promise<boolean> {
    const { activityId: _incoming, ...reference } = TurnContext.getConversationReference(turn.activity);
    const conversationId = reference.conversation?.id ?? '';
    // The answer to the asker: in their Teams language and time zone, kept so every redraw is in them too.
    const drawnIn = drawnInOf(turn);
    if (!conversationId || (await this.registry.getThread(moveId))?.reference.conversation?.id === conversationId) return false;
    let claimed = false;
    let hasOne = false;
    await this.registry.changePosted(moveId, (posted) => {
      hasOne = posted.some((p) => isWorkingIn(p, conversationId));
      if (hasOne) return posted;
      claimed = true;
      return [...posted, { reference, activityId: '', kind: 'working', working: { status: 'posting', missed: false }, ...drawnIn }];
    });
    if (!claimed) return hasOne;

    let activityId = '';
    for (let round = 0; ; round += 1) {
      const state = latest();
      if (!state) { await this.forget(moveId, conversationId); return false; }
      const drawn = this.draw(state, drawnIn.drawnIn);
      try {
        if (!activityId) activityId = (await turn.sendActivity(drawn.activity))?.id ?? '';
        else await turn.updateActivity({ ...drawn.activity, id: activityId });
      } catch (error) {
        this.log.warn({ moveId, err: error instanceof Error ? error.message : String(error) }, 'could not post the working card; the outcome will come as a message');
        await this.forget(moveId, conversationId);
        return activityId !== '';
      }
      if (!activityId) { await this.forget(moveId, conversationId); return false; }
      let again = false;
      const postedId = activityId;
      await this.registry.changePosted(moveId, (posted) => posted.flatMap((p): PostedMessage[] => {
        if (!isWorkingIn(p, conversationId) || p.working?.status !== 'posting') return [p];
        if (p.working.missed && round < MAX_REDRAWS) {
          again = true;
          return [{ ...p, working: { status: 'posting', missed: false } }];
        }
        if (drawn.answered) return drawn.keepAs ? [{ reference, activityId: postedId, kind: drawn.keepAs, ...drawnIn }] : [];
        return [{ ...p, activityId: postedId, working: { status: 'open', missed: false } }];
      }));
      if (!again) {
        this.pacer.drawn(conversationId, this.clock.now().getTime());
        return true;
      }
    }
  }

  /**
   * The notifier's part at a commit: the updates of the move's working cards, and the conversations they cover (those
   * hear about these events through their working card, not in new messages).
   */
  async changed(state: MoveState, events: readonly MoveEvent[]): Promise<{ items: OutboxItem[]; covered: ReadonlySet<string> }> {
    const items: OutboxItem[] = [];
    const covered = new Set<string>();
    if (!(await this.registry.getPosted(state.moveId)).some((p) => p.kind === 'working')) return { items, covered };
    const now = this.clock.now().getTime();
    // Batches of a big reassignment come many a second: each conversation sees them at a bounded rate.
    const progressOnly = events.length > 0 && events.every((e) => e.type === 'LicencesReassigned');
    // Drawn once per language and time zone of the conversations' askers.
    const drawnPer = new Map<string, Drawn>();
    await this.registry.changePosted(state.moveId, (posted) => {
      if (!posted.some((p) => p.kind === 'working')) return posted;
      return posted.flatMap((p): PostedMessage[] => {
        if (p.kind !== 'working' || !p.working) return [p];
        const conversationId = p.reference.conversation?.id ?? '';
        covered.add(conversationId);
        // Its turn is posting it: the turn sees the flag and draws it again.
        if (p.working.status === 'posting') return [{ ...p, working: { ...p.working, missed: true } }];
        const key = JSON.stringify([p.drawnIn?.locale ?? '', p.drawnIn?.timeZone ?? '']);
        const drawn = drawnPer.get(key) ?? this.draw(state, p.drawnIn);
        drawnPer.set(key, drawn);
        if (!drawn.answered && progressOnly && !this.pacer.mayDraw(conversationId, now)) return [p];
        items.push({ kind: 'update', to: p.reference, activityId: p.activityId, activity: drawn.activity });
        this.pacer.drawn(conversationId, now);
        if (!drawn.answered) return [p];
        return drawn.keepAs ? [{ reference: p.reference, activityId: p.activityId, kind: drawn.keepAs, ...(p.drawnIn ? { drawnIn: p.drawnIn } : {}) }] : [];
      });
    });
    return { items, covered };
  }

  /** A step the turn no longer waits for (its working card shows the outcome): a failure of it is logged, not lost. */
  logLateFailure(running: Promise<unknown>, moveId: string): void {
    running.catch((error: unknown) => {
      this.log.error({ moveId, err: error instanceof Error ? error.stack ?? error.message : String(error) }, 'running the move\'s step again failed');
    });
  }

  private draw(state: MoveState, drawnIn: PostedMessage['drawnIn']): Drawn {
    const cards: CardOptions = drawnIn ? { ...this.cards, locale: drawnIn.locale ?? this.cards.locale, timeZone: drawnIn.timeZone ?? this.cards.timeZone } : this.cards;
    const answered = stepAnswered(state, cards);
    const card = answered ? moveCard(state, cards) : workingCard(state, cards);
    const keepAs = !answered ? null : state.stage === 'approval' ? 'plan' : state.stage === 'blocked' ? 'blocked' : null;
    return { activity: MessageFactory.attachment(CardFactory.adaptiveCard(card)), answered, keepAs };
  }

  private forget(moveId: string, conversationId: string): Promise<void> {
    return this.registry.changePosted(moveId, (posted) => posted.filter((p) => !(isWorkingIn(p, conversationId) && p.working?.status === 'posting')));
  }
}

/** The step answered once the move waits on a person, the customer, a date or nothing — or a step failed. */
export function stepAnswered(state: MoveState, cards: CardOptions): boolean {
  return state.lastFailure !== null || waitingFor(state, cards).on !== 'bot';
}

/** What the asker's activity states of their language and time zone, as kept with the working card (nothing: none). */
function drawnInOf(turn: TurnContext): Pick<PostedMessage, 'drawnIn'> {
  const { locale, timeZone } = statedLocale(turn);
  if (!locale && !timeZone) return {};
  return { drawnIn: { ...(locale ? { locale } : {}), ...(timeZone ? { timeZone } : {}) } };
}

function isWorkingIn(posted: PostedMessage, conversationId: string): boolean {
  return posted.kind === 'working' && posted.working !== undefined && posted.reference.conversation?.id === conversationId;
}

/** At most one draw per key every `everyMs` (by the injected clock's milliseconds); forgets keys once their time passed. */
class IntervalGate {
  private readonly last = new Map<string, number>();

  constructor(private readonly everyMs: number) {}

  mayDraw(key: string, now: number): boolean {
    const last = this.last.get(key);
    return last === undefined || now - last >= this.everyMs;
  }

  drawn(key: string, now: number): void {
    for (const [other, at] of this.last) if (now - at >= this.everyMs) this.last.delete(other);
    this.last.set(key, now);
  }
}
