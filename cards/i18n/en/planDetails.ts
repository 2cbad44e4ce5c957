/** What the plan card keeps behind Details (cards/planDetails.ts). */
import type { AreaMessages } from '../types';

export const planDetails = {
  /** lines: the plan's lines; licences: the licences it buys in all. */
  'planDetails.summary': '{lines, plural, one {{lines} line} other {{lines} lines}}, {licences, plural, one {{licences} licence} other {{licences} licences}} in total.',
  /** kinds: planDetails.kind.* joined by ", ". */
  'planDetails.summaryWithKinds': '{lines, plural, one {{lines} line} other {{lines} lines}}, {licences, plural, one {{licences} licence} other {{licences} licences}} in total ({kinds}).',
  'planDetails.kind.same': '{n} same offer',
  'planDetails.kind.equivalent': '{n} equivalent',
  'planDetails.kind.chosen': '{n} picked by an Account admin',
  'planDetails.warningsTitle': 'Check before approving',
  'planDetails.shortLinesSome': 'Why and the offer ids are shown for the first {n} lines only, so the card fits in Teams.',
  'planDetails.shortLinesNone': 'Why and the offer ids are left out so the card fits in Teams.',
  'planDetails.excludedTitle': 'Not bought (left out on purpose)',
  /** n: the rows not shown. */
  'planDetails.moreRows': 'and {n} more',
  'planDetails.noReassignment': 'No licence reassignment: every line buys the same offer, so users keep their licences and nothing changes for them.',
  /** skus: planDetails.reassignedSku for each line, joined. */
  'planDetails.reassignment': 'Licences will be reassigned for {skus}. Once the new subscriptions are active, each user of these licences gets one change '
    + 'that adds the new licence and removes the original in the same step, keeping the plans they had switched off. '
    + 'Users licensed through a group or without a usage location are not changed; the card lists them for you to fix. '
    + 'Users of the other lines keep their licences.',
  'planDetails.reassignedSku': '{sku} ({n} assigned)',
  /** days: the cancellation window. */
  'planDetails.undoPath': 'Undo path: the new subscriptions can be cancelled within {days} days of purchase for a prorated refund; '
    + 'after that they run for their full term. The original subscriptions are never cancelled: let them expire.',
  'planDetails.label.started': 'Started by',
  'planDetails.label.source': 'Subscriptions',
  'planDetails.label.proposedFor': 'Proposed for',
  'planDetails.label.approvers': 'Who can approve',
  'planDetails.label.hash': 'Plan hash',
  /** Where the customer's subscriptions were bought (move/model.ts SourceChannel). */
  'planDetails.source.microsoft-direct': 'Bought direct from Microsoft',
  'planDetails.source.other-csp-partner': 'Bought from another CSP partner',
  'planDetails.source.other-program': 'Bought through another licensing program',
  'planDetails.source.unknown': 'Source not yet known',
  'planDetails.notStarted': 'not started yet',
  'planDetails.proposedBy': '{name}, who started the move (drafted by the bot on their behalf).',
  'planDetails.proposerMissing': 'the person who started the move',
  'planDetails.fourEyesOn': 'The person the plan is proposed for cannot approve it (four-eyes).',
  'planDetails.fourEyesOff': 'Four-eyes is off: the person the plan is proposed for may approve it too.',
  /** roles: who may approve; why: the reasons, joined by "; ". */
  'planDetails.narrowed': 'Only {roles} can approve it, because {why}.',
  /** roles: who may reject, capitalised. */
  'planDetails.rejecters': '{roles} can reject it.',
  'planDetails.hash': '{hash} (an approval is for exactly this plan)',
  'planDetails.noHash': 'none',
} as const satisfies AreaMessages<'planDetails'>;
