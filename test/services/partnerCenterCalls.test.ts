/**
 * The Partner Center calls added for the whole move (beyond the original port), against a scripted
 * server: query strings, headers, token modes, mapping, idempotency and the 401 refresh.
 */
import assert from 'node:assert/strict';
import { OutboundHttp } from '../../services/http/outboundHttp';
import type { TokenMode, TokenProvider, TokenResource } from '../../services/identity/tokenProvider';
import { PartnerCenterClient } from '../../services/partnerCenter/partnerCenterClient';
import { PartnerCenterError } from '../../services/partnerCenter/partnerCenterError';
import { recordingSleep, startLocalServer, type Handler, type LocalServer } from './support/localServer';

const PARTNER = 'partner-tenant-id';
const CUSTOMER = 'c0ffee00-0000-4000-8000-000000000001';
const ctx = { correlationId: '11111111-2222-4333-8444-555555555555' };
const collection = (items: unknown[]) => ({ totalCount: items.length, items, links: {}, attributes: { objectType: 'Collection' } });

class CountingTokens implements TokenProvider {
  asked: string[] = [];
  dropped: string[] = [];
  private generation = 1;
  async getToken(resource: TokenResource, tenantId: string, mode: TokenMode): Promise<string> {
    this.asked.push(`${resource}|${tenantId}|${mode}`);
    return `${mode}-token-${this.generation}`;
  }
  invalidate(_resource: TokenResource, _tenantId: string, mode: TokenMode, token: string): void {
    this.dropped.push(`${mode}:${token}`);
    this.generation += 1;
  }
}

describe('services/partnerCenter the calls of a whole move (against a scripted server)', () => {
  let server: LocalServer | undefined;
  let tokens: CountingTokens;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function clientFor(handler: Handler, options: { locale?: string; timeoutMs?: number } = {}): Promise<PartnerCenterClient> {
    server = await startLocalServer(handler);
    tokens = new CountingTokens();
    let ids = 0;
    return new PartnerCenterClient({
      baseUrl: server.url, partnerTenantId: PARTNER, tokens, locale: options.locale, customerPageSize: 50,
      http: new OutboundHttp({ sleep: recordingSleep().sleep, timeoutMs: options.timeoutMs }),
      newRequestId: () => `generated-${++ids}`,
      now: () => Date.parse('2026-11-24T10:00:00Z'),
    });
  }

  it('asks for the invitation link with the indirect-reseller parameters, as App+User', async () => {
    const pc = await clientFor(() => ({ status: 200, body: { url: 'https://admin.microsoft.com/x', attributes: { objectType: 'RelationshipRequest' } } }));
    await pc.resellerInvitationLink(ctx, {
      indirectResellerId: 'a1b2c3d4-0000-4000-8000-000000000001', indirectCloudSolutionProviderId: 'a1b2c3d4-0000-4000-8000-000000000002',
      dualRoleIndirectRelationship: false,
    });
    assert.equal(server!.received[0]?.url, '/v1/customers/relationshiprequests?indirectResellerId=a1b2c3d4-0000-4000-8000-000000000001'
      + '&indirectCloudSolutionProviderId=a1b2c3d4-0000-4000-8000-000000000002&dualRoleIndirectRelationship=false');
    assert.deepEqual(tokens.asked, [`partner-center|${PARTNER}|app+user`]);
    await assert.rejects(pc.resellerInvitationLink(ctx, { indirectResellerId: 'x&y=1' }), /must be a tenant id/);
  });

  it('searches customers with the documented filter (starts_with) and picks the exact domain', async () => {
    const pc = await clientFor(() => ({
      status: 200,
      body: collection(['contoso.com', 'contoso.com.au'].map((domain, i) => ({
        id: `c${i}`, companyProfile: { tenantId: `c${i}`, domain, companyName: 'Contoso' }, relationshipToPartner: 'reseller',
      }))),
    }), { locale: 'de-DE' });
    const found = await pc.findCustomerByDomain('Contoso.com', ctx);
    assert.equal(found?.id, 'c0');
    const url = new URL(server!.received[0]?.url ?? '', 'http://x');
    assert.equal(url.searchParams.get('size'), '50');
    assert.deepEqual(JSON.parse(url.searchParams.get('filter') ?? ''), { Field: 'Domain', Value: 'contoso.com', Operator: 'starts_with' });
    assert.equal(server!.received[0]?.headers['x-locale'], 'de-DE');
    await assert.rejects(pc.findCustomers('Email' as never, 'x', ctx), /unknown customer search field/);
  });

  it('reads the organization profile as App+User', async () => {
    const pc = await clientFor(() => ({
      status: 200, body: { id: 'p', companyName: 'Relecloud', tenantId: PARTNER, domain: 'relecloud.onmicrosoft.com', defaultAddress: { country: 'us' }, culture: 'en-US', language: 'en' },
    }));
    assert.deepEqual(await pc.organizationProfile(ctx), {
      tenantId: PARTNER, companyName: 'Relecloud', domain: 'relecloud.onmicrosoft.com', country: 'US', culture: 'en-US', language: 'en',
    });
    assert.deepEqual(tokens.asked, [`partner-center|${PARTNER}|app+user`]);
  });

  it('checks the MCA and attests it once: template from the metadata, MS-RequestId from the step', async () => {
    let attested: unknown;
    const pc = await clientFor((req) => {
      if (req.method === 'GET' && req.url.startsWith(`/v1/customers/${CUSTOMER}/agreements`)) {
        return { status: 200, body: collection(attested ? [attested] : []) };
      }
      if (req.method === 'GET' && req.url.startsWith('/v1/agreements')) {
        return { status: 200, body: collection([{ templateId: 'tmpl-old', agreementType: 'MicrosoftCustomerAgreement', versionRank: 1 },
          { templateId: 'tmpl-current', agreementType: 'MicrosoftCustomerAgreement', versionRank: 0 }]) };
      }
      if (req.method === 'POST') {
        attested = { ...JSON.parse(req.body), attributes: { objectType: 'Agreement' } };
        return { status: 201, body: attested };
      }
      return { status: 404 };
    });
    assert.deepEqual(await pc.customerAgreementStatus(CUSTOMER, ctx), { accepted: false, latest: null });
    const contact = { firstName: 'Tania', lastName: 'Carr', email: 'tania@contoso.com' };
    const record = await pc.attestCustomerAgreement(CUSTOMER, contact, { ...ctx, requestId: 'attest-step-1' });
    assert.deepEqual(record, { type: 'MicrosoftCustomerAgreement', templateId: 'tmpl-current', dateAgreed: '2026-11-24T10:00:00.000Z', contactEmail: 'tania@contoso.com' });
    const post = server!.received.find((r) => r.method === 'POST');
    assert.equal(post?.headers['ms-requestid'], 'attest-step-1');
    assert.deepEqual(Object.keys(JSON.parse(post?.body ?? '{}')).sort(), ['dateAgreed', 'primaryContact', 'templateId', 'type']);
    assert.equal(server!.received[0]?.url, `/v1/customers/${CUSTOMER}/agreements?agreementType=MicrosoftCustomerAgreement`);

    // A repeat of the step finds the record and posts nothing.
    const posts = server!.received.filter((r) => r.method === 'POST').length;
    await pc.attestCustomerAgreement(CUSTOMER, contact, { ...ctx, requestId: 'attest-step-1' });
    assert.equal(server!.received.filter((r) => r.method === 'POST').length, posts);
    assert.equal((await pc.customerAgreementStatus(CUSTOMER, ctx)).accepted, true);
    assert.ok(tokens.asked.filter((a) => a.endsWith('app+user')).length >= 3);
    await assert.rejects(pc.attestCustomerAgreement('other', { ...contact, email: 'not-an-email' }, ctx), /not an email address/);
  });

  it('reads provisioning status (App+User), an order, and the subscriptions of an order', async () => {
    const pc = await clientFor((req) => {
      if (req.url.endsWith('/provisioningstatus')) {
        return { status: 200, body: { skuId: '6FD2C87F-B296-42F0-B197-1E91E994B900', status: 'Success', quantity: 5, endDate: '2027-05-10T00:00:00Z' } };
      }
      if (req.url.includes('/orders/')) return { status: 200, body: { id: 'o1', status: 'completed', lineItems: [{ offerId: 'X:0001:Y', subscriptionId: 's1', quantity: 5 }] } };
      return { status: 200, body: collection([{ id: 's1', offerId: 'X:0001:Y', quantity: 5, status: 'active' }]) };
    });
    assert.deepEqual(await pc.provisioningStatus(CUSTOMER, 's1', ctx), {
      skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900', status: 'success', quantity: 5, endDate: '2027-05-10T00:00:00Z',
    });
    assert.deepEqual(tokens.asked, [`partner-center|${PARTNER}|app+user`]);
    assert.equal((await pc.getOrder(CUSTOMER, 'o1', ctx)).lineItems[0]?.subscriptionId, 's1');
    const subscriptions = await pc.listSubscriptions(CUSTOMER, ctx, { orderId: 'o1' });
    assert.deepEqual(subscriptions.map((s) => [s.subscriptionId, s.status]), [['s1', 'active']]);
    assert.equal(server!.received[2]?.url, `/v1/customers/${CUSTOMER}/subscriptions?order_id=o1`);
  });

  it('refreshes a refused token once and repeats the call with the same MS-RequestId — also a POST', async () => {
    const pc = await clientFor((req) => (req.headers.authorization === 'Bearer app-token-1'
      ? { status: 401, body: { code: 401, description: 'Authorization failed: Lifetime validation failed, the token is expired.' } }
      : { status: 201, body: { id: 'cart-1', lineItems: [] } }));
    const cart = await pc.createCart(CUSTOMER, [{ catalogItemId: 'X:0001:Y', quantity: 1, termDuration: 'P1M', billingCycle: 'monthly' }], { ...ctx, requestId: 'cart-step' });
    assert.equal(cart.cartId, 'cart-1');
    assert.deepEqual(tokens.dropped, ['app:app-token-1']);
    assert.deepEqual(server!.received.map((r) => [r.headers.authorization, r.headers['ms-requestid']]), [
      ['Bearer app-token-1', 'cart-step'], ['Bearer app-token-2', 'cart-step'],
    ]);
  });

  it('gives up after the one refresh and says what to check', async () => {
    const pc = await clientFor(() => ({ status: 401, body: { code: 401, description: 'Authorization failed' } }));
    await assert.rejects(pc.partnerProfile(ctx), (error: unknown) => {
      assert.ok(error instanceof PartnerCenterError);
      assert.equal(error.reason, 'token-refused');
      assert.match(error.fix, /even after getting a new one/);
      return true;
    });
    assert.equal(server!.received.length, 2);
    assert.equal(tokens.dropped.length, 1);
  });

  it('throttles per partner, and per partner + customer on customer routes', async () => {
    const pc = await clientFor(() => ({ status: 200 }));
    const transport = pc.partnerCenterTransport;
    assert.deepEqual(transport.throttleFor(`${server!.url}/v1/products?country=US`), [{ scope: 'partner', key: PARTNER }]);
    assert.deepEqual(transport.throttleFor(`${server!.url}/v1/customers/${CUSTOMER}/carts`), [
      { scope: 'partner', key: PARTNER }, { scope: 'partner-customer', key: `${PARTNER}|${CUSTOMER}` },
    ]);
    assert.deepEqual(transport.throttleFor(`${server!.url}/v1/customers/relationshiprequests`), [{ scope: 'partner', key: PARTNER }]);
  });

  it('names the reason and the fix of checkout order errors (13605: no MCA)', async () => {
    const pc = await clientFor(() => ({
      status: 201,
      body: { orders: [], orderErrors: [{ orderGroupId: '0', code: 13605, description: 'Either a partner confirmation of the customer acceptance of the Microsoft Customer Agreement must be provided...' }] },
    }));
    await assert.rejects(pc.checkoutCart(CUSTOMER, 'cart-1', ctx), (error: unknown) => {
      assert.ok(error instanceof PartnerCenterError);
      assert.equal(error.reason, 'customer-agreement-missing');
      assert.match(error.fix, /Microsoft Customer Agreement/);
      return true;
    });
  });

  it('repeats a checkout that timed out with the same MS-RequestId, and the repeat returns the first order', async () => {
    const checkouts: string[] = [];
    const pc = await clientFor((req) => {
      checkouts.push(String(req.headers['ms-requestid']));
      // The first checkout is done but its answer never arrives.
      if (checkouts.length === 1) return { status: 201, hang: true };
      return { status: 201, body: { orders: [{ id: 'order-1', status: 'pending', lineItems: [{ offerId: 'X:0001:Y', subscriptionId: 's1', quantity: 3 }] }] } };
    }, { timeoutMs: 100 });
    const orders = await pc.checkoutCart(CUSTOMER, 'cart-1', { ...ctx, requestId: 'checkout-step' });
    assert.deepEqual(orders.map((o) => o.id), ['order-1']);
    assert.deepEqual(checkouts, ['checkout-step', 'checkout-step']);
  });
});
