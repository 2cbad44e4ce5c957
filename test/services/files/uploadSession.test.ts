/** The upload of an export to the upload session Teams gives with a FileConsentCard's accept. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { FileUploadError, SINGLE_PUT_MAX_BYTES, UPLOAD_RANGE_BYTES, UploadSessionClient, uploadUrlProblem } from '../../../services/files/uploadSession';
import { OutboundHttp } from '../../../services/http/outboundHttp';
import { UploadSessionServer } from '../../support/uploadSessionServer';

describe('UploadSessionClient', () => {
  let server: UploadSessionServer;
  const client = (timeoutMs = 5_000) => new UploadSessionClient({ http: new OutboundHttp({ maxAttempts: 1, timeoutMs }), allowLoopbackHttp: true });
  beforeEach(async () => { server = await new UploadSessionServer().start(); });
  afterEach(() => server.close());

  it('puts a small file in one request with Content-Length and Content-Range bytes 0-(n-1)/n, and no Authorization header', async () => {
    const bytes = new Uint8Array(Buffer.from('time,actor\r\n2025-01-01,Megan\r\n', 'utf8'));
    await client().upload(server.uploadUrl('s1'), bytes);
    assert.deepEqual(server.received.map((r) => [r.contentRange, r.contentLength, r.authorization]), [[`bytes 0-${bytes.length - 1}/${bytes.length}`, String(bytes.length), undefined]]);
    assert.deepEqual(server.files.get('s1'), Buffer.from(bytes));
  });

  it('sends a file above 4 MiB in consecutive ranges of 10 × 320 KiB, and the whole file arrives', async () => {
    const bytes = new Uint8Array(randomBytes(2 * UPLOAD_RANGE_BYTES + 12_345));
    assert.ok(bytes.length > SINGLE_PUT_MAX_BYTES);
    await client().upload(server.uploadUrl('big'), bytes);
    assert.deepEqual(server.received.map((r) => r.contentRange), [
      `bytes 0-${UPLOAD_RANGE_BYTES - 1}/${bytes.length}`,
      `bytes ${UPLOAD_RANGE_BYTES}-${2 * UPLOAD_RANGE_BYTES - 1}/${bytes.length}`,
      `bytes ${2 * UPLOAD_RANGE_BYTES}-${bytes.length - 1}/${bytes.length}`,
    ]);
    assert.equal(UPLOAD_RANGE_BYTES % (320 * 1024), 0, 'OneDrive wants ranges in multiples of 320 KiB');
    assert.ok(server.received.every((r) => r.bytes <= SINGLE_PUT_MAX_BYTES));
    assert.ok(server.files.get('big')!.equals(Buffer.from(bytes)));
  });

  it('a non-2xx answer is a FileUploadError naming the status', async () => {
    server.failWith = 507;
    await assert.rejects(client().upload(server.uploadUrl('s2'), new Uint8Array([65, 66])),
      (error: unknown) => error instanceof FileUploadError && error.kind === 'status' && error.status === 507 && /HTTP 507/.test(error.message));
  });

  it('no answer in time is a FileUploadError of kind no-answer', async () => {
    server.hang = true;
    await assert.rejects(client(200).upload(server.uploadUrl('s3'), new Uint8Array([65])),
      (error: unknown) => error instanceof FileUploadError && error.kind === 'no-answer' && /did not answer in time/.test(error.message));
  });

  it('refuses a URL it may not use before sending anything', async () => {
    const production = new UploadSessionClient({ http: new OutboundHttp({ maxAttempts: 1 }), allowLoopbackHttp: false });
    await assert.rejects(production.upload(server.uploadUrl('s4'), new Uint8Array([65])),
      (error: unknown) => error instanceof FileUploadError && error.kind === 'refused-url' && /must be https/.test(error.message));
    assert.equal(server.received.length, 0);
  });

  it('allows https always, loopback http only in local mode, and nothing else', () => {
    assert.equal(uploadUrlProblem('https://contoso.sharepoint.com/personal/upload?x=1', false), null);
    assert.equal(uploadUrlProblem('http://127.0.0.1:4000/upload/a', true), null);
    assert.equal(uploadUrlProblem('http://localhost:4000/upload/a', true), null);
    assert.equal(uploadUrlProblem('http://[::1]:4000/upload/a', true), null);
    assert.match(uploadUrlProblem('http://127.0.0.1:4000/upload/a', false)!, /must be https/);
    assert.match(uploadUrlProblem('http://10.0.0.5/upload', true)!, /must be https/);
    assert.match(uploadUrlProblem('http://127.0.0.1.evil.example/upload', true)!, /must be https/);
    assert.match(uploadUrlProblem('ftp://contoso.sharepoint.com/x', true)!, /must be https/);
    assert.match(uploadUrlProblem('file:///etc/passwd', true)!, /must be https/);
    assert.match(uploadUrlProblem('https://user:secret@contoso.sharepoint.com/x', false)!, /credentials/);
    assert.match(uploadUrlProblem('not a url', false)!, /not a URL/);
  });
});
