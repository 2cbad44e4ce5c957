import {
  TurnContext, type Activity, type CloudAdapter, type ConversationReference, type ConversationParameters, type ConversationResourceResponse,
} from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { Logger } from '../move/ports';
import type { MoveThread } from './conversationRegistry';
import { KeyedSerialQueue } from '../move/keyedSerialQueue';
import { ThreadRateLimiter } from './threadRateLimiter';

/** Statuses Teams asks bots to retry with jittered back-off (learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit). */
const RETRY_STATUSES = new Set([412, 429, 502, 504]);
const MAX_ATTEMPTS = 5;

export interface PosterOptions {
  adapter: CloudAdapter;
  appId: string;
  log: Logger;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** What the notifier needs from Teams: post, update, and start a thread in a channel. */
export interface TeamsPosting {
  send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<string>;
  update(reference: Partial<ConversationReference>, activityId: string, activity: Partial<Activity>): Promise<void>;
  startThread(channelReference: Partial<ConversationReference>, channelId: string, activity: Partial<Activity>): Promise<MoveThread>;
}

/**
 * Sends, updates and starts threads proactively, one conversation at a time, within Teams' per-thread
 * limits, retrying throttled or flaky sends with jittered exponential back-off.
 */
export class TeamsPoster implements TeamsPosting {
  private readonly limiter = new ThreadRateLimiter();
  private readonly queues = new KeyedSerialQueue();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: PosterOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
  }

  /** Posts an activity into a conversation; returns the new activity id. */
  send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<string> {
    return this.inConversation(reference, async (context) => (await context.sendActivity(activity))?.id ?? '');
  }

  update(reference: Partial<ConversationReference>, activityId: string, activity: Partial<Activity>): Promise<void> {
    return this.inConversation(reference, async (context) => {
      await context.updateActivity({ ...activity, id: activityId });
    });
  }

  /** Starts a new thread (a new post) in a team channel, returning where its replies go. */
  startThread(channelReference: Partial<ConversationReference>, channelId: string, activity: Partial<Activity>): Promise<MoveThread> {
    return this.inConversation(channelReference, async (context) => {
      const connector = context.turnState.get<ConnectorClient>(this.options.adapter.ConnectorClientKey);
      const parameters: ConversationParameters = {
        isGroup: true,
        channelData: { channel: { id: channelId } },
        activity: activity as Activity,
        bot: channelReference.bot ?? { id: this.options.appId, name: 'CSP Move Assistant' },
        tenantId: channelReference.conversation?.tenantId,
        members: [],
      };
      const created: ConversationResourceResponse = await connector.conversations.createConversation(parameters);
      // Teams names a channel thread "<channel id>;messageid=<root activity id>".
      const rootActivityId = created.activityId ?? /;messageid=(.+)$/.exec(created.id)?.[1] ?? '';
      const reference: Partial<ConversationReference> = {
        ...channelReference,
        activityId: undefined,
        conversation: { ...channelReference.conversation!, id: created.id, isGroup: true, conversationType: 'channel' },
      };
      return { reference, rootActivityId };
    }, `thread:${channelId}`);
  }

  private inConversation<T>(reference: Partial<ConversationReference>, work: (context: TurnContext) => Promise<T>, key?: string): Promise<T> {
    const thread = key ?? reference.conversation?.id ?? 'unknown';
    return this.queues.run(thread, () => this.withRetries(thread, reference, work));
  }

  private async withRetries<T>(thread: string, reference: Partial<ConversationReference>, work: (context: TurnContext) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const wait = this.limiter.waitMs(thread, this.now());
      if (wait > 0) await this.sleep(wait);
      this.limiter.record(thread, this.now());
      try {
        let result!: T;
        let failure: unknown = null;
        // Caught inside: an error escaping the callback would reach the adapter's onTurnError, which
        // would try to post an apology into the very conversation that just failed.
        await this.options.adapter.continueConversationAsync(this.options.appId, reference, async (context) => {
          try { result = await work(context); } catch (error) { failure = error; }
        });
        if (failure) throw failure;
        return result;
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        if (!status || !RETRY_STATUSES.has(status) || attempt >= MAX_ATTEMPTS) throw error;
        const delay = Math.round(1_000 * 2 ** (attempt - 1) * (0.5 + this.random()));
        this.options.log.warn({ thread, status, attempt, delay }, 'Teams asked us to slow down; retrying');
        await this.sleep(delay);
      }
    }
  }
}
