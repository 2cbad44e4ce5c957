/**
 * What the customer has today: per licence SKU the total and assigned licences and status, and per
 * subscription its status, next lifecycle date ("unknown" when Graph does not say — never guessed) and owner.
 */
import type { InventoryLine, SourceSubscription } from '../move/model';
import type { MoveState } from '../move/state';
import { LIMITS, MOVE_CARD_FRAME, count, expandCard, formatDate, formatDateTime, oneLine, deepFreeze } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { HEADER_TEMPLATE, actionData, headerView } from './moveView';
import type { MoveHeaderView } from './moveView';

interface SkuView {
  sku: string;
  counts: string;
  subscriptions: Array<{ text: string }>;
  hasMore: boolean;
  more: string;
}

interface InventoryView {
  act: MoveActionData;
  header: MoveHeaderView;
  hasInventory: boolean;
  summary: string;
  lines: SkuView[];
  hasHidden: boolean;
  hidden: string;
}

export function ownerText(subscription: SourceSubscription): string {
  return subscription.ownerTenantId
    ? `bought through partner tenant ${oneLine(subscription.ownerTenantId, LIMITS.id)}`
    : 'bought direct from Microsoft';
}

export function subscriptionText(subscription: SourceSubscription): string {
  const parts = [
    `Subscription ${oneLine(subscription.id, LIMITS.id)}`,
    count(subscription.totalLicenses, 'licence', 'licences'),
    `status ${oneLine(subscription.status, 40) || 'unknown'}`,
    `next lifecycle date ${formatDate(subscription.nextLifecycleDateTime)}`,
    // Graph never reports a term; only a typed-in inventory knows it.
    subscription.term ? `${subscription.term.termDuration} billed ${subscription.term.billingCycle}` : 'term unknown',
    ownerText(subscription),
  ];
  if (subscription.isTrial) parts.push('trial');
  return parts.join(' · ');
}

/** How many of the SKU's service plans some user has on (what an equivalent offer must cover). */
function usageText(line: InventoryLine): string {
  if (!line.usage || line.servicePlans.length === 0) return '';
  const used = line.usage.enabledPlanIds.length;
  return used >= line.servicePlans.length
    ? ` · ${line.servicePlans.length === 1 ? 'its service plan' : `all ${line.servicePlans.length} service plans`} in use`
    : ` · ${used} of ${line.servicePlans.length} service plans in use (the others are switched off for every user)`;
}

export function skuView(line: InventoryLine): SkuView {
  const free = Math.max(0, line.totalUnits - line.consumedUnits);
  const shown = line.subscriptions.slice(0, LIMITS.subscriptionsPerSku);
  const hiddenCount = line.subscriptions.length - shown.length;
  return {
    sku: oneLine(line.skuPartNumber, LIMITS.sku) || oneLine(line.skuId, LIMITS.id),
    counts: `${count(line.totalUnits, 'licence', 'licences')}, ${line.consumedUnits} assigned, ${free} free · status ${oneLine(line.capabilityStatus, 40) || 'unknown'}` +
      (line.subscriptions.length === 0 ? ' · no subscription found for this SKU' : '') + usageText(line),
    subscriptions: shown.map((s) => ({ text: subscriptionText(s) })),
    hasMore: hiddenCount > 0,
    more: `${count(hiddenCount, 'more subscription', 'more subscriptions')} not shown.`,
  };
}

export function inventoryView(state: MoveState): InventoryView {
  const inventory = state.inventory;
  const lines = inventory?.lines ?? [];
  const shown = lines.slice(0, LIMITS.listRows);
  const total = lines.reduce((sum, line) => sum + line.totalUnits, 0);
  const used = lines.reduce((sum, line) => sum + line.consumedUnits, 0);
  return {
    act: actionData(state),
    header: headerView(state),
    hasInventory: inventory !== null,
    summary: inventory
      ? `${inventory.enteredBy ? `Typed in by ${oneLine(inventory.enteredBy.name, LIMITS.name)} on` : 'Read on'} ${formatDateTime(inventory.takenAt)}: ${count(lines.length, 'licence SKU', 'licence SKUs')}, ${count(total, 'licence', 'licences')}, ${used} assigned.`
      : 'The inventory has not been read yet. It is read as soon as the customer accepts the invitation.',
    lines: shown.map(skuView),
    hasHidden: lines.length > shown.length,
    hidden: `${count(lines.length - shown.length, 'more SKU', 'more SKUs')} not shown; type "audit" for the full list.`,
  };
}

const TEMPLATE = deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...HEADER_TEMPLATE,
    { type: 'TextBlock', text: 'What the customer has today', weight: 'Bolder', spacing: 'Medium', wrap: true },
    { type: 'TextBlock', text: '${summary}', wrap: true },
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
    {
      type: 'TextBlock',
      spacing: 'Medium',
      wrap: true,
      text: 'Next: the plan buys the same offers and the same number of licences. An Account admin or a Billing agent approves it before anything is bought.',
    },
  ],
});

export function inventoryCard(state: MoveState): AdaptiveCardJson {
  return expandCard(TEMPLATE, inventoryView(state));
}
