/** The plan card (cards/planCard.ts): the decision at a glance, Approve / Reject, and the decision once made. */
import type { AreaMessages } from '../types';

export const plan = {
  'plan.noPlan': 'There is no plan yet. It is drafted as soon as the inventory is read.',
  /** n: the lines the table leaves out. */
  'plan.hiddenRows': '{n, plural, one {{n} more line is not shown; the plan hash in Details covers every line.} other {{n} more lines are not shown; the plan hash in Details covers every line.}}',
  'plan.blockersTitle': 'Blockers: a person must resolve these',
  'plan.details': 'Details',
  /** n: the warnings behind Details. */
  'plan.detailsWarnings': '{n, plural, one {Details ({n} warning)} other {Details ({n} warnings)}}',
  'plan.blockedHint': 'Approve is not offered while the plan has blockers. Reject it with a comment, or let an Account admin pick offers for the licences with no equivalent.',
  'plan.seatsHint': 'Approve is not offered while a line buys fewer seats than users are assigned: raise the seats or reject the plan.',
  /** who: the people or roles who may approve. */
  'plan.fourEyesHint': 'You proposed this plan, so someone else approves it: {who}.',
  'plan.rolesHint': 'Approving this plan needs {who}.',
  'plan.comment': 'Comment (say why if you reject)',
  'plan.approve': 'Approve',
  'plan.reject': 'Reject',
  /** name: who decided; at: when (date and time, formatted). */
  'plan.approved': 'Approved by {name} at {at}.',
  /** Followed by ": " and the comment, or by plan.noComment. */
  'plan.rejected': 'Rejected by {name} at {at}',
  'plan.commentLabel': 'Comment',
  'plan.noComment': '. No comment was given.',
  'plan.nextApproved': 'Next: the bot creates the cart and places the order in Partner Center.',
  'plan.nextApprovedDated': 'Next: the bot orders each line in Partner Center on its buy date.',
  /** domain: the customer's domain. */
  'plan.nextRejected': 'Next: to try again, start a new move (move {domain}) so a new plan is drafted.',
} as const satisfies AreaMessages<'plan'>;
