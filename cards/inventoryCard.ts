/**
 * What the customer has today: per licence SKU the total and assigned licences and status, and per
 * subscription its status, next lifecycle date ("unknown" when Graph does not say — never guessed) and owner.
 */
import type { InventoryLine, SourceSubscription } from '../move/model';
import { DEFAULT_APPROVAL_POLICY } from '../move/policy';
import type { MoveState } from '../move/state';
import { LIMITS, MOVE_CARD_FRAME, deepFreeze, expandCard, formatLocalDate, formatLocalDateTime, oneLine, plainText } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { t } from './i18n/catalog';
import type { Locale } from './i18n/locales';
import { STARTED_TEMPLATE, actionData, readerOf, startedText } from './moveView';
import { COMPACT_HEADER_TEMPLATE, compactHeaderView } from './compactHeader';
import type { CardOptions } from './moveView';
import type { CompactHeaderView } from './compactHeader';

/** Between the facts of one subscription or SKU line (not words). */
const SEPARATOR = ' · ';

/** The reader's language and time zone. */
interface Reader {
  locale: Locale;
  timeZone: string;
}

const ENGLISH_UTC: Reader = deepFreeze({ locale: 'en', timeZone: 'UTC' });

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
  /** The card's own words in the reader's language. */
  words: { title: string; next: string };
}

function licences(n: number, locale: Locale): string {
  return t(locale, 'inventory.licences', { count: n });
}

export function ownerText(subscription: SourceSubscription, locale: Locale = 'en'): string {
  return subscription.ownerTenantId
    ? t(locale, 'inventory.boughtThroughPartner', { tenant: oneLine(subscription.ownerTenantId, LIMITS.id) })
    : t(locale, 'inventory.boughtDirect');
}

export function subscriptionText(subscription: SourceSubscription, reader: Reader = ENGLISH_UTC): string {
  const { locale } = reader;
  const parts = [
    t(locale, 'inventory.subscription', { id: oneLine(subscription.id, LIMITS.id) }),
    licences(subscription.totalLicenses, locale),
    t(locale, 'inventory.status', { status: oneLine(subscription.status, 40) || t(locale, 'inventory.unknown') }),
    t(locale, 'inventory.nextLifecycle', { date: formatLocalDate(subscription.nextLifecycleDateTime, locale, reader.timeZone) }),
    // Graph never reports a term; only a typed-in inventory knows it.
    subscription.term
      ? t(locale, 'inventory.term', { duration: subscription.term.termDuration, cycle: subscription.term.billingCycle })
      : t(locale, 'inventory.termUnknown'),
    ownerText(subscription, locale),
  ];
  if (subscription.isTrial) parts.push(t(locale, 'inventory.trial'));
  return parts.join(SEPARATOR);
}

/** How many of the SKU's service plans some user has on (what an equivalent offer must cover). */
function usageText(line: InventoryLine, locale: Locale): string | null {
  if (!line.usage || line.servicePlans.length === 0) return null;
  const used = line.usage.enabledPlanIds.length;
  const count = line.servicePlans.length;
  if (used < count) return t(locale, 'inventory.somePlansInUse', { used, count });
  return count === 1 ? t(locale, 'inventory.onePlanInUse') : t(locale, 'inventory.allPlansInUse', { count });
}

export function skuView(line: InventoryLine, reader: Reader = ENGLISH_UTC): SkuView {
  const { locale } = reader;
  const free = Math.max(0, line.totalUnits - line.consumedUnits);
  const shown = line.subscriptions.slice(0, LIMITS.subscriptionsPerSku);
  const hiddenCount = line.subscriptions.length - shown.length;
  return {
    sku: oneLine(line.skuPartNumber, LIMITS.sku) || oneLine(line.skuId, LIMITS.id),
    counts: [
      t(locale, 'inventory.counts', {
        licences: licences(line.totalUnits, locale), assigned: line.consumedUnits, free, status: oneLine(line.capabilityStatus, 40) || t(locale, 'inventory.unknown'),
      }),
      line.subscriptions.length === 0 ? t(locale, 'inventory.noSubscription') : null,
      usageText(line, locale),
    ].filter((part) => part !== null).join(SEPARATOR),
    subscriptions: shown.map((s) => ({ text: subscriptionText(s, reader) })),
    hasMore: hiddenCount > 0,
    more: t(locale, 'inventory.moreSubscriptions', { count: hiddenCount }),
  };
}

function summaryText(state: MoveState, { locale, timeZone }: Reader): string {
  const inventory = state.inventory;
  if (!inventory) return t(locale, 'inventory.notRead');
  const lines = inventory.lines;
  const values = {
    at: formatLocalDateTime(inventory.takenAt, locale, timeZone),
    skus: t(locale, 'inventory.skus', { count: lines.length }),
    licences: licences(lines.reduce((sum, line) => sum + line.totalUnits, 0), locale),
    assigned: lines.reduce((sum, line) => sum + line.consumedUnits, 0),
  };
  return inventory.enteredBy
    ? t(locale, 'inventory.typedIn', { ...values, name: oneLine(inventory.enteredBy.name, LIMITS.name) })
    : t(locale, 'inventory.read', values);
}

export function inventoryView(state: MoveState, options: CardOptions = { approvalPolicy: DEFAULT_APPROVAL_POLICY }): InventoryView {
  const reader = readerOf(options);
  const { locale } = reader;
  const lines = state.inventory?.lines ?? [];
  const shown = lines.slice(0, LIMITS.listRows);
  return {
    act: actionData(state),
    header: compactHeaderView(state, options),
    hasInventory: state.inventory !== null,
    summary: summaryText(state, reader),
    lines: shown.map((line) => skuView(line, reader)),
    hasHidden: lines.length > shown.length,
    hidden: t(locale, 'inventory.hidden', { count: lines.length - shown.length }),
    started: startedText(state, options),
    words: { title: t(locale, 'inventory.title'), next: t(locale, 'inventory.next') },
  };
}

const TEMPLATE = deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...COMPACT_HEADER_TEMPLATE,
    { type: 'TextBlock', text: '${words.title}', weight: 'Bolder', spacing: 'Medium', wrap: true },
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
    { type: 'TextBlock', spacing: 'Medium', wrap: true, text: '${words.next}' },
    STARTED_TEMPLATE,
  ],
});

export function inventoryCard(state: MoveState, options?: CardOptions): AdaptiveCardJson {
  return expandCard(TEMPLATE, inventoryView(state, options));
}
