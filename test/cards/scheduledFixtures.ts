/** Contoso approved with buy dates ahead: the plan bought a week before each original ends (the scheduled stage). */
import type { MoveEvent } from '../../move/events';
import { defaultOfferMap } from '../../move/offerMap';
import { buildPlan } from '../../move/plan';
import { replay, type MoveState } from '../../move/state';
import { sandboxSkuCatalog } from '../support/skuCatalogs';
import { adele, CATALOG, contosoHistory, contosoInventory, megan, PARTNER_TENANT, system, T0 } from '../move/fixtures';

export function scheduledContoso(extra: MoveEvent[] = []): MoveState {
  const plan = buildPlan(contosoInventory(), CATALOG, {
    term: 'P1Y', billing: 'monthly', partnerTenantId: PARTNER_TENANT, now: T0, skus: sandboxSkuCatalog(), offerMap: defaultOfferMap(), buyDaysBeforeEnd: 7,
  });
  return replay('mv-1', [
    ...contosoHistory('inventory'),
    { type: 'PlanProposed', at: '2026-11-24T10:02:00.000Z', actor: system, plan, proposer: megan, correlationId: 'corr-1' },
    { type: 'PlanApproved', at: '2026-11-24T10:10:00.000Z', actor: adele, planHash: plan.hash, comment: '', correlationId: 'corr-1' },
    ...extra,
  ]);
}
