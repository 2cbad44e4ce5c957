import { CardFactory, MessageFactory, type Activity, type ConversationReference } from 'botbuilder';
import { blockedCard } from '../cards/blockedCard';
import { withAutoRefreshFor, type AdaptiveCardJson } from '../cards/common';
import { doneCard } from '../cards/doneCard';
import { eventText } from '../cards/eventText';
import { invitationCard } from '../cards/invitationCard';
import { inventoryCard } from '../cards/inventoryCard';
import { moveCard } from '../cards/moveCard';
import type { CardOptions, InvitationMailOptions } from '../cards/moveView';
import { planCard } from '../cards/planCard';
import { askApproverText, asksApprovers, threadLine } from '../cards/threadLine';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, type Locale } from '../cards/i18n/locales';
import type { MoveEvent } from '../move/events';
import { DEFAULT_APPROVAL_POLICY, type ApprovalPolicy } from '../move/policy';
import type { Clock, Notifier } from '../move/ports';
import type { MoveState } from '../move/state';
import type { ConversationRegistry, PostedMessage } from './conversationRegistry';
import type { NotificationOutbox, OutboxItem } from './notificationOutbox';
import type { PeopleToAsk, PersonToAsk } from './peopleToAsk';
import { mentionActivity } from './mentions';
import type { TurnScope } from './turnScope';
import type { ViewerLocale } from './viewerLocale';
import type { WorkingCards } from './workingCards';

/** Events worth a card of their own; the rest are one line of text. */
function milestoneCard(event: MoveEvent, state: MoveState, options: CardOptions): { card: AdaptiveCardJson; kind: PostedMessage['kind'] | null } | null {
  switch (event.type) {
    case 'InvitationIssued': return { card: invitationCard(state, options), kind: null };
    case 'InventoryTaken': return { card: inventoryCard(state, options), kind: null };
    case 'PlanProposed': return state.stage === 'approval' ? { card: planCard(state, options), kind: 'plan' } : null;
    // Kept so that every copy shows what happened once someone resolves the blocker (see refreshPostedCards).
    case 'MoveBlocked': return { card: blockedCard(state, options), kind: 'blocked' };
    case 'SourceAdviceGiven': return { card: doneCard(state, options), kind: null };
    // With originals to watch, the final card came with the advice; completion months later is a line of text.
    case 'MoveCompleted': return state.advice.length === 0 ? { card: doneCard(state, options), kind: null } : null;
    default: return null;
  }
}

export function cardActivity(card: AdaptiveCardJson): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

/** Events after which posted cards of that kind are out of date and are drawn again in place. */
// A changed plan is drawn again in place too: the old card's Approve was for the plan before the change.
const CHANGES_PLAN_CARDS: ReadonlySet<MoveEvent['type']> = new Set(['PlanApproved', 'PlanRejected', 'MoveCancelled', 'PlanAdjusted']);
const RESOLVES_BLOCK: ReadonlySet<MoveEvent['type']> = new Set(['BlockOverridden', 'OfferChosen', 'InventoryTaken', 'ReassignmentResumed']);

export interface TeamsNotifierOptions {
  /** The approval policy the decider enforces, for the plan card's approvers (default DEFAULT_APPROVAL_POLICY). */
  approvalPolicy?: ApprovalPolicy;
  /** How the bot can email the invitation, for the invitation card's form (absent: it cannot). */
  invitationMail?: InvitationMailOptions;
  /** Who can take the next step, by name (the partner's directory): @mentioned and asked in their personal chat. */
  people?: PeopleToAsk;
  /** Working cards in the chats where slow steps were asked for, updated in place instead of new messages there. */
  workingCards?: WorkingCards;
  /** DEFAULT_LOCALE: the language of what is posted for everyone (in UTC), and for people whose language is not known. */
  defaultLocale?: Locale;
}

/**
 * Tells people what happened to a move: in the conversations that follow it, and in its own thread in the
 * notification channel (root post kept up to date, one reply per change). It decides what to say when the
 * events are committed and hands it to the outbox, which delivers it to Teams afterwards — a click never
 * waits for Teams, and a post Teams did not take is retried, never lost.
 */
export class TeamsNotifier implements Notifier {
  private readonly cards: CardOptions;
  private readonly people: PeopleToAsk | undefined;
  private readonly workingCards: WorkingCards | undefined;

  constructor(
    private readonly registry: ConversationRegistry,
    private readonly outbox: NotificationOutbox,
    private readonly turns: TurnScope,
    private readonly clock: Clock,
    options: TeamsNotifierOptions = {},
  ) {
    this.cards = {
      approvalPolicy: options.approvalPolicy ?? DEFAULT_APPROVAL_POLICY, invitationMail: options.invitationMail, now: () => clock.now(),
      locale: options.defaultLocale ?? DEFAULT_LOCALE, timeZone: DEFAULT_TIME_ZONE,
    };
    this.people = options.people;
    this.workingCards = options.workingCards;
  }

  async moveChanged(state: MoveState, newEvents: MoveEvent[]): Promise<void> {
    // While the plan waits, the cards name its approvers and Teams refreshes the cards for them by itself.
    const approvers = state.stage === 'approval' && this.people ? await this.people.approversOf(state, this.cards.approvalPolicy) : [];
    const cards: CardOptions = approvers.length > 0 ? { ...this.cards, approverNames: approvers.map((p) => p.name) } : this.cards;
    const refreshFor = this.people ? await this.people.refreshFor(approvers) : [];
    const followers = await this.registry.getFollowers(state.moveId);
    // A conversation with a working card for the move hears these events through it (its update), not in new messages.
    const working = await this.workingCards?.changed(state, newEvents);
    const items = [
      ...working?.items ?? [],
      ...await this.forFollowers(state, newEvents, followers.filter((f) => !working?.covered.has(f.conversation?.id ?? '')), cards),
      ...await this.forChannel(state, newEvents, cards, { approvers, refreshFor }),
      ...this.forApprovers(state, newEvents, cards, approvers, followers),
      ...await this.refreshedCards(state, newEvents, cards, refreshFor),
    ];
    await this.outbox.append(state.moveId, state.version, newEvents.length, items);
  }

  /**
   * The sweep's turn: events committed but never turned into posts (the process stopped in between) are said
   * now — once they are a minute old, so an instance still at it is not doubled — and due deliveries retried.
   */
  async catchUp(moves: readonly MoveState[], history: (moveId: string) => Promise<MoveEvent[]>): Promise<void> {
    const settledBefore = this.clock.now().getTime() - 60_000;
    for (const state of moves) {
      const covered = await this.outbox.coveredUpTo(state.moveId);
      if (covered === null) {
        // Not seen before (started before the outbox existed): from now on, nothing earlier is said again.
        await this.outbox.adopt(state.moveId, state.version);
      } else if (covered < state.version && Date.parse(state.updatedAt ?? '') <= settledBefore) {
        await this.moveChanged(state, (await history(state.moveId)).slice(covered));
      }
    }
    await this.outbox.deliverDue(moves.map((m) => m.moveId));
  }

  /** What the conversations following the move hear: a line per event, and the cards of the milestones. */
  private messagesFor(state: MoveState, events: MoveEvent[], cards: CardOptions): Message[] {
    const lines: string[] = [];
    const messages: Message[] = [];
    for (const event of events) {
      // A repeated failure of the same step is said once, not at every retry.
      if (event.type === 'StepFailed' && (state.lastFailure?.attempts ?? 1) > 1) continue;
      // Withdrawing a cancelled move's GDAP request: its first failure is said, then only how it ends.
      if (event.type === 'RequestsWithdrawn' && event.outcome === 'failed' && (state.withdrawal?.attempts ?? 1) > 1) continue;
      // A big tenant is reassigned in many batches: the thread's root card shows the progress, and the
      // end of the pass is said once (ReassignmentFinished), rather than one post per batch.
      if (event.type === 'LicencesReassigned') continue;
      // An invitation email is said once, with its outcome; the request and the attempt are in the audit export.
      if (event.type === 'InvitationEmailRequested' || event.type === 'InvitationEmailAttempted') continue;
      const milestone = milestoneCard(event, state, cards);
      if (milestone) messages.push({ activity: cardActivity(milestone.card), kind: milestone.kind });
      else lines.push(eventText(event, state, cards));
    }
    if (lines.length > 0) messages.unshift({ activity: MessageFactory.text(lines.join('\n\n')), kind: null });
    return messages;
  }

  /**
   * Every follower but the conversation whose turn is answering right now (its reply already shows the change): a
   * personal chat in its person's language when the roster knows it, a group chat in DEFAULT_LOCALE.
   */
  private async forFollowers(state: MoveState, events: MoveEvent[], followers: readonly Partial<ConversationReference>[], cards: CardOptions): Promise<OutboxItem[]> {
    const items: OutboxItem[] = [];
    const drawn = new Map<string, Message[]>();
    for (const follower of followers) {
      const conversationId = follower.conversation?.id;
      if (!conversationId || this.turns.answers(conversationId)) continue;
      const reads = (await this.people?.readerOf(follower)) ?? null;
      const options = inLanguageOf(cards, reads);
      const key = `${options.locale}|${options.timeZone}`;
      const messages = drawn.get(key) ?? this.messagesFor(state, events, options);
      drawn.set(key, messages);
      for (const message of messages) items.push({ kind: 'follower', to: follower, activity: message.activity, remember: message.kind, ...(reads ? { drawnIn: reads } : {}) });
    }
    return items;
  }

  /**
   * The move's thread in the notification channel: its root card redrawn in place, and one reply for the milestones
   * of these events (none for working steps), @mentioning the approvers when the plan waits for them.
   */
  private async forChannel(
    state: MoveState, events: MoveEvent[], cards: CardOptions, { approvers, refreshFor }: { approvers: PersonToAsk[]; refreshFor: string[] },
  ): Promise<OutboxItem[]> {
    const channel = await this.registry.getNotificationChannel();
    if (!channel) return [];
    // A thread opens once the move passed its pre-flight checks: one refused there is the starter's business alone.
    if (!pastPreflight(state) && !(await this.registry.getThread(state.moveId))) return [];
    const root = withAutoRefreshFor(moveCard(state, cards), refreshFor);
    const items: OutboxItem[] = [{ kind: 'thread-root', channel: channel.reference, channelId: channel.channelId, activity: cardActivity(root) }];
    const lines = events
      .filter((event) => !(event.type === 'StepFailed' && (state.lastFailure?.attempts ?? 1) > 1))
      .filter((event) => !(event.type === 'RequestsWithdrawn' && event.outcome === 'failed' && (state.withdrawal?.attempts ?? 1) > 1))
      .map((event) => threadLine(event, state, cards))
      .filter((line): line is string => line !== null);
    if (lines.length > 0) {
      const mention = [
        ...(events.some((event) => asksApprovers(event, state)) ? approvers : []),
        ...(this.people ? await this.people.followUpOwners(state, events) : []),
      ];
      items.push({ kind: 'thread-reply', activity: mentionActivity(lines.join('\n\n'), mention), remember: null });
    }
    return items;
  }

  /**
   * A plan that has just come to wait for approval is taken to each approver's personal chat (where they used the
   * bot), unless that chat already follows the move: the card to decide on, redrawn there once someone decides.
   */
  private forApprovers(
    state: MoveState, events: MoveEvent[], cards: CardOptions, approvers: PersonToAsk[], followers: readonly Partial<ConversationReference>[],
  ): OutboxItem[] {
    if (state.stage !== 'approval' || !events.some((event) => event.type === 'PlanProposed')) return [];
    const following = new Set(followers.map((f) => f.conversation?.id));
    return approvers
      .filter((person) => person.personal?.conversation?.id && !following.has(person.personal.conversation.id) && !this.turns.answers(person.personal.conversation.id))
      .map((person): OutboxItem => {
        // In their own language when the roster knows it: the card is theirs alone.
        const theirs = inLanguageOf(cards, person.reads);
        const card = withAutoRefreshFor(planCard(state, theirs), person.mri ? [person.mri] : []);
        const drawnIn = person.reads ? { drawnIn: person.reads } : {};
        return { kind: 'follower', to: person.personal!, activity: { ...cardActivity(card), text: askApproverText(state, theirs.locale) }, remember: 'plan', ...drawnIn };
      });
  }

  /**
   * After approval or rejection every copy of the plan card shows the decision, without buttons; once a
   * blocker is resolved (offers picked, inventory typed, another pass, override) every copy of the blocked
   * card shows where the move is now, so nobody fills in a form that no longer applies.
   */
  private async refreshedCards(state: MoveState, events: MoveEvent[], cards: CardOptions, refreshFor: string[]): Promise<OutboxItem[]> {
    const kinds = new Set<PostedMessage['kind']>();
    if (events.some((e) => CHANGES_PLAN_CARDS.has(e.type))) kinds.add('plan');
    if (events.some((e) => RESOLVES_BLOCK.has(e.type))) kinds.add('blocked');
    if (kinds.size === 0) return [];
    const posted = (await this.registry.getPosted(state.moveId)).filter((p) => kinds.has(p.kind));
    return posted
      .filter((message) => !this.turns.answers(message.reference.conversation?.id ?? ''))
      .map((message): OutboxItem => ({
        kind: 'update', to: message.reference, activityId: message.activityId,
        activity: cardActivity(withAutoRefreshFor(redraw(message.kind, state, inLanguageOf(cards, message.drawnIn)), refreshFor)),
      }));
  }
}

/** The options for a copy drawn for one person: in their language and time zone where known, else the copy for everyone's. */
function inLanguageOf(cards: CardOptions, reads: Partial<ViewerLocale> | null | undefined): CardOptions {
  return reads ? { ...cards, locale: reads.locale ?? cards.locale, timeZone: reads.timeZone ?? cards.timeZone } : cards;
}

function redraw(kind: PostedMessage['kind'], state: MoveState, cards: CardOptions): AdaptiveCardJson {
  return kind === 'plan' ? planCard(state, cards) : moveCard(state, cards);
}

/**
 * Whether the move got past its pre-flight checks: not still at them, nor blocked there (the same-region rule, an
 * unknown tenant or country, a second move of one tenant), nor cancelled before them.
 */
function pastPreflight(state: MoveState): boolean {
  const at = state.stage === 'blocked' ? state.blocked?.fromStage : state.stage === 'cancelled' && state.invitation === null && !state.plan ? 'preflight' : state.stage;
  return at !== 'intake' && at !== 'preflight';
}

interface Message {
  activity: Partial<Activity>;
  kind: PostedMessage['kind'] | null;
}

export type { ConversationReference };
