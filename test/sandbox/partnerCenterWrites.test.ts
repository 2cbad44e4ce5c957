import assert from 'node:assert/strict';
import type { SandboxHandle } from '../../sandbox/server';
import {
  CONTOSO_DOMAIN, CONTOSO_TENANT_ID, fillerDomain, MCA_TEMPLATE_ID, OTHER_PARTNER_NAME, OTHER_PARTNER_TENANT_ID,
  PARTNER_TENANT_ID, PCSYNC_USER_ID, WOODGROVE_TENANT_ID,
} from '../../sandbox/world/constants';
import { advanceClock, call, createCart, usePartnerCenterSandbox } from './helpers';

describe('sandbox Partner Center writes: MCA, transfers, idempotency', () => {
  let sandbox: SandboxHandle;
  let appToken: string;
  let userToken: string;

  usePartnerCenterSandbox((started, tokens) => { sandbox = started; ({ appToken, userToken } = tokens); });

  const attestation = (overrides: Record<string, unknown> = {}) => ({
    primaryContact: { firstName: 'Contoso', lastName: 'Admin', email: 'admin@contoso.onmicrosoft.com', phoneNumber: '4255550101' },
    templateId: MCA_TEMPLATE_ID,
    dateAgreed: new Date().toISOString(),
    type: 'MicrosoftCustomerAgreement',
    ...overrides,
  });

  describe('Microsoft Customer Agreement', () => {
    it('publishes the MCA template and lists Woodgrove\'s acceptance (App+User only; default type is the cloud agreement)', async () => {
      const metadata = await call(sandbox, '/v1/agreements?agreementType=MicrosoftCustomerAgreement', { token: appToken });
      assert.equal(metadata.status, 200);
      assert.deepEqual(metadata.body.items, [{ templateId: MCA_TEMPLATE_ID, agreementType: 'MicrosoftCustomerAgreement', agreementLink: 'https://aka.ms/customeragreement', versionRank: 0 }]);

      const path = `/v1/customers/${WOODGROVE_TENANT_ID}/agreements`;
      const mca = await call(sandbox, `${path}?agreementType=MicrosoftCustomerAgreement`, { token: userToken });
      assert.equal(mca.status, 200);
      assert.equal(mca.body.totalCount, 1);
      assert.equal(mca.body.items[0].type, 'MicrosoftCustomerAgreement');
      assert.equal(mca.body.items[0].templateId, MCA_TEMPLATE_ID);
      assert.ok(mca.body.items[0].primaryContact.email);
      assert.equal((await call(sandbox, path, { token: userToken })).body.totalCount, 0, 'no agreementType = MicrosoftCloudAgreement');
      assert.equal((await call(sandbox, `${path}?agreementType=*`, { token: userToken })).body.totalCount, 1);
      assert.equal((await call(sandbox, `${path}?agreementType=Other`, { token: userToken })).status, 400);
      assert.equal((await call(sandbox, path, { token: appToken })).status, 403, 'App+User only');
      assert.equal((await call(sandbox, `/v1/customers/${CONTOSO_TENANT_ID}/agreements`, { token: userToken })).body.code, 20002);
    });

    it('refuses checkout without MCA (403 / 13605, cart stays Active); the partner attests; checkout then succeeds', async () => {
      const accepted = await call(sandbox, `/_sandbox/customers/${CONTOSO_DOMAIN}/accept`, { json: { acceptMca: false } });
      assert.equal(accepted.body.mcaAccepted, false);
      const cartId = await createCart(sandbox, appToken, CONTOSO_TENANT_ID);
      const checkout = `/v1/customers/${CONTOSO_TENANT_ID}/carts/${cartId}/checkout`;
      const refused = await call(sandbox, checkout, { token: appToken, method: 'POST' });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.code, 13605);
      assert.match(refused.body.description, /Microsoft Customer Agreement/);
      assert.equal((await call(sandbox, `/v1/customers/${CONTOSO_TENANT_ID}/carts/${cartId}`, { token: appToken })).body.status, 'Active');

      const path = `/v1/customers/${CONTOSO_TENANT_ID}/agreements`;
      const invalid: Array<Record<string, unknown>> = [
        { templateId: '00000000-0000-4000-8000-000000000000' },
        { type: 'MicrosoftCloudAgreement' },
        { dateAgreed: 'yesterday' },
        { dateAgreed: '2999-01-01T00:00:00Z' },
        { primaryContact: { firstName: 'A', lastName: 'B', email: 'not-an-email' } },
        { primaryContact: { firstName: 'A', email: 'a@b.example' } },
      ];
      for (const overrides of invalid) {
        const result = await call(sandbox, path, { token: userToken, json: attestation(overrides) });
        assert.equal(result.status, 400, JSON.stringify(overrides));
        assert.equal(result.body.source, 'PartnerFD');
      }
      assert.equal((await call(sandbox, path, { token: appToken, json: attestation() })).status, 403, 'App+User only');
      const attested = await call(sandbox, path, { token: userToken, json: attestation() });
      assert.equal(attested.status, 201);
      assert.equal(attested.body.userId, PCSYNC_USER_ID, 'userId comes from the App+User token');
      assert.equal(attested.body.attributes.objectType, 'Agreement');

      const ordered = await call(sandbox, checkout, { token: appToken, method: 'POST' });
      assert.equal(ordered.status, 201);
      assert.equal(ordered.body.orders.length, 1);
    });

    it('accepting the invitation accepts the MCA too (how the Contoso move buys)', async () => {
      const accepted = await call(sandbox, `/_sandbox/customers/${CONTOSO_DOMAIN}/accept`, { method: 'POST' });
      assert.equal(accepted.body.mcaAccepted, true);
      const list = await call(sandbox, `/v1/customers/${CONTOSO_TENANT_ID}/agreements?agreementType=MicrosoftCustomerAgreement`, { token: userToken });
      assert.equal(list.body.totalCount, 1);
      assert.equal(list.body.items[0].userId, undefined, 'accepted by the customer, not attested');
    });
  });

  describe('transfers', () => {
    const path = `/v1/customers/${WOODGROVE_TENANT_ID}/transfers`;
    const request = (overrides: Record<string, unknown> = {}) => ({
      sourcePartnerTenantId: OTHER_PARTNER_TENANT_ID, sourcePartnerName: OTHER_PARTNER_NAME, customerEmailId: 'admin@woodgrove.onmicrosoft.com',
      targetProductTypes: ['OnlineServicesNCE'], transferType: 5, ...overrides,
    });

    it('creates (target partner), reads, lists and cancels a transfer; validates required fields', async () => {
      for (const overrides of [{ sourcePartnerName: undefined }, { customerEmailId: undefined }, { sourcePartnerTenantId: 'litware' }, { sourcePartnerTenantId: PARTNER_TENANT_ID }, { customerEmailId: 'x' }, { transferType: 4 }, { targetProductTypes: ['Cars'] }]) {
        const result = await call(sandbox, path, { token: appToken, json: request(overrides) });
        assert.equal(result.status, 400, JSON.stringify(overrides));
      }
      const created = await call(sandbox, path, { token: appToken, json: request() });
      assert.equal(created.status, 201);
      assert.equal(created.body.status, 'Active');
      assert.equal(created.body.transferType, 5);
      assert.equal(created.body.targetPartnerTenantId, PARTNER_TENANT_ID);
      assert.equal(created.body.customerTenantId, WOODGROVE_TENANT_ID);
      assert.equal(created.body.attributes.objectType, 'TransferEntity');
      const again = await call(sandbox, path, { token: appToken, json: request() });
      assert.equal(again.status, 409);
      assert.equal(again.body.code, 900101);

      const one = await call(sandbox, `${path}/${created.body.id}`, { token: appToken });
      assert.equal(one.body.id, created.body.id);
      assert.equal((await call(sandbox, path, { token: appToken })).body.totalCount, 1);
      const canceled = await call(sandbox, `${path}/${created.body.id}`, { token: appToken, method: 'PATCH', json: { ...created.body, status: 'Cancel' } });
      assert.equal(canceled.status, 200);
      assert.equal(canceled.body.status, 'Canceled');
      const twice = await call(sandbox, `${path}/${created.body.id}`, { token: appToken, method: 'PATCH', json: { status: 'Cancel' } });
      assert.equal(twice.status, 400);
      assert.equal(twice.body.code, 900102);
      assert.equal((await call(sandbox, `${path}/00000000-0000-4000-8000-000000000000`, { token: appToken })).body.code, 900100);
      assert.equal((await call(sandbox, `/v1/customers/${CONTOSO_TENANT_ID}/transfers`, { token: appToken, json: request() })).body.code, 20002);
    });

    it('lets only the creator cancel: Litware\'s transfer away from us (filler001) cannot be canceled by us', async () => {
      const fillerId = (await call(sandbox, `/_sandbox/state?customer=${fillerDomain(1)}`)).body.customers[0].tenantId;
      const list = await call(sandbox, `/v1/customers/${fillerId}/transfers`, { token: appToken });
      const outgoing = list.body.items[0];
      assert.equal(outgoing.sourcePartnerTenantId, PARTNER_TENANT_ID);
      assert.equal(outgoing.transferDirection, 'Outgoing');
      const refused = await call(sandbox, `/v1/customers/${fillerId}/transfers/${outgoing.id}`, { token: appToken, method: 'PATCH', json: { status: 'Cancel' } });
      assert.equal(refused.status, 403);
    });
  });

  describe('idempotency, provisioning status and relationship requests', () => {
    it('reports subscription provisioning status to App+User callers: pending, then success', async () => {
      const cartId = await createCart(sandbox, appToken, WOODGROVE_TENANT_ID);
      const checkout = await call(sandbox, `/v1/customers/${WOODGROVE_TENANT_ID}/carts/${cartId}/checkout`, { token: appToken, method: 'POST' });
      const path = `/v1/customers/${WOODGROVE_TENANT_ID}/subscriptions/${checkout.body.orders[0].lineItems[0].subscriptionId}/provisioningstatus`;
      assert.equal((await call(sandbox, path, { token: appToken })).status, 403, 'App+User only');
      const pending = await call(sandbox, path, { token: userToken });
      assert.equal(pending.status, 200);
      assert.deepEqual({ status: pending.body.status, quantity: pending.body.quantity, skuId: pending.body.skuId }, { status: 'pending', quantity: 40, skuId: 'CBDC14AB-D96C-4C30-B9F4-6ADA7CDC1D46' });
      await advanceClock(sandbox, 3);
      assert.equal((await call(sandbox, path, { token: userToken })).body.status, 'success');
    });

    it('answers a repeated POST with the same MS-RequestId, route and customer with the stored result', async () => {
      const path = `/v1/customers/${WOODGROVE_TENANT_ID}/transfers`;
      const body = { sourcePartnerTenantId: OTHER_PARTNER_TENANT_ID, sourcePartnerName: OTHER_PARTNER_NAME, customerEmailId: 'admin@woodgrove.onmicrosoft.com' };
      const first = await call(sandbox, path, { token: appToken, json: body, headers: { 'MS-RequestId': 'transfer-1' } });
      const retry = await call(sandbox, path, { token: appToken, json: body, headers: { 'MS-RequestId': 'transfer-1' } });
      assert.equal(first.status, 201);
      assert.equal(retry.status, 201, 'not 409: nothing ran again');
      assert.deepEqual(retry.body, first.body);
      assert.equal(retry.headers.get('ms-requestid'), 'transfer-1');
      assert.equal((await call(sandbox, path, { token: appToken })).body.totalCount, 1);

      const agreements = `/v1/customers/${WOODGROVE_TENANT_ID}/agreements`;
      const a1 = await call(sandbox, agreements, { token: userToken, json: attestation(), headers: { 'MS-RequestId': 'mca-1' } });
      const a2 = await call(sandbox, agreements, { token: userToken, json: attestation({ dateAgreed: '2024-01-01T00:00:00Z' }), headers: { 'MS-RequestId': 'mca-1' } });
      assert.deepEqual(a2.body, a1.body);
      assert.equal((await call(sandbox, `${agreements}?agreementType=*`, { token: userToken })).body.totalCount, 2, 'seeded + one attestation');

      // Same MS-RequestId on another route or customer is another request.
      const cartA = await createCart(sandbox, appToken, WOODGROVE_TENANT_ID, 'shared-id');
      await call(sandbox, `/_sandbox/customers/${CONTOSO_DOMAIN}/accept`, { method: 'POST' });
      const cartB = await createCart(sandbox, appToken, CONTOSO_TENANT_ID, 'shared-id');
      assert.notEqual(cartA, cartB);
      // A failure is not stored: after fixing the cause, the same id runs again.
      const failedCart = await call(sandbox, `/v1/customers/${WOODGROVE_TENANT_ID}/carts`, { token: appToken, json: { lineItems: [] }, headers: { 'MS-RequestId': 'cart-x' } });
      assert.equal(failedCart.status, 400);
      assert.ok(await createCart(sandbox, appToken, WOODGROVE_TENANT_ID, 'cart-x'));
    });

    it('validates indirectResellerId and indirectCloudSolutionProviderId as tenant ids', async () => {
      const reseller = '1f2e3d4c-5b6a-4789-8abc-def012345678';
      const ok = await call(sandbox, `/v1/customers/relationshiprequests?indirectResellerId=${reseller}`, { token: userToken });
      assert.equal(ok.status, 200);
      assert.match(ok.body.url, new RegExp(`indirectResellerId=${reseller}`));
      for (const query of ['indirectResellerId=abc', 'indirectResellerId=12345678', `indirectCloudSolutionProviderId=${reseller}x`]) {
        const bad = await call(sandbox, `/v1/customers/relationshiprequests?${query}`, { token: userToken });
        assert.equal(bad.status, 400, query);
        assert.equal(bad.body.source, 'PartnerFD');
      }
    });
  });
});
