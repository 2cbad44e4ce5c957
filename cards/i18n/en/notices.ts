/** Short notices (cards/noticeCard.ts, cards/staleNotice.ts): what happened and how to fix it, and a click that came too late. */
import type { AreaMessages } from '../types';

export const notices = {
  'notices.untitled': 'Something went wrong',
  'notices.noDetails': 'No details were given.',
  /** Before the fix, in bold; the fix follows in the same line. */
  'notices.whatToDo': 'What to do: ',
  'notices.staleFallback': 'This card was out of date; nothing was done.',
} as const satisfies AreaMessages<'notices'>;
