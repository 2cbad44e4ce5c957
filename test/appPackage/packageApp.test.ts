/** scripts/package-app.ts: the zip it writes, the values it refuses, where it takes them from, and its command line. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  APP_PACKAGE_DIR, PACKAGE_SETTINGS, PackageError, buildAppPackage, checkAppId, checkBotDomain, checkBotId, renderManifest,
  resolveBotId, resolvePackageValues, substitutePlaceholders, validateManifest, type PackageValues,
} from '../../scripts/package-app';
import { TEST_APP_ID, TEST_BOT_ID, TEST_DOMAIN, TEST_VALUES } from './packageTestValues';
import { manifestBot } from './renderedManifest';

const TEST_ENV_FILE_TEXT = Object.entries(TEST_VALUES).map(([name, value]) => `${name}=${value}`).join('\n');
const PACKAGE_SCRIPT = path.resolve(__dirname, '..', '..', 'scripts', 'package-app.ts');

// A zip reader independent of the writer (scripts/zipArchive.ts).

/** Entries of a zip read from its central directory, each checked against its local header and CRC. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const endAt = zip.length - 22;
  assert.equal(zip.readUInt32LE(endAt), 0x06054b50, 'end of central directory record (no comment) at the end');
  const count = zip.readUInt16LE(endAt + 10);
  let off = zip.readUInt32LE(endAt + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(off), 0x02014b50, 'central directory header');
    const method = zip.readUInt16LE(off + 10);
    const crc = zip.readUInt32LE(off + 16);
    const compressedSize = zip.readUInt32LE(off + 20);
    const size = zip.readUInt32LE(off + 24);
    const nameLength = zip.readUInt16LE(off + 28);
    const extraLength = zip.readUInt16LE(off + 30);
    const commentLength = zip.readUInt16LE(off + 32);
    const localAt = zip.readUInt32LE(off + 42);
    const name = zip.toString('utf8', off + 46, off + 46 + nameLength);
    off += 46 + nameLength + extraLength + commentLength;

    assert.equal(zip.readUInt32LE(localAt), 0x04034b50, `local header of ${name}`);
    assert.equal(zip.toString('utf8', localAt + 30, localAt + 30 + zip.readUInt16LE(localAt + 26)), name);
    const dataAt = localAt + 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28);
    const body = zip.subarray(dataAt, dataAt + compressedSize);
    assert.ok(method === 0 || method === 8, `${name}: stored or deflated`);
    const data = method === 8 ? zlib.inflateRawSync(body) : Buffer.from(body);
    assert.equal(data.length, size, `${name}: size`);
    assert.equal(zlib.crc32(data) >>> 0, crc, `${name}: CRC`);
    assert.ok(!entries.has(name), `${name} appears once`);
    entries.set(name, data);
  }
  return entries;
}

describe('Teams app package', () => {
  describe('scripts/package-app.ts', () => {
    let tmp: string;
    beforeEach(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'app-package-')); });
    afterEach(() => { rmSync(tmp, { recursive: true, force: true }); });

    it('writes a zip of exactly manifest.json, its Korean translation, color.png and outline.png with the bot id in place', async () => {
      const outFile = path.join(tmp, 'appPackage.zip');
      const result = await buildAppPackage({ values: TEST_VALUES, outFile });
      assert.equal(result.outFile, outFile);
      const entries = readZip(readFileSync(outFile));
      assert.deepEqual([...entries.keys()].sort(), ['color.png', 'ko-kr.json', 'manifest.json', 'outline.png']);
      const text = entries.get('manifest.json')!.toString('utf8');
      assert.ok(!text.includes('${{'), 'no placeholder left');
      const packaged = JSON.parse(text) as Record<string, unknown>;
      assert.equal(manifestBot(packaged).botId, TEST_BOT_ID);
      assert.deepEqual(await validateManifest(packaged), []);
      assert.ok(entries.get('color.png')!.equals(readFileSync(path.join(APP_PACKAGE_DIR, 'color.png'))));
      assert.ok(entries.get('outline.png')!.equals(readFileSync(path.join(APP_PACKAGE_DIR, 'outline.png'))));
    });

    it('gives the same bytes for the same input', async () => {
      const a = path.join(tmp, 'a.zip');
      const b = path.join(tmp, 'b.zip');
      await buildAppPackage({ values: TEST_VALUES, outFile: a });
      await buildAppPackage({ values: TEST_VALUES, outFile: b });
      assert.ok(readFileSync(a).equals(readFileSync(b)));
    });

    it('refuses a BOT_ID that is not a GUID', async () => {
      for (const bad of [undefined, '', '   ', 'not-a-guid', '2f1b6b1e7c3d4a5e9f001234567890ab', `{${TEST_BOT_ID}}`,
        `${TEST_BOT_ID}", "x": "`, '00000000-0000-0000-0000-000000000000', '${{BOT_ID}}']) {
        assert.throws(() => checkBotId(bad), PackageError, JSON.stringify(bad));
      }
      assert.equal(checkBotId(` ${TEST_BOT_ID}\n`), TEST_BOT_ID);
      assert.equal(resolveBotId(['--bot-id', TEST_BOT_ID], {}), TEST_BOT_ID);
      assert.equal(resolveBotId([`--bot-id=${TEST_BOT_ID}`], { BOT_ID: 'ignored' }), TEST_BOT_ID);
      assert.equal(resolveBotId([], { BOT_ID: TEST_BOT_ID }), TEST_BOT_ID);
      assert.throws(() => resolveBotId([], {}), /BOT_ID is not set/);
      assert.throws(() => resolveBotId(['--bot-id', 'contoso'], { BOT_ID: TEST_BOT_ID }), /--bot-id must be a GUID/);
      await assert.rejects(buildAppPackage({ values: { ...TEST_VALUES, BOT_ID: 'my-bot' }, outFile: path.join(tmp, 'x.zip') }), /must be a GUID/);
      assert.equal(existsSync(path.join(tmp, 'x.zip')), false);
    });

    it('refuses a placeholder it has no value for', () => {
      assert.throws(() => substitutePlaceholders('{"a": "${{OTHER}}"}', { BOT_ID: TEST_BOT_ID }), /\$\{\{OTHER\}\}/);
      assert.equal(substitutePlaceholders('"${{BOT_ID}}"', { BOT_ID: 'a"b' }), '"a\\"b"');
    });

    it('refuses an app id, bot domain or developer that Teams would not take, each problem on its own line', () => {
      for (const bad of [undefined, '', 'contoso-app', '00000000-0000-0000-0000-000000000000', '${{TEAMS_APP_ID}}']) {
        assert.throws(() => checkAppId(bad), PackageError, JSON.stringify(bad));
      }
      assert.equal(checkAppId(` ${TEST_APP_ID} `), TEST_APP_ID);
      for (const bad of [undefined, ' ', `https://${TEST_DOMAIN}`, `${TEST_DOMAIN}/api/messages`, `${TEST_DOMAIN}:443`, 'localhost', '*.azurewebsites.net', 'a b.com']) {
        assert.throws(() => checkBotDomain(bad), PackageError, JSON.stringify(bad));
      }
      assert.equal(checkBotDomain('Bot-1234.usw2.DevTunnels.ms'), 'bot-1234.usw2.devtunnels.ms');
      const problems = (values: Partial<PackageValues>) => {
        try {
          renderManifest({ ...TEST_VALUES, ...values });
        } catch (err) {
          assert.ok(err instanceof PackageError);
          return err.message.split('\n');
        }
        return [];
      };
      assert.match(problems({ DEVELOPER_NAME: 'x'.repeat(33) })[0]!, /^DEVELOPER_NAME has 33 characters; Teams allows at most 32/);
      assert.match(problems({ DEVELOPER_PRIVACY_URL: 'http://contoso.com/privacy' })[0]!, /^DEVELOPER_PRIVACY_URL must be an https URL/);
      const all = problems({ TEAMS_APP_ID: '', BOT_ID: 'nope', DEVELOPER_TERMS_URL: '' });
      assert.deepEqual(all.map((line) => line.split(' ')[0]), ['TEAMS_APP_ID', 'BOT_ID', 'DEVELOPER_TERMS_URL']);
      assert.match(all[0]!, /TEAMS_APP_ID is not set\. Set TEAMS_APP_ID=<value> .* or pass --app-id <value>/);
    });

    it('takes each value from its flag, else the environment, else the --env-file (an Agents Toolkit env file)', () => {
      const files: Record<string, string> = { 'env/.env.dev': `# comment\n${TEST_ENV_FILE_TEXT}\nDEVELOPER_NAME=\nOTHER=x\n` };
      const readFile = (file: string) => {
        if (!(file in files)) throw new Error('ENOENT');
        return files[file]!;
      };
      const other = 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';
      const values = resolvePackageValues(['--env-file', 'env/.env.dev', '--bot-id', other], { BOT_ID: TEST_APP_ID, DEVELOPER_NAME: 'From the shell' }, readFile);
      assert.deepEqual(values, { ...TEST_VALUES, BOT_ID: other, DEVELOPER_NAME: 'From the shell' });
      assert.deepEqual(resolvePackageValues([], { ...TEST_VALUES }, readFile), TEST_VALUES);
      // An empty line in the env file (DEVELOPER_NAME=) is "not set", and says where it was looked for.
      assert.throws(() => resolvePackageValues(['--env-file', 'env/.env.dev'], {}, readFile), /^PackageError: DEVELOPER_NAME is not set\./);
      assert.throws(() => resolvePackageValues(['--env-file', 'env/.env.prod'], {}, readFile), /--env-file env\/\.env\.prod: no such file/);
      assert.throws(() => resolvePackageValues(['--bot-id'], TEST_VALUES, readFile), PackageError);
    });

    describe('command line', () => {
      function run(args: string[], env: Record<string, string | undefined>) {
        const childEnv: NodeJS.ProcessEnv = { ...process.env };
        for (const name of Object.keys(PACKAGE_SETTINGS)) delete childEnv[name];
        for (const [name, value] of Object.entries(env)) if (value !== undefined) childEnv[name] = value;
        return spawnSync(process.execPath, [require.resolve('tsx/cli'), PACKAGE_SCRIPT, ...args], { env: childEnv, encoding: 'utf8' });
      }

      it('exits 1 with a clear message for a non-GUID BOT_ID and writes nothing', () => {
        const outFile = path.join(tmp, 'appPackage.zip');
        const result = run(['--out', outFile], { ...TEST_VALUES, BOT_ID: 'my-bot' });
        assert.equal(result.status, 1, result.stderr);
        assert.match(result.stderr, /package-app: BOT_ID must be a GUID like .*; got "my-bot"/);
        assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
        assert.equal(existsSync(outFile), false);
      });

      it('builds the package from an Agents Toolkit env file and --bot-id', () => {
        const outFile = path.join(tmp, 'appPackage.zip');
        const envFile = path.join(tmp, '.env.dev');
        writeFileSync(envFile, `${TEST_ENV_FILE_TEXT.replace(/^BOT_ID=.*$/m, 'BOT_ID=')}\n`);
        const result = run(['--env-file', envFile, '--bot-id', TEST_BOT_ID, '--out', outFile], {});
        assert.equal(result.status, 0, result.stderr);
        assert.match(result.stdout, /schema-valid/);
        const entries = readZip(readFileSync(outFile));
        assert.deepEqual([...entries.keys()].sort(), ['color.png', 'ko-kr.json', 'manifest.json', 'outline.png']);
        const packaged = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as Record<string, unknown>;
        assert.equal(packaged.id, TEST_APP_ID);
        assert.equal(manifestBot(packaged).botId, TEST_BOT_ID);
      });
    });
  });
});
