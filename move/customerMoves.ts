/**
 * Finding a customer's moves among those known: by the domain or tenant id someone typed, and the move under way
 * for a tenant whatever domain it was started with. Pure: reads only move states.
 */
import { FINAL_STAGES } from './stages';
import type { MoveState } from './state';

/** The moves for a domain or tenant id (matched without regard to case), the most recently started first. */
export function movesForCustomer(moves: readonly MoveState[], customer: string): MoveState[] {
  const key = customer.trim().toLowerCase();
  return moves
    .filter((s) => s.customerDomain === key || s.tenantId?.toLowerCase() === key)
    .sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
}

/** The move under way (not final) for the tenant, under any domain; `exceptMoveId` leaves that move out. */
export function activeMoveForTenant(moves: readonly MoveState[], tenantId: string, exceptMoveId?: string): MoveState | undefined {
  const tenant = tenantId.toLowerCase();
  return moves.find((s) => s.moveId !== exceptMoveId && !FINAL_STAGES.has(s.stage) && s.tenantId?.toLowerCase() === tenant);
}
