import assert from 'node:assert/strict';
import {
  CONTOSO_TENANT, FakeCustomerDirectory, INHERITED_LICENSE_MESSAGE, licensedUser, noSeatsMessage, SPB, USAGE_LOCATION_MESSAGE,
} from './fakes';
import { GraphError } from '../../services/graph/graphError';

const ctx = { correlationId: 'fake-directory-test' };
const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const GROUP = 'group-e3';
const YAMMER = '7547a3fe-08ee-4ccb-b430-5077c5041653';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('FakeCustomerDirectory (licences)', () => {
  let fake: FakeCustomerDirectory;

  it("starts with Contoso's users, as many as subscribedSkus says are consumed", async () => {
    const directory = new FakeCustomerDirectory();
    for (const sku of await directory.subscribedSkus(CONTOSO_TENANT, ctx)) {
      const holders = await collect(directory.licensedUsers(CONTOSO_TENANT, sku.skuId, ctx));
      assert.equal(holders.length, sku.consumedUnits, sku.skuPartNumber);
      assert.ok(holders.every((u) => u.usageLocation === 'US' && u.licenseAssignmentStates.every((s) => s.assignedByGroup === null)));
    }
  });

  beforeEach(() => {
    fake = new FakeCustomerDirectory();
    fake.users.set(CONTOSO_TENANT, [
      licensedUser('direct', [{ skuId: E3, disabledPlans: [YAMMER] }]),
      licensedUser('grouped', [{ skuId: E3, viaGroup: GROUP }]),
      licensedUser('both', [{ skuId: E3, viaGroup: GROUP }, { skuId: E3 }]),
      licensedUser('nowhere', [{ skuId: E3 }], { usageLocation: null }),
      licensedUser('other', [{ skuId: SPB }]),
    ]);
  });

  it('lists the users holding a SKU, with group assignments, as copies', async () => {
    const users = await collect(fake.licensedUsers(CONTOSO_TENANT.toUpperCase(), E3.toUpperCase(), ctx));
    assert.deepEqual(users.map((u) => u.id), ['direct', 'grouped', 'both', 'nowhere']);
    assert.deepEqual(users[1]?.licenseAssignmentStates, [{ skuId: E3, assignedByGroup: GROUP }]);
    assert.deepEqual(users[0]?.assignedLicenses, [{ skuId: E3, disabledPlans: [YAMMER] }]);
    users[0]!.assignedLicenses.length = 0;
    assert.equal((await collect(fake.licensedUsers(CONTOSO_TENANT, E3, ctx))).length, 4, 'changing a copy changes nothing');
    assert.deepEqual(await collect(fake.licensedUsers('another-tenant', E3, ctx)), []);
  });

  it('applies add + remove in one change, refuses like Graph, records the calls, and counts a repeat as done', async () => {
    const swap = (userId: string) => ({ userId, addLicenses: [{ skuId: SPB, disabledPlans: [] }], removeLicenses: [E3] });
    const results = await fake.changeLicences(CONTOSO_TENANT, [swap('direct'), swap('grouped'), swap('nowhere'), swap('both'), swap('ghost')], ctx);
    assert.deepEqual(results.map((r) => [r.userId, r.ok, r.code, r.message]), [
      ['direct', true, null, null],
      ['grouped', false, 'Request_BadRequest', INHERITED_LICENSE_MESSAGE],
      ['nowhere', false, 'Request_BadRequest', USAGE_LOCATION_MESSAGE],
      ['both', true, null, null],
      ['ghost', false, 'Request_ResourceNotFound', "Resource 'ghost' does not exist or one of its queried reference-property objects are not present."],
    ]);
    const holders = await collect(fake.licensedUsers(CONTOSO_TENANT, SPB, ctx));
    assert.deepEqual(holders.map((u) => u.id), ['direct', 'both', 'other'], 'the refused users kept their licences');
    assert.deepEqual(holders[0]?.assignedLicenses, [{ skuId: SPB, disabledPlans: [] }]);
    assert.deepEqual(holders[0]?.licenseAssignmentStates, [{ skuId: SPB, assignedByGroup: null }], 'added = direct');
    assert.deepEqual(holders[1]?.licenseAssignmentStates, [{ skuId: E3, assignedByGroup: GROUP }, { skuId: SPB, assignedByGroup: null }],
      'the direct E3 went, the inherited one stays');

    const repeat = await fake.changeLicences(CONTOSO_TENANT, [swap('direct')], ctx);
    assert.deepEqual(repeat, [{ userId: 'direct', ok: true, code: null, message: null }], 'already as asked: done');
    assert.deepEqual(fake.licenceCalls.map((c) => c.method), ['changeLicences', 'licensedUsers', 'changeLicences']);
    assert.deepEqual(fake.changesMade.map((c) => c.userId), ['direct', 'grouped', 'nowhere', 'both', 'ghost', 'direct']);
  });

  it('refuses an add without a free seat, and fails a whole call when told to', async () => {
    fake.seats.set(SPB, 2);
    const add = (userId: string) => ({ userId, addLicenses: [{ skuId: SPB, disabledPlans: [] }], removeLicenses: [] });
    const results = await fake.changeLicences(CONTOSO_TENANT, [add('direct'), add('both'), add('other')], ctx);
    assert.deepEqual(results.map((r) => [r.ok, r.message]), [[true, null], [false, noSeatsMessage(SPB)], [true, null]],
      'one seat left; a user who already holds the SKU needs none');
    fake.failNext('changeLicences');
    await assert.rejects(fake.changeLicences(CONTOSO_TENANT, [add('grouped')], ctx), GraphError);
    assert.equal((await fake.changeLicences(CONTOSO_TENANT, [], ctx)).length, 0);
  });
});
