/**
 * Bulk customers: ~150 small existing customers of the partner, so `/v1/customers` spans several pages
 * (more with the `fillerCustomers` option), and optional prospects — tenants that are not customers yet
 * (the `prospectCustomers` option) — for benchmarks that need many moves waiting for acceptance.
 */
import { hashGuid } from '../util/ids';
import { FILLER_CUSTOMER_COUNT, fillerDomain, prospectDomain } from './constants';
import { buildCustomerAccount, type CustomerScenario } from './customers';
import { EXCHANGE_ONLINE_PLAN_1 } from './skus/standalone';
import type { CustomerAccount } from './types';

/**
 * Filler `index` (1-based). The first FILLER_CUSTOMER_COUNT have one user each (as they always had); the
 * ones beyond have no users, so tens of thousands of them build in a fraction of a second.
 */
export function buildFillerCustomer(seed: string, today: Date, index: number): CustomerAccount {
  const number = String(index).padStart(3, '0');
  const domain = fillerDomain(index);
  const scenario: CustomerScenario = {
    tenantId: hashGuid(seed, 'fillerTenant', number),
    initialDomain: domain,
    customDomains: [],
    companyName: `Filler Customer ${number}`,
    country: 'US',
    regionScope: 'NA',
    createdDaysAgo: 1000 + index,
    relationship: 'reseller',
    relationshipAcceptedDaysAgo: 30 + index,
    gdapActive: false,
    address: { country: 'US', region: 'WA', city: 'Seattle', addressLine1: `${index} Filler Street`, postalCode: '98101', phoneNumber: '2065550199' },
    contact: { firstName: 'Filler', lastName: `Admin ${number}`, email: `admin@${domain}` },
    groups: [],
    holdings: [],
    cohorts: index <= FILLER_CUSTOMER_COUNT ? [{ count: 1, skus: [] }] : [],
  };
  return buildCustomerAccount(seed, today, scenario);
}

/**
 * Prospect `index` (1-based): a US tenant with no relationship to the partner and no users, holding
 * five unassigned Exchange Online (Plan 1) licences bought direct, so a move for it has a plan to approve. The OpenID metadata resolves `prospect0001.onmicrosoft.com`…, and
 * `POST /_sandbox/customers/{domain}/accept` makes it a customer like any other.
 */
export function buildProspectCustomer(seed: string, today: Date, index: number): CustomerAccount {
  const number = String(index).padStart(4, '0');
  const domain = prospectDomain(index);
  const scenario: CustomerScenario = {
    tenantId: hashGuid(seed, 'prospectTenant', number),
    initialDomain: domain,
    customDomains: [],
    companyName: `Prospect ${number}`,
    country: 'US',
    regionScope: 'NA',
    createdDaysAgo: 500,
    relationship: 'none',
    gdapActive: false,
    address: { country: 'US', region: 'OR', city: 'Portland', addressLine1: `${index} Prospect Avenue`, postalCode: '97201', phoneNumber: '5035550199' },
    contact: { firstName: 'Prospect', lastName: `Admin ${number}`, email: `admin@${domain}` },
    groups: [],
    holdings: [
      { key: 'exo1', sku: EXCHANGE_ONLINE_PLAN_1, totalLicenses: 5, status: 'Enabled', soldBy: 'microsoft', createdDaysAgo: 200, nextLifecycleInDays: 90 + (index % 60) },
    ],
    cohorts: [],
  };
  return buildCustomerAccount(seed, today, scenario);
}
