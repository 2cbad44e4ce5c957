/**
 * The Teams app package: appPackage/manifest.json against the Teams manifest schema v1.23 bundled in
 * @microsoft/app-manifest (offline), the two icons, and scripts/package-app.ts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { parseCommand } from '../../dialogs/commandParser';
import { drawColourIcon, drawOutlineIcon, parseHexColour } from '../../scripts/make-icons';
import {
  APP_PACKAGE_DIR, MANIFEST_VERSION, PACKAGE_SETTINGS, PackageError, SCHEMA_URL, buildAppPackage, checkAppId, checkBotDomain,
  checkBotId, loadBundledSchema, readManifestTemplate, renderManifest, resolveBotId, resolvePackageValues,
  substitutePlaceholders, validateManifest, type PackageValues,
} from '../../scripts/package-app';
import { readProjectVersion } from '../../scripts/appVersion';
import { TEST_APP_ID, TEST_BOT_ID, TEST_DOMAIN, TEST_VALUES } from './packageTestValues';

/** The bot's chat commands (what `dialogs/commandParser.ts` understands); the manifest may list only these. */
export const BOT_COMMANDS: ReadonlySet<string> = new Set(['help', 'move', 'status', 'list', 'cancel', 'retry', 'audit', 'override', 'notify here']);
/** Commands that only make sense in a team channel, so the personal and group chat command list leaves them out. */
const TEAM_ONLY_COMMANDS: ReadonlySet<string> = new Set(['notify here']);

const TEST_ENV_FILE_TEXT = Object.entries(TEST_VALUES).map(([name, value]) => `${name}=${value}`).join('\n');
const PACKAGE_SCRIPT = path.resolve(__dirname, '..', '..', 'scripts', 'package-app.ts');

interface Command { title: string; description: string }
interface CommandList { scopes: string[]; commands: Command[] }
interface Bot {
  botId: string; scopes: string[]; commandLists: CommandList[];
  supportsFiles: boolean; isNotificationOnly: boolean; needsChannelSelector?: boolean;
}

function manifest(): Record<string, unknown> {
  return renderManifest(TEST_VALUES);
}

function bot(m = manifest()): Bot {
  return (m.bots as Bot[])[0]!;
}

// ---------------------------------------------------------------- PNG and zip readers (independent of the writers)

interface Png { width: number; height: number; bitDepth: number; colourType: number; channels: number; pixels: Buffer }

function readPng(file: Buffer): Png {
  assert.equal(file.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'PNG signature');
  let off = 8;
  let ihdr: Buffer | undefined;
  const idat: Buffer[] = [];
  let sawEnd = false;
  while (off < file.length) {
    const length = file.readUInt32BE(off);
    const type = file.toString('latin1', off + 4, off + 8);
    const data = file.subarray(off + 8, off + 8 + length);
    const crc = file.readUInt32BE(off + 8 + length);
    assert.equal(crc, zlib.crc32(file.subarray(off + 4, off + 8 + length)) >>> 0, `CRC of ${type}`);
    if (off === 8) assert.equal(type, 'IHDR', 'IHDR comes first');
    if (type === 'IHDR') ihdr = data;
    if (type === 'IDAT') idat.push(data);
    off += 12 + length;
    if (type === 'IEND') {
      sawEnd = true;
      break;
    }
  }
  assert.ok(ihdr && sawEnd && idat.length > 0, 'IHDR, IDAT and IEND present');
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const bitDepth = ihdr[8]!;
  const colourType = ihdr[9]!;
  assert.equal(bitDepth, 8, 'the reader here handles 8-bit samples');
  assert.equal(ihdr[12], 0, 'not interlaced');
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colourType];
  assert.ok(channels, `colour type ${colourType} is greyscale or truecolour`);
  const stride = width * channels;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  assert.equal(raw.length, (stride + 1) * height, 'decompressed size');
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      let predictor: number;
      switch (filter) {
        case 0: predictor = 0; break;
        case 1: predictor = a; break;
        case 2: predictor = b; break;
        case 3: predictor = (a + b) >> 1; break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: throw new Error(`bad filter ${filter}`);
      }
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, bitDepth, colourType, channels, pixels };
}

function pixel(png: Png, x: number, y: number): number[] {
  const i = (y * png.width + x) * png.channels;
  return [...png.pixels.subarray(i, i + png.channels)];
}

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

// ---------------------------------------------------------------- tests

describe('Teams app package', () => {
  describe('appPackage/manifest.json', () => {
    it('is manifest v1.23 whose ids, bot domain and developer are placeholders the Agents Toolkit fills in', () => {
      const template = readManifestTemplate();
      const raw = JSON.parse(template) as Record<string, unknown>;
      assert.equal(raw.$schema, 'https://developer.microsoft.com/json-schemas/teams/v1.23/MicrosoftTeams.schema.json');
      assert.equal(raw.$schema, SCHEMA_URL);
      assert.equal(raw.manifestVersion, '1.23');
      assert.equal(MANIFEST_VERSION, '1.23');
      assert.equal(raw.version, readProjectVersion(), 'the project\'s version (manifestVersion.test.ts)');
      // No sandbox app id or developer ships: each deployment brings its own (env/.env.<env>).
      assert.equal(raw.id, '${{TEAMS_APP_ID}}');
      assert.deepEqual(raw.developer, {
        name: '${{DEVELOPER_NAME}}', websiteUrl: '${{DEVELOPER_WEBSITE_URL}}',
        privacyUrl: '${{DEVELOPER_PRIVACY_URL}}', termsOfUseUrl: '${{DEVELOPER_TERMS_URL}}',
      });
      assert.ok(!template.includes('Relecloud'), 'not the sandbox partner');
      const placeholders = new Set([...template.matchAll(/\$\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]));
      assert.deepEqual([...placeholders].sort(), Object.keys(PACKAGE_SETTINGS).sort());
    });

    it('validates against the bundled v1.23 schema with zero errors once the bot id is in', async () => {
      const schema = loadBundledSchema('1.23');
      const properties = schema.properties as Record<string, { const?: string }>;
      assert.equal(properties.manifestVersion?.const, '1.23', 'the schema read is the v1.23 one');
      const m = manifest();
      assert.deepEqual(await AppManifestUtils.validateAgainstSchema(m as never, schema as never), []);
      assert.deepEqual(await validateManifest(m), []);
    });

    it('is checked for real: broken copies fail the same validation', async () => {
      const broken: Array<[string, (m: Record<string, unknown>) => void]> = [
        ['unknown top-level property', (m) => { m.extra = true; }],
        ['short name over 30', (m) => { (m.name as { short: string }).short = 'x'.repeat(31); }],
        ['bad bot scope', (m) => { bot(m).scopes = ['personal', 'everywhere']; }],
        ['botId not a GUID', (m) => { bot(m).botId = 'not-a-guid'; }],
        ['command title over 32', (m) => { bot(m).commandLists[0]!.commands[0]!.title = 'y'.repeat(33); }],
        ['wrong manifestVersion', (m) => { m.manifestVersion = '1.22'; }],
        ['placeholder left', (m) => { (m.webApplicationInfo as { resource: string }).resource = 'api://botid-${{BOT_ID}}'; }],
      ];
      for (const [what, breakIt] of broken) {
        const m = manifest();
        breakIt(m);
        assert.notDeepEqual(await validateManifest(m), [], what);
      }
    });

    it('puts the app id, the bot id (bots, webApplicationInfo.id, the SSO resource) and the developer in', () => {
      const m = manifest();
      assert.equal(m.id, TEST_APP_ID);
      assert.deepEqual(m.developer, {
        name: TEST_VALUES.DEVELOPER_NAME, websiteUrl: TEST_VALUES.DEVELOPER_WEBSITE_URL,
        privacyUrl: TEST_VALUES.DEVELOPER_PRIVACY_URL, termsOfUseUrl: TEST_VALUES.DEVELOPER_TERMS_URL,
      });
      assert.equal(bot(m).botId, TEST_BOT_ID);
      assert.deepEqual(m.webApplicationInfo, { id: TEST_BOT_ID, resource: `api://botid-${TEST_BOT_ID}` });
      assert.ok(!JSON.stringify(m).includes('${{'));
    });

    it('declares a conversational bot for personal, team and group chat, with files (CSV exports) and without RSC; valid domains: SSO and the bot', () => {
      const m = manifest();
      const b = bot(m);
      assert.equal((m.bots as unknown[]).length, 1);
      assert.deepEqual([...b.scopes].sort(), ['groupChat', 'personal', 'team']);
      // The audit and reassignment exports arrive as files in the person's chat with the bot (FileConsentCard).
      assert.equal(b.supportsFiles, true);
      assert.equal(b.isNotificationOnly, false);
      // token.botframework.com: the sign-in card SSO falls back to; the bot's own host.
      assert.deepEqual(m.validDomains, ['token.botframework.com', TEST_DOMAIN]);
      assert.deepEqual(m.permissions, ['identity', 'messageTeamMembers']);
      assert.equal(m.authorization, undefined);
    });

    it('names and describes the app within the Teams limits', () => {
      const m = manifest();
      const name = m.name as { short: string; full: string };
      const description = m.description as { short: string; full: string };
      assert.equal(name.short, 'CSP Move Assistant');
      assert.ok(name.short.length <= 30 && name.full.length <= 100);
      assert.ok(description.short.length > 0 && description.short.length <= 80);
      assert.ok(description.full.length > 0 && description.full.length <= 4000);
      assert.equal((m.developer as { name: string }).name, TEST_VALUES.DEVELOPER_NAME);
      assert.match(String(m.accentColor), /^#[0-9A-Fa-f]{6}$/);
      assert.deepEqual(m.icons, { color: 'color.png', outline: 'outline.png' });
    });

    it('lists only the bot commands: all of them for team, all but "notify here" for personal and group chat', () => {
      const lists = bot().commandLists;
      const byScope = (scope: string) => {
        const found = lists.filter((l) => l.scopes.includes(scope));
        assert.equal(found.length, 1, `one command list for ${scope}`);
        return found[0]!.commands;
      };
      for (const list of lists) {
        const titles = list.commands.map((c) => c.title);
        assert.equal(new Set(titles).size, titles.length, `no duplicate titles in ${list.scopes.join(',')}`);
        for (const command of list.commands) {
          assert.ok(BOT_COMMANDS.has(command.title), `"${command.title}" is a bot command`);
          assert.ok(command.title.length <= 32, `"${command.title}" fits 32 characters`);
          assert.ok(command.description.length > 0 && command.description.length <= 4000);
        }
      }
      assert.deepEqual(new Set(byScope('team').map((c) => c.title)), BOT_COMMANDS);
      assert.deepEqual(
        new Set(byScope('personal').map((c) => c.title)),
        new Set([...BOT_COMMANDS].filter((c) => !TEAM_ONLY_COMMANDS.has(c))),
      );
      // bot/commandRouter.ts routes a group chat's messages as a personal chat's (an @mention, then the command);
      // only `notify here` refuses outside a team channel.
      assert.deepEqual(byScope('groupChat'), byScope('personal'));
      for (const scope of bot().scopes) byScope(scope);
    });

    it('lists commands the bot actually understands', () => {
      for (const command of BOT_COMMANDS) {
        const parsed = parseCommand(command);
        assert.notEqual(parsed.kind, 'unknown', `the bot parses "${command}"`);
        assert.equal(parsed.kind, command.replace(' ', '-'));
      }
    });
  });

  describe('icons', () => {
    const colour = readFileSync(path.join(APP_PACKAGE_DIR, 'color.png'));
    const outline = readFileSync(path.join(APP_PACKAGE_DIR, 'outline.png'));
    const accent = parseHexColour(String(manifest().accentColor));

    it('color.png is a 192×192 full-colour PNG: the accent colour with a white glyph', () => {
      const png = readPng(colour);
      assert.equal(png.width, 192);
      assert.equal(png.height, 192);
      assert.ok(png.colourType === 2 || png.colourType === 6, 'truecolour');
      assert.deepEqual(pixel(png, 0, 0).slice(0, 3), accent);
      assert.deepEqual(pixel(png, 191, 191).slice(0, 3), accent);
      if (png.channels === 4) assert.equal(pixel(png, 0, 0)[3], 255, 'opaque background');
      let white = 0;
      for (let y = 0; y < 192; y++) for (let x = 0; x < 192; x++) if (pixel(png, x, y).slice(0, 3).every((v) => v === 255)) white++;
      assert.ok(white > 192 * 192 * 0.05, 'a visible white glyph');
    });

    it('outline.png is a 32×32 RGBA PNG: white on transparent', () => {
      const png = readPng(outline);
      assert.equal(png.width, 32);
      assert.equal(png.height, 32);
      assert.equal(png.colourType, 6, 'RGBA');
      let opaque = 0;
      for (let y = 0; y < 32; y++) {
        for (let x = 0; x < 32; x++) {
          const [r, g, b, a] = pixel(png, x, y) as [number, number, number, number];
          if (a > 0) assert.deepEqual([r, g, b], [255, 255, 255], `pixel ${x},${y} is white`);
          if (a === 255) opaque++;
        }
      }
      for (const [x, y] of [[0, 0], [31, 0], [0, 31], [31, 31]] as const) assert.equal(pixel(png, x, y)[3], 0, 'transparent corners');
      assert.ok(opaque > 32 * 32 * 0.1, 'a visible glyph');
    });

    it('are what scripts/make-icons.ts draws (regenerate them after changing accentColor)', () => {
      assert.ok(colour.equals(drawColourIcon(accent)), 'color.png is up to date');
      assert.ok(outline.equals(drawOutlineIcon()), 'outline.png is up to date');
    });
  });

  describe('scripts/package-app.ts', () => {
    let tmp: string;
    beforeEach(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'app-package-')); });
    afterEach(() => { rmSync(tmp, { recursive: true, force: true }); });

    it('writes a zip of exactly manifest.json, color.png and outline.png with the bot id in place', async () => {
      const outFile = path.join(tmp, 'appPackage.zip');
      const result = await buildAppPackage({ values: TEST_VALUES, outFile });
      assert.equal(result.outFile, outFile);
      const entries = readZip(readFileSync(outFile));
      assert.deepEqual([...entries.keys()].sort(), ['color.png', 'manifest.json', 'outline.png']);
      const text = entries.get('manifest.json')!.toString('utf8');
      assert.ok(!text.includes('${{'), 'no placeholder left');
      const packaged = JSON.parse(text) as Record<string, unknown>;
      assert.equal(bot(packaged).botId, TEST_BOT_ID);
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
        assert.deepEqual([...entries.keys()].sort(), ['color.png', 'manifest.json', 'outline.png']);
        const packaged = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as Record<string, unknown>;
        assert.equal(packaged.id, TEST_APP_ID);
        assert.equal(bot(packaged).botId, TEST_BOT_ID);
      });
    });
  });
});
