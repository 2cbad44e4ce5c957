import assert from 'node:assert/strict';
import { PartnerCenterWebhookVerifier, WebhookRejected } from '../../bot/partnerCenterWebhook';
import { fetchTestCertificate, impostorKey, signedEvent, signerKey } from '../support/webhookSigning';

describe('Partner Center webhook verification', () => {
  const accepted = {
    EventName: 'reseller-relationship-accepted-by-customer',
    ResourceUri: 'https://api.partnercenter.microsoft.com/v1/customers/6E8F1C2A-3B4D-4E5F-9A7B-1C2D3E4F5A01',
    ResourceName: 'customer', AuditUri: null, ResourceChangeUtcDate: '2026-11-24T09:00:00Z',
  };

  async function rejection(promise: Promise<unknown>): Promise<WebhookRejected> {
    try { await promise; } catch (error) { assert.ok(error instanceof WebhookRejected, String(error)); return error; }
    assert.fail('expected the event to be refused');
  }

  it('accepts an event signed with Partner Center\'s certificate and names its customer', async () => {
    const verifier = new PartnerCenterWebhookVerifier(undefined, fetchTestCertificate);
    const { raw, headers } = signedEvent(accepted);
    const event = await verifier.verify(headers, raw);
    assert.deepEqual(event, { eventName: accepted.EventName, resourceUri: accepted.ResourceUri, customerTenantId: '6e8f1c2a-3b4d-4e5f-9a7b-1c2d3e4f5a01' });
  });

  it('fetches the signing certificate once for many events', async () => {
    let fetches = 0;
    const verifier = new PartnerCenterWebhookVerifier(undefined, async (url) => { fetches += 1; return fetchTestCertificate(url); });
    for (let i = 0; i < 5; i += 1) {
      const { raw, headers } = signedEvent({ ...accepted, ResourceChangeUtcDate: `2026-11-24T09:0${i}:00Z` });
      await verifier.verify(headers, raw);
    }
    assert.equal(fetches, 1);
  });

  it('refuses a body changed after signing', async () => {
    const verifier = new PartnerCenterWebhookVerifier(undefined, fetchTestCertificate);
    const { headers } = signedEvent(accepted);
    const forged = Buffer.from(JSON.stringify({ ...accepted, ResourceUri: accepted.ResourceUri.replace('6E8F', '7A9B') }));
    assert.equal((await rejection(verifier.verify(headers, forged))).status, 401);
  });

  it('refuses a certificate from anywhere but Microsoft\'s host, over anything but https', async () => {
    const verifier = new PartnerCenterWebhookVerifier(undefined, fetchTestCertificate);
    for (const url of [
      'https://evil.example/cert/pcnotifications-dispatch.microsoft.com.cer',
      'http://3psostorageacct.blob.core.windows.net/cert/x.cer',
      'https://3psostorageacct.blob.core.windows.net:8443/cert/x.cer',
      'https://3psostorageacct.blob.core.windows.net/other/x.cer',
      'not a url',
    ]) {
      const { raw, headers } = signedEvent(accepted, signerKey, url);
      assert.equal((await rejection(verifier.verify(headers, raw))).status, 401, url);
    }
  });

  it('refuses a certificate with another subject, even when the signature matches it', async () => {
    const verifier = new PartnerCenterWebhookVerifier(undefined, fetchTestCertificate);
    const { raw, headers } = signedEvent(accepted, impostorKey, 'https://3psostorageacct.blob.core.windows.net/cert/impostor.cer');
    assert.match((await rejection(verifier.verify(headers, raw))).message, /not Partner Center's/);
  });

  it('refuses missing or wrong headers, empty and oversized bodies', async () => {
    const verifier = new PartnerCenterWebhookVerifier(undefined, fetchTestCertificate);
    const { raw, headers } = signedEvent(accepted);
    assert.equal((await rejection(verifier.verify({ ...headers, authorization: undefined }, raw))).status, 401);
    assert.equal((await rejection(verifier.verify({ ...headers, 'x-ms-signature-algorithm': 'rsa-sha1' }, raw))).status, 401);
    assert.equal((await rejection(verifier.verify(headers, Buffer.alloc(0)))).status, 400);
    assert.equal((await rejection(verifier.verify(headers, Buffer.alloc(100_000, 32)))).status, 400);
  });
});
