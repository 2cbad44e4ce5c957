import { CardFactory, MessageFactory, type Activity, type ConversationReference } from 'botbuilder';
import { blockedCard } from '../cards/blockedCard';
import type { AdaptiveCardJson } from '../cards/common';
import { doneCard } from '../cards/doneCard';
import { eventText } from '../cards/eventText';
import { invitationCard } from '../cards/invitationCard';
import { inventoryCard } from '../cards/inventoryCard';
import { moveCard } from '../cards/moveCard';
import type { CardOptions, InvitationMailOptions } from '../cards/moveView';
import { planCard } from '../cards/planCard';
import type { MoveEvent } from '../move/events';
import { DEFAULT_APPROVAL_POLICY, type ApprovalPolicy } from '../move/policy';
import type { Logger, Notifier } from '../move/ports';
import type { MoveState } from '../move/state';
import type { ConversationRegistry, PostedMessage } from './conversationRegistry';
import type { TeamsPosting } from './teamsPoster';
import type { TurnScope } from './turnScope';

/** Events worth a card of their own; the rest are one line of text. */
function milestoneCard(event: MoveEvent, state: MoveState, options: CardOptions): { card: AdaptiveCardJson; kind: PostedMessage['kind'] | null } | null {
  switch (event.type) {
    case 'InvitationIssued': return { card: invitationCard(state, options), kind: null };
    case 'InventoryTaken': return { card: inventoryCard(state), kind: null };
    case 'PlanProposed': return state.stage === 'approval' ? { card: planCard(state, options), kind: 'plan' } : null;
    // Kept so that every copy shows what happened once someone resolves the blocker (see refreshPostedCards).
    case 'MoveBlocked': return { card: blockedCard(state), kind: 'blocked' };
    case 'SourceAdviceGiven': return { card: doneCard(state), kind: null };
    // With originals to watch, the final card came with the advice; completion months later is a line of text.
    case 'MoveCompleted': return state.advice.length === 0 ? { card: doneCard(state), kind: null } : null;
    default: return null;
  }
}

export function cardActivity(card: AdaptiveCardJson): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

/** Events after which posted cards of that kind are out of date and are drawn again in place. */
const DECIDES_PLAN: ReadonlySet<MoveEvent['type']> = new Set(['PlanApproved', 'PlanRejected', 'MoveCancelled']);
const RESOLVES_BLOCK: ReadonlySet<MoveEvent['type']> = new Set(['BlockOverridden', 'OfferChosen', 'InventoryTaken', 'ReassignmentResumed']);

export interface TeamsNotifierOptions {
  /** The approval policy the decider enforces, for the plan card's approvers (default DEFAULT_APPROVAL_POLICY). */
  approvalPolicy?: ApprovalPolicy;
  /** How the bot can email the invitation, for the invitation card's form (absent: it cannot). */
  invitationMail?: InvitationMailOptions;
}

/**
 * Tells people what happened to a move: in the conversation it was started from, and in its own
 * thread in the notification channel (root post kept up to date, one reply per change). Failures to
 * post are logged and never stop the move.
 */
export class TeamsNotifier implements Notifier {
  private readonly cards: CardOptions;

  constructor(
    private readonly registry: ConversationRegistry,
    private readonly poster: TeamsPosting,
    private readonly turns: TurnScope,
    private readonly log: Logger,
    options: TeamsNotifierOptions = {},
  ) {
    this.cards = { approvalPolicy: options.approvalPolicy ?? DEFAULT_APPROVAL_POLICY, invitationMail: options.invitationMail };
  }

  async moveChanged(state: MoveState, newEvents: MoveEvent[]): Promise<void> {
    const messages = this.messagesFor(state, newEvents);
    await Promise.all([
      this.postToFollowers(state, messages),
      this.postToChannel(state, messages),
      this.refreshPostedCards(state, newEvents),
    ]);
  }

  private messagesFor(state: MoveState, events: MoveEvent[]): Array<{ activity: Partial<Activity>; kind: PostedMessage['kind'] | null }> {
    const lines: string[] = [];
    const messages: Array<{ activity: Partial<Activity>; kind: PostedMessage['kind'] | null }> = [];
    for (const event of events) {
      // A repeated failure of the same step is said once, not at every retry.
      if (event.type === 'StepFailed' && (state.lastFailure?.attempts ?? 1) > 1) continue;
      // A big tenant is reassigned in many batches: the thread's root card shows the progress, and the
      // end of the pass is said once (ReassignmentFinished), rather than one post per batch.
      if (event.type === 'LicencesReassigned') continue;
      // An invitation email is said once, with its outcome; the request and the attempt are in the audit export.
      if (event.type === 'InvitationEmailRequested' || event.type === 'InvitationEmailAttempted') continue;
      const milestone = milestoneCard(event, state, this.cards);
      if (milestone) messages.push({ activity: cardActivity(milestone.card), kind: milestone.kind });
      else lines.push(eventText(event, state, this.cards));
    }
    if (lines.length > 0) messages.unshift({ activity: MessageFactory.text(lines.join('\n\n')), kind: null });
    return messages;
  }

  private async postToFollowers(state: MoveState, messages: Array<{ activity: Partial<Activity>; kind: PostedMessage['kind'] | null }>): Promise<void> {
    for (const follower of await this.registry.getFollowers(state.moveId)) {
      const conversationId = follower.conversation?.id;
      if (!conversationId || this.turns.answers(conversationId)) continue;
      try {
        for (const message of messages) {
          const activityId = await this.poster.send(follower, message.activity);
          if (message.kind) await this.registry.addPosted(state.moveId, { reference: follower, activityId, kind: message.kind });
        }
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        // Teams no longer knows this conversation (app removed, chat gone): stop posting there.
        if (status === 403 || status === 404) await this.registry.removeFollower(state.moveId, conversationId);
        this.log.warn({ moveId: state.moveId, where: 'follower', status, err: error instanceof Error ? error.message : String(error) }, 'could not post to Teams');
      }
    }
  }

  private async postToChannel(state: MoveState, messages: Array<{ activity: Partial<Activity>; kind: PostedMessage['kind'] | null }>): Promise<void> {
    const channel = await this.registry.getNotificationChannel();
    if (!channel) return;
    await this.safely(state, 'channel', async () => {
      let thread = await this.registry.getThread(state.moveId);
      if (!thread) {
        thread = await this.poster.startThread(channel.reference, channel.channelId, cardActivity(moveCard(state, this.cards)));
        await this.registry.setThread(state.moveId, thread);
      } else {
        await this.poster.update(thread.reference, thread.rootActivityId, cardActivity(moveCard(state, this.cards)));
      }
      for (const message of messages) {
        const activityId = await this.poster.send(thread.reference, message.activity);
        if (message.kind) await this.registry.addPosted(state.moveId, { reference: thread.reference, activityId, kind: message.kind });
      }
    });
  }

  /**
   * After approval or rejection every copy of the plan card shows the decision, without buttons; once a
   * blocker is resolved (offers picked, inventory typed, another pass, override) every copy of the blocked
   * card shows where the move is now, so nobody fills in a form that no longer applies.
   */
  private async refreshPostedCards(state: MoveState, events: MoveEvent[]): Promise<void> {
    const kinds = new Set<PostedMessage['kind']>();
    if (events.some((e) => DECIDES_PLAN.has(e.type))) kinds.add('plan');
    if (events.some((e) => RESOLVES_BLOCK.has(e.type))) kinds.add('blocked');
    if (kinds.size === 0) return;
    const posted = (await this.registry.getPosted(state.moveId)).filter((p) => kinds.has(p.kind));
    for (const message of posted) {
      if (this.turns.answers(message.reference.conversation?.id ?? '')) continue;
      const card = message.kind === 'plan' ? planCard(state, this.cards) : moveCard(state, this.cards);
      await this.safely(state, `${message.kind}-card`, () => this.poster.update(message.reference, message.activityId, cardActivity(card)));
    }
  }

  private async safely(state: MoveState, where: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.log.warn({ moveId: state.moveId, where, err: error instanceof Error ? error.message : String(error) }, 'could not post to Teams');
    }
  }
}

export type { ConversationReference };
