/** ~150 small existing customers of the partner, so `/v1/customers` spans several pages. */
import { hashGuid } from '../util/ids';
import { fillerDomain } from './constants';
import { buildCustomerAccount, type CustomerScenario } from './customers';
import type { CustomerAccount } from './types';

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
    cohorts: [{ count: 1, skus: [] }],
  };
  return buildCustomerAccount(seed, today, scenario);
}
