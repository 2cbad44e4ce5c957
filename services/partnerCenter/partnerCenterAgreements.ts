/**
 * The Microsoft Customer Agreement (MCA) before a purchase: Partner Center refuses a new-commerce order
 * with 13605 until either the customer accepted the MCA in the Microsoft 365 admin center or the partner
 * attests the acceptance (`POST /v1/customers/{id}/agreements`, App+User).
 *
 * - `status`: `GET /v1/customers/{id}/agreements?agreementType=MicrosoftCustomerAgreement`;
 * - `currentTemplateId`: `GET /v1/agreements?agreementType=MicrosoftCustomerAgreement` (agreement
 *   metadata; the attestation must name the template);
 * - `attest`: reads the status first and posts only when no MCA is on record, with `ctx.requestId` as
 *   MS-RequestId (reused on a retry) — so a repeated step does not record a second attestation.
 */
import { z } from 'zod';
import type { CallContext } from '../../move/ports';
import type { TokenMode } from '../identity/tokenProvider';
import { PartnerCenterError } from './partnerCenterError';
import { segment, type PartnerCenterTransport } from './partnerCenterTransport';
import type { AgreementContact, CustomerAgreementRecord, CustomerAgreementStatus } from './partnerCenterTypes';

export const MCA = 'MicrosoftCustomerAgreement';

export const agreementSchema = z.object({
  type: z.string().nullish(),
  agreementType: z.string().nullish(),
  templateId: z.string().nullish(),
  dateAgreed: z.string().nullish(),
  primaryContact: z.object({ email: z.string().nullish() }).nullish(),
});

export const agreementMetadataSchema = z.object({
  templateId: z.string(),
  agreementType: z.string().nullish(),
  versionRank: z.number().nullish(),
});

export interface PartnerCenterAgreementsOptions {
  transport: PartnerCenterTransport;
  /** Token for the customer's agreements. Default `app+user` (the documented auth of the attestation). */
  mode?: TokenMode;
  /** Epoch milliseconds; the default `dateAgreed`. */
  now?: () => number;
}

export class PartnerCenterAgreements {
  private readonly mode: TokenMode;
  private readonly now: () => number;

  constructor(private readonly options: PartnerCenterAgreementsOptions) {
    this.mode = options.mode ?? 'app+user';
    this.now = options.now ?? Date.now;
  }

  async status(customerId: string, ctx: CallContext): Promise<CustomerAgreementStatus> {
    const records: CustomerAgreementRecord[] = [];
    for await (const wire of this.options.transport.pages({
      step: 'Partner Center: check the customer\'s Microsoft Customer Agreement',
      target: `/v1/customers/${segment(customerId)}/agreements?agreementType=${MCA}`,
      ctx,
      mode: this.mode,
    }, agreementSchema)) {
      const record = toAgreementRecord(wire);
      if (record.type.toLowerCase() === MCA.toLowerCase()) records.push(record);
    }
    records.sort((a, b) => (Date.parse(b.dateAgreed ?? '') || 0) - (Date.parse(a.dateAgreed ?? '') || 0));
    return { accepted: records.length > 0, latest: records[0] ?? null };
  }

  /**
   * The MCA template to attest. The metadata lists versions; the one with the lowest `versionRank` is
   * taken as current (Microsoft's pages do not say which direction the rank runs; a single entry is the norm).
   */
  async currentTemplateId(ctx: CallContext): Promise<string> {
    const step = 'Partner Center: read the Microsoft Customer Agreement template';
    const templates = [];
    for await (const item of this.options.transport.pages({ step, target: `/v1/agreements?agreementType=${MCA}`, ctx }, agreementMetadataSchema)) {
      if (!item.agreementType || item.agreementType.toLowerCase() === MCA.toLowerCase()) templates.push(item);
    }
    templates.sort((a, b) => (a.versionRank ?? 0) - (b.versionRank ?? 0));
    const template = templates[0];
    if (!template) {
      throw new PartnerCenterError(step, null, null, 'Partner Center lists no Microsoft Customer Agreement template', '',
        ctx.correlationId, 'check that the partner account can sell new commerce in this market');
    }
    return template.templateId;
  }

  /** Records the partner's attestation that the customer accepted the MCA, unless one is already on record. */
  async attest(
    customerId: string,
    contact: AgreementContact,
    ctx: CallContext,
    options: { dateAgreed?: string; templateId?: string } = {},
  ): Promise<CustomerAgreementRecord> {
    checkContact(contact);
    const existing = await this.status(customerId, ctx);
    if (existing.latest) return existing.latest;
    const templateId = options.templateId ?? await this.currentTemplateId(ctx);
    const call = {
      step: 'Partner Center: attest the customer\'s acceptance of the Microsoft Customer Agreement',
      method: 'POST' as const,
      target: `/v1/customers/${segment(customerId)}/agreements`,
      ctx,
      mode: this.mode,
      // MS-RequestId is Partner Center's idempotency key: a retry after a timeout sends the same one.
      repeatableWithRequestId: true,
      body: {
        primaryContact: {
          firstName: contact.firstName, lastName: contact.lastName, email: contact.email,
          ...(contact.phoneNumber ? { phoneNumber: contact.phoneNumber } : {}),
        },
        templateId,
        dateAgreed: options.dateAgreed ?? new Date(this.now()).toISOString(),
        type: MCA,
      },
    };
    return toAgreementRecord(await this.options.transport.json(call, agreementSchema));
  }
}

export function toAgreementRecord(wire: z.infer<typeof agreementSchema>): CustomerAgreementRecord {
  return {
    type: wire.type ?? wire.agreementType ?? '',
    templateId: wire.templateId ?? null,
    dateAgreed: wire.dateAgreed ?? null,
    contactEmail: wire.primaryContact?.email ?? null,
  };
}

function checkContact(contact: AgreementContact): void {
  for (const field of ['firstName', 'lastName', 'email'] as const) {
    const value = contact[field];
    if (typeof value !== 'string' || value.trim() === '' || value.length > 256) {
      throw new Error(`Partner Center: attest the Microsoft Customer Agreement: the contact's ${field} is missing or too long.`);
    }
  }
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact.email)) {
    throw new Error('Partner Center: attest the Microsoft Customer Agreement: the contact\'s email is not an email address.');
  }
}
