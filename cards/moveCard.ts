/** Picks the card for a move's current stage. Every card it returns names the stage, customer and starter. */
import type { MoveEvent } from '../move/events';
import { assertNever } from '../move/state';
import type { MoveState } from '../move/state';
import { blockedCard } from './blockedCard';
import { cancelledCard } from './cancelledCard';
import type { AdaptiveCardJson } from './common';
import { doneCard } from './doneCard';
import { invitationCard } from './invitationCard';
import { planCard } from './planCard';
import { progressCard } from './progressCard';
import { statusCard } from './statusCard';
import { provisioningCard } from './provisioningCard';

export function moveCard(state: MoveState, events: readonly MoveEvent[] = []): AdaptiveCardJson {
  switch (state.stage) {
    case 'intake':
    case 'preflight':
    case 'invitation':
    case 'inventory':
    case 'plan':
      return progressCard(state, events);
    case 'awaiting-acceptance':
      return invitationCard(state);
    case 'approval':
    case 'rejected':
      return planCard(state);
    case 'provisioning':
      return provisioningCard(state);
    case 'source-advice':
    case 'watching-sources':
    case 'done':
      return doneCard(state);
    case 'blocked':
      return blockedCard(state);
    case 'cancelled':
      return cancelledCard(state);
    case 'timed-out':
      return statusCard(state, events);
    default:
      return assertNever(state.stage);
  }
}
