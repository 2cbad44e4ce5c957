import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../bot/config';
import { MICROSOFT_LICENSING_CSV_URL } from '../../services/skuCatalog/skuCatalogLoader';

/** The partner side: who the bot works for and the app that calls Partner Center and Graph. */
const service = { PARTNER_TENANT_ID: '7d6f3e2a-1b2c-4d5e-8f90-0a1b2c3d4e5f', AZURE_CLIENT_ID: '11111111-2222-4333-8444-555555555555', AZURE_CLIENT_SECRET: 'secret' };
/** The Azure Bot's identity: production never runs without one. */
const botIdentity = { MicrosoftAppId: '22222222-3333-4444-8555-666666666666', MicrosoftAppPassword: 'bot-secret', MicrosoftAppTenantId: '7d6f3e2a-1b2c-4d5e-8f90-0a1b2c3d4e5f' };
/** The smallest valid production configuration. */
const minimal = { ...service, ...botIdentity };

describe('configuration', () => {
  it('fills defaults', () => {
    const config = loadConfig(minimal);
    assert.equal(config.PORT, 3978);
    assert.equal(config.PARTNER_CENTER_BASE_URL, 'https://api.partnercenter.microsoft.com');
    assert.equal(config.DEFAULT_TERM, 'P1Y');
    assert.deepEqual(config.roleOverrides, {});
  });

  it('treats empty variables (a copied .env.example) as unset', () => {
    const config = loadConfig({ ...minimal, PARTNER_COUNTRY: '', MicrosoftAppType: ' ', PORT: '', BOT_ALLOWED_CALLERS: '' });
    assert.equal(config.PARTNER_COUNTRY, undefined);
    assert.equal(config.PORT, 3978);
    assert.equal(config.botIdentity?.type, 'SingleTenant');
    assert.deepEqual(config.botIdentity?.allowedCallers, []);
  });

  it('lists every problem, one line each, and never echoes a secret', () => {
    try {
      loadConfig({ AZURE_CLIENT_SECRET: 'super-secret-value', PORT: 'eighty', DEFAULT_TERM: 'P2Y' });
      assert.fail('expected a ConfigError');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      const text = error.message;
      assert.match(text, /PARTNER_TENANT_ID/);
      assert.match(text, /AZURE_CLIENT_ID/);
      assert.match(text, /PORT/);
      assert.match(text, /DEFAULT_TERM/);
      assert.doesNotMatch(text, /super-secret-value/);
      assert.ok(error.problems.length >= 4);
    }
  });

  it('gives GDAP access to AdminAgents unless GDAP_ACCESS_GROUP names another group (object id or name)', () => {
    assert.equal(loadConfig(minimal).GDAP_ACCESS_GROUP, 'AdminAgents');
    assert.equal(loadConfig({ ...minimal, GDAP_ACCESS_GROUP: '' }).GDAP_ACCESS_GROUP, 'AdminAgents');
    assert.equal(loadConfig({ ...minimal, GDAP_ACCESS_GROUP: ' GDAP Move Admins ' }).GDAP_ACCESS_GROUP, 'GDAP Move Admins');
    assert.throws(() => loadConfig({ ...minimal, GDAP_ACCESS_GROUP: 'x'.repeat(257) }), /GDAP_ACCESS_GROUP/);
  });

  it('takes MAIL_SENDER_MAILBOX as a mailbox address or object id, and refuses anything else with what it must be', () => {
    assert.equal(loadConfig(minimal).MAIL_SENDER_MAILBOX, undefined);
    assert.equal(loadConfig({ ...minimal, MAIL_SENDER_MAILBOX: ' moves@relecloud.com ' }).MAIL_SENDER_MAILBOX, 'moves@relecloud.com');
    assert.equal(loadConfig({ ...minimal, MAIL_SENDER_MAILBOX: '6e7b768e-07e2-4810-8459-485f84f8f204' }).MAIL_SENDER_MAILBOX, '6e7b768e-07e2-4810-8459-485f84f8f204');
    for (const bad of ['moves', 'Moves <moves@relecloud.com>', 'moves@relecloud.com/../x']) {
      assert.throws(() => loadConfig({ ...minimal, MAIL_SENDER_MAILBOX: bad }),
        /MAIL_SENDER_MAILBOX: use a mailbox address of the partner tenant \(like moves@contoso\.com\) or a user object id/, bad);
    }
  });

  it('requires a bot password with a bot app id, and a tenant for SingleTenant', () => {
    assert.throws(() => loadConfig({ ...service, MicrosoftAppId: botIdentity.MicrosoftAppId, MicrosoftAppType: 'SingleTenant' }), /MicrosoftAppPassword[\s\S]*MicrosoftAppTenantId/);
  });

  it('takes a certificate or a managed identity instead of a secret, and says what to set when nothing is', () => {
    const { AZURE_CLIENT_SECRET: _secret, ...noSecret } = minimal;
    assert.doesNotThrow(() => loadConfig({ ...noSecret, AZURE_USE_MANAGED_IDENTITY: 'true' }));
    assert.throws(() => loadConfig(noSecret), /AZURE_CLIENT_SECRET|AZURE_CLIENT_CERTIFICATE_PATH|AZURE_USE_MANAGED_IDENTITY/);
    assert.throws(() => loadConfig({ ...noSecret, AZURE_CLIENT_CERTIFICATE_PATH: '/nowhere/cert.pem' }), /cert\.pem/);
    assert.throws(() => loadConfig({ ...noSecret, AZURE_USE_MANAGED_IDENTITY: 'true', PARTNER_CENTER_REFRESH_TOKEN: 'r' }), /needs AZURE_CLIENT_SECRET/);
  });

  it('parses client-side rate limits', () => {
    assert.equal(loadConfig({ ...minimal, OUTBOUND_RATE_LIMITS: 'off' }).rateLimits, 'off');
    assert.deepEqual(loadConfig({ ...minimal, OUTBOUND_RATE_LIMITS: '{"partner":{"limit":100,"windowSeconds":60}}' }).rateLimits, { partner: { limit: 100, windowSeconds: 60 } });
    assert.throws(() => loadConfig({ ...minimal, OUTBOUND_RATE_LIMITS: '{"everything":{"limit":1,"windowSeconds":1}}' }), /OUTBOUND_RATE_LIMITS/);
  });

  it('parses role overrides and rejects bad ones', () => {
    const config = loadConfig({ ...minimal, ROLE_OVERRIDES: '{"user-1":["billing-agent"]}' });
    assert.deepEqual(config.roleOverrides, { 'user-1': ['billing-agent'] });
    assert.throws(() => loadConfig({ ...minimal, ROLE_OVERRIDES: '{"user-1":["owner"]}' }), /ROLE_OVERRIDES/);
    assert.throws(() => loadConfig({ ...minimal, ROLE_OVERRIDES: 'not json' }), /not valid JSON/);
  });

  it('loads Microsoft\'s SKU table from its download URL by default, or from a path or another http(s) URL', () => {
    const defaults = loadConfig(minimal);
    assert.equal(defaults.SKU_CATALOG_SOURCE, MICROSOFT_LICENSING_CSV_URL);
    assert.match(defaults.SKU_CATALOG_SOURCE, /^https:\/\/download\.microsoft\.com\/.*licensing\.csv$/);
    assert.equal(defaults.SKU_CATALOG_MAX_AGE_DAYS, 30);
    assert.equal(loadConfig({ ...minimal, SKU_CATALOG_SOURCE: '/srv/data/licensing.csv' }).SKU_CATALOG_SOURCE, '/srv/data/licensing.csv');
    // http only in local mode (the sandbox's table); production wants https or a file.
    assert.equal(loadConfig({ ...minimal, SKU_CATALOG_SOURCE: ' http://127.0.0.1:3979/_sandbox/sku-catalog.csv ' }, 'local').SKU_CATALOG_SOURCE, 'http://127.0.0.1:3979/_sandbox/sku-catalog.csv');
    assert.throws(() => loadConfig({ ...minimal, SKU_CATALOG_SOURCE: 'http://files.example.com/licensing.csv' }), /SKU_CATALOG_SOURCE: use an https URL or a file path/);
    assert.equal(loadConfig({ ...minimal, SKU_CATALOG_MAX_AGE_DAYS: '7' }).SKU_CATALOG_MAX_AGE_DAYS, 7);
    assert.throws(() => loadConfig({ ...minimal, SKU_CATALOG_SOURCE: 'ftp://files.example.com/licensing.csv' }), /SKU_CATALOG_SOURCE: .*http/);
    for (const bad of ['0', '366', '2.5', 'monthly']) {
      assert.throws(() => loadConfig({ ...minimal, SKU_CATALOG_MAX_AGE_DAYS: bad }), /SKU_CATALOG_MAX_AGE_DAYS/, bad);
    }
  });

  it('reads the approval policy, with its defaults', () => {
    const defaults = loadConfig(minimal);
    assert.deepEqual(defaults.approverRoles, ['account-admin', 'billing-agent']);
    assert.equal(defaults.FOUR_EYES, 'on');
    assert.equal(defaults.ACCOUNT_ADMIN_ABOVE_SEATS, 300);

    const custom = loadConfig({ ...minimal, APPROVER_ROLES: ' account-admin , admin-agent,account-admin ', FOUR_EYES: 'off', ACCOUNT_ADMIN_ABOVE_SEATS: '0' });
    assert.deepEqual(custom.approverRoles, ['account-admin', 'admin-agent']);
    assert.equal(custom.FOUR_EYES, 'off');
    assert.equal(custom.ACCOUNT_ADMIN_ABOVE_SEATS, 0);
  });

  it('refuses an invalid approval policy with one line each', () => {
    try {
      loadConfig({ ...minimal, APPROVER_ROLES: 'account-admin,owner' });
      assert.fail('expected a ConfigError');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.problems.length, 1);
      assert.match(error.problems[0], /^APPROVER_ROLES: unknown role "owner"; use a comma list of account-admin, admin-agent, sales-agent, billing-agent, helpdesk-agent$/);
    }
    assert.throws(() => loadConfig({ ...minimal, APPROVER_ROLES: ' , ' }), /APPROVER_ROLES: no role given/);
    assert.throws(() => loadConfig({ ...minimal, FOUR_EYES: 'yes' }), /FOUR_EYES/);
    for (const bad of ['-1', '1.5', 'many']) {
      assert.throws(() => loadConfig({ ...minimal, ACCOUNT_ADMIN_ABOVE_SEATS: bad }), /ACCOUNT_ADMIN_ABOVE_SEATS/, bad);
    }
  });
});
