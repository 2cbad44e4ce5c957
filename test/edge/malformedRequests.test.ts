import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { Harness, users } from '../integration/harness';
import { isCleanRefusal, rawRequest, type RawAnswer } from '../support/edgeClient';

/** A gzip body of `megabytes` of zeros: one gzip member of a megabyte, repeated (gunzip reads concatenated members). */
function gzipBomb(megabytes: number): Buffer {
  const member = zlib.gzipSync(Buffer.alloc(1024 * 1024), { level: 9 });
  return Buffer.concat(Array.from({ length: megabytes }, () => member));
}

/**
 * The malformed-request corpus: each request is refused with a 4xx and a short reason (never a 500, never
 * internal text), nothing is changed, and the process stays up. Memory and latency figures are in
 * docs/RELIABILITY.md (bench/edge.ts measures them in a separate process).
 */
describe('malformed requests to /api/messages (local mode)', function () {
  this.timeout(120_000);
  const h = new Harness();
  const errors: string[] = [];
  before(async () => {
    h.log = { info: () => undefined, warn: () => undefined, error: (fields, message) => { errors.push(`${String(message)} ${JSON.stringify(fields)}`); } };
    await h.start();
  });
  after(() => h.stop());

  const valid = () => ({
    type: 'message', text: 'help', id: 'm1', channelId: 'msteams', serviceUrl: h.connector.url, from: users.megan, recipient: { id: '28:bot', name: 'CSP Move Assistant' },
    conversation: h.teams.personal(users.megan), channelData: { tenant: { id: h.teams.personal(users.megan).tenantId } }, locale: 'en-US',
  });
  const json = (value: unknown) => JSON.stringify(value);
  const JSON_TYPE = { 'content-type': 'application/json' };
  const post = (body: Buffer | string, headers: Record<string, string> = JSON_TYPE) => rawRequest(`${h.botUrl}/api/messages`, { body, headers });

  const corpus: Array<[string, () => Promise<RawAnswer>, number]> = [
    ['a gzip body that is not gzip', () => post('this is not gzip at all', { ...JSON_TYPE, 'content-encoding': 'gzip' }), 400],
    ['a gzip bomb (200 MB of zeros in about 200 KB on the wire)', () => post(gzipBomb(200), { ...JSON_TYPE, 'content-encoding': 'gzip' }), 413],
    ['a deflate bomb', () => post(zlib.deflateSync(Buffer.alloc(20 * 1024 * 1024)), { ...JSON_TYPE, 'content-encoding': 'deflate' }), 413],
    ['a brotli bomb', () => post(zlib.brotliCompressSync(Buffer.alloc(20 * 1024 * 1024)), { ...JSON_TYPE, 'content-encoding': 'br' }), 413],
    ['an unknown content-encoding', () => post(json(valid()), { ...JSON_TYPE, 'content-encoding': 'compress' }), 415],
    ['gzip twice', () => post(zlib.gzipSync(zlib.gzipSync(json(valid()))), { ...JSON_TYPE, 'content-encoding': 'gzip, gzip' }), 415],
    ['a 5 MB body', () => post(json({ ...valid(), text: 'x'.repeat(5 * 1024 * 1024) })), 413],
    ['non-JSON', () => post('hello, bot'), 400],
    ['truncated JSON', () => post(json(valid()).slice(0, 40)), 400],
    ['an XML body', () => post('<activity><type>message</type></activity>', { 'content-type': 'application/xml' }), 415],
    ['JSON sent as text/plain', () => post(json(valid()), { 'content-type': 'text/plain' }), 415],
    ['no content-type', () => post(json(valid()), {}), 415],
    ['a latin-1 charset', () => post(json(valid()), { 'content-type': 'application/json; charset=iso-8859-1' }), 415],
    ['invalid UTF-8', () => post(Buffer.concat([Buffer.from('{"type":"message","text":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')])), 400],
    ['an empty body', () => post(''), 400],
    ['JSON null', () => post('null'), 400],
    ['a JSON array', () => post(json([valid()])), 400],
    ['a JSON string', () => post(json('message')), 400],
    ['10,000 nested arrays', () => post(`{"type":"message","x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`), 400],
    ['no type', () => post(json({ ...valid(), type: undefined })), 400],
    ['an unknown type', () => post(json({ ...valid(), type: 'exploit' })), 400],
    ['a numeric type', () => post(json({ ...valid(), type: 42 })), 400],
    ['no conversation', () => post(json({ ...valid(), conversation: undefined })), 400],
    ['a conversation that is a string', () => post(json({ ...valid(), conversation: 'a:1' })), 400],
    ['a non-string locale', () => post(json({ ...valid(), locale: 1033 })), 400],
    ['a locale that is not a language tag', () => post(json({ ...valid(), locale: '../../etc/passwd' })), 400],
    ['no from', () => post(json({ ...valid(), from: undefined })), 400],
    ['a numeric from.id', () => post(json({ ...valid(), from: { id: 7 } })), 400],
    ['a from.aadObjectId object', () => post(json({ ...valid(), from: { ...users.megan, aadObjectId: { $ne: null } } })), 400],
    ['no serviceUrl', () => post(json({ ...valid(), serviceUrl: undefined })), 400],
    ['a serviceUrl that is not a URL', () => post(json({ ...valid(), serviceUrl: 'javascript:alert(1)' })), 400],
    ['a 100,000-character text', () => post(json({ ...valid(), text: 'y'.repeat(100_000) })), 400],
    ['5,000 members added', () => post(json({ ...valid(), type: 'conversationUpdate', membersAdded: Array.from({ length: 5000 }, (_, i) => ({ id: `29:${i}` })) })), 400],
    ['channelData that is a string', () => post(json({ ...valid(), channelData: 'tenant' })), 400],
    ['a tenant id that is an array', () => post(json({ ...valid(), channelData: { tenant: { id: ['a', 'b'] } } })), 400],
    ['an anonymous reply sent to another host', () => post(json({ ...valid(), serviceUrl: 'https://attacker.example.com/' })), 403],
    ['GET /api/messages', () => rawRequest(`${h.botUrl}/api/messages`, { method: 'GET' }), 405],
  ];

  for (const [name, send, status] of corpus) {
    it(`answers ${status} to ${name}`, async () => {
      const answer = await send();
      assert.equal(answer.status, status, `${name}: ${answer.text.slice(0, 300)}`);
      if (answer.status !== 405) assert.ok(isCleanRefusal(answer), `${name}: a short reason without internal text: ${answer.text.slice(0, 300)}`);
    });
  }

  it('answers 501 to an invoke the bot does not handle, and 200 to a good message', async () => {
    assert.equal((await post(json({ ...valid(), type: 'invoke', name: 'composeExtension/unknownThing', value: {} }))).status, 501);
    assert.equal((await post(json(valid()))).status, 200);
  });

  it('is still up, changed nothing and logged no error', async () => {
    assert.equal((await rawRequest(`${h.botUrl}/healthz`, { method: 'GET' })).status, 200);
    assert.equal(h.app.orchestrator.all().length, 0);
    assert.deepEqual(errors, []);
  });
});
