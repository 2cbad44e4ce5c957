/** Deployment as code: scripts/stage-app-service.ts, which stages the built bot for App Service's zip deploy. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StageError, stageAppService } from '../../scripts/stage-app-service';

describe('Deployment as code', () => {
  describe('scripts/stage-app-service.ts', () => {
    let tmp: string;
    beforeEach(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'stage-')); });
    afterEach(() => { rmSync(tmp, { recursive: true, force: true }); });

    function fakeProject(name = 'project'): string {
      const project = path.join(tmp, name);
      mkdirSync(path.join(project, 'dist', 'bot'), { recursive: true });
      writeFileSync(path.join(project, 'dist', 'bot', 'main.js'), '// built\n');
      writeFileSync(path.join(project, 'package.json'), '{"name":"x"}\n');
      writeFileSync(path.join(project, 'package-lock.json'), '{}\n');
      mkdirSync(path.join(project, 'bot'));
      writeFileSync(path.join(project, 'bot', 'main.ts'), '// source\n');
      return project;
    }

    it('stages dist/ and the package files, not the sources, in .deployment/app-service', () => {
      const project = fakeProject();
      const out = stageAppService({ projectDir: project, skipInstall: true });
      assert.equal(out, path.join(project, '.deployment', 'app-service'));
      assert.deepEqual(readdirSync(out).sort(), ['dist', 'package-lock.json', 'package.json']);
      assert.equal(readFileSync(path.join(out, 'dist', 'bot', 'main.js'), 'utf8'), '// built\n');
      // Staging again starts from an empty folder.
      writeFileSync(path.join(out, 'stale.txt'), 'x');
      stageAppService({ projectDir: project, skipInstall: true });
      assert.equal(existsSync(path.join(out, 'stale.txt')), false);
    });

    it('refuses to stage without a build, or into the project itself', () => {
      const project = fakeProject();
      rmSync(path.join(project, 'dist'), { recursive: true });
      assert.throws(() => stageAppService({ projectDir: project, skipInstall: true }), (e: unknown) => e instanceof StageError && /npm run build/.test(e.message));
      const built = fakeProject('built');
      for (const outDir of [built, path.join(built, 'bot'), path.join(built, 'dist')]) {
        assert.throws(() => stageAppService({ projectDir: built, outDir, skipInstall: true }), StageError, outDir);
      }
      assert.ok(existsSync(path.join(built, 'bot', 'main.ts')), 'nothing of the project was removed');
    });
  });
});
