import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../bot/config';
import { withLocalDefaults } from '../../bot/localEnv';

const PARTNER = '7d6f3e2a-1b2c-4d5e-8f90-0a1b2c3d4e5f';
const service = { PARTNER_TENANT_ID: PARTNER, AZURE_CLIENT_ID: '11111111-2222-4333-8444-555555555555', AZURE_CLIENT_SECRET: 'secret' };
const botIdentity = { MicrosoftAppId: '22222222-3333-4444-8555-666666666666', MicrosoftAppPassword: 'bot-secret', MicrosoftAppTenantId: PARTNER };
const minimal = { ...service, ...botIdentity };
const SANDBOX = 'http://127.0.0.1:3979';

/** The problems of a configuration that must be refused. */
function problemsOf(env: NodeJS.ProcessEnv, mode: 'local' | 'production' = 'production'): string[] {
  try {
    loadConfig(env, mode);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.problems;
  }
  return assert.fail('expected a ConfigError');
}

/** Every line starts with the variable it is about, and none is zod's own wording. */
function assertWellFormed(problems: string[]): void {
  for (const line of problems) {
    assert.match(line, /^[A-Za-z][A-Za-z0-9_]*: \S/, line);
    assert.doesNotMatch(line, /Invalid input|expected string|received undefined|Invalid option|Too (small|big)/i, line);
  }
}

describe('configuration problems, all in one run', () => {
  it('names all five bad settings of a production start in one run', () => {
    const problems = problemsOf({
      ...minimal,
      PARTNER_TENANT_ID: 'x', MicrosoftAppId: 'notaguid', MicrosoftAppType: 'MultiTenant',
      GRAPH_BASE_URL: 'http://graph.example.com', PARTNER_CENTER_BASE_URL: 'http://partner.example.com',
    });
    assertWellFormed(problems);
    for (const name of ['PARTNER_TENANT_ID', 'MicrosoftAppId', 'MicrosoftAppType', 'GRAPH_BASE_URL', 'PARTNER_CENTER_BASE_URL']) {
      assert.equal(problems.filter((p) => p.startsWith(`${name}: `)).length, 1, `${name} in ${problems.join('\n')}`);
    }
    assert.equal(problems.length, 5, problems.join('\n'));
    assert.ok(problems.find((p) => p.startsWith('GRAPH_BASE_URL: '))?.includes('https'));
  });

  it('says the fix for a missing variable, never zod\'s default text', () => {
    const problems = problemsOf({});
    assertWellFormed(problems);
    assert.ok(problems.some((p) => /^PARTNER_TENANT_ID: required; set your partner \(CSP\) tenant id, a GUID/.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => /^AZURE_CLIENT_ID: required; set it to the client id/.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('MicrosoftAppId: ')));
    // One line per setting: AZURE_CLIENT_ID and AZURE_TENANT_ID are not reported twice (zod and the credential check).
    const names = problems.map((p) => p.slice(0, p.indexOf(':')));
    assert.deepEqual(names, [...new Set(names)], problems.join('\n'));
  });

  it('gives every refused value the fix in its own words', () => {
    const problems = problemsOf({
      ...minimal, PORT: 'eighty', PARTNER_COUNTRY: 'USA', LOGIN_BASE_URL: 'login', CUSTOMER_GRAPH_MODE: 'user',
      GDAP_ACCESS_GROUP: 'g'.repeat(300), SWEEP_INTERVAL_SECONDS: '0', DEFAULT_TERM: 'P2Y', DEFAULT_BILLING: 'weekly',
      PARTNER_CENTER_WEBHOOKS: 'yes', INVITATION_REMINDER_DAYS: '90', APPROVAL_REMINDER_HOURS: 'x', SOURCE_REMINDER_DAYS: '-1',
      ROLE_CACHE_SECONDS: 'a', LOG_LEVEL: 'verbose', STORE: 'cosmos', REPLY_BUDGET_MS: '99999', MAIL_SENDER_MAILBOX: 'moves',
      SKU_CATALOG_MAX_AGE_DAYS: '0', FOUR_EYES: 'maybe', ACCOUNT_ADMIN_ABOVE_SEATS: '1.5', AZURE_TENANT_ID: 'contoso.com',
    });
    assertWellFormed(problems);
    assert.equal(problems.length, 21, problems.join('\n'));
    assert.ok(problems.includes('PORT: use a port number from 0 to 65535 (default 3978)'));
    assert.ok(problems.includes('LOG_LEVEL: use fatal, error, warn, info (default), debug, trace or silent'));
  });

  it('runs the checks across settings even when zod refused another setting', () => {
    const problems = problemsOf({
      ...minimal, PORT: 'eighty', STORE: 'azure', PARTNER_CENTER_REFRESH_TOKEN: 'r', AZURE_CLIENT_SECRET: '',
      AZURE_USE_MANAGED_IDENTITY: 'true', APPROVER_ROLES: 'owner', MicrosoftAppPassword: '',
    });
    assertWellFormed(problems);
    for (const pattern of [/^PORT: /, /^AZURE_STORAGE_CONNECTION_STRING: required with STORE=azure/, /^PARTNER_CENTER_REFRESH_TOKEN: .*needs AZURE_CLIENT_SECRET/,
      /^APPROVER_ROLES: unknown role "owner"/, /^MicrosoftAppPassword: the bot needs a credential/]) {
      assert.ok(problems.some((p) => pattern.test(p)), `${pattern} in\n${problems.join('\n')}`);
    }
  });

  it('reports the app credential\'s problems as lines that start with a variable', () => {
    const { AZURE_CLIENT_SECRET: _secret, ...noSecret } = minimal;
    const problems = problemsOf({ ...noSecret, PORT: 'eighty' });
    assertWellFormed(problems);
    assert.ok(problems.some((p) => /^AZURE_CLIENT_SECRET: no app credential is configured/.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('PORT: ')));
  });

  it('never echoes a secret, however wrong the rest is', () => {
    const problems = problemsOf({ AZURE_CLIENT_SECRET: 'super-secret-value', MicrosoftAppPassword: 'bot-super-secret', MicrosoftAppId: 'bot-super-secret', PORT: 'x' });
    assert.doesNotMatch(problems.join('\n'), /super-secret/);
  });
});

describe('configuration: ids and endpoints', () => {
  it('takes GUIDs in any case, in braces, or with the sandbox\'s 13-digit last group, and stores them canonical', () => {
    const config = loadConfig({
      ...minimal, PARTNER_TENANT_ID: '{7D6F3E2A-1B2C-4D5E-8F90-0A1B2C3D4E5F}', AZURE_TENANT_ID: ' 7D6F3E2A-1B2C-4D5E-8F90-0A1B2C3D4E5F ',
      MicrosoftAppId: '{22222222-3333-4444-8555-66666666666A}', MicrosoftAppTenantId: '00000000-0000-0000-0000-0000000000001',
    });
    assert.equal(config.PARTNER_TENANT_ID, PARTNER);
    assert.equal(config.AZURE_TENANT_ID, PARTNER);
    assert.equal(config.botIdentity?.appId, '22222222-3333-4444-8555-66666666666a');
    assert.equal(config.MicrosoftAppId, '22222222-3333-4444-8555-66666666666a');
    assert.equal(config.botIdentity?.tenantId, '00000000-0000-0000-0000-0000000000001');
  });

  it('refuses ids that are not GUIDs', () => {
    const problems = problemsOf({ ...minimal, PARTNER_TENANT_ID: 'relecloud.onmicrosoft.com', AZURE_TENANT_ID: 'contoso.com', MicrosoftAppTenantId: '7d6f3e2a', MicrosoftAppId: '{22222222-3333-4444-8555-666666666666' });
    assertWellFormed(problems);
    assert.deepEqual(problems.map((p) => p.slice(0, p.indexOf(':'))).sort(), ['AZURE_TENANT_ID', 'MicrosoftAppId', 'MicrosoftAppTenantId', 'PARTNER_TENANT_ID']);
  });

  it('wants https for Partner Center, Graph and sign-in in production, and allows http in local mode', () => {
    const http = { PARTNER_CENTER_BASE_URL: `${SANDBOX}/`, GRAPH_BASE_URL: `${SANDBOX}/graph`, LOGIN_BASE_URL: `${SANDBOX}/login` };
    const problems = problemsOf({ ...minimal, ...http });
    assertWellFormed(problems);
    for (const name of Object.keys(http)) assert.ok(problems.some((p) => p.startsWith(`${name}: use an https URL`)), `${name}: ${problems.join('\n')}`);
    const local = loadConfig({ ...minimal, ...http }, 'local');
    assert.equal(local.PARTNER_CENTER_BASE_URL, SANDBOX);
    assert.equal(local.LOGIN_BASE_URL, `${SANDBOX}/login`);
    assert.match(problemsOf({ ...minimal, GRAPH_BASE_URL: 'ftp://graph.example.com' }, 'local').join('\n'), /GRAPH_BASE_URL: use an https URL/);
  });

  it('runs against the sandbox in local mode with nothing but the local defaults', () => {
    const config = loadConfig(withLocalDefaults({}, SANDBOX), 'local');
    assert.equal(config.mode, 'local');
    assert.equal(config.botIdentity, null);
    assert.equal(config.GRAPH_BASE_URL, `${SANDBOX}/graph`);
    assert.equal(config.PARTNER_TENANT_ID, '00000000-0000-0000-0000-0000000000001');
  });
});

describe('configuration warnings (legal but risky)', () => {
  it('has none for a plain production configuration', () => {
    const config = loadConfig(minimal);
    assert.equal(config.mode, 'production');
    assert.deepEqual(config.warnings, []);
  });

  it('warns when four eyes is off', () => {
    assert.deepEqual(loadConfig({ ...minimal, FOUR_EYES: 'off' }).warnings.map((w) => w.split(':')[0]), ['FOUR_EYES']);
  });

  it('warns that debug and trace logs may carry personal data', () => {
    for (const level of ['debug', 'trace']) {
      const warnings = loadConfig({ ...minimal, LOG_LEVEL: level }).warnings;
      assert.equal(warnings.length, 1);
      assert.match(warnings[0], /^LOG_LEVEL: .*personal data/);
    }
    assert.deepEqual(loadConfig({ ...minimal, LOG_LEVEL: 'info' }).warnings, []);
  });

  it('warns when ROLE_OVERRIDES grants roles outside the directory', () => {
    const warnings = loadConfig({ ...minimal, ROLE_OVERRIDES: '{"user-1":["billing-agent"]}' }).warnings;
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /^ROLE_OVERRIDES: roles granted outside the partner directory/);
  });

  it('warns when client-side rate limits are off in production, not in local mode', () => {
    assert.match(loadConfig({ ...minimal, OUTBOUND_RATE_LIMITS: 'off' }).warnings.join('\n'), /^OUTBOUND_RATE_LIMITS: off/);
    assert.doesNotMatch(loadConfig({ ...minimal, OUTBOUND_RATE_LIMITS: 'off' }, 'local').warnings.join('\n'), /OUTBOUND_RATE_LIMITS/);
  });

  it('warns when an anonymous local bot listens beyond loopback', () => {
    const local = withLocalDefaults({}, SANDBOX);
    for (const host of ['127.0.0.1', '::1', 'localhost']) {
      assert.doesNotMatch(loadConfig({ ...local, HOST: host }, 'local').warnings.join('\n'), /^HOST/m, host);
    }
    const warnings = loadConfig({ ...local, HOST: '0.0.0.0' }, 'local').warnings;
    assert.ok(warnings.some((w) => /^HOST: 0\.0\.0\.0 is not loopback and the bot is anonymous/.test(w)), warnings.join('\n'));
    // With a bot identity every request needs a token: listening everywhere is fine.
    assert.doesNotMatch(loadConfig({ ...local, ...botIdentity, HOST: '0.0.0.0' }, 'local').warnings.join('\n'), /^HOST/m);
  });
});
