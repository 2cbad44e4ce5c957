import assert from 'node:assert/strict';
import { startSandbox, type SandboxHandleWithWorld } from '../../sandbox/server';
import {
  ALEX_WILBER_ID, FABRIKAM_DOMAIN, FABRIKAM_TENANT_ID, WOODGROVE_DOMAIN, WOODGROVE_TENANT_ID,
} from '../../sandbox/world/constants';
import { MICROSOFT_365_BUSINESS_STANDARD } from '../../sandbox/world/skus/business';
import { MICROSOFT_365_E3 } from '../../sandbox/world/skus/microsoft365E3';
import { POWER_BI_PRO } from '../../sandbox/world/skus/standalone';
import { adminToken, call, getToken, requestGdap, resetSandbox } from './helpers';

const TEAMS1 = '57ff2da0-773e-42df-b2af-ffb7a2317929';
const BSTD = MICROSOFT_365_BUSINESS_STANDARD.skuId;
const PBI = POWER_BI_PRO.skuId;

describe('sandbox Graph writes: assignLicense, $batch, sendMail', () => {
  let sandbox: SandboxHandleWithWorld;
  let woodgrove: string;
  let bstdOnly: any;
  let analyst: any;

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  after(async () => {
    await sandbox.close();
  });
  beforeEach(async () => {
    await resetSandbox(sandbox);
    woodgrove = await getToken(sandbox, 'graph', { tenant: WOODGROVE_TENANT_ID });
    const users = (await call(sandbox, `/_sandbox/state?customer=${WOODGROVE_DOMAIN}`)).body.customers[0].users;
    const skusOf = (u: any) => u.assignedLicenses.map((l: any) => l.skuId).sort().join(',');
    bstdOnly = users.find((u: any) => skusOf(u) === BSTD);
    analyst = users.find((u: any) => skusOf(u) === [BSTD, PBI].sort().join(','));
  });

  const assign = (token: string, userId: string, body: unknown) => call(sandbox, `/graph/v1.0/users/${userId}/assignLicense`, { token, json: body });
  const seats = async (token: string, skuId: string) => {
    const sku = (await call(sandbox, '/graph/v1.0/subscribedSkus', { token })).body.value.find((s: any) => s.skuId === skuId);
    return { enabled: sku.prepaidUnits.enabled, consumed: sku.consumedUnits };
  };

  describe('assignLicense', () => {
    it('refuses a SKU without free seats (CountViolation); removing one frees it; returns the user; keeps history', async () => {
      assert.deepEqual(await seats(woodgrove, PBI), { enabled: 5, consumed: 5 });
      const full = await assign(woodgrove, bstdOnly.id, { addLicenses: [{ skuId: PBI, disabledPlans: [] }], removeLicenses: [] });
      assert.equal(full.status, 400);
      assert.equal(full.body.error.code, 'Request_BadRequest');
      assert.equal(full.body.error.message, `Subscription with SKU ${PBI} does not have any available licenses.`);
      assert.equal(full.body.error.details[0].code, 'CountViolation');

      const removed = await assign(woodgrove, analyst.userPrincipalName, { addLicenses: [], removeLicenses: [PBI] });
      assert.equal(removed.status, 200);
      assert.equal(removed.body.id, analyst.id);
      assert.deepEqual(removed.body.assignedLicenses.map((l: any) => l.skuId), [BSTD]);
      assert.deepEqual(await seats(woodgrove, PBI), { enabled: 5, consumed: 4 });

      const added = await assign(woodgrove, bstdOnly.id, { addLicenses: [{ skuId: PBI, disabledPlans: [] }], removeLicenses: [] });
      assert.equal(added.status, 200);
      const state = added.body.licenseAssignmentStates.find((s: any) => s.skuId === PBI);
      assert.deepEqual({ assignedByGroup: state.assignedByGroup, state: state.state }, { assignedByGroup: null, state: 'Active' });
      assert.deepEqual(await seats(woodgrove, PBI), { enabled: 5, consumed: 5 });

      const history = await call(sandbox, `/_sandbox/customers/${WOODGROVE_DOMAIN}/license-history`);
      assert.equal(history.status, 200);
      assert.equal(history.body.users.length, 2);
      const analystHistory = history.body.users.find((u: any) => u.userId === analyst.id);
      assert.deepEqual(analystHistory.changes[0].removeLicenses, [PBI]);
      assert.deepEqual(analystHistory.changes[0].before.map((l: any) => l.skuPartNumber).sort(), ['O365_BUSINESS_PREMIUM', 'POWER_BI_PRO']);
      assert.deepEqual(analystHistory.changes[0].after.map((l: any) => l.skuPartNumber), ['O365_BUSINESS_PREMIUM']);
      assert.ok(analystHistory.changes[0].at);
      const onlyOne = await call(sandbox, `/_sandbox/customers/${WOODGROVE_DOMAIN}/license-history?user=${encodeURIComponent(bstdOnly.userPrincipalName)}`);
      assert.deepEqual(onlyOne.body.users.map((u: any) => u.userId), [bstdOnly.id]);
    });

    it('changes disabledPlans of a licence the user has, and validates the body', async () => {
      const changed = await assign(woodgrove, bstdOnly.id, { addLicenses: [{ skuId: BSTD, disabledPlans: [TEAMS1] }], removeLicenses: [] });
      assert.equal(changed.status, 200);
      assert.deepEqual(changed.body.assignedLicenses, [{ skuId: BSTD, disabledPlans: [TEAMS1] }]);
      assert.deepEqual(await seats(woodgrove, BSTD), { enabled: 40, consumed: 35 }, 'no extra seat');

      const cases: Array<[unknown, RegExp]> = [
        [{ addLicenses: [{ skuId: MICROSOFT_365_E3.skuId, disabledPlans: [] }], removeLicenses: [] }, /does not correspond to a valid company License/],
        [{ addLicenses: [{ skuId: BSTD, disabledPlans: [PBI] }], removeLicenses: [] }, /not part of license/],
        [{ addLicenses: [{ skuId: BSTD }], removeLicenses: [BSTD] }, /both added and removed/],
        [{ addLicenses: [] }, /removeLicenses/],
        [{ addLicenses: [{ skuId: 'not-a-guid' }], removeLicenses: [] }, /Edm\.Guid/],
        [{ addLicenses: [], removeLicenses: [PBI] }, /does not have a corresponding license/],
      ];
      for (const [body, message] of cases) {
        const result = await assign(woodgrove, bstdOnly.id, body);
        assert.equal(result.status, 400, JSON.stringify(body));
        assert.match(result.body.error.message, message);
      }
      assert.equal((await assign(woodgrove, 'nobody@woodgrove.onmicrosoft.com', { addLicenses: [], removeLicenses: [] })).status, 404);
    });

    it('needs a usage location to add, and cannot remove a licence inherited from a group (Fabrikam, after GDAP approval)', async () => {
      const partnerGraph = await getToken(sandbox, 'graph');
      await requestGdap(sandbox, partnerGraph, FABRIKAM_TENANT_ID, 'Fabrikam - Relecloud move');
      await call(sandbox, `/_sandbox/gdap/${FABRIKAM_DOMAIN}/approve`, { method: 'POST' });
      const fabrikam = await getToken(sandbox, 'graph', { tenant: FABRIKAM_TENANT_ID });
      const users = (await call(sandbox, `/_sandbox/state?customer=${FABRIKAM_DOMAIN}`)).body.customers[0].users;
      const contractor = users.find((u: any) => u.usageLocation === null);
      const grouped = users.find((u: any) => u.licenseAssignmentStates.some((s: any) => s.assignedByGroup));

      const noLocation = await assign(fabrikam, contractor.id, { addLicenses: [{ skuId: MICROSOFT_365_E3.skuId, disabledPlans: [TEAMS1] }], removeLicenses: [] });
      assert.equal(noLocation.status, 400);
      assert.equal(noLocation.body.error.message, 'License assignment cannot be done for user with invalid usage location.');
      const inherited = await assign(fabrikam, grouped.id, { addLicenses: [], removeLicenses: [MICROSOFT_365_E3.skuId] });
      assert.equal(inherited.status, 400);
      assert.equal(inherited.body.error.message, 'User license is inherited from a group membership and it cannot be removed directly from the user.');
      assert.deepEqual((await call(sandbox, `/_sandbox/customers/${FABRIKAM_DOMAIN}/license-history`)).body.users, [], 'nothing changed');
    });
  });

  describe('$batch', () => {
    const batch = (token: string | undefined, requests: unknown[]) => call(sandbox, '/graph/v1.0/$batch', { token, json: { requests } });
    const get = (id: string, url: string, extra: Record<string, unknown> = {}) => ({ id, method: 'GET', url, ...extra });

    it('runs requests through the same handlers, honours dependsOn, and answers 424 when a dependency failed', async () => {
      const ok = await batch(woodgrove, [
        { id: '1', method: 'POST', url: `/users/${analyst.id}/assignLicense`, headers: { 'Content-Type': 'application/json' }, body: { addLicenses: [], removeLicenses: [PBI] } },
        get('2', `/users/${analyst.id}?$select=id,assignedLicenses`, { dependsOn: ['1'] }),
      ]);
      assert.equal(ok.status, 200);
      const byId = Object.fromEntries(ok.body.responses.map((r: any) => [r.id, r]));
      assert.equal(byId['1'].status, 200);
      assert.equal(byId['2'].status, 200);
      assert.deepEqual(byId['2'].body.assignedLicenses.map((l: any) => l.skuId), [BSTD]);

      const failed = await batch(woodgrove, [get('a', '/users/nobody@woodgrove.onmicrosoft.com'), get('b', '/organization', { dependsOn: ['A'] }), get('c', '/organization')]);
      const statuses = Object.fromEntries(failed.body.responses.map((r: any) => [r.id, r.status]));
      assert.deepEqual(statuses, { a: 404, b: 424, c: 200 });
    });

    it('can hold a 429 (graph-app throttle) or an injected fault inside a 200 batch', async () => {
      await call(sandbox, '/_sandbox/throttle', { json: { key: 'graph-app', limit: 2, windowSeconds: 60 } });
      const throttled = await batch(woodgrove, [get('1', '/organization'), get('2', '/subscribedSkus'), get('3', '/users?$top=1')]);
      assert.equal(throttled.status, 200);
      const third = throttled.body.responses.find((r: any) => r.id === '3');
      assert.equal(third.status, 429);
      assert.equal(third.body.error.code, 'TooManyRequests');
      assert.ok(Number(third.headers['Retry-After']) >= 1);
      await call(sandbox, '/_sandbox/throttle', { json: { key: 'graph-app', off: true } });

      await call(sandbox, '/_sandbox/faults', { json: { match: 'GET /graph/v1.0/organization', status: 503 } });
      const faulted = await batch(woodgrove, [get('1', '/organization'), get('2', '/organization')]);
      assert.deepEqual(faulted.body.responses.map((r: any) => r.status), [503, 200]);
    });

    it('enforces Graph\'s batch limits', async () => {
      const many = Array.from({ length: 21 }, (_, i) => get(String(i), '/organization'));
      const tooMany = await batch(woodgrove, many);
      assert.equal(tooMany.status, 400);
      assert.equal(tooMany.body.error.code, 'BadRequest');
      assert.equal((await batch(woodgrove, many.slice(0, 20))).status, 200, '20 is allowed');
      assert.equal((await batch(woodgrove, [get('x', '/organization'), get('X', '/organization')])).status, 400, 'ids are case-insensitive');
      assert.equal((await batch(woodgrove, [get('1', '/organization', { dependsOn: ['9'] })])).status, 400);
      assert.equal((await batch(woodgrove, [{ id: '1', method: 'POST', url: '/me/sendMail', body: {} }])).status, 400, 'a body needs Content-Type');
      assert.equal((await batch(woodgrove, [])).status, 400);
      assert.equal((await batch(undefined, [get('1', '/organization')])).status, 401);
      const nested = await batch(woodgrove, [{ id: '1', method: 'POST', url: '/$batch', headers: { 'Content-Type': 'application/json' }, body: { requests: [] } }]);
      assert.equal(nested.body.responses[0].status, 404);
    });
  });

  describe('sendMail and organization', () => {
    it('accepts mail with 202 and records it in the outbox (App+User /me, app-only /users/{id})', async () => {
      const alex = await adminToken(sandbox, 'graph', { userId: ALEX_WILBER_ID });
      const message = {
        message: { subject: 'Your invitation from Relecloud', body: { contentType: 'Text', content: 'Please accept: https://admin.microsoft.com/x' }, toRecipients: [{ emailAddress: { address: 'admin@contoso.onmicrosoft.com' } }] },
        saveToSentItems: 'false',
      };
      const sent = await call(sandbox, '/graph/v1.0/me/sendMail', { token: alex, json: message });
      assert.equal(sent.status, 202);
      assert.equal(sent.body, undefined);
      const partnerApp = await getToken(sandbox, 'graph');
      assert.equal((await call(sandbox, '/graph/v1.0/users/meganb@relecloud.onmicrosoft.com/sendMail', { token: partnerApp, json: message })).status, 202);

      const outbox = (await call(sandbox, '/_sandbox/state?customer=contoso.com')).body.outbox;
      assert.deepEqual(outbox.map((m: any) => ({ from: m.from, to: m.to, subject: m.subject })), [
        { from: 'alexw@relecloud.onmicrosoft.com', to: ['admin@contoso.onmicrosoft.com'], subject: 'Your invitation from Relecloud' },
        { from: 'meganb@relecloud.onmicrosoft.com', to: ['admin@contoso.onmicrosoft.com'], subject: 'Your invitation from Relecloud' },
      ]);
      assert.ok(outbox[0].at);
      assert.match(outbox[0].content, /admin\.microsoft\.com/);

      assert.equal((await call(sandbox, '/graph/v1.0/me/sendMail', { token: partnerApp, json: message })).status, 400, '/me needs App+User');
      const noRecipients = await call(sandbox, '/graph/v1.0/me/sendMail', { token: alex, json: { message: { subject: 'x' } } });
      assert.equal(noRecipients.status, 400);
      assert.equal(noRecipients.body.error.code, 'ErrorInvalidRecipients');
      assert.equal((await call(sandbox, '/graph/v1.0/users/nobody@relecloud.onmicrosoft.com/sendMail', { token: partnerApp, json: message })).status, 404);
      await resetSandbox(sandbox);
      assert.deepEqual((await call(sandbox, '/_sandbox/state?customer=contoso.com')).body.outbox, []);
    });

    it('gives countryLetterCode for every tenant', async () => {
      for (const tenant of sandbox.world.allTenants()) assert.match(tenant.countryLetterCode, /^[A-Z]{2}$/, tenant.initialDomain);
      const organization = await call(sandbox, '/graph/v1.0/organization', { token: woodgrove });
      assert.equal(organization.body.value[0].countryLetterCode, 'US');
      const partner = await call(sandbox, '/graph/v1.0/organization', { token: await getToken(sandbox, 'graph') });
      assert.equal(partner.body.value[0].countryLetterCode, 'US');
    });
  });
});
