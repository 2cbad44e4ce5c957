/** A Fabrikam move with follow-ups: 50 E3 from another partner (ends 18 Feb 2027), two users left when Alex overrode, the advice given. */
import { adviseOnSources } from '../../move/advice';
import type { MoveEvent } from '../../move/events';
import type { UserReassignment } from '../../move/reassignment';
import { replay } from '../../move/state';
import { alex, PARTNER_TENANT, system } from './fixtures';
import { given } from './givenWhenThen';
import { at, E3, inventoryLine, moveHolding } from './decide/sandboxLicences';

export const OVERRIDE_REASON = 'The licensing group is switched by the customer\'s admin.';

export const reassigned = (id: string, outcome: UserReassignment['outcome'], upn = `${id}@fabrikam.onmicrosoft.com`): UserReassignment => ({
  userId: id, userPrincipalName: upn, sourceSkuId: E3.skuId, outcome, detail: outcome,
});

/** Up to the source advice (stage watching-sources); `left`: the users the reassignment could not move. */
export function fabrikamAfterOverride(left: UserReassignment[] = [reassigned('g1', 'skipped-group'), reassigned('g2', 'skipped-group')]): MoveEvent[] {
  let history = moveHolding([inventoryLine(E3, 50)], 'provisioned');
  history = given(history).when({ type: 'RecordReassignment', actor: system, at: at(85), results: [reassigned('u1', 'moved'), ...left], finished: true }).accepted().history;
  history = given(history).when({ type: 'OverrideBlock', actor: alex, at: at(90), reason: OVERRIDE_REASON }).accepted().history;
  const state = replay('mv-1', history);
  const advice = adviseOnSources(state.inventory!, {
    source: 'other-csp-partner', multiPartner: false, partnerTenantId: PARTNER_TENANT, hasDelegatedAdmin: true, movedSkuIds: new Set([E3.skuId.toLowerCase()]),
  });
  return given(history).when({ type: 'RecordSourceAdvice', actor: system, at: at(91), advice }).accepted().history;
}
