/** Stages source-advice and done (cards/doneCard.ts): what was bought, who moved, and the advice on each original subscription. */
import type { AreaMessages } from '../types';

export const done = {
  /** users: users moved in all; passes: how many passes it took. */
  'done.reassigned': 'Licences reassigned: {users, plural, one {{users} user} other {{users} users}} moved to the new licences.',
  'done.reassignedPasses': 'Licences reassigned: {users, plural, one {{users} user} other {{users} users}} moved to the new licences over {passes} passes.',
  /** n: users left on the original licence; name: who overrode; date: when (formatted); reason: as typed. */
  'done.leftBehind': '{n, plural, one {{n} user was} other {{n} users were}} left on the original licence when {name} overrode on {date}: {reason} '
    + 'Move them by hand in Microsoft Entra before the original subscriptions end, or they lose those licences.',
  /** product; licences: the licences on the original subscription; id: its subscription id. */
  'done.adviceHeading': '{product} · {licences, plural, one {{licences} licence} other {{licences} licences}} · subscription {id}',
  'done.expiresOn': 'Let it expire on {date}.',
  'done.ended': 'Ended (the bot saw it end).',
  'done.expiryUnknown': 'Expiry date unknown (Graph does not report it): find the end date before letting it expire.',
  'done.complete': 'Move complete',
  'done.active': 'New subscriptions are active',
  /** subscriptions and licences bought. */
  'done.summary': '{subscriptions, plural, one {{subscriptions} subscription} other {{subscriptions} subscriptions}} with {licences, plural, one {{licences} licence} other {{licences} licences}} bought in your CSP program.',
  'done.summaryProvisioned': '{subscriptions, plural, one {{subscriptions} subscription} other {{subscriptions} subscriptions}} with {licences, plural, one {{licences} licence} other {{licences} licences}} bought in your CSP program, provisioned on {at}.',
  'done.noOrders': 'none',
  'done.adviceWatching': 'The bot watches them, reminds you two weeks before each date, and closes the move once they have all ended.',
  'done.advicePending': 'The advice for each original subscription is being prepared; refresh this card in a moment.',
  /** product; before/after: licences in the tenant before and after; ordered: licences ordered. */
  'done.prepaidOk': "{product}: {before} → {after} licences in the customer's tenant ({ordered} ordered).",
  'done.prepaidShort': "{product}: {before} → {after} licences in the customer's tenant ({ordered} ordered) — fewer than ordered: "
    + 'check the new subscriptions in Partner Center and the Microsoft 365 admin center.',
  'done.ordersLabel': 'Orders',
  'done.checkedTitle': "Checked in the customer's tenant",
  'done.expireTitle': 'Let the original subscriptions expire',
  /** hint: done.adviceWatching or done.advicePending. */
  'done.doNotCancel': 'Do not cancel them: there are no refunds on cancelled subscriptions. Wait until near each natural expiry date below; '
    + 'the customer keeps working on the new subscriptions meanwhile. {hint}',
  'done.multiPartner': 'Multi-partner: the customer keeps its other partner. Only the subscriptions in this plan moved to you.',
} as const satisfies AreaMessages<'done'>;
