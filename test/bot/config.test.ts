import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../bot/config';

const minimal = { PARTNER_TENANT_ID: 'tenant', AZURE_CLIENT_ID: 'client', AZURE_CLIENT_SECRET: 'secret' };

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

  it('parses role overrides and rejects bad ones', () => {
    const config = loadConfig({ ...minimal, ROLE_OVERRIDES: '{"user-1":["billing-agent"]}' });
    assert.deepEqual(config.roleOverrides, { 'user-1': ['billing-agent'] });
    assert.throws(() => loadConfig({ ...minimal, ROLE_OVERRIDES: '{"user-1":["owner"]}' }), /ROLE_OVERRIDES/);
    assert.throws(() => loadConfig({ ...minimal, ROLE_OVERRIDES: 'not json' }), /not valid JSON/);
  });
});
