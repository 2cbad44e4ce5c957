/**
 * Two rules of the Teams app package the schema does not check: the manifest's version is the project's (Teams caches
 * an app by its version, so each manifest change ships under a new one: scripts/appVersion.ts), and every scope the bot
 * declares has its own command list (the schema: "A separate command list should be used for each scope").
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { manifestVersionProblem, PACKAGE_JSON, readProjectVersion } from '../../scripts/appVersion';
import { buildAppPackage, PackageError, readManifestTemplate } from '../../scripts/package-app';
import { TEST_VALUES } from './packageTestValues';
import { manifestBot, renderedManifest } from './renderedManifest';

describe('Teams app package: version and command lists', () => {
  describe('the version rule', () => {
    let tmp: string;
    beforeEach(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'app-version-')); });
    afterEach(() => { rmSync(tmp, { recursive: true, force: true }); });

    it('appPackage/manifest.json carries package.json\'s version (bump package.json whenever the manifest changes)', () => {
      const projectVersion = (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
      const manifestVersion = (JSON.parse(readManifestTemplate()) as { version: string }).version;
      assert.equal(manifestVersion, projectVersion, manifestVersionProblem(manifestVersion, projectVersion) ?? '');
      assert.equal(readProjectVersion(), projectVersion);
      assert.equal(manifestVersionProblem(manifestVersion, readProjectVersion()), null);
    });

    it('names both versions and the fix when they differ', () => {
      const problem = manifestVersionProblem('0.1.0', '0.2.0');
      assert.ok(problem);
      assert.match(problem, /appPackage\/manifest\.json says version "0\.1\.0" but package\.json says "0\.2\.0"/);
      assert.match(problem, /Teams caches an app by its version: bump "version" in package\.json whenever the manifest changes/);
      assert.ok(manifestVersionProblem(undefined, '0.2.0')?.includes('says version undefined'));
      assert.equal(manifestVersionProblem('1.4.2', '1.4.2'), null);
    });

    it('reads only a plain major.minor.patch version from package.json', () => {
      const file = path.join(tmp, 'package.json');
      writeFileSync(file, JSON.stringify({ name: 'x', version: '3.10.0' }));
      assert.equal(readProjectVersion(file), '3.10.0');
      for (const bad of [undefined, '', '1.2', '1.2.3-beta.1', 'v1.2.3', '01.2.3', 4]) {
        writeFileSync(file, JSON.stringify({ name: 'x', version: bad }));
        assert.throws(() => readProjectVersion(file), /package\.json must have a "version" like 1\.2\.3/, JSON.stringify(bad));
      }
    });

    it('npm run package:app refuses a manifest whose version is not the project\'s, and writes nothing', async () => {
      const outFile = path.join(tmp, 'appPackage.zip');
      const manifestVersion = String(renderedManifest().version);
      const bumped = manifestVersion.replace(/\d+$/, (patch) => String(Number(patch) + 1));
      await assert.rejects(
        buildAppPackage({ values: TEST_VALUES, outFile, projectVersion: bumped }),
        (err: unknown) => err instanceof PackageError && err.message.includes(`says version "${manifestVersion}" but package.json says "${bumped}"`),
      );
      assert.equal(existsSync(outFile), false);
      const built = await buildAppPackage({ values: TEST_VALUES, outFile });
      assert.equal(built.manifest.version, readProjectVersion());
      assert.ok(existsSync(outFile));
    });
  });

  describe('command lists', () => {
    const bot = manifestBot();

    it('one list for each scope the bot declares (personal, team, group chat), and none for another', () => {
      const listed = bot.commandLists.flatMap((list) => list.scopes);
      assert.deepEqual([...listed].sort(), [...bot.scopes].sort(), 'each declared scope exactly once');
      for (const list of bot.commandLists) assert.equal(list.scopes.length, 1, `a list of its own for ${list.scopes.join(', ')}`);
    });

    it('at most 10 commands a list, each scope with the commands that work there', () => {
      const titles = (scope: string) => bot.commandLists.find((list) => list.scopes.includes(scope))!.commands.map((c) => c.title);
      for (const list of bot.commandLists) assert.ok(list.commands.length >= 1 && list.commands.length <= 10, `${list.scopes[0]}: ${list.commands.length} commands`);
      // `notify here` picks the channel the bot posts to: it works in a team channel only (bot/commands/notifyHereCommand.ts).
      assert.ok(titles('team').includes('notify here'));
      assert.ok(!titles('personal').includes('notify here'));
      assert.ok(!titles('groupChat').includes('notify here'));
      // Everything else works wherever someone talks to the bot.
      assert.deepEqual(titles('personal'), titles('team').filter((t) => t !== 'notify here'));
      assert.deepEqual(titles('groupChat'), titles('personal'));
    });
  });
});
