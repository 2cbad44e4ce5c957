/** DEFAULT_LOCALE: the language of channel posts and of people whose Teams language the bot does not speak. */
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../bot/config';

const minimal = {
  PARTNER_TENANT_ID: '7d6f3e2a-1b2c-4d5e-8f90-0a1b2c3d4e5f', AZURE_CLIENT_ID: '11111111-2222-4333-8444-555555555555', AZURE_CLIENT_SECRET: 'secret',
  MicrosoftAppId: '22222222-3333-4444-8555-666666666666', MicrosoftAppPassword: 'bot-secret', MicrosoftAppTenantId: '7d6f3e2a-1b2c-4d5e-8f90-0a1b2c3d4e5f',
};

describe('DEFAULT_LOCALE', () => {
  it('is English unless set', () => {
    assert.equal(loadConfig(minimal).DEFAULT_LOCALE, 'en');
    assert.equal(loadConfig({ ...minimal, DEFAULT_LOCALE: '' }).DEFAULT_LOCALE, 'en', 'empty counts as not set');
  });

  it('takes a language the bot speaks, or a tag in one', () => {
    assert.equal(loadConfig({ ...minimal, DEFAULT_LOCALE: 'ko' }).DEFAULT_LOCALE, 'ko');
    assert.equal(loadConfig({ ...minimal, DEFAULT_LOCALE: ' ko-KR ' }).DEFAULT_LOCALE, 'ko');
    assert.equal(loadConfig({ ...minimal, DEFAULT_LOCALE: 'EN-gb' }).DEFAULT_LOCALE, 'en');
  });

  it('refuses any other value with one line saying what to use', () => {
    for (const bad of ['fr', 'korean', 'x', 'ko;en']) {
      try {
        loadConfig({ ...minimal, DEFAULT_LOCALE: bad });
        assert.fail(`expected a ConfigError for ${bad}`);
      } catch (error) {
        assert.ok(error instanceof ConfigError, bad);
        assert.deepEqual(error.problems, [`DEFAULT_LOCALE: "${bad}" is not a language the bot speaks; use en (English, the default) or ko (Korean); a tag like ko-KR counts as its language`]);
      }
    }
  });
});
