/**
 * The decider's handlers for what people resolve around the plan and after provisioning: offers an
 * Account admin picks for a licence with no equivalent, an inventory typed in by staff, the licence
 * reassignment's batches and passes; and the GDAP access assignment recorded before the inventory.
 */
import type { ChooseOffer, EnterInventory, RecordDelegatedAccess, RecordReassignment, ResumeReassignment } from './commands';
import { accept, blocked, clip, expectBlocked, expectStage, MAX_COMMENT_LENGTH, refuse, type Decision, type Envelope } from './decision';
import type { MoveEvent } from './events';
import { describeActorRoles, describeRoles, hasAnyRole, ROLES_THAT_START } from './policy';
import { needsAttention } from './reassignment';
import { reassignmentKey, type MoveState } from './state';

const MAX_OFFERS_PICKED = 3;

export function decideAfterPlan(
  command: ChooseOffer | EnterInventory | RecordReassignment | ResumeReassignment | RecordDelegatedAccess, state: MoveState, envelope: Envelope,
): Decision {
  switch (command.type) {
    case 'ChooseOffer':
      return chooseOffer(command, state, envelope);
    case 'EnterInventory':
      return enterInventory(command, state, envelope);
    case 'RecordReassignment':
      return recordReassignment(command, state, envelope);
    case 'ResumeReassignment': {
      const wrong = expectBlocked(state, 'reassignment-incomplete', 'Another reassignment pass can be asked for');
      if (wrong) return wrong;
      if (!hasAnyRole(command.actor, ROLES_THAT_START)) {
        return refuse('not-allowed', `Only ${describeRoles(ROLES_THAT_START)} can run the reassignment again. ${describeActorRoles(command.actor)}.`);
      }
      return accept({ type: 'ReassignmentResumed', ...envelope });
    }
    case 'RecordDelegatedAccess': {
      const wrong = expectStage(state, 'inventory');
      if (wrong) return wrong;
      if (state.delegatedAccess) return accept();
      return accept({ type: 'DelegatedAccessGranted', ...envelope, relationshipId: command.relationshipId, groupName: command.groupName, assignmentId: command.assignmentId });
    }
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

function chooseOffer(command: ChooseOffer, state: MoveState, envelope: Envelope): Decision {
  const wrong = expectBlocked(state, 'plan-has-no-offer', 'Offers can be picked');
  if (wrong) return wrong;
  if (!hasAnyRole(command.actor, ['account-admin'])) {
    return refuse('not-allowed', `Only an Account admin can pick offers for a licence with no equivalent (users may lose service plans). ${describeActorRoles(command.actor)}.`);
  }
  const blocker = state.plan?.blockers.find((b) => b.skuId.toLowerCase() === command.sourceSkuId.toLowerCase());
  if (!blocker || blocker.kind !== 'no-equivalent') {
    return refuse('invalid-input', 'That licence has no open "no equivalent" blocker in the current plan. Refresh the card.');
  }
  const ids = [...new Set(command.offerIds.map((id) => id.trim().toUpperCase()).filter(Boolean))];
  if (ids.length === 0 || ids.length > MAX_OFFERS_PICKED) {
    return refuse('invalid-input', `Pick one to ${MAX_OFFERS_PICKED} offers for ${blocker.skuPartNumber}.`);
  }
  const offers = ids.map((id) => blocker.candidates.find((c) => `${c.productId}:${c.skuId}`.toUpperCase() === id));
  if (offers.some((o) => !o)) {
    return refuse('invalid-input', `Pick from the offers the card lists for ${blocker.skuPartNumber}: ${blocker.candidates.map((c) => c.title).join(', ') || 'none are sold'}.`);
  }
  const reason = clip(command.reason.trim(), MAX_COMMENT_LENGTH);
  if (reason.length < 10) return refuse('invalid-input', 'Say why these offers are right (at least a sentence); it goes on the record and on the plan card.');
  return accept({
    type: 'OfferChosen', ...envelope, sourceSkuId: blocker.skuId, skuPartNumber: blocker.skuPartNumber,
    offers: offers as NonNullable<(typeof offers)[number]>[], reason,
  });
}

function enterInventory(command: EnterInventory, state: MoveState, envelope: Envelope): Decision {
  const waitingForIt = state.stage === 'inventory'
    || (state.stage === 'blocked' && state.blocked?.reason.code === 'no-customer-access' && state.blocked.fromStage === 'inventory');
  if (!waitingForIt) {
    return refuse('wrong-stage', 'The inventory can be typed in only while the move waits for it (the bot could not read the customer\'s tenant).');
  }
  if (!hasAnyRole(command.actor, ROLES_THAT_START)) {
    return refuse('not-allowed', `Only ${describeRoles(ROLES_THAT_START)} can type in an inventory. ${describeActorRoles(command.actor)}.`);
  }
  if (command.problems.length > 0) {
    return refuse('invalid-input', `Nothing was recorded. Fix these lines and send again:\n${command.problems.map((p) => `- ${p}`).join('\n')}`);
  }
  if (!command.inventory || command.inventory.lines.length === 0) return refuse('invalid-input', 'Type at least one licence line.');
  return accept({ type: 'InventoryTaken', ...envelope, inventory: { ...command.inventory, enteredBy: command.actor } });
}

function recordReassignment(command: RecordReassignment, state: MoveState, envelope: Envelope): Decision {
  const wrong = expectStage(state, 'reassigning-licenses');
  if (wrong) return wrong;
  // A repeated report of a user this pass already recorded changes nothing.
  const fresh = command.results.filter((r) => !state.reassignment.results[reassignmentKey(r)]);
  // The changes about to go to Graph are recorded before they leave; a finished pass sends nothing more.
  const sending = command.finished ? [] : (command.sending ?? []).filter((s) => !state.reassignment.results[reassignmentKey(s)]);
  const recordsSomething = fresh.length > 0 || sending.length > 0 || state.reassignment.sending.length > 0;
  const events: MoveEvent[] = recordsSomething ? [{ type: 'LicencesReassigned', ...envelope, results: fresh, sending }] : [];
  if (!command.finished) return { ok: true, events };
  const all = [...Object.values(state.reassignment.results), ...fresh];
  const attention = all.filter(needsAttention);
  const moved = all.length - attention.length;
  events.push({ type: 'ReassignmentFinished', ...envelope, moved, attention: attention.length });
  if (attention.length > 0) {
    events.push(blocked(envelope, { code: 'reassignment-incomplete', users: attention.length },
      `${attention.length === 1 ? '1 user still holds' : `${attention.length} users still hold`} the old licence (${moved} moved). `
      + 'Fix what the card lists for each, then say `retry`; or an Account admin may override to go on and handle them by hand.'));
  }
  return { ok: true, events };
}
