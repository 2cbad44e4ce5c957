import type { ConversationReference } from 'botbuilder';
import { KeyedSerialQueue } from '../move/keyedSerialQueue';
import type { KeyValueStore } from '../store/keyValueStore';
import type { ViewerLocale } from './viewerLocale';

/** The channel chosen with `notify here`: a reference to reach it and the ids to start threads in it. */
export interface NotificationChannel {
  reference: Partial<ConversationReference>;
  channelId: string;
  teamId: string | null;
  chosenBy: string;
  chosenAt: string;
}

function withoutActivity(reference: Partial<ConversationReference>): Partial<ConversationReference> {
  const { activityId: _ignored, ...rest } = reference;
  return rest;
}

/** A message we posted and may update later (a move's root post, a plan card, a blocked card, a working card). */
export interface PostedMessage {
  reference: Partial<ConversationReference>;
  activityId: string;
  kind: 'root' | 'plan' | 'origin-card' | 'blocked' | 'working';
  /** A working card's progress (bot/workingCards.ts); absent on the other kinds. */
  working?: WorkingCardState;
  /**
   * The language and time zone of the one person this copy was drawn for (the asker of a working card, an approver
   * asked in their personal chat), so it is redrawn in them; absent: a copy for everyone (DEFAULT_LOCALE, UTC).
   */
  drawnIn?: Partial<ViewerLocale>;
}

/**
 * A working card is 'posting' while the turn that asked posts it (its activity id is not known yet; a commit meanwhile
 * sets `missed`, and the turn draws it again), then 'open': redrawn in place at each commit until its step answered.
 */
export interface WorkingCardState {
  status: 'posting' | 'open';
  missed: boolean;
}

export interface MoveThread {
  /** Reference to the thread: replies go here. */
  reference: Partial<ConversationReference>;
  rootActivityId: string;
}

/**
 * Where to talk about each move, kept in the key-value store so a restart keeps every thread:
 * the notification channel, the conversation a move was started from, its channel thread and the
 * cards we may update in place.
 */
export class ConversationRegistry {
  /** Read-modify-write of one key must not interleave (Teams sends install events in pairs). */
  private readonly writes = new KeyedSerialQueue();

  constructor(private readonly store: KeyValueStore) {}

  getNotificationChannel(): Promise<NotificationChannel | undefined> {
    return this.store.get<NotificationChannel>('notification-channel');
  }

  setNotificationChannel(channel: NotificationChannel): Promise<void> {
    return this.store.put('notification-channel', channel);
  }

  /** Conversations that follow a move: where it was started and where anyone acted on it. */
  async getFollowers(moveId: string): Promise<Partial<ConversationReference>[]> {
    return (await this.store.get<Partial<ConversationReference>[]>(`move/${moveId}/followers`)) ?? [];
  }

  addFollower(moveId: string, reference: Partial<ConversationReference>): Promise<void> {
    const key = `move/${moveId}/followers`;
    return this.writes.run(key, async () => {
      const followers = await this.getFollowers(moveId);
      if (followers.some((f) => f.conversation?.id === reference.conversation?.id)) return;
      await this.store.put(key, [...followers, withoutActivity(reference)]);
    });
  }

  /** Forgets a conversation Teams no longer knows (the app was removed, the chat deleted). */
  removeFollower(moveId: string, conversationId: string): Promise<void> {
    const key = `move/${moveId}/followers`;
    return this.writes.run(key, async () => {
      const followers = await this.getFollowers(moveId);
      await this.store.put(key, followers.filter((f) => f.conversation?.id !== conversationId));
    });
  }

  getThread(moveId: string): Promise<MoveThread | undefined> {
    return this.store.get(`move/${moveId}/thread`);
  }

  setThread(moveId: string, thread: MoveThread): Promise<void> {
    return this.store.put(`move/${moveId}/thread`, thread);
  }

  async getPosted(moveId: string): Promise<PostedMessage[]> {
    return (await this.store.get<PostedMessage[]>(`move/${moveId}/posted`)) ?? [];
  }

  addPosted(moveId: string, message: PostedMessage): Promise<void> {
    return this.writes.run(`move/${moveId}/posted`, async () => {
      const posted = await this.getPosted(moveId);
      await this.store.put(`move/${moveId}/posted`, [...posted, message]);
    });
  }

  /**
   * Changes the move's posted messages in one step (nothing else writes them in between, in this instance). A change
   * that returns the list it was given writes nothing.
   */
  changePosted(moveId: string, change: (posted: PostedMessage[]) => PostedMessage[]): Promise<void> {
    return this.writes.run(`move/${moveId}/posted`, async () => {
      const posted = await this.getPosted(moveId);
      const changed = change(posted);
      if (changed !== posted) await this.store.put(`move/${moveId}/posted`, changed);
    });
  }

  /** Records that a conversation got its welcome, once; false when it already had one. */
  markWelcomed(conversationId: string): Promise<boolean> {
    const key = `welcomed/${conversationId}`;
    return this.writes.run(key, async () => {
      if (await this.store.get(key)) return false;
      await this.store.put(key, { welcomed: true });
      return true;
    });
  }
}
