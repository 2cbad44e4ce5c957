/** Stage blocked: why the move cannot go on (e.g. the two CSP regions), and what a person can do next. */
import type { BlockReason } from '../move/events';
import { assertNever } from '../move/state';
import type { MoveState } from '../move/state';
import { deepFreeze, domainText, expandCard, factLine, formatDateTime, LIMITS, MOVE_CARD_FRAME, oneLine, plainText } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { HEADER_TEMPLATE, actionData, customerDomain, headerView } from './moveView';
import type { MoveHeaderView } from './moveView';

interface BlockedView {
  act: MoveActionData;
  header: MoveHeaderView;
  message: string;
  at: string;
  details: Array<{ label: string; value: string }>;
  next: Array<{ text: string }>;
}

const DETECTED_BY = deepFreeze({
  intake: 'the country typed on the start form',
  'tenant-metadata': "the tenant's public sign-in metadata",
  'partner-center': "Partner Center's record of the customer",
  'tenant-directory': "the country set on the customer's tenant (its directory)",
} as const);

/** Facts about the reason, and the steps a person can take, per kind of block. */
export function blockAdvice(reason: BlockReason, domain: string): Pick<BlockedView, 'details' | 'next'> {
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
          { text: 'These licences are not sold in your CSP catalog for the customer\'s country, and no equivalent offer covers the same services.' },
          { text: `Decide with the customer what to do with them (keep them where they are bought today, or choose an offer by hand in Partner Center), then start again with "move ${domain}".` },
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
          { text: `Then start again with "move ${domain}".` },
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

export function blockedView(state: MoveState): BlockedView {
  const blocked = state.blocked;
  const advice = blocked ? blockAdvice(blocked.reason, customerDomain(state)) : { details: [], next: [] };
  return {
    act: actionData(state),
    header: headerView(state),
    message: oneLine(blocked?.message, LIMITS.message) || 'The move is blocked; no reason was recorded.',
    at: formatDateTime(blocked?.at),
    details: advice.details,
    next: advice.next,
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
  ],
});

export function blockedCard(state: MoveState): AdaptiveCardJson {
  return expandCard(TEMPLATE, blockedView(state));
}
