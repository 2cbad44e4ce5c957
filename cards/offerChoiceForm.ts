/**
 * On the blocked card of a plan with licences no sold offer covers: per licence, why, the service plans
 * its users would miss, and a form for an Account admin to pick offers instead (one to three of the
 * candidates the planner found) with the reason. Each form's inputs are named after its licence, since a
 * click sends every input of the card.
 */
import type { PlanBlocker, PlannedOffer } from '../move/model';
import type { MoveState } from '../move/state';
import { LIMITS, VERBS, deepFreeze, executeAction, factLine, offerInputIds, oneLine, plainText } from './common';
import { clippedText, moveActionContract, multiSelect } from './common';
import type { MoveActionData } from './common';
import { z } from 'zod';
import { actionData } from './moveView';
import { offerText, planNames } from './planLines';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, type Locale } from './i18n/locales';

/** Forms and candidates drawn at most (a plan has a handful of blockers; the planner ranks candidates). */
const MAX_FORMS = 5;
const MAX_CANDIDATES = 10;

export interface OfferFormView {
  act: MoveActionData;
  sourceSkuId: string;
  sku: string;
  reason: string;
  hasMissing: boolean;
  missing: string;
  hasChoices: boolean;
  choices: Array<{ title: string; value: string }>;
  offersId: string;
  reasonId: string;
  /** The form's words in the reader's language (drawn inside the form's own scope). */
  words: OfferFormWords;
}

interface OfferFormWords {
  noEquivalent: string;
  wouldMiss: string;
  offersLabel: string;
  reasonLabel: string;
  reasonPlaceholder: string;
  use: string;
  nothingToPick: string;
}

export interface OfferFormsView {
  forms: OfferFormView[];
  hasForms: boolean;
  /** Blockers a person resolves outside the bot (too few licences, quantity limits), one line each. */
  others: Array<{ text: string }>;
  hasOthers: boolean;
  hasHidden: boolean;
  hidden: string;
  /** Who may pick offers and what follows, in the reader's language. */
  onlyAdmin: string;
}

function choiceTitle(offer: PlannedOffer, locale: Locale): string {
  return offer.listPriceUsd !== null
    ? t(locale, 'offerChoice.choiceWithPrice', { offer: offerText(offer), price: offer.listPriceUsd.toFixed(2) })
    : offerText(offer);
}

function formWords(locale: Locale): OfferFormWords {
  return {
    noEquivalent: t(locale, 'offerChoice.noEquivalent'),
    wouldMiss: t(locale, 'offerChoice.wouldMiss'),
    offersLabel: t(locale, 'offerChoice.offersLabel'),
    reasonLabel: t(locale, 'offerChoice.reasonLabel'),
    reasonPlaceholder: t(locale, 'offerChoice.reasonPlaceholder'),
    use: t(locale, 'offerChoice.use'),
    nothingToPick: t(locale, 'offerChoice.nothingToPick'),
  };
}

function formView(state: MoveState, blocker: PlanBlocker, locale: Locale): OfferFormView {
  const ids = offerInputIds(blocker.skuId);
  const choices = blocker.candidates.slice(0, MAX_CANDIDATES).map((c) => ({
    title: choiceTitle(c, locale),
    value: `${oneLine(c.productId, 40)}:${oneLine(c.skuId, 20)}`,
  }));
  return {
    act: actionData(state),
    sourceSkuId: oneLine(blocker.skuId, LIMITS.id),
    sku: oneLine(blocker.skuPartNumber, LIMITS.sku) || oneLine(blocker.skuId, LIMITS.id),
    reason: oneLine(blocker.reason, LIMITS.message) || t(locale, 'offerChoice.noReason'),
    hasMissing: blocker.missingPlans.length > 0,
    missing: planNames(blocker.missingPlans),
    hasChoices: choices.length > 0,
    choices,
    offersId: ids.offers,
    reasonId: ids.reason,
    words: formWords(locale),
  };
}

/** No forms: the move is not blocked on licences without an equivalent. */
export function noOfferForms(): OfferFormsView {
  return { forms: [], hasForms: false, others: [], hasOthers: false, hasHidden: false, hidden: '', onlyAdmin: '' };
}

export function offerFormsView(state: MoveState, locale: Locale = DEFAULT_LOCALE): OfferFormsView {
  const blockers = state.plan?.blockers ?? [];
  // One form per licence: input ids are named after it and must be unique on the card.
  const open = blockers.filter((b, i) => b.kind === 'no-equivalent'
    && blockers.findIndex((o) => o.kind === 'no-equivalent' && o.skuId.toLowerCase() === b.skuId.toLowerCase()) === i);
  const others = blockers.filter((b) => b.kind !== 'no-equivalent').slice(0, LIMITS.listRows);
  return {
    forms: open.slice(0, MAX_FORMS).map((b) => formView(state, b, locale)),
    hasForms: open.length > 0,
    others: others.map((b) => ({ text: `${oneLine(b.skuPartNumber, LIMITS.sku)}: ${oneLine(b.reason, LIMITS.message)}` })),
    hasOthers: others.length > 0,
    hasHidden: open.length > MAX_FORMS,
    hidden: t(locale, 'offerChoice.hidden', { count: open.length - MAX_FORMS }),
    onlyAdmin: t(locale, 'offerChoice.onlyAdmin'),
  };
}

/** Expects `offerForms` (OfferFormsView) in the view model; its words come from there. */
export const OFFER_FORMS_TEMPLATE = deepFreeze({
  type: 'Container',
  $when: '${offerForms.hasForms || offerForms.hasOthers}',
  spacing: 'Medium',
  items: [
    {
      type: 'Container',
      $data: '${offerForms.forms}',
      separator: true,
      items: [
        { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${sku}', weight: 'Bolder' }, { type: 'TextRun', text: '${words.noEquivalent}' }] },
        plainText('${reason}', { spacing: 'Small' }),
        factLine('${words.wouldMiss}', '${missing}', { $when: '${hasMissing}', spacing: 'Small' }),
        {
          type: 'Input.ChoiceSet',
          $when: '${hasChoices}',
          id: '${offersId}',
          label: '${words.offersLabel}',
          isMultiSelect: true,
          style: 'compact',
          choices: [{ $data: '${choices}', title: '${title}', value: '${value}' }],
        },
        {
          type: 'Input.Text',
          $when: '${hasChoices}',
          id: '${reasonId}',
          label: '${words.reasonLabel}',
          isMultiline: true,
          maxLength: LIMITS.comment,
          placeholder: '${words.reasonPlaceholder}',
        },
        { type: 'ActionSet', $when: '${hasChoices}', actions: [executeAction('${words.use}', VERBS.chooseOffers, {}, { sourceSkuId: '${sourceSkuId}' })] },
        {
          type: 'TextBlock',
          $when: '${!hasChoices}',
          wrap: true,
          text: '${words.nothingToPick}',
        },
      ],
    },
    { type: 'TextBlock', $when: '${offerForms.hasHidden}', text: '${offerForms.hidden}', isSubtle: true, wrap: true },
    plainText('${text}', { $data: '${offerForms.others}', spacing: 'Small' }),
    {
      type: 'TextBlock',
      $when: '${offerForms.hasForms}',
      wrap: true,
      size: 'Small',
      text: '${offerForms.onlyAdmin}',
    },
  ],
});

const offersField = multiSelect(10);
const offerReasonField = clippedText(2000);

/**
 * `move.offers.choose` (Use these offers): the licence the offers are for (the button's `sourceSkuId`, '' when
 * missing) and that licence's form inputs, named after it (see offerInputIds): the picked offers
 * (`productId:skuId`, comma-separated or a list) as `offerIds`, and why as `reason`. The decider judges them.
 */
export const chooseOffersContract = moveActionContract
  .extend({ sourceSkuId: clippedText(LIMITS.id).transform((sku) => sku.trim()) })
  .transform((data, ctx) => {
    const ids = offerInputIds(data.sourceSkuId);
    const offers = offersField.safeParse(data[ids.offers]);
    const reason = offerReasonField.safeParse(data[ids.reason]);
    for (const [key, parsed] of [[ids.offers, offers], [ids.reason, reason]] as const) {
      if (!parsed.success) ctx.issues.push({ code: 'custom', message: parsed.error.issues[0]?.message ?? 'has the wrong type', input: data[key], path: [key] });
    }
    if (!offers.success || !reason.success) return z.NEVER;
    return { ...data, offerIds: offers.data, reason: reason.data.trim() };
  });
export type ChooseOffersData = z.infer<typeof chooseOffersContract>;
