/**
 * Stage blocked: why the move cannot go on (e.g. the two CSP regions), and what a person can do next —
 * with the form that resolves it where the bot can: offers picked by an Account admin for a licence with
 * no equivalent, the inventory typed in when the tenant cannot be read, another reassignment pass.
 */
import type { BlockReason } from '../move/events';
import { DEFAULT_APPROVAL_POLICY, hasAnyRole, ROLES_THAT_START } from '../move/policy';
import { describeRoles } from './roleText';
import { assertNever } from '../move/state';
import type { MoveState, Stage } from '../move/state';
import {
  VERBS, capitalize, deepFreeze, domainText, executeAction, expandCard, factLine, formatDateTime, LIMITS, MOVE_CARD_FRAME, oneLine, plainText,
} from './common';
import { moveActionContract } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import type { z } from 'zod';
import { INVENTORY_FORM_TEMPLATE, inventoryFormView } from './inventoryForm';
import type { InventoryFormView } from './inventoryForm';
import { fill, plural } from './messages';
import { STARTED_TEMPLATE, actionData, customerDomain, startedText, viewerMay } from './moveView';
import { COMPACT_HEADER_TEMPLATE, compactHeaderView } from './compactHeader';
import type { CardOptions } from './moveView';
import type { CompactHeaderView } from './compactHeader';
import { OFFER_FORMS_TEMPLATE, noOfferForms, offerFormsView } from './offerChoiceForm';
import type { OfferFormsView } from './offerChoiceForm';
import { ATTENTION_TEMPLATE, attentionView, progressText } from './reassignmentView';
import type { AttentionView } from './reassignmentView';

const TEXT = deepFreeze({
  unknown: 'unknown',
  empty: '(empty)',
  noneListed: '(none listed)',
  none: '(none)',
  listSeparator: ', ',
  countryInRegion: '{country}, CSP region {region}',
  detectedBy: {
    intake: 'the country typed on the start form',
    'tenant-metadata': "the tenant's public sign-in metadata",
    'partner-center': "Partner Center's record of the customer",
    'tenant-directory': "the country set on the customer's tenant (its directory)",
  } as Readonly<Record<string, string>>,
  regionCheck: 'the region check',
  labels: {
    customerTenant: 'Customer tenant',
    partnerAccount: 'Your partner account',
    foundFrom: 'Found from',
    countryGiven: 'Country given',
    lookedUp: 'Looked up',
    noOffer: 'No CSP offer for',
    detail: 'Detail',
    usersLeft: 'Users still on the old licence',
    moveUnderWay: 'Move under way',
  },
  regionMismatch: {
    rule: 'A CSP partner can only take over customers whose tenant country is in its own region. Nothing was sent to the customer.',
    fromIntake: 'If the country on the form was wrong, start again with "move {domain}" and pick the country set on the customer\'s tenant.',
    fromMetadata: 'This comes from the tenant\'s public region scope, a coarse hint. If you know the tenant\'s country is in your region, an Account admin can say "override {domain}" followed by the reason.',
    fixed: "The tenant's country is fixed when the tenant is created and cannot be changed.",
    otherPartner: 'Otherwise only a CSP partner authorised in the region {region} can take over this customer.',
  },
  unknownCountry: {
    check: 'Check the country code and start again with "move {domain}".',
    addIt: 'If the code is right, ask an operator to add it to the CSP regions data file, then start again.',
  },
  tenantNotFound: {
    noTenant: 'No Microsoft 365 tenant answers for this domain. Check the spelling, or ask the customer for a domain that is verified in their tenant (such as contoso.onmicrosoft.com) or their tenant id.',
    again: 'Then start again with "move" and the corrected domain.',
  },
  noOffer: {
    notSold: 'These licences are not sold in your CSP catalog for the customer\'s country, and no offer (nor set of offers) carries every service plan their users have on.',
    decide: 'Decide with the customer. An Account admin can pick offers for each licence below (users lose what those offers lack); the plan is then drafted again for approval.',
    keep: 'Or keep these licences where they are bought today and start a new move later with "move {domain}".',
  },
  nothingToMove: {
    onlyFree: 'The customer holds only free, trial or excluded licences, so there is nothing to buy in your CSP program.',
    missing: 'If licences are missing from the inventory, check them in the customer\'s Microsoft 365 admin center, then start again with "move {domain}".',
  },
  noAccess: {
    cannotRead: "The bot cannot read the customer's licences. Ask the customer's Global Admin to approve the delegated admin (GDAP) request.",
    override: 'Once access is back, an Account admin says "override {domain}" followed by the reason, and the bot reads the licences again.',
    typeIt: 'Or type the inventory below if you know what the customer has.',
  },
  reassignment: {
    keepOriginal: 'These users keep their original licence, so nobody lost service. Fix what each row below says (in Microsoft Entra), then select Try again: the bot moves the users who still hold the old licence.',
    retry: '{roles} can try again (or say "retry {domain}").',
    override: 'To go on without them (you will move them by hand), an Account admin says "override {domain}" followed by the reason.',
  },
  duplicate: {
    underWay: 'The domain you typed belongs to a tenant that already has a move under way, started under another name.',
    follow: 'Follow that move (say "list"), or cancel it first if this one should replace it.',
  },
  noReason: 'The move is blocked; no reason was recorded.',
  retryOne: 'Try again runs another pass for the {n} user above and anyone else still on the old licence.',
  retryMany: 'Try again runs another pass for the {n} users above and anyone else still on the old licence.',
  title: 'This move is blocked ({at})',
  whatYouCanDo: 'What you can do',
  attentionTitle: 'Users who need attention',
  tryAgain: 'Try again',
});

interface BlockedView {
  act: MoveActionData;
  header: CompactHeaderView;
  title: string;
  message: string;
  details: Array<{ label: string; value: string }>;
  next: Array<{ text: string }>;
  started: string;
  offerForms: OfferFormsView;
  inventoryForm: InventoryFormView;
  reassignment: { show: boolean; progress: string; retry: string; canRetry: boolean };
  attention: AttentionView;
}

/** Facts about the reason, and the steps a person can take, per kind of block. */
export function blockAdvice(reason: BlockReason, domain: string, fromStage: Stage | null = null): Pick<BlockedView, 'details' | 'next'> {
  const region = (value: string) => oneLine(value, 60) || TEXT.unknown;
  const L = TEXT.labels;
  const lines = (...texts: string[]) => texts.map((text) => ({ text }));
  switch (reason.code) {
    case 'region-mismatch': {
      const R = TEXT.regionMismatch;
      return {
        details: [
          { label: L.customerTenant, value: fill(TEXT.countryInRegion, { country: oneLine(reason.customerCountry, 20), region: region(reason.customerRegion) }) },
          { label: L.partnerAccount, value: fill(TEXT.countryInRegion, { country: oneLine(reason.partnerCountry, 20), region: region(reason.partnerRegion) }) },
          { label: L.foundFrom, value: TEXT.detectedBy[reason.detectedBy] ?? TEXT.regionCheck },
        ],
        next: lines(
          R.rule,
          reason.detectedBy === 'intake' ? fill(R.fromIntake, { domain })
            : reason.detectedBy === 'tenant-metadata' ? fill(R.fromMetadata, { domain }) : R.fixed,
          fill(R.otherPartner, { region: region(reason.customerRegion) }),
        ),
      };
    }
    case 'unknown-country':
      return {
        details: [{ label: L.countryGiven, value: oneLine(reason.country, 20) || TEXT.empty }],
        next: lines(fill(TEXT.unknownCountry.check, { domain }), TEXT.unknownCountry.addIt),
      };
    case 'tenant-not-found':
      return {
        details: [{ label: L.lookedUp, value: domainText(reason.domain) }],
        next: lines(TEXT.tenantNotFound.noTenant, TEXT.tenantNotFound.again),
      };
    case 'plan-has-no-offer':
      return {
        details: [{ label: L.noOffer, value: reason.skus.slice(0, 20).map((s) => oneLine(s, LIMITS.sku)).join(TEXT.listSeparator) || TEXT.noneListed }],
        next: lines(TEXT.noOffer.notSold, TEXT.noOffer.decide, fill(TEXT.noOffer.keep, { domain })),
      };
    case 'nothing-to-move':
      return {
        details: [],
        next: lines(TEXT.nothingToMove.onlyFree, fill(TEXT.nothingToMove.missing, { domain })),
      };
    case 'no-customer-access':
      return {
        details: [{ label: L.detail, value: oneLine(reason.detail, LIMITS.error) || TEXT.none }],
        next: lines(
          TEXT.noAccess.cannotRead,
          fill(TEXT.noAccess.override, { domain }),
          ...(fromStage === 'inventory' ? [TEXT.noAccess.typeIt] : []),
        ),
      };
    case 'reassignment-incomplete':
      return {
        details: [{ label: L.usersLeft, value: String(reason.users) }],
        next: lines(
          TEXT.reassignment.keepOriginal,
          fill(TEXT.reassignment.retry, { roles: capitalize(describeRoles(ROLES_THAT_START)), domain }),
          fill(TEXT.reassignment.override, { domain }),
        ),
      };
    case 'duplicate-tenant':
      return {
        details: [{ label: L.moveUnderWay, value: oneLine(reason.otherMoveId, LIMITS.id) }],
        next: lines(TEXT.duplicate.underWay, TEXT.duplicate.follow),
      };
    default:
      return assertNever(reason);
  }
}

export function blockedView(state: MoveState, options: CardOptions = { approvalPolicy: DEFAULT_APPROVAL_POLICY }): BlockedView {
  const blocked = state.blocked;
  const advice = blocked ? blockAdvice(blocked.reason, customerDomain(state), blocked.fromStage) : { details: [], next: [] };
  const stuckUsers = blocked?.reason.code === 'reassignment-incomplete' ? blocked.reason.users : null;
  return {
    act: actionData(state),
    header: compactHeaderView(state, options),
    title: fill(TEXT.title, { at: formatDateTime(blocked?.at) }),
    message: oneLine(blocked?.message, LIMITS.message) || TEXT.noReason,
    details: advice.details,
    next: advice.next,
    started: startedText(state),
    // Drawn for one person: the forms and buttons the decider would let them use (picking offers: Account admins).
    offerForms: blocked?.reason.code === 'plan-has-no-offer' && viewerMay(options, (v) => hasAnyRole(v, ['account-admin'])) ? offerFormsView(state) : noOfferForms(),
    inventoryForm: viewerMay(options, (v) => hasAnyRole(v, ROLES_THAT_START)) ? inventoryFormView(state) : { ...inventoryFormView(state), show: false },
    reassignment: {
      show: stuckUsers !== null,
      progress: progressText(state),
      retry: plural(TEXT.retryOne, TEXT.retryMany, stuckUsers ?? 0),
      canRetry: viewerMay(options, (v) => hasAnyRole(v, ROLES_THAT_START)),
    },
    attention: attentionView(state),
  };
}

const TEMPLATE = deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...COMPACT_HEADER_TEMPLATE,
    {
      type: 'Container',
      style: 'attention',
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: '${title}', weight: 'Bolder', wrap: true },
        plainText('${message}'),
        factLine('${label}', '${value}', { $data: '${details}', spacing: 'Small' }),
      ],
    },
    { type: 'TextBlock', text: TEXT.whatYouCanDo, weight: 'Bolder', spacing: 'Medium', wrap: true },
    plainText('${text}', { $data: '${next}', spacing: 'Small' }),
    OFFER_FORMS_TEMPLATE,
    INVENTORY_FORM_TEMPLATE,
    {
      type: 'Container',
      $when: '${reassignment.show}',
      separator: true,
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: TEXT.attentionTitle, weight: 'Bolder', wrap: true },
        { type: 'TextBlock', text: '${reassignment.progress}', wrap: true, isSubtle: true, spacing: 'Small' },
        ...ATTENTION_TEMPLATE,
        { type: 'TextBlock', $when: '${reassignment.canRetry}', text: '${reassignment.retry}', wrap: true, spacing: 'Medium' },
        { type: 'ActionSet', $when: '${reassignment.canRetry}', actions: [executeAction(TEXT.tryAgain, VERBS.retryReassignment, { associatedInputs: 'none' })] },
      ],
    },
    STARTED_TEMPLATE,
  ],
});

export function blockedCard(state: MoveState, options?: CardOptions): AdaptiveCardJson {
  return expandCard(TEMPLATE, blockedView(state, options));
}

/** `move.reassignment.retry` (Try again, users who need attention): the move action alone. */
export const retryReassignmentContract = moveActionContract;
export type RetryReassignmentData = z.infer<typeof retryReassignmentContract>;
