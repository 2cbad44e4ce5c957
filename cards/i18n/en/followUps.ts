/** The follow-ups after the purchase (cards/followUpsView.ts): the done card's and status card's section, "waiting on", thread lines. */
import type { AreaMessages } from '../types';

export const followUps = {
  'followUps.heading': 'Follow-ups: {open} open of {all}',
  'followUps.headingAllDone': 'Follow-ups: all {all} done',
  /** product: the product's name; id: the original subscription's id; where: whereOldPartner or whereAdminCenter. */
  'followUps.autoRenew': 'Turn auto-renew off for {product} (subscription {id}) at {where}',
  'followUps.autoRenewMonthly': 'Turn auto-renew off for {product} (subscription {id}, monthly) at {where}',
  'followUps.whereOldPartner': 'the old partner (ask them to)',
  'followUps.whereAdminCenter': "the customer's Microsoft 365 admin center",
  /** users: the users' names, joined; usersMore when more than shown. */
  'followUps.moveUsers': 'Move these users by hand to the new licences in Microsoft Entra: {users}',
  'followUps.usersMore': '{shown}, and {more} more',
  'followUps.confirm': 'Confirm the originals ended ({originals, plural, one {{originals} subscription} other {{originals} subscriptions}}) and the customer runs on the new subscriptions',
  'followUps.owner': 'Owner: {who}',
  /** person: who owns the task; role: the owning role in a sentence ("a Billing agent"). */
  'followUps.personOrRole': '{person} or {role}',
  'followUps.due': 'Due {date}',
  'followUps.overdue': 'Overdue: was due {date}',
  'followUps.noDue': "No due date: the original subscription's end date is unknown",
  'followUps.done': 'Done',
  'followUps.doneBy': '✓ {title} — done by {name}, {at}',
  'followUps.settled': '✓ {title} — nothing left to do: {why}',
  'followUps.settledEnded': 'the bot saw the original end',
  'followUps.settledConfirmed': 'the originals were confirmed ended',
  'followUps.someone': 'someone',
  'followUps.someoneCapital': 'Someone',
  'followUps.waitingWhat': '{n} open follow-up(s) after the purchase; the next is due {date}.',
  'followUps.waitingWhatNoDate': '{n} open follow-up(s) after the purchase.',
  /** owners: the tasks' owners, separated by "; ". */
  'followUps.waitingWho': '{owners} (follow-ups)',
  'followUps.hiddenOpen': '{n, plural, one {{n} more open follow-up} other {{n} more open follow-ups}}: say "status" with the customer\'s domain to see them all.',
  'followUps.reminder': 'Reminder: follow-up due {date}: {title}. Owner: {who}. Tick it Done on the move card once it is done.',
  'followUps.reminderOverdue': 'Reminder: follow-up overdue since {date}: {title}. Owner: {who}. Tick it Done on the move card once it is done.',
  'followUps.itsOwner': 'its owner',
  'followUps.ticked': '{name} ticked a follow-up done: {title}.',
} as const satisfies AreaMessages<'followUps'>;
