/**
 * Every Action.Execute verb, driven through the real MoveBot with TestAdapter: the exact invoke response
 * (status, content type, key content) and what the click did to the move's event stream.
 */
import assert from 'node:assert/strict';
import {
  CARD, TestBot, assertCardResponse, assertMessageResponse, findAction, textOf,
} from './buildTestBot';
import { CONTOSO_DOMAIN, CONTOSO_TENANT, STAFF } from './fakes';

const GONE = 'This card belongs to a move that does not exist here any more. Say `list` to see the moves.';

describe('card actions (adaptiveCard/action invokes)', () => {
  describe('move.start', () => {
    it('starts the move from a valid form and answers with the move card', async () => {
      const t = new TestBot();
      const form = t.startForm();
      const result = await t.click(STAFF.megan, 'move.start', form);

      const moveId = form.moveId as string;
      const state = t.orchestrator.get(moveId)!;
      assert.equal(state.stage, 'awaiting-acceptance');
      assert.equal(state.startedBy?.name, 'Megan Bowen');
      assert.equal(state.customerDomain, CONTOSO_DOMAIN);
      assert.equal(state.source, 'microsoft-direct');
      assert.equal(state.tenantId, CONTOSO_TENANT);
      assert.deepEqual(t.eventTypes(moveId), ['MoveStarted', 'PreflightPassed', 'InvitationIssued']);

      const card = assertCardResponse(result, state);
      const text = textOf(card);
      assert.match(text, /^contoso\.onmicrosoft\.com\nWaiting on the customer's Global Admin \(send them the invitation message\)\nInvitation sent\n/);
      assert.match(text, /Started by Megan Bowen, [^\n]* · bought direct from Microsoft/);
      assert.ok(text.includes(t.partnerCenter.invitationLink), 'the card carries the reseller invitation link');
      assert.equal(result.replies.length, 0, 'the answer is the invoke response only');
      // The conversation the move was started from is remembered for later updates.
      assert.deepEqual((await t.registry.getFollowers(moveId)).map((f) => f.conversation?.id), [t.personal(STAFF.megan).id]);
      assert.deepEqual(t.turnErrors, []);
    });

    it('answers a form without a country with the start form again, showing what to fix', async () => {
      const t = new TestBot();
      const form = t.startForm({ country: '' });
      const result = await t.click(STAFF.megan, 'move.start', form);

      const card = assertCardResponse(result);
      const text = textOf(card);
      assert.ok(text.includes('Please fix this, then select Start the move again: '));
      assert.ok(text.includes('Choose the country of the customer\'s Microsoft 365 tenant: the CSP same-region rule depends on it.'));
      // Same form: the domain typed is kept and the move id stays, so a corrected submit starts one move.
      assert.equal(card.body.find((e: any) => e.id === 'domain')?.value, CONTOSO_DOMAIN);
      assert.equal(findAction(card, 'move.start')?.data.moveId, form.moveId);
      assert.equal(t.store.count(), 0);
    });

    it('answers a form without a domain with the start form and the domain error', async () => {
      const t = new TestBot();
      const result = await t.click(STAFF.megan, 'move.start', t.startForm({ domain: '   ' }));
      const text = textOf(assertCardResponse(result));
      assert.ok(text.includes('Type the customer\'s domain (like contoso.onmicrosoft.com) or tenant id.'));
      assert.equal(t.store.count(), 0);
    });

    it('refuses Isaiah (no role) on the start form, naming who may start', async () => {
      const t = new TestBot();
      const result = await t.click(STAFF.isaiah, 'move.start', t.startForm());
      const text = assertMessageResponse(result, /^You have no Partner Center role, so you cannot see or change moves\. Only an Account admin, an Admin agent or a Sales agent can start a move\./);
      assert.ok(text.includes('ask your Global Administrator to add you to the SalesAgents or AdminAgents group'), text);
      assert.equal(t.store.count(), 0);
      assert.equal(t.tenants.calls, 0, 'no pre-flight call was made');
    });

    it('shows the same move when the same form is submitted twice, with one MoveStarted', async () => {
      const t = new TestBot();
      const form = t.startForm();
      await t.click(STAFF.megan, 'move.start', form);
      const second = await t.click(STAFF.megan, 'move.start', form);

      const state = t.orchestrator.get(form.moveId as string)!;
      assertCardResponse(second, state);
      assert.equal(t.store.count('MoveStarted'), 1);
      assert.equal(t.orchestrator.all().length, 1);
      assert.equal(t.partnerCenter.calls.filter((c) => c === 'resellerInvitationLink').length, 1);
    });

    it('refuses a second move for a customer with a move under way (another form)', async () => {
      const t = new TestBot();
      await t.startContoso(STAFF.megan);
      const result = await t.click(STAFF.alex, 'move.start', t.startForm());
      const text = textOf(assertCardResponse(result));
      assert.match(text, /contoso\.onmicrosoft\.com is already being moved: started by Megan Bowen on 24 Nov 2026\. Say `status contoso\.onmicrosoft\.com` to see it\./);
      assert.equal(t.store.count('MoveStarted'), 1);
    });
  });

  describe('move.plan.approve', () => {
    it('lets Adele (Billing agent) approve: 200 with the move card, one approval and one order', async () => {
      const t = new TestBot();
      const atApproval = await t.contosoAtApproval(STAFF.megan);
      const approve = findAction(assertCardResponse(await t.click(STAFF.adele, 'move.refresh', { moveId: atApproval.moveId }), atApproval), 'move.plan.approve');
      assert.ok(approve, 'the plan card, drawn for Adele, has an Approve button');

      const result = await t.click(STAFF.adele, 'move.plan.approve', { ...approve.data, comment: 'Checked with the customer.' });

      const state = t.orchestrator.get(atApproval.moveId)!;
      assertCardResponse(result, state);
      assert.equal(state.approval?.by.name, 'Adele Vance');
      assert.equal(state.approval?.comment, 'Checked with the customer.');
      assert.equal(state.approval?.planHash, atApproval.plan!.hash);
      assert.equal(state.stage, 'watching-sources', 'with the fakes the order provisions at once');
      assert.equal(t.store.count('PlanApproved'), 1);
      assert.equal(t.partnerCenter.orderCount, 1);
    });

    it('tells Megan (Sales agent) who can approve, and changes nothing', async () => {
      const t = new TestBot();
      const state = await t.contosoAtApproval(STAFF.alex);
      const before = t.store.count();
      const result = await t.click(STAFF.megan, 'move.plan.approve', { moveId: state.moveId, version: state.version, planHash: state.plan!.hash });
      assertMessageResponse(result, 'Only an Account admin or a Billing agent can approve this plan. Your roles: Sales agent.');
      assert.equal(t.store.count(), before);
      assert.equal(t.orchestrator.get(state.moveId)!.stage, 'approval');
    });

    it('refuses the proposer (four-eyes), even an Account admin', async () => {
      const t = new TestBot();
      const state = await t.contosoAtApproval(STAFF.alex);
      assert.equal(state.proposer?.name, 'Alex Wilber');
      const before = t.store.count();
      const result = await t.click(STAFF.alex, 'move.plan.approve', { moveId: state.moveId, version: state.version, planHash: state.plan!.hash });
      assertMessageResponse(result, 'You proposed this plan, so an Account admin or a Billing agent other than you must approve it.');
      assert.equal(t.store.count(), before);
      assert.equal(t.store.count('PlanApproved'), 0);
    });

    it('answers a click on a stale card after the approval with the current card, never a second approval', async () => {
      const t = new TestBot();
      const state = await t.contosoAtApproval(STAFF.megan);
      const data = { moveId: state.moveId, version: state.version, planHash: state.plan!.hash };
      await t.click(STAFF.adele, 'move.plan.approve', data);
      const events = t.store.count();

      const again = await t.click(STAFF.alex, 'move.plan.approve', data);
      assertCardResponse(again, t.orchestrator.get(state.moveId)!);
      assert.equal(t.store.count('PlanApproved'), 1);
      assert.equal(t.store.count(), events);
      assert.equal(t.partnerCenter.orderCount, 1);
    });

    it('answers an approval of an older plan (another hash) with the current card and approves nothing', async () => {
      const t = new TestBot();
      const state = await t.contosoAtApproval(STAFF.megan);
      const result = await t.click(STAFF.adele, 'move.plan.approve', { moveId: state.moveId, version: state.version - 1, planHash: 'an-older-plan' });
      const card = assertCardResponse(result, state);
      assert.ok(findAction(card, 'move.plan.approve'), 'the current plan card, with its Approve button');
      assert.equal(t.store.count('PlanApproved'), 0);
      assert.equal(t.orchestrator.get(state.moveId)!.stage, 'approval');
    });
  });

  describe('move.plan.reject', () => {
    it('records the rejection with its comment and answers with the decided plan card', async () => {
      const t = new TestBot();
      const state = await t.contosoAtApproval(STAFF.megan);
      const result = await t.click(STAFF.adele, 'move.plan.reject', {
        moveId: state.moveId, version: state.version, planHash: state.plan!.hash, comment: 'The customer wants annual billing.',
      });

      const after = t.orchestrator.get(state.moveId)!;
      assert.equal(after.stage, 'rejected');
      assert.equal(after.rejection?.by.name, 'Adele Vance');
      assert.equal(after.rejection?.comment, 'The customer wants annual billing.');
      const card = assertCardResponse(result, after);
      const text = textOf(card);
      assert.match(text, /Rejected by Adele Vance/);
      assert.ok(text.includes('The customer wants annual billing.'));
      assert.equal(findAction({ body: card.body, actions: card.actions }, 'move.plan.approve'), undefined, 'no buttons once decided');
      assert.equal(t.store.count('PlanRejected'), 1);
      assert.equal(t.partnerCenter.orderCount, 0);
    });

    it('tells Lynne (Helpdesk agent) who can reject', async () => {
      const t = new TestBot();
      const state = await t.contosoAtApproval(STAFF.megan);
      const result = await t.click(STAFF.lynne, 'move.plan.reject', { moveId: state.moveId, version: state.version, planHash: state.plan!.hash });
      assertMessageResponse(result, 'Only an Account admin or a Billing agent can reject this plan. Your roles: Helpdesk agent.');
      assert.equal(t.store.count('PlanRejected'), 0);
    });
  });

  describe('move.cancel', () => {
    it('asks for confirmation and a reason in place of the card, and cancels nothing yet', async () => {
      const t = new TestBot();
      const moveId = await t.startContoso(STAFF.megan);
      const state = t.orchestrator.get(moveId)!;
      const card = assertCardResponse(await t.click(STAFF.megan, 'move.cancel', { moveId, version: state.version }), state);
      const text = textOf(card);
      assert.match(text, /Cancel the move of contoso\.onmicrosoft\.com\?/);
      assert.match(text, /Withdraws the delegated admin \(GDAP\) request/);
      assert.match(text, /Nothing has been bought/);
      assert.match(text, /reseller invitation link cannot be withdrawn/);
      const confirm = findAction(card, 'move.cancel.confirm')!;
      assert.deepEqual(confirm.data, { moveId, version: state.version, seen: 'awaiting-acceptance/0/0' });
      assert.ok(findAction(card, 'move.refresh'), 'Keep the move');
      assert.equal(t.store.count('MoveCancelled'), 0);
      assert.equal(t.orchestrator.get(moveId)!.stage, 'awaiting-acceptance');
    });

    it('tells Lynne (not the starter, no cancel-any role) who can cancel, without a form', async () => {
      const t = new TestBot();
      const moveId = await t.startContoso(STAFF.megan);
      const result = await t.click(STAFF.lynne, 'move.cancel', { moveId, version: 3 });
      assertMessageResponse(result, 'Only the person who started this move (Megan Bowen), an Account admin or an Admin agent can cancel it. Your roles: Helpdesk agent.');
      assert.equal(t.store.count('MoveCancelled'), 0);
    });

    it('refuses to cancel once the plan is approved and the order is placed', async () => {
      const t = new TestBot();
      const state = await t.contosoAtApproval(STAFF.megan);
      // Keep the move in provisioning: the new subscriptions are not active yet.
      t.partnerCenter.getSubscription = async (_c, subscriptionId) => ({
        subscriptionId, offerId: 'x', title: 'x', quantity: 1, status: 'pending', cancellationAllowedUntil: null,
      });
      await t.click(STAFF.adele, 'move.plan.approve', { moveId: state.moveId, version: state.version, planHash: state.plan!.hash });
      assert.equal(t.orchestrator.get(state.moveId)!.stage, 'provisioning');
      const result = await t.click(STAFF.alex, 'move.cancel', { moveId: state.moveId, version: t.orchestrator.get(state.moveId)!.version });
      assertMessageResponse(result, /can no longer be cancelled here\. Within 7 days of purchase the new subscriptions can be cancelled in Partner Center\./);
      assert.equal(t.store.count('MoveCancelled'), 0);
    });
  });

  it('answers a cancel from a card drawn before the move changed with the current card, saying what changed, and cancels nothing', async () => {
    const t = new TestBot();
    const state = await t.contosoAtApproval(STAFF.megan);
    const result = await t.click(STAFF.megan, 'move.cancel', { moveId: state.moveId, version: state.version - 2 });
    const card = assertCardResponse(result, t.orchestrator.get(state.moveId));
    assert.match(textOf(card), /^The move went on to "Waiting for approval" at 24 Nov 2026, 09:00 UTC since this card was drawn; nothing was done\./);
    assert.equal(t.store.count('MoveCancelled'), 0);
    assert.equal(t.orchestrator.get(state.moveId)!.stage, 'approval');
  });

  describe('move.refresh', () => {
    it('draws the card of the current state for staff with any role, and shows nothing to Isaiah (no role)', async () => {
      const t = new TestBot();
      const state = await t.contosoAtApproval(STAFF.megan);
      const refused = await t.click(STAFF.isaiah, 'move.refresh', { moveId: state.moveId, version: 1 });
      assertMessageResponse(refused, /^You have no Partner Center role, so you cannot see or change moves\. Moves are started by an Account admin, an Admin agent or a Sales agent, and their plans approved by an Account admin or a Billing agent\./);
      const result = await t.click(STAFF.lynne, 'move.refresh', { moveId: state.moveId, version: 1 });
      const card = assertCardResponse(result, state);
      assert.match(textOf(card), /Today → buy in CSP/, 'the plan card');
      assert.equal(findAction(card, 'move.plan.approve'), undefined, 'drawn for Lynne (Helpdesk agent): no Approve, no Reject, no changes');
      assert.equal(findAction(card, 'move.plan.reject'), undefined);
      assert.equal(findAction(card, 'move.plan.adjust'), undefined);
      const adeles = assertCardResponse(await t.click(STAFF.adele, 'move.refresh', { moveId: state.moveId, version: 1 }), state);
      assert.equal(findAction(adeles, 'move.plan.approve')?.data.planHash, state.plan!.hash, 'drawn for Adele (Billing agent): Approve');
      const megans = assertCardResponse(await t.click(STAFF.megan, 'move.refresh', { moveId: state.moveId, version: 1 }), state);
      assert.equal(findAction(megans, 'move.plan.approve'), undefined, 'drawn for Megan (Sales agent, who proposed it): no Approve');
      assert.ok(findAction(megans, 'move.plan.adjust'), 'but she may change it');
      assert.equal(t.store.count(), state.version, 'a refresh records nothing');
    });

    it('answers a card of a move that is not here with a message', async () => {
      const t = new TestBot();
      assertMessageResponse(await t.click(STAFF.megan, 'move.refresh', { moveId: 'mv-unknown', version: 2 }), GONE);
      assertMessageResponse(await t.click(STAFF.adele, 'move.plan.approve', { moveId: 'mv-unknown', version: 2, planHash: 'x' }), GONE);
      assertMessageResponse(await t.click(STAFF.adele, 'move.plan.reject', { moveId: 'mv-unknown', version: 2, planHash: 'x' }), GONE);
      assertMessageResponse(await t.click(STAFF.alex, 'move.cancel', { moveId: 'mv-unknown', version: 2 }), GONE);
      assert.equal(t.store.count(), 0);
    });
  });

  it('answers every verb with the invoke content types Universal Actions allow', async () => {
    const t = new TestBot();
    const state = await t.contosoAtApproval(STAFF.megan);
    for (const verb of ['move.refresh', 'move.plan.approve', 'move.cancel', 'move.start']) {
      const result = await t.click(STAFF.isaiah, verb, { moveId: state.moveId, version: state.version, planHash: state.plan!.hash });
      const type = (result.invoke?.body as { type: string }).type;
      assert.ok([CARD, 'application/vnd.microsoft.activity.message'].includes(type), `${verb}: ${type}`);
      assert.equal(result.invoke?.status, 200, verb);
    }
  });
});
