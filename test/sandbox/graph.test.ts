import assert from 'node:assert/strict';
import { startSandbox, type SandboxHandle } from '../../sandbox/server';
import {
  ADELE_VANCE_ID, ALEX_WILBER_ID, BILLING_ADMINISTRATOR_ROLE_TEMPLATE_ID, CONTOSO_DOMAIN, CONTOSO_TENANT_ID, FABRIKAM_TENANT_ID,
  GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID, ISAIAH_LANGER_ID, LYNNE_ROBBINS_ID, MEGAN_BOWEN_ID, PARTNER_TENANT_ID, PATTI_FERNANDEZ_ID,
  WOODGROVE_TENANT_ID,
} from '../../sandbox/world/constants';
import { call, getToken, resetSandbox } from './helpers';

const GDAP = '/graph/v1.0/tenantRelationships/delegatedAdminRelationships';
const SPE_E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';

function memberships(body: any): string[] {
  return body.value.map((o: any) => `${o['@odata.type']}:${o.displayName}`).sort();
}

describe('sandbox Graph (/graph/v1.0)', () => {
  let sandbox: SandboxHandle;
  let partnerToken: string;

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    partnerToken = await getToken(sandbox, 'graph');
  });
  after(async () => {
    await sandbox.close();
  });
  beforeEach(() => resetSandbox(sandbox));

  it('reads the staff roles from memberOf (groups and directory roles)', async () => {
    const expected: Record<string, string[]> = {
      [ALEX_WILBER_ID]: ['#microsoft.graph.directoryRole:Global Administrator'],
      [MEGAN_BOWEN_ID]: ['#microsoft.graph.group:SalesAgents'],
      [ADELE_VANCE_ID]: ['#microsoft.graph.directoryRole:Billing Administrator'],
      [ISAIAH_LANGER_ID]: [],
      [PATTI_FERNANDEZ_ID]: ['#microsoft.graph.group:AdminAgents'],
      [LYNNE_ROBBINS_ID]: ['#microsoft.graph.group:HelpdeskAgents'],
    };
    for (const [userId, names] of Object.entries(expected)) {
      const { status, body } = await call(sandbox, `/graph/v1.0/users/${userId}/memberOf`, { token: partnerToken });
      assert.equal(status, 200);
      assert.ok(body['@odata.context']);
      assert.deepEqual(memberships(body), names, userId);
    }
    const alex = await call(sandbox, `/graph/v1.0/users/${ALEX_WILBER_ID}/memberOf`, { token: partnerToken });
    assert.equal(alex.body.value[0].roleTemplateId, GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID);
    const adele = await call(sandbox, `/graph/v1.0/users/${ADELE_VANCE_ID}/memberOf`, { token: partnerToken });
    assert.equal(adele.body.value[0].roleTemplateId, BILLING_ADMINISTRATOR_ROLE_TEMPLATE_ID);
    const unknown = await call(sandbox, '/graph/v1.0/users/00000000-0000-0000-0000-0000000000099/memberOf', { token: partnerToken });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'Request_ResourceNotFound');
  });

  it('reads the partner organization', async () => {
    const { body } = await call(sandbox, '/graph/v1.0/organization', { token: partnerToken });
    assert.equal(body.value[0].id, PARTNER_TENANT_ID);
    assert.equal(body.value[0].countryLetterCode, 'US');
    assert.ok(body.value[0].verifiedDomains.some((d: any) => d.isInitial && d.name === 'relecloud.onmicrosoft.com'));
  });

  it('shows a customer tenant its licences, subscriptions and licensed users (Woodgrove, GDAP active)', async () => {
    const token = await getToken(sandbox, 'graph', { tenant: WOODGROVE_TENANT_ID });
    const skus = await call(sandbox, '/graph/v1.0/subscribedSkus', { token });
    const standard = skus.body.value.find((s: any) => s.skuPartNumber === 'O365_BUSINESS_PREMIUM');
    assert.equal(standard.id, `${WOODGROVE_TENANT_ID}_${standard.skuId}`);
    assert.deepEqual(standard.prepaidUnits, { enabled: 40, suspended: 0, warning: 0, lockedOut: 0 });
    assert.equal(standard.consumedUnits, 35);
    assert.ok(standard.servicePlans.length > 10 && standard.servicePlans[0].servicePlanId);
    const subscriptions = await call(sandbox, '/graph/v1.0/directory/subscriptions', { token });
    assert.ok(subscriptions.body.value.every((s: any) => s.ownerTenantId && s.ownerTenantId !== PARTNER_TENANT_ID), 'sold by another partner');
    assert.deepEqual(subscriptions.body.value.map((s: any) => s.id).sort(), skus.body.value.flatMap((s: any) => s.subscriptionIds).sort());
    const organization = await call(sandbox, '/graph/v1.0/organization', { token });
    assert.equal(organization.body.value[0].displayName, 'Woodgrove Bank');
  });

  it('pages users holding a SKU with @odata.nextLink and returns licences only on $select', async () => {
    // Fabrikam has no GDAP; create and approve one to read its users.
    const created = await call(sandbox, GDAP, { token: partnerToken, json: { displayName: 'Fabrikam users', duration: 'P90D', customer: { tenantId: FABRIKAM_TENANT_ID }, accessDetails: { unifiedRoles: [{ roleDefinitionId: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b' }] } } });
    await call(sandbox, `${GDAP}/${created.body.id}/requests`, { token: partnerToken, json: { action: 'lockForApproval' } });
    await call(sandbox, `/_sandbox/customers/${FABRIKAM_TENANT_ID}/accept`, { method: 'POST' });
    const token = await getToken(sandbox, 'graph', { tenant: FABRIKAM_TENANT_ID });

    const select = '$select=id,userPrincipalName,usageLocation,assignedLicenses,licenseAssignmentStates';
    let url = `/graph/v1.0/users?${select}&$filter=assignedLicenses/any(x:x/skuId eq ${SPE_E3})&$top=20`;
    const users: any[] = [];
    let pages = 0;
    while (url) {
      const { status, body } = await call(sandbox, url, { token });
      assert.equal(status, 200, JSON.stringify(body));
      users.push(...body.value);
      pages += 1;
      url = body['@odata.nextLink'];
    }
    assert.equal(pages, 3);
    assert.equal(users.length, 46);
    assert.equal(users.filter((u) => u.assignedLicenses[0].disabledPlans.length > 0).length, 3);
    assert.equal(users.filter((u) => u.licenseAssignmentStates.some((s: any) => s.assignedByGroup)).length, 2);
    assert.equal(users.filter((u) => u.usageLocation === null).length, 1);

    const plain = await call(sandbox, `/graph/v1.0/users/${users[0].id}`, { token });
    assert.equal(plain.body.assignedLicenses, undefined, 'assignedLicenses only on $select');
    assert.equal(plain.body.userPrincipalName, users[0].userPrincipalName);
  });

  it('finds the partner\'s groups by display name with $filter and $select, as Graph does', async () => {
    const groups = (path: string) => call(sandbox, `/graph/v1.0/groups${path}`, { token: partnerToken });
    const filter = (expression: string) => `?$filter=${encodeURIComponent(expression)}`;

    const all = await groups('');
    assert.equal(all.status, 200);
    assert.deepEqual(all.body.value.map((g: any) => g.displayName).sort(), ['AdminAgents', 'HelpdeskAgents', 'SalesAgents']);
    assert.equal(all.body.value[0]['@odata.type'], undefined, 'a plain group collection has no @odata.type per item');
    assert.equal(all.body.value[0].securityEnabled, true);

    const adminAgents = await groups(`${filter("displayName eq 'adminagents'")}&$select=id,displayName`);
    assert.equal(adminAgents.status, 200);
    assert.match(adminAgents.body['@odata.context'], /\$metadata#groups\(id,displayName\)$/);
    assert.equal(adminAgents.body.value.length, 1, 'case-insensitive, like Graph');
    assert.deepEqual(Object.keys(adminAgents.body.value[0]).sort(), ['displayName', 'id']);
    assert.equal(adminAgents.body.value[0].displayName, 'AdminAgents');

    const patti = await call(sandbox, `/graph/v1.0/users/${PATTI_FERNANDEZ_ID}/memberOf`, { token: partnerToken });
    assert.equal(patti.body.value[0].id, adminAgents.body.value[0].id, 'the same group memberOf lists');
    const byId = await groups(`/${adminAgents.body.value[0].id}?$select=displayName`);
    assert.equal(byId.body.displayName, 'AdminAgents');
    assert.equal((await groups('/00000000-0000-4000-8000-000000000000')).status, 404);

    assert.deepEqual((await groups(filter("displayName eq 'O''Brien''s admins' and securityEnabled eq true"))).body.value, [], 'doubled quotes are one quote');
    assert.equal((await groups(filter("mailNickname eq 'SalesAgents' and securityEnabled eq true"))).body.value.length, 1);
    const unsupported = await groups(filter("startswith(displayName,'Admin')"));
    assert.equal(unsupported.status, 400);
    assert.equal(unsupported.body.error.code, 'Request_UnsupportedQuery');
    const unquoted = await groups(filter("displayName eq 'O'Brien'"));
    assert.equal(unquoted.status, 400, 'a lone quote ends the literal');
    assert.equal((await groups('?$select=id,nickname')).status, 400, 'an unknown $select property');
  });

  describe('GDAP', () => {
    const roles = { unifiedRoles: [{ roleDefinitionId: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b' }] };

    it('create → lockForApproval → approvalPending → customer accepts → active', async () => {
      const created = await call(sandbox, GDAP, { token: partnerToken, json: { displayName: 'Contoso - least privilege', duration: 'P730D', customer: { tenantId: CONTOSO_TENANT_ID }, accessDetails: roles, autoExtendDuration: 'P180D' } });
      assert.equal(created.status, 201);
      assert.equal(created.body.status, 'created');
      assert.ok(created.body['@odata.etag']);
      assert.ok(created.body.id.startsWith(`${CONTOSO_TENANT_ID}-`));
      assert.ok(created.headers.get('location')?.endsWith(created.body.id));

      const locked = await call(sandbox, `${GDAP}/${created.body.id}/requests`, { token: partnerToken, json: { action: 'lockForApproval' }, headers: { 'If-Match': created.body['@odata.etag'] } });
      assert.equal(locked.status, 201);
      assert.equal(locked.body.action, 'lockForApproval');
      assert.equal(locked.body.status, 'created');
      assert.equal((await call(sandbox, `${GDAP}/${created.body.id}`, { token: partnerToken })).body.status, 'approvalPending');

      const accepted = await call(sandbox, `/_sandbox/customers/${CONTOSO_DOMAIN}/accept`, { method: 'POST' });
      assert.equal(accepted.status, 200);
      const active = await call(sandbox, `${GDAP}/${created.body.id}`, { token: partnerToken });
      assert.equal(active.body.status, 'active');
      assert.ok(active.body.activatedDateTime && active.body.endDateTime);
      const days = (Date.parse(active.body.endDateTime) - Date.parse(active.body.activatedDateTime)) / 86400000;
      assert.equal(days, 730);

      const filtered = await call(sandbox, `${GDAP}?$filter=${encodeURIComponent(`status eq 'active' and customer/tenantId eq '${CONTOSO_TENANT_ID}'`)}`, { token: partnerToken });
      assert.deepEqual(filtered.body.value.map((r: any) => r.id), [created.body.id]);
      const allActive = await call(sandbox, `${GDAP}?$filter=${encodeURIComponent("status eq 'active'")}`, { token: partnerToken });
      assert.equal(allActive.body.value.length, 2, 'Woodgrove (seeded) and Contoso');
    });

    it('validates name, duration, roles and refuses Global Administrator with auto-extend', async () => {
      const base = { displayName: 'Valid name', duration: 'P730D', customer: { tenantId: CONTOSO_TENANT_ID }, accessDetails: roles };
      const cases: Array<[string, object]> = [
        ['name too long', { ...base, displayName: 'x'.repeat(51) }],
        ['duration too long', { ...base, duration: 'P731D' }],
        ['duration not ISO', { ...base, duration: '2 years' }],
        ['no roles', { ...base, accessDetails: { unifiedRoles: [] } }],
        ['global admin + auto-extend', { ...base, accessDetails: { unifiedRoles: [{ roleDefinitionId: GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID }] }, autoExtendDuration: 'P180D' }],
      ];
      for (const [name, body] of cases) {
        const result = await call(sandbox, GDAP, { token: partnerToken, json: body });
        assert.equal(result.status, 400, name);
        assert.ok(result.body.error.code && result.body.error.message, name);
      }
      const globalAdminNoExtend = await call(sandbox, GDAP, { token: partnerToken, json: { ...base, accessDetails: { unifiedRoles: [{ roleDefinitionId: GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID }] }, autoExtendDuration: 'PT0S' } });
      assert.equal(globalAdminNoExtend.status, 201);
      const duplicate = await call(sandbox, GDAP, { token: partnerToken, json: base });
      assert.equal(duplicate.status, 400, 'displayName must be unique');
    });
  });
});
