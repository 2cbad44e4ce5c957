import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../bot/config';

const minimal = { PARTNER_TENANT_ID: '7d6f3e2a-1b2c-4d5e-8f90-0a1b2c3d4e5f', AZURE_CLIENT_ID: '11111111-2222-4333-8444-555555555555', AZURE_CLIENT_SECRET: 'secret' };

describe('configuration', () => {
  it('fills defaults', () => {
    const config = loadConfig(minimal);
    assert.equal(config.PORT, 3978);
    assert.equal(config.PARTNER_CENTER_BASE_URL, 'https://api.partnercenter.microsoft.com');
    assert.equal(config.DEFAULT_TERM, 'P1Y');
    assert.deepEqual(config.roleOverrides, {});
  });

  it('treats empty variables (a copied .env.example) as unset', () => {
    const config = loadConfig({ ...minimal, PARTNER_COUNTRY: '', MicrosoftAppId: '', PORT: '' });
    assert.equal(config.PARTNER_COUNTRY, undefined);
    assert.equal(config.PORT, 3978);
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

  it('requires a bot password with a bot app id, and a tenant for SingleTenant', () => {
    assert.throws(() => loadConfig({ ...minimal, MicrosoftAppId: 'app', MicrosoftAppType: 'SingleTenant' }), /MicrosoftAppPassword[\s\S]*MicrosoftAppTenantId/);
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
});
