import { X509Certificate, createVerify } from 'node:crypto';
import type { Logger } from '../move/ports';

/**
 * Partner Center webhooks: the push path for "the customer accepted" and "GDAP approved", with the
 * polling sweep as the fallback. Partner Center signs each event (partner-center-webhooks: "How to
 * authenticate the callback"): `Authorization: Signature <base64>` over the UTF-8 body with
 * `X-MS-Signature-Algorithm: rsa-sha256`, by the certificate at `X-MS-Certificate-Url`.
 */
export interface WebhookTrust {
  /** Hosts the signing certificate may be fetched from (https only). */
  certificateHosts: readonly string[];
  /** The signing certificate's subject common name. */
  signerCommonName: string;
  /** The signing certificate's subject organisation. */
  signerOrganization: string;
}

export const PARTNER_CENTER_WEBHOOK_TRUST: WebhookTrust = {
  certificateHosts: ['3psostorageacct.blob.core.windows.net'],
  signerCommonName: 'pcnotifications-dispatch.microsoft.com',
  signerOrganization: 'Microsoft Corporation',
};

export type CertificateFetcher = (url: string) => Promise<Buffer>;

export interface PartnerCenterEvent {
  eventName: string;
  resourceUri: string;
  /** The customer tenant the event is about, when its resource names one. */
  customerTenantId: string | null;
}

export class WebhookRejected extends Error {
  constructor(readonly status: 400 | 401, message: string) {
    super(message);
    this.name = 'WebhookRejected';
  }
}

const MAX_BODY_BYTES = 64 * 1024;
const CUSTOMER_IN_URI = /\/customers\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13})/i;

export class PartnerCenterWebhookVerifier {
  /** Certificates by URL: Partner Center signs every event with the same one (instance-level cache). */
  private readonly certificates = new Map<string, Promise<X509Certificate>>();

  constructor(
    private readonly trust: WebhookTrust = PARTNER_CENTER_WEBHOOK_TRUST,
    private readonly fetchCertificate: CertificateFetcher = fetchOverHttps,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Checks the signature and returns the event; throws WebhookRejected for anything not from Partner Center. */
  async verify(headers: Record<string, string | string[] | undefined>, rawBody: Buffer): Promise<PartnerCenterEvent> {
    const header = (name: string) => {
      const value = headers[name.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    };
    if (rawBody.length === 0 || rawBody.length > MAX_BODY_BYTES) throw new WebhookRejected(400, 'The event body is empty or too large.');
    if ((header('x-ms-signature-algorithm') ?? '').toLowerCase() !== 'rsa-sha256') {
      throw new WebhookRejected(401, 'X-MS-Signature-Algorithm must be rsa-sha256.');
    }
    const signature = /^Signature ([A-Za-z0-9+/=]{16,2048})$/.exec(header('authorization') ?? '')?.[1];
    if (!signature) throw new WebhookRejected(401, 'The Authorization header must be "Signature <base64>".');
    const certificate = await this.certificateAt(header('x-ms-certificate-url') ?? '');
    const verifier = createVerify('RSA-SHA256');
    verifier.update(rawBody);
    if (!verifier.verify(certificate.publicKey, Buffer.from(signature, 'base64'))) {
      throw new WebhookRejected(401, 'The signature does not match the event.');
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(rawBody.toString('utf8')) as Record<string, unknown>;
    } catch {
      throw new WebhookRejected(400, 'The event is not JSON.');
    }
    const eventName = typeof body.EventName === 'string' ? body.EventName.slice(0, 100) : '';
    const resourceUri = typeof body.ResourceUri === 'string' ? body.ResourceUri.slice(0, 2048) : '';
    if (!eventName) throw new WebhookRejected(400, 'The event has no EventName.');
    return { eventName, resourceUri, customerTenantId: CUSTOMER_IN_URI.exec(resourceUri)?.[1]?.toLowerCase() ?? null };
  }

  private certificateAt(url: string): Promise<X509Certificate> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new WebhookRejected(401, 'X-MS-Certificate-Url is missing or not a URL.');
    }
    if (parsed.protocol !== 'https:' || !this.trust.certificateHosts.includes(parsed.hostname.toLowerCase())
      || parsed.port || parsed.username || parsed.search || !/^\/cert\/[A-Za-z0-9._-]+\.cer$/.test(parsed.pathname)) {
      throw new WebhookRejected(401, `The signing certificate must come from https://${this.trust.certificateHosts.join(' or ')}/cert/….cer.`);
    }
    let pending = this.certificates.get(parsed.href);
    if (!pending) {
      pending = this.fetchCertificate(parsed.href).then((bytes) => this.checkCertificate(new X509Certificate(bytes)));
      pending.catch(() => this.certificates.delete(parsed.href));
      this.certificates.set(parsed.href, pending);
    }
    return pending;
  }

  private checkCertificate(certificate: X509Certificate): X509Certificate {
    const subject = certificate.subject.split('\n');
    if (!subject.includes(`CN=${this.trust.signerCommonName}`) || !subject.includes(`O=${this.trust.signerOrganization}`)) {
      throw new WebhookRejected(401, 'The signing certificate is not Partner Center\'s.');
    }
    const now = this.now().getTime();
    if (now < Date.parse(certificate.validFrom) || now > Date.parse(certificate.validTo)) {
      throw new WebhookRejected(401, 'The signing certificate is not valid today.');
    }
    return certificate;
  }
}

/** The TLS connection to Microsoft's storage host is what makes the fetched certificate trustworthy. */
async function fetchOverHttps(url: string): Promise<Buffer> {
  const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(15_000) });
  if (!response.ok) throw new WebhookRejected(401, `The signing certificate could not be fetched (HTTP ${response.status}).`);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > 16 * 1024) throw new WebhookRejected(401, 'The signing certificate is too large.');
  return bytes;
}

/** What an event means for the moves. */
export interface WebhookReactions {
  acceptanceReported(customerTenantId: string): Promise<number>;
  delegatedAdminReported(customerTenantId: string): Promise<number>;
}

export async function reactToEvent(event: PartnerCenterEvent, reactions: WebhookReactions, log: Logger): Promise<void> {
  if (!event.customerTenantId) return;
  switch (event.eventName) {
    case 'reseller-relationship-accepted-by-customer':
      log.info({ event: event.eventName, moves: await reactions.acceptanceReported(event.customerTenantId) }, 'Partner Center event');
      return;
    case 'granular-admin-relationship-approved':
    case 'granular-admin-access-assignment-activated':
      log.info({ event: event.eventName, moves: await reactions.delegatedAdminReported(event.customerTenantId) }, 'Partner Center event');
      return;
    default:
      log.info({ event: event.eventName }, 'Partner Center event ignored');
  }
}
