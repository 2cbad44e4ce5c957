/**
 * The sandbox's own admin API under `/_sandbox` (JSON, no auth, loopback callers only): read the whole
 * world, let a customer accept the partner's invitations, move the clock, reset.
 * Planned additions (not built yet): /faults, /throttle, /token, /gdap/{domain}/approve.
 */
import { adminError } from '../http/errors';
import type { Router } from '../http/router';
import { json, type RouteHandler, type SandboxRequest } from '../http/types';
import { MS_PER_DAY, MS_PER_SECOND } from '../util/clock';
import { isRecord } from '../util/jwt';
import { SANDBOX_STAFF } from '../world/constants';
import { cspRegionOf } from '../world/cspRegions';
import { subscribedSkusOf } from '../world/directory';
import { approvePendingGdap, effectiveGdapStatus } from '../world/gdap';
import type { CustomerAccount } from '../world/types';
import type { SandboxWorld } from '../world/world';
import { userJson } from './graph/users';
import { orderJson, subscriptionJson } from './partnerCenter/presenters';

const LOOPBACK = ['127.0.0.1', '::1', '::ffff:127.0.0.1'];
const MAX_ADVANCE_DAYS = 3650;

export function registerAdminRoutes(router: Router, world: SandboxWorld): void {
  const admin = (handler: RouteHandler): RouteHandler => (request) => {
    if (!LOOPBACK.includes(request.remoteAddress ?? '')) throw adminError(403, 'forbidden', 'The sandbox admin API answers loopback callers only.');
    return handler(request);
  };
  router.add('admin', 'GET', '/_sandbox/state', admin((request) => json(200, worldState(world, request))));
  router.add('admin', 'POST', '/_sandbox/customers/:customer/accept', admin((request) => json(200, acceptInvitation(world, request))));
  router.add('admin', 'POST', '/_sandbox/reset', admin(() => {
    world.reset();
    return json(200, { reset: true, clock: clockJson(world) });
  }));
  router.add('admin', 'GET', '/_sandbox/clock', admin(() => json(200, clockJson(world))));
  router.add('admin', 'POST', '/_sandbox/clock', admin((request) => {
    advanceClock(world, request.jsonBody());
    return json(200, clockJson(world));
  }));
}

function clockJson(world: SandboxWorld) {
  return { now: world.clock.nowIso(), offsetSeconds: world.clock.offsetMilliseconds / MS_PER_SECOND };
}

function advanceClock(world: SandboxWorld, body: unknown): void {
  if (!isRecord(body)) throw adminError(400, 'bad_request', 'Send {"advanceDays": n} and/or {"advanceSeconds": n}.');
  const days = body.advanceDays ?? 0;
  const seconds = body.advanceSeconds ?? 0;
  if (typeof days !== 'number' || typeof seconds !== 'number' || !Number.isFinite(days) || !Number.isFinite(seconds)) {
    throw adminError(400, 'bad_request', 'advanceDays and advanceSeconds must be numbers.');
  }
  if (days < 0 || seconds < 0) throw adminError(400, 'bad_request', 'The sandbox clock only moves forward.');
  const total = days * MS_PER_DAY + seconds * MS_PER_SECOND;
  if (total > MAX_ADVANCE_DAYS * MS_PER_DAY) throw adminError(400, 'bad_request', `Advance at most ${MAX_ADVANCE_DAYS} days at a time.`);
  world.clock.advance(total);
}

function findCustomerOr404(world: SandboxWorld, key: string): CustomerAccount {
  const customer = key.length <= 256 ? world.findCustomer(key) : undefined;
  if (!customer) throw adminError(404, 'not_found', `No customer tenant '${key.slice(0, 256)}' in the sandbox world.`);
  return customer;
}

/** The customer's Global Admin accepts the reseller invitation and approves pending GDAP. Idempotent. */
function acceptInvitation(world: SandboxWorld, request: SandboxRequest) {
  const customer = findCustomerOr404(world, request.params.customer);
  const partner = world.state.partner;
  const customerCountry = customer.tenant.countryLetterCode;
  const partnerCountry = partner.tenant.countryLetterCode;
  const customerRegion = cspRegionOf(customerCountry);
  const partnerRegion = cspRegionOf(partnerCountry);
  if (customerRegion === null || customerRegion !== partnerRegion) {
    throw adminError(
      409,
      'region_mismatch',
      `${customer.tenant.displayName} (tenant country ${customerCountry}) is in the CSP region '${customerRegion ?? 'unknown'}', ` +
        `but ${partner.companyName} (${partnerCountry}) sells in the CSP region '${partnerRegion ?? 'unknown'}'. ` +
        'Microsoft lets a customer accept a reseller relationship only from a partner in its own region.',
    );
  }
  if (customer.relationshipToPartner !== 'reseller') {
    customer.relationshipToPartner = 'reseller';
    customer.relationshipAcceptedDateTime = world.clock.nowIso();
  }
  approvePendingGdap(world, customer.tenant.tenantId);
  return customerState(world, customer);
}

function worldState(world: SandboxWorld, request: SandboxRequest) {
  const { partner } = world.state;
  const only = request.query.get('customer');
  const customers = only ? [findCustomerOr404(world, only)] : world.state.customers;
  return {
    partner: { name: partner.companyName, tenantId: partner.tenant.tenantId, domain: partner.tenant.initialDomain, country: partner.tenant.countryLetterCode, cspRegion: cspRegionOf(partner.tenant.countryLetterCode) },
    staff: SANDBOX_STAFF.map((s) => ({ id: s.id, displayName: s.displayName, userPrincipalName: s.userPrincipalName, groups: [...s.groups], directoryRoles: [...s.directoryRoles] })),
    customers: customers.map((c) => customerState(world, c)),
    clock: clockJson(world),
  };
}

function customerState(world: SandboxWorld, customer: CustomerAccount) {
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
    gdap: world.state.gdapRelationships
      .filter((r) => r.customer?.tenantId === tenant.tenantId)
      .map((r) => ({ id: r.id, displayName: r.displayName, status: effectiveGdapStatus(world, r), activatedDateTime: r.activatedDateTime, endDateTime: r.endDateTime })),
    orders: customer.orders.map((o) => orderJson(world, customer, o)),
    subscriptions: customer.subscriptions.map((s) => subscriptionJson(world, customer, s)),
    skus: subscribedSkusOf(world, tenant).map((s) => ({ skuId: s.skuId, skuPartNumber: s.skuPartNumber, capabilityStatus: s.capabilityStatus, ...s.prepaidUnits, consumedUnits: s.consumedUnits })),
    users: tenant.users.map((u) => {
      const full = userJson(u);
      return { id: u.id, userPrincipalName: u.userPrincipalName, usageLocation: u.usageLocation, assignedLicenses: full.assignedLicenses, licenseAssignmentStates: full.licenseAssignmentStates };
    }),
  };
}
