/**
 * The start form (`move <domain>` without enough details, or a form that failed validation): customer domain
 * or tenant id, the tenant's country, where the subscriptions come from, multi-partner and GDAP toggles.
 * Submits `move.start` with the inputs below.
 */
import type { SourceChannel } from '../move/model';
import { CARD_SCHEMA, LIMITS, VERBS, expandCard, multiLine, oneLine, deepFreeze } from './common';
import { clippedText, moveActionContract, toggleField } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import type { z } from 'zod';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, type Locale } from './i18n/locales';

export interface CountryOption {
  /** ISO 3166-1 alpha-2, e.g. "US". */
  code: string;
  name: string;
  /** CSP region name, e.g. "United States", "Europe". */
  region: string;
}

export interface IntakeCardData {
  domain?: string;
  country?: string;
  source?: SourceChannel;
  multiPartner?: boolean;
  requestGdap?: boolean;
  countries: CountryOption[];
  partnerRegion: string;
  /** A validation message from the last submit, shown at the top. */
  error?: string;
  /** What is wrong with the domain typed, shown under its field. */
  domainProblem?: string;
  /** What is wrong with the country given, shown under its field. */
  countryProblem?: string;
  /**
   * A move id allocated for this form, so a double submit of the same form starts one move only
   * (the second click arrives with version 0 for a move that already has events). '' when not given.
   */
  moveId?: string;
  /** The reader's language; DEFAULT_LOCALE when not given. `error` and the problems come already in it. */
  locale?: Locale;
}

/** Ids of the form's inputs: they arrive in the `move.start` action data next to `moveId` and `version`. */
export const INTAKE_INPUTS = Object.freeze({
  domain: 'domain',
  country: 'country',
  source: 'source',
  multiPartner: 'multiPartner',
  requestGdap: 'requestGdap',
} as const);

/**
 * `move.start` (Start the move): the form's inputs next to the form's move id (null when it carries none, or
 * a forged one: a fresh id is used) and version. Text is clipped as the inputs allow, with room to spare (a
 * forged long domain gets the form back with the domain error); the toggles arrive as the strings "true" /
 * "false" (null when not sent). The handler judges the values.
 */
export const startFormContract = moveActionContract.extend({
  [INTAKE_INPUTS.domain]: clippedText(260),
  [INTAKE_INPUTS.country]: clippedText(10),
  [INTAKE_INPUTS.source]: clippedText(40),
  [INTAKE_INPUTS.multiPartner]: toggleField,
  [INTAKE_INPUTS.requestGdap]: toggleField,
});
export type StartFormData = z.infer<typeof startFormContract>;

/** A domain name (e.g. contoso.onmicrosoft.com) or a tenant id (GUID); the card enforces it client-side too. */
export const CUSTOMER_ID_PATTERN =
  '^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]{2,63})$';

const SOURCE_ORDER: readonly SourceChannel[] = deepFreeze(['microsoft-direct', 'other-csp-partner', 'other-program', 'unknown'] as SourceChannel[]);

interface IntakeView {
  act: MoveActionData;
  hasError: boolean;
  error: string;
  regionHint: string;
  domain: string;
  country: string;
  countries: Array<{ title: string; value: string }>;
  source: string;
  sources: Array<{ title: string; value: string }>;
  multiPartner: string;
  requestGdap: string;
  hasDomainProblem: boolean;
  domainProblem: string;
  hasCountryProblem: boolean;
  countryProblem: string;
  /** The form's words in the reader's language. */
  text: {
    fixThen: string; title: string; intro: string;
    domainLabel: string; domainPlaceholder: string; domainError: string;
    countryLabel: string; countryPlaceholder: string; countryError: string;
    sourceLabel: string; sourceError: string;
    multiPartnerLabel: string; multiPartnerTitle: string; gdapLabel: string; gdapTitle: string; gdapNote: string;
    start: string;
  };
}

/** Valid countries only, the partner's own region first, then by name; other regions named in the title. */
export function countryChoices(countries: readonly CountryOption[], partnerRegion: string): IntakeView['countries'] {
  const inRegion = (c: CountryOption) => c.region === partnerRegion;
  return countries
    .filter((c) => /^[A-Za-z]{2}$/.test(c.code ?? ''))
    .slice()
    .sort((a, b) => Number(inRegion(b)) - Number(inRegion(a)) || String(a.name).localeCompare(String(b.name)))
    .map((c) => {
      const code = c.code.toUpperCase();
      const name = `${oneLine(c.name, 60) || code} (${code})`;
      // The region is only spelled out where it differs from the partner's: that is the choice to think twice about.
      return { title: inRegion(c) ? name : `${name} · ${oneLine(c.region, 60)}`, value: code };
    });
}

/** A problem under its field, in the attention colour (plain text: it may quote what was typed). */
function fieldProblem(flag: string, text: string): object {
  return { type: 'RichTextBlock', $when: `\${${flag}}`, spacing: 'Small', inlines: [{ type: 'TextRun', text: `\${${text}}`, color: 'Attention' }] };
}

export function intakeView(data: IntakeCardData): IntakeView {
  const locale = data.locale ?? DEFAULT_LOCALE;
  const countries = countryChoices(data.countries, data.partnerRegion);
  const country = (data.country ?? '').toUpperCase();
  const domainProblem = multiLine(data.domainProblem, LIMITS.message);
  const countryProblem = multiLine(data.countryProblem, LIMITS.message);
  // A problem beside a field is announced at the top too, so nobody misses why nothing started.
  const error = multiLine(data.error, LIMITS.message) || (domainProblem || countryProblem ? t(locale, 'intake.fieldProblems') : '');
  const region = oneLine(data.partnerRegion, 60) || t(locale, 'intake.regionNotConfigured');
  return {
    act: { moveId: oneLine(data.moveId, LIMITS.id), version: 0 },
    hasError: error !== '',
    error,
    regionHint: t(locale, 'intake.regionHint', { region }),
    domain: oneLine(data.domain, LIMITS.domain),
    country: countries.some((c) => c.value === country) ? country : '',
    countries,
    source: data.source && SOURCE_ORDER.includes(data.source) ? data.source : '',
    sources: SOURCE_ORDER.map((value) => ({ title: t(locale, `intake.source.${value}`), value })),
    multiPartner: data.multiPartner ? 'true' : 'false',
    requestGdap: data.requestGdap === false ? 'false' : 'true',
    hasDomainProblem: domainProblem !== '',
    domainProblem,
    hasCountryProblem: countryProblem !== '',
    countryProblem,
    text: {
      fixThen: t(locale, 'intake.fixThen'),
      title: t(locale, 'intake.title'),
      intro: t(locale, 'intake.intro'),
      domainLabel: t(locale, 'intake.domainLabel'),
      domainPlaceholder: t(locale, 'intake.domainPlaceholder'),
      domainError: t(locale, 'intake.domainError'),
      countryLabel: t(locale, 'intake.countryLabel'),
      countryPlaceholder: t(locale, 'intake.countryPlaceholder'),
      countryError: t(locale, 'intake.countryError'),
      sourceLabel: t(locale, 'intake.sourceLabel'),
      sourceError: t(locale, 'intake.sourceError'),
      multiPartnerLabel: t(locale, 'intake.multiPartnerLabel'),
      multiPartnerTitle: t(locale, 'intake.multiPartnerTitle'),
      gdapLabel: t(locale, 'intake.gdapLabel'),
      gdapTitle: t(locale, 'intake.gdapTitle'),
      gdapNote: t(locale, 'intake.gdapNote'),
      start: t(locale, 'intake.start'),
    },
  };
}

const TEMPLATE = deepFreeze({
  type: 'AdaptiveCard',
  $schema: CARD_SCHEMA,
  version: '1.5',
  body: [
    {
      type: 'Container',
      $when: '${hasError}',
      style: 'attention',
      items: [
        {
          type: 'RichTextBlock',
          inlines: [
            { type: 'TextRun', text: '${text.fixThen}', weight: 'Bolder', color: 'Attention' },
            { type: 'TextRun', text: '${error}', color: 'Attention' },
          ],
        },
      ],
    },
    { type: 'TextBlock', text: '${text.title}', size: 'Medium', weight: 'Bolder', wrap: true },
    {
      type: 'TextBlock',
      wrap: true,
      text: '${text.intro}',
    },
    {
      type: 'Input.Text',
      id: INTAKE_INPUTS.domain,
      label: '${text.domainLabel}',
      placeholder: '${text.domainPlaceholder}',
      value: '${domain}',
      isRequired: true,
      maxLength: LIMITS.domain,
      regex: CUSTOMER_ID_PATTERN,
      errorMessage: '${text.domainError}',
    },
    fieldProblem('hasDomainProblem', 'domainProblem'),
    {
      type: 'Input.ChoiceSet',
      id: INTAKE_INPUTS.country,
      label: '${text.countryLabel}',
      style: 'filtered',
      placeholder: '${text.countryPlaceholder}',
      isRequired: true,
      errorMessage: '${text.countryError}',
      value: '${country}',
      choices: [{ $data: '${countries}', title: '${title}', value: '${value}' }],
    },
    fieldProblem('hasCountryProblem', 'countryProblem'),
    { type: 'RichTextBlock', spacing: 'Small', inlines: [{ type: 'TextRun', text: '${regionHint}', isSubtle: true, size: 'Small' }] },
    {
      type: 'Input.ChoiceSet',
      id: INTAKE_INPUTS.source,
      label: '${text.sourceLabel}',
      style: 'expanded',
      isRequired: true,
      errorMessage: '${text.sourceError}',
      value: '${source}',
      choices: [{ $data: '${sources}', title: '${title}', value: '${value}' }],
    },
    {
      type: 'Input.Toggle',
      id: INTAKE_INPUTS.multiPartner,
      label: '${text.multiPartnerLabel}',
      title: '${text.multiPartnerTitle}',
      value: '${multiPartner}',
      valueOn: 'true',
      valueOff: 'false',
    },
    {
      type: 'Input.Toggle',
      id: INTAKE_INPUTS.requestGdap,
      label: '${text.gdapLabel}',
      title: '${text.gdapTitle}',
      value: '${requestGdap}',
      valueOn: 'true',
      valueOff: 'false',
    },
    {
      type: 'TextBlock',
      wrap: true,
      isSubtle: true,
      size: 'Small',
      spacing: 'Small',
      text: '${text.gdapNote}',
    },
  ],
  actions: [
    {
      type: 'Action.Execute',
      title: '${text.start}',
      verb: VERBS.start,
      style: 'positive',
      data: { moveId: '${act.moveId}', version: '${act.version}' },
    },
  ],
});

export function intakeCard(data: IntakeCardData): AdaptiveCardJson {
  return expandCard(TEMPLATE, intakeView(data));
}
