/**
 * How the adapters judge a failed call for the move (StepError in move/ports.ts): whether trying again later
 * can help, and the blocker for "no access to the customer's tenant", which waits for a person.
 */
import type { BlockReason } from '../move/events';

/** Trying again later can help: no answer (null), a timeout (408), throttled (429), or the service failed (5xx). */
export function isTransientStatus(status: number | null): boolean {
  return status === null || status === 408 || status === 429 || status >= 500;
}

/**
 * The move's "no access to the customer's tenant" blocker (the blocked card then offers the typed inventory),
 * with what the service said, on one line and bounded.
 */
export function noCustomerAccess(detail: string): BlockReason {
  const line = detail.replace(/\s+/g, ' ').trim();
  return { code: 'no-customer-access', detail: line.length > 300 ? `${line.slice(0, 297)}...` : line };
}
