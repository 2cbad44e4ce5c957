import type { Clock } from './ports';

/** Teams SSO tokens live about an hour; a lent sign-in is not kept longer. */
const ASSERTION_LIFETIME_MS = 60 * 60_000;

/**
 * Staff sign-ins (Teams SSO tokens) lent to a move's next App+User step: held in memory only, per
 * instance, dropped after the step they were lent for or after an hour; never stored or logged.
 */
export class AssertionLoans {
  private readonly lent = new Map<string, { assertion: string; until: number }>();

  constructor(private readonly clock: Clock) {}

  lend(moveId: string, assertion: string): void {
    this.lent.set(moveId, { assertion, until: this.clock.now().getTime() + ASSERTION_LIFETIME_MS });
  }

  borrow(moveId: string): string | undefined {
    const loan = this.lent.get(moveId);
    if (!loan) return undefined;
    if (loan.until < this.clock.now().getTime()) {
      this.lent.delete(moveId);
      return undefined;
    }
    return loan.assertion;
  }

  forget(moveId: string): void {
    this.lent.delete(moveId);
  }
}
