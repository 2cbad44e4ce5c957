/** The plan card's lines beyond the table (cards/planLines.ts): what must stay in sight, and each line behind Details. */
import type { AreaMessages } from '../types';

export const planLines = {
  'planLines.term.P1M': '1-month term',
  'planLines.term.P1Y': '1-year term',
  'planLines.term.P3Y': '3-year term',
  'planLines.billing.monthly': 'billed monthly',
  'planLines.billing.annual': 'billed annually',
  'planLines.billing.triennial': 'billed every 3 years',
  /** term: "1-year term" (or the code); billing: "billed monthly" (or the code). */
  'planLines.termAndBilling': '{term}, {billing}',
  'planLines.unknown': 'unknown',
  'planLines.untitled': 'Untitled offer',
  /** n: the offers not listed (always at least 1). */
  'planLines.moreOffers': 'and {n} more offers',
  /** shown: the names listed; n: how many more. */
  'planLines.more': '{shown} and {n} more',
  /** plans: the service plan names users lose. */
  'planLines.lost': 'Users lose {plans}: check the customer agreed.',
  'planLines.quantityProblem': 'Error: {quantity} is fewer than the {assigned} licences assigned today; users would lose licences. Raise the seats (Change term, seats or dates) or reject the plan.',
  /** date: when the original ends; term: planLines.termAndBilling or planLines.termUnknown. */
  'planLines.original': 'ends {date} · {term}',
  /** term: as in planLines.original, for an original whose end is not known. */
  'planLines.originalNoEnd': 'ends unknown · {term}',
  'planLines.termUnknown': 'term unknown',
  'planLines.reassign': 'users move to the new licence',
  'planLines.keep': 'users keep their licences (no reassignment)',
  'planLines.noReason': 'No reason given.',
  'planLines.label.offers': 'Offers',
  'planLines.label.original': 'Original',
  'planLines.label.purchase': 'New',
  'planLines.label.why': 'Why',
  'planLines.label.ignored': 'Not carried, no user has them on',
} as const satisfies AreaMessages<'planLines'>;
