import assert from 'node:assert/strict';
import type { SandboxHandle } from '../../sandbox/server';
import {
  CONTOSO_TENANT_ID, FILLER_CUSTOMER_COUNT, PARTNER_TENANT_ID, WOODGROVE_TENANT_ID,
} from '../../sandbox/world/constants';
import { advanceClock, call, getToken, usePartnerCenterSandbox } from './helpers';

const BUSINESS_PREMIUM_SKU_ID = 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46';

describe('sandbox Partner Center (/v1)', () => {
  let sandbox: SandboxHandle;
  let appToken: string;
  let userToken: string;

  usePartnerCenterSandbox((started, tokens) => { sandbox = started; ({ appToken, userToken } = tokens); });

  it('returns the legal business profile of Relecloud (US) and echoes request ids', async () => {
    const { status, body, headers } = await call(sandbox, '/v1/profiles/legalbusiness', {
      token: appToken, headers: { 'MS-RequestId': 'req-1', 'MS-CorrelationId': 'corr-1' },
    });
    assert.equal(status, 200);
    assert.equal(body.companyName, 'Relecloud');
    assert.equal(body.address.country, 'US');
    assert.ok(body.primaryContact.email);
    assert.equal(headers.get('ms-requestid'), 'req-1');
    assert.equal(headers.get('ms-correlationid'), 'corr-1');
  });

  describe('relationship requests', () => {
    it('refuses an app-only token (App+User only)', async () => {
      const { status, body } = await call(sandbox, '/v1/customers/relationshiprequests', { token: appToken });
      assert.equal(status, 403);
      assert.equal(body.source, 'PartnerFD');
      assert.match(body.description, /App\+User/);
    });

    it('gives the reseller invitation link to an App+User token, reflecting optional parameters', async () => {
      const { status, body } = await call(sandbox, '/v1/customers/relationshiprequests', { token: userToken });
      assert.equal(status, 200);
      assert.equal(body.url, `https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=${PARTNER_TENANT_ID}&msppId=0&DAP=false#/BillingAccounts/partner-invitation`);
      assert.deepEqual(body.attributes, { objectType: 'RelationshipRequest' });
      const withOptions = await call(sandbox, '/v1/customers/relationshiprequests?dualRoleIndirectRelationship=false', { token: userToken });
      assert.match(withOptions.body.url, /dualRoleIndirectRelationship=false/);
    });
  });

  describe('customers', () => {
    it('pages with links.next and MS-ContinuationToken, every reseller customer exactly once', async () => {
      const seen: string[] = [];
      let page = await call(sandbox, '/v1/customers?size=40', { token: appToken });
      let pages = 0;
      for (;;) {
        assert.equal(page.status, 200);
        assert.equal(page.body.attributes.objectType, 'Collection');
        pages += 1;
        for (const customer of page.body.items) {
          assert.equal(customer.relationshipToPartner, 'reseller');
          assert.equal(customer.id, customer.companyProfile.tenantId);
          seen.push(customer.id);
        }
        const next = page.body.links.next;
        if (!next) break;
        assert.equal(next.method, 'GET');
        assert.match(next.uri, /seekOperation=Next/);
        const headers = Object.fromEntries(next.headers.map((h: { key: string; value: string }) => [h.key, h.value]));
        assert.ok(headers['MS-ContinuationToken']);
        page = await call(sandbox, next.uri, { token: appToken, headers });
      }
      assert.ok(pages >= 3, `expected several pages, got ${pages}`);
      assert.equal(seen.length, FILLER_CUSTOMER_COUNT + 1);
      assert.equal(new Set(seen).size, seen.length, 'no customer twice');
      assert.ok(seen.includes(WOODGROVE_TENANT_ID));
      assert.ok(!seen.includes(CONTOSO_TENANT_ID), 'Contoso has no relationship yet');
    });

    it('filters by domain and company name (starts_with)', async () => {
      const filter = encodeURIComponent(JSON.stringify({ Field: 'Domain', Value: 'woodgrove', Operator: 'starts_with' }));
      const { body } = await call(sandbox, `/v1/customers?size=0&filter=${filter}`, { token: appToken });
      assert.equal(body.totalCount, 1);
      assert.equal(body.items[0].companyProfile.domain, 'woodgrove.onmicrosoft.com');
      const byName = encodeURIComponent(JSON.stringify({ Field: 'CompanyName', Value: 'filler customer 00', Operator: 'starts_with' }));
      assert.equal((await call(sandbox, `/v1/customers?filter=${byName}`, { token: appToken })).body.totalCount, 9);
      const broken = await call(sandbox, '/v1/customers?filter=%7Bnot-json', { token: appToken });
      assert.equal(broken.status, 400);
    });

    it('reads one customer with its country, and refuses a non-customer with 403 / 20002', async () => {
      const woodgrove = await call(sandbox, `/v1/customers/${WOODGROVE_TENANT_ID}`, { token: appToken });
      assert.equal(woodgrove.status, 200);
      assert.equal(woodgrove.body.companyProfile.address.country, 'US');
      assert.equal(woodgrove.body.relationshipToPartner, 'reseller');
      assert.ok(woodgrove.body.billingProfile.defaultAddress);
      const contoso = await call(sandbox, `/v1/customers/${CONTOSO_TENANT_ID}`, { token: appToken });
      assert.equal(contoso.status, 403);
      assert.equal(contoso.body.code, 20002);
      assert.equal(contoso.body.description, `The partner ID ${PARTNER_TENANT_ID} has no commerce relationship with the customer ID ${CONTOSO_TENANT_ID}.`);
    });
  });

  describe('catalog', () => {
    it('lists license-based products, SKUs with provisioningId and availabilities per term', async () => {
      const products = await call(sandbox, '/v1/products?country=US&targetView=OnlineServices&targetSegment=commercial', { token: appToken });
      assert.equal(products.status, 200);
      const ids = products.body.items.map((p: { id: string }) => p.id);
      assert.ok(ids.includes('CFQ7TTC0LCHC') && ids.includes('CFQ7TTC0MZJF'));
      const skus = await call(sandbox, '/v1/products/CFQ7TTC0LCHC/skus?country=US', { token: appToken });
      const premium = skus.body.items[0];
      assert.equal(premium.id, '0002');
      assert.equal(premium.dynamicAttributes.provisioningId, BUSINESS_PREMIUM_SKU_ID);
      assert.equal(premium.maximumQuantity, 300);
      assert.equal(premium.isTrial, false);
      const e3 = await call(sandbox, '/v1/products/CFQ7TTC0LFLX/skus?country=US', { token: appToken });
      assert.deepEqual(e3.body.items.map((s: { id: string }) => s.id), ['0021'], 'Microsoft 365 E3 with Teams is not sold here');

      const availabilities = await call(sandbox, '/v1/products/CFQ7TTC0LCHC/skus/0002/availabilities?country=US', { token: appToken });
      const terms = availabilities.body.items.map((a: any) => `${a.terms[0].duration}/${a.terms[0].billingCycle}`);
      assert.deepEqual(terms.sort(), ['P1M/monthly', 'P1Y/annual', 'P1Y/monthly']);
      for (const availability of availabilities.body.items) {
        assert.equal(availability.catalogItemId, `CFQ7TTC0LCHC:0002:${availability.id}`);
        assert.equal(availability.isPurchasable, true);
        assert.ok(availability.terms[0].cancellationPolicies[0].refundOptions.length > 0);
      }
    });

    it('refuses a country outside the partner region with 2030 and an unknown product with 400013', async () => {
      const canada = await call(sandbox, '/v1/products?country=CA&targetView=OnlineServices', { token: appToken });
      assert.equal(canada.status, 403);
      assert.equal(canada.body.code, 2030);
      assert.equal(canada.body.description, 'Partner is not onboarded to sell in country');
      const unknown = await call(sandbox, '/v1/products/NOPE/skus?country=US', { token: appToken });
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.code, 400013);
    });
  });

  describe('carts, orders and subscriptions', () => {
    async function businessPremiumAnnual(): Promise<string> {
      const { body } = await call(sandbox, '/v1/products/CFQ7TTC0LCHC/skus/0002/availabilities?country=US', { token: appToken });
      return body.items.find((a: any) => a.terms[0].duration === 'P1Y' && a.terms[0].billingCycle === 'annual').catalogItemId;
    }
    const cartPath = `/v1/customers/${WOODGROVE_TENANT_ID}/carts`;

    it('creates a cart once per MS-RequestId and validates quantity, offer and relationship', async () => {
      const catalogItemId = await businessPremiumAnnual();
      const body = { lineItems: [{ id: 0, catalogItemId, quantity: 40, billingCycle: 'annual', termDuration: 'P1Y' }] };
      const first = await call(sandbox, cartPath, { token: appToken, json: body, headers: { 'MS-RequestId': 'cart-req-1' } });
      assert.equal(first.status, 201);
      assert.equal(first.body.status, 'Active');
      assert.equal(first.body.lineItems[0].currencyCode, 'USD');
      assert.equal(first.body.attributes.objectType, 'Cart');
      const retry = await call(sandbox, cartPath, { token: appToken, json: body, headers: { 'MS-RequestId': 'cart-req-1' } });
      assert.equal(retry.body.id, first.body.id, 'same MS-RequestId, same cart');
      const other = await call(sandbox, cartPath, { token: appToken, json: body, headers: { 'MS-RequestId': 'cart-req-2' } });
      assert.notEqual(other.body.id, first.body.id);

      const tooMany = await call(sandbox, cartPath, { token: appToken, json: { lineItems: [{ ...body.lineItems[0], quantity: 301 }] } });
      assert.equal(tooMany.status, 400);
      assert.equal(tooMany.body.code, 2002);
      const badOffer = await call(sandbox, cartPath, { token: appToken, json: { lineItems: [{ ...body.lineItems[0], catalogItemId: 'CFQ7TTC0LFLX:0001:XXXX' }] } });
      assert.equal(badOffer.status, 400);
      assert.equal(badOffer.body.code, 800004);
      const notCustomer = await call(sandbox, `/v1/customers/${CONTOSO_TENANT_ID}/carts`, { token: appToken, json: body });
      assert.equal(notCustomer.status, 403);
      assert.equal(notCustomer.body.code, 20002);
    });

    it('checks out once: a repeated checkout returns the same order', async () => {
      const catalogItemId = await businessPremiumAnnual();
      const cart = await call(sandbox, cartPath, { token: appToken, json: { lineItems: [{ id: 0, catalogItemId, quantity: 40, billingCycle: 'annual', termDuration: 'P1Y' }] } });
      const checkout = `${cartPath}/${cart.body.id}/checkout`;
      const first = await call(sandbox, checkout, { token: appToken, method: 'POST' });
      assert.equal(first.status, 201);
      assert.equal(first.body.orders.length, 1);
      assert.deepEqual(first.body.orderErrors, []);
      const order = first.body.orders[0];
      assert.equal(order.status, 'pending');
      assert.equal(order.transactionType, 'UserPurchase');
      assert.equal(order.referenceCustomerId, WOODGROVE_TENANT_ID);
      assert.equal(order.lineItems[0].offerId, catalogItemId);
      assert.equal(order.lineItems[0].transactionType, 'New');
      assert.ok(order.lineItems[0].subscriptionId);

      const second = await call(sandbox, checkout, { token: appToken, method: 'POST' });
      assert.equal(second.status, 201);
      assert.equal(second.body.orders[0].id, order.id);
      const orders = await call(sandbox, `/v1/customers/${WOODGROVE_TENANT_ID}/orders`, { token: appToken });
      assert.equal(orders.body.totalCount, 1, 'never a second order');
      assert.equal((await call(sandbox, `${cartPath}/${cart.body.id}`, { token: appToken })).body.status, 'Ordered');
    });

    it('provisions after the delay: subscription pending → active, order completed, Graph prepaid units rise', async () => {
      const graphToken = await getToken(sandbox, 'graph', { tenant: WOODGROVE_TENANT_ID });
      const prepaidBefore = async () => {
        const { body } = await call(sandbox, '/graph/v1.0/subscribedSkus', { token: graphToken });
        return body.value.find((s: any) => s.skuId === BUSINESS_PREMIUM_SKU_ID)?.prepaidUnits.enabled ?? 0;
      };
      assert.equal(await prepaidBefore(), 0);

      const catalogItemId = await businessPremiumAnnual();
      const cart = await call(sandbox, cartPath, { token: appToken, json: { lineItems: [{ id: 0, catalogItemId, quantity: 40, billingCycle: 'annual', termDuration: 'P1Y' }] } });
      const checkout = await call(sandbox, `${cartPath}/${cart.body.id}/checkout`, { token: appToken, method: 'POST' });
      const { subscriptionId } = checkout.body.orders[0].lineItems[0];
      const subscriptionPath = `/v1/customers/${WOODGROVE_TENANT_ID}/subscriptions/${subscriptionId}`;

      const pending = await call(sandbox, subscriptionPath, { token: appToken });
      assert.equal(pending.body.status, 'pending');
      assert.equal(pending.body.quantity, 40);
      assert.equal(pending.body.unitType, 'Licenses');
      assert.equal(pending.body.billingType, 'license');
      assert.equal(pending.body.termDuration, 'P1Y');
      const sevenDays = Date.parse(pending.body.cancellationAllowedUntilDate) - Date.parse(pending.body.creationDate);
      assert.equal(sevenDays, 7 * 24 * 3600 * 1000);
      assert.equal(await prepaidBefore(), 0, 'nothing in the tenant while pending');

      await advanceClock(sandbox, 3);
      const active = await call(sandbox, subscriptionPath, { token: appToken });
      assert.equal(active.body.status, 'active');
      const order = await call(sandbox, `/v1/customers/${WOODGROVE_TENANT_ID}/orders/${checkout.body.orders[0].id}`, { token: appToken });
      assert.equal(order.body.status, 'completed');
      assert.equal(await prepaidBefore(), 40);

      const directory = await call(sandbox, '/graph/v1.0/directory/subscriptions', { token: graphToken });
      const ours = directory.body.value.find((s: any) => s.commerceSubscriptionId === subscriptionId);
      assert.equal(ours.ownerTenantId, PARTNER_TENANT_ID);
      assert.equal(ours.totalLicenses, 40);
      const list = await call(sandbox, `/v1/customers/${WOODGROVE_TENANT_ID}/subscriptions`, { token: appToken });
      assert.equal(list.body.totalCount, 1);
    });
  });
});
