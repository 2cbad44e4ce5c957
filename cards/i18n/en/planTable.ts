/** The plan card's table (cards/planTable.ts): the columns, each line's term, seats and cost, and the money under it. */
import type { AreaMessages } from '../types';

export const planTable = {
  'planTable.column.licence': 'Today → buy in CSP',
  'planTable.column.seats': 'Seats',
  'planTable.column.term': 'Term · buy on',
  'planTable.column.cost': 'Cost a month',
  /** How a line's licence maps to the offers bought (move/model.ts MatchKind). */
  'planTable.match.same': 'Same offer',
  'planTable.match.equivalent': 'Equivalent',
  'planTable.match.chosen': 'Picked by an Account admin',
  /** n: the users assigned the licence today. */
  'planTable.assigned': '{n} assigned',
  'planTable.term.P1M': '1 month',
  'planTable.term.P1Y': '1 year',
  'planTable.term.P3Y': '3 years',
  'planTable.billing.monthly': 'monthly',
  'planTable.billing.annual': 'annual',
  'planTable.billing.triennial': 'triennial',
  /** term: "1 year"; billing: "monthly". */
  'planTable.termAndBilling': '{term}, {billing}',
  'planTable.atApproval': 'at approval',
  /** money: "USD 1,950.00"; term: "1 year". */
  'planTable.forTerm': '{money} for {term}',
  'planTable.noPrice': 'no price',
  /** n: the line's offers without a price. */
  'planTable.partial': '{n, plural, one {plus {n} offer without a price} other {plus {n} offers without a price}}',
  'planTable.untitled': 'Untitled offer',
  'planTable.total': 'Total: {monthly} a month · {term} committed',
  'planTable.allGuide': 'Guide prices (not your price sheet).',
  /** names: the lines priced from the guide. */
  'planTable.someGuide': 'Includes guide prices (not your price sheet) for {names}.',
  /** market: "US"; month: "Nov 2026". */
  'planTable.sheetFootnote': 'Prices: your Partner Center price sheet, {market}, {month}.',
  'planTable.guideFootnote': 'Guide list prices: {problem}',
  /** titles: the offers without a price. */
  'planTable.unpriced': '{n, plural, one {{n} offer has no price and is not in the total: {titles}.} other {{n} offers have no price and are not in the total: {titles}.}}',
  /** money: what is paid twice; days: planTable.overlapDays, or planTable.overlapUpTo around it. */
  'planTable.overlap': 'Paid twice until the originals end: {money} over {days}.',
  'planTable.overlapDays': '{n, plural, one {{n} day} other {{n} days}}',
  'planTable.overlapUpTo': 'up to {days}',
  'planTable.undoOne': 'Undo by {date} for a prorated refund.',
  'planTable.undoAtApproval': 'Undo within {days} days of approval for a prorated refund.',
  /** dates: planTable.undoDated / planTable.undoAfterApproval, joined by "; ". */
  'planTable.undoMany': 'Undo for a prorated refund: {dates}.',
  'planTable.undoDated': 'by {date} ({names})',
  'planTable.undoAfterApproval': 'within {days} days of approval ({names})',
} as const satisfies AreaMessages<'planTable'>;
