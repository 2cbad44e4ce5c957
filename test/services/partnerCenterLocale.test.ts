/**
 * `X-Locale` on Partner Center calls: the partner's language (DEFAULT_LOCALE, given to createOutboundServices as
 * `locale`) with its region, as the sandbox received it on every Partner Center and Partner API (price sheet) call.
 */
import assert from 'node:assert/strict';
import { PARTNER_TENANT_ID, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, WOODGROVE_TENANT_ID } from '../../sandbox/world/constants';
import { createOutboundServices, sandboxEndpoints, type OutboundServices } from '../../services/outboundServices';
import { DEFAULT_PARTNER_CENTER_LOCALE, partnerCenterLocale } from '../../services/partnerCenter/partnerCenterLocale';
import { useSandboxServices } from './support/sandboxServices';

const ctx = { correlationId: '0c4a1e5e-2b3d-4f10-9a8b-0c1d2e3f4a5b' };

interface Recorded { area: string; method: string; route: string | null; headers: Record<string, string> }

describe('services: X-Locale on Partner Center calls', function () {
  this.timeout(30_000);

  describe('partnerCenterLocale', () => {
    it('gives the languages the bot speaks their region: ko → ko-KR, en → en-US', () => {
      assert.equal(partnerCenterLocale('ko'), 'ko-KR');
      assert.equal(partnerCenterLocale('en'), 'en-US');
      assert.equal(partnerCenterLocale(' KO '), 'ko-KR');
    });

    it('keeps a region that is given, in canonical case, and reads _ as -', () => {
      assert.equal(partnerCenterLocale('ko-kr'), 'ko-KR');
      assert.equal(partnerCenterLocale('ko_KR'), 'ko-KR');
      assert.equal(partnerCenterLocale('en-GB'), 'en-GB');
      assert.equal(partnerCenterLocale('EN-us'), 'en-US');
    });

    it('gives another bare language its likeliest region', () => {
      assert.equal(partnerCenterLocale('de'), 'de-DE');
      assert.equal(partnerCenterLocale('ja'), 'ja-JP');
    });

    it('refuses what is not a language tag, naming the setting', () => {
      for (const bad of ['', 'korean language', 'ko--KR', '12']) {
        assert.throws(() => partnerCenterLocale(bad), /is not a language tag like ko, en, ko-KR or en-US \(the partner's DEFAULT_LOCALE/, bad);
      }
      assert.equal(DEFAULT_PARTNER_CENTER_LOCALE, 'en-US');
    });
  });

  /** Two Partner Center reads and the price sheet (api.partner.microsoft.com), as the sandbox recorded them. */
  async function callsMadeBy(services: OutboundServices, sb: ReturnType<typeof useSandboxServices>): Promise<Recorded[]> {
    await sb.admin('DELETE', '/requests');
    await services.partnerCenter.getCustomer(WOODGROVE_TENANT_ID, ctx);
    await services.partnerCenter.partnerProfile(ctx);
    await services.priceSheet.priceBook('KR', ctx);
    const calls = ((await sb.admin('GET', '/requests')).requests as Recorded[]).filter((r) => r.area === 'partnerCenter');
    assert.deepEqual(calls.map((c) => `${c.method} ${c.route}`).filter((c) => !c.includes('/sales/')),
      ['GET /v1/customers/:customerId', 'GET /v1/profiles/legalbusiness']);
    assert.ok(calls.some((c) => c.route?.includes('/sales/')), 'the price sheet was read from the sandbox');
    return calls;
  }

  describe('with DEFAULT_LOCALE=ko', () => {
    let services: OutboundServices;
    const sb = useSandboxServices((_sandbox, built) => { services = built; }, { locale: 'ko', http: { sleep: async () => undefined } });

    it('every call carries X-Locale: ko-KR', async () => {
      for (const call of await callsMadeBy(services, sb)) assert.equal(call.headers['x-locale'], 'ko-KR', `${call.method} ${call.route}`);
    });

    it('a copy acting through other tokens (how a staff member\'s own calls are made) carries it too', async () => {
      const asUser = services.partnerCenter.withTokens(services.tokens);
      await sb.admin('DELETE', '/requests');
      await asUser.partnerProfile(ctx);
      const calls = ((await sb.admin('GET', '/requests')).requests as Recorded[]).filter((r) => r.area === 'partnerCenter');
      assert.deepEqual(calls.map((c) => [c.route, c.headers['x-locale']]), [['/v1/profiles/legalbusiness', 'ko-KR']]);
    });
  });

  describe('without a DEFAULT_LOCALE', () => {
    let services: OutboundServices;
    const sb = useSandboxServices((_sandbox, built) => { services = built; }, { http: { sleep: async () => undefined } });

    it('every call carries Partner Center\'s default, X-Locale: en-US', async () => {
      for (const call of await callsMadeBy(services, sb)) assert.equal(call.headers['x-locale'], 'en-US', `${call.method} ${call.route}`);
    });
  });

  it('a DEFAULT_LOCALE that is no language stops the services from being built, with the reason', () => {
    assert.throws(() => createOutboundServices({
      endpoints: sandboxEndpoints('http://127.0.0.1:9'), partnerTenantId: PARTNER_TENANT_ID, clientId: SANDBOX_CLIENT_ID,
      clientSecret: SANDBOX_CLIENT_SECRET, locale: 'not a locale',
    }), /"not a locale" is not a language tag/);
  });
});
