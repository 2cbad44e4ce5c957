import { correlationOf } from '../requestCorrelation';
import { ROLES_THAT_START } from '../../move/policy';
import { whoCanText } from '../../cards/refusalText';
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { INVENTORY_INPUT_ID, VERBS } from '../../cards/common';
import { enterInventoryContract, type EnterInventoryData } from '../../cards/inventoryForm';
import { TYPED_INVENTORY_EXAMPLE } from '../../move/typedInventory';
import { messageResponse } from '../invokeResponses';
import { answerClick, MoveCardAction, type ActionContext } from './actionHandler';
import type { MoveState } from '../../move/state';

/** More than the form allows (50 lines): anything longer is forged or pasted by mistake. */
const MAX_TYPED_CHARS = 10_000;

/**
 * `move.inventory.enter`: staff type the customer's licences because the bot cannot read the tenant
 * (blocked card, or the progress card while reading keeps failing). The orchestrator parses the text and
 * the decider checks the role and that the move still waits for its inventory.
 */
export class EnterInventoryAction extends MoveCardAction<EnterInventoryData> {
  readonly verb = VERBS.enterInventory;
  readonly contract = enterInventoryContract;
  readonly whoCan = whoCanText('type-inventory', { roles: ROLES_THAT_START });
  // Each failed read of the tenant bumps the card's version: a version check would throw away what someone typed. The decider refuses once the inventory is in.
  protected override readonly needsCurrentCard = false;

  protected async act({ turn, actor, data }: ActionContext<EnterInventoryData>, moveId: string, state: MoveState): Promise<AdaptiveCardInvokeResponse> {
    const text = data[INVENTORY_INPUT_ID];
    if (text.length > MAX_TYPED_CHARS) {
      return messageResponse(`Typing the inventory: that is more than ${MAX_TYPED_CHARS} characters. Type at most 50 licence lines, then select "Send the inventory". Nothing was recorded.`);
    }
    if (!text.trim()) {
      return messageResponse(`Typing the inventory: the box is empty. Type one licence per line, like "${TYPED_INVENTORY_EXAMPLE}", then select "Send the inventory". Nothing was recorded.`);
    }

    const result = await this.deps.orchestrator.enterInventory(moveId, actor, text, correlationOf(turn));
    // Refused lines are named in the answer; the typed text stays in the card, to fix and send again.
    return answerClick(this.deps, { turn, actor }, moveId, state, result);
  }
}
