/** move/decide/inventory.ts: the GDAP access assignment, and the inventory staff type in when the bot cannot read the tenant. */
import assert from 'node:assert/strict';
import type { MoveCommand } from '../../../move/commands';
import type { MoveEvent } from '../../../move/events';
import type { Inventory } from '../../../move/model';
import { adele, contosoHistory, megan, system } from '../fixtures';
import { given, recorded } from '../givenWhenThen';
import { at, E3, inventoryLine } from './sandboxLicences';

describe('decider: typed inventory (EnterInventory)', () => {
  const typed: Inventory = { lines: [inventoryLine(E3, 50)], takenAt: at(65) };
  const enter = (over: Partial<Extract<MoveCommand, { type: 'EnterInventory' }>> = {}): MoveCommand => ({
    type: 'EnterInventory', actor: megan, at: at(65), inventory: typed, problems: [], ...over,
  });
  const noAccess = (): MoveEvent[] => [...contosoHistory('accepted'),
    { type: 'StepFailed', at: at(63), actor: system, step: 'inventory', error: 'Forbidden', retryable: false },
    { type: 'MoveBlocked', at: at(63), actor: system, reason: { code: 'no-customer-access', detail: 'Forbidden' }, message: 'No access' }];

  it('records a typed inventory while the move waits for it, or is blocked without access, naming who typed it', () => {
    for (const history of [contosoHistory('accepted'), noAccess()]) {
      const { state } = given(history).when(enter()).then([{ type: 'InventoryTaken', ...recorded(megan, at(65)), inventory: { ...typed, enteredBy: megan } }]);
      assert.equal(state.inventory?.enteredBy?.name, megan.name);
      assert.equal(state.stage, 'plan');
      assert.equal(state.blocked, null);
    }
  });

  it('refuses bad lines (listing them), people who cannot start moves, and other stages', () => {
    given(contosoHistory('accepted')).when(enter({ inventory: null, problems: ['Line 1: "E9" is not a licence'] }))
      .refused('invalid-input', /Nothing was recorded[\s\S]*Line 1/);
    given(contosoHistory('accepted')).when(enter({ actor: adele })).refused('not-allowed');
    given(contosoHistory('proposed')).when(enter()).refused('wrong-stage');
  });
});

describe('decider: GDAP access assignment (RecordDelegatedAccess)', () => {
  const record: MoveCommand = { type: 'RecordDelegatedAccess', actor: system, at: at(61), relationshipId: 'gdap-1', groupName: 'AdminAgents', assignmentId: 'as-1' };

  it('is recorded once while the move reads the inventory, and the move stays there', () => {
    const granted = given(contosoHistory('accepted')).when(record).then([{
      type: 'DelegatedAccessGranted', ...recorded(system, at(61)), relationshipId: 'gdap-1', groupName: 'AdminAgents', assignmentId: 'as-1',
    }]);
    assert.equal(granted.state.stage, 'inventory');
    assert.deepEqual(granted.state.delegatedAccess, { relationshipId: 'gdap-1', groupName: 'AdminAgents', assignmentId: 'as-1', at: at(61) });
    given(granted.history).when(record).then([], 'a repeat records nothing');
  });

  it('is refused at any other stage', () => {
    given(contosoHistory('invited')).when(record).refused('wrong-stage');
  });
});
