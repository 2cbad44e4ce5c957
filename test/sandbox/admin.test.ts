import assert from 'node:assert/strict';
import type { SandboxHandle } from '../../sandbox/server';
import { CONTOSO_DOMAIN, CONTOSO_TENANT_ID, NORTHWIND_DOMAIN, PARTNER_TENANT_ID } from '../../sandbox/world/constants';
import { call, getToken, useSandbox } from './helpers';

describe('sandbox admin API (/_sandbox) and hostile input', () => {
  let sandbox: SandboxHandle;

  useSandbox((started) => { sandbox = started; });

  it('shows every customer tenant, our customer or not, with SKUs, users and the clock', async () => {
    const { status, body } = await call(sandbox, '/_sandbox/state');
    assert.equal(status, 200);
    assert.deepEqual({ name: body.partner.name, tenantId: body.partner.tenantId, country: body.partner.country }, { name: 'Relecloud', tenantId: PARTNER_TENANT_ID, country: 'US' });
    assert.equal(body.staff.length, 6);
    const contoso = body.customers.find((c: any) => c.domain === CONTOSO_DOMAIN);
    assert.equal(contoso.relationship, 'none');
    assert.deepEqual(contoso.gdap, []);
    const spb = contoso.skus.find((s: any) => s.skuPartNumber === 'SPB');
    assert.equal(spb.enabled, 25);
    assert.equal(spb.consumedUnits, 20);
    assert.equal(contoso.users.filter((u: any) => u.assignedLicenses.some((l: any) => l.skuId === spb.skuId)).length, 20);
    const flow = contoso.skus.find((s: any) => s.skuPartNumber === 'FLOW_FREE');
    assert.equal(flow.enabled, 10000);
    const adatum = body.customers.find((c: any) => c.domain === 'adatum.onmicrosoft.com');
    const exo2 = adatum.skus.find((s: any) => s.skuPartNumber === 'EXCHANGEENTERPRISE');
    assert.equal(exo2.capabilityStatus, 'Warning');
    assert.equal(exo2.warning, 5);
    assert.ok(body.customers.length > 150);
    assert.ok(body.clock.now);
  });

  it('accepts the invitation: the customer appears in /v1/customers; accepting twice changes nothing', async () => {
    const first = await call(sandbox, `/_sandbox/customers/${CONTOSO_DOMAIN}/accept`, { method: 'POST' });
    assert.equal(first.status, 200);
    assert.equal(first.body.relationship, 'reseller');
    const second = await call(sandbox, `/_sandbox/customers/${CONTOSO_DOMAIN}/accept`, { method: 'POST' });
    assert.equal(second.body.relationshipAcceptedDateTime, first.body.relationshipAcceptedDateTime);
    const token = await getToken(sandbox, 'partnerCenter');
    const customer = await call(sandbox, `/v1/customers/${CONTOSO_TENANT_ID}`, { token });
    assert.equal(customer.status, 200);
    assert.equal(customer.body.relationshipToPartner, 'reseller');
  });

  it('refuses Northwind (Canada) with 409 naming both CSP regions', async () => {
    const { status, body } = await call(sandbox, `/_sandbox/customers/${NORTHWIND_DOMAIN}/accept`, { method: 'POST' });
    assert.equal(status, 409);
    assert.match(body.message, /Canada/);
    assert.match(body.message, /United States/);
    const state = await call(sandbox, '/_sandbox/state?customer=northwind.onmicrosoft.com');
    assert.equal(state.body.customers[0].relationship, 'none');
  });

  it('resets to the seeded world and rewinds the clock', async () => {
    await call(sandbox, `/_sandbox/customers/${CONTOSO_DOMAIN}/accept`, { method: 'POST' });
    const advanced = await call(sandbox, '/_sandbox/clock', { json: { advanceDays: 2, advanceSeconds: 30 } });
    assert.equal(advanced.body.offsetSeconds, 2 * 86400 + 30);
    const reset = await call(sandbox, '/_sandbox/reset', { method: 'POST' });
    assert.equal(reset.status, 200);
    assert.equal(reset.body.clock.offsetSeconds, 0);
    const state = await call(sandbox, `/_sandbox/state?customer=${CONTOSO_DOMAIN}`);
    assert.equal(state.body.customers[0].relationship, 'none');
    assert.equal((await call(sandbox, '/_sandbox/clock', { json: { advanceDays: -1 } })).status, 400);
  });

  it('answers unknown routes with 404 JSON, malformed JSON with 400, and survives hostile input', async () => {
    const unknownAdmin = await call(sandbox, '/_sandbox/nothing');
    assert.equal(unknownAdmin.status, 404);
    assert.equal(unknownAdmin.body.error, 'not_found');
    const unknownCustomer = await call(sandbox, '/_sandbox/customers/nobody.example/accept', { method: 'POST' });
    assert.equal(unknownCustomer.status, 404);
    const pcToken = await getToken(sandbox, 'partnerCenter');
    const unknownPc = await call(sandbox, '/v1/nothing/here', { token: pcToken });
    assert.equal(unknownPc.status, 404);
    assert.equal(unknownPc.body.source, 'PartnerFD');
    const unknownGraph = await call(sandbox, '/graph/v1.0/nothing');
    assert.equal(unknownGraph.status, 404);
    assert.ok(unknownGraph.body.error.code);

    const malformedClock = await call(sandbox, '/_sandbox/clock', { rawBody: '{"advanceDays":' , method: 'POST' });
    assert.equal(malformedClock.status, 400);
    await call(sandbox, `/_sandbox/customers/${CONTOSO_DOMAIN}/accept`, { method: 'POST' });
    const malformedCart = await call(sandbox, `/v1/customers/${CONTOSO_TENANT_ID}/carts`, { token: pcToken, rawBody: 'not json', method: 'POST' });
    assert.equal(malformedCart.status, 400);
    assert.equal(malformedCart.body.source, 'PartnerFD');
    const graphToken = await getToken(sandbox, 'graph');
    const malformedGdap = await call(sandbox, '/graph/v1.0/tenantRelationships/delegatedAdminRelationships', { token: graphToken, rawBody: '[1,2', method: 'POST' });
    assert.equal(malformedGdap.status, 400);
    assert.ok(malformedGdap.body.error);

    const hostile = [
      '/v1/customers/%E0%A4%A', `/v1/customers/${'x'.repeat(5000)}`, '/login/%00/v2.0/.well-known/openid-configuration',
      `/graph/v1.0/users?$filter=${encodeURIComponent("assignedLicenses/any(x:x/skuId eq 'nope')")}`, '/graph/v1.0/users?$top=-1',
      '/graph/v1.0/users?$skiptoken=%%%', `/v1/customers?size=10&seekOperation=Next`,
    ];
    for (const path of hostile) {
      const token = path.startsWith('/graph') ? graphToken : pcToken;
      const result = await call(sandbox, path, { token, headers: { 'MS-ContinuationToken': 'garbage' } });
      assert.ok(result.status >= 400 && result.status < 500, `${path} → ${result.status}`);
    }
    const wrongTypes = await call(sandbox, `/v1/customers/${CONTOSO_TENANT_ID}/carts`, { token: pcToken, json: { lineItems: [{ catalogItemId: 42, quantity: 'many' }, null] } });
    assert.equal(wrongTypes.status, 400);
    const huge = await call(sandbox, '/_sandbox/clock', { rawBody: `{"x":"${'y'.repeat(1_200_000)}"}`, method: 'POST' });
    assert.equal(huge.status, 413);
    assert.equal((await call(sandbox, '/_sandbox/state?customer=contoso.com')).status, 200, 'still alive');
  });
});
