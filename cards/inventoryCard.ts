/**
 * What the customer has today: per licence SKU the total and assigned licences and status, and per
 * subscription its status, next lifecycle date ("unknown" when Graph does not say — never guessed) and owner.
 */
import type { InventoryLine, SourceSubscription } from '../move/model';
import { DEFAULT_APPROVAL_POLICY } from '../move/policy';
import type { MoveState } from '../move/state';
import { LIMITS, MOVE_CARD_FRAME, deepFreeze, expandCard, formatDate, formatDateTime, oneLine, plainText } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { fill, plural } from './messages';
import { STARTED_TEMPLATE, actionData, startedText } from './moveView';
import { COMPACT_HEADER_TEMPLATE, compactHeaderView } from './compactHeader';
import type { CardOptions } from './moveView';
import type { CompactHeaderView } from './compactHeader';

const TEXT = deepFreeze({
  boughtThroughPartner: 'bought through partner tenant {tenant}',
  boughtDirect: 'bought direct from Microsoft',
  subscription: 'Subscription {id}',
  licenceOne: '{n} licence',
  licenceMany: '{n} licences',
  status: 'status {status}',
  unknown: 'unknown',
  nextLifecycle: 'next lifecycle date {date}',
  term: '{duration} billed {cycle}',
  termUnknown: 'term unknown',
  trial: 'trial',
  separator: ' · ',
  onePlanInUse: ' · its service plan in use',
  allPlansInUse: ' · all {n} service plans in use',
  somePlansInUse: ' · {used} of {n} service plans in use (the others are switched off for every user)',
  counts: '{licences}, {assigned} assigned, {free} free · status {status}',
  noSubscription: ' · no subscription found for this SKU',
  moreSubscriptionsOne: '{n} more subscription not shown.',
  moreSubscriptionsMany: '{n} more subscriptions not shown.',
  typedIn: 'Typed in by {name} on {at}: {skus}, {licences}, {assigned} assigned.',
  read: 'Read on {at}: {skus}, {licences}, {assigned} assigned.',
  skuOne: '{n} licence SKU',
  skuMany: '{n} licence SKUs',
  notRead: 'The inventory has not been read yet. It is read as soon as the customer accepts the invitation.',
  hiddenOne: '{n} more SKU not shown; type "audit" for the full list.',
  hiddenMany: '{n} more SKUs not shown; type "audit" for the full list.',
  title: 'What the customer has today',
  next: 'Next: the plan buys the same offers and the same number of licences. An Account admin or a Billing agent approves it before anything is bought.',
});

interface SkuView {
  sku: string;
  counts: string;
  subscriptions: Array<{ text: string }>;
  hasMore: boolean;
  more: string;
}

interface InventoryView {
  act: MoveActionData;
  header: CompactHeaderView;
  hasInventory: boolean;
  summary: string;
  lines: SkuView[];
  hasHidden: boolean;
  hidden: string;
  started: string;
}

function licences(n: number): string {
  return plural(TEXT.licenceOne, TEXT.licenceMany, n);
}

export function ownerText(subscription: SourceSubscription): string {
  return subscription.ownerTenantId
    ? fill(TEXT.boughtThroughPartner, { tenant: oneLine(subscription.ownerTenantId, LIMITS.id) })
    : TEXT.boughtDirect;
}

export function subscriptionText(subscription: SourceSubscription): string {
  const parts = [
    fill(TEXT.subscription, { id: oneLine(subscription.id, LIMITS.id) }),
    licences(subscription.totalLicenses),
    fill(TEXT.status, { status: oneLine(subscription.status, 40) || TEXT.unknown }),
    fill(TEXT.nextLifecycle, { date: formatDate(subscription.nextLifecycleDateTime) }),
    // Graph never reports a term; only a typed-in inventory knows it.
    subscription.term ? fill(TEXT.term, { duration: subscription.term.termDuration, cycle: subscription.term.billingCycle }) : TEXT.termUnknown,
    ownerText(subscription),
  ];
  if (subscription.isTrial) parts.push(TEXT.trial);
  return parts.join(TEXT.separator);
}

/** How many of the SKU's service plans some user has on (what an equivalent offer must cover). */
function usageText(line: InventoryLine): string {
  if (!line.usage || line.servicePlans.length === 0) return '';
  const used = line.usage.enabledPlanIds.length;
  const n = line.servicePlans.length;
  if (used < n) return fill(TEXT.somePlansInUse, { used, n });
  return n === 1 ? TEXT.onePlanInUse : fill(TEXT.allPlansInUse, { n });
}

export function skuView(line: InventoryLine): SkuView {
  const free = Math.max(0, line.totalUnits - line.consumedUnits);
  const shown = line.subscriptions.slice(0, LIMITS.subscriptionsPerSku);
  const hiddenCount = line.subscriptions.length - shown.length;
  return {
    sku: oneLine(line.skuPartNumber, LIMITS.sku) || oneLine(line.skuId, LIMITS.id),
    counts: fill(TEXT.counts, {
      licences: licences(line.totalUnits), assigned: line.consumedUnits, free, status: oneLine(line.capabilityStatus, 40) || TEXT.unknown,
    }) + (line.subscriptions.length === 0 ? TEXT.noSubscription : '') + usageText(line),
    subscriptions: shown.map((s) => ({ text: subscriptionText(s) })),
    hasMore: hiddenCount > 0,
    more: plural(TEXT.moreSubscriptionsOne, TEXT.moreSubscriptionsMany, hiddenCount),
  };
}

function summaryText(state: MoveState): string {
  const inventory = state.inventory;
  if (!inventory) return TEXT.notRead;
  const lines = inventory.lines;
  const values = {
    at: formatDateTime(inventory.takenAt),
    skus: plural(TEXT.skuOne, TEXT.skuMany, lines.length),
    licences: licences(lines.reduce((sum, line) => sum + line.totalUnits, 0)),
    assigned: lines.reduce((sum, line) => sum + line.consumedUnits, 0),
  };
  return inventory.enteredBy
    ? fill(TEXT.typedIn, { ...values, name: oneLine(inventory.enteredBy.name, LIMITS.name) })
    : fill(TEXT.read, values);
}

export function inventoryView(state: MoveState, options: CardOptions = { approvalPolicy: DEFAULT_APPROVAL_POLICY }): InventoryView {
  const lines = state.inventory?.lines ?? [];
  const shown = lines.slice(0, LIMITS.listRows);
  return {
    act: actionData(state),
    header: compactHeaderView(state, options),
    hasInventory: state.inventory !== null,
    summary: summaryText(state),
    lines: shown.map(skuView),
    hasHidden: lines.length > shown.length,
    hidden: plural(TEXT.hiddenOne, TEXT.hiddenMany, lines.length - shown.length),
    started: startedText(state),
  };
}

const TEMPLATE = deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...COMPACT_HEADER_TEMPLATE,
    { type: 'TextBlock', text: TEXT.title, weight: 'Bolder', spacing: 'Medium', wrap: true },
    plainText('${summary}'),
    {
      type: 'Container',
      $data: '${lines}',
      separator: true,
      items: [
        { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${sku}', weight: 'Bolder' }] },
        { type: 'RichTextBlock', spacing: 'None', inlines: [{ type: 'TextRun', text: '${counts}' }] },
        {
          type: 'RichTextBlock',
          $data: '${subscriptions}',
          spacing: 'Small',
          inlines: [{ type: 'TextRun', text: '${text}', size: 'Small' }],
        },
        { type: 'TextBlock', $when: '${hasMore}', text: '${more}', isSubtle: true, size: 'Small', wrap: true },
      ],
    },
    { type: 'TextBlock', $when: '${hasHidden}', text: '${hidden}', isSubtle: true, wrap: true },
    { type: 'TextBlock', spacing: 'Medium', wrap: true, text: TEXT.next },
    STARTED_TEMPLATE,
  ],
});

export function inventoryCard(state: MoveState, options?: CardOptions): AdaptiveCardJson {
  return expandCard(TEMPLATE, inventoryView(state, options));
}
