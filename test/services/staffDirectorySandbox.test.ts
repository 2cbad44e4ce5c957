/**
 * StaffDirectory against the sandbox: who holds each staff role in the partner tenant (Relecloud), from the
 * agent groups' members and the directory roles' members, with configured overrides named too.
 */
import assert from 'node:assert/strict';
import { ADELE_VANCE_ID, ALEX_WILBER_ID, ISAIAH_LANGER_ID, LYNNE_ROBBINS_ID, MEGAN_BOWEN_ID, PATTI_FERNANDEZ_ID, PCSYNC_USER_ID } from '../../sandbox/world/constants';
import type { PartnerStaffDirectory } from '../../services/graph/partnerStaffDirectory';
import { useSandboxServices } from './support/sandboxServices';

describe('services: who holds the staff roles, against the sandbox', function () {
  this.timeout(30_000);
  let directory: PartnerStaffDirectory;
  useSandboxServices((_sandbox, built) => { directory = built.staffDirectory; });

  it('names the approvers (Account admins and Billing agents), sorted by name, with their roles', async () => {
    const approvers = await directory.staffWith(['account-admin', 'billing-agent']);
    assert.deepEqual(approvers.map((p) => [p.name, p.id, p.roles]), [
      ['Adele Vance', ADELE_VANCE_ID, ['billing-agent']],
      ['Alex Wilber', ALEX_WILBER_ID, ['account-admin']],
    ]);
  });

  it('reads the agent groups\' members (the service account is an admin agent too)', async () => {
    const starters = await directory.staffWith(['admin-agent', 'sales-agent']);
    assert.deepEqual(starters.map((p) => p.id).sort(), [MEGAN_BOWEN_ID, PATTI_FERNANDEZ_ID, PCSYNC_USER_ID].sort());
    assert.deepEqual((await directory.staffWith(['helpdesk-agent'])).map((p) => p.id), [LYNNE_ROBBINS_ID]);
    assert.deepEqual(await directory.staffWith([]), []);
  });

  describe('with a configured override', () => {
    useSandboxServices((_sandbox, built) => { directory = built.staffDirectory; }, { roleOverrides: { [ISAIAH_LANGER_ID]: ['billing-agent'] } });

    it('counts the person as holding the role, named from the directory', async () => {
      const billing = await directory.staffWith(['billing-agent']);
      assert.deepEqual(billing.map((p) => p.name), ['Adele Vance', 'Isaiah Langer']);
    });
  });
});
