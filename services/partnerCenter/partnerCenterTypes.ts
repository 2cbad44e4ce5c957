/**
 * Domain-facing types of the Partner Center calls added beyond the current `PartnerCenter` port. They are
 * meant to move into move/ports.ts (see the services hand-over notes); until then the adapters export them
 * from here. Plain data only: no wire details, no secrets.
 */

/** Query options of `GET /v1/customers/relationshiprequests` for the indirect (two-tier) model. */
export interface InvitationOptions {
  /** The indirect reseller's partner tenant id, when an indirect provider invites for one. */
  indirectResellerId?: string;
  /** The indirect provider's tenant id, when an indirect reseller invites. */
  indirectCloudSolutionProviderId?: string;
  /** For partners in both roles: say explicitly which relationship this is. */
  dualRoleIndirectRelationship?: boolean;
}

/** `Field` values of the customer search filter (SDK `CustomerSearchField`); the operator is always `starts_with`. */
export type CustomerSearchField = 'Domain' | 'CompanyName' | 'IndirectReseller' | 'IndirectCloudSolutionProvider';

/** `GET /v1/profiles/organization` (App+User). */
export interface OrganizationProfile {
  tenantId: string | null;
  companyName: string;
  domain: string;
  /** `defaultAddress.country`, upper case. */
  country: string | null;
  culture: string | null;
  language: string | null;
}

export type CatalogSegment = 'commercial' | 'education' | 'government' | 'nonprofit';

export interface CatalogProduct {
  id: string;
  title: string;
  /** `productType.id`, e.g. `OnlineServices`. */
  productType: string | null;
}

export interface CatalogAvailability {
  id: string | null;
  productId: string | null;
  skuId: string | null;
  /** `{productId}:{skuId}:{availabilityId}`; valid only briefly — resolve it at purchase time. */
  catalogItemId: string;
  country: string | null;
  segment: string | null;
  isPurchasable: boolean;
  terms: Array<{ duration: string; billingCycle: string | null; description: string | null }>;
}

/** One agreement a customer has accepted or the partner attested (`GET /v1/customers/{id}/agreements`). */
export interface CustomerAgreementRecord {
  type: string;
  templateId: string | null;
  dateAgreed: string | null;
  contactEmail: string | null;
}

/** Whether the customer can be sold to under the Microsoft Customer Agreement. */
export interface CustomerAgreementStatus {
  accepted: boolean;
  /** The newest MCA record, when there is one. */
  latest: CustomerAgreementRecord | null;
}

/** The customer's person who accepted the MCA, as the partner attests it. */
export interface AgreementContact {
  firstName: string;
  lastName: string;
  email: string;
  phoneNumber?: string;
}

/** `GET .../subscriptions/{id}/provisioningstatus` (App+User). `skuId` is the Graph skuId (lower case). */
export interface ProvisioningStatus {
  skuId: string | null;
  /** `success`, `pending` or `failed` as Partner Center spells it (lower case). */
  status: string;
  quantity: number;
  endDate: string | null;
}

