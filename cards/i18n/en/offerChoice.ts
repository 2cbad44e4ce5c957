/** The forms to pick offers for licences with no equivalent, on the blocked card (cards/offerChoiceForm.ts). */
import type { AreaMessages } from '../types';

export const offerChoice = {
  /** offer: the offer's name and ids; price: the list price in US dollars ("12.50"). */
  'offerChoice.choiceWithPrice': '{offer} · about ${price} a licence a month',
  'offerChoice.noReason': 'No sold offer covers it.',
  /** count: licences beyond the forms shown (at least one). */
  'offerChoice.hidden': '{count} more licences have no equivalent; pick offers for these first, then refresh the card.',
  /** After the licence's SKU part number, in bold. */
  'offerChoice.noEquivalent': ': no equivalent offer',
  'offerChoice.wouldMiss': 'Users would miss',
  'offerChoice.offersLabel': 'Offers to buy instead (one to three)',
  'offerChoice.reasonLabel': 'Why these offers are right (goes on the record and on the plan card)',
  'offerChoice.reasonPlaceholder': 'e.g. The customer agreed to lose Teams Phone; they use another phone system.',
  'offerChoice.use': 'Use these offers',
  'offerChoice.nothingToPick': 'No sold offer carries any of its service plans, so there is nothing to pick. Keep this licence where it is bought today, or start a new move without it.',
  'offerChoice.onlyAdmin': 'Only an Account admin can pick offers. Users lose the service plans the picked offers lack; the plan card lists them for the approver, '
    + 'and only an Account admin can approve a plan with picked offers. The plan is drafted again at once.',
} as const satisfies AreaMessages<'offerChoice'>;
