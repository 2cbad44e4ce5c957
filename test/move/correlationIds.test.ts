import assert from 'node:assert/strict';
import type { MoveCommand } from '../../move/commands';
import { MoveDecider } from '../../move/decider';
import { withCorrelationIds, type MoveEvent } from '../../move/events';
import { RegionTable } from '../../move/regions';
import { replay, type MoveState } from '../../move/state';
import { adele, alex, contosoHistory, contosoInventory, contosoPlan, megan, startCommand, system, T0, runCommands } from './fixtures';

const decider = new MoveDecider(RegionTable.default());

function run(history: MoveEvent[], ...commands: MoveCommand[]): { state: MoveState; events: MoveEvent[] } {
  return runCommands(decider, history, ...commands);
}

describe('correlation ids on move events', () => {
  it('start with the move\'s own: the StartMove request\'s id is the move\'s correlation id', () => {
    const { state, events } = run([], startCommand({ correlationId: 'corr-start' }));
    assert.equal(state.correlationId, 'corr-start');
    assert.deepEqual(events.map((e) => e.correlationId), ['corr-start']);
  });

  it('carry the id of the staff request that caused them, and the move\'s for the bot\'s steps', () => {
    const plan = contosoPlan();
    const { events } = run(contosoHistory('accepted'),
      { type: 'RecordInventory', actor: system, at: T0, inventory: contosoInventory() },
      { type: 'ProposePlan', actor: system, at: T0, plan },
      { type: 'ApprovePlan', actor: adele, at: T0, planHash: plan.hash, comment: 'ok', correlationId: 'req-approve' },
      { type: 'RecordCart', actor: system, at: T0, customerId: 'c', cartId: 'cart-1', requestId: 'r' },
    );
    assert.deepEqual(events.map((e) => [e.type, e.correlationId]), [
      ['InventoryTaken', 'corr-1'], ['PlanProposed', 'corr-1'], ['PlanApproved', 'req-approve'], ['CartCreated', 'corr-1'],
    ]);
  });

  it('give every event of one decision the same id (a failure that blocks, and the override that lifts it)', () => {
    const { events } = run(contosoHistory('inventory').slice(0, -1),
      { type: 'RecordStepFailure', actor: system, at: T0, step: 'inventory', error: 'no access', retryable: false, blocks: { code: 'no-customer-access', detail: 'no access' } },
      { type: 'OverrideBlock', actor: alex, at: T0, reason: 'Access was restored by the customer\'s admin.', correlationId: 'req-override' },
    );
    assert.deepEqual(events.map((e) => [e.type, e.correlationId]), [['StepFailed', 'corr-1'], ['MoveBlocked', 'corr-1'], ['BlockOverridden', 'req-override']]);
  });

  it('are on every event a whole move records', () => {
    const plan = contosoPlan();
    const { events } = run([],
      startCommand({ actor: megan }),
      { type: 'RecordPreflight', actor: system, at: T0, tenant: { tenantId: 't-1', regionScope: 'NA' }, partnerCountry: 'US', existingCustomerId: null, otherActiveMove: null },
      { type: 'RecordInvitation', actor: system, at: T0, resellerLink: 'https://x', gdapRelationshipId: null, gdapLink: null },
      { type: 'RecordAcceptance', actor: system, at: T0, customerId: 'c', companyName: 'Contoso', customerCountry: 'US' },
      { type: 'RecordInventory', actor: system, at: T0, inventory: contosoInventory() },
      { type: 'ProposePlan', actor: system, at: T0, plan },
      { type: 'ApprovePlan', actor: adele, at: T0, planHash: plan.hash, comment: '', correlationId: 'req-1' },
      { type: 'RecordCart', actor: system, at: T0, customerId: 'c', cartId: 'cart-1', requestId: 'r' },
      { type: 'RecordOrder', actor: system, at: T0, orderIds: ['o-1'], subscriptions: [] },
      { type: 'RecordProvisioned', actor: system, at: T0, subscriptions: [], prepaidCheck: [] },
      { type: 'RecordSourceAdvice', actor: system, at: T0, advice: [] },
    );
    assert.equal(events.at(-1)?.type, 'MoveCompleted');
    assert.deepEqual(events.filter((e) => typeof e.correlationId !== 'string' || e.correlationId === ''), []);
  });

  it('are filled in with the move\'s for events stored before they carried one; the state is the same', () => {
    const old = contosoHistory('approved');
    assert.ok(old.slice(1).every((e) => e.correlationId === undefined), 'the fixture is an old stream');
    const filled = withCorrelationIds(old);
    assert.deepEqual(filled.map((e) => e.correlationId), old.map(() => 'corr-1'));
    assert.deepEqual(replay('mv-1', filled), replay('mv-1', old));
    const mixed = withCorrelationIds([...old, { type: 'MoveCancelled', at: T0, actor: megan, reason: 'r', correlationId: 'req-9' }]);
    assert.equal(mixed.at(-1)?.correlationId, 'req-9', 'an event that has one keeps it');
    assert.equal(replay('mv-1', JSON.parse(JSON.stringify(old)) as MoveEvent[]).stage, 'provisioning', 'an old stream, as stored, still replays');
  });
});
