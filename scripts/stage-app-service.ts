/**
 * Stages what the App Service runs (infra/modules/appService.bicep: `node dist/bot/main.js`, Node 22, run from
 * the zip as a read-only package): the built dist/, package.json, package-lock.json, .npmrc and the production
 * node_modules (`npm ci --omit=dev --ignore-scripts`), in .deployment/app-service/. Sources, tests and dev dependencies stay out.
 *
 *   npm run build && npx tsx scripts/stage-app-service.ts [--out <dir>] [--skip-install]
 *
 * The Agents Toolkit zip-deploys the folder (m365agents.yml, deploy); the az CLI path zips it
 * (docs/DEPLOYMENT.md). Building first is the caller's job: a missing dist/bot/main.js is an error here.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

export const PROJECT_DIR = path.resolve(__dirname, '..');
export const DEFAULT_STAGE_DIR = path.join(PROJECT_DIR, '.deployment', 'app-service');
/** Copied as they are; dist/ must hold the build (npm run build). */
export const STAGED_FILES = ['package.json', 'package-lock.json', '.npmrc'] as const;

export class StageError extends Error {
  override name = 'StageError';
}

export interface StageOptions {
  projectDir?: string;
  outDir?: string;
  /** Leave node_modules out (tests); App Service then has nothing to run. */
  skipInstall?: boolean;
}

/** Recreates `outDir` with dist/ and the package files, then installs the production dependencies there. */
export function stageAppService(options: StageOptions = {}): string {
  const projectDir = options.projectDir ?? PROJECT_DIR;
  const outDir = path.resolve(options.outDir ?? path.join(projectDir, '.deployment', 'app-service'));
  if (!existsSync(path.join(projectDir, 'dist', 'bot', 'main.js'))) {
    throw new StageError('dist/bot/main.js is missing: run `npm run build` first.');
  }
  const inside = path.relative(projectDir, outDir);
  if (inside === '' || (!inside.startsWith('..') && !path.isAbsolute(inside) && !inside.startsWith('.deployment'))) {
    throw new StageError(`refusing to stage into ${outDir}: use a folder under .deployment/ or outside the project`);
  }
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  cpSync(path.join(projectDir, 'dist'), path.join(outDir, 'dist'), { recursive: true });
  for (const file of STAGED_FILES) {
    if (existsSync(path.join(projectDir, file))) cpSync(path.join(projectDir, file), path.join(outDir, file));
    else if (file !== '.npmrc') throw new StageError(`${file} is missing in ${projectDir}`);
  }
  if (!options.skipInstall) {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    // No install scripts, as in the Dockerfile: the bot needs none at run time (and npm runs none unapproved).
    const result = spawnSync(npm, ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], {
      cwd: outDir, stdio: 'inherit', shell: process.platform === 'win32',
    });
    if (result.status !== 0) throw new StageError(`npm ci --omit=dev --ignore-scripts failed in ${outDir} (exit ${result.status ?? result.signal})`);
  }
  return outDir;
}

function main(argv: string[]): number {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { out: { type: 'string' }, 'skip-install': { type: 'boolean' } },
      strict: true,
    });
    const outDir = stageAppService({ outDir: values.out, skipInstall: values['skip-install'] });
    console.log(`Staged the App Service package in ${path.relative(process.cwd(), outDir) || outDir}`);
    return 0;
  } catch (error) {
    console.error(`stage-app-service: ${(error as Error).message}`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
