/**
 * Stage reassigning-licenses (cards/reassignmentCard.ts) and the reassignment pieces the reassigning, blocked and done
 * cards share (cards/reassignmentView.ts): progress, the licences that move, the users who need a person.
 */
import type { AreaMessages } from '../types';

export const reassignment = {
  'reassignment.title': 'Moving users to the new licences',
  'reassignment.linesTitle': 'Licences that move',
  'reassignment.howItWorks': 'Each user gets one change that adds the new licence and removes the original in the same step, keeping the plans they had '
    + 'switched off, so nobody is without a licence. Nothing to do meanwhile: the bot works through the users by itself.',
  'reassignment.attentionTitle': 'Users the bot could not move (so far)',
  'reassignment.attentionHint': 'They keep their original licence. Fix what each row says in Microsoft Entra; when the pass ends, the card offers to try them again.',
  'reassignment.refresh': 'Refresh',
  'reassignment.downloadReport': 'Download report (CSV)',

  /** moved: users moved in this pass; retried: yes after a retry (pass: its number); movedTotal; attention: users left. */
  'reassignment.progress': '{moved, plural, one {{moved} user} other {{moved} users}} moved in this pass{retried, select, yes { (pass {pass}, after a retry)} other {}}, '
    + '{movedTotal} in total; {attention, plural, one {{attention} user needs} other {{attention} users need}} attention.',
  /** n: users not listed on the card; domain: the customer's domain for the report command. */
  'reassignment.more': 'and {n, plural, one {{n} more user} other {{n} more users}} — every user is in the report: `report {domain}`',
  /** A licence whose users move: product → the new offers (joined with " + "), with the users holding it. */
  'reassignment.line': '{product} → {offers} ({assigned} assigned)',

  // A user's outcome (move/reassignment.ts REASSIGNMENT_OUTCOME_LABELS).
  'reassignment.outcome.moved': 'Moved',
  'reassignment.outcome.skipped-group': 'Skipped: licensed through a group',
  'reassignment.outcome.skipped-usage-location': 'Skipped: no usage location',
  'reassignment.outcome.would-lose-plans': 'Not changed: would lose service plans',
  'reassignment.outcome.failed': 'Failed',

  // What a person can do for a user the bot could not move.
  'reassignment.fix.retry': 'Try again.',
  'reassignment.fix.set-usage-location': "Set the user's usage location in Microsoft Entra, then try again.",
  'reassignment.fix.check-order-quantity': "The new subscription has no free licence: check the order's quantity in Partner Center.",
  'reassignment.fix.remove-conflicting-licence': 'The user holds a licence whose plans conflict with the new one: remove the conflicting licence, then try again.',
  'reassignment.fix.change-group-licences': "The licence comes from a group: change the group's licences in Microsoft Entra.",
  'reassignment.fix.check-licences-in-entra': "Check the user's licences in Microsoft Entra, then try again.",
} as const satisfies AreaMessages<'reassignment'>;
