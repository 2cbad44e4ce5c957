/** The sandbox world's data model: directory (Graph) side, commerce (Partner Center) side, GDAP. */

export type SkuAppliesTo = 'User' | 'Company';

export interface ServicePlanDefinition {
  servicePlanName: string;
  servicePlanId: string;
  friendlyName: string;
}

export interface SkuDefinition {
  skuId: string;
  skuPartNumber: string;
  displayName: string;
  appliesTo: SkuAppliesTo;
  servicePlans: readonly ServicePlanDefinition[];
}

// ---------- Directory (what Graph shows) ----------

export type DirectorySubscriptionStatus = 'Enabled' | 'Warning' | 'Suspended' | 'LockedOut' | 'Deleted';

/** A Graph `companySubscription`. Purchases by this partner are derived at read time, not stored here. */
export interface DirectorySubscription {
  id: string;
  commerceSubscriptionId: string;
  skuId: string;
  skuPartNumber: string;
  totalLicenses: number;
  status: DirectorySubscriptionStatus;
  isTrial: boolean;
  createdDateTime: string;
  nextLifecycleDateTime: string | null;
  ownerId: string | null;
  ownerTenantId: string | null;
  ownerType: string | null;
}

export interface UserLicense {
  skuId: string;
  disabledPlans: string[];
  /** null = assigned directly; otherwise the id of the group that assigns it. */
  assignedByGroup: string | null;
  /** Sandbox-clock time of the last change; absent for seeded licences (then the user's createdDateTime). */
  lastUpdatedDateTime?: string;
}

export interface DirectoryUser {
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  userPrincipalName: string;
  mail: string;
  jobTitle: string | null;
  usageLocation: string | null;
  accountEnabled: boolean;
  createdDateTime: string;
  licenses: UserLicense[];
  /** Ids of the groups and directory roles the user is a direct member of. */
  memberOf: string[];
}

export interface DirectoryGroup {
  kind: 'group';
  id: string;
  displayName: string;
  description: string;
  mailNickname: string;
}

export interface DirectoryRole {
  kind: 'directoryRole';
  id: string;
  displayName: string;
  description: string;
  roleTemplateId: string;
}

export interface Tenant {
  tenantId: string;
  displayName: string;
  initialDomain: string;
  customDomains: string[];
  countryLetterCode: string;
  /** `tenant_region_scope` of the OpenID metadata (NA, EU, ...). */
  regionScope: string;
  createdDateTime: string;
  address: PostalAddress;
  users: DirectoryUser[];
  groups: DirectoryGroup[];
  directoryRoles: DirectoryRole[];
  directorySubscriptions: DirectorySubscription[];
}

// ---------- Commerce (what Partner Center shows) ----------

export interface PostalAddress {
  country: string;
  region: string;
  city: string;
  addressLine1: string;
  postalCode: string;
  phoneNumber: string;
}

export interface ContactPerson {
  firstName: string;
  lastName: string;
  email: string;
}

export type RelationshipToPartner = 'none' | 'reseller';
export type TermDuration = 'P1M' | 'P1Y' | 'P3Y';
export type BillingCycle = 'monthly' | 'annual';

export interface CustomerAccount {
  tenant: Tenant;
  commerceId: string;
  relationshipToPartner: RelationshipToPartner;
  relationshipAcceptedDateTime: string | null;
  /** Admin consent to the partner's app in this tenant (an alternative to GDAP for tokens). */
  appConsentGranted: boolean;
  contact: ContactPerson;
  carts: Cart[];
  orders: Order[];
  subscriptions: CommerceSubscription[];
  /** Microsoft Customer Agreement acceptances (by the customer in the admin center, or attested by the partner). */
  agreements: CustomerAgreement[];
  /** New-commerce partner-to-partner transfers of this customer. */
  transfers: Transfer[];
}

export interface CustomerAgreement {
  type: 'MicrosoftCustomerAgreement' | 'MicrosoftCloudAgreement';
  templateId: string;
  dateAgreed: string;
  primaryContact: { firstName: string; lastName: string; email: string; phoneNumber?: string };
  /** Partner user who attested it (App+User token); null when the customer accepted it in the admin center. */
  userId: string | null;
  agreementLink: string;
}

export type TransferStatus = 'Active' | 'Completed' | 'Canceled';

export interface Transfer {
  id: string;
  status: TransferStatus;
  transferType: number;
  customerEmailId: string;
  customerName: string | null;
  customerTenantId: string;
  sourcePartnerTenantId: string;
  sourcePartnerName: string;
  targetPartnerTenantId: string;
  targetPartnerName: string | null;
  targetPartnerEmailId: string | null;
  targetProductTypes: string[] | null;
  partnerOnRecord: string | null;
  /** Tenant id of the partner that created it (the target partner). Only it may cancel. */
  createdBy: string;
  createdTime: string;
  lastModifiedTime: string;
  completedTime: string | null;
}

export interface CartLineItem {
  id: number;
  catalogItemId: string;
  friendlyName: string;
  quantity: number;
  currencyCode: string;
  billingCycle: BillingCycle;
  termDuration: TermDuration;
  provisioningContext: Record<string, string>;
  orderGroup: string;
}

export interface Cart {
  id: string;
  creationTimestamp: string;
  lastModifiedTimestamp: string;
  expirationTimestamp: string;
  lastModifiedUser: string;
  status: 'Active' | 'Ordered';
  lineItems: CartLineItem[];
  /** Filled at checkout; a repeated checkout answers with these orders. */
  orderIds: string[];
}

export interface OrderLineItem {
  lineItemNumber: number;
  offerId: string;
  subscriptionId: string;
  friendlyName: string;
  quantity: number;
  termDuration: TermDuration;
}

/** Status is not stored: it is `completed` once every subscription of the order is provisioned. */
export interface Order {
  id: string;
  alternateId: string;
  billingCycle: BillingCycle;
  currencyCode: string;
  creationDate: string;
  lineItems: OrderLineItem[];
}

/** Status is not stored: `pending` until `provisionedDateTime`, then `active`. */
export interface CommerceSubscription {
  id: string;
  orderId: string;
  catalogItemId: string;
  productId: string;
  catalogSkuId: string;
  graphSkuId: string;
  offerName: string;
  friendlyName: string;
  quantity: number;
  billingCycle: BillingCycle;
  termDuration: TermDuration;
  creationDate: string;
  provisionedDateTime: string;
  commitmentEndDate: string;
  cancellationAllowedUntilDate: string;
  refundOptions: Array<{ type: 'Full' | 'Partial'; expiresAt: string }>;
  autoRenewEnabled: boolean;
}

// ---------- GDAP (Graph tenantRelationships in the partner tenant) ----------

export type GdapStatus =
  | 'created'
  | 'approvalPending'
  | 'approved'
  | 'activating'
  | 'active'
  | 'expiring'
  | 'expired'
  | 'terminationRequested'
  | 'terminating'
  | 'terminated';

export interface GdapRequest {
  id: string;
  action: 'lockForApproval' | 'terminate';
  status: 'created' | 'succeeded';
  createdDateTime: string;
  lastModifiedDateTime: string;
}

export interface GdapRelationship {
  id: string;
  displayName: string;
  duration: string;
  autoExtendDuration: string;
  customer: { tenantId: string; displayName: string } | null;
  unifiedRoleIds: string[];
  status: GdapStatus;
  createdDateTime: string;
  lastModifiedDateTime: string;
  activatedDateTime: string | null;
  endDateTime: string | null;
  /** Bumped on every change; the `@odata.etag` is derived from it. */
  version: number;
  requests: GdapRequest[];
  accessAssignments: GdapAccessAssignment[];
}

/** Status is stored as created; `pending` reads as `active` once `activeFrom` has passed on the sandbox clock. */
export interface GdapAccessAssignment {
  id: string;
  accessContainerId: string;
  accessContainerType: 'securityGroup';
  unifiedRoleIds: string[];
  createdDateTime: string;
  lastModifiedDateTime: string;
  activeFrom: string;
  version: number;
}

// ---------- The whole world ----------

export interface PartnerOrganization {
  tenant: Tenant;
  companyName: string;
  mpnId: string;
  contact: ContactPerson;
}

export interface WorldState {
  partner: PartnerOrganization;
  customers: CustomerAccount[];
  gdapRelationships: GdapRelationship[];
  /** `{customerTenantId}|{MS-RequestId}` → cart id: a retried cart creation returns the first cart. */
  cartIdByRequestKey: Map<string, string>;
  /** Partner Center POST results by `{partner}|{METHOD path}|{MS-RequestId}` (see api/partnerCenter/route.ts). */
  idempotentResults: Map<string, StoredResult>;
  /** Every Graph sendMail, oldest first. */
  outbox: SentMail[];
  /** Every licence change made through assignLicense, oldest first. */
  licenseHistory: LicenseChange[];
}

export interface StoredResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface SentMail {
  tenantId: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  contentType: string;
  content: string;
  saveToSentItems: boolean;
  at: string;
}

export interface LicenseSnapshot {
  skuId: string;
  skuPartNumber: string | null;
  disabledPlans: string[];
  assignedByGroup: string | null;
}

export interface LicenseChange {
  sequence: number;
  tenantId: string;
  userId: string;
  userPrincipalName: string;
  at: string;
  /** Object id of the token's caller (service principal or partner user). */
  actor: string;
  addLicenses: Array<{ skuId: string; disabledPlans: string[] }>;
  removeLicenses: string[];
  before: LicenseSnapshot[];
  after: LicenseSnapshot[];
}
