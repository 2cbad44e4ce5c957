/** `npm run doctor -- --local` as a process: its report on stdout and its exit code (0 all green, 1 anything red). */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, type SandboxHandleWithWorld } from '../../../sandbox/server';
import { buildAppPackage } from '../../../scripts/package-app';
import { sandboxClient } from '../support/sandboxAdmin';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

function runCli(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [path.join(ROOT, 'scripts', 'doctor.ts'), ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('doctor: the npm run doctor command', function () {
  this.timeout(90_000);
  let sandbox: SandboxHandleWithWorld;
  let folder: string;
  let appPackage: string;
  const sb = sandboxClient(() => sandbox.url);
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    folder = mkdtempSync(path.join(os.tmpdir(), 'doctor-cli-'));
    appPackage = (await buildAppPackage({
      outFile: path.join(folder, 'appPackage.local.zip'),
      values: {
        TEAMS_APP_ID: '7c0e4b9a-3d2f-4e1a-8b6c-5a4d3c2b1a09', BOT_ID: '2f1b6b1e-7c3d-4a5e-9f00-1234567890ab', BOT_DOMAIN: 'localhost.example.com',
        DEVELOPER_NAME: 'Contoso', DEVELOPER_WEBSITE_URL: 'https://contoso.example/s', DEVELOPER_PRIVACY_URL: 'https://contoso.example/p', DEVELOPER_TERMS_URL: 'https://contoso.example/t',
      },
    })).outFile;
  });
  after(async () => {
    await sandbox?.close();
    rmSync(folder, { recursive: true, force: true });
  });
  // Only what the command needs: no settings of the machine running the tests leak in (and no .env: cwd is a fresh folder).
  const env = () => ({ PATH: process.env.PATH, HOME: process.env.HOME, SANDBOX_URL: sandbox.url, DATA_DIR: path.join(folder, 'data') });

  it('--local against a healthy sandbox: every check printed, all green, exit code 0', async () => {
    const { code, stdout, stderr } = await runCli(['--local', '--app-package', appPackage], env(), folder);
    assert.equal(stderr, '');
    assert.match(stdout, new RegExp(`^CSP Move Assistant doctor — local mode against the sandbox at ${sandbox.url.replace(/\./g, '\\.')}\n`));
    assert.match(stdout, /^✔ partner center app\+user +token issued/m);
    assert.match(stdout, /^✔ teams app package +.*appPackage\.local\.zip is schema-valid/m);
    assert.match(stdout, /^– partner center webhooks +PARTNER_CENTER_WEBHOOKS=off/m);
    assert.match(stdout, /\nAll green: 9 ok, 1 skipped\.\n$/);
    assert.equal(code, 0);
  });

  it('exit code 1 and the fix printed once a permission is withdrawn', async () => {
    await sb.admin('POST', '/permissions', { withdraw: ['GroupMember.Read.All'] });
    try {
      const { code, stdout } = await runCli(['--local', '--app-package', appPackage], env(), folder);
      assert.match(stdout, /^✖ graph staff roles +.*HTTP 403 Authorization_RequestDenied/m);
      assert.match(stdout, /How to fix:\n✖ graph staff roles\n {4}In the Entra admin center → .*GroupMember\.Read\.All/);
      assert.match(stdout, /\n1 problem, 8 ok, 1 skipped\.\n$/);
      assert.equal(code, 1);
    } finally {
      await sb.reset();
    }
  });

  it('refuses an unknown option with a usage line (exit code 1), and a missing --env-file', async () => {
    const unknown = await runCli(['--frobnicate'], env(), folder);
    assert.match(unknown.stderr, /Usage: npm run doctor -- \[--local\]/);
    assert.equal(unknown.code, 1);
    // tsx hands --env-file to Node as well, which stops first on a missing file (exit code 9); either way it fails.
    const missing = await runCli(['--env-file', path.join(folder, 'nope.env')], env(), folder);
    assert.match(missing.stderr, /nope\.env: (no such file|not found)/);
    assert.notEqual(missing.code, 0);
  });
});
