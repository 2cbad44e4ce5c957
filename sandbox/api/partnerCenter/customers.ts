/**
 * Partner Center customers and profiles: `/v1/customers` (paged with links.next + MS-ContinuationToken,
 * filterable), `/v1/customers/{id}`, `/v1/customers/relationshiprequests`, `/v1/profiles/*`.
 */
import { partnerCenterError } from '../../http/errors';
import type { Router } from '../../http/router';
import { json, type SandboxRequest } from '../../http/types';
import { isRecord } from '../../util/jwt';
import { requireResellerCustomer } from '../../world/commerce';
import type { CustomerAccount } from '../../world/types';
import type { SandboxWorld } from '../../world/world';
import { collection, customerJson, customerSummaryJson, link } from './presenters';
import { partnerCenterRoute, requireAppPlusUser } from './route';

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 500;
const CONTINUATION_HEADER = 'MS-ContinuationToken';
const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface CustomerFilter {
  field: 'companyname' | 'domain' | 'indirectreseller' | 'indirectcloudsolutionprovider';
  value: string;
}

interface ContinuationState {
  offset: number;
  size: number;
  filter: string | null;
}

export function registerCustomerRoutes(router: Router, world: SandboxWorld): void {
  router.add('partnerCenter', 'GET', '/v1/profiles/legalbusiness', partnerCenterRoute(world, (request) => json(200, legalBusinessProfile(world, request))));
  router.add('partnerCenter', 'GET', '/v1/profiles/organization', partnerCenterRoute(world, (_request, token) => {
    requireAppPlusUser(token, 'Getting the organization profile');
    return json(200, organizationProfile(world));
  }));
  router.add('partnerCenter', 'GET', '/v1/customers', partnerCenterRoute(world, (request) => json(200, listCustomers(world, request))));
  // Registered before /v1/customers/:customerId so the literal segment wins.
  router.add('partnerCenter', 'GET', '/v1/customers/relationshiprequests', partnerCenterRoute(world, (request, token) => {
    requireAppPlusUser(token, 'Requesting a reseller relationship');
    return json(200, relationshipRequest(world, request));
  }));
  router.add('partnerCenter', 'GET', '/v1/customers/:customerId', partnerCenterRoute(world, (request) =>
    json(200, customerJson(world, requireResellerCustomer(world, request.params.customerId)))));
}

function listCustomers(world: SandboxWorld, request: SandboxRequest) {
  const token = request.header(CONTINUATION_HEADER);
  const seekNext = (request.query.get('seekOperation') ?? '').toLowerCase() === 'next';
  const state: ContinuationState = token && seekNext ? decodeContinuation(token) : firstPage(request);
  const filter = state.filter === null ? null : parseFilter(state.filter);
  const matching = world.state.customers.filter((c) => c.relationshipToPartner === 'reseller' && matchesFilter(c, filter));
  const page = matching.slice(state.offset, state.offset + state.size);
  const nextOffset = state.offset + page.length;

  const filterQuery = state.filter === null ? '' : `&filter=${encodeURIComponent(state.filter)}`;
  const links: Record<string, ReturnType<typeof link>> = {};
  if (nextOffset < matching.length) {
    const continuation = encodeContinuation({ offset: nextOffset, size: state.size, filter: state.filter });
    links.next = link(`/v1/customers?size=${state.size}${filterQuery}&seekOperation=Next`, [{ key: CONTINUATION_HEADER, value: continuation }]);
  }
  return collection(page.map(customerSummaryJson), `/v1/customers?size=${state.size}${filterQuery}`, links, matching.length);
}

function firstPage(request: SandboxRequest): ContinuationState {
  const sizeText = request.query.get('size');
  let size = DEFAULT_PAGE_SIZE;
  if (sizeText !== null && sizeText !== '') {
    const parsed = Number(sizeText);
    if (!Number.isInteger(parsed) || parsed < 0) throw partnerCenterError(400, 400, `The size '${sizeText.slice(0, 20)}' must be a non-negative integer.`);
    // size=0 appears in Microsoft's filter example; the sandbox treats it as "default page size".
    size = parsed === 0 ? DEFAULT_PAGE_SIZE : Math.min(parsed, MAX_PAGE_SIZE);
  }
  const filter = request.query.get('filter');
  if (filter !== null) parseFilter(filter); // validate early
  return { offset: 0, size, filter };
}

function parseFilter(text: string): CustomerFilter {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw partnerCenterError(400, 400, 'The filter must be a JSON object {"Field","Value","Operator"}.');
  }
  const entries = isRecord(parsed) ? Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k.toLowerCase(), v])) : {};
  const { field, value, operator } = entries;
  if (typeof field !== 'string' || typeof value !== 'string' || typeof operator !== 'string') {
    throw partnerCenterError(400, 400, 'The filter needs string Field, Value and Operator.');
  }
  if (operator.toLowerCase() !== 'starts_with') throw partnerCenterError(400, 400, `The filter operator '${operator.slice(0, 40)}' is not supported; use starts_with.`);
  const lowerField = field.toLowerCase();
  if (lowerField !== 'companyname' && lowerField !== 'domain' && lowerField !== 'indirectreseller' && lowerField !== 'indirectcloudsolutionprovider') {
    throw partnerCenterError(400, 400, `The filter field '${field.slice(0, 40)}' is not supported.`);
  }
  return { field: lowerField, value: value.toLowerCase() };
}

function matchesFilter(customer: CustomerAccount, filter: CustomerFilter | null): boolean {
  if (!filter) return true;
  if (filter.field === 'companyname') return customer.tenant.displayName.toLowerCase().startsWith(filter.value);
  if (filter.field === 'domain') return customer.tenant.initialDomain.toLowerCase().startsWith(filter.value);
  return false; // the sandbox partner is a direct-bill partner: no indirect resellers or providers
}

function encodeContinuation(state: ContinuationState): string {
  return Buffer.from(JSON.stringify({ o: state.offset, s: state.size, f: state.filter }), 'utf8').toString('base64url');
}

function decodeContinuation(token: string): ContinuationState {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token.slice(0, 4096), 'base64url').toString('utf8'));
    if (isRecord(parsed) && Number.isInteger(parsed.o) && Number.isInteger(parsed.s) && (parsed.f === null || typeof parsed.f === 'string')) {
      const offset = parsed.o as number;
      const size = parsed.s as number;
      if (offset >= 0 && size > 0 && size <= MAX_PAGE_SIZE) return { offset, size, filter: parsed.f as string | null };
    }
  } catch {
    // fall through
  }
  throw partnerCenterError(400, 400, 'The MS-ContinuationToken header is not valid.');
}

function relationshipRequest(world: SandboxWorld, request: SandboxRequest) {
  const partnerId = world.state.partner.tenant.tenantId;
  let url = `https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=${partnerId}&msppId=0&DAP=false`;
  for (const name of ['indirectResellerId', 'indirectCloudSolutionProviderId']) {
    const value = request.query.get(name);
    if (value === null) continue;
    if (!TENANT_ID.test(value)) throw partnerCenterError(400, 400, `${name} must be a partner tenant id (GUID), not '${value.slice(0, 60)}'.`);
    url += `&${name}=${value.toLowerCase()}`;
  }
  const dualRole = request.query.get('dualRoleIndirectRelationship');
  if (dualRole !== null) {
    if (dualRole !== 'true' && dualRole !== 'false') throw partnerCenterError(400, 400, 'dualRoleIndirectRelationship must be true or false.');
    url += `&dualRoleIndirectRelationship=${dualRole}`;
  }
  return { url: `${url}#/BillingAccounts/partner-invitation`, attributes: { objectType: 'RelationshipRequest' } };
}

function legalBusinessProfile(world: SandboxWorld, request: SandboxRequest) {
  const { partner } = world.state;
  const address = partner.tenant.address;
  const postal = { country: address.country, city: address.city, state: address.region, addressLine1: address.addressLine1, addressLine2: '', postalCode: address.postalCode, firstName: partner.contact.firstName, lastName: partner.contact.lastName, phoneNumber: address.phoneNumber };
  return {
    companyName: partner.companyName,
    address: postal,
    primaryContact: { ...partner.contact, phoneNumber: address.phoneNumber },
    companyApproverAddress: postal,
    companyApproverEmail: partner.contact.email,
    vettingStatus: 'Authorized',
    vettingSubStatus: 'None',
    isLegalEntity: true,
    profileType: 'LegalBusinessProfile',
    links: { self: link(`/v1/profiles/legalbusiness${request.query.get('vettingVersion') ? `?vettingVersion=${encodeURIComponent(request.query.get('vettingVersion')!)}` : ''}`) },
    attributes: { objectType: 'LegalBusinessProfile' },
  };
}

function organizationProfile(world: SandboxWorld) {
  const { partner } = world.state;
  const address = partner.tenant.address;
  return {
    id: partner.tenant.tenantId,
    companyName: partner.companyName,
    defaultAddress: { country: address.country, city: address.city, state: address.region, addressLine1: address.addressLine1, addressLine2: '', postalCode: address.postalCode, firstName: partner.contact.firstName, lastName: partner.contact.lastName, phoneNumber: address.phoneNumber },
    tenantId: partner.tenant.tenantId,
    domain: partner.tenant.initialDomain,
    email: partner.contact.email,
    language: 'en',
    culture: 'en-US',
    profileType: 'OrganizationProfile',
    links: { self: link('/v1/profiles/organization') },
    attributes: { objectType: 'OrganizationProfile' },
  };
}
