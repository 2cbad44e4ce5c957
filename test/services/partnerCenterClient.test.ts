import assert from 'node:assert/strict';
import { OutboundHttp } from '../../services/http/outboundHttp';
import type { TokenMode, TokenProvider, TokenResource } from '../../services/identity/tokenProvider';
import { PartnerCenterClient } from '../../services/partnerCenter/partnerCenterClient';
import { CheckoutPartlyFailedError, PartnerCenterError } from '../../services/partnerCenter/partnerCenterError';
import { recordingSleep, startLocalServer, type Handler, type LocalServer } from './support/localServer';

const PARTNER_TENANT = 'partner.onmicrosoft.com';
const ctx = { correlationId: '11111111-2222-4333-8444-555555555555' };

class RecordingTokens implements TokenProvider {
  asked: string[] = [];
  async getToken(resource: TokenResource, tenantId: string, mode: TokenMode): Promise<string> {
    this.asked.push(`${resource}|${tenantId}|${mode}`);
    return mode === 'app' ? 'app-token' : 'user-token';
  }
}

describe('services/partnerCenter PartnerCenterClient (against a scripted server)', () => {
  let server: LocalServer | undefined;
  let tokens: RecordingTokens;
  let ids: number;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function clientFor(handler: Handler): Promise<PartnerCenterClient> {
    server = await startLocalServer(handler);
    tokens = new RecordingTokens();
    ids = 0;
    return new PartnerCenterClient({
      baseUrl: `${server.url}/`,
      partnerTenantId: PARTNER_TENANT,
      tokens,
      http: new OutboundHttp({ sleep: recordingSleep().sleep }),
      newRequestId: () => `generated-${++ids}`,
      customerPageSize: 2,
    });
  }

  it('sends the standard headers with an app-only token and maps the legal business profile', async () => {
    const pc = await clientFor(() => ({ status: 200, body: { companyName: 'Relecloud', address: { country: 'us', city: 'Redmond' } } }));
    assert.deepEqual(await pc.partnerProfile(ctx), { companyName: 'Relecloud', country: 'US' });
    const [request] = server!.received;
    assert.ok(request);
    assert.equal(request.url, '/v1/profiles/legalbusiness');
    assert.equal(request.headers.authorization, 'Bearer app-token');
    assert.equal(request.headers.accept, 'application/json');
    assert.equal(request.headers['ms-requestid'], 'generated-1');
    assert.equal(request.headers['ms-correlationid'], ctx.correlationId);
    assert.equal(request.headers['x-locale'], 'en-US');
    assert.deepEqual(tokens.asked, [`partner-center|${PARTNER_TENANT}|app`]);
  });

  it('uses ctx.requestId as MS-RequestId when given', async () => {
    const pc = await clientFor(() => ({ status: 200, body: { companyName: 'R', address: { country: 'US' } } }));
    await pc.partnerProfile({ ...ctx, requestId: 'given-id' });
    assert.equal(server!.received[0]?.headers['ms-requestid'], 'given-id');
  });

  it('returns null for a tenant that is not a customer (404, or 403 with code 20002)', async () => {
    const pc = await clientFor((_req, i) => (i === 0
      ? { status: 404, body: { code: 600008, description: 'Customer not found', source: 'PartnerFD' } }
      : { status: 403, body: { code: 20002, description: 'The partner ID has no commerce relationship with the customer ID.' } }));
    assert.equal(await pc.getCustomer('aaaa', ctx), null);
    assert.equal(await pc.getCustomer('bbbb', ctx), null);
  });

  it('maps a customer with its country', async () => {
    const pc = await clientFor(() => ({
      status: 200,
      body: {
        id: 'c1', companyProfile: { tenantId: 'c1', domain: 'contoso.com', companyName: 'Contoso', address: { country: 'US' } },
        relationshipToPartner: 'reseller',
      },
    }));
    assert.deepEqual(await pc.getCustomer('c1', ctx), {
      id: 'c1', tenantId: 'c1', domain: 'contoso.com', companyName: 'Contoso', relationshipToPartner: 'reseller', country: 'US',
    });
  });

  it('turns other failures into a PartnerCenterError with ids and the fix', async () => {
    const pc = await clientFor(() => ({ status: 401, body: { code: '', description: 'Unauthorized' } }));
    await assert.rejects(pc.getCustomer('c1', { ...ctx, requestId: 'req-9' }), (error: unknown) => {
      assert.ok(error instanceof PartnerCenterError);
      assert.equal(error.httpStatus, 401);
      assert.equal(error.requestId, 'req-9');
      assert.equal(error.correlationId, ctx.correlationId);
      assert.match(error.message, /^Partner Center: read the customer failed \(HTTP 401\)/);
      assert.match(error.fix, /refused the token/);
      assert.doesNotMatch(error.message, /app-token/);
      return true;
    });
  });

  it('pages customers through links.next, copying the continuation header, each customer once', async () => {
    const page = (ids: string[], next?: { uri: string; token: string }) => ({
      totalCount: 5,
      items: ids.map((id) => ({ id, companyProfile: { tenantId: id, domain: `${id}.com`, companyName: id }, relationshipToPartner: 'reseller' })),
      links: next ? { next: { uri: next.uri, method: 'GET', headers: [{ key: 'MS-ContinuationToken', value: next.token }] } } : {},
      attributes: { objectType: 'Collection' },
    });
    const pc = await clientFor((req) => {
      const token = req.headers['ms-continuationtoken'];
      if (token === undefined) return { status: 200, body: page(['a', 'b'], { uri: '/v1/customers?size=2&seekOperation=Next', token: 'tok+1=' }) };
      if (token === 'tok+1=') return { status: 200, body: page(['c', 'd'], { uri: '/customers?size=2&seekOperation=Next', token: 'tok2' }) };
      return { status: 200, body: page(['e']) };
    });
    const seen: string[] = [];
    for await (const customer of pc.listCustomers(ctx)) seen.push(customer.id);
    assert.deepEqual(seen, ['a', 'b', 'c', 'd', 'e']);
    assert.deepEqual(server!.received.map((r) => r.url), [
      '/v1/customers?size=2', '/v1/customers?size=2&seekOperation=Next', '/v1/customers?size=2&seekOperation=Next',
    ]);
    // every page is its own call with its own MS-RequestId
    assert.equal(new Set(server!.received.map((r) => r.headers['ms-requestid'])).size, 3);
  });

  it('stops a paging loop that keeps returning the same next link', async () => {
    const pc = await clientFor(() => ({
      status: 200, body: { items: [{ id: 'x' }], links: { next: { uri: '/v1/customers?size=2', headers: [] } } },
    }));
    await assert.rejects(async () => { for await (const _ of pc.listCustomers(ctx)) { /* drain */ } }, /same next page/);
  });

  it('asks for an App+User token for the reseller invitation link', async () => {
    const pc = await clientFor(() => ({ status: 200, body: { url: 'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=p#/BillingAccounts/partner-invitation' } }));
    assert.match(await pc.resellerInvitationLink(ctx), /invType=ResellerRelationship/);
    assert.equal(server!.received[0]?.url, '/v1/customers/relationshiprequests');
    assert.equal(server!.received[0]?.headers.authorization, 'Bearer user-token');
    assert.deepEqual(tokens.asked, [`partner-center|${PARTNER_TENANT}|app+user`]);
  });

  it('builds catalog offers from products and SKUs with provisioningId', async () => {
    const pc = await clientFor((req) => {
      if (req.url.startsWith('/v1/products?')) {
        return { status: 200, body: { items: [{ id: 'CFQ7TTC0LFLX', title: 'Microsoft 365 E3' }, { id: 'GONE', title: 'Gone' }] } };
      }
      if (req.url.startsWith('/v1/products/CFQ7TTC0LFLX/skus?')) {
        return { status: 200, body: { items: [{ id: '0001', productId: 'CFQ7TTC0LFLX', title: 'Microsoft 365 E3', minimumQuantity: 1, maximumQuantity: 300, isTrial: false, dynamicAttributes: { provisioningId: '05E9A617-0261-4CEE-BB44-138D3EF5D965' } }] } };
      }
      return { status: 404, body: { code: 400013, description: 'The parent product was not found' } };
    });
    const offers = await pc.catalogOffers('us', ctx);
    assert.deepEqual(offers, [{
      productId: 'CFQ7TTC0LFLX', skuId: '0001', title: 'Microsoft 365 E3', provisioningId: '05e9a617-0261-4cee-bb44-138d3ef5d965',
      minimumQuantity: 1, maximumQuantity: 300, isTrial: false,
    }]);
    assert.equal(server!.received[0]?.url, '/v1/products?country=US&targetView=OnlineServices&targetSegment=commercial');
    assert.ok(server!.received.some((r) => r.url === '/v1/products/CFQ7TTC0LFLX/skus?country=US&targetSegment=commercial'));
  });

  it('finds the purchasable availability for a term and billing cycle', async () => {
    const pc = await clientFor(() => ({
      status: 200,
      body: { items: [
        { id: 'A1', catalogItemId: 'P:0001:A1', isPurchasable: false, terms: [{ duration: 'P1Y', billingCycle: 'monthly' }] },
        { id: 'A2', catalogItemId: 'P:0001:A2', isPurchasable: true, terms: [{ duration: 'P1M', billingCycle: 'monthly' }] },
        { id: 'A3', catalogItemId: 'P:0001:A3', isPurchasable: true, terms: [{ duration: 'P1Y', billingCycle: 'annual' }, { duration: 'P1Y', billingCycle: 'monthly' }] },
      ] },
    }));
    assert.equal(await pc.findCatalogItemId('P', '0001', 'US', 'P1Y', 'monthly', ctx), 'P:0001:A3');
    assert.equal(await pc.findCatalogItemId('P', '0001', 'US', 'P3Y', 'triennial', ctx), null);
    assert.equal(server!.received[0]?.url, '/v1/products/P/skus/0001/availabilities?country=US&targetSegment=commercial');
  });

  it('creates a cart with the documented line items and ctx.requestId, retrying with the same id', async () => {
    const pc = await clientFor((_req, i) => (i === 0 ? { status: 503 } : { status: 201, body: { id: 'cart-1', lineItems: [{ id: 0, catalogItemId: 'P:0001:A3' }] } }));
    const result = await pc.createCart('cust-1', [{ catalogItemId: 'P:0001:A3', quantity: 25, termDuration: 'P1Y', billingCycle: 'monthly' }],
      { ...ctx, requestId: 'cart-key' });
    assert.deepEqual(result, { cartId: 'cart-1' });
    assert.equal(server!.received.length, 2);
    for (const request of server!.received) {
      assert.equal(request.method, 'POST');
      assert.equal(request.url, '/v1/customers/cust-1/carts');
      assert.equal(request.headers['ms-requestid'], 'cart-key');
      assert.equal(request.headers['content-type'], 'application/json');
      assert.deepEqual(JSON.parse(request.body), {
        lineItems: [{ id: 0, catalogItemId: 'P:0001:A3', quantity: 25, billingCycle: 'monthly', termDuration: 'P1Y' }],
      });
    }
  });

  it('reports a rejected cart line with its code and fix', async () => {
    const pc = await clientFor(() => ({
      status: 201, body: { id: 'cart-2', lineItems: [{ id: 0, catalogItemId: 'X', error: { errorCode: 2002, errorDescription: 'Quantity not allowed' } }] },
    }));
    await assert.rejects(pc.createCart('c', [{ catalogItemId: 'X', quantity: 9999, termDuration: 'P1M', billingCycle: 'monthly' }], ctx),
      (error: unknown) => error instanceof PartnerCenterError && error.code === '2002' && /minimum and maximum/.test(error.fix));
  });

  it('checks out with retries on the same MS-RequestId and maps the orders', async () => {
    const pc = await clientFor((_req, i) => (i === 0 ? { status: 504 } : {
      status: 201,
      body: { orders: [{ id: 'order-1', status: 'pending', lineItems: [{ lineItemNumber: 0, offerId: 'P:0001:A3', subscriptionId: 'sub-1', quantity: 25, friendlyName: 'E3' }] }] },
    }));
    const orders = await pc.checkoutCart('cust-1', 'cart-1', { ...ctx, requestId: 'checkout-key' });
    assert.deepEqual(orders, [{ id: 'order-1', status: 'pending', lineItems: [{ offerId: 'P:0001:A3', subscriptionId: 'sub-1', quantity: 25, friendlyName: 'E3' }] }]);
    assert.deepEqual(server!.received.map((r) => [r.url, r.headers['ms-requestid']]), [
      ['/v1/customers/cust-1/carts/cart-1/checkout', 'checkout-key'],
      ['/v1/customers/cust-1/carts/cart-1/checkout', 'checkout-key'],
    ]);
  });

  it('fails a checkout with order errors, keeping the orders that were placed', async () => {
    const pc = await clientFor(() => ({
      status: 201,
      body: { orders: [{ id: 'o1', lineItems: [] }], orderErrors: [{ orderGroupId: '1', code: 13605, description: 'MCA not accepted' }] },
    }));
    await assert.rejects(pc.checkoutCart('c', 'cart', ctx), (error: unknown) => {
      assert.ok(error instanceof CheckoutPartlyFailedError);
      assert.deepEqual(error.placedOrderIds, ['o1']);
      assert.equal(error.code, '13605');
      assert.match(error.fix, /Microsoft Customer Agreement/);
      return true;
    });
  });

  it('maps known error codes to a fix sentence', async () => {
    const cases: Array<[number, number, RegExp]> = [
      [403, 2030, /not onboarded/], [400, 800004, /offer id is not valid/], [400, 800070, /not sold in the customer's country/],
      [409, 800060, /order is already in progress/], [400, 900117, /cancellation window has passed/],
      [403, 900124, /Microsoft Partner Agreement/], [403, 13605, /Microsoft Customer Agreement/],
    ];
    for (const [status, code, fix] of cases) {
      const pc = await clientFor(() => ({ status, body: { code, description: `error ${code}`, data: [], source: 'PartnerFD' } }));
      await assert.rejects(pc.listOrders('c', ctx), (error: unknown) =>
        error instanceof PartnerCenterError && error.code === String(code) && fix.test(error.fix) && error.message.includes(`error ${code}`));
      await server!.close();
      server = undefined;
    }
  });

  it('maps a subscription for the domain', async () => {
    const pc = await clientFor(() => ({
      status: 200,
      body: { id: 'sub-1', offerId: 'CFQ7TTC0LFLX:0001', offerName: 'Microsoft 365 E3', friendlyName: 'E3 for Contoso', quantity: 25, status: 'active', cancellationAllowedUntilDate: '2026-03-08T00:00:00Z' },
    }));
    assert.deepEqual(await pc.getSubscription('cust-1', 'sub-1', ctx), {
      subscriptionId: 'sub-1', offerId: 'CFQ7TTC0LFLX:0001', title: 'Microsoft 365 E3', quantity: 25, status: 'active',
      cancellationAllowedUntil: '2026-03-08T00:00:00Z',
    });
    assert.equal(server!.received[0]?.url, '/v1/customers/cust-1/subscriptions/sub-1');
  });

  it('encodes ids so they cannot add path segments', async () => {
    const pc = await clientFor(() => ({ status: 404, body: { code: 600008, description: 'not found' } }));
    assert.equal(await pc.getCustomer('../profiles/legalbusiness', ctx), null);
    assert.equal(server!.received[0]?.url, '/v1/customers/..%2Fprofiles%2Flegalbusiness');
  });
});
