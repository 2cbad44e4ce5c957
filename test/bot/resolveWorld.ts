/**
 * Contoso variants for the tests of what people resolve on cards: Contoso also holds Microsoft 365 E3
 * (SPE_E3), which the fake catalog does not sell, so its plan blocks until an Account admin picks an offer;
 * two users hold E3, one without a usage location, so the reassignment leaves one user for a person.
 * And a tenant the bot cannot read, so staff type the inventory.
 */
import assert from 'node:assert/strict';
import { StepError, type SubscribedSku } from '../../move/ports';
import type { MoveState } from '../../move/state';
import { MICROSOFT_365_E3 } from '../../sandbox/world/skus/microsoft365E3';
import { TestBot, findAction, type TurnResult } from './buildTestBot';
import { CONTOSO_TENANT, STAFF, licensedUser } from './fakes';

export const E3 = MICROSOFT_365_E3.skuId;
export const SPB_OFFER = 'CFQ7TTC0LCHC:0002';
export const EXO_OFFER = 'CFQ7TTC0LH16:0001';

/** Adds 3 SPE_E3 licences (2 assigned: Ann, and Bob without a usage location) to Contoso's tenant. */
export function withUnsoldE3(t: TestBot): void {
  const skus = t.customers.subscribedSkus.bind(t.customers);
  const subscriptions = t.customers.subscriptions.bind(t.customers);
  t.customers.subscribedSkus = async (tenantId, ctx) => [...await skus(tenantId, ctx), {
    skuId: E3, skuPartNumber: 'SPE_E3', capabilityStatus: 'Enabled', appliesTo: 'User', consumedUnits: 2,
    prepaidUnits: { enabled: 3, suspended: 0, warning: 0, lockedOut: 0 },
    servicePlans: MICROSOFT_365_E3.servicePlans.map((p) => ({ servicePlanId: p.servicePlanId, servicePlanName: p.servicePlanName, provisioningStatus: 'Success', appliesTo: 'User' })),
    subscriptionIds: ['sub-e3'],
  } satisfies SubscribedSku];
  t.customers.subscriptions = async (tenantId, ctx) => [...await subscriptions(tenantId, ctx), {
    id: 'sub-e3', skuId: E3, skuPartNumber: 'SPE_E3', status: 'Enabled', totalLicenses: 3, isTrial: false,
    createdDateTime: null, nextLifecycleDateTime: '2027-01-01T00:00:00Z', ownerTenantId: null,
  }];
  t.customers.users.set(CONTOSO_TENANT, [
    licensedUser('u-ann', [{ skuId: E3 }], { userPrincipalName: 'ann@contoso.onmicrosoft.com' }),
    licensedUser('u-bob', [{ skuId: E3 }], { userPrincipalName: 'bob@contoso.onmicrosoft.com', usageLocation: null }),
  ]);
}

/** Contoso's move blocked on SPE_E3 (no equivalent), started by Megan. */
export async function blockedOnE3(t: TestBot): Promise<MoveState> {
  withUnsoldE3(t);
  const moveId = await t.startContoso(STAFF.megan);
  const state = await t.acceptAndSweep(moveId);
  assert.equal(state.blocked?.reason.code, 'plan-has-no-offer');
  return state;
}

/** What Alex sends when he picks Business Premium for SPE_E3 on the blocked card. */
export function pickData(state: MoveState, offers: string | string[] = SPB_OFFER, reason = 'The customer agreed to Business Premium for these two users.'): Record<string, unknown> {
  return { moveId: state.moveId, version: state.version, sourceSkuId: E3, [`offers-${E3}`]: offers, [`offerReason-${E3}`]: reason };
}

/** Alex picks Business Premium and approves (Megan proposed): provisioning, then Bob is left on E3. */
export async function reassignmentBlocked(t: TestBot): Promise<MoveState> {
  const blocked = await blockedOnE3(t);
  await t.click(STAFF.alex, 'move.offers.choose', pickData(blocked));
  const atApproval = t.orchestrator.get(blocked.moveId)!;
  assert.equal(atApproval.stage, 'approval');
  await t.click(STAFF.alex, 'move.plan.approve', { moveId: atApproval.moveId, version: atApproval.version, planHash: atApproval.plan!.hash });
  const state = t.orchestrator.get(blocked.moveId)!;
  assert.equal(state.blocked?.reason.code, 'reassignment-incomplete');
  return state;
}

/** Bob gets a usage location in Entra. */
export function fixBob(t: TestBot): void {
  const bob = t.customers.users.get(CONTOSO_TENANT)!.find((u) => u.id === 'u-bob')!;
  bob.usageLocation = 'US';
}

/** Reading Contoso's licences fails: for good with no access (blocked), or again and again (retryable). */
export function unreadableTenant(t: TestBot, blocks: boolean): void {
  t.customers.subscribedSkus = async () => {
    throw blocks
      ? new StepError('Graph answered 403 Forbidden: the GDAP relationship is not active.', {
        retryable: false, blocks: { code: 'no-customer-access', detail: 'Graph answered 403 Forbidden.' },
      })
      : new StepError('Graph answered 503 Service Unavailable.', { retryable: true });
  };
}

/** The card in an invoke response, and the verb's Action.Execute in it. */
export function actionIn(result: TurnResult, verb: string): { verb: string; data: Record<string, unknown> } | undefined {
  return findAction((result.invoke?.body as { value?: unknown } | undefined)?.value, verb);
}
