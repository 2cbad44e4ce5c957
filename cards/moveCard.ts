/**
 * Picks the card for a move's current stage. Every card it returns starts with the compact header (customer, stage
 * badge, on whom the move waits) and names who started the move.
 */
import type { MoveEvent } from '../move/events';
import { assertNever } from '../move/state';
import type { MoveState } from '../move/state';
import { blockedCard } from './blockedCard';
import { cancelledCard } from './cancelledCard';
import type { AdaptiveCardJson } from './common';
import { doneCard } from './doneCard';
import { invitationCard } from './invitationCard';
import { planCard } from './planCard';
import type { CardOptions } from './moveView';
import { progressCard } from './progressCard';
import { reassignmentCard } from './reassignmentCard';
import { statusCard } from './statusCard';
import { provisioningCard } from './provisioningCard';
import { scheduledCard } from './scheduledCard';

/** `options`: what the composition root says (the approval policy the decider enforces). */
export function moveCard(state: MoveState, options: CardOptions, events: readonly MoveEvent[] = []): AdaptiveCardJson {
  switch (state.stage) {
    case 'intake':
    case 'preflight':
    case 'invitation':
    case 'inventory':
    case 'plan':
      return progressCard(state, options, events);
    case 'awaiting-acceptance':
      return invitationCard(state, options);
    case 'approval':
    case 'rejected':
      return planCard(state, options);
    case 'scheduled':
      return scheduledCard(state, options);
    case 'provisioning':
      return provisioningCard(state, options);
    case 'reassigning-licenses':
      return reassignmentCard(state, options);
    case 'source-advice':
    case 'watching-sources':
    case 'done':
      return doneCard(state, options);
    case 'blocked':
      return blockedCard(state, options);
    case 'cancelled':
      return cancelledCard(state, options);
    case 'timed-out':
      return statusCard(state, events, options);
    default:
      return assertNever(state.stage);
  }
}
