/**
 * PartnerDirectory.grantDelegatedAccess against the sandbox: nothing before the customer approves GDAP, then
 * the configured partner group (GDAP_ACCESS_GROUP: a display name looked up once, or an object id) gets the
 * relationship's roles, and a repeated step reuses the assignment.
 */
import assert from 'node:assert/strict';
import { CONTOSO_DOMAIN, CONTOSO_TENANT_ID, PARTNER_TENANT_ID, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_REFRESH_TOKEN } from '../../sandbox/world/constants';
import type { SandboxHandleWithWorld } from '../../sandbox/server';
import { GraphError } from '../../services/graph/graphError';
import type { PartnerGraphDirectory } from '../../services/graph/partnerGraphDirectory';
import { createOutboundServices, sandboxEndpoints } from '../../services/outboundServices';
import { useSandboxServices } from './support/sandboxServices';

const ctx = { correlationId: '0f0e0d0c-0b0a-4909-8807-0605040302aa' };

describe('services: GDAP access for the partner group, against the sandbox', function () {
  this.timeout(30_000);
  let sandbox: SandboxHandleWithWorld;
  let directory: PartnerGraphDirectory;
  const sb = useSandboxServices((started, built) => { sandbox = started; directory = built.partnerDirectory; });

  /** The same adapter with another GDAP_ACCESS_GROUP. */
  function directoryWith(gdapAccessGroup: string): PartnerGraphDirectory {
    return createOutboundServices({
      endpoints: sandboxEndpoints(sandbox.url), partnerTenantId: PARTNER_TENANT_ID, clientId: SANDBOX_CLIENT_ID,
      clientSecret: SANDBOX_CLIENT_SECRET, refreshToken: SANDBOX_REFRESH_TOKEN, gdapAccessGroup,
    }).partnerDirectory;
  }

  async function requestGdap(requestId: string): Promise<string> {
    return (await directory.requestDelegatedAdmin(CONTOSO_TENANT_ID, 'Relecloud move - Contoso', { ...ctx, requestId })).relationshipId;
  }

  async function gdapOfContoso(): Promise<Array<{ id: string; status: string; accessAssignments: Array<{ id: string; accessContainerId: string; roles: string[] }> }>> {
    return (await sb.state(CONTOSO_DOMAIN)).customers[0].gdap;
  }

  async function partnerGroupId(name: string): Promise<string> {
    const groups = (await sb.state()).partner.groups as Array<{ id: string; displayName: string }>;
    return groups.find((g) => g.displayName === name)!.id;
  }

  async function groupLookups(): Promise<number> {
    return (await sb.admin('GET', '/stats')).requests['GET /graph/v1.0/groups'] ?? 0;
  }

  it('changes nothing before the customer approves, and says the status (or notFound)', async () => {
    const relationshipId = await requestGdap('e1000000-0000-4000-8000-000000000001');
    assert.deepEqual(await directory.grantDelegatedAccess(relationshipId, ctx), { kind: 'not-active', relationshipStatus: 'approvalPending' });
    assert.deepEqual(await directory.grantDelegatedAccess('00000000-0000-4000-8000-00000000dead', ctx), { kind: 'not-active', relationshipStatus: 'notFound' });
    const [gdap] = await gdapOfContoso();
    assert.deepEqual(gdap?.accessAssignments, []);
  });

  it('gives AdminAgents the relationship\'s roles once the customer approved, and reuses the assignment', async () => {
    const relationshipId = await requestGdap('e1000000-0000-4000-8000-000000000002');
    await sb.accept(CONTOSO_DOMAIN);
    await sb.admin('DELETE', '/stats');
    const adminAgents = await partnerGroupId('AdminAgents');

    const access = await directory.grantDelegatedAccess(relationshipId, ctx);
    assert.ok(access.kind === 'granted', JSON.stringify(access));
    assert.deepEqual([access.groupId, access.groupName, access.assignmentStatus], [adminAgents, 'AdminAgents', 'pending']);
    const again = await directory.grantDelegatedAccess(relationshipId, ctx);
    assert.deepEqual(again, access, 'a repeated step finds the same assignment');

    const [gdap] = await gdapOfContoso();
    assert.equal(gdap?.status, 'active');
    assert.equal(gdap?.accessAssignments.length, 1, 'no second assignment');
    assert.equal(gdap?.accessAssignments[0]?.id, access.assignmentId);
    assert.equal(gdap?.accessAssignments[0]?.accessContainerId, adminAgents);
    const relationship = await directory.gdap.get(relationshipId, ctx);
    assert.deepEqual([...gdap!.accessAssignments[0]!.roles].sort(), [...relationship!.roleDefinitionIds].sort());
    assert.equal(await groupLookups(), 1, 'the group name is looked up once per directory');
  });

  it('uses a group given by object id as is, without looking it up', async () => {
    const relationshipId = await requestGdap('e1000000-0000-4000-8000-000000000003');
    await sb.accept(CONTOSO_DOMAIN);
    await sb.admin('DELETE', '/stats');
    const helpdesk = await partnerGroupId('HelpdeskAgents');

    const access = await directoryWith(helpdesk).grantDelegatedAccess(relationshipId, ctx);
    assert.ok(access.kind === 'granted', JSON.stringify(access));
    assert.deepEqual([access.groupId, access.groupName], [helpdesk, helpdesk]);
    assert.equal((await gdapOfContoso())[0]?.accessAssignments[0]?.accessContainerId, helpdesk);
    assert.equal(await groupLookups(), 0);
  });

  it('finds a group by another display name, whatever its case', async () => {
    const relationshipId = await requestGdap('e1000000-0000-4000-8000-000000000004');
    await sb.accept(CONTOSO_DOMAIN);
    const access = await directoryWith('salesagents').grantDelegatedAccess(relationshipId, ctx);
    assert.ok(access.kind === 'granted');
    assert.deepEqual([access.groupId, access.groupName], [await partnerGroupId('SalesAgents'), 'SalesAgents']);
  });

  it('says which group is missing, which setting names it, and what to do', async () => {
    const relationshipId = await requestGdap('e1000000-0000-4000-8000-000000000005');
    await sb.accept(CONTOSO_DOMAIN);
    await assert.rejects(directoryWith("O'Brien's GDAP admins").grantDelegatedAccess(relationshipId, ctx), (error: unknown) => {
      assert.ok(error instanceof GraphError, String(error));
      assert.match(error.message, /"O'Brien's GDAP admins"/);
      assert.match(error.message, /GDAP_ACCESS_GROUP/);
      assert.match(error.message, /create the security group or set GDAP_ACCESS_GROUP to its object id/);
      return true;
    });
    assert.deepEqual((await gdapOfContoso())[0]?.accessAssignments, []);
  });
});
