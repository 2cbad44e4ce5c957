/**
 * The customer tenants of the seeded world, one per path a move can take:
 * - Contoso: bought direct from Microsoft, same offers are sold in CSP (no reassignment).
 * - Northwind: tenant in Canada, outside the US partner's CSP region (blocked).
 * - Woodgrove: already our customer with active GDAP, licences still from another CSP partner.
 * - Fabrikam: from another CSP partner, holds Microsoft 365 E3, which this catalog does not sell
 *   (equivalent pair, reassignment with disabled plans, group-based licences, missing usage location).
 * - Adatum: direct, with a trial and an expired subscription in its grace period.
 */
import { addDays } from '../util/clock';
import { hashGuid } from '../util/ids';
import {
  ADATUM_DOMAIN, ADATUM_TENANT_ID, CONTOSO_DOMAIN, CONTOSO_TENANT_ID, FABRIKAM_DOMAIN, FABRIKAM_TENANT_ID,
  NORTHWIND_DOMAIN, NORTHWIND_TENANT_ID, OTHER_PARTNER_TENANT_ID, WOODGROVE_DOMAIN, WOODGROVE_TENANT_ID,
} from './constants';
import { directoryRole } from './partner';
import { MICROSOFT_365_BUSINESS_PREMIUM, MICROSOFT_365_BUSINESS_STANDARD } from './skus/business';
import { MICROSOFT_365_E3 } from './skus/microsoft365E3';
import { MICROSOFT_365_E5 } from './skus/microsoft365E5';
import { OFFICE_365_E1, OFFICE_365_E3 } from './skus/office365';
import { EXCHANGE_ONLINE_PLAN_1, EXCHANGE_ONLINE_PLAN_2, POWER_AUTOMATE_FREE, POWER_BI_PRO } from './skus/standalone';
import type {
  ContactPerson, CustomerAccount, DirectoryGroup, DirectorySubscription, DirectorySubscriptionStatus, PostalAddress,
  RelationshipToPartner, SkuDefinition,
} from './types';
import { generateUsers, type UserCohort } from './userFactory';

export interface HoldingSpec {
  key: string;
  sku: SkuDefinition;
  totalLicenses: number;
  status: DirectorySubscriptionStatus;
  isTrial?: boolean;
  /** Who sold it: Microsoft directly (ownerTenantId null) or another CSP partner. */
  soldBy: 'microsoft' | 'otherPartner';
  createdDaysAgo: number;
  nextLifecycleInDays: number;
}

export interface CustomerScenario {
  tenantId: string;
  initialDomain: string;
  customDomains: string[];
  companyName: string;
  country: string;
  regionScope: string;
  createdDaysAgo: number;
  relationship: RelationshipToPartner;
  relationshipAcceptedDaysAgo?: number;
  /** Seed an active GDAP relationship with the partner. */
  gdapActive: boolean;
  address: PostalAddress;
  contact: ContactPerson;
  groups: ReadonlyArray<{ displayName: string; description: string }>;
  holdings: readonly HoldingSpec[];
  cohorts: readonly UserCohort[];
}

const FABRIKAM_E3_GROUP = 'Licensing - Microsoft 365 E3';

export const NAMED_CUSTOMERS: readonly CustomerScenario[] = [
  {
    tenantId: CONTOSO_TENANT_ID, initialDomain: CONTOSO_DOMAIN, customDomains: ['contoso.com'], companyName: 'Contoso Ltd',
    country: 'US', regionScope: 'NA', createdDaysAgo: 1500, relationship: 'none', gdapActive: false,
    address: { country: 'US', region: 'WA', city: 'Redmond', addressLine1: '1 Contoso Way', postalCode: '98052', phoneNumber: '4255550101' },
    contact: { firstName: 'Contoso', lastName: 'Admin', email: 'admin@contoso.onmicrosoft.com' },
    groups: [],
    holdings: [
      { key: 'spb', sku: MICROSOFT_365_BUSINESS_PREMIUM, totalLicenses: 25, status: 'Enabled', soldBy: 'microsoft', createdDaysAgo: 300, nextLifecycleInDays: 65 },
      { key: 'exo1', sku: EXCHANGE_ONLINE_PLAN_1, totalLicenses: 10, status: 'Enabled', soldBy: 'microsoft', createdDaysAgo: 500, nextLifecycleInDays: 130 },
      { key: 'flowfree', sku: POWER_AUTOMATE_FREE, totalLicenses: 10000, status: 'Enabled', soldBy: 'microsoft', createdDaysAgo: 700, nextLifecycleInDays: 200 },
    ],
    cohorts: [
      { count: 5, skus: [MICROSOFT_365_BUSINESS_PREMIUM, POWER_AUTOMATE_FREE] },
      { count: 15, skus: [MICROSOFT_365_BUSINESS_PREMIUM] },
      { count: 7, skus: [EXCHANGE_ONLINE_PLAN_1], jobTitle: 'Store associate' },
      { count: 2, skus: [] },
    ],
  },
  {
    tenantId: NORTHWIND_TENANT_ID, initialDomain: NORTHWIND_DOMAIN, customDomains: ['northwindtraders.com'], companyName: 'Northwind Traders',
    country: 'CA', regionScope: 'NA', createdDaysAgo: 1200, relationship: 'none', gdapActive: false,
    address: { country: 'CA', region: 'ON', city: 'Toronto', addressLine1: '200 Northwind Street', postalCode: 'M5V 2T6', phoneNumber: '4165550102' },
    contact: { firstName: 'Northwind', lastName: 'Admin', email: 'admin@northwind.onmicrosoft.com' },
    groups: [],
    holdings: [
      { key: 'o365e3', sku: OFFICE_365_E3, totalLicenses: 15, status: 'Enabled', soldBy: 'microsoft', createdDaysAgo: 200, nextLifecycleInDays: 165 },
    ],
    cohorts: [{ count: 12, skus: [OFFICE_365_E3] }, { count: 1, skus: [] }],
  },
  {
    tenantId: WOODGROVE_TENANT_ID, initialDomain: WOODGROVE_DOMAIN, customDomains: ['woodgrovebank.com'], companyName: 'Woodgrove Bank',
    country: 'US', regionScope: 'NA', createdDaysAgo: 2000, relationship: 'reseller', relationshipAcceptedDaysAgo: 400, gdapActive: true,
    address: { country: 'US', region: 'NY', city: 'New York', addressLine1: '300 Woodgrove Avenue', postalCode: '10001', phoneNumber: '2125550103' },
    contact: { firstName: 'Woodgrove', lastName: 'Admin', email: 'admin@woodgrove.onmicrosoft.com' },
    groups: [],
    holdings: [
      { key: 'bstd', sku: MICROSOFT_365_BUSINESS_STANDARD, totalLicenses: 40, status: 'Enabled', soldBy: 'otherPartner', createdDaysAgo: 330, nextLifecycleInDays: 35 },
      { key: 'pbipro', sku: POWER_BI_PRO, totalLicenses: 5, status: 'Enabled', soldBy: 'otherPartner', createdDaysAgo: 150, nextLifecycleInDays: 215 },
    ],
    cohorts: [{ count: 30, skus: [MICROSOFT_365_BUSINESS_STANDARD] }, { count: 5, skus: [MICROSOFT_365_BUSINESS_STANDARD, POWER_BI_PRO], jobTitle: 'Analyst' }],
  },
  {
    tenantId: FABRIKAM_TENANT_ID, initialDomain: FABRIKAM_DOMAIN, customDomains: ['fabrikam.com'], companyName: 'Fabrikam Inc',
    country: 'US', regionScope: 'NA', createdDaysAgo: 1800, relationship: 'none', gdapActive: false,
    address: { country: 'US', region: 'IL', city: 'Chicago', addressLine1: '400 Fabrikam Plaza', postalCode: '60601', phoneNumber: '3125550104' },
    contact: { firstName: 'Fabrikam', lastName: 'Admin', email: 'admin@fabrikam.onmicrosoft.com' },
    groups: [{ displayName: FABRIKAM_E3_GROUP, description: 'Members get Microsoft 365 E3 through group-based licensing.' }],
    holdings: [
      { key: 'm365e3', sku: MICROSOFT_365_E3, totalLicenses: 50, status: 'Enabled', soldBy: 'otherPartner', createdDaysAgo: 280, nextLifecycleInDays: 85 },
    ],
    cohorts: [
      { count: 40, skus: [MICROSOFT_365_E3] },
      { count: 1, skus: [MICROSOFT_365_E3], disabledPlans: { SPE_E3: ['YAMMER_ENTERPRISE'] } },
      { count: 1, skus: [MICROSOFT_365_E3], disabledPlans: { SPE_E3: ['SWAY', 'KAIZALA_O365_P3'] } },
      { count: 1, skus: [MICROSOFT_365_E3], disabledPlans: { SPE_E3: ['TEAMS1'] } },
      { count: 2, skus: [MICROSOFT_365_E3], viaGroup: FABRIKAM_E3_GROUP },
      { count: 1, skus: [MICROSOFT_365_E3], usageLocation: null, jobTitle: 'Contractor' },
    ],
  },
  {
    tenantId: ADATUM_TENANT_ID, initialDomain: ADATUM_DOMAIN, customDomains: ['adatum.com'], companyName: 'Adatum Corporation',
    country: 'US', regionScope: 'NA', createdDaysAgo: 900, relationship: 'none', gdapActive: false,
    address: { country: 'US', region: 'TX', city: 'Austin', addressLine1: '500 Adatum Drive', postalCode: '73301', phoneNumber: '5125550105' },
    contact: { firstName: 'Adatum', lastName: 'Admin', email: 'admin@adatum.onmicrosoft.com' },
    groups: [],
    holdings: [
      { key: 'o365e1', sku: OFFICE_365_E1, totalLicenses: 10, status: 'Enabled', soldBy: 'microsoft', createdDaysAgo: 100, nextLifecycleInDays: 265 },
      { key: 'm365e5trial', sku: MICROSOFT_365_E5, totalLicenses: 25, status: 'Enabled', isTrial: true, soldBy: 'microsoft', createdDaysAgo: 10, nextLifecycleInDays: 20 },
      // Expired, now in its grace period: licences still work but show as "warning" until it is suspended.
      { key: 'exo2', sku: EXCHANGE_ONLINE_PLAN_2, totalLicenses: 5, status: 'Warning', soldBy: 'microsoft', createdDaysAgo: 395, nextLifecycleInDays: 25 },
    ],
    cohorts: [
      { count: 6, skus: [OFFICE_365_E1] },
      { count: 3, skus: [MICROSOFT_365_E5], jobTitle: 'Security pilot' },
      { count: 4, skus: [EXCHANGE_ONLINE_PLAN_2] },
      { count: 1, skus: [] },
    ],
  },
];

export function buildCustomerAccount(seed: string, today: Date, scenario: CustomerScenario): CustomerAccount {
  const createdDateTime = addDays(today, -scenario.createdDaysAgo);
  const groups: DirectoryGroup[] = scenario.groups.map((g) => ({
    kind: 'group',
    id: hashGuid(seed, 'group', scenario.tenantId, g.displayName),
    displayName: g.displayName,
    description: g.description,
    mailNickname: g.displayName.replace(/[^A-Za-z0-9]/g, ''),
  }));
  const globalAdmin = directoryRole(seed, scenario.tenantId, 'Global Administrator');
  const users = generateUsers({
    seed,
    tenantId: scenario.tenantId,
    domain: scenario.initialDomain,
    companyName: scenario.companyName,
    country: scenario.country,
    createdDateTime,
    cohorts: scenario.cohorts,
    groups,
    globalAdministratorRoleId: globalAdmin.id,
  });
  const directorySubscriptions: DirectorySubscription[] = scenario.holdings.map((holding) => ({
    id: hashGuid(seed, 'directorySubscription', scenario.tenantId, holding.key),
    commerceSubscriptionId: hashGuid(seed, 'commerceSubscription', scenario.tenantId, holding.key),
    skuId: holding.sku.skuId,
    skuPartNumber: holding.sku.skuPartNumber,
    totalLicenses: holding.totalLicenses,
    status: holding.status,
    isTrial: holding.isTrial ?? false,
    createdDateTime: addDays(today, -holding.createdDaysAgo),
    nextLifecycleDateTime: addDays(today, holding.nextLifecycleInDays),
    // Owner fields for partner-sold subscriptions: values beyond ownerTenantId are UNCONFIRMED.
    ownerId: holding.soldBy === 'microsoft' ? users[0]?.id ?? scenario.tenantId : OTHER_PARTNER_TENANT_ID,
    ownerTenantId: holding.soldBy === 'microsoft' ? null : OTHER_PARTNER_TENANT_ID,
    ownerType: holding.soldBy === 'microsoft' ? 'User' : 'Company',
  }));
  return {
    commerceId: hashGuid(seed, 'commerceId', scenario.tenantId),
    relationshipToPartner: scenario.relationship,
    relationshipAcceptedDateTime:
      scenario.relationship === 'reseller' ? addDays(today, -(scenario.relationshipAcceptedDaysAgo ?? 30)) : null,
    appConsentGranted: false,
    contact: { ...scenario.contact },
    carts: [],
    orders: [],
    subscriptions: [],
    agreements: [],
    transfers: [],
    tenant: {
      tenantId: scenario.tenantId,
      displayName: scenario.companyName,
      initialDomain: scenario.initialDomain,
      customDomains: [...scenario.customDomains],
      countryLetterCode: scenario.country,
      regionScope: scenario.regionScope,
      createdDateTime,
      address: { ...scenario.address },
      users,
      groups,
      directoryRoles: [globalAdmin],
      directorySubscriptions,
    },
  };
}
