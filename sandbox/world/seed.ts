/** Builds the seeded world: the partner, the named customers, the fillers, Woodgrove's active GDAP and MCA. */
import { addDays, startOfUtcDay } from '../util/clock';
import { hashGuid } from '../util/ids';
import {
  FILLER_CUSTOMER_COUNT, fillerDomain, MCA_AGREEMENT_LINK, MCA_TEMPLATE_ID, OTHER_PARTNER_NAME, OTHER_PARTNER_TENANT_ID,
  PARTNER_NAME, PARTNER_TENANT_ID, WOODGROVE_TENANT_ID,
} from './constants';
import { buildCustomerAccount, NAMED_CUSTOMERS } from './customers';
import { buildFillerCustomer, buildProspectCustomer } from './filler';
import { buildPartnerOrganization } from './partner';
import type { CustomerAccount, GdapRelationship, WorldState } from './types';

/** Entra built-in role template ids used for least-privilege GDAP. */
export const GDAP_LEAST_PRIVILEGE_ROLES = {
  directoryReaders: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  licenseAdministrator: '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
} as const;

export interface SeedOptions {
  /** Existing customers besides the named ones (`filler001`…). Default FILLER_CUSTOMER_COUNT (150). */
  fillerCustomers?: number;
  /** Tenants that are not customers yet (`prospect0001`…). Default 0. */
  prospectCustomers?: number;
}

export function buildSeedState(seed: string, now: Date, options: SeedOptions = {}): WorldState {
  const today = startOfUtcDay(now);
  const customers: CustomerAccount[] = NAMED_CUSTOMERS.map((scenario) => buildCustomerAccount(seed, today, scenario));
  const fillers = options.fillerCustomers ?? FILLER_CUSTOMER_COUNT;
  for (let index = 1; index <= fillers; index += 1) customers.push(buildFillerCustomer(seed, today, index));
  for (let index = 1; index <= (options.prospectCustomers ?? 0); index += 1) customers.push(buildProspectCustomer(seed, today, index));

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
    accessAssignments: [],
  };
  // Woodgrove's Global Admin accepted the Microsoft Customer Agreement in the admin center with the invitation.
  woodgrove.agreements.push({
    type: 'MicrosoftCustomerAgreement',
    templateId: MCA_TEMPLATE_ID,
    dateAgreed: woodgrove.relationshipAcceptedDateTime!,
    primaryContact: { firstName: woodgrove.contact.firstName, lastName: woodgrove.contact.lastName, email: woodgrove.contact.email },
    userId: null,
    agreementLink: MCA_AGREEMENT_LINK,
  });
  seedOutgoingTransfer(seed, today, customers);

  return {
    partner: buildPartnerOrganization(seed, today),
    customers,
    gdapRelationships: [woodgroveGdap],
    cartIdByRequestKey: new Map(),
    idempotentResults: new Map(),
    outbox: [],
    licenseHistory: [],
  };
}

/**
 * filler001 is leaving: Litware CSP (the target partner) created a transfer of its subscriptions away from
 * Relecloud. Relecloud sees it but may not cancel it (only the creator may).
 */
function seedOutgoingTransfer(seed: string, today: Date, customers: CustomerAccount[]): void {
  const filler = customers.find((c) => c.tenant.initialDomain === fillerDomain(1));
  if (!filler) return; // a world built with no fillers
  const created = addDays(today, -2);
  filler.transfers.push({
    id: hashGuid(seed, 'transfer', filler.tenant.tenantId, 'outgoing'),
    status: 'Active',
    transferType: 5,
    customerEmailId: filler.contact.email,
    customerName: filler.tenant.displayName,
    customerTenantId: filler.tenant.tenantId,
    sourcePartnerTenantId: PARTNER_TENANT_ID,
    sourcePartnerName: PARTNER_NAME,
    targetPartnerTenantId: OTHER_PARTNER_TENANT_ID,
    targetPartnerName: OTHER_PARTNER_NAME,
    targetPartnerEmailId: null,
    targetProductTypes: ['OnlineServicesNCE'],
    partnerOnRecord: null,
    createdBy: OTHER_PARTNER_TENANT_ID,
    createdTime: created,
    lastModifiedTime: created,
    completedTime: null,
  });
}
