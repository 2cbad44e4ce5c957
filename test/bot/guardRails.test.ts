/**
 * Guard rails (issue #12) through the Teams edge with botbuilder's TestAdapter: cancelling asks for a confirmation and
 * a reason and then withdraws the GDAP request; bad start input gets the form back and creates nothing; typos get a
 * "did you mean"; clicks that came too late say what happened and by whom.
 */
import assert from 'node:assert/strict';
import { auditCsv } from '../../cards/auditCsv';
import { DEFAULT_CARD_OPTIONS } from '../../cards/moveView';
import { StepError } from '../../move/ports';
import {
  CHANNEL_ID, TEAM_ID, TestBot, assertCardResponse, assertCardsValid, assertMessageResponse, cardIn, findAction, textOf, type TurnResult,
} from './buildTestBot';
import { CONTOSO_DOMAIN, CONTOSO_TENANT, PARTNER_TENANT, STAFF } from './fakes';

const REASON = 'The customer decided to stay with its current partner.';

async function chooseChannel(t: TestBot): Promise<void> {
  await t.say(STAFF.alex, '<at>CSP Move Assistant</at> notify here', t.channelPost(), {
    channelData: { tenant: { id: PARTNER_TENANT }, channel: { id: CHANNEL_ID }, team: { id: TEAM_ID } },
  });
  t.poster.clear();
}

/** Nothing was created: no move, no event, no thread, nothing in the outbox, nothing posted. */
async function assertNothingCreated(t: TestBot): Promise<void> {
  assert.equal(t.store.count(), 0, 'no event');
  assert.deepEqual(t.orchestrator.all(), [], 'no move');
  assert.deepEqual(await t.kv.list('outbox/'), [], 'nothing in the channel outbox');
  assert.deepEqual(t.poster.posts, [], 'no thread, no channel post');
}

function onlyCard(result: TurnResult): Record<string, any> {
  assert.equal(result.replies.length, 1, `one reply, got ${result.replies.length}`);
  assertCardsValid(result);
  const card = cardIn(result.replies[0]);
  assert.ok(card, 'a card');
  return card;
}

/** The imBack values of a card's Action.Submit buttons. */
function imBacks(card: Record<string, any>): string[] {
  return (card.actions ?? []).filter((a: any) => a.type === 'Action.Submit').map((a: any) => a.data?.msteams?.value);
}

describe('guard rails', () => {
  let t: TestBot;

  beforeEach(async () => {
    t = new TestBot();
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') return;
    assert.deepEqual(t.turnErrors, [], 'no turn crashed');
  });

  describe('cancelling asks for a confirmation and a reason', () => {
    async function confirmationFor(moveId: string): Promise<{ data: Record<string, unknown>; card: Record<string, any> }> {
      const state = t.orchestrator.get(moveId)!;
      const card = assertCardResponse(await t.click(STAFF.megan, 'move.cancel', { moveId, version: state.version }), state);
      return { data: findAction(card, 'move.cancel.confirm')!.data, card };
    }

    it('gives the form back for a blank reason, keeping what was typed, and changes nothing', async () => {
      const moveId = await t.startContoso(STAFF.megan);
      const { data } = await confirmationFor(moveId);
      const version = t.orchestrator.get(moveId)!.version;
      const again = assertCardResponse(await t.click(STAFF.megan, 'move.cancel.confirm', { ...data, cancelReason: '  \n ' }));
      assert.match(textOf(again), /Nothing was cancelled: \nSay why the move is cancelled/);
      assert.ok(findAction(again, 'move.cancel.confirm'), 'the confirmation again');
      const long = assertCardResponse(await t.click(STAFF.megan, 'move.cancel.confirm', { ...data, cancelReason: 'y'.repeat(600) }));
      assert.match(textOf(long), /Keep the reason to 500 characters \(it has 600\)/);
      assert.equal(t.orchestrator.get(moveId)!.version, version);
      assert.equal(t.store.count('MoveCancelled'), 0);
      assert.deepEqual(t.directory.withdrawals, []);
    });

    it('cancels with the reason, withdraws the GDAP request and shows both on the cancelled card', async () => {
      t.directory.gdapStatus = 'approvalPending';
      const moveId = await t.startContoso(STAFF.megan);
      const { data } = await confirmationFor(moveId);
      const result = await t.click(STAFF.megan, 'move.cancel.confirm', { ...data, cancelReason: REASON });
      const state = t.orchestrator.get(moveId)!;
      assert.equal(state.stage, 'cancelled');
      assert.equal(state.cancelled?.reason, REASON);
      assert.deepEqual(t.directory.withdrawals, [state.invitation!.gdapRelationshipId]);
      assert.equal(state.withdrawal?.outcome, 'withdrawn');
      const text = textOf(assertCardResponse(result, state));
      assert.ok(text.includes(REASON));
      assert.match(text, /The GDAP request to contoso\.onmicrosoft\.com was withdrawn/);
      assert.match(text, /its link cannot be withdrawn \(it is one link for every customer\)/);
      assert.deepEqual(t.eventTypes(moveId).slice(-2), ['MoveCancelled', 'RequestsWithdrawn']);
    });

    it('says once that withdrawing failed, retries after the back-off, then says it was withdrawn', async () => {
      await chooseChannel(t);
      t.directory.gdapStatus = 'approvalPending';
      const moveId = await t.startContoso(STAFF.megan);
      t.directory.failWithdrawals = { times: 2, retryable: true };
      const { data } = await confirmationFor(moveId);
      await t.click(STAFF.megan, 'move.cancel.confirm', { ...data, cancelReason: REASON });
      assert.equal(t.orchestrator.get(moveId)!.stage, 'cancelled', 'a failed withdrawal never holds the cancellation up');
      for (let i = 0; i < 4; i += 1) {
        t.clock.advance(20 * 60_000);
        await t.sweep();
      }
      assert.equal(t.orchestrator.get(moveId)!.withdrawal?.outcome, 'withdrawn');
      assert.equal(t.directory.withdrawals.length, 3);
      // The thread hears the failure once, then the outcome; Megan (she clicked, so she follows the move) saw the
      // failure on the card her click got back, and hears the outcome in her chat.
      const thread = t.poster.posts.filter((p) => p.conversationId.startsWith(`${CHANNEL_ID};`)).map((p) => p.activity.text ?? '').join('\n');
      assert.equal(thread.match(/Withdrawing the GDAP request to contoso\.onmicrosoft\.com failed/g)?.length, 1, thread);
      assert.match(thread, /was withdrawn: their Global Admin can no longer approve it/);
      const megans = t.poster.to(t.personal(STAFF.megan).id).map((p) => p.activity.text ?? '').join('\n');
      assert.doesNotMatch(megans, /failed/);
      assert.match(megans, /was withdrawn/);
    });

    it('answers a confirmation the move outgrew with today\'s card saying what happened, and cancels nothing', async () => {
      const moveId = await t.startContoso(STAFF.megan);
      const { data } = await confirmationFor(moveId);
      await t.acceptAndSweep(moveId);
      const state = t.orchestrator.get(moveId)!;
      assert.equal(state.stage, 'approval');
      const card = assertCardResponse(await t.click(STAFF.megan, 'move.cancel.confirm', { ...data, cancelReason: REASON }), state);
      assert.match(textOf(card), /^The move went on to "Waiting for approval" at 24 Nov 2026, 09:00 UTC since this card was drawn; nothing was done\./);
      assert.equal(t.store.count('MoveCancelled'), 0);
    });

    it('answers a confirmation of a move someone else cancelled with who and when', async () => {
      const moveId = await t.startContoso(STAFF.megan);
      const { data } = await confirmationFor(moveId);
      await t.click(STAFF.alex, 'move.cancel.confirm', { ...data, cancelReason: 'Duplicate of another request.' });
      const card = assertCardResponse(await t.click(STAFF.megan, 'move.cancel.confirm', { ...data, cancelReason: REASON }));
      assert.match(textOf(card), /^Alex Wilber cancelled this move at 24 Nov 2026, 09:00 UTC; nothing was done\./);
      assert.equal(t.store.count('MoveCancelled'), 1);
      assert.equal(t.orchestrator.get(moveId)!.cancelled?.reason, 'Duplicate of another request.');
    });

    it('shows the reason in the audit trail', async () => {
      const moveId = await t.startContoso(STAFF.megan);
      const { data } = await confirmationFor(moveId);
      await t.click(STAFF.megan, 'move.cancel.confirm', { ...data, cancelReason: REASON });
      const csv = auditCsv(moveId, await t.orchestrator.history(moveId), DEFAULT_CARD_OPTIONS);
      assert.match(csv, /MoveCancelled,Move cancelled by Megan Bowen: The customer decided to stay with its current partner\./);
    });
  });

  describe('the start form checks its input and creates nothing when it is bad', () => {
    beforeEach(() => chooseChannel(t));

    it('`move contoso.onmicrosoft.com XX`: the form again with the country problem and the domain typed', async () => {
      const card = onlyCard(await t.say(STAFF.megan, `move ${CONTOSO_DOMAIN} XX`));
      const text = textOf(card);
      assert.match(text, /XX is not a country in the CSP region table\. Pick the country from the list\./);
      assert.equal(card.body.find((e: any) => e.id === 'domain')?.value, CONTOSO_DOMAIN, 'the domain as typed');
      await assertNothingCreated(t);
    });

    it('suggests the country meant ("KO" → KR), and names both regions for a country outside the partner\'s', async () => {
      const ko = textOf(onlyCard(await t.say(STAFF.megan, `move ${CONTOSO_DOMAIN} KO`)));
      assert.match(ko, /KO is not a country in the CSP region table\. Did you mean KR \(South Korea\)/);
      const de = textOf(assertCardResponse(await t.click(STAFF.megan, 'move.start', t.startForm({ country: 'DE' }))));
      assert.match(de, /DE \(Germany\) is in the CSP region Europe, and you sell in United States/);
      await assertNothingCreated(t);
    });

    it('refuses a domain that is another name of a customer being moved, naming who started it and when', async () => {
      await t.say(STAFF.megan, `move ${CONTOSO_DOMAIN} US direct`);
      t.tenants.tenants.set('contoso.com', { tenantId: CONTOSO_TENANT, regionScope: 'NA' });
      const moves = t.orchestrator.all().length;
      const events = t.store.count();
      const card = onlyCard(await t.say(STAFF.alex, 'move contoso.com US direct'));
      assert.match(textOf(card), /contoso\.onmicrosoft\.com is already being moved: started by Megan Bowen on 24 Nov 2026\. Say `status contoso\.onmicrosoft\.com` to see it\./);
      assert.equal(t.orchestrator.all().length, moves);
      assert.equal(t.store.count(), events);
    });

    it('says a tenant lookup failure is worth retrying, and starts nothing', async () => {
      t.tenants.resolve = async () => { throw new StepError('Tenant lookup for contoso.onmicrosoft.com: the identity platform answered HTTP 503.', { retryable: true }); };
      const result = await t.click(STAFF.megan, 'move.start', t.startForm());
      const text = textOf(assertCardResponse(result));
      assert.match(text, /Could not check which tenant contoso\.onmicrosoft\.com is right now \(Tenant lookup[^)]*HTTP 503\.\)\. Nothing was started: select Start the move again in a minute\./);
      await assertNothingCreated(t);
    });

    it('leaves the region rule to the pre-flight checks when the partner\'s profile cannot be read now', async () => {
      t.partnerCenter.partnerProfile = async () => { throw new StepError('Partner Center: read the partner profile failed (HTTP 503).', { retryable: true }); };
      const form = t.startForm();
      assertCardResponse(await t.click(STAFF.megan, 'move.start', form));
      const state = t.orchestrator.get(form.moveId as string)!;
      assert.equal(state.stage, 'preflight', 'started; the pre-flight step retries');
      assert.equal(state.lastFailure?.retryable, true);
    });

    it('refuses a domain no tenant answers for, and something that is not a domain', async () => {
      const unknown = textOf(assertCardResponse(await t.click(STAFF.megan, 'move.start', t.startForm({ domain: 'nosuch.example.com' }))));
      assert.match(unknown, /No Microsoft 365 tenant answers for nosuch\.example\.com/);
      const notDomain = textOf(assertCardResponse(await t.click(STAFF.megan, 'move.start', t.startForm({ domain: 'not a domain' }))));
      assert.match(notDomain, /"not a domain" is not a domain/);
      await assertNothingCreated(t);
    });
  });

  describe('did you mean', () => {
    it('offers the corrected command as a button for a typo of a command', async () => {
      const card = onlyCard(await t.say(STAFF.megan, 'mvoe contoso.com KR'));
      assert.match(textOf(card), /I did not understand "mvoe contoso\.com KR"\. Did you mean `move contoso\.com KR`\?/);
      assert.deepEqual(imBacks(card), ['move contoso.com KR']);
      assert.equal(t.store.count(), 0);
    });

    it('does not guess for a word close to no command or to two', async () => {
      for (const text of ['dance', 'heve']) {
        const result = await t.say(STAFF.megan, text);
        assert.equal(result.replies.length, 1);
        assert.equal(result.replies[0].text, `I did not understand "${text}". Say \`help\` to see what I can do.`);
      }
    });

    it('names the closest customers for status, cancel and audit of a customer with no move', async () => {
      await t.say(STAFF.megan, `move ${CONTOSO_DOMAIN} US direct`);
      for (const verb of ['status', 'cancel', 'audit']) {
        const card = onlyCard(await t.say(STAFF.megan, `${verb} contoso`));
        assert.match(textOf(card), /Did you mean contoso\.onmicrosoft\.com\?/);
        assert.deepEqual(imBacks(card), [`${verb} ${CONTOSO_DOMAIN}`]);
      }
      const typo = onlyCard(await t.say(STAFF.megan, 'status contosso.onmicrosoft.com'));
      assert.deepEqual(imBacks(typo), [`status ${CONTOSO_DOMAIN}`]);
      const far = await t.say(STAFF.megan, 'status northwind.com');
      assert.equal(far.replies[0].text, 'There is no move for northwind.com. Start one with `move northwind.com`.');
    });
  });

  describe('clicks that came too late say what happened and by whom', () => {
    it('an approval after Adele approved: today\'s card headed by her decision, nothing done twice', async () => {
      const state = await t.contosoAtApproval(STAFF.megan);
      const click = { moveId: state.moveId, version: state.version, planHash: state.plan!.hash };
      await t.click(STAFF.adele, 'move.plan.approve', click);
      t.clock.advance(5 * 60_000);
      const late = assertCardResponse(await t.click(STAFF.alex, 'move.plan.approve', click));
      assert.match(textOf(late), /^Adele Vance approved this plan at 24 Nov 2026, 09:00 UTC; nothing was done\./);
      assert.equal(t.store.count('PlanApproved'), 1);
      const reject = assertCardResponse(await t.click(STAFF.alex, 'move.plan.reject', click));
      assert.match(textOf(reject), /^Adele Vance approved this plan/);
      assert.equal(t.store.count('PlanRejected'), 0);
    });

    it('a change to a plan that was redrawn meanwhile names who redrew it', async () => {
      const state = await t.contosoAtApproval(STAFF.megan);
      const plan = state.plan!;
      const line = plan.lines[0];
      const adjust = {
        moveId: state.moveId, version: state.version, planHash: plan.hash,
        quantity_0: String(line.quantity + 1),
      };
      const first = await t.click(STAFF.alex, 'move.plan.adjust', adjust);
      assertCardResponse(first);
      assert.equal(t.store.count('PlanAdjusted'), 1, 'the first change is recorded');
      const late = assertCardResponse(await t.click(STAFF.adele, 'move.plan.approve', { moveId: state.moveId, version: state.version, planHash: plan.hash }));
      assert.match(textOf(late), /^The plan was redrawn since this card was drawn \(proposed by Alex Wilber, 24 Nov 2026, 09:00 UTC\); nothing was done\./);
      assert.equal(t.store.count('PlanApproved'), 0);
    });

    it('a Cancel on a cancelled move\'s card names who cancelled it', async () => {
      const moveId = await t.startContoso(STAFF.megan);
      const version = t.orchestrator.get(moveId)!.version;
      const { data } = { data: findAction(assertCardResponse(await t.click(STAFF.megan, 'move.cancel', { moveId, version })), 'move.cancel.confirm')!.data };
      await t.click(STAFF.patti, 'move.cancel.confirm', { ...data, cancelReason: REASON });
      const now = t.orchestrator.get(moveId)!;
      const late = assertCardResponse(await t.click(STAFF.megan, 'move.cancel', { moveId, version: now.version }), now);
      assert.match(textOf(late), /^Patti Fernandez cancelled this move at 24 Nov 2026, 09:00 UTC; nothing was done\./);
      assertMessageResponse(await t.click(STAFF.lynne, 'move.cancel', { moveId: 'mv-unknown', version: 1 }), /does not exist here any more/);
    });
  });
});
