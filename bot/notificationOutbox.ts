import type { Activity, ConversationReference } from 'botbuilder';
import { KeyedSerialQueue } from '../move/keyedSerialQueue';
import type { Clock, Logger } from '../move/ports';
import type { KeyValueStore } from '../store/keyValueStore';
import type { ConversationRegistry, PostedMessage } from './conversationRegistry';
import type { TeamsPosting } from './teamsPoster';

/** One post or update, decided when the events were committed and delivered later. */
export type OutboxItem =
  /** A message to a conversation that follows the move (remembered when it is a card updated later). */
  | { kind: 'follower'; to: Partial<ConversationReference>; activity: Partial<Activity>; remember: PostedMessage['kind'] | null; drawnIn?: PostedMessage['drawnIn'] }
  /** The move's root post in the notification channel: starts the thread the first time, updates it in place after. */
  | { kind: 'thread-root'; channel: Partial<ConversationReference>; channelId: string; activity: Partial<Activity> }
  /** A reply in the move's thread. */
  | { kind: 'thread-reply'; activity: Partial<Activity>; remember: PostedMessage['kind'] | null }
  /** A card posted earlier, drawn again in place. */
  | { kind: 'update'; to: Partial<ConversationReference>; activityId: string; activity: Partial<Activity> };

/** An item as kept: with its number, so it can be taken off the list once delivered. */
export type QueuedItem = OutboxItem & { seq: number };

/** What is still to be said about one move, kept in the key-value store until it is said. */
export interface OutboxEntry {
  /** The move version the items cover: every event up to it has been turned into items. */
  upTo: number;
  items: QueuedItem[];
  /** The number the next item gets. */
  nextSeq: number;
  /** Failed delivery attempts in a row (reset by a success). */
  attempts: number;
  /** When the next attempt is due after a failure (ISO), or null. */
  retryAt: string | null;
  /** When this entry last changed (ISO): an entry nobody touched for a while is taken over by the sweeper. */
  updatedAt: string;
}

const KEY = (moveId: string) => `outbox/${moveId}`;
/** Back-off after a failed delivery: 30 s, 1, 2, 4 … up to 15 minutes. */
export function outboxRetryDelayMs(attempts: number): number {
  return Math.min(15 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}
/** Another instance's entry untouched for this long is delivered by the sweeping instance. */
const ABANDONED_AFTER_MS = 2 * 60_000;

/**
 * The per-move outbox: posts to Teams leave after the move's events are committed, never inside a click
 * or the move's lock. Items are appended in commit order and delivered in that order per destination (a
 * conversation, or the move's channel thread), each removed once Teams took it, so a restart resumes where
 * delivery stopped and nothing is posted twice (short of a crash between Teams' answer and the removal). A
 * destination Teams cannot reach holds back only its own items, with back-off; the sweep retries them and
 * takes over entries another instance left behind.
 */
export class NotificationOutbox {
  private readonly queue = new KeyedSerialQueue();
  private readonly running = new Map<string, Promise<void>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Moves kicked while their delivery was running: one more pass when it ends. */
  private readonly again = new Set<string>();
  private closed = false;

  constructor(
    private readonly store: KeyValueStore,
    private readonly registry: ConversationRegistry,
    private readonly poster: TeamsPosting,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /**
   * Adds items for the events up to `version` (the first `count` of which are new). A move never seen before
   * starts its record at the version before these events.
   */
  async append(moveId: string, version: number, newEvents: number, items: OutboxItem[]): Promise<void> {
    await this.queue.run(KEY(moveId), async () => {
      const entry = (await this.store.get<OutboxEntry>(KEY(moveId))) ?? this.emptyEntry(version - newEvents);
      if (version <= entry.upTo) return; // already turned into items (a replay after a crash)
      const queued = items.map((item, i): QueuedItem => ({ ...item, seq: entry.nextSeq + i }));
      await this.store.put(KEY(moveId), { ...entry, upTo: version, items: [...entry.items, ...queued], nextSeq: entry.nextSeq + items.length, updatedAt: this.now() });
    });
    this.kick(moveId);
  }

  /** The version the move's items cover, or null for a move this outbox has never seen. */
  async coveredUpTo(moveId: string): Promise<number | null> {
    return (await this.store.get<OutboxEntry>(KEY(moveId)))?.upTo ?? null;
  }

  /** Starts recording a move seen for the first time at `version` (nothing earlier is said again). */
  async adopt(moveId: string, version: number): Promise<void> {
    await this.queue.run(KEY(moveId), async () => {
      if (!(await this.store.get(KEY(moveId)))) await this.store.put(KEY(moveId), this.emptyEntry(version));
    });
  }

  /**
   * The sweep's turn: delivers what is due — entries whose back-off has passed, and entries another instance
   * left untouched for a while.
   */
  async deliverDue(moveIds: readonly string[]): Promise<void> {
    const now = this.clock.now().getTime();
    for (const moveId of moveIds) {
      if (this.running.has(moveId)) continue;
      const entry = await this.store.get<OutboxEntry>(KEY(moveId));
      if (!entry || entry.items.length === 0) continue;
      const due = entry.retryAt ? Date.parse(entry.retryAt) <= now : now - Date.parse(entry.updatedAt) >= ABANDONED_AFTER_MS;
      if (due) this.kick(moveId);
    }
  }

  /** Resolves when every delivery this instance started has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }

  /** Stops delivering: the item on its way finishes, the rest waits in the store. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await this.idle();
  }

  /**
   * Delivers the move's items now. While a delivery of them is under way here, another pass follows it, so
   * items appended meanwhile do not wait for a failing destination's back-off.
   */
  kick(moveId: string): void {
    if (this.closed) return;
    if (this.running.has(moveId)) {
      this.again.add(moveId);
      return;
    }
    const timer = this.timers.get(moveId);
    if (timer) { clearTimeout(timer); this.timers.delete(moveId); }
    const run = this.deliver(moveId)
      .catch((error: unknown) => { this.log.warn({ moveId, err: describe(error) }, 'delivering posts to Teams failed; will retry'); })
      .finally(() => {
        this.running.delete(moveId);
        if (this.again.delete(moveId)) this.kick(moveId);
      });
    this.running.set(moveId, run);
  }

  private async deliver(moveId: string): Promise<void> {
    const entry = await this.store.get<OutboxEntry>(KEY(moveId));
    if (!entry || entry.items.length === 0) return;
    // Destinations that failed in this pass: their later items wait, so each conversation keeps its order.
    const held = new Set<string>();
    let failures = 0;
    for (const item of entry.items) {
      // Shutting down: what is left stays in the outbox for the next start (or another instance).
      if (this.closed) return;
      const destination = destinationOf(item);
      if (held.has(destination)) continue;
      try {
        await this.perform(moveId, item);
      } catch (error) {
        if (await this.dropIfGone(moveId, item, error)) continue;
        held.add(destination);
        failures += 1;
        continue;
      }
      // Taken by Teams: off the list before the next one leaves.
      await this.update(moveId, (latest) => ({ ...latest, items: latest.items.filter((i) => i.seq !== item.seq) }));
    }
    if (failures === 0) {
      await this.update(moveId, (latest) => ({ ...latest, attempts: 0, retryAt: null }));
      // Items appended while this pass ran go out now.
      if (((await this.store.get<OutboxEntry>(KEY(moveId)))?.items.length ?? 0) > 0) await this.deliver(moveId);
      return;
    }
    const attempts = entry.attempts + 1;
    const delay = outboxRetryDelayMs(attempts);
    await this.update(moveId, (latest) => ({ ...latest, attempts, retryAt: new Date(this.clock.now().getTime() + delay).toISOString() }));
    this.schedule(moveId, delay);
  }

  private async update(moveId: string, change: (entry: OutboxEntry) => OutboxEntry): Promise<void> {
    await this.queue.run(KEY(moveId), async () => {
      const latest = await this.store.get<OutboxEntry>(KEY(moveId));
      if (latest) await this.store.put(KEY(moveId), { ...change(latest), updatedAt: this.now() });
    });
  }

  private async perform(moveId: string, item: QueuedItem): Promise<void> {
    switch (item.kind) {
      case 'follower': {
        const activityId = await this.poster.send(item.to, item.activity);
        if (item.remember) await this.registry.addPosted(moveId, { reference: item.to, activityId, kind: item.remember, ...(item.drawnIn ? { drawnIn: item.drawnIn } : {}) });
        return;
      }
      case 'thread-root': {
        const thread = await this.registry.getThread(moveId);
        if (thread) {
          await this.poster.update(thread.reference, thread.rootActivityId, item.activity);
        } else {
          await this.registry.setThread(moveId, await this.poster.startThread(item.channel, item.channelId, item.activity));
        }
        return;
      }
      case 'thread-reply': {
        const thread = await this.registry.getThread(moveId);
        if (!thread) throw new Error('the move has no channel thread yet');
        const activityId = await this.poster.send(thread.reference, item.activity);
        if (item.remember) await this.registry.addPosted(moveId, { reference: thread.reference, activityId, kind: item.remember });
        return;
      }
      case 'update':
        await this.poster.update(item.to, item.activityId, item.activity);
        return;
      default: {
        const unknown: never = item;
        throw new Error(`unknown outbox item ${JSON.stringify(unknown).slice(0, 80)}`);
      }
    }
  }

  /**
   * Logs a failed delivery. A conversation Teams no longer knows (403/404: app removed, chat gone) is dropped
   * with everything meant for it — true then; any other failure leaves the item for the next attempt.
   */
  private async dropIfGone(moveId: string, item: QueuedItem, error: unknown): Promise<boolean> {
    const status = (error as { statusCode?: number }).statusCode;
    const gone = (status === 403 || status === 404) && item.kind === 'follower';
    this.log.warn({ moveId, where: item.kind, status, err: describe(error) }, gone
      ? 'Teams no longer knows a conversation that followed the move; it is no longer posted to'
      : 'could not post to Teams; the post waits in the outbox');
    if (!gone) return false;
    const conversationId = item.to.conversation?.id ?? '';
    await this.registry.removeFollower(moveId, conversationId);
    await this.update(moveId, (latest) => ({
      ...latest, items: latest.items.filter((i) => !(i.kind === 'follower' && i.to.conversation?.id === conversationId)),
    }));
    return true;
  }

  private schedule(moveId: string, delayMs: number): void {
    if (this.closed) return;
    const previous = this.timers.get(moveId);
    if (previous) clearTimeout(previous);
    const timer = setTimeout(() => { this.timers.delete(moveId); this.kick(moveId); }, delayMs);
    timer.unref();
    this.timers.set(moveId, timer);
  }

  private emptyEntry(upTo: number): OutboxEntry {
    return { upTo: Math.max(0, upTo), items: [], nextSeq: 1, attempts: 0, retryAt: null, updatedAt: this.now() };
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

/** Items for one destination keep their order: a conversation, or the move's channel thread. */
function destinationOf(item: OutboxItem): string {
  switch (item.kind) {
    case 'thread-root':
    case 'thread-reply': return 'thread';
    case 'follower':
    case 'update': return `conversation:${item.to.conversation?.id ?? ''}`;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
