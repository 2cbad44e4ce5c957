/**
 * The Dockerfile's promises, checked on its text (no Docker engine here): a Node 22 runtime stage with
 * production dependencies only, a non-root user, a health check, the production entry — and that the image
 * holds every file `node dist/bot/main.js` loads, found by walking what bot/main.ts requires at run time.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { ROOT, read } from './deployFiles';

interface Instruction { keyword: string; args: string; line: number }
interface Stage { from: string; name: string | null; instructions: Instruction[] }

/** Instructions per stage: comments dropped, `\` continuations joined. */
function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  let pending = '';
  let startLine = 0;
  text.split(/\r?\n/).forEach((raw, index) => {
    if (!pending && (/^\s*#/.test(raw) || raw.trim() === '')) return;
    if (!pending) startLine = index + 1;
    const continued = /\\\s*$/.test(raw);
    pending += `${continued ? raw.replace(/\\\s*$/, '') : raw} `;
    if (continued) return;
    const [, keyword = '', args = ''] = /^\s*(\S+)\s*(.*?)\s*$/.exec(pending) ?? [];
    pending = '';
    const instruction = { keyword: keyword.toUpperCase(), args, line: startLine };
    if (instruction.keyword === 'FROM') {
      const [, from = '', name = null] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      stages.push({ from, name, instructions: [] });
    } else {
      assert.ok(stages.length > 0, `line ${startLine}: ${keyword} before any FROM`);
      stages.at(-1)!.instructions.push(instruction);
    }
  });
  return stages;
}

const all = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword);
const last = (stage: Stage, keyword: string) => all(stage, keyword).at(-1);
/** A COPY's sources and destination (exec form or plain), its flags apart. */
function copyOf(instruction: Instruction): { flags: string[]; sources: string[]; destination: string } {
  const words = instruction.args.startsWith('[') ? JSON.parse(instruction.args) as string[] : instruction.args.split(/\s+/);
  const flags = words.filter((w) => w.startsWith('--'));
  const paths = words.filter((w) => !w.startsWith('--'));
  return { flags, sources: paths.slice(0, -1), destination: paths.at(-1)! };
}

describe('Dockerfile', () => {
  const stages = parseDockerfile(read('Dockerfile'));
  const runtime = stages.at(-1)!;
  const build = stages.find((s) => s.name === 'build')!;
  const buildConfig = JSON.parse(read('tsconfig.build.json')) as { include: string[] };
  const baseConfig = JSON.parse(read('tsconfig.json')) as { compilerOptions: { outDir: string } };

  it('builds in a stage of its own and runs on Node 22 (the engines of package.json)', () => {
    assert.ok(stages.length >= 2 && build && build !== runtime, 'a build stage named "build" before the runtime stage');
    for (const stage of stages) assert.match(stage.from, /^node:22(\.\d+){0,2}-(bookworm-slim|alpine[\d.]*)(@sha256:[0-9a-f]{64})?$/);
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    assert.match(engines, /^>=22\.\d+/);
    assert.equal(read('.nvmrc').trim(), '22');
  });

  it('build stage: every dependency (npm ci), then npm run build over everything tsconfig.build.json compiles', () => {
    const runs = all(build, 'RUN').map((i) => i.args);
    const install = runs.findIndex((r) => /\bnpm ci\b/.test(r) && !r.includes('--omit=dev'));
    const compile = runs.findIndex((r) => /\bnpm run build\b/.test(r));
    assert.ok(install >= 0 && compile > install, 'npm ci (with dev dependencies: TypeScript), then npm run build');
    const copied = all(build, 'COPY').flatMap((i) => copyOf(i).sources).map((s) => s.replace(/\/$/, ''));
    for (const needed of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', ...buildConfig.include]) {
      assert.ok(copied.includes(needed), `the build stage copies ${needed}`);
    }
    assert.equal(baseConfig.compilerOptions.outDir, 'dist');
  });

  it('runtime stage: production dependencies only, from the lockfile, NODE_ENV=production', () => {
    const runs = all(runtime, 'RUN').map((i) => i.args);
    assert.ok(runs.some((r) => /\bnpm ci\b[^&|;]*--omit=dev/.test(r)), 'npm ci --omit=dev');
    assert.ok(!runs.some((r) => /\bnpm (i|install|ci)\b(?![^&|;]*--omit=dev)/.test(r)), 'no install that brings dev dependencies');
    const copies = all(runtime, 'COPY').map(copyOf);
    assert.ok(!copies.some((c) => c.sources.some((s) => s.includes('node_modules'))), 'no node_modules copied in (they would carry dev dependencies)');
    const sources = copies.flatMap((c) => c.sources);
    assert.ok(sources.includes('package.json') && sources.includes('package-lock.json'), 'the lockfile is there for npm ci');
    assert.ok(all(runtime, 'ENV').some((i) => /^NODE_ENV[= ]production$/.test(i.args)), 'ENV NODE_ENV=production');
  });

  it('runtime stage: the build from the build stage, every file main.js loads, and nothing else of the sources', function () {
    // Walks every module bot/main.ts loads with the TypeScript compiler: seconds alone, longer on a busy CI machine.
    this.timeout(120_000);
    const workdir = last(build, 'WORKDIR')!.args;
    const copies = all(runtime, 'COPY').map(copyOf);
    const fromBuild = copies.filter((c) => c.flags.includes('--from=build'));
    assert.deepEqual(fromBuild.map((c) => [c.sources, c.destination]), [[[`${workdir}/dist`], './dist']]);
    // What the image has besides node_modules: package files and dist/.
    const others = copies.filter((c) => !c.flags.some((f) => f.startsWith('--from='))).flatMap((c) => c.sources);
    assert.deepEqual(others.sort(), ['.npmrc', 'package-lock.json', 'package.json']);

    const graph = runtimeGraph('bot/main.ts');
    const dependencies = Object.keys((JSON.parse(read('package.json')) as { dependencies: Record<string, string> }).dependencies);
    // Every module of ours is compiled (or, for imported JSON, emitted) into dist/ by the build.
    for (const file of graph.files) {
      assert.ok(buildConfig.include.some((dir) => file.startsWith(`${dir}/`)), `${file} is loaded at run time but not built into dist/`);
    }
    assert.ok(graph.files.includes('move/data/offer-map.json') && graph.files.includes('move/data/skus-missing-from-csv.json'), 'the data files are found');
    // Every package is a production dependency: --omit=dev leaves the others out.
    const missing = [...graph.packages].filter((p) => !dependencies.includes(p));
    assert.deepEqual(missing, [], 'packages main.js requires that are not production dependencies');
    // A module that reads a file next to itself would need that file COPY'd: there is none today.
    const readsBesideItself = graph.files.filter((f) => f.endsWith('.ts') && /\b__dirname\b|\b__filename\b|import\.meta/.test(read(f)));
    assert.deepEqual(readsBesideItself, [], 'modules that read files relative to themselves (COPY those files into the image)');
  });

  it('runtime stage: runs as a user that is not root, exposes 3978, checks /healthz with node, starts dist/bot/main.js', () => {
    const user = last(runtime, 'USER')?.args;
    assert.ok(user && !/^(root|0)(:|$)/.test(user), `USER ${user ?? '(none)'} is root`);
    // DATA_DIR's default (.data under WORKDIR) must be writable by that user; the rest stays root's.
    const workdir = last(runtime, 'WORKDIR')!.args;
    assert.ok(all(runtime, 'RUN').some((r) => r.args.includes(`chown ${user.split(':')[0]}`) && r.args.includes(`${workdir}/.data`)), 'the data folder belongs to the user');
    assert.ok(all(runtime, 'EXPOSE').some((i) => i.args.split(/\s+/).includes('3978')));
    const health = last(runtime, 'HEALTHCHECK')?.args ?? '';
    assert.match(health, /CMD \["node", "-e", ".*\/healthz/);
    assert.ok(!/\b(curl|wget)\b/.test(health), 'no curl or wget in the slim image');
    assert.deepEqual(JSON.parse(last(runtime, 'CMD')!.args), ['node', 'dist/bot/main.js']);
    assert.equal(last(build, 'CMD'), undefined);
  });

  it('.dockerignore keeps local state, builds and secrets out, and nothing the build copies', () => {
    const ignored = read('.dockerignore').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    for (const entry of ['node_modules', 'dist', '.data', '.env', '.git']) assert.ok(ignored.includes(entry), `.dockerignore lists ${entry}`);
    const copied = stages.flatMap((s) => all(s, 'COPY').filter((i) => !i.args.includes('--from=')).flatMap((i) => copyOf(i).sources));
    for (const source of copied) {
      assert.ok(existsSync(path.join(ROOT, source)), `${source} exists`);
      assert.ok(!ignored.some((pattern) => matchesIgnore(pattern, source)), `${source} is copied but .dockerignore leaves it out`);
    }
  });
});

/** Docker's .dockerignore matching, enough for these entries: an exact path, its folder, or a `*` glob on the name. */
function matchesIgnore(pattern: string, file: string): boolean {
  const clean = pattern.replace(/^\/|\/$/g, '');
  if (clean.startsWith('!')) return false;
  const regex = new RegExp(`^${clean.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/.*)?$`);
  return regex.test(file);
}

/**
 * The files (relative to the repository) and packages that `entry` loads at run time: each module is transpiled
 * as tsc would (imports used only as types are dropped) and its `require`s followed.
 */
function runtimeGraph(entry: string): { files: string[]; packages: Set<string> } {
  const builtins = new Set(builtinModules);
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    if (!file.endsWith('.ts')) continue;
    const js = ts.transpileModule(read(file), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
    for (const [, specifier] of js.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g) as Iterable<[string, string]>) {
      if (specifier.startsWith('.')) queue.push(resolveLocal(path.posix.join(path.posix.dirname(file), specifier)));
      else if (!builtins.has(specifier.replace(/^node:/, ''))) packages.add(packageName(specifier));
    }
    for (const [, specifier] of js.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g) as Iterable<[string, string]>) {
      assert.ok(specifier.startsWith('.') || builtins.has(specifier.replace(/^node:/, '')), `${file}: dynamic import of ${specifier}`);
    }
  }
  return { files: [...files].sort(), packages };
}

function resolveLocal(base: string): string {
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) {
    if (/\.(ts|json)$/.test(candidate) && existsSync(path.join(ROOT, candidate))) return candidate;
  }
  throw new Error(`cannot resolve ${base}`);
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}
