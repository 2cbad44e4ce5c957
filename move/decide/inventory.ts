/**
 * The inventory: the GDAP access assignment made before it is read, the inventory the bot read, and the one
 * staff type in when the bot cannot read the tenant.
 */
import type { EnterInventory, RecordDelegatedAccess, RecordInventory } from '../commands';
import { accept, expectStage, refuse, type Decision } from '../decision';
import type { MoveEvent } from '../events';
import { hasAnyRole, ROLES_THAT_START } from '../policy';
import type { MoveState } from '../state';
import type { DecisionContext } from './handler';
import { laterCountryMismatch } from './regionMismatch';

/** Recorded once; the move stays at the inventory. */
export function recordDelegatedAccess(command: RecordDelegatedAccess, state: MoveState, { envelope }: DecisionContext): Decision {
  const wrong = expectStage(state, 'inventory');
  if (wrong) return wrong;
  if (state.delegatedAccess) return accept();
  return accept({ type: 'DelegatedAccessGranted', ...envelope, relationshipId: command.relationshipId, groupName: command.groupName, assignmentId: command.assignmentId });
}

/** The inventory is recorded even when the tenant's own country (its directory, the final word as Partner Center's is) then blocks the move. */
export function recordInventory(command: RecordInventory, state: MoveState, context: DecisionContext): Decision {
  const wrong = expectStage(state, 'inventory');
  if (wrong) return wrong;
  const taken: MoveEvent = { type: 'InventoryTaken', ...context.envelope, inventory: command.inventory };
  const mismatch = laterCountryMismatch(command.customerCountry, state, context, 'tenant-directory');
  return mismatch ? accept(taken, mismatch) : accept(taken);
}

/** Taken while the move waits for its inventory, or is blocked there without access to the tenant; it records who typed it. */
export function enterInventory(command: EnterInventory, state: MoveState, { envelope }: DecisionContext): Decision {
  const waitingForIt = state.stage === 'inventory'
    || (state.stage === 'blocked' && state.blocked?.reason.code === 'no-customer-access' && state.blocked.fromStage === 'inventory');
  if (!waitingForIt) {
    return refuse({ kind: 'inventory-not-awaited' });
  }
  if (!hasAnyRole(command.actor, ROLES_THAT_START)) {
    return refuse({ kind: 'role-required', action: 'type-inventory', roles: [...ROLES_THAT_START], actorRoles: command.actor.roles });
  }
  if (command.problems.length > 0) {
    return refuse({ kind: 'inventory-lines-invalid', problems: [...command.problems] });
  }
  if (!command.inventory || command.inventory.lines.length === 0) return refuse({ kind: 'inventory-empty' });
  return accept({ type: 'InventoryTaken', ...envelope, inventory: { ...command.inventory, enteredBy: command.actor } });
}
