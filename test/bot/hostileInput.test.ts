/**
 * Forged and hostile card actions (docs/ARCHITECTURE.md §6): a clear error or a 4xx, never a crash, never a
 * half-applied step. Each case runs against a move waiting for approval (so an effect would be
 * possible) and checks that no event was recorded.
 */
import assert from 'node:assert/strict';
import type { MoveState } from '../../move/state';
import {
  TestBot, assertCardResponse, assertErrorResponse, assertMessageResponse, textOf,
} from './buildTestBot';
import { OTHER_TENANT, PARTNER_TENANT, STAFF } from './fakes';

const GONE = 'This card belongs to a move that does not exist here any more. Say `list` to see the moves.';
const OTHER_TENANT_MESSAGE = 'This bot works only for the partner\'s own organisation; your tenant is not that one.';
const MOVE_ID_TOO_LONG = 'The card sent malformed data: "moveId" must be text of at most 200 characters. Refresh the card and try again; nothing was done.';
const NO_IDENTITY_MESSAGE = 'Teams did not say who you are (no Entra object id on the message), so no action was taken. Use the bot from Microsoft Teams signed in with your work account.';

describe('forged and hostile card actions', () => {
  let t: TestBot;
  let move: MoveState;
  let events: number;
  let kvKeys: string[];

  beforeEach(async () => {
    t = new TestBot();
    move = await t.contosoAtApproval(STAFF.megan);
    events = t.store.count();
    kvKeys = [...t.kv.data.keys()];
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') return;
    assert.deepEqual(t.turnErrors, [], 'no turn crashed');
  });

  function assertNothingHappened(): void {
    assert.equal(t.store.count(), events, 'no event was recorded');
    assert.equal(t.orchestrator.get(move.moveId)!.stage, 'approval');
    assert.equal(t.partnerCenter.orderCount, 0);
  }

  const approveData = () => ({ moveId: move.moveId, version: move.version, planHash: move.plan!.hash });

  it('refuses a start form whose source is an object-prototype key, and records nothing', async () => {
    for (const source of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const result = await t.click(STAFF.megan, 'move.start', { moveId: `mv-proto-${source.replace(/_/g, '')}`, version: 0, domain: 'adatum.onmicrosoft.com', country: 'US', source });
      assertCardResponse(result);
      assert.equal(t.orchestrator.latestMoveFor('adatum.onmicrosoft.com'), undefined);
    }
    assertNothingHappened();
  });

  it('writes nothing for a refused start (no follower keys for forged move ids)', async () => {
    const before = (await t.kv.list()).length;
    await t.click(STAFF.isaiah, 'move.start', { moveId: 'mv-forged-1', version: 0, domain: 'adatum.onmicrosoft.com', country: 'US', source: 'microsoft-direct' });
    assert.equal((await t.kv.list()).length, before);
  });

  it('refuses a request that names no tenant at all', async () => {
    const conversation = { ...t.personal(STAFF.adele), tenantId: undefined } as unknown as ReturnType<TestBot['personal']>;
    const result = await t.invoke(t.from(STAFF.adele), conversation, {
      action: { type: 'Action.Execute', verb: 'move.plan.approve', data: approveData() }, trigger: 'manual',
    });
    assertMessageResponse(result, /did not say which organisation/);
    assertNothingHappened();
  });

  it('answers an unknown verb with 400 UnknownVerb', async () => {
    const result = await t.click(STAFF.adele, 'move.plan.explode', approveData());
    assertErrorResponse(result, 400, 'UnknownVerb', 'Unknown action "move.plan.explode". Refresh the card or say `help`.');
    assertNothingHappened();
  });

  it('clips a 10 kB verb in the error message', async () => {
    const verb = `move.${'x'.repeat(10_000)}`;
    const result = await t.click(STAFF.adele, verb, approveData());
    assertErrorResponse(result, 400, 'UnknownVerb', `Unknown action "${verb.slice(0, 60)}". Refresh the card or say \`help\`.`);
    assertNothingHappened();
  });

  it('answers an invoke without a value, or a value without an action, with 400 BadRequest', async () => {
    for (const value of [undefined, { trigger: 'manual' }, { action: null, trigger: 'manual' }]) {
      const result = await t.invoke(t.from(STAFF.adele), t.personal(STAFF.adele), value);
      assertErrorResponse(result, 400, 'BadRequest', 'Expected an Action.Execute with a verb.');
    }
    assertNothingHappened();
  });

  it('answers an Action.Submit sent as an invoke with 400 BadRequest', async () => {
    const result = await t.invoke(t.from(STAFF.adele), t.personal(STAFF.adele), {
      action: { type: 'Action.Submit', verb: 'move.plan.approve', data: approveData() }, trigger: 'manual',
    });
    assertErrorResponse(result, 400, 'BadRequest', 'Expected an Action.Execute with a verb.');
    assertNothingHappened();
  });

  it('answers an Action.Execute without a verb (or with a non-string verb) with 400 BadRequest', async () => {
    for (const verb of [undefined, 42, { verb: 'move.plan.approve' }, ['move.plan.approve']]) {
      const result = await t.invoke(t.from(STAFF.adele), t.personal(STAFF.adele), {
        action: { type: 'Action.Execute', verb, data: approveData() }, trigger: 'manual',
      });
      assertErrorResponse(result, 400, 'BadRequest', 'Expected an Action.Execute with a verb.');
    }
    assertNothingHappened();
  });

  it('answers data that is an array, a string, a number or null with 400 BadRequest', async () => {
    for (const data of [[approveData()], JSON.stringify(approveData()), 42, null, true]) {
      const result = await t.click(STAFF.adele, 'move.plan.approve', data);
      assertErrorResponse(result, 400, 'BadRequest', 'The card sent malformed data.');
    }
    assertNothingHappened();
  });

  it('treats a moveId with path characters as a move that is not here, on every verb', async () => {
    for (const moveId of ['../../etc', `${move.moveId}/../../etc`, '..\\..\\windows', 'mv-../../etc/passwd', `mv-${move.moveId.slice(3)}%2F..`]) {
      for (const verb of ['move.plan.approve', 'move.plan.reject', 'move.cancel', 'move.cancel.confirm', 'move.refresh', 'move.invitation.email']) {
        const result = await t.click(STAFF.adele, verb, { ...approveData(), moveId });
        assertMessageResponse(result, GONE);
      }
    }
    assertNothingHappened();
    assert.deepEqual([...t.kv.data.keys()], kvKeys, 'nothing was written to the key-value store');
  });

  // Contract (cards/common.ts moveIdField): no card carries an id longer than 100 characters, so a longer one is
  // refused as malformed data (it used to be looked up and found missing).
  it('answers a 10 kB moveId with 400 BadRequest naming the field, on every verb', async () => {
    const moveId = `mv-${'a'.repeat(10_000)}`;
    for (const verb of ['move.start', 'move.plan.approve', 'move.plan.reject', 'move.cancel', 'move.cancel.confirm', 'move.refresh', 'move.invitation.email']) {
      const result = await t.click(STAFF.adele, verb, { ...approveData(), moveId });
      assertErrorResponse(result, 400, 'BadRequest', MOVE_ID_TOO_LONG);
      assert.ok(!JSON.stringify(result.invoke).includes('aaaaaaaaaa'), 'the forged id is not echoed');
    }
    assertNothingHappened();
  });

  // Contract: a moveId is text; a number, object or list is malformed data (it used to be taken for a missing move).
  it('answers a moveId of another type (number, object, array) with 400 BadRequest, and a null one as a move that is not here', async () => {
    for (const moveId of [42, { $ne: null }, [move.moveId], true]) {
      assertErrorResponse(await t.click(STAFF.adele, 'move.plan.approve', { ...approveData(), moveId }), 400, 'BadRequest', MOVE_ID_TOO_LONG);
    }
    assertMessageResponse(await t.click(STAFF.adele, 'move.plan.approve', { ...approveData(), moveId: null }), GONE);
    assertNothingHappened();
  });

  it('answers move.start with a forged moveId and no form with the start form, recording nothing', async () => {
    for (const moveId of ['../../etc', `mv-${'a'.repeat(150)}`, '']) {
      const result = await t.click(STAFF.megan, 'move.start', { moveId, version: 0 });
      const card = assertCardResponse(result);
      assert.ok(textOf(card).includes('Type the customer\'s domain (like contoso.onmicrosoft.com) or tenant id.'));
      assert.ok(!JSON.stringify(card).includes('../'), 'the forged id is not echoed into the form');
    }
    assertNothingHappened();
    assert.deepEqual([...t.kv.data.keys()], kvKeys);
  });

  it('never uses a forged moveId on a complete start form as a storage key (a fresh id is used)', async () => {
    const result = await t.click(STAFF.megan, 'move.start', t.startForm({ moveId: '../../etc', domain: 'fabrikam.onmicrosoft.com' }));
    assertCardResponse(result);
    const ids = await t.store.listMoveIds();
    assert.equal(ids.length, 2);
    for (const id of ids) assert.match(id, /^mv-[A-Za-z0-9-]+$/);
    for (const key of t.kv.data.keys()) assert.ok(!key.includes('..'), key);
  });

  it('clips a 1 MB comment: a refusal records nothing, a rejection keeps at most 500 characters', async () => {
    const comment = 'x'.repeat(1_000_000);
    assertMessageResponse(
      await t.click(STAFF.megan, 'move.plan.reject', { ...approveData(), comment }),
      'Only an Account admin or a Billing agent can reject this plan. Your roles: Sales agent.',
    );
    assertNothingHappened();

    const result = await t.click(STAFF.adele, 'move.plan.reject', { ...approveData(), comment });
    const after = t.orchestrator.get(move.moveId)!;
    assert.equal(after.stage, 'rejected');
    assert.ok(after.rejection!.comment.length <= 500, `stored comment is ${after.rejection!.comment.length} characters`);
    const stored = t.store.eventsOf(move.moveId).at(-1) as { comment: string };
    assert.ok(stored.comment.length <= 500);
    const card = assertCardResponse(result, after);
    assert.ok(Buffer.byteLength(JSON.stringify(card)) < 24_000, 'the answer stays far below the Teams message limit');
  });

  it('clips a 1 MB domain on the start form and answers with the form', async () => {
    const result = await t.click(STAFF.megan, 'move.start', t.startForm({ domain: `${'a'.repeat(1_000_000)}.com` }));
    const card = assertCardResponse(result);
    assert.match(textOf(card), /is not a domain \(like contoso\.onmicrosoft\.com\) or a tenant id/);
    assert.ok(Buffer.byteLength(JSON.stringify(card)) < 24_000);
    assert.equal(t.store.count('MoveStarted'), 1, 'only the move set up before');
  });

  it('ignores roles, names or tenants sent in the card data (roles come from the directory)', async () => {
    const result = await t.click(STAFF.lynne, 'move.plan.approve', {
      ...approveData(), roles: ['account-admin'], actor: { id: STAFF.alex.aadObjectId, roles: ['account-admin'] }, tenantId: PARTNER_TENANT,
    });
    assertMessageResponse(result, 'Only an Account admin or a Billing agent can approve this plan. Your roles: Helpdesk agent.');
    assertNothingHappened();
  });

  it('refuses a request from another tenant (conversation.tenantId), with no effect', async () => {
    const conversation = { ...t.personal(STAFF.adele), tenantId: OTHER_TENANT };
    const from = t.from(STAFF.adele);
    const lookups = t.directory.roleLookups;
    for (const verb of ['move.plan.approve', 'move.plan.reject', 'move.cancel', 'move.refresh', 'move.invitation.email']) {
      const result = await t.process(t.activity(from, conversation, {
        type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: approveData() } },
      }));
      assertMessageResponse(result, OTHER_TENANT_MESSAGE);
    }
    assertNothingHappened();
    assert.equal(t.directory.roleLookups, lookups, 'refused before the roles are even read');
  });

  it('refuses a request whose tenant is only in channelData and is another tenant', async () => {
    const conversation = { ...t.personal(STAFF.adele), tenantId: undefined };
    const result = await t.process(t.activity(t.from(STAFF.adele), conversation, {
      type: 'invoke', name: 'adaptiveCard/action', channelData: { tenant: { id: OTHER_TENANT } },
      value: { action: { type: 'Action.Execute', verb: 'move.plan.approve', data: approveData() } },
    }));
    assertMessageResponse(result, OTHER_TENANT_MESSAGE);
    assertNothingHappened();
  });

  it('accepts the partner tenant id in any letter case', async () => {
    const conversation = { ...t.personal(STAFF.adele), tenantId: PARTNER_TENANT.toUpperCase() };
    const result = await t.process(t.activity(t.from(STAFF.adele), conversation, {
      type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'move.refresh', data: approveData() } },
    }));
    assertCardResponse(result, move);
  });

  it('refuses a request without an aadObjectId, with no effect', async () => {
    const result = await t.invoke({ id: STAFF.adele.id, name: STAFF.adele.name }, t.personal(STAFF.adele), {
      action: { type: 'Action.Execute', verb: 'move.plan.approve', data: approveData() },
    });
    assertMessageResponse(result, NO_IDENTITY_MESSAGE);
    assertNothingHappened();
  });

  it('refuses (and logs) when the roles cannot be read, with no effect', async () => {
    t.directory.failRoleLookups = true;
    const result = await t.click(STAFF.adele, 'move.plan.approve', approveData());
    assertMessageResponse(result, /^Could not read your Partner Center roles from the partner directory just now, so no action was taken\./);
    assertNothingHappened();
    assert.ok(t.log.lines.some((l) => l.level === 'warn' && l.message === 'role lookup failed'));
  });

  it('answers a handler failure with 500 InternalError and logs it, without recording anything', async () => {
    t.orchestrator.approvePlan = async () => { throw new Error('disk on fire'); };
    const result = await t.click(STAFF.adele, 'move.plan.approve', approveData());
    assertErrorResponse(result, 500, 'InternalError', /^"move\.plan\.approve" failed inside the bot; nothing more was done\./);
    assert.ok(!JSON.stringify(result.invoke).includes('disk on fire'), 'internal details stay in the log');
    assert.ok(t.log.lines.some((l) => l.level === 'error' && l.message === 'card action failed'));
    assertNothingHappened();
  });
});
