/** Builds the seeded world: the partner, the named customers, the fillers and Woodgrove's active GDAP. */
import { addDays, startOfUtcDay } from '../util/clock';
import { hashGuid } from '../util/ids';
import { FILLER_CUSTOMER_COUNT, WOODGROVE_TENANT_ID } from './constants';
import { buildCustomerAccount, NAMED_CUSTOMERS } from './customers';
import { buildFillerCustomer } from './filler';
import { buildPartnerOrganization } from './partner';
import type { CustomerAccount, GdapRelationship, WorldState } from './types';

/** Entra built-in role template ids used for least-privilege GDAP. */
export const GDAP_LEAST_PRIVILEGE_ROLES = {
  directoryReaders: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  licenseAdministrator: '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
} as const;

export function buildSeedState(seed: string, now: Date): WorldState {
  const today = startOfUtcDay(now);
  const customers: CustomerAccount[] = NAMED_CUSTOMERS.map((scenario) => buildCustomerAccount(seed, today, scenario));
  for (let index = 1; index <= FILLER_CUSTOMER_COUNT; index += 1) customers.push(buildFillerCustomer(seed, today, index));

  const woodgrove = customers.find((c) => c.tenant.tenantId === WOODGROVE_TENANT_ID)!;
  const activated = addDays(today, -200);
  const woodgroveGdap: GdapRelationship = {
    id: `${WOODGROVE_TENANT_ID}-${hashGuid(seed, 'gdap', WOODGROVE_TENANT_ID)}`,
    displayName: 'Woodgrove Bank - Relecloud support',
    duration: 'P730D',
    autoExtendDuration: 'P180D',
    customer: { tenantId: WOODGROVE_TENANT_ID, displayName: woodgrove.tenant.displayName },
    unifiedRoleIds: Object.values(GDAP_LEAST_PRIVILEGE_ROLES),
    status: 'active',
    createdDateTime: addDays(today, -203),
    lastModifiedDateTime: activated,
    activatedDateTime: activated,
    endDateTime: addDays(activated, 730),
    version: 3,
    requests: [],
  };

  return {
    partner: buildPartnerOrganization(seed, today),
    customers,
    gdapRelationships: [woodgroveGdap],
    cartIdByRequestKey: new Map(),
  };
}
