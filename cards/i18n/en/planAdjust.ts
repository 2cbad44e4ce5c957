/** "Change term, seats or dates" on the plan card (cards/planAdjustForm.ts) and what a bad click is told (cards/planChoices.ts). */
import type { AreaMessages } from '../types';

export const planAdjust = {
  'planAdjust.title': 'Change term, seats or dates',
  'planAdjust.intro': 'Change what you need, then redraw: the plan is drawn again with its prices and goes back for approval.',
  'planAdjust.term': 'Term and billing',
  /** n: the users assigned the licence today (the least the seats may be). */
  'planAdjust.seats': 'Seats (at least {n} assigned)',
  'planAdjust.seatsError': 'At least {n}, the users assigned.',
  'planAdjust.buyOn': 'Buy on (empty = at approval)',
  /** date: the day the original ends. */
  'planAdjust.buyOnByEnd': 'Buy on (empty = at approval; by {date})',
  'planAdjust.buyOnError': 'By {date}, when the original ends.',
  'planAdjust.redraw': 'Redraw the plan',
  /** n: the lines the card offers to change. */
  'planAdjust.more': 'Lines after the first {n} keep what the bot drew; change them once these are redrawn, or reject the plan.',
  /** name: the line's product. */
  'planAdjust.problem.term': '{name}: pick a term and billing the card lists.',
  'planAdjust.problem.quantity': '{name}: the quantity must be a whole number of licences.',
  'planAdjust.problem.buyOn': '{name}: the buy date must be a date (or empty to buy at approval).',
} as const satisfies AreaMessages<'planAdjust'>;
