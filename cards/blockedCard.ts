/**
 * Stage blocked: why the move cannot go on (e.g. the two CSP regions), and what a person can do next —
 * with the form that resolves it where the bot can: offers picked by an Account admin for a licence with
 * no equivalent, the inventory typed in when the tenant cannot be read, another reassignment pass.
 */
import type { BlockReason } from '../move/events';
import { DEFAULT_APPROVAL_POLICY, hasAnyRole, ROLES_THAT_START } from '../move/policy';
import { assertNever } from '../move/state';
import type { MoveState, Stage } from '../move/state';
import {
  VERBS, capitalize, deepFreeze, domainText, executeAction, expandCard, factLine, formatLocalDateTime, LIMITS, MOVE_CARD_FRAME, oneLine, plainText,
} from './common';
import { moveActionContract } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import type { z } from 'zod';
import { INVENTORY_FORM_TEMPLATE, inventoryFormView } from './inventoryForm';
import type { InventoryFormView } from './inventoryForm';
import { formatList, t, type MessageKey } from './i18n/catalog';
import { blocked as BLOCKED_KEYS } from './i18n/en/blocked';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, LOCALES, type Locale } from './i18n/locales';
import { STARTED_TEMPLATE, actionData, customerDomain, startedText, viewerMay } from './moveView';
import { COMPACT_HEADER_TEMPLATE, compactHeaderView } from './compactHeader';
import type { CardOptions } from './moveView';
import type { CompactHeaderView } from './compactHeader';
import { OFFER_FORMS_TEMPLATE, noOfferForms, offerFormsView } from './offerChoiceForm';
import type { OfferFormsView } from './offerChoiceForm';
import { ATTENTION_TEMPLATE, attentionView, progressText } from './reassignmentView';
import type { AttentionView } from './reassignmentView';

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

/** Joins the licences no offer covers: punctuation, the same in every language. */
const LIST_SEPARATOR = ', ';

/** Where the region check found the country, in words; null for a source this version does not know. */
function detectedByText(detectedBy: string, locale: Locale): string | null {
  const key = `blocked.detectedBy.${detectedBy}`;
  return Object.hasOwn(BLOCKED_KEYS, key) ? t(locale, key as MessageKey) : null;
}

/** Facts about the reason, and the steps a person can take, per kind of block. */
export function blockAdvice(reason: BlockReason, domain: string, fromStage: Stage | null = null, locale: Locale = DEFAULT_LOCALE): Pick<BlockedView, 'details' | 'next'> {
  const say = (key: MessageKey, values?: Record<string, string | number>) => t(locale, key, values);
  const region = (value: string) => oneLine(value, 60) || say('blocked.unknown');
  const lines = (...texts: string[]) => texts.map((text) => ({ text }));
  switch (reason.code) {
    case 'region-mismatch':
      return {
        details: [
          { label: say('blocked.label.customerTenant'), value: say('blocked.countryInRegion', { country: oneLine(reason.customerCountry, 20), region: region(reason.customerRegion) }) },
          { label: say('blocked.label.partnerAccount'), value: say('blocked.countryInRegion', { country: oneLine(reason.partnerCountry, 20), region: region(reason.partnerRegion) }) },
          { label: say('blocked.label.foundFrom'), value: detectedByText(reason.detectedBy, locale) ?? say('blocked.regionCheck') },
        ],
        next: lines(
          say('blocked.regionMismatch.rule'),
          reason.detectedBy === 'intake' ? say('blocked.regionMismatch.fromIntake', { domain })
            : reason.detectedBy === 'tenant-metadata' ? say('blocked.regionMismatch.fromMetadata', { domain }) : say('blocked.regionMismatch.fixed'),
          say('blocked.regionMismatch.otherPartner', { region: region(reason.customerRegion) }),
        ),
      };
    case 'unknown-country':
      return {
        details: [{ label: say('blocked.label.countryGiven'), value: oneLine(reason.country, 20) || say('blocked.empty') }],
        next: lines(say('blocked.unknownCountry.check', { domain }), say('blocked.unknownCountry.addIt')),
      };
    case 'tenant-not-found':
      return {
        details: [{ label: say('blocked.label.lookedUp'), value: domainText(reason.domain) }],
        next: lines(say('blocked.tenantNotFound.noTenant'), say('blocked.tenantNotFound.again')),
      };
    case 'plan-has-no-offer':
      return {
        details: [{ label: say('blocked.label.noOffer'), value: reason.skus.slice(0, 20).map((s) => oneLine(s, LIMITS.sku)).join(LIST_SEPARATOR) || say('blocked.noneListed') }],
        next: lines(say('blocked.noOffer.notSold'), say('blocked.noOffer.decide'), say('blocked.noOffer.keep', { domain })),
      };
    case 'nothing-to-move':
      return {
        details: [],
        next: lines(say('blocked.nothingToMove.onlyFree'), say('blocked.nothingToMove.missing', { domain })),
      };
    case 'no-customer-access':
      return {
        details: [{ label: say('blocked.label.detail'), value: oneLine(reason.detail, LIMITS.error) || say('blocked.none') }],
        next: lines(
          say('blocked.noAccess.cannotRead'),
          say('blocked.noAccess.override', { domain }),
          ...(fromStage === 'inventory' ? [say('blocked.noAccess.typeIt')] : []),
        ),
      };
    case 'reassignment-incomplete': {
      const roles = formatList(locale, ROLES_THAT_START.map((role) => t(locale, `common.roleInSentence.${role}`)), 'or');
      return {
        details: [{ label: say('blocked.label.usersLeft'), value: String(reason.users) }],
        next: lines(
          say('blocked.reassignment.keepOriginal'),
          say('blocked.reassignment.retry', { roles: capitalize(roles), domain }),
          say('blocked.reassignment.override', { domain }),
        ),
      };
    }
    case 'duplicate-tenant':
      return {
        details: [{ label: say('blocked.label.moveUnderWay'), value: oneLine(reason.otherMoveId, LIMITS.id) }],
        next: lines(say('blocked.duplicate.underWay'), say('blocked.duplicate.follow')),
      };
    default:
      return assertNever(reason);
  }
}

export function blockedView(state: MoveState, options: CardOptions = { approvalPolicy: DEFAULT_APPROVAL_POLICY }): BlockedView {
  const blocked = state.blocked;
  const locale = options.locale ?? DEFAULT_LOCALE;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const advice = blocked ? blockAdvice(blocked.reason, customerDomain(state), blocked.fromStage, locale) : { details: [], next: [] };
  const stuckUsers = blocked?.reason.code === 'reassignment-incomplete' ? blocked.reason.users : null;
  return {
    act: actionData(state),
    header: compactHeaderView(state, options),
    title: t(locale, 'blocked.title', { at: formatLocalDateTime(blocked?.at, locale, timeZone) }),
    message: oneLine(blocked?.message, LIMITS.message) || t(locale, 'blocked.noReason'),
    details: advice.details,
    next: advice.next,
    started: startedText(state),
    // Drawn for one person: the forms and buttons the decider would let them use (picking offers: Account admins).
    offerForms: blocked?.reason.code === 'plan-has-no-offer' && viewerMay(options, (v) => hasAnyRole(v, ['account-admin'])) ? offerFormsView(state) : noOfferForms(),
    inventoryForm: viewerMay(options, (v) => hasAnyRole(v, ROLES_THAT_START)) ? inventoryFormView(state) : { ...inventoryFormView(state), show: false },
    reassignment: {
      show: stuckUsers !== null,
      progress: progressText(state, locale),
      retry: t(locale, 'blocked.retry', { n: stuckUsers ?? 0 }),
      canRetry: viewerMay(options, (v) => hasAnyRole(v, ROLES_THAT_START)),
    },
    attention: attentionView(state, locale),
  };
}

/** The card's frame in `locale`. */
const template = (locale: Locale): object => deepFreeze({
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
    { type: 'TextBlock', text: t(locale, 'blocked.whatYouCanDo'), weight: 'Bolder', spacing: 'Medium', wrap: true },
    plainText('${text}', { $data: '${next}', spacing: 'Small' }),
    OFFER_FORMS_TEMPLATE,
    INVENTORY_FORM_TEMPLATE,
    {
      type: 'Container',
      $when: '${reassignment.show}',
      separator: true,
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: t(locale, 'blocked.attentionTitle'), weight: 'Bolder', wrap: true },
        { type: 'TextBlock', text: '${reassignment.progress}', wrap: true, isSubtle: true, spacing: 'Small' },
        ...ATTENTION_TEMPLATE,
        { type: 'TextBlock', $when: '${reassignment.canRetry}', text: '${reassignment.retry}', wrap: true, spacing: 'Medium' },
        { type: 'ActionSet', $when: '${reassignment.canRetry}', actions: [executeAction(t(locale, 'blocked.tryAgain'), VERBS.retryReassignment, { associatedInputs: 'none' })] },
      ],
    },
    STARTED_TEMPLATE,
  ],
});

/** The card's frame in each language, built once. */
const TEMPLATES: Readonly<Record<Locale, object>> = Object.freeze(Object.fromEntries(LOCALES.map((l) => [l, template(l)])) as Record<Locale, object>);

export function blockedCard(state: MoveState, options?: CardOptions): AdaptiveCardJson {
  return expandCard(TEMPLATES[options?.locale ?? DEFAULT_LOCALE], blockedView(state, options));
}

/** `move.reassignment.retry` (Try again, users who need attention): the move action alone. */
export const retryReassignmentContract = moveActionContract;
export type RetryReassignmentData = z.infer<typeof retryReassignmentContract>;
