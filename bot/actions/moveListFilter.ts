import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { VERBS } from '../../cards/common';
import { dashboardCard, filterListContract, type FilterListAction } from '../../cards/dashboardCard';
import { cardResponse } from '../invokeResponses';
import type { ActionContext, ActionDeps, ActionHandler } from './actionHandler';
import { cardOptionsFor } from '../viewerCardOptions';

/**
 * `move.list.filter` (the dashboard's filter buttons, and its "Refresh card"): the dashboard again under the
 * filter, for the person who pressed it, from the moves' states (picked up from a shared store first) — never
 * their event histories.
 */
export class MoveListFilterAction implements ActionHandler<FilterListAction> {
  readonly verb = VERBS.filterList;
  readonly contract = filterListContract;

  constructor(private readonly deps: ActionDeps, private readonly now: () => Date) {}

  async handle({ turn, actor, data: { filter } }: ActionContext<FilterListAction>): Promise<AdaptiveCardInvokeResponse> {
    await this.deps.orchestrator.refresh();
    const moves = this.deps.orchestrator.all();
    return cardResponse(dashboardCard({ moves, filter, viewer: actor, now: this.now() }, cardOptionsFor(this.deps.cardOptions, turn)));
  }
}
