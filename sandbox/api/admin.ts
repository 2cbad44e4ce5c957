/**
 * The sandbox's own admin API under `/_sandbox` (JSON, no auth, loopback callers only): read the world, let a
 * customer accept the partner's invitations or approve GDAP, read licence history, move the clock, reset.
 * Faults, throttling, settings and test tokens are in adminControls.ts; the SKU table as CSV in adminSkuCatalog.ts.
 */
import type { SandboxControls } from '../control/controls';
import { adminError } from '../http/errors';
import type { Router } from '../http/router';
import { json, type RouteHandler, type SandboxRequest } from '../http/types';
import { MS_PER_DAY, MS_PER_SECOND } from '../util/clock';
import { isRecord } from '../util/jwt';
import { acceptMcaInAdminCenter } from '../world/agreements';
import { cspRegionOf } from '../world/cspRegions';
import { approvePendingGdap } from '../world/gdap';
import type { CustomerAccount } from '../world/types';
import type { SandboxWorld } from '../world/world';
import { clockJson, customerState, licenseHistory, worldState } from './adminState';

const LOOPBACK = ['127.0.0.1', '::1', '::ffff:127.0.0.1'];
const MAX_ADVANCE_DAYS = 3650;

/** Admin routes answer loopback callers only. */
export function adminOnly(handler: RouteHandler): RouteHandler {
  return (request) => {
    if (!LOOPBACK.includes(request.remoteAddress ?? '')) throw adminError(403, 'forbidden', 'The sandbox admin API answers loopback callers only.');
    return handler(request);
  };
}

export function registerAdminRoutes(router: Router, world: SandboxWorld, controls: SandboxControls): void {
  router.add('admin', 'GET', '/_sandbox/state', adminOnly((request) => {
    const only = request.query.get('customer');
    return json(200, worldState(world, only ? [findCustomerOr404(world, only)] : world.state.customers));
  }));
  router.add('admin', 'POST', '/_sandbox/customers/:customer/accept', adminOnly((request) => json(200, acceptInvitation(world, request))));
  router.add('admin', 'POST', '/_sandbox/gdap/:customer/approve', adminOnly((request) => {
    const customer = findCustomerOr404(world, request.params.customer);
    const approved = approvePendingGdap(world, customer.tenant.tenantId).map((r) => r.id);
    return json(200, { approved, customer: customerState(world, customer) });
  }));
  router.add('admin', 'GET', '/_sandbox/customers/:customer/license-history', adminOnly((request) =>
    json(200, licenseHistory(world, findCustomerOr404(world, request.params.customer), request))));
  router.add('admin', 'POST', '/_sandbox/customers/:customer/users/:user/usage-location', adminOnly((request) => json(200, setUsageLocation(world, request))));
  router.add('admin', 'POST', '/_sandbox/reset', adminOnly(() => {
    world.reset();
    controls.reset();
    return json(200, { reset: true, clock: clockJson(world) });
  }));
  router.add('admin', 'GET', '/_sandbox/clock', adminOnly(() => json(200, clockJson(world))));
  router.add('admin', 'POST', '/_sandbox/clock', adminOnly((request) => {
    advanceClock(world, request.jsonBody());
    return json(200, clockJson(world));
  }));
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

/** The customer's admin sets a user's usage location (what a licence needs), e.g. `{"usageLocation": "US"}`. */
function setUsageLocation(world: SandboxWorld, request: SandboxRequest) {
  const customer = findCustomerOr404(world, request.params.customer);
  const key = request.params.user.toLowerCase();
  const user = customer.tenant.users.find((u) => u.id.toLowerCase() === key || u.userPrincipalName.toLowerCase() === key);
  if (!user) throw adminError(404, 'not_found', `No user '${request.params.user.slice(0, 256)}' in ${customer.tenant.initialDomain}.`);
  const body = request.jsonBody();
  const location = isRecord(body) ? body.usageLocation : undefined;
  if (typeof location !== 'string' || !/^[A-Za-z]{2}$/.test(location)) throw adminError(400, 'bad_request', 'Send {"usageLocation": "US"} (a two-letter country code).');
  user.usageLocation = location.toUpperCase();
  return { id: user.id, userPrincipalName: user.userPrincipalName, usageLocation: user.usageLocation };
}

export function findCustomerOr404(world: SandboxWorld, key: string): CustomerAccount {
  const customer = key.length <= 256 ? world.findCustomer(key) : undefined;
  if (!customer) throw adminError(404, 'not_found', `No customer tenant '${key.slice(0, 256)}' in the sandbox world.`);
  return customer;
}

/**
 * The customer's Global Admin accepts the reseller invitation: relationship → reseller, the Microsoft
 * Customer Agreement accepted in the admin center (unless `{"acceptMca": false}`), and every pending GDAP
 * relationship approved. Idempotent.
 */
function acceptInvitation(world: SandboxWorld, request: SandboxRequest) {
  const customer = findCustomerOr404(world, request.params.customer);
  const body = request.jsonBody();
  if (body !== undefined && !isRecord(body)) throw adminError(400, 'bad_request', 'Send no body, or {"acceptMca": true|false}.');
  const acceptMca = body?.acceptMca ?? true;
  if (typeof acceptMca !== 'boolean') throw adminError(400, 'bad_request', 'acceptMca must be true or false.');
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
  if (acceptMca) acceptMcaInAdminCenter(world, customer);
  approvePendingGdap(world, customer.tenant.tenantId);
  return customerState(world, customer);
}
