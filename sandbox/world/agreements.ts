/**
 * Microsoft Customer Agreement (MCA): a purchase needs the customer's acceptance, either given by the
 * customer in the Microsoft 365 admin center (in the sandbox: when the customer accepts the reseller
 * invitation through the admin API, and seeded for Woodgrove) or attested by the partner with
 * `POST /v1/customers/{id}/agreements` (learn.microsoft.com/partner-center/developer/confirm-customer-consent-customer-agreement;
 * error 13605 in learn.microsoft.com/partner-center/developer/error-codes).
 */
import { isRecord } from '../util/jwt';
import { CommerceFault } from './commerce';
import { MCA_AGREEMENT_LINK, MCA_TEMPLATE_ID } from './constants';
import type { CustomerAccount, CustomerAgreement } from './types';
import type { SandboxWorld } from './world';

export const AGREEMENT_TYPES = ['MicrosoftCloudAgreement', 'MicrosoftCustomerAgreement'] as const;
export type AgreementType = (typeof AGREEMENT_TYPES)[number];

const EMAIL_PATTERN = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,63}$/;
/** One day of slack for callers in time zones ahead of UTC. */
const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;

export function hasAcceptedMca(customer: CustomerAccount): boolean {
  return customer.agreements.some((a) => a.type === 'MicrosoftCustomerAgreement');
}

/** The customer's Global Admin accepts the MCA in the admin center (idempotent). */
export function acceptMcaInAdminCenter(world: SandboxWorld, customer: CustomerAccount): void {
  if (hasAcceptedMca(customer)) return;
  customer.agreements.push({
    type: 'MicrosoftCustomerAgreement',
    templateId: MCA_TEMPLATE_ID,
    dateAgreed: world.clock.nowIso(),
    primaryContact: { firstName: customer.contact.firstName, lastName: customer.contact.lastName, email: customer.contact.email },
    userId: null,
    agreementLink: MCA_AGREEMENT_LINK,
  });
}

/** `agreementType` query value → the types it selects. Absent: MicrosoftCloudAgreement (documented default). */
export function agreementTypesOf(query: string | null): readonly AgreementType[] {
  if (query === null || query === '') return ['MicrosoftCloudAgreement'];
  if (query === '*') return AGREEMENT_TYPES;
  const type = AGREEMENT_TYPES.find((t) => t.toLowerCase() === query.toLowerCase());
  if (!type) throw new CommerceFault(400, 400, `agreementType '${query.slice(0, 60)}' is not supported; use MicrosoftCustomerAgreement, MicrosoftCloudAgreement or *.`);
  return [type];
}

/** Partner attestation of the customer's acceptance. `userId` comes from the App+User token. */
export function attestMca(world: SandboxWorld, customer: CustomerAccount, body: unknown, userId: string): CustomerAgreement {
  if (!isRecord(body)) throw invalid('The request body must be an Agreement object.');
  const { type, templateId, dateAgreed, primaryContact } = body;
  if (type !== 'MicrosoftCustomerAgreement') throw invalid("type must be 'MicrosoftCustomerAgreement'.");
  if (typeof templateId !== 'string' || templateId.toLowerCase() !== MCA_TEMPLATE_ID) {
    throw invalid(`templateId '${String(templateId).slice(0, 60)}' is not the current Microsoft Customer Agreement template; read it from GET /v1/agreements?agreementType=MicrosoftCustomerAgreement.`);
  }
  const agreedAt = typeof dateAgreed === 'string' ? Date.parse(dateAgreed) : Number.NaN;
  if (!Number.isFinite(agreedAt)) throw invalid('dateAgreed must be a UTC date-time such as 2024-06-14T00:00:00Z.');
  if (agreedAt > world.clock.now().getTime() + FUTURE_SLACK_MS) throw invalid('dateAgreed cannot be in the future.');
  if (!isRecord(primaryContact)) throw invalid('primaryContact (firstName, lastName, email) is required.');
  const contact = {
    firstName: requiredText(primaryContact.firstName, 'primaryContact.firstName', 100),
    lastName: requiredText(primaryContact.lastName, 'primaryContact.lastName', 100),
    email: requiredText(primaryContact.email, 'primaryContact.email', 320),
  };
  if (!EMAIL_PATTERN.test(contact.email)) throw invalid('primaryContact.email is not a valid email address.');
  const phone = primaryContact.phoneNumber;
  if (phone !== undefined && phone !== null && (typeof phone !== 'string' || !/^[0-9+()\-\s.]{1,30}$/.test(phone))) {
    throw invalid('primaryContact.phoneNumber must be a phone number.');
  }
  const agreement: CustomerAgreement = {
    type: 'MicrosoftCustomerAgreement',
    templateId: MCA_TEMPLATE_ID,
    dateAgreed: new Date(agreedAt).toISOString(),
    primaryContact: typeof phone === 'string' ? { ...contact, phoneNumber: phone } : contact,
    userId,
    agreementLink: MCA_AGREEMENT_LINK,
  };
  customer.agreements.push(agreement);
  return agreement;
}

function requiredText(value: unknown, name: string, max: number): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(`${name} is required.`);
  if (value.length > max) throw invalid(`${name} must be at most ${max} characters.`);
  return value.trim();
}

/** Validation failures have no documented code: the HTTP status is the code (sandbox convention). */
function invalid(description: string): CommerceFault {
  return new CommerceFault(400, 400, description);
}
