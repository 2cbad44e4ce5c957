/**
 * The CustomerDirectory port's licence methods (CustomerGraphDirectory over CustomerLicensing) against the
 * sandbox's Fabrikam: 46 users hold Microsoft 365 E3 (SPE_E3), 2 of them through a group, 1 without a usage
 * location, 3 with plans switched off. The licence-reassignment step's call: one assignLicense per user that adds
 * "Microsoft 365 E3 (no Teams)" + "Microsoft Teams Enterprise" (bought through Partner Center here) and removes
 * SPE_E3, through $batch.
 */
import assert from 'node:assert/strict';
import { type SandboxHandleWithWorld } from '../../sandbox/server';
import {
  CONTOSO_TENANT_ID, FABRIKAM_DOMAIN, FABRIKAM_TENANT_ID, SANDBOX_CLIENT_ID, } from '../../sandbox/world/constants';
import { INHERITED_LICENSE_MESSAGE, noSeatsMessage, USAGE_LOCATION_MESSAGE } from '../../sandbox/world/licenseAssignment';
import type { LicensedUser, UserLicenceChange } from '../../move/ports';
import { CustomerGraphDirectory } from '../../services/graph/customerGraphDirectory';
import { GraphClientFactory } from '../../services/graph/graphClientFactory';
import { GraphError } from '../../services/graph/graphError';
import { TokenRequestError } from '../../services/identity/tokenProvider';
import { sandboxEndpoints, type OutboundServices } from '../../services/outboundServices';
import { useSandboxServices } from './support/sandboxServices';

const ctx = { correlationId: '0f0e0d0c-0b0a-4909-8807-0605040302aa' };
const SPE_E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const E3_NO_TEAMS = { productId: 'CFQ7TTC0LFLX', skuId: '0021', graphSkuId: 'dcf0408c-aaec-446c-afd4-43e3683943ea' };
const TEAMS_ENTERPRISE = { productId: 'CFQ7TTC0MZJF', skuId: '0009', graphSkuId: '7e31c0d9-9551-471d-836f-32ee72be4a01' };
const TEAMS_PLANS = ['57ff2da0-773e-42df-b2af-ffb7a2317929', 'dcf9d2f4-772e-4434-b757-77a453cfbc02', '3efbd4ed-8958-4824-8389-1321f8730af8',
  'f0ff6ac6-297d-49cd-be34-6dfef97f0c28'];
const TEAMS1 = '57ff2da0-773e-42df-b2af-ffb7a2317929';
const YAMMER = '7547a3fe-08ee-4ccb-b430-5077c5041653';

/** The reassignment step's change: the pair in, SPE_E3 out, the user's switched-off plans kept off where the new SKU has them. */
function swap(user: Pick<LicensedUser, 'id' | 'assignedLicenses'>): UserLicenceChange {
  const off = user.assignedLicenses.find((l) => l.skuId === SPE_E3)?.disabledPlans ?? [];
  return {
    userId: user.id,
    addLicenses: [
      { skuId: E3_NO_TEAMS.graphSkuId, disabledPlans: off.filter((p) => p !== TEAMS1) },
      { skuId: TEAMS_ENTERPRISE.graphSkuId, disabledPlans: off.filter((p) => TEAMS_PLANS.includes(p)) },
    ],
    removeLicenses: [SPE_E3],
  };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('services: CustomerDirectory licence methods against the sandbox (Fabrikam)', function () {
  this.timeout(30_000);
  let sandbox: SandboxHandleWithWorld;
  let services: OutboundServices;
  const sb = useSandboxServices((started, built) => { sandbox = started; services = built; });

  beforeEach(async () => {
    // Graph access to Fabrikam: GDAP requested, then approved with the reseller relationship.
    await services.partnerDirectory.requestDelegatedAdmin(FABRIKAM_TENANT_ID, 'Relecloud move - Fabrikam', { ...ctx, requestId: 'f0000000-0000-4000-8000-000000000001' });
    await sb.accept(FABRIKAM_DOMAIN);
  });

  /** Buys the replacement pair for Fabrikam and lets it provision. */
  async function buyPair(quantities: { e3NoTeams: number; teams: number }): Promise<void> {
    const pc = services.partnerCenter;
    const lines = [];
    for (const [offer, quantity] of [[E3_NO_TEAMS, quantities.e3NoTeams], [TEAMS_ENTERPRISE, quantities.teams]] as const) {
      const catalogItemId = await pc.findCatalogItemId(offer.productId, offer.skuId, 'US', 'P1Y', 'monthly', ctx);
      assert.ok(catalogItemId, `${offer.productId}:${offer.skuId} is sold`);
      lines.push({ catalogItemId, quantity, termDuration: 'P1Y' as const, billingCycle: 'monthly' as const });
    }
    const { cartId } = await pc.createCart(FABRIKAM_TENANT_ID, lines, { ...ctx, requestId: 'f0000000-0000-4000-8000-000000000002' });
    await pc.checkoutCart(FABRIKAM_TENANT_ID, cartId, { ...ctx, requestId: 'f0000000-0000-4000-8000-000000000003' });
    await sb.advanceSeconds(3600);
  }

  const fabrikamUsers = () => collect(services.customerDirectory.licensedUsers(FABRIKAM_TENANT_ID, SPE_E3, ctx));
  const historyOf = async (userId?: string) =>
    (await sb.admin('GET', `/customers/${FABRIKAM_DOMAIN}/license-history${userId ? `?user=${userId}` : ''}`)).users as Array<{
      userId: string; changes: Array<{ addLicenses: Array<{ skuId: string; disabledPlans: string[] }>; removeLicenses: string[] }>;
    }>;

  it('lists the 46 holders of SPE_E3 with group assignments, usage locations and disabled plans, page by page', async () => {
    const users = await fabrikamUsers();
    assert.equal(users.length, 46);
    assert.equal(new Set(users.map((u) => u.id)).size, 46);
    assert.ok(users.every((u) => u.userPrincipalName.endsWith('@fabrikam.onmicrosoft.com') && u.displayName));
    assert.ok(users.every((u) => u.assignedLicenses.some((l) => l.skuId === SPE_E3)));
    const grouped = users.filter((u) => u.licenseAssignmentStates.some((s) => s.skuId === SPE_E3 && s.assignedByGroup !== null));
    assert.equal(grouped.length, 2);
    assert.equal(new Set(grouped.map((u) => u.licenseAssignmentStates[0]?.assignedByGroup)).size, 1, 'the same licensing group');
    assert.deepEqual(users.filter((u) => u.usageLocation === null).length, 1);
    assert.ok(users.filter((u) => u.usageLocation !== null).every((u) => u.usageLocation === 'US'));
    const withPlansOff = users.map((u) => u.assignedLicenses[0]?.disabledPlans ?? []).filter((p) => p.length > 0);
    assert.equal(withPlansOff.length, 3);
    assert.ok(withPlansOff.some((p) => p.includes(YAMMER)));
    assert.ok(withPlansOff.some((p) => p.includes(TEAMS1)));
    assert.ok(withPlansOff.some((p) => p.length === 2));

    // Smaller pages: the same users, over three GET /users.
    await sb.admin('DELETE', '/stats');
    const graph = new GraphClientFactory({ baseUrl: sandboxEndpoints(sandbox.url).graphBaseUrl, tokens: services.tokens, http: services.http, appId: SANDBOX_CLIENT_ID });
    const paged = await collect(new CustomerGraphDirectory({ graph, licensedUsersPageSize: 20 }).licensedUsers(FABRIKAM_TENANT_ID, SPE_E3, ctx));
    assert.deepEqual(paged.map((u) => u.id), users.map((u) => u.id));
    assert.equal((await sb.admin('GET', '/stats')).requests['GET /graph/v1.0/users'], 3);
  });

  it('reassigns one user in one assignLicense (pair in with disabled plans, SPE_E3 out); a repeat counts as done', async () => {
    await buyPair({ e3NoTeams: 50, teams: 50 });
    const user = (await fabrikamUsers()).find((u) => u.assignedLicenses[0]?.disabledPlans.includes(YAMMER));
    assert.ok(user);
    const change = swap(user);
    assert.deepEqual(await services.customerDirectory.changeLicences(FABRIKAM_TENANT_ID, [change], ctx),
      [{ userId: user.id, ok: true, code: null, message: null }]);

    const [after] = (await collect(services.customerDirectory.licensedUsers(FABRIKAM_TENANT_ID, E3_NO_TEAMS.graphSkuId, ctx)));
    assert.equal(after?.id, user.id);
    assert.deepEqual([...after.assignedLicenses].sort((a, b) => a.skuId.localeCompare(b.skuId)), [
      { skuId: TEAMS_ENTERPRISE.graphSkuId, disabledPlans: [] },
      { skuId: E3_NO_TEAMS.graphSkuId, disabledPlans: [YAMMER] },
    ]);
    assert.ok(after.licenseAssignmentStates.every((s) => s.assignedByGroup === null));
    assert.equal((await fabrikamUsers()).length, 45);
    const [history] = await historyOf(user.id);
    assert.equal(history?.changes.length, 1, 'one call did both');
    assert.deepEqual(history?.changes[0]?.removeLicenses, [SPE_E3]);
    assert.equal(history?.changes[0]?.addLicenses.length, 2);

    assert.deepEqual(await services.customerDirectory.changeLicences(FABRIKAM_TENANT_ID, [change], ctx),
      [{ userId: user.id, ok: true, code: null, message: null }], 'refused as a repeat, but the user already is as asked');
    assert.equal((await historyOf(user.id))[0]?.changes.length, 1);
  });

  it("returns Graph's refusal for a licence inherited from a group, and changes nothing for that user", async () => {
    await buyPair({ e3NoTeams: 50, teams: 50 });
    const grouped = (await fabrikamUsers()).find((u) => u.licenseAssignmentStates.some((s) => s.assignedByGroup !== null));
    assert.ok(grouped);
    assert.deepEqual(await services.customerDirectory.changeLicences(FABRIKAM_TENANT_ID, [swap(grouped)], ctx),
      [{ userId: grouped.id, ok: false, code: 'Request_BadRequest', message: INHERITED_LICENSE_MESSAGE }]);
    assert.deepEqual(await historyOf(), [], 'the new licences were not added either');
  });

  it("returns Graph's refusal for a user without a usage location", async () => {
    await buyPair({ e3NoTeams: 50, teams: 50 });
    const contractor = (await fabrikamUsers()).find((u) => u.usageLocation === null);
    assert.ok(contractor);
    assert.deepEqual(await services.customerDirectory.changeLicences(FABRIKAM_TENANT_ID, [swap(contractor)], ctx),
      [{ userId: contractor.id, ok: false, code: 'Request_BadRequest', message: USAGE_LOCATION_MESSAGE }]);
    assert.deepEqual(await historyOf(), []);
  });

  it('changes 47 users in batches of 20 and reports each: done, inherited, no usage location, no seat left, unknown user', async () => {
    await buyPair({ e3NoTeams: 50, teams: 42 });
    await sb.admin('DELETE', '/stats');
    const users = await fabrikamUsers();
    const changes = [...users.map(swap), swap({ id: 'nobody@fabrikam.onmicrosoft.com', assignedLicenses: [] })];
    const results = await services.customerDirectory.changeLicences(FABRIKAM_TENANT_ID, changes, ctx);
    assert.deepEqual(results.map((r) => r.userId), changes.map((c) => c.userId), 'one result per change, in order');
    assert.equal((await sb.admin('GET', '/stats')).requests['POST /graph/v1.0/$batch'], 3);

    const failures = results.filter((r) => !r.ok);
    const userOf = (id: string) => users.find((u) => u.id === id);
    assert.equal(results.filter((r) => r.ok).length, 42);
    assert.ok(results.filter((r) => r.ok).every((r) => r.code === null && r.message === null));
    assert.deepEqual(failures.filter((r) => r.message === INHERITED_LICENSE_MESSAGE).map((r) => userOf(r.userId)?.licenseAssignmentStates[0]?.assignedByGroup !== null), [true, true]);
    assert.deepEqual(failures.filter((r) => r.message === USAGE_LOCATION_MESSAGE).map((r) => userOf(r.userId)?.usageLocation), [null]);
    const noSeat = failures.filter((r) => r.message === noSeatsMessage(TEAMS_ENTERPRISE.graphSkuId));
    assert.equal(noSeat.length, 1, 'Teams Enterprise ran out after 42');
    assert.ok(failures.slice(0, 4).every((r) => r.code === 'Request_BadRequest'));
    assert.deepEqual(failures.at(-1), {
      userId: 'nobody@fabrikam.onmicrosoft.com', ok: false, code: 'Request_ResourceNotFound',
      message: "Resource 'nobody@fabrikam.onmicrosoft.com' does not exist or one of its queried reference-property objects are not present.",
    });
    assert.equal(failures.length, 5);
    assert.equal((await fabrikamUsers()).length, 4, 'the four refused Fabrikam users still hold SPE_E3');
    assert.equal((await historyOf()).length, 42);
  });

  it('throws only when the call as a whole fails (no token for the tenant, every change refused for access)', async () => {
    assert.deepEqual(await services.customerDirectory.changeLicences(FABRIKAM_TENANT_ID, [], ctx), []);
    const removeE3 = (userId: string) => ({ userId, addLicenses: [], removeLicenses: [SPE_E3] });
    await assert.rejects(services.customerDirectory.changeLicences(CONTOSO_TENANT_ID, [removeE3('admin@contoso.onmicrosoft.com')], ctx),
      (error: unknown) => error instanceof TokenRequestError && /GDAP/.test(error.message));

    const [first, second] = (await fabrikamUsers()).filter((u) => u.licenseAssignmentStates.every((s) => s.assignedByGroup === null));
    assert.ok(first && second);
    await sb.fault({ match: 'POST /graph/v1.0/$batch', status: 403, count: 1 });
    await assert.rejects(services.customerDirectory.changeLicences(FABRIKAM_TENANT_ID, [removeE3(first.id), removeE3(second.id)], ctx),
      (error: unknown) => error instanceof GraphError && error.status === 403 && error.tenantId === FABRIKAM_TENANT_ID);

    // One user refused for access among changes that went through: that user's result, not a throw.
    await sb.fault({ match: `POST /graph/v1.0/users/${first.id}/assignLicense`, status: 403, count: 1 });
    const results = await services.customerDirectory.changeLicences(FABRIKAM_TENANT_ID, [removeE3(first.id), removeE3(second.id)], ctx);
    assert.deepEqual(results.map((r) => [r.ok, r.code !== null]), [[false, true], [true, false]]);
  });
});
