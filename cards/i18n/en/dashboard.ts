/** The dashboard (`list`, cards/dashboardView.ts): the moves by stage, the filters, how long each has waited. */
import type { AreaMessages } from '../types';

export const dashboard = {
  // {n} is the number as text; {count} the same number, for the plural.
  'dashboard.title': "{filter, select, mine {Moves you started or acted on} waiting {Moves waiting on you} blocked {Blocked moves} other {Moves}}",
  'dashboard.filterButton': '{filter, select, mine {Mine ({n})} waiting {Waiting on me ({n})} blocked {Blocked ({n})} other {All ({n})}}',
  'dashboard.empty': "{filter, select, mine {You have not started or acted on any move that is still running.} waiting {Nothing is waiting on you.} blocked {No move is blocked.} other {No moves are running. Start one by saying move and the customer's domain, e.g. move contoso.com.}}",
  'dashboard.summary': '{count, plural, one {{n} running move, longest wait first.} other {{n} running moves, longest wait first.}}',
  'dashboard.waitingOnYou': '{count, plural, one {1 move waits on you: press Waiting on me.} other {{n} moves wait on you: press Waiting on me.}}',
  'dashboard.group': '{count, plural, one {{n} move} other {{n} moves}}',
  'dashboard.groupShown': '{n} moves, {shown} shown',
  'dashboard.waitedFor': 'For {time}: waiting on {who}',
  'dashboard.waitedForFailed': 'For {time}: waiting on {who} · a step failed',
  'dashboard.inStageFor': 'For {time} in this stage',
  'dashboard.inStageForFailed': 'For {time} in this stage · a step failed',
  'dashboard.finishedAgo': '{time} ago',
  'dashboard.lessThanAnHour': 'under an hour',
  'dashboard.hours': '{count, plural, one {{n} hour} other {{n} hours}}',
  'dashboard.days': '{count, plural, one {{n} day} other {{n} days}}',
  'dashboard.more': 'And {n} more: narrow the list with a filter.',
  'dashboard.showFinished': 'Show finished moves ({n})',
  'dashboard.moreFinished': 'And {n} more finished.',
  'dashboard.open': 'Open',
} as const satisfies AreaMessages<'dashboard'>;
