import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { canonicalGuid, ConfigError, loadConfig } from '../../bot/config';
import { withLocalDefaults } from '../../bot/localEnv';

const PARTNER = '7d6f3e2a-1b2c-4d5e-8f90-0a1b2c3d4e5f';
const APP = '22222222-3333-4444-8555-666666666666';
const service = { PARTNER_TENANT_ID: PARTNER, AZURE_CLIENT_ID: '11111111-2222-4333-8444-555555555555', AZURE_CLIENT_SECRET: 'secret' };
const botIdentity = { MicrosoftAppId: APP, MicrosoftAppPassword: 'bot-secret', MicrosoftAppTenantId: PARTNER };
const minimal = { ...service, ...botIdentity };
const SANDBOX = 'http://127.0.0.1:3979';
const ROOT = path.resolve(__dirname, '..', '..');

function problemsOf(env: NodeJS.ProcessEnv, mode: 'local' | 'production' = 'production'): string[] {
  try {
    loadConfig(env, mode);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    for (const line of error.problems) assert.doesNotMatch(line, /Invalid input/, line);
    return error.problems;
  }
  return assert.fail('expected a ConfigError');
}

const about = (problems: string[], name: string) => problems.filter((p) => p.startsWith(`${name}: `));

describe('canonicalGuid', () => {
  it('lowercases, drops braces and surrounding spaces, and accepts the sandbox\'s 13-digit last group', () => {
    assert.equal(canonicalGuid('7D6F3E2A-1B2C-4D5E-8F90-0A1B2C3D4E5F'), PARTNER);
    assert.equal(canonicalGuid('{7d6f3e2a-1b2c-4d5e-8f90-0a1b2c3d4e5f}'), PARTNER);
    assert.equal(canonicalGuid(' {7D6F3E2A-1B2C-4D5E-8F90-0A1B2C3D4E5F} '), PARTNER);
    assert.equal(canonicalGuid('00000000-0000-0000-0000-0000000000001'), '00000000-0000-0000-0000-0000000000001');
  });

  it('returns null for anything else', () => {
    for (const bad of ['', 'x', 'notaguid', '7d6f3e2a1b2c4d5e8f900a1b2c3d4e5f', '{7d6f3e2a-1b2c-4d5e-8f90-0a1b2c3d4e5f', '7d6f3e2a-1b2c-4d5e-8f90-0a1b2c3d4e5f}',
      '7d6f3e2a-1b2c-4d5e-8f90-0a1b2c3d4e5', '7d6f3e2a-1b2c-4d5e-8f90-0a1b2c3d4e5f00', 'g d6f3e2a-1b2c-4d5e-8f90-0a1b2c3d4e5f', '(7d6f3e2a-1b2c-4d5e-8f90-0a1b2c3d4e5f)']) {
      assert.equal(canonicalGuid(bad), null, bad);
    }
    assert.equal(canonicalGuid(undefined), null);
    assert.equal(canonicalGuid(null), null);
  });
});

describe('configuration: the bot identity', () => {
  it('builds a validated bot identity with the public cloud\'s Bot Framework endpoints', () => {
    const config = loadConfig(minimal);
    assert.deepEqual(config.botIdentity, {
      appId: APP,
      tenantId: PARTNER,
      type: 'SingleTenant',
      credential: { kind: 'secret', secret: 'bot-secret' },
      openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
      tokenIssuer: 'https://api.botframework.com',
      loginUrl: `https://login.microsoftonline.com/${PARTNER}`,
      oauthScope: 'https://api.botframework.com',
      oauthUrl: 'https://api.botframework.com',
      allowEmulator: false,
      emulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration',
      allowedCallers: [],
    });
  });

  for (const [variant, env] of [
    ['missing', service],
    ['empty', { ...service, MicrosoftAppId: '' }],
    ['a space', { ...service, MicrosoftAppId: ' ' }],
    ['misspelled MICROSOFTAPPID', { ...service, MICROSOFTAPPID: APP }],
    ['misspelled MicrosoftAppID', { ...service, MicrosoftAppID: APP }],
    ['misspelled Microsoftappid', { ...service, Microsoftappid: APP }],
  ] as const) {
    it(`refuses to start production anonymously: MicrosoftAppId ${variant}`, () => {
      const problems = problemsOf({ ...env, MicrosoftAppPassword: 'bot-secret', MicrosoftAppTenantId: PARTNER });
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(problems[0], /^MicrosoftAppId: /);
      if (variant.startsWith('misspelled')) {
        assert.match(problems[0], new RegExp(`found \`${variant.split(' ')[1]}\`; the name is case-sensitive`));
      } else {
        assert.equal(problems[0], 'MicrosoftAppId: set the Azure Bot\'s Microsoft App ID (a GUID); the production entry never runs without a bot identity — anonymous runs are for `npm start` only');
      }
    });
  }

  it('lists every missing part of the bot identity at once', () => {
    const problems = problemsOf(service);
    assert.deepEqual(problems.map((p) => p.split(':')[0]), ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId']);
  });

  it('refuses misspelled names of the other bot settings too, and a misspelled name next to the right one', () => {
    const { MicrosoftAppPassword: _password, ...rest } = minimal;
    const problems = problemsOf({ ...rest, MICROSOFTAPPPASSWORD: 'bot-secret', MicrosoftAppTenantID: PARTNER, bot_allow_emulator: 'on' });
    assert.match(about(problems, 'MicrosoftAppPassword')[0], /found `MICROSOFTAPPPASSWORD`; the name is case-sensitive: rename it to MicrosoftAppPassword/);
    assert.match(about(problems, 'MicrosoftAppTenantId')[0], /found `MicrosoftAppTenantID` as well; the name is case-sensitive/);
    assert.match(about(problems, 'BOT_ALLOW_EMULATOR')[0], /found `bot_allow_emulator`/);
    // An unrelated variable that merely starts alike is no misspelling.
    assert.doesNotThrow(() => loadConfig({ ...minimal, MicrosoftAppIdOld: 'x' }));
  });

  it('takes MicrosoftAppType SingleTenant (default) or UserAssignedMSI, in any case', () => {
    assert.equal(loadConfig(minimal).botIdentity?.type, 'SingleTenant');
    assert.equal(loadConfig({ ...minimal, MicrosoftAppType: 'singletenant' }).botIdentity?.type, 'SingleTenant');
    const { MicrosoftAppPassword: _password, ...msi } = minimal;
    const config = loadConfig({ ...msi, MicrosoftAppType: 'userAssignedMsi' });
    assert.equal(config.botIdentity?.type, 'UserAssignedMSI');
    assert.equal(config.MicrosoftAppType, 'UserAssignedMSI');
    assert.deepEqual(config.botIdentity?.credential, { kind: 'managed-identity' });
  });

  it('refuses MultiTenant with the reason, and any other type', () => {
    const [multi] = about(problemsOf({ ...minimal, MicrosoftAppType: 'MultiTenant' }), 'MicrosoftAppType');
    assert.match(multi, /MultiTenant is refused — Azure Bot stopped creating multi-tenant bots after 31 July 2025; use SingleTenant/);
    assert.match(about(problemsOf({ ...minimal, MicrosoftAppType: 'Single' }), 'MicrosoftAppType')[0], /use SingleTenant \(the default\) or UserAssignedMSI/);
  });

  it('requires MicrosoftAppTenantId with SingleTenant, given or defaulted, and with UserAssignedMSI', () => {
    const { MicrosoftAppTenantId: _tenant, ...noTenant } = minimal;
    assert.match(about(problemsOf(noTenant), 'MicrosoftAppTenantId')[0], /required with MicrosoftAppType=SingleTenant \(the default\)/);
    assert.match(about(problemsOf({ ...noTenant, MicrosoftAppType: 'SingleTenant' }), 'MicrosoftAppTenantId')[0], /required/);
    const { MicrosoftAppPassword: _password, ...msi } = noTenant;
    assert.match(about(problemsOf({ ...msi, MicrosoftAppType: 'UserAssignedMSI' }), 'MicrosoftAppTenantId')[0], /required with MicrosoftAppType=UserAssignedMSI/);
  });

  it('needs a credential: a client secret, a certificate or a user-assigned managed identity', () => {
    const { MicrosoftAppPassword: _password, ...none } = minimal;
    assert.match(about(problemsOf(none), 'MicrosoftAppPassword')[0],
      /needs a credential — set MicrosoftAppPassword .*MicrosoftAppCertificatePath .*MicrosoftAppType=UserAssignedMSI/);
    assert.deepEqual(loadConfig(minimal).botIdentity?.credential, { kind: 'secret', secret: 'bot-secret' });
    // A managed identity has no secret: one given is a mistake, not something to ignore quietly.
    assert.match(about(problemsOf({ ...minimal, MicrosoftAppType: 'UserAssignedMSI' }), 'MicrosoftAppPassword')[0], /remove it — with MicrosoftAppType=UserAssignedMSI/);
  });

  describe('with a certificate', () => {
    let dir = '';
    const keyPem = readFileSync(path.join(ROOT, 'test', 'bot', 'fixtures', 'webhook-signer.key'), 'utf8');
    const certPem = readFileSync(path.join(ROOT, 'test', 'bot', 'fixtures', 'webhook-signer.cer'), 'utf8');
    const file = (name: string, text: string) => { const at = path.join(dir, name); writeFileSync(at, text); return at; };
    const { MicrosoftAppPassword: _password, ...noSecret } = minimal;

    before(() => { dir = mkdtempSync(path.join(os.tmpdir(), 'csp-move-bot-cert-')); });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('takes a PEM file with the certificate and its private key', () => {
      const pem = file('bot.pem', `${certPem}${keyPem}`);
      assert.deepEqual(loadConfig({ ...noSecret, MicrosoftAppCertificatePath: pem }).botIdentity?.credential, { kind: 'certificate', certificatePath: pem });
    });

    it('takes an encrypted key with its password, and says when the password is missing or wrong', () => {
      const encrypted = createPrivateKey(keyPem).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }) as string;
      const pem = file('encrypted.pem', `${encrypted}${certPem}`);
      assert.deepEqual(loadConfig({ ...noSecret, MicrosoftAppCertificatePath: pem, MicrosoftAppCertificatePassword: 'pw' }).botIdentity?.credential,
        { kind: 'certificate', certificatePath: pem, certificatePassword: 'pw' });
      assert.match(about(problemsOf({ ...noSecret, MicrosoftAppCertificatePath: pem }), 'MicrosoftAppCertificatePassword')[0], /is encrypted; set its password/);
      const wrong = problemsOf({ ...noSecret, MicrosoftAppCertificatePath: pem, MicrosoftAppCertificatePassword: 'not-the-password' });
      assert.match(about(wrong, 'MicrosoftAppCertificatePassword')[0], /does not decrypt the private key/);
      assert.doesNotMatch(wrong.join('\n'), /not-the-password/);
    });

    it('refuses a missing file, a file without a key or certificate, and a secret next to a certificate', () => {
      assert.match(about(problemsOf({ ...noSecret, MicrosoftAppCertificatePath: path.join(dir, 'none.pem') }), 'MicrosoftAppCertificatePath')[0], /no file at .*none\.pem/);
      assert.match(about(problemsOf({ ...noSecret, MicrosoftAppCertificatePath: file('cert-only.pem', certPem) }), 'MicrosoftAppCertificatePath')[0], /holds no private key/);
      assert.match(about(problemsOf({ ...noSecret, MicrosoftAppCertificatePath: file('key-only.pem', keyPem) }), 'MicrosoftAppCertificatePath')[0], /holds no certificate/);
      assert.match(about(problemsOf({ ...minimal, MicrosoftAppCertificatePath: file('both.pem', `${certPem}${keyPem}`) }), 'MicrosoftAppCertificatePath')[0], /not both/);
      assert.match(about(problemsOf({ ...minimal, MicrosoftAppCertificatePassword: 'pw' }), 'MicrosoftAppCertificatePassword')[0], /only together with MicrosoftAppCertificatePath/);
    });
  });

  it('takes botbuilder\'s endpoint settings, https only in production', () => {
    const config = loadConfig({
      ...minimal,
      ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.azure.us/v1/.well-known/openidconfiguration',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.us/',
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.us/contoso.onmicrosoft.com/',
      ToChannelFromBotOAuthScope: 'https://api.botframework.us',
      OAuthUrl: 'https://tokengcch.botframework.azure.us/',
      ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.us/botframework.com/v2.0/.well-known/openid-configuration',
    });
    assert.equal(config.botIdentity?.openIdMetadataUrl, 'https://login.botframework.azure.us/v1/.well-known/openidconfiguration');
    assert.equal(config.botIdentity?.tokenIssuer, 'https://api.botframework.us/', 'the issuer is compared as is');
    assert.equal(config.botIdentity?.loginUrl, 'https://login.microsoftonline.us/contoso.onmicrosoft.com');
    assert.equal(config.botIdentity?.oauthScope, 'https://api.botframework.us');
    assert.equal(config.botIdentity?.oauthUrl, 'https://tokengcch.botframework.azure.us');
    assert.equal(config.botIdentity?.emulatorOpenIdMetadataUrl, 'https://login.microsoftonline.us/botframework.com/v2.0/.well-known/openid-configuration');

    const names = ['ToBotFromChannelOpenIdMetadataUrl', 'ToBotFromChannelTokenIssuer', 'ToChannelFromBotLoginUrl', 'ToChannelFromBotOAuthScope', 'OAuthUrl', 'ToBotFromEmulatorOpenIdMetadataUrl'];
    const http = Object.fromEntries(names.map((name) => [name, `${SANDBOX}/${name}`]));
    const problems = problemsOf({ ...minimal, ...http });
    assert.deepEqual(problems.map((p) => p.split(':')[0]), names);
    for (const line of problems) assert.match(line, /use an https URL like https:\/\//);
    assert.equal(loadConfig({ ...minimal, ...http }, 'local').botIdentity?.oauthUrl, `${SANDBOX}/OAuthUrl`);
    assert.match(problemsOf({ ...minimal, OAuthUrl: 'token service' }, 'local')[0], /^OAuthUrl: not an http\(s\) URL/);
  });

  it('refuses Emulator tokens unless BOT_ALLOW_EMULATOR=on, and warns when it is on in production', () => {
    assert.equal(loadConfig(minimal).botIdentity?.allowEmulator, false);
    assert.equal(loadConfig({ ...minimal, BOT_ALLOW_EMULATOR: 'off' }).botIdentity?.allowEmulator, false);
    const on = loadConfig({ ...minimal, BOT_ALLOW_EMULATOR: 'ON' });
    assert.equal(on.botIdentity?.allowEmulator, true);
    assert.match(on.warnings.join('\n'), /^BOT_ALLOW_EMULATOR: on in production/);
    assert.deepEqual(loadConfig({ ...minimal, BOT_ALLOW_EMULATOR: 'on' }, 'local').warnings, []);
    assert.match(problemsOf({ ...minimal, BOT_ALLOW_EMULATOR: 'yes' })[0], /^BOT_ALLOW_EMULATOR: use on or off/);
  });

  it('takes skill callers as a comma list of app ids, none by default', () => {
    assert.deepEqual(loadConfig(minimal).botIdentity?.allowedCallers, []);
    const config = loadConfig({ ...minimal, BOT_ALLOWED_CALLERS: ' {AAAAAAAA-1111-4222-8333-444444444444}, bbbbbbbb-1111-4222-8333-444444444444,,aaaaaaaa-1111-4222-8333-444444444444 ' });
    assert.deepEqual(config.botIdentity?.allowedCallers, ['aaaaaaaa-1111-4222-8333-444444444444', 'bbbbbbbb-1111-4222-8333-444444444444']);
    assert.match(problemsOf({ ...minimal, BOT_ALLOWED_CALLERS: '*' })[0], /^BOT_ALLOWED_CALLERS: `\*` \(any caller\) is not accepted/);
    assert.match(problemsOf({ ...minimal, BOT_ALLOWED_CALLERS: `${APP},skill-bot` })[0], /^BOT_ALLOWED_CALLERS: "skill-bot" is not an app id/);
  });
});

describe('configuration: local mode', () => {
  const local = withLocalDefaults({}, SANDBOX);

  it('runs anonymously without MicrosoftAppId, and says so', () => {
    const config = loadConfig(local, 'local');
    assert.equal(config.botIdentity, null);
    assert.equal(config.warnings.length, 1, config.warnings.join('\n'));
    assert.match(config.warnings[0], /^MicrosoftAppId: .*anonymous: \/api\/messages accepts unauthenticated requests; local mode only/);
    // A copied .env.example (MicrosoftAppType=SingleTenant, the rest empty) still runs anonymously.
    assert.equal(loadConfig({ ...local, MicrosoftAppType: 'SingleTenant', MicrosoftAppId: '', MicrosoftAppPassword: '' }, 'local').botIdentity, null);
    // Bot settings without an app id are named as ignored.
    assert.match(loadConfig({ ...local, MicrosoftAppPassword: 'bot-secret' }, 'local').warnings[0], /MicrosoftAppPassword ignored without MicrosoftAppId/);
  });

  it('applies the production rules as soon as MicrosoftAppId is set, or misspelled', () => {
    assert.equal(loadConfig({ ...local, ...botIdentity }, 'local').botIdentity?.appId, APP);
    assert.deepEqual(problemsOf({ ...local, MicrosoftAppId: APP }, 'local').map((p) => p.split(':')[0]), ['MicrosoftAppPassword', 'MicrosoftAppTenantId']);
    assert.match(problemsOf({ ...local, MicrosoftAppId: 'notaguid', MicrosoftAppPassword: 'p', MicrosoftAppTenantId: PARTNER }, 'local')[0], /^MicrosoftAppId: not a GUID/);
    assert.match(problemsOf({ ...local, MICROSOFTAPPID: APP, MicrosoftAppPassword: 'p', MicrosoftAppTenantId: PARTNER }, 'local')[0], /^MicrosoftAppId: found `MICROSOFTAPPID`/);
  });
});

describe('the production entry (bot/main.ts)', function () {
  this.timeout(30_000);

  it('exits non-zero without a bot identity, naming MicrosoftAppId, and reads .env from its folder', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'csp-move-main-'));
    try {
      // Only the partner side in .env: the bot identity is what is missing.
      writeFileSync(path.join(dir, '.env'), `PARTNER_TENANT_ID=${PARTNER}\n`);
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH, AZURE_CLIENT_ID: service.AZURE_CLIENT_ID, AZURE_CLIENT_SECRET: 'secret', DATA_DIR: path.join(dir, 'data'),
      };
      if (process.env.TMPDIR) env.TMPDIR = process.env.TMPDIR;
      const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'bot', 'main.ts')], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
      child.stdout.resume();
      const code = await new Promise<number | null>((resolve, reject) => {
        const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`bot/main.ts did not exit; stderr: ${stderr}`)); }, 20_000);
        child.once('exit', (exitCode) => { clearTimeout(timer); resolve(exitCode); });
      });
      assert.notEqual(code, 0, stderr);
      assert.match(stderr, /Configuration is invalid/);
      assert.match(stderr, /^- MicrosoftAppId: set the Azure Bot's Microsoft App ID/m);
      assert.doesNotMatch(stderr, /PARTNER_TENANT_ID/, 'PARTNER_TENANT_ID comes from .env');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
