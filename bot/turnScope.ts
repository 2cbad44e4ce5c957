import { AsyncLocalStorage } from 'node:async_hooks';

interface Scope {
  conversationId: string;
  open: boolean;
}

/**
 * Knows which conversation the current turn answers. While a turn is open, the notifier leaves that
 * conversation alone: the turn's own reply (or card update) already shows the change, so a proactive
 * post would say it twice. Work that outlives the turn (the scope is closed) is posted as usual.
 */
export class TurnScope {
  private readonly storage = new AsyncLocalStorage<Scope>();

  async run<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    const scope: Scope = { conversationId, open: true };
    try {
      return await this.storage.run(scope, work);
    } finally {
      scope.open = false;
    }
  }

  /** True when a turn for this conversation is answering right now, in this async context. */
  answers(conversationId: string): boolean {
    const scope = this.storage.getStore();
    return Boolean(scope?.open && scope.conversationId === conversationId);
  }
}
