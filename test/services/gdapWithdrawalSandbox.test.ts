/**
 * PartnerDirectory.withdrawDelegatedAdminRequest against the sandbox (a cancelled move's GDAP request): a request still
 * `created` is deleted, one waiting for the customer (`approvalPending`) terminated, so the customer can no longer
 * approve it; one the customer approved stays; one gone needs nothing; repeating it is harmless.
 */
import assert from 'node:assert/strict';
import { CONTOSO_DOMAIN, CONTOSO_TENANT_ID } from '../../sandbox/world/constants';
import type { PartnerGraphDirectory } from '../../services/graph/partnerGraphDirectory';
import { useSandboxServices } from './support/sandboxServices';

const ctx = { correlationId: '0f0e0d0c-0b0a-4909-8807-0605040302bb' };

describe('services: withdrawing a GDAP request, against the sandbox', function () {
  this.timeout(30_000);
  let directory: PartnerGraphDirectory;
  const sb = useSandboxServices((_sandbox, built) => { directory = built.partnerDirectory; });

  async function statusOf(relationshipId: string): Promise<string | undefined> {
    const gdap = (await sb.state(CONTOSO_DOMAIN)).customers[0].gdap as Array<{ id: string; status: string }>;
    return gdap.find((r) => r.id === relationshipId)?.status;
  }

  it('terminates a request waiting for the customer, who then cannot approve it; a repeat finds it ended', async () => {
    const { relationshipId } = await directory.requestDelegatedAdmin(CONTOSO_TENANT_ID, 'CSP move withdraw', { ...ctx, requestId: 'w1000000-0000-4000-8000-000000000001' });
    assert.equal(await statusOf(relationshipId), 'approvalPending');
    assert.deepEqual(await directory.withdrawDelegatedAdminRequest(relationshipId, ctx), { outcome: 'withdrawn', status: 'approvalPending' });
    assert.equal(await statusOf(relationshipId), 'terminated');
    assert.deepEqual((await sb.approveGdap(CONTOSO_DOMAIN)).approved, []);
    assert.deepEqual(await directory.withdrawDelegatedAdminRequest(relationshipId, ctx), { outcome: 'already-ended', status: 'terminated' });
  });

  it('deletes a request never locked for approval (status created), with its etag', async () => {
    const created = await directory.gdap.create({ displayName: 'CSP move created only', customerTenantId: CONTOSO_TENANT_ID, roleDefinitionIds: ['88d8e3e3-8f55-4a1e-953a-9b9898b8876b'] }, ctx);
    assert.equal(created.status, 'created');
    assert.deepEqual(await directory.withdrawDelegatedAdminRequest(created.id, ctx), { outcome: 'withdrawn', status: 'created' });
    assert.equal(await statusOf(created.id), undefined, 'gone');
    assert.deepEqual(await directory.withdrawDelegatedAdminRequest(created.id, ctx), { outcome: 'already-ended', status: 'notFound' });
  });

  it('leaves a relationship the customer approved in place', async () => {
    const { relationshipId } = await directory.requestDelegatedAdmin(CONTOSO_TENANT_ID, 'CSP move approved', { ...ctx, requestId: 'w1000000-0000-4000-8000-000000000003' });
    await sb.approveGdap(CONTOSO_DOMAIN);
    assert.deepEqual(await directory.withdrawDelegatedAdminRequest(relationshipId, ctx), { outcome: 'approved', status: 'active' });
    assert.equal(await statusOf(relationshipId), 'active');
  });

  it('refuses to delete without If-Match, or once locked for approval (the sandbox keeps Graph\'s rule)', async () => {
    const { relationshipId } = await directory.requestDelegatedAdmin(CONTOSO_TENANT_ID, 'CSP move rules', { ...ctx, requestId: 'w1000000-0000-4000-8000-000000000004' });
    const token = await sb.token({ audience: 'graph' });
    const path = `/graph/v1.0/tenantRelationships/delegatedAdminRelationships/${relationshipId}`;
    assert.equal((await sb.raw('DELETE', path, { token })).status, 400, 'no If-Match');
    const locked = await sb.raw('DELETE', path, { token, headers: { 'If-Match': '*' } });
    assert.equal(locked.status, 400);
    assert.match(JSON.stringify(locked.body), /only a relationship in status 'created' can be deleted/);
    assert.equal(await statusOf(relationshipId), 'approvalPending');
  });
});
