import type { Inventory, SourceAdvice, SourceAdviceKind, SourceChannel, SourceSubscription } from './model';

export interface AdviceContext {
  source: SourceChannel;
  multiPartner: boolean;
  partnerTenantId: string;
  /** With delegated admin the partner can contact Microsoft support for the customer. */
  hasDelegatedAdmin: boolean;
  /** The Graph SKUs the plan bought: only their original subscriptions need advice. */
  movedSkuIds: ReadonlySet<string>;
}

/**
 * What to do with each original subscription (docs/ARCHITECTURE.md §1, stage 10): never cancel by default — there
 * are no refunds on cancelled subscriptions, so let each one expire near its natural end.
 */
export function adviseOnSources(inventory: Inventory, context: AdviceContext): SourceAdvice[] {
  const advice: SourceAdvice[] = [];
  for (const line of inventory.lines) {
    if (!context.movedSkuIds.has(line.skuId.toLowerCase())) continue;
    for (const subscription of line.subscriptions) {
      if (subscription.isTrial) continue;
      if (subscription.ownerTenantId?.toLowerCase() === context.partnerTenantId.toLowerCase()) continue;
      const kind = adviceKind(subscription, context);
      const monthly = subscription.term?.termDuration === 'P1M';
      advice.push({
        subscriptionId: subscription.id,
        skuPartNumber: subscription.skuPartNumber || line.skuPartNumber,
        totalLicenses: subscription.totalLicenses,
        expires: subscription.nextLifecycleDateTime,
        kind,
        text: adviceText(kind, subscription, context) + (monthly
          ? ' It is on a monthly term that renews every month: turn auto-renew off once the new subscriptions are in use; no reminder is sent before each renewal.'
          : ''),
        monthly,
      });
    }
  }
  return advice;
}

function adviceKind(subscription: SourceSubscription, context: AdviceContext): SourceAdviceKind {
  if (!subscription.nextLifecycleDateTime) return 'unknown-expiry';
  if (subscription.ownerTenantId || context.source === 'other-csp-partner') return 'let-expire-or-transfer';
  if (context.source === 'microsoft-direct' || context.source === 'unknown') return 'let-expire-or-credit';
  return 'let-expire';
}

function adviceText(kind: SourceAdviceKind, subscription: SourceSubscription, context: AdviceContext): string {
  const date = subscription.nextLifecycleDateTime?.slice(0, 10);
  const expire = `Let it expire${date ? ` on ${date}` : ''}: cancelled subscriptions get no refund, so turn off auto-renew and wait until near the natural expiry.`;
  const keepPartner = context.multiPartner ? ' The customer keeps its other partner; only this subscription is affected.' : '';
  switch (kind) {
    case 'unknown-expiry':
      return 'Its end date is unknown (Graph does not report it). Ask the current seller for the term end and let it expire then; do not cancel early, cancelled subscriptions get no refund.' + keepPartner;
    case 'let-expire-or-credit':
      return `${expire} Bought direct from Microsoft, it may qualify for a credit through Microsoft 365 billing support — `
        + (context.hasDelegatedAdmin ? 'with delegated admin you can open that request for the customer.' : 'ask the customer to open that request.') + keepPartner;
    case 'let-expire-or-transfer':
      return `${expire} It was bought from another CSP partner: ask them to turn off auto-renew. For new-commerce subscriptions a partner-to-partner transfer is the alternative to buying in parallel.` + keepPartner;
    case 'let-expire':
      return expire + keepPartner;
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}
