/** JSON views of the world for the admin API: `/_sandbox/state` and a customer's licence history. */
import type { SandboxRequest } from '../http/types';
import { MS_PER_SECOND } from '../util/clock';
import { SANDBOX_STAFF } from '../world/constants';
import { cspRegionOf } from '../world/cspRegions';
import { subscribedSkusOf } from '../world/directory';
import { effectiveGdapStatus } from '../world/gdap';
import { accessAssignmentStatus } from '../world/gdapAccess';
import type { CustomerAccount, LicenseChange } from '../world/types';
import type { SandboxWorld } from '../world/world';
import { userJson } from './graph/users';
import { orderJson, subscriptionJson } from './partnerCenter/presenters';

export function clockJson(world: SandboxWorld) {
  return { now: world.clock.nowIso(), offsetSeconds: world.clock.offsetMilliseconds / MS_PER_SECOND };
}

export function worldState(world: SandboxWorld, customers: readonly CustomerAccount[]) {
  const { partner } = world.state;
  return {
    partner: {
      name: partner.companyName,
      tenantId: partner.tenant.tenantId,
      domain: partner.tenant.initialDomain,
      country: partner.tenant.countryLetterCode,
      cspRegion: cspRegionOf(partner.tenant.countryLetterCode),
      // Security groups usable as GDAP access containers.
      groups: partner.tenant.groups.map((g) => ({ id: g.id, displayName: g.displayName })),
    },
    staff: SANDBOX_STAFF.map((s) => ({ id: s.id, displayName: s.displayName, userPrincipalName: s.userPrincipalName, groups: [...s.groups], directoryRoles: [...s.directoryRoles] })),
    customers: customers.map((c) => customerState(world, c)),
    outbox: world.state.outbox.map((m) => ({ from: m.from, to: [...m.to], cc: [...m.cc], bcc: [...m.bcc], subject: m.subject, at: m.at, tenantId: m.tenantId, contentType: m.contentType, content: m.content })),
    settings: { ...world.settings },
    clock: clockJson(world),
  };
}

export function customerState(world: SandboxWorld, customer: CustomerAccount) {
  const tenant = customer.tenant;
  return {
    domain: tenant.initialDomain,
    customDomains: [...tenant.customDomains],
    tenantId: tenant.tenantId,
    companyName: tenant.displayName,
    country: tenant.countryLetterCode,
    cspRegion: cspRegionOf(tenant.countryLetterCode),
    relationship: customer.relationshipToPartner,
    relationshipAcceptedDateTime: customer.relationshipAcceptedDateTime,
    appConsentGranted: customer.appConsentGranted,
    mcaAccepted: customer.agreements.some((a) => a.type === 'MicrosoftCustomerAgreement'),
    agreements: customer.agreements.map((a) => ({ type: a.type, dateAgreed: a.dateAgreed, by: a.userId ? 'partner attestation' : 'customer' })),
    gdap: world.state.gdapRelationships
      .filter((r) => r.customer?.tenantId === tenant.tenantId)
      .map((r) => ({
        id: r.id,
        displayName: r.displayName,
        status: effectiveGdapStatus(world, r),
        activatedDateTime: r.activatedDateTime,
        endDateTime: r.endDateTime,
        accessAssignments: r.accessAssignments.map((a) => ({ id: a.id, accessContainerId: a.accessContainerId, status: accessAssignmentStatus(world, a), roles: [...a.unifiedRoleIds] })),
      })),
    orders: customer.orders.map((o) => orderJson(world, customer, o)),
    subscriptions: customer.subscriptions.map((s) => subscriptionJson(world, customer, s)),
    transfers: customer.transfers.map((t) => ({ id: t.id, status: t.status, sourcePartnerName: t.sourcePartnerName, targetPartnerName: t.targetPartnerName, createdTime: t.createdTime })),
    skus: subscribedSkusOf(world, tenant).map((s) => ({ skuId: s.skuId, skuPartNumber: s.skuPartNumber, capabilityStatus: s.capabilityStatus, ...s.prepaidUnits, consumedUnits: s.consumedUnits })),
    users: tenant.users.map((u) => {
      const full = userJson(u);
      return { id: u.id, userPrincipalName: u.userPrincipalName, usageLocation: u.usageLocation, assignedLicenses: full.assignedLicenses, licenseAssignmentStates: full.licenseAssignmentStates };
    }),
  };
}

/** Licence changes made through assignLicense in one tenant, grouped per user (`?user=` id or UPN). */
export function licenseHistory(world: SandboxWorld, customer: CustomerAccount, request: SandboxRequest) {
  const only = request.query.get('user')?.toLowerCase();
  const changes = world.state.licenseHistory.filter(
    (c) => c.tenantId === customer.tenant.tenantId && (!only || c.userId === only || c.userPrincipalName.toLowerCase() === only),
  );
  const byUser = new Map<string, LicenseChange[]>();
  for (const change of changes) byUser.set(change.userId, [...(byUser.get(change.userId) ?? []), change]);
  return {
    domain: customer.tenant.initialDomain,
    tenantId: customer.tenant.tenantId,
    users: [...byUser.values()].map((list) => ({
      userId: list[0].userId,
      userPrincipalName: list[0].userPrincipalName,
      changes: list.map((c) => ({
        sequence: c.sequence,
        at: c.at,
        actor: c.actor,
        addLicenses: c.addLicenses,
        removeLicenses: c.removeLicenses,
        before: c.before,
        after: c.after,
      })),
    })),
  };
}
