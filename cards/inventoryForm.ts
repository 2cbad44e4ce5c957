/**
 * The "type the inventory" form, for when the bot cannot read the customer's tenant: on the blocked card
 * (no access, blocked while reading the inventory) and on the progress card while reading keeps failing.
 * One licence per line in the format of move/typedInventory.ts; the bot checks every line and records
 * nothing until all are right.
 */
import { ROLES_THAT_START } from '../move/policy';
import { TYPED_INVENTORY_EXAMPLE } from '../move/typedInventory';
import type { MoveState } from '../move/state';
import { INVENTORY_INPUT_ID, VERBS, deepFreeze, executeAction, moveActionContract, plainText, typedText } from './common';
import type { z } from 'zod';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, type Locale } from './i18n/locales';
import { rolesInSentence } from './moveView';

/** 50 lines (the parser's limit) of about 100 characters. */
const MAX_TYPED_CHARS = 6_000;

/** The line format, in English (the form shows it in the reader's language: inventory.form.format). */
export const TYPED_INVENTORY_FORMAT = t('en', 'inventory.form.format');

/** Whether the move waits for its inventory and staff may type it in (what the decider accepts). */
export function canEnterInventory(state: MoveState): boolean {
  if (state.stage === 'inventory') return state.lastFailure !== null;
  return state.stage === 'blocked' && state.blocked?.reason.code === 'no-customer-access' && state.blocked.fromStage === 'inventory';
}

export interface InventoryFormView {
  show: boolean;
  /** The form's words in the reader's language. */
  title: string;
  intro: string;
  format: string;
  example: string;
  label: string;
  /** Who may send it, and how the lines are checked. */
  checked: string;
  send: string;
}

export function inventoryFormView(state: MoveState, locale: Locale = DEFAULT_LOCALE): InventoryFormView {
  return {
    show: canEnterInventory(state),
    title: t(locale, 'inventory.form.title'),
    intro: t(locale, 'inventory.form.intro'),
    format: t(locale, 'inventory.form.format'),
    example: t(locale, 'inventory.form.example', { example: TYPED_INVENTORY_EXAMPLE }),
    label: t(locale, 'inventory.form.label'),
    checked: t(locale, 'inventory.form.checked', { roles: rolesInSentence(ROLES_THAT_START, locale) }),
    send: t(locale, 'inventory.form.send'),
  };
}

/** Expects `inventoryForm` (InventoryFormView) and `act` in the view model; its words come from there. */
export const INVENTORY_FORM_TEMPLATE = deepFreeze({
  type: 'Container',
  $when: '${inventoryForm.show}',
  separator: true,
  spacing: 'Medium',
  items: [
    { type: 'TextBlock', text: '${inventoryForm.title}', weight: 'Bolder', wrap: true },
    { type: 'TextBlock', wrap: true, text: '${inventoryForm.intro}' },
    plainText('${inventoryForm.format}', { spacing: 'Small' }),
    plainText('${inventoryForm.example}', { spacing: 'None' }),
    {
      type: 'Input.Text',
      id: INVENTORY_INPUT_ID,
      label: '${inventoryForm.label}',
      isMultiline: true,
      maxLength: MAX_TYPED_CHARS,
      placeholder: TYPED_INVENTORY_EXAMPLE,
    },
    {
      type: 'TextBlock',
      wrap: true,
      size: 'Small',
      text: '${inventoryForm.checked}',
    },
    { type: 'ActionSet', actions: [executeAction('${inventoryForm.send}', VERBS.enterInventory)] },
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
