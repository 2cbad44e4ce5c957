/** Signs Partner Center webhook events with the test-only key pairs in test/bot/fixtures. */
import { createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const fixtures = path.join(__dirname, '..', 'bot', 'fixtures');
export const signerKey = readFileSync(path.join(fixtures, 'webhook-signer.key'));
const signerCert = readFileSync(path.join(fixtures, 'webhook-signer.cer'));
export const impostorKey = readFileSync(path.join(fixtures, 'impostor.key'));
const impostorCert = readFileSync(path.join(fixtures, 'impostor.cer'));
export const CERT_URL = 'https://3psostorageacct.blob.core.windows.net/cert/pcnotifications-dispatch.microsoft.com.cer';

export function signedEvent(body: object, key: Buffer = signerKey, certificateUrl = CERT_URL) {
  const raw = Buffer.from(JSON.stringify(body), 'utf8');
  const signature = createSign('RSA-SHA256').update(raw).sign(key).toString('base64');
  return { raw, headers: { authorization: `Signature ${signature}`, 'x-ms-certificate-url': certificateUrl, 'x-ms-signature-algorithm': 'rsa-sha256', 'content-type': 'application/json' } };
}

export const fetchTestCertificate = async (url: string) => (url.includes('impostor') ? impostorCert : signerCert);

