/** What the customer has today (cards/inventoryCard.ts), and the form to type it in (cards/inventoryForm.ts). */
import type { AreaMessages } from '../types';

export const inventory = {
  // The "type the inventory" form, when the bot cannot read the customer's tenant.
  'inventory.form.title': 'Type the inventory',
  'inventory.form.intro': "If you know what the customer has (their Microsoft 365 admin center, Billing > Your products), type one licence per line. "
    + 'Term and billing go together; leave out what you do not know (it stays "unknown").',
  /** The line format; the values in it (P1M, monthly, …) are what the parser reads and stay as they are. */
  'inventory.form.format': '<SKU part number or Graph skuId>, <licences>, <assigned>[, <end date YYYY-MM-DD>][, <term P1M|P1Y|P3Y>, <billing monthly|annual|triennial>]',
  /** example: a typed line the parser accepts. */
  'inventory.form.example': 'For example: {example}',
  'inventory.form.label': 'Licences, one per line',
  /** roles: who may send it, in a sentence ("an Account admin, an Admin agent or a Sales agent"). */
  'inventory.form.checked': "{roles} can send it. Every line is checked against Microsoft's SKU table; nothing is recorded until all lines are right. "
    + 'The plan then says the inventory was typed in, so the approver checks the figures.',
  'inventory.form.send': 'Send the inventory',
  // The card: what the customer has today, per licence SKU and subscription.
  /** tenant: the partner tenant the subscription was bought through. */
  'inventory.boughtThroughPartner': 'bought through partner tenant {tenant}',
  'inventory.boughtDirect': 'bought direct from Microsoft',
  /** id: the subscription's id. */
  'inventory.subscription': 'Subscription {id}',
  'inventory.licences': '{count, plural, one {{count} licence} other {{count} licences}}',
  /** status: the status Microsoft reports (Enabled, Warning, …), not translated. */
  'inventory.status': 'status {status}',
  'inventory.unknown': 'unknown',
  /** date: the next lifecycle date (formatted, or "unknown"). */
  'inventory.nextLifecycle': 'next lifecycle date {date}',
  /** duration: P1M, P1Y or P3Y; cycle: monthly, annual or triennial (as Partner Center writes them). */
  'inventory.term': '{duration} billed {cycle}',
  'inventory.termUnknown': 'term unknown',
  'inventory.trial': 'trial',
  'inventory.onePlanInUse': 'its service plan in use',
  'inventory.allPlansInUse': 'all {count} service plans in use',
  'inventory.somePlansInUse': '{used} of {count} service plans in use (the others are switched off for every user)',
  /** licences: inventory.licences; assigned, free: numbers; status: as Microsoft reports it. */
  'inventory.counts': '{licences}, {assigned} assigned, {free} free · status {status}',
  'inventory.noSubscription': 'no subscription found for this SKU',
  'inventory.moreSubscriptions': '{count, plural, one {{count} more subscription not shown.} other {{count} more subscriptions not shown.}}',
  /** name: who typed it in; at: when; skus: inventory.skus; licences: inventory.licences; assigned: a number. */
  'inventory.typedIn': 'Typed in by {name} on {at}: {skus}, {licences}, {assigned} assigned.',
  'inventory.read': 'Read on {at}: {skus}, {licences}, {assigned} assigned.',
  'inventory.skus': '{count, plural, one {{count} licence SKU} other {{count} licence SKUs}}',
  'inventory.notRead': 'The inventory has not been read yet. It is read as soon as the customer accepts the invitation.',
  'inventory.hidden': '{count, plural, one {{count} more SKU not shown; type "audit" for the full list.} other {{count} more SKUs not shown; type "audit" for the full list.}}',
  'inventory.title': 'What the customer has today',
  'inventory.next': 'Next: the plan buys the same offers and the same number of licences. An Account admin or a Billing agent approves it before anything is bought.',
} as const satisfies AreaMessages<'inventory'>;
