/**
 * Graph `assignLicense` rules (learn.microsoft.com/graph/api/user-assignlicense), applied atomically: either the
 * whole request is valid and every change is made, or nothing changes.
 * - every skuId is a GUID; a SKU is added at most once and never both added and removed;
 * - added SKUs must be subscribed in the tenant, with seats left (enabled + warning − consumed) for each user
 *   who does not already hold the SKU ("Subscription with SKU … does not have any available licenses.", with a
 *   CountViolation detail); disabledPlans must be plans of that SKU;
 * - adding needs the user's usageLocation;
 * - only direct assignments can be removed: a licence held only through a group cannot.
 * Each change is appended to the world's licence history with the user's licences before and after.
 */
import { GUID_PATTERN } from './gdap';
import { subscribedSkusOf } from './directory';
import { findSkuById } from './skus';
import type { DirectoryUser, LicenseChange, LicenseSnapshot, Tenant, UserLicense } from './types';
import type { SandboxWorld } from './world';

export class LicenseRuleViolation extends Error {
  constructor(readonly code: string, message: string, readonly detailCode?: string, readonly target?: string) {
    super(message);
    this.name = 'LicenseRuleViolation';
  }
}

export const USAGE_LOCATION_MESSAGE = 'License assignment cannot be done for user with invalid usage location.';
export const INHERITED_LICENSE_MESSAGE = 'User license is inherited from a group membership and it cannot be removed directly from the user.';
/**
 * Graph's refusal when no seat is left, as Graph clients report it (400 Request_BadRequest, "Subscription with SKU
 * {skuId} does not have any available licenses."). Microsoft's assignLicense page does not give the exact text;
 * this is the wording seen in public scripts that match on it.
 */
export const noSeatsMessage = (skuId: string) => `Subscription with SKU ${skuId} does not have any available licenses.`;
const MAX_HISTORY = 50_000;

interface AddLicense {
  skuId: string;
  disabledPlans: string[];
}

/** Returns the recorded change, or null when the request changed nothing. */
export function assignLicenses(world: SandboxWorld, tenant: Tenant, user: DirectoryUser, body: unknown, actor: string): LicenseChange | null {
  const { add, remove } = parseBody(body);
  const skus = subscribedSkusOf(world, tenant);

  for (const license of add) {
    const sku = skus.find((s) => s.skuId === license.skuId);
    if (!sku) throw bad(`License ${license.skuId} does not correspond to a valid company License.`);
    const plans = findSkuById(license.skuId)?.servicePlans.map((p) => p.servicePlanId) ?? [];
    const unknownPlan = license.disabledPlans.find((id) => !plans.includes(id));
    if (unknownPlan) throw bad(`Service plan ${unknownPlan} in disabledPlans is not part of license ${sku.skuPartNumber} (${license.skuId}).`);
  }
  if (add.length > 0 && !user.usageLocation) throw bad(USAGE_LOCATION_MESSAGE);
  for (const skuId of remove) {
    const held = user.licenses.filter((l) => l.skuId === skuId);
    if (held.length === 0) throw bad(`User does not have a corresponding license ${skuId} to remove.`);
    if (!held.some((l) => l.assignedByGroup === null)) throw bad(INHERITED_LICENSE_MESSAGE);
  }
  for (const license of add) {
    if (user.licenses.some((l) => l.skuId === license.skuId)) continue; // already counted for this user
    const sku = skus.find((s) => s.skuId === license.skuId)!;
    const available = sku.prepaidUnits.enabled + sku.prepaidUnits.warning - sku.consumedUnits;
    if (available < 1) throw new LicenseRuleViolation('Request_BadRequest', noSeatsMessage(sku.skuId), 'CountViolation', sku.skuId);
  }
  if (add.length === 0 && remove.length === 0) return null;

  const before = snapshot(user.licenses);
  const now = world.clock.nowIso();
  user.licenses = user.licenses.filter((l) => !(l.assignedByGroup === null && remove.includes(l.skuId)));
  for (const license of add) {
    const direct = user.licenses.find((l) => l.skuId === license.skuId && l.assignedByGroup === null);
    if (direct) {
      direct.disabledPlans = [...license.disabledPlans];
      direct.lastUpdatedDateTime = now;
    } else {
      user.licenses.push({ skuId: license.skuId, disabledPlans: [...license.disabledPlans], assignedByGroup: null, lastUpdatedDateTime: now });
    }
  }
  const history = world.state.licenseHistory;
  const change: LicenseChange = {
    sequence: (history[history.length - 1]?.sequence ?? 0) + 1,
    tenantId: tenant.tenantId,
    userId: user.id,
    userPrincipalName: user.userPrincipalName,
    at: now,
    actor,
    addLicenses: add.map((l) => ({ skuId: l.skuId, disabledPlans: [...l.disabledPlans] })),
    removeLicenses: [...remove],
    before,
    after: snapshot(user.licenses),
  };
  history.push(change);
  if (history.length > MAX_HISTORY) history.splice(0, history.length - MAX_HISTORY);
  return change;
}

function parseBody(body: unknown): { add: AddLicense[]; remove: string[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad('The request body must be an object with addLicenses and removeLicenses.');
  const { addLicenses, removeLicenses } = body as Record<string, unknown>;
  if (!Array.isArray(addLicenses) || !Array.isArray(removeLicenses)) {
    throw bad("Both 'addLicenses' and 'removeLicenses' are required (send [] when empty).");
  }
  if (addLicenses.length > 100 || removeLicenses.length > 100) throw bad('Too many licenses in one request.');
  const add = addLicenses.map((entry): AddLicense => {
    if (typeof entry !== 'object' || entry === null) throw bad('Each addLicenses entry must be an object with skuId and disabledPlans.');
    const { skuId, disabledPlans } = entry as Record<string, unknown>;
    const plans = disabledPlans === undefined || disabledPlans === null ? [] : disabledPlans;
    if (!Array.isArray(plans) || plans.length > 200) throw bad('disabledPlans must be a list of service plan ids.');
    return { skuId: guid(skuId), disabledPlans: [...new Set(plans.map(guid))] };
  });
  const remove = removeLicenses.map(guid);
  const addedIds = add.map((l) => l.skuId);
  if (new Set(addedIds).size !== addedIds.length) throw bad('A license appears more than once in addLicenses.');
  if (new Set(remove).size !== remove.length) throw bad('A license appears more than once in removeLicenses.');
  const both = addedIds.find((id) => remove.includes(id));
  if (both) throw bad(`License ${both} cannot be both added and removed in the same request.`);
  return { add, remove };
}

function guid(value: unknown): string {
  if (typeof value !== 'string' || !GUID_PATTERN.test(value)) {
    throw bad("Cannot convert a primitive value to the expected type 'Edm.Guid'. See the inner exception for more details.");
  }
  return value.toLowerCase();
}

function snapshot(licenses: readonly UserLicense[]): LicenseSnapshot[] {
  return licenses.map((l) => ({ skuId: l.skuId, skuPartNumber: findSkuById(l.skuId)?.skuPartNumber ?? null, disabledPlans: [...l.disabledPlans], assignedByGroup: l.assignedByGroup }));
}

function bad(message: string): LicenseRuleViolation {
  return new LicenseRuleViolation('Request_BadRequest', message);
}
