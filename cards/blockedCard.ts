/**
 * Stage blocked: why the move cannot go on (e.g. the two CSP regions), and what a person can do next —
 * with the form that resolves it where the bot can: offers picked by an Account admin for a licence with
 * no equivalent, the inventory typed in when the tenant cannot be read, another reassignment pass.
 */
import type { BlockReason } from '../move/events';
import { hasAnyRole, ROLES_THAT_START } from '../move/policy';
import { describeRoles } from './roleText';
import { assertNever } from '../move/state';
import type { MoveState, Stage } from '../move/state';
import {
  VERBS, capitalize, deepFreeze, domainText, executeAction, expandCard, factLine, formatDateTime, LIMITS, MOVE_CARD_FRAME, count, oneLine, plainText,
} from './common';
import { moveActionContract } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import type { z } from 'zod';
import { INVENTORY_FORM_TEMPLATE, inventoryFormView } from './inventoryForm';
import type { InventoryFormView } from './inventoryForm';
import { HEADER_TEMPLATE, actionData, customerDomain, headerView, viewerMay } from './moveView';
import type { CardOptions, MoveHeaderView } from './moveView';
import { OFFER_FORMS_TEMPLATE, noOfferForms, offerFormsView } from './offerChoiceForm';
import type { OfferFormsView } from './offerChoiceForm';
import { ATTENTION_TEMPLATE, attentionView, progressText } from './reassignmentView';
import type { AttentionView } from './reassignmentView';

interface BlockedView {
  act: MoveActionData;
  header: MoveHeaderView;
  message: string;
  at: string;
  details: Array<{ label: string; value: string }>;
  next: Array<{ text: string }>;
  offerForms: OfferFormsView;
  inventoryForm: InventoryFormView;
  reassignment: { show: boolean; progress: string; retry: string; canRetry: boolean };
  attention: AttentionView;
}

const DETECTED_BY = deepFreeze({
  intake: 'the country typed on the start form',
  'tenant-metadata': "the tenant's public sign-in metadata",
  'partner-center': "Partner Center's record of the customer",
  'tenant-directory': "the country set on the customer's tenant (its directory)",
} as const);

/** Facts about the reason, and the steps a person can take, per kind of block. */
export function blockAdvice(reason: BlockReason, domain: string, fromStage: Stage | null = null): Pick<BlockedView, 'details' | 'next'> {
  const region = (value: string) => oneLine(value, 60) || 'unknown';
  switch (reason.code) {
    case 'region-mismatch':
      return {
        details: [
          { label: 'Customer tenant', value: `${oneLine(reason.customerCountry, 20)}, CSP region ${region(reason.customerRegion)}` },
          { label: 'Your partner account', value: `${oneLine(reason.partnerCountry, 20)}, CSP region ${region(reason.partnerRegion)}` },
          { label: 'Found from', value: DETECTED_BY[reason.detectedBy] ?? 'the region check' },
        ],
        next: [
          { text: `A CSP partner can only take over customers whose tenant country is in its own region. Nothing was sent to the customer.` },
          {
            text: reason.detectedBy === 'intake'
              ? `If the country on the form was wrong, start again with "move ${domain}" and pick the country set on the customer's tenant.`
              : reason.detectedBy === 'tenant-metadata'
                ? `This comes from the tenant's public region scope, a coarse hint. If you know the tenant's country is in your region, an Account admin can say "override ${domain}" followed by the reason.`
                : "The tenant's country is fixed when the tenant is created and cannot be changed.",
          },
          { text: `Otherwise only a CSP partner authorised in the region ${region(reason.customerRegion)} can take over this customer.` },
        ],
      };
    case 'unknown-country':
      return {
        details: [{ label: 'Country given', value: oneLine(reason.country, 20) || '(empty)' }],
        next: [
          { text: `Check the country code and start again with "move ${domain}".` },
          { text: 'If the code is right, ask an operator to add it to the CSP regions data file, then start again.' },
        ],
      };
    case 'tenant-not-found':
      return {
        details: [{ label: 'Looked up', value: domainText(reason.domain) }],
        next: [
          { text: 'No Microsoft 365 tenant answers for this domain. Check the spelling, or ask the customer for a domain that is verified in their tenant (such as contoso.onmicrosoft.com) or their tenant id.' },
          { text: 'Then start again with "move" and the corrected domain.' },
        ],
      };
    case 'plan-has-no-offer':
      return {
        details: [{ label: 'No CSP offer for', value: reason.skus.slice(0, 20).map((s) => oneLine(s, LIMITS.sku)).join(', ') || '(none listed)' }],
        next: [
          { text: 'These licences are not sold in your CSP catalog for the customer\'s country, and no offer (nor set of offers) carries every service plan their users have on.' },
          { text: 'Decide with the customer. An Account admin can pick offers for each licence below (users lose what those offers lack); the plan is then drafted again for approval.' },
          { text: `Or keep these licences where they are bought today and start a new move later with "move ${domain}".` },
        ],
      };
    case 'nothing-to-move':
      return {
        details: [],
        next: [
          { text: 'The customer holds only free, trial or excluded licences, so there is nothing to buy in your CSP program.' },
          { text: `If licences are missing from the inventory, check them in the customer's Microsoft 365 admin center, then start again with "move ${domain}".` },
        ],
      };
    case 'no-customer-access':
      return {
        details: [{ label: 'Detail', value: oneLine(reason.detail, LIMITS.error) || '(none)' }],
        next: [
          { text: "The bot cannot read the customer's licences. Ask the customer's Global Admin to approve the delegated admin (GDAP) request." },
          { text: `Once access is back, an Account admin says "override ${domain}" followed by the reason, and the bot reads the licences again.` },
          ...(fromStage === 'inventory' ? [{ text: 'Or type the inventory below if you know what the customer has.' }] : []),
        ],
      };
    case 'reassignment-incomplete':
      return {
        details: [{ label: 'Users still on the old licence', value: String(reason.users) }],
        next: [
          { text: 'These users keep their original licence, so nobody lost service. Fix what each row below says (in Microsoft Entra), then select Try again: the bot moves the users who still hold the old licence.' },
          { text: `${capitalize(describeRoles(ROLES_THAT_START))} can try again (or say "retry ${domain}").` },
          { text: `To go on without them (you will move them by hand), an Account admin says "override ${domain}" followed by the reason.` },
        ],
      };
    case 'duplicate-tenant':
      return {
        details: [{ label: 'Move under way', value: oneLine(reason.otherMoveId, LIMITS.id) }],
        next: [
          { text: 'The domain you typed belongs to a tenant that already has a move under way, started under another name.' },
          { text: 'Follow that move (say "list"), or cancel it first if this one should replace it.' },
        ],
      };
    default:
      return assertNever(reason);
  }
}

export function blockedView(state: MoveState, options?: CardOptions): BlockedView {
  const blocked = state.blocked;
  const advice = blocked ? blockAdvice(blocked.reason, customerDomain(state), blocked.fromStage) : { details: [], next: [] };
  const stuckUsers = blocked?.reason.code === 'reassignment-incomplete' ? blocked.reason.users : null;
  return {
    act: actionData(state),
    header: headerView(state),
    message: oneLine(blocked?.message, LIMITS.message) || 'The move is blocked; no reason was recorded.',
    at: formatDateTime(blocked?.at),
    details: advice.details,
    next: advice.next,
    // Drawn for one person: the forms and buttons the decider would let them use (picking offers: Account admins).
    offerForms: blocked?.reason.code === 'plan-has-no-offer' && viewerMay(options, (v) => hasAnyRole(v, ['account-admin'])) ? offerFormsView(state) : noOfferForms(),
    inventoryForm: viewerMay(options, (v) => hasAnyRole(v, ROLES_THAT_START)) ? inventoryFormView(state) : { ...inventoryFormView(state), show: false },
    reassignment: {
      show: stuckUsers !== null,
      progress: progressText(state),
      retry: `Try again runs another pass for the ${count(stuckUsers ?? 0, 'user', 'users')} above and anyone else still on the old licence.`,
      canRetry: viewerMay(options, (v) => hasAnyRole(v, ROLES_THAT_START)),
    },
    attention: attentionView(state),
  };
}

const TEMPLATE = deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...HEADER_TEMPLATE,
    {
      type: 'Container',
      style: 'attention',
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: 'This move is blocked (${at})', weight: 'Bolder', color: 'Attention', wrap: true },
        plainText('${message}'),
        factLine('${label}', '${value}', { $data: '${details}', spacing: 'Small' }),
      ],
    },
    { type: 'TextBlock', text: 'What you can do', weight: 'Bolder', spacing: 'Medium', wrap: true },
    plainText('${text}', { $data: '${next}', spacing: 'Small' }),
    OFFER_FORMS_TEMPLATE,
    INVENTORY_FORM_TEMPLATE,
    {
      type: 'Container',
      $when: '${reassignment.show}',
      separator: true,
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: 'Users who need attention', weight: 'Bolder', wrap: true },
        { type: 'TextBlock', text: '${reassignment.progress}', wrap: true, isSubtle: true, spacing: 'Small' },
        ...ATTENTION_TEMPLATE,
        { type: 'TextBlock', $when: '${reassignment.canRetry}', text: '${reassignment.retry}', wrap: true, spacing: 'Medium' },
        { type: 'ActionSet', $when: '${reassignment.canRetry}', actions: [executeAction('Try again', VERBS.retryReassignment, { associatedInputs: 'none' })] },
      ],
    },
  ],
});

export function blockedCard(state: MoveState, options?: CardOptions): AdaptiveCardJson {
  return expandCard(TEMPLATE, blockedView(state, options));
}

/** `move.reassignment.retry` (Try again, users who need attention): the move action alone. */
export const retryReassignmentContract = moveActionContract;
export type RetryReassignmentData = z.infer<typeof retryReassignmentContract>;
