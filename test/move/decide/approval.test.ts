/** move/decide/approval.ts under the approval policy: who may approve which plan (the basics are in ../decider.test.ts). */
import assert from 'node:assert/strict';
import type { MoveCommand } from '../../../move/commands';
import type { MoveEvent } from '../../../move/events';
import { DEFAULT_APPROVAL_POLICY } from '../../../move/policy';
import { adele, alex, megan, system } from '../fixtures';
import { given, recorded } from '../givenWhenThen';
import { at, E3, E5, inventoryLine, moveHolding, planOf } from './sandboxLicences';

describe('decider: approval policy', () => {
  const proposed = () => moveHolding([inventoryLine(E3, 50)], 'proposed');
  const hash = () => given(proposed()).state.plan!.hash;
  const approve = (actor = adele): MoveCommand => ({ type: 'ApprovePlan', actor, at: at(70), planHash: hash(), comment: '' });
  const approved = (actor = adele): MoveEvent => ({ type: 'PlanApproved', ...recorded(actor, at(70)), planHash: hash(), comment: '' });

  it('a plan above the seat threshold needs an Account admin', () => {
    const policy = { ...DEFAULT_APPROVAL_POLICY, accountAdminAboveSeats: 40 };
    given(proposed(), policy).when(approve()).refused('not-allowed', /it buys 50 licences, more than 40/);
    given(proposed(), policy).when(approve(alex)).then([approved(alex)]);
    given(proposed(), DEFAULT_APPROVAL_POLICY).when(approve()).then([approved()]);
  });

  it('four-eyes can be switched off, and approver roles configured', () => {
    const selfApprover = { ...megan, roles: ['sales-agent', 'billing-agent'] as typeof megan.roles };
    given(proposed()).when(approve(selfApprover)).refused('four-eyes');
    given(proposed(), { ...DEFAULT_APPROVAL_POLICY, fourEyes: false }).when(approve(selfApprover)).then([approved(selfApprover)]);
    const accountAdminsOnly = { ...DEFAULT_APPROVAL_POLICY, approverRoles: ['account-admin'] as const };
    given(proposed(), accountAdminsOnly).when(approve()).refused('not-allowed');
  });

  it('the re-drawn plan with offers picked by hand needs an Account admin to approve it', () => {
    const blockedByE5 = moveHolding([inventoryLine(E5, 10)], 'proposed');
    const picked = given(blockedByE5).when({
      type: 'ChooseOffer', actor: alex, at: at(90), sourceSkuId: E5.skuId, offerIds: ['CFQ7TTC0LFLX:0021', 'CFQ7TTC0MZJF:0009'],
      reason: 'The customer accepts losing the E5 security plans.',
    }).accepted();
    const plan = planOf(picked.state.inventory!, picked.state.offerChoices);
    assert.equal(plan.lines[0].match, 'chosen');
    const redrawn: MoveEvent[] = [...picked.history, { type: 'PlanProposed', at: at(95), actor: system, plan, proposer: megan }];
    const approveRedrawn = (actor = adele): MoveCommand => ({ type: 'ApprovePlan', actor, at: at(96), planHash: plan.hash, comment: '' });
    given(redrawn).when(approveRedrawn()).refused('not-allowed', /Only an Account admin can approve this plan \(offers were picked by hand for SPE_E5\)/);
    given(redrawn).when(approveRedrawn(alex)).then([{ type: 'PlanApproved', ...recorded(alex, at(96)), planHash: plan.hash, comment: '' }]);
  });
});
