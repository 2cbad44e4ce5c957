/**
 * Contract tests: every request/response JSON sample quoted in the two reference digests (typed into
 * test/services/contracts/, see its README) goes through the clients. Response samples are served by a local
 * node:http server and must parse through the clients' schemas and mappers; request samples are compared with
 * what the clients send for the same operation (no field the sample lacks; the same fields where the client
 * sends the whole documented body).
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { CustomerGraphDirectory } from '../../services/graph/customerGraphDirectory';
import { CustomerLicensing } from '../../services/graph/customerLicensing';
import { GdapRelationships } from '../../services/graph/gdapRelationships';
import { GraphBatch } from '../../services/graph/graphBatch';
import { GraphClientFactory } from '../../services/graph/graphClientFactory';
import { GraphMailer } from '../../services/graph/graphMailer';
import { OutboundHttp } from '../../services/http/outboundHttp';
import { OAuthClientTokenProvider } from '../../services/identity/oauthClientTokenProvider';
import type { TokenProvider } from '../../services/identity/tokenProvider';
import { PartnerCenterClient } from '../../services/partnerCenter/partnerCenterClient';
import { PartnerCenterError } from '../../services/partnerCenter/partnerCenterError';
import { fixture, keysNotInSample } from './support/contracts';
import { recordingSleep, startLocalServer, type LocalServer, type ReceivedRequest, type ScriptedAnswer } from './support/localServer';

const PARTNER = 'partner-tenant-id';
const CUSTOMER = 'eebd1b55-5360-4438-a11d-5c06918c3014';
const ctx = { correlationId: '02971f0f-1029-47b2-9fdb-1932f0987470', requestId: 'ee519026-4c67-4113-bec7-a38aca621bf0' };
const tokens: TokenProvider = { getToken: async (_r, _t, mode) => `${mode}-token` };
const collection = (items: unknown[]) => ({ totalCount: items.length, items, links: {}, attributes: { objectType: 'Collection' } });

/** Request samples of operations the move does not perform; kept so the contract is visible. */
const NOT_SENT: Record<string, string> = {
  'partner-center/transfer-legacy.request.json': 'legacy (pre-NCE) transfers are not part of the move; NCE transfers use the body of PC create-a-transfer',
  'partner-center/transfer.response.json': 'the bot advises a partner-to-partner transfer but does not drive one (the sandbox serves transfers for its own tests)',
  'partner-center/remove-relationship.request.json': 'the move never removes a reseller relationship',
  'partner-center/webhook-registration.request.json': 'webhook registration belongs to the bot edge (acceptance detection), not to these clients',
};

describe('contracts: documented samples through the clients (local server)', () => {
  /** Fixtures the tests use; the last test checks nothing in contracts/ is left out. */
  const USED = new Set<string>();
  const use = <T = any>(name: string): T => {
    USED.add(name);
    return fixture<T>(name);
  };
  let server: LocalServer | undefined;
  let answer: (request: ReceivedRequest, index: number) => ScriptedAnswer;
  before(async () => { server = await startLocalServer((request, index) => answer(request, index)); });
  after(async () => { await server?.close(); });
  beforeEach(() => { server!.received.length = 0; });

  const http = () => new OutboundHttp({ sleep: recordingSleep().sleep });
  const partnerCenter = () => new PartnerCenterClient({ baseUrl: server!.url, partnerTenantId: PARTNER, tokens, http: http() });
  const graph = () => new GraphClientFactory({ baseUrl: `${server!.url}/graph/`, tokens, http: http() });
  const bodyOf = (i = 0) => JSON.parse(server!.received[i]?.body ?? 'null');

  describe('Partner Center responses', () => {
    it('relationship request → the invitation link', async () => {
      const sample = use('partner-center/relationship-request.json');
      answer = () => ({ status: 200, body: sample });
      assert.equal(await partnerCenter().resellerInvitationLink(ctx), sample.url);
      const request = server!.received[0];
      assert.equal(request?.headers['ms-requestid'], ctx.requestId);
      assert.equal(request?.headers['ms-correlationid'], ctx.correlationId);
      assert.equal(request?.headers['x-locale'], 'en-US');
    });

    it('customer list and one customer → CustomerRecord', async () => {
      answer = (req) => ({ status: 200, body: req.url.startsWith('/v1/customers?') ? use('partner-center/customers.json') : use('partner-center/customer.json') });
      const listed = [];
      for await (const customer of partnerCenter().listCustomers(ctx)) listed.push(customer);
      assert.deepEqual(listed, [{ id: 'b44bb1fb-c595-45b0-9e09-d657365580bf', tenantId: '<guid>', domain: 'domain', companyName: 'companyName', relationshipToPartner: 'reseller', country: null }]);
      assert.deepEqual(await partnerCenter().getCustomer(CUSTOMER, ctx), {
        id: CUSTOMER, tenantId: CUSTOMER, domain: 'abcdefgh1234.ccsctp.net', companyName: '1kl as kjk', relationshipToPartner: 'reseller', country: 'US',
      });
    });

    it('organization profile → country and culture', async () => {
      answer = () => ({ status: 200, body: use('partner-center/organization-profile.json') });
      const profile = await partnerCenter().organizationProfile(ctx);
      assert.equal(profile.country, 'US');
      assert.equal(profile.culture, 'es-US');
      assert.equal(profile.domain, 'testtestbugbash1.onmicrosoft.com');
    });

    it('availability → catalog item id and terms', async () => {
      answer = () => ({ status: 200, body: collection([use('partner-center/availability.json')]) });
      const [availability] = await partnerCenter().catalogReader.availabilities('DZH318Z0BQ3Q', '0001', 'US', ctx);
      assert.equal(availability?.catalogItemId, 'DZH318Z0BQ3Q:0001:DZH318XZXVNF');
      assert.deepEqual(availability?.terms, [{ duration: 'P1Y', billingCycle: null, description: '1 Year Prepaid' }]);
      assert.equal(availability?.isPurchasable, true);
    });

    it('cart, checkout (legacy and NCE line), subscription and provisioning status', async () => {
      answer = (req) => {
        if (req.url.endsWith('/carts')) return { status: 201, body: use('partner-center/cart.response.json') };
        if (req.url.endsWith('/checkout') && req.url.includes('nce')) return { status: 201, body: use('partner-center/checkout.nce-line.response.json') };
        if (req.url.endsWith('/checkout')) return { status: 201, body: use('partner-center/checkout.response.json') };
        if (req.url.endsWith('/provisioningstatus')) return { status: 200, body: use('partner-center/provisioning-status.json') };
        return { status: 200, body: use('partner-center/subscription.json') };
      };
      const pc = partnerCenter();
      const line = { catalogItemId: 'CFQ7TTC0LH0Z:0001:CFQ7TTC0K18P', quantity: 1, termDuration: 'P1M' as const, billingCycle: 'monthly' as const };
      assert.deepEqual(await pc.createCart('f81d98dd-c2f4-499e-a194-5619e260344e', [line], ctx), { cartId: '3e22b548-647d-4223-9675-1fcb6cb57665' });
      assert.deepEqual(await pc.checkoutCart('28045616-f6b9-462f-9701-0d89b5e65c44', 'cart', ctx), [{
        id: 'HVu_cO8Ea7fNRQP4ia1QTpZap-kg_7P71', status: 'pending',
        lineItems: [{ offerId: 'DZH318Z0BXWC:0002:DZH318Z0BMRV', subscriptionId: null, quantity: 1, friendlyName: 'Barracuda WaaS - Medium Plan' }],
      }]);
      const [nce] = await pc.checkoutCart(CUSTOMER, 'nce', ctx);
      assert.equal(nce?.lineItems[0]?.subscriptionId, 'ebc0beef-7ffb-4044-c074-16f324432139');
      assert.deepEqual(await pc.getSubscription(CUSTOMER, '968BA1CF-C146-4ADF-A300-308DCF718EEE', ctx), {
        subscriptionId: '968BA1CF-C146-4ADF-A300-308DCF718EEE', offerId: '2828BE95-46BA-4F91-B2FD-0BEF192ECF60',
        title: 'Exchange Online Archiving for Exchange Online', quantity: 2, status: 'active', cancellationAllowedUntil: null,
      });
      assert.deepEqual(await pc.provisioningStatus(CUSTOMER, 's', ctx), {
        skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900', status: 'success', quantity: 5, endDate: '2018-05-10T00:00:00Z',
      });
    });

    it('error body (13605) → a typed error naming the fix', async () => {
      answer = () => ({ status: 403, body: use('partner-center/error.13605.json') });
      await assert.rejects(partnerCenter().checkoutCart(CUSTOMER, 'cart', ctx), (error: unknown) => {
        assert.ok(error instanceof PartnerCenterError);
        assert.equal(error.code, '13605');
        assert.equal(error.reason, 'customer-agreement-missing');
        assert.match(error.fix, /accept it in the Microsoft 365 admin center, or record the attestation/);
        return true;
      });
    });

    it('429 with Retry-After 57 → waits 57 s and succeeds; when retries run out, a typed throttling error', async () => {
      const throttled = use('partner-center/throttled.429.json');
      const profile = { companyName: 'Relecloud', address: { country: 'US' } };
      answer = (_req, i) => (i === 0 ? { status: 429, headers: { 'Retry-After': '57' }, body: throttled } : { status: 200, body: profile });
      const sleep = recordingSleep();
      const pc = new PartnerCenterClient({ baseUrl: server!.url, partnerTenantId: PARTNER, tokens, http: new OutboundHttp({ sleep: sleep.sleep }) });
      assert.deepEqual(await pc.partnerProfile(ctx), { companyName: 'Relecloud', country: 'US' });
      assert.deepEqual(sleep.delays, [57_000]);

      answer = () => ({ status: 429, headers: { 'Retry-After': '57' }, body: throttled });
      const once = new PartnerCenterClient({ baseUrl: server!.url, partnerTenantId: PARTNER, tokens, http: new OutboundHttp({ maxAttempts: 1 }) });
      await assert.rejects(once.partnerProfile(ctx), (error: unknown) => error instanceof PartnerCenterError
        && error.reason === 'throttled' && error.retryAfterSeconds === 57 && /Rate limit is exceeded/.test(error.description));
    });

    it('token response (v1 shape, expires_in as a string) → a cached token', async () => {
      answer = () => ({ status: 200, body: use('partner-center/token-response.app-only-v1.json') });
      const oauth = new OAuthClientTokenProvider({ loginBaseUrl: `${server!.url}/login`, clientId: 'c', clientSecret: 's', http: http() });
      assert.equal(await oauth.getToken('partner-center', PARTNER, 'app'), 'value-has-been-removed');
    });
  });

  describe('Partner Center requests', () => {
    it('MCA attestation sends exactly the documented body', async () => {
      const sample = use('partner-center/agreement-attestation.request.json');
      answer = (req) => (req.method === 'GET' ? { status: 200, body: collection([]) } : { status: 201, body: JSON.parse(req.body) });
      await partnerCenter().attestCustomerAgreement(CUSTOMER, sample.primaryContact, ctx, { dateAgreed: sample.dateAgreed, templateId: sample.templateId });
      const sent = bodyOf(server!.received.findIndex((r) => r.method === 'POST'));
      assert.deepEqual(sent, sample);
    });

    it('customer search sends the documented filter', async () => {
      answer = () => ({ status: 200, body: collection([]) });
      await partnerCenter().findCustomers('CompanyName', 'cont', ctx);
      const filter = new URL(server!.received[0]?.url ?? '', 'http://x').searchParams.get('filter');
      assert.deepEqual(JSON.parse(filter ?? ''), use('partner-center/customer-filter.request.json'));
    });

    it('cart create sends only documented fields', async () => {
      answer = () => ({ status: 201, body: { id: 'cart' } });
      await partnerCenter().createCart(CUSTOMER, [{ catalogItemId: 'CFQ7TTC0LH0Z:0001:CFQ7TTC0K18P', quantity: 1, termDuration: 'P1M', billingCycle: 'monthly' }], ctx);
      assert.deepEqual(keysNotInSample(bodyOf(), use('partner-center/cart.request.json')), []);
    });
  });

  describe('Graph responses', () => {
    it('subscribedSkus and directory/subscriptions → the inventory types', async () => {
      answer = (req) => ({ status: 200, body: req.url.includes('subscribedSkus') ? use('graph/subscribed-skus.json') : use('graph/directory-subscriptions.json') });
      const directory = new CustomerGraphDirectory({ graph: graph() });
      const [sku] = await directory.subscribedSkus(CUSTOMER, ctx);
      assert.equal(sku?.skuPartNumber, 'ENTERPRISEPREMIUM');
      assert.deepEqual(sku?.prepaidUnits, { enabled: 25, lockedOut: 0, suspended: 0, warning: 0 });
      assert.deepEqual(sku?.subscriptionIds, ['43d26afe-cb98-48b9-acc4-ae3ef2ac6c51']);
      const [subscription] = await directory.subscriptions(CUSTOMER, ctx);
      assert.deepEqual(subscription, {
        id: '860697e3-b0aa-4196-a6c6-7ec361ed58f7', skuId: '0816ccb9-3785-4d19-bf78-6c53e2106509', skuPartNumber: 'MyPartNumber', status: 'Enabled',
        totalLicenses: 25, isTrial: false, createdDateTime: '2023-01-01T00:00:00Z', nextLifecycleDateTime: '2023-02-01T00:00:00Z',
        ownerTenantId: '331af819-4e0b-49f7-a6bf-14e1165ad3a0',
      });
    });

    it('users holding a SKU, assignLicense and organization → licensing types', async () => {
      answer = (req) => {
        if (req.url.includes('/assignLicense')) return { status: 200, body: use('graph/assign-license.response.json') };
        if (req.url.includes('/organization')) return { status: 200, body: use('graph/organization.json') };
        return { status: 200, body: use('graph/users-with-sku.json') };
      };
      const licensing = new CustomerLicensing({ graph: graph() });
      const users = [];
      for await (const user of licensing.usersWithSku(CUSTOMER, 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46', ctx)) users.push(user);
      assert.deepEqual(users[0]?.licenseAssignmentStates, [{
        skuId: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46', assignedByGroup: null, state: 'Active', error: null, disabledPlans: ['11b0131d-43c8-4bbb-b2c8-e80f9a50834a'],
      }]);
      const sample = use('graph/assign-license.request.json');
      const after = await licensing.assignLicense(CUSTOMER, { userId: users[0]!.id, addLicenses: sample.addLicenses, removeLicenses: sample.removeLicenses }, ctx);
      assert.deepEqual(after, [{ skuId: '45715bb8-13f9-4bf6-927f-ef96c102d394', disabledPlans: ['11b0131d-43c8-4bbb-b2c8-e80f9a50834a'] }]);
      assert.deepEqual(bodyOf(1), sample, 'the assignLicense request is the documented body');
      const org = await licensing.organization(CUSTOMER, ctx);
      assert.equal(org.countryLetterCode, 'US');
    });

    it('$batch answer with a 429 sub-response → that one is sent again after its Retry-After', async () => {
      answer = (_req, i) => (i === 0 ? { status: 200, body: use('graph/batch.response.json') }
        : { status: 200, body: { responses: [{ id: '2', status: 200, body: { assignedLicenses: [] } }] } });
      const sleeps: number[] = [];
      let now = 0;
      const batch = new GraphBatch({ graph: graph(), sleep: async (ms) => { sleeps.push(ms); now += ms; }, now: () => now });
      const sample = use('graph/batch.request.json');
      const outcomes = await batch.run(CUSTOMER, 'app', [
        { id: '1', method: 'POST', url: '/users/u1/assignLicense', body: sample.requests[0].body, idempotent: true },
        { id: '2', method: 'GET', url: '/users/u1?$select=assignedLicenses,licenseAssignmentStates' },
      ], 'contract', ctx);
      assert.deepEqual(outcomes.map((o) => [o.id, o.status, o.attempts]), [['1', 200, 1], ['2', 200, 2]]);
      assert.deepEqual(sleeps, [3000]);
      assert.deepEqual(keysNotInSample(bodyOf(0), sample), [], 'the $batch request has only documented fields');
    });

    it('GDAP relationship, lock and access assignment → typed results; requests are the documented bodies', async () => {
      answer = (req) => {
        if (req.url.endsWith('/requests')) return { status: 201, body: use('graph/gdap-lock.response.json') };
        if (req.url.endsWith('/accessAssignments')) return { status: 201, body: use('graph/gdap-access-assignment.response.json') };
        return { status: 201, body: use('graph/gdap-relationship.response.json') };
      };
      const gdap = new GdapRelationships({ graph: graph(), partnerTenantId: PARTNER });
      const request = use('graph/gdap-relationship.request.json');
      const relationship = await gdap.create({
        displayName: request.displayName, duration: request.duration, autoExtendDuration: request.autoExtendDuration,
        customerTenantId: request.customer.tenantId, customerDisplayName: request.customer.displayName,
        roleDefinitionIds: request.accessDetails.unifiedRoles.map((r: { roleDefinitionId: string }) => r.roleDefinitionId),
      }, ctx);
      assert.equal(relationship.id, '5d027261-d21f-4aa9-b7db-7fa1f56fb163-8777b240-c6f0-4469-9e98-a3205431b836');
      assert.equal(relationship.status, 'created');
      assert.deepEqual(bodyOf(0), request);

      const lock = await gdap.lockForApproval(relationship.id, ctx, relationship.etag);
      assert.deepEqual(lock, { requestId: '5a6666c9-0000-0000-0000-000000000001', status: 'created' });
      assert.deepEqual(bodyOf(1), use('graph/gdap-lock.request.json'));

      const assignmentRequest = use('graph/gdap-access-assignment.request.json');
      const assignment = await gdap.createAccessAssignment(relationship.id, assignmentRequest.accessContainer.accessContainerId,
        assignmentRequest.accessDetails.unifiedRoles.map((r: { roleDefinitionId: string }) => r.roleDefinitionId), ctx);
      assert.deepEqual([assignment.status, assignment.securityGroupId], ['pending', '869713c9-0b28-4d08-8949-ae07ae1bf528']);
      assert.deepEqual(bodyOf(2), assignmentRequest);
    });
  });

  describe('Graph requests', () => {
    it('sendMail sends only documented fields', async () => {
      answer = () => ({ status: 202 });
      const sample = use('graph/send-mail.request.json');
      await new GraphMailer({ graph: graph(), partnerTenantId: PARTNER }).sendAsUser({
        subject: sample.message.subject, body: sample.message.body, to: ['frannis@contoso.com'], cc: ['danas@contoso.com'], saveToSentItems: false,
      }, ctx);
      assert.deepEqual(keysNotInSample(bodyOf(), sample), []);
      assert.deepEqual(bodyOf().message.toRecipients, sample.message.toRecipients);
      assert.equal(bodyOf().saveToSentItems, false);
    });
  });

  // Mocha runs a suite's own tests before its child suites: this check lives in the last child suite.
  describe('coverage', () => it('uses every fixture in test/services/contracts, or says why a request sample is not sent', () => {
    const root = path.join(__dirname, 'contracts');
    const all = ['partner-center', 'graph'].flatMap((dir) => readdirSync(path.join(root, dir)).map((f) => `${dir}/${f}`));
    const missing = all.filter((name) => !USED.has(name) && !(name in NOT_SENT));
    assert.deepEqual(missing, []);
  }));
});
