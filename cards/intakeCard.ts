/**
 * The start form (`move <domain>` without enough details, or a form that failed validation): customer domain
 * or tenant id, the tenant's country, where the subscriptions come from, multi-partner and GDAP toggles.
 * Submits `move.start` with the inputs below.
 */
import { SOURCE_CHANNEL_LABELS } from '../move/model';
import type { SourceChannel } from '../move/model';
import { CARD_SCHEMA, LIMITS, VERBS, capitalize, expandCard, multiLine, oneLine, deepFreeze } from './common';
import { clippedText, moveActionContract, toggleField } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import type { z } from 'zod';

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

const FIELD_PROBLEMS = 'Nothing was started: see what is marked below.';

/** A problem under its field, in the attention colour (plain text: it may quote what was typed). */
function fieldProblem(flag: string, text: string): object {
  return { type: 'RichTextBlock', $when: `\${${flag}}`, spacing: 'Small', inlines: [{ type: 'TextRun', text: `\${${text}}`, color: 'Attention' }] };
}

export function intakeView(data: IntakeCardData): IntakeView {
  const countries = countryChoices(data.countries, data.partnerRegion);
  const country = (data.country ?? '').toUpperCase();
  const domainProblem = multiLine(data.domainProblem, LIMITS.message);
  const countryProblem = multiLine(data.countryProblem, LIMITS.message);
  // A problem beside a field is announced at the top too, so nobody misses why nothing started.
  const error = multiLine(data.error, LIMITS.message) || (domainProblem || countryProblem ? FIELD_PROBLEMS : '');
  const region = oneLine(data.partnerRegion, 60) || 'not configured';
  return {
    act: { moveId: oneLine(data.moveId, LIMITS.id), version: 0 },
    hasError: error !== '',
    error,
    regionHint: `The country set on the customer's Microsoft 365 tenant. It must be in your CSP region: ${region}. ` +
      'A customer in another region cannot accept your reseller invitation.',
    domain: oneLine(data.domain, LIMITS.domain),
    country: countries.some((c) => c.value === country) ? country : '',
    countries,
    source: data.source && SOURCE_ORDER.includes(data.source) ? data.source : '',
    sources: SOURCE_ORDER.map((value) => ({ title: capitalize(SOURCE_CHANNEL_LABELS[value]), value })),
    multiPartner: data.multiPartner ? 'true' : 'false',
    requestGdap: data.requestGdap === false ? 'false' : 'true',
    hasDomainProblem: domainProblem !== '',
    domainProblem,
    hasCountryProblem: countryProblem !== '',
    countryProblem,
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
            { type: 'TextRun', text: 'Please fix this, then select Start the move again: ', weight: 'Bolder', color: 'Attention' },
            { type: 'TextRun', text: '${error}', color: 'Attention' },
          ],
        },
      ],
    },
    { type: 'TextBlock', text: 'Start a customer move', size: 'Medium', weight: 'Bolder', wrap: true },
    {
      type: 'TextBlock',
      wrap: true,
      text: 'Fill in the form and select **Start the move**. I first find the tenant and check its region. ' +
        'Nothing is sent to the customer and nothing is bought at this step.',
    },
    {
      type: 'Input.Text',
      id: INTAKE_INPUTS.domain,
      label: 'Customer domain or tenant id',
      placeholder: 'contoso.com or 72f988bf-86f1-41af-91ab-2d7cd011db47',
      value: '${domain}',
      isRequired: true,
      maxLength: LIMITS.domain,
      regex: CUSTOMER_ID_PATTERN,
      errorMessage: 'Enter a domain such as contoso.com or contoso.onmicrosoft.com, or the tenant id (a GUID).',
    },
    fieldProblem('hasDomainProblem', 'domainProblem'),
    {
      type: 'Input.ChoiceSet',
      id: INTAKE_INPUTS.country,
      label: "Customer tenant's country",
      style: 'filtered',
      placeholder: 'Type to search, e.g. United States',
      isRequired: true,
      errorMessage: "Pick the country set on the customer's Microsoft 365 tenant.",
      value: '${country}',
      choices: [{ $data: '${countries}', title: '${title}', value: '${value}' }],
    },
    fieldProblem('hasCountryProblem', 'countryProblem'),
    { type: 'RichTextBlock', spacing: 'Small', inlines: [{ type: 'TextRun', text: '${regionHint}', isSubtle: true, size: 'Small' }] },
    {
      type: 'Input.ChoiceSet',
      id: INTAKE_INPUTS.source,
      label: 'Where the current subscriptions were bought',
      style: 'expanded',
      isRequired: true,
      errorMessage: 'Pick where the subscriptions come from; choose "Source not yet known" if you are not sure.',
      value: '${source}',
      choices: [{ $data: '${sources}', title: '${title}', value: '${value}' }],
    },
    {
      type: 'Input.Toggle',
      id: INTAKE_INPUTS.multiPartner,
      label: 'Multi-partner',
      title: 'The customer keeps another partner for other products (multi-partner)',
      value: '${multiPartner}',
      valueOn: 'true',
      valueOff: 'false',
    },
    {
      type: 'Input.Toggle',
      id: INTAKE_INPUTS.requestGdap,
      label: 'Delegated admin (GDAP)',
      title: 'Request delegated admin (GDAP) so I can read the licences',
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
      text: "GDAP uses least-privilege roles and never Global Administrator; the customer's Global Admin approves it. " +
        'Without it, someone has to type in the inventory on a card.',
    },
  ],
  actions: [
    {
      type: 'Action.Execute',
      title: 'Start the move',
      verb: VERBS.start,
      style: 'positive',
      data: { moveId: '${act.moveId}', version: '${act.version}' },
    },
  ],
});

export function intakeCard(data: IntakeCardData): AdaptiveCardJson {
  return expandCard(TEMPLATE, intakeView(data));
}
