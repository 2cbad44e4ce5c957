/**
 * The "type the inventory" form, for when the bot cannot read the customer's tenant: on the blocked card
 * (no access, blocked while reading the inventory) and on the progress card while reading keeps failing.
 * One licence per line in the format of move/typedInventory.ts; the bot checks every line and records
 * nothing until all are right.
 */
import { ROLES_THAT_START } from '../move/policy';
import { describeRoles } from './roleText';
import { TYPED_INVENTORY_EXAMPLE } from '../move/typedInventory';
import type { MoveState } from '../move/state';
import { INVENTORY_INPUT_ID, VERBS, deepFreeze, executeAction, moveActionContract, plainText, typedText } from './common';
import type { z } from 'zod';

/** 50 lines (the parser's limit) of about 100 characters. */
const MAX_TYPED_CHARS = 6_000;

export const TYPED_INVENTORY_FORMAT =
  '<SKU part number or Graph skuId>, <licences>, <assigned>[, <end date YYYY-MM-DD>][, <term P1M|P1Y|P3Y>, <billing monthly|annual|triennial>]';

/** Whether the move waits for its inventory and staff may type it in (what the decider accepts). */
export function canEnterInventory(state: MoveState): boolean {
  if (state.stage === 'inventory') return state.lastFailure !== null;
  return state.stage === 'blocked' && state.blocked?.reason.code === 'no-customer-access' && state.blocked.fromStage === 'inventory';
}

export interface InventoryFormView {
  show: boolean;
  who: string;
}

export function inventoryFormView(state: MoveState): InventoryFormView {
  return {
    show: canEnterInventory(state),
    who: `${describeRoles(ROLES_THAT_START)} can send it.`,
  };
}

/** Expects `inventoryForm` (InventoryFormView) and `act` in the view model. */
export const INVENTORY_FORM_TEMPLATE = deepFreeze({
  type: 'Container',
  $when: '${inventoryForm.show}',
  separator: true,
  spacing: 'Medium',
  items: [
    { type: 'TextBlock', text: 'Type the inventory', weight: 'Bolder', wrap: true },
    {
      type: 'TextBlock',
      wrap: true,
      text: "If you know what the customer has (their Microsoft 365 admin center, Billing > Your products), type one licence per line. "
        + 'Term and billing go together; leave out what you do not know (it stays "unknown").',
    },
    plainText(TYPED_INVENTORY_FORMAT, { spacing: 'Small' }),
    plainText(`For example: ${TYPED_INVENTORY_EXAMPLE}`, { spacing: 'None' }),
    {
      type: 'Input.Text',
      id: INVENTORY_INPUT_ID,
      label: 'Licences, one per line',
      isMultiline: true,
      maxLength: MAX_TYPED_CHARS,
      placeholder: TYPED_INVENTORY_EXAMPLE,
    },
    {
      type: 'TextBlock',
      wrap: true,
      size: 'Small',
      text: "${inventoryForm.who} Every line is checked against Microsoft's SKU table; nothing is recorded until all lines are right. "
        + 'The plan then says the inventory was typed in, so the approver checks the figures.',
    },
    { type: 'ActionSet', actions: [executeAction('Send the inventory', VERBS.enterInventory)] },
  ],
});

/**
 * `move.inventory.enter` (Send the inventory): the typed text, whole ('' when empty); the handler says when
 * it is too long to read.
 */
export const enterInventoryContract = moveActionContract.extend({
  [INVENTORY_INPUT_ID]: typedText,
});
export type EnterInventoryData = z.infer<typeof enterInventoryContract>;
