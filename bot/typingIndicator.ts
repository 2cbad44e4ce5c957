import { ActivityTypes, TurnContext, type Activity } from 'botbuilder';
import type { Logger } from '../move/ports';

/**
 * "CSP Move Assistant is typing…" while a chat message is being answered: one typing activity at once, before any
 * slow work (who is asking, Partner Center, the reply budget), then one every `periodMs` until the turn's work ends
 * (Teams shows the indicator for a few seconds only). Sent through the adapter, like botbuilder's
 * ShowTypingMiddleware, so the turn is not marked as answered; unlike it, the first one leaves before the work
 * starts, and a typing activity Teams refuses is logged and forgotten, never turned into an error reply.
 */
export class TypingIndicator {
  constructor(private readonly log: Logger, private readonly periodMs = 3_000) {}

  async during<T>(context: TurnContext, work: () => Promise<T>): Promise<T> {
    let finished = false;
    let timer: NodeJS.Timeout | undefined;
    const schedule = () => {
      timer = setTimeout(() => {
        if (finished) return;
        void this.send(context).then(() => { if (!finished) schedule(); });
      }, this.periodMs);
      timer.unref?.();
    };
    await this.send(context);
    schedule();
    try {
      return await work();
    } finally {
      finished = true;
      if (timer) clearTimeout(timer);
    }
  }

  private async send(context: TurnContext): Promise<void> {
    const typing = TurnContext.applyConversationReference(
      { type: ActivityTypes.Typing, relatesTo: context.activity.relatesTo } as Partial<Activity>,
      TurnContext.getConversationReference(context.activity),
    );
    try {
      await context.adapter.sendActivities(context, [typing]);
    } catch (error) {
      this.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not show the typing indicator');
    }
  }
}
