/**
 * `/_sandbox/permissions`: withdrawing one of the app registration's API permissions makes Graph answer 403 as it
 * does for an app without it, leaves it out of new tokens, and (for Partner Center's and the Partner API's delegated
 * permission) makes Entra refuse the App+User token with AADSTS65001. Reset grants everything again.
 */
import assert from 'node:assert/strict';
import type { SandboxHandle } from '../../sandbox/server';
import { ALEX_WILBER_ID, PARTNER_TENANT_ID } from '../../sandbox/world/constants';
import { permissionForGraphPath } from '../../sandbox/api/graph/permissionGate';
import { call, decodeJwt, getToken, resetSandbox, tokenRequest, useSandbox } from './helpers';

describe('sandbox: withdrawing the app\'s API permissions (/_sandbox/permissions)', () => {
  let sandbox: SandboxHandle;
  useSandbox((started) => { sandbox = started; });

  const permissions = (body: unknown) => call(sandbox, '/_sandbox/permissions', { json: body });

  it('starts with nothing withdrawn and lists what can be', async () => {
    const { status, body } = await call(sandbox, '/_sandbox/permissions');
    assert.equal(status, 200);
    assert.deepEqual(body.withdrawn, []);
    assert.ok(body.withdrawable.includes('GroupMember.Read.All'));
    assert.ok(body.withdrawable.includes('partner-center/user_impersonation'));
  });

  it('withdrawn GroupMember.Read.All: memberOf and /groups answer Graph\'s 403 while other routes still answer; restore undoes it', async () => {
    const token = await getToken(sandbox, 'graph');
    const memberOf = `/graph/v1.0/users/${ALEX_WILBER_ID}/memberOf`;
    assert.equal((await call(sandbox, memberOf, { token })).status, 200);

    const withdrawn = await permissions({ withdraw: ['groupmember.read.all'] });
    assert.equal(withdrawn.status, 200);
    assert.deepEqual(withdrawn.body.withdrawn, ['GroupMember.Read.All'], 'names are matched case-insensitively and kept as Entra spells them');
    for (const path of [memberOf, "/graph/v1.0/groups?$filter=displayName eq 'AdminAgents'"]) {
      const refused = await call(sandbox, path, { token });
      assert.equal(refused.status, 403, path);
      assert.equal(refused.body.error.code, 'Authorization_RequestDenied');
      assert.equal(refused.body.error.message, 'Insufficient privileges to complete the operation.');
      assert.ok(refused.body.error.innerError['request-id']);
    }
    assert.equal((await call(sandbox, `/graph/v1.0/users/${ALEX_WILBER_ID}`, { token })).status, 200, 'User.Read.All is still granted');
    assert.ok(!decodeJwt(await getToken(sandbox, 'graph')).roles.includes('GroupMember.Read.All'), 'new tokens leave it out');

    assert.deepEqual((await permissions({ restore: ['GroupMember.Read.All'] })).body.withdrawn, []);
    assert.equal((await call(sandbox, memberOf, { token })).status, 200);
    assert.ok(decodeJwt(await getToken(sandbox, 'graph')).roles.includes('GroupMember.Read.All'));
  });

  it('withdrawn Partner Center user_impersonation: the refresh-token grant is refused with AADSTS65001, app-only still works', async () => {
    await permissions({ withdraw: ['partner-center/user_impersonation'] });
    const refused = await call(sandbox, `/login/${PARTNER_TENANT_ID}/oauth2/v2.0/token`, {
      form: { ...tokenRequest('partnerCenter', 'refresh_token'), scope: 'https://api.partnercenter.microsoft.com/user_impersonation' },
    });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error, 'invalid_grant');
    assert.deepEqual(refused.body.error_codes, [65001]);
    assert.match(refused.body.error_description, /^AADSTS65001: The user or administrator has not consented to use the application/);
    assert.ok(await getToken(sandbox, 'partnerCenter'), 'client credentials are not a delegated consent');
    assert.ok(await getToken(sandbox, 'graph', { grant: 'refresh_token' }), 'Graph\'s delegated permissions are another consent');
  });

  it('withdrawn Mail.Send: left out of the delegated scopes as well, and sendMail is refused', async () => {
    await permissions({ withdraw: ['Mail.Send'] });
    const userToken = await getToken(sandbox, 'graph', { grant: 'refresh_token' });
    assert.ok(!decodeJwt(userToken).scp.split(' ').includes('Mail.Send'));
    const sent = await call(sandbox, '/graph/v1.0/me/sendMail', { token: userToken, json: { message: { subject: 'x', body: { contentType: 'Text', content: 'x' }, toRecipients: [{ emailAddress: { address: 'a@b.c' } }] } } });
    assert.equal(sent.status, 403);
  });

  it('refuses unknown names and bad bodies with a 400, changing nothing; reset grants everything again', async () => {
    const unknown = await permissions({ withdraw: ['Mail.Send', 'Sites.FullControl.All'] });
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.message, /Unknown permission 'Sites\.FullControl\.All'; use GroupMember\.Read\.All/);
    for (const body of [{}, { withdraw: 'Mail.Send' }, { withdraw: [1] }, { revoke: ['Mail.Send'] }, { restore: 'some' }]) {
      assert.equal((await permissions(body)).status, 400, JSON.stringify(body));
    }
    assert.deepEqual((await call(sandbox, '/_sandbox/permissions')).body.withdrawn, []);
    await permissions({ withdraw: ['User.Read.All', 'DelegatedAdminRelationship.ReadWrite.All'] });
    assert.deepEqual((await permissions({ restore: 'all', withdraw: ['Organization.Read.All'] })).body.withdrawn, ['Organization.Read.All']);
    await resetSandbox(sandbox);
    assert.deepEqual((await call(sandbox, '/_sandbox/permissions')).body.withdrawn, []);
  });

  it('maps each Graph route to the permission the bot\'s app registration grants for it', () => {
    const cases: Array<[string, string | null]> = [
      ['/graph/v1.0/users/x/memberOf', 'GroupMember.Read.All'],
      ['/graph/v1.0/me/transitiveMemberOf', 'GroupMember.Read.All'],
      ['/graph/v1.0/groups/abc/members', 'GroupMember.Read.All'],
      ["/graph/v1.0/directoryRoles(roleTemplateId='x')/members", 'RoleManagement.Read.Directory'],
      ['/graph/v1.0/users/x/sendMail', 'Mail.Send'],
      ['/graph/v1.0/users/x/assignLicense', 'LicenseAssignment.ReadWrite.All'],
      ['/graph/v1.0/users/x', 'User.Read.All'],
      ['/graph/v1.0/tenantRelationships/delegatedAdminRelationships', 'DelegatedAdminRelationship.ReadWrite.All'],
      ['/graph/v1.0/subscribedSkus', 'Organization.Read.All'],
      ['/graph/v1.0/me', null],
    ];
    for (const [path, permission] of cases) assert.equal(permissionForGraphPath(path), permission, path);
  });
});

describe('sandbox: Partner Center webhook registration (/webhooks/v1/registration)', () => {
  let sandbox: SandboxHandle;
  useSandbox((started) => { sandbox = started; });
  const PATH = '/webhooks/v1/registration';

  it('is missing at first (404), created with POST (PascalCase or camelCase), replaced with PUT, and gone after a reset', async () => {
    const token = await getToken(sandbox, 'partnerCenter');
    assert.equal((await call(sandbox, PATH, { token })).status, 404);
    assert.equal((await call(sandbox, PATH, { token, method: 'PUT', json: { webhookUrl: 'https://bot.example.com/x', webhookEvents: ['test-created'] } })).status, 404);
    const created = await call(sandbox, PATH, { token, json: { WebhookUrl: 'https://bot.example.com/api/partnercenter/events', WebhookEvents: ['reseller-relationship-accepted-by-customer'] } });
    assert.equal(created.status, 200);
    assert.equal(created.body.webhookUrl, 'https://bot.example.com/api/partnercenter/events');
    assert.deepEqual(created.body.webhookEvents, ['reseller-relationship-accepted-by-customer']);
    assert.match(created.body.subscriberId, /^[0-9a-f-]{36}$/);
    assert.equal((await call(sandbox, PATH, { token, json: { webhookUrl: 'https://other.example.com/', webhookEvents: ['test-created'] } })).status, 409);
    const replaced = await call(sandbox, PATH, { token, method: 'PUT', json: { webhookUrl: 'https://other.example.com/e', webhookEvents: ['test-created', 'test-created'] } });
    assert.deepEqual([replaced.status, replaced.body.webhookUrl, replaced.body.webhookEvents], [200, 'https://other.example.com/e', ['test-created']]);
    assert.equal((await call(sandbox, PATH, { token })).body.webhookUrl, 'https://other.example.com/e');
    await resetSandbox(sandbox);
    assert.equal((await call(sandbox, PATH, { token })).status, 404);
  });

  it('refuses an http URL, unknown events and calls without a Partner Center token', async () => {
    const token = await getToken(sandbox, 'partnerCenter');
    for (const body of [{ webhookUrl: 'http://bot.example.com/e', webhookEvents: ['test-created'] }, { webhookUrl: 'https://bot.example.com/e', webhookEvents: ['everything'] }, { webhookUrl: 'https://bot.example.com/e', webhookEvents: [] }, []]) {
      const refused = await call(sandbox, PATH, { token, json: body });
      assert.equal(refused.status, 400, JSON.stringify(body));
      assert.equal(refused.body.source, 'PartnerFD');
    }
    assert.equal((await call(sandbox, PATH)).status, 401);
    assert.equal((await call(sandbox, PATH, { token })).status, 404, 'nothing was registered');
  });
});
