/**
 * The Teams app in Korean: appPackage/manifest.json's localizationInfo, appPackage/ko-kr.json against the Teams
 * localization schema v1.23 bundled in @microsoft/app-manifest (offline) and against the manifest, and the package
 * that carries it (scripts/package-app.ts, scripts/appLocalization.ts).
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { parseCommand } from '../../dialogs/commandParser';
import { loadLocalizationSchema, localizationSchemaUrl, manifestPath, manifestValueAt } from '../../scripts/appLocalization';
import {
  APP_PACKAGE_DIR, MANIFEST_VERSION, MAX_COMMAND_TITLE, PackageError, buildAppPackage, renderLocalizations, renderManifest,
  validateLocalizationFile, validateManifest,
} from '../../scripts/package-app';
import { TEST_VALUES } from './packageTestValues';

interface CommandList { scopes: string[]; commands: Array<{ title: string; description: string }> }

const KOREAN_FILE = path.join(APP_PACKAGE_DIR, 'ko-kr.json');
const HANGUL = /[\uAC00-\uD7A3]/;

function manifest(): Record<string, unknown> {
  return renderManifest(TEST_VALUES);
}

function korean(): Record<string, unknown> {
  return JSON.parse(readFileSync(KOREAN_FILE, 'utf8')) as Record<string, unknown>;
}

function commandLists(m = manifest()): CommandList[] {
  return (m.bots as Array<{ commandLists: CommandList[] }>)[0]!.commandLists;
}

/** Every string of the manifest a person reads in Teams, by its localization key. */
function userFacingKeys(m = manifest()): string[] {
  const keys = ['name.short', 'name.full', 'description.short', 'description.full'];
  commandLists(m).forEach((list, l) => list.commands.forEach((_command, c) => {
    keys.push(`bots[0].commandLists[${l}].commands[${c}].title`, `bots[0].commandLists[${l}].commands[${c}].description`);
  }));
  return keys;
}

/** The schema's maxLength for `key`: its own property, else the pattern property it matches (as the schema reads it). */
function schemaMaxLength(schema: Record<string, unknown>, key: string): number | undefined {
  const own = (schema.properties as Record<string, { maxLength?: number }>)[key];
  if (own) return own.maxLength;
  for (const [pattern, rule] of Object.entries(schema.patternProperties as Record<string, { maxLength?: number }>)) {
    if (new RegExp(pattern).test(key)) return rule.maxLength;
  }
  return undefined;
}

describe('Teams app package: Korean', () => {
  describe('appPackage/manifest.json localizationInfo', () => {
    it('says its own strings are en-us and names ko-kr.json for Korean, and still validates', async () => {
      const m = manifest();
      assert.deepEqual(m.localizationInfo, {
        defaultLanguageTag: 'en-us',
        additionalLanguages: [{ languageTag: 'ko-kr', file: 'ko-kr.json' }],
      });
      assert.deepEqual(await validateManifest(m), []);
    });
  });

  describe('appPackage/ko-kr.json', () => {
    it('validates against the bundled v1.23 localization schema and the manifest with zero errors', () => {
      const schema = loadLocalizationSchema('1.23');
      assert.deepEqual(schema.required, ['name.short', 'description.short', 'description.full'], 'the v1.23 localization schema was read');
      assert.equal(korean().$schema, localizationSchemaUrl(MANIFEST_VERSION));
      assert.equal(korean().$schema, 'https://developer.microsoft.com/json-schemas/teams/v1.23/MicrosoftTeams.Localization.schema.json');
      assert.deepEqual(validateLocalizationFile(korean(), manifest()), []);
    });

    it('is checked for real: broken copies fail the same validation', () => {
      const broken: Array<[string, (k: Record<string, unknown>) => void, RegExp]> = [
        ['short name over 30', (k) => { k['name.short'] = '가'.repeat(31); }, /name\.short must NOT have more than 30 characters/],
        ['short description over 80', (k) => { k['description.short'] = '나'.repeat(81); }, /description\.short must NOT have more than 80/],
        ['the word null as a name', (k) => { k['name.short'] = 'null'; }, /name\.short must match pattern/],
        ['no full description', (k) => { delete k['description.full']; }, /must have required property 'description\.full'/],
        ['a key Teams does not know', (k) => { k['developer.name'] = '콘토소'; }, /must NOT have additional properties/],
        ['a fourth command list', (k) => { k['bots[0].commandLists[3].commands[0].title'] = '도움말'; }, /must NOT have additional properties/],
        ['a command the manifest does not have', (k) => { k['bots[0].commandLists[0].commands[9].title'] = '보고서'; },
          /"bots\[0\]\.commandLists\[0\]\.commands\[9\]\.title" translates nothing/],
        ['a name.full the manifest does not have', (k) => { k['staticTabs[0].name'] = '탭'; }, /"staticTabs\[0\]\.name" translates nothing/],
        ['a command title longer than Teams shows', (k) => { k['bots[0].commandLists[0].commands[1].title'] = '이'.repeat(MAX_COMMAND_TITLE + 1); },
          new RegExp(`must be at most ${MAX_COMMAND_TITLE} characters`)],
        ['a blank command title', (k) => { k['bots[0].commandLists[0].commands[1].title'] = '  '; }, /is blank/],
        ['another schema version', (k) => { k.$schema = localizationSchemaUrl('1.22'); }, /\$schema must be .*v1\.23/],
        ['a placeholder left', (k) => { k['name.full'] = 'CSP 이전 도우미 ${{DEVELOPER_NAME}}'; }, /placeholder/],
      ];
      for (const [what, breakIt, expected] of broken) {
        const copy = korean();
        breakIt(copy);
        const errors = validateLocalizationFile(copy, manifest());
        assert.ok(errors.some((e) => expected.test(e)), `${what}: ${JSON.stringify(errors)}`);
      }
    });

    it('translates exactly the manifest\'s user-facing strings: names, descriptions, every command title and description', () => {
      const m = manifest();
      const translated = Object.keys(korean()).filter((key) => key !== '$schema');
      assert.deepEqual([...translated].sort(), [...userFacingKeys(m)].sort(), 'the same keys: nothing missing, nothing extra');
      for (const key of translated) {
        assert.equal(typeof manifestValueAt(m, key), 'string', `${key} exists in manifest.json`);
        assert.notEqual(korean()[key], manifestValueAt(m, key), `${key} is translated, not copied`);
        assert.match(String(korean()[key]), HANGUL, `${key} is Korean`);
      }
    });

    it('gives each command the Korean word the bot parses as that same command (the Korean aliases of dialogs/commandParser.ts)', () => {
      // Teams puts the title of the command a person picks into the compose box as is: a Korean title the parser
      // did not know would send the person to "unknown command". Coupled to the Korean aliases (이동=move, ...).
      const k = korean();
      commandLists().forEach((list, l) => list.commands.forEach((command, c) => {
        const title = String(k[`bots[0].commandLists[${l}].commands[${c}].title`]);
        const english = parseCommand(command.title);
        assert.notEqual(english.kind, 'unknown', command.title);
        assert.equal(parseCommand(title).kind, english.kind, `${title} (${command.title}, list ${l}, command ${c})`);
      }));
    });

    it('keeps every string within the schema\'s limits, and command titles within what Teams shows', () => {
      const schema = loadLocalizationSchema(MANIFEST_VERSION);
      for (const [key, value] of Object.entries(korean())) {
        if (key === '$schema') continue;
        const max = schemaMaxLength(schema, key);
        assert.ok(max !== undefined, `${key}: the schema has a limit for it`);
        assert.ok(String(value).length <= max, `${key}: ${String(value).length} > ${max}`);
        if (/\.title$/.test(key)) assert.ok(String(value).length <= MAX_COMMAND_TITLE, `${key} fits in ${MAX_COMMAND_TITLE}`);
      }
      assert.equal(schemaMaxLength(schema, 'name.short'), 30);
      assert.equal(schemaMaxLength(schema, 'bots[0].commandLists[2].commands[8].title'), 128);
    });
  });

  describe('localization keys', () => {
    it('read as paths into the manifest', () => {
      assert.deepEqual(manifestPath('bots[0].commandLists[1].commands[2].title'), ['bots', 0, 'commandLists', 1, 'commands', 2, 'title']);
      assert.deepEqual(manifestPath('name.short'), ['name', 'short']);
      assert.equal(manifestPath('bots[x].title'), null);
      assert.equal(manifestPath('a..b'), null);
      const m = manifest();
      assert.equal(manifestValueAt(m, 'bots[0].commandLists[2].commands[8].title'), 'notify here');
      assert.equal(manifestValueAt(m, 'bots[0].commandLists[0].commands[8].title'), undefined, 'personal has no notify here');
      assert.equal(manifestValueAt(m, 'name[0]'), undefined, 'an index into an object is nothing');
      assert.equal(manifestValueAt(m, 'bots.commandLists'), undefined, 'a name into an array is nothing');
    });
  });

  describe('scripts/package-app.ts', () => {
    let tmp: string;
    beforeEach(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'app-localization-')); });
    afterEach(() => { rmSync(tmp, { recursive: true, force: true }); });

    /** A copy of appPackage/ (manifest, Korean, icons) to break. */
    function copyOfAppPackage(): string {
      const dir = mkdtempSync(path.join(tmp, 'appPackage-'));
      for (const file of ['manifest.json', 'ko-kr.json', 'color.png', 'outline.png']) copyFileSync(path.join(APP_PACKAGE_DIR, file), path.join(dir, file));
      return dir;
    }

    it('packages ko-kr.json at the root next to manifest.json, as written and valid', async () => {
      const outFile = path.join(tmp, 'appPackage.zip');
      const result = await buildAppPackage({ values: TEST_VALUES, outFile });
      assert.deepEqual(result.languages, ['ko-kr']);
      const entries = unzipSync(new Uint8Array(readFileSync(outFile)));
      assert.deepEqual(Object.keys(entries).sort(), ['color.png', 'ko-kr.json', 'manifest.json', 'outline.png']);
      const packagedManifest = JSON.parse(strFromU8(entries['manifest.json']!)) as Record<string, unknown>;
      const packagedKorean = JSON.parse(strFromU8(entries['ko-kr.json']!)) as Record<string, unknown>;
      assert.deepEqual(packagedKorean, korean());
      assert.deepEqual(validateLocalizationFile(packagedKorean, packagedManifest), []);
      assert.equal(packagedKorean['bots[0].commandLists[2].commands[8].title'], '알림 여기');
    });

    it('fills a placeholder in a translation with the same value as in the manifest', () => {
      const dir = copyOfAppPackage();
      const file = path.join(dir, 'ko-kr.json');
      const k = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      k['name.full'] = 'CSP 이전 도우미 (${{DEVELOPER_NAME}})';
      writeFileSync(file, JSON.stringify(k));
      const [rendered] = renderLocalizations(renderManifest(TEST_VALUES, dir), TEST_VALUES, dir);
      assert.equal(rendered?.localization['name.full'], `CSP 이전 도우미 (${TEST_VALUES.DEVELOPER_NAME})`);
    });

    it('refuses a translation that fails, a missing one, or one outside the package root, and writes nothing', async () => {
      const outFile = path.join(tmp, 'out', 'appPackage.zip');
      const cases: Array<[string, (dir: string) => void, RegExp]> = [
        ['a stale command index', (dir) => {
          const file = path.join(dir, 'ko-kr.json');
          const k = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
          k['bots[0].commandLists[0].commands[8].title'] = '알림 여기';
          writeFileSync(file, JSON.stringify(k));
        }, /appPackage\/ko-kr\.json does not validate[\s\S]*commandLists\[0\]\.commands\[8\]\.title" translates nothing/],
        ['not JSON', (dir) => { writeFileSync(path.join(dir, 'ko-kr.json'), '{ "name.short": '); }, /appPackage\/ko-kr\.json is not valid JSON/],
        ['missing', (dir) => { unlinkSync(path.join(dir, 'ko-kr.json')); }, /localizationInfo \(ko-kr\): ko-kr\.json: appPackage\/ko-kr\.json does not exist/],
        ['a placeholder with no value', (dir) => {
          const file = path.join(dir, 'ko-kr.json');
          writeFileSync(file, readFileSync(file, 'utf8').replace('"CSP 이전 도우미"', '"${{NO_SUCH_VALUE}}"'));
        }, /appPackage\/ko-kr\.json: The manifest has placeholders with no value: \$\{\{NO_SUCH_VALUE\}\}/],
        ['outside the root', (dir) => {
          const file = path.join(dir, 'manifest.json');
          writeFileSync(file, readFileSync(file, 'utf8').replace('"file": "ko-kr.json"', '"file": "../ko-kr.json"'));
        }, /a translation must be a \.json file at the package root/],
      ];
      for (const [what, breakIt, expected] of cases) {
        const dir = copyOfAppPackage();
        breakIt(dir);
        await assert.rejects(buildAppPackage({ values: TEST_VALUES, outFile, appPackageDir: dir }),
          (err: unknown) => err instanceof PackageError && expected.test(err.message), what);
        assert.equal(existsSync(outFile), false, `${what}: nothing written`);
      }
    });
  });
});
