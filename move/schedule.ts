/**
 * When an approved plan buys: each line on its own date, by default a few days before its original subscription
 * ends (there are no refunds on cancelled subscriptions, so paying twice for months helps nobody), or at once when
 * that is sooner or the end is unknown. Lines due on the same day are bought together — one purchase, one cart,
 * one order — and purchases run in date order, each exactly once (the cart is recorded before checkout).
 *
 * Dates are calendar days (YYYY-MM-DD); a purchase is due from 00:00 UTC of its day.
 */
import type { Plan, PlanLine } from './model';
import type { Stage } from './stages';

/** Where a move is in its schedule (the parts of its state the purchases need). */
export interface PurchaseProgress {
  plan: Pick<Plan, 'lines'> | null;
  schedule: Purchase[];
  /** Purchases bought so far. */
  bought: number;
}

const MS_PER_DAY = 86_400_000;

/** The buy-ahead the issue asks for: a week, which also leaves the new subscription's 7-day undo window before the old one ends. */
export const DEFAULT_BUY_DAYS_BEFORE_END = 7;

/** A buy-ahead longer than any term: every line is bought at approval (BUY_DAYS_BEFORE_END's maximum). */
export const BUY_AT_APPROVAL_DAYS = 3650;

/** One purchase of the approved plan: the lines bought on one day. */
export interface Purchase {
  /** 0 for the first purchase, in buy order. */
  round: number;
  /** The day it is bought; null = as soon as the plan is approved. */
  buyOn: string | null;
  /** The source SKU ids (lower case) of the plan lines it buys. */
  skuIds: string[];
}

/** `2027-02-01` for an ISO date-time or date; null for anything else. */
export function dayOf(value: string | null | undefined): string | null {
  if (!value) return null;
  const day = value.slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && Number.isFinite(Date.parse(`${day}T00:00:00Z`)) ? day : null;
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both days or date-times; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${dayOf(to)}T00:00:00Z`) - Date.parse(`${dayOf(from)}T00:00:00Z`)) / MS_PER_DAY);
}

/**
 * The default buy date for a line whose original ends at `endsAt`: `daysBefore` days before that end, or null (buy at
 * approval) when that day is not after today or the end is unknown.
 */
export function defaultBuyOn(endsAt: string | null, now: string, daysBefore: number): string | null {
  const end = dayOf(endsAt);
  const today = dayOf(now);
  if (!end || !today) return null;
  const day = addDays(end, -Math.max(0, Math.floor(daysBefore)));
  return day > today ? day : null;
}

/** A line's buy date as of `at`: a date that has come is "now". */
export function effectiveBuyOn(line: Pick<PlanLine, 'buyOn'>, at: string): string | null {
  const day = dayOf(line.buyOn ?? null);
  const today = dayOf(at);
  return day && today && day > today ? day : null;
}

/** The plan's purchases as approved at `approvedAt`: lines grouped by buy date, soonest first (at approval before any date). */
export function purchaseSchedule(plan: Pick<Plan, 'lines'>, approvedAt: string): Purchase[] {
  const byDay = new Map<string, string[]>();
  for (const line of plan.lines) {
    const key = effectiveBuyOn(line, approvedAt) ?? '';
    byDay.set(key, [...(byDay.get(key) ?? []), line.source.skuId.toLowerCase()]);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, skuIds], round) => ({ round, buyOn: day || null, skuIds }));
}

/** Whether the purchase may be bought at `at`. */
export function isDue(purchase: Purchase, at: string): boolean {
  return purchase.buyOn === null || Date.parse(at) >= Date.parse(`${purchase.buyOn}T00:00:00Z`);
}

/** When the purchase's reminder is due (`leadMs` before its day), or null for one bought at approval. */
export function reminderDueAt(purchase: Purchase, leadMs: number): number | null {
  return purchase.buyOn === null ? null : Date.parse(`${purchase.buyOn}T00:00:00Z`) - leadMs;
}

/** The plan lines a purchase buys, in plan order. */
export function linesOf(plan: Pick<Plan, 'lines'>, purchase: Purchase | undefined): PlanLine[] {
  if (!purchase) return [];
  const ids = new Set(purchase.skuIds);
  return plan.lines.filter((l) => ids.has(l.source.skuId.toLowerCase()));
}

/** The plan lines of the purchase under way (provisioning). */
export function linesBeingBought(state: PurchaseProgress): PlanLine[] {
  if (state.schedule.length === 0) return state.plan?.lines ?? [];
  return linesOf(state.plan ?? { lines: [] }, state.schedule[state.bought]);
}

/** The plan lines of the purchase bought last (what provisioning checks and reassignment moves users for). */
export function linesJustBought(state: PurchaseProgress): PlanLine[] {
  // A move approved before schedules existed has none: its one purchase was the whole plan.
  if (state.schedule.length === 0) return state.plan?.lines ?? [];
  return linesOf(state.plan ?? { lines: [] }, state.schedule[state.bought - 1]);
}

/** After a purchase (and its users' reassignment): wait for the next one, or go on to the originals. */
export function stageAfterPurchase(state: Pick<PurchaseProgress, 'schedule' | 'bought'>): Stage {
  return state.bought < state.schedule.length ? 'scheduled' : 'source-advice';
}
