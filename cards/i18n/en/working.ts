/** The "working on it" card (cards/workingCard.ts): what the bot is doing now, and how far licences moved. */
import type { AreaMessages } from '../types';

export const working = {
  'working.doing.checking': 'Checking {domain}…',
  'working.doing.inviting': 'Sending the invitation…',
  /** customer: the customer's name or domain. */
  'working.doing.reading': 'Reading the licences of {customer}…',
  'working.doing.drafting': 'Drafting the plan…',
  'working.doing.ordering': 'Placing the order…',
  'working.doing.provisioning': 'Order placed. Waiting for Partner Center to provision the new subscriptions…',
  'working.doing.reassigning': 'Moving users to the new licences…',
  'working.doing.advising': 'Writing the advice on the original subscriptions…',
  'working.doing.other': 'Working on it…',
  /** done: users looked at; total: about how many there are; moved; attention: users who need a person. */
  'working.reassignedOf': '{done} of about {total} users done: {moved} moved, {attention, plural, one {{attention} needs attention} other {{attention} need attention}}.',
  'working.reassignedSoFar': '{done} users done so far: {moved} moved, {attention, plural, one {{attention} needs attention} other {{attention} need attention}}.',
  'working.updatesItself': 'This card updates itself, and shows the outcome here when the step is done.',
  'working.refresh': 'Refresh',
} as const satisfies AreaMessages<'working'>;
