/** The start form's problems in words, each shown beside its field (bot/intakeValidation.ts finds them). */
import type { CountryOption } from './intakeCard';
import { assertNever } from '../move/state';
import { LIMITS, deepFreeze, domainText, formatDate, oneLine } from './common';
import { fill } from './messages';

/** Typed problems of a start form, per field. */
export type IntakeProblem =
  | { field: 'domain'; kind: 'missing' }
  | { field: 'domain'; kind: 'not-a-customer-id'; input: string }
  | { field: 'domain'; kind: 'tenant-not-found'; input: string }
  | {
    field: 'domain'; kind: 'already-moving'; input: string;
    move: { domain: string; company: string | null; startedBy: string | null; startedAt: string | null };
  }
  | { field: 'domain'; kind: 'lookup-failed'; input: string; detail: string }
  | { field: 'country'; kind: 'missing' }
  | { field: 'country'; kind: 'unknown'; input: string; suggestions: CountryOption[] }
  | { field: 'country'; kind: 'other-region'; country: CountryOption; partnerRegion: string };

const TEXT = deepFreeze({
  domainMissing: 'Type the customer\'s domain (like contoso.onmicrosoft.com) or tenant id.',
  notACustomerId: '"{input}" is not a domain (like contoso.onmicrosoft.com) or a tenant id (a GUID).',
  tenantNotFound: 'No Microsoft 365 tenant answers for {input}. Check the spelling, or use the tenant\'s .onmicrosoft.com domain or its tenant id.',
  alreadyMoving: '{customer} is already being moved: started by {by} on {on}. Say `status {domain}` to see it.',
  someone: 'someone',
  unknownDay: 'an unknown day',
  lookupFailed: 'Could not check which tenant {input} is right now ({detail}). Nothing was started: select Start the move again in a minute.',
  countryMissing: 'Choose the country of the customer\'s Microsoft 365 tenant: the CSP same-region rule depends on it.',
  countryUnknown: '{input} is not a country in the CSP region table.',
  didYouMean: ' Did you mean {choices}?',
  pickFromList: ' Pick the country from the list.',
  or: ' or ',
  otherRegion: '{country} is in the CSP region {region}, and you sell in {partnerRegion}: a customer must be in your own CSP region (the same-region rule), '
    + 'so it could not accept your reseller invitation. Check the tenant\'s country.',
});


/** "KR (South Korea)". */
function countryLabel(country: { code: string; name: string }): string {
  return `${oneLine(country.code, 4).toUpperCase()} (${oneLine(country.name, 60)})`;
}

export function intakeProblemText(problem: IntakeProblem): string {
  switch (problem.kind) {
    case 'missing': return problem.field === 'domain' ? TEXT.domainMissing : TEXT.countryMissing;
    case 'not-a-customer-id': return fill(TEXT.notACustomerId, { input: oneLine(problem.input, 80) });
    case 'tenant-not-found': return fill(TEXT.tenantNotFound, { input: domainText(problem.input) });
    case 'already-moving': {
      const domain = domainText(problem.move.domain);
      const customer = oneLine(problem.move.company, LIMITS.title) || domain;
      const by = oneLine(problem.move.startedBy, LIMITS.name) || TEXT.someone;
      return fill(TEXT.alreadyMoving, { customer, by, on: formatDate(problem.move.startedAt, TEXT.unknownDay), domain });
    }
    case 'lookup-failed': return fill(TEXT.lookupFailed, { input: domainText(problem.input), detail: oneLine(problem.detail, 200) });
    case 'unknown': {
      const choices = problem.suggestions.map(countryLabel).join(TEXT.or);
      return fill(TEXT.countryUnknown, { input: oneLine(problem.input, 10) }) + (choices ? fill(TEXT.didYouMean, { choices }) : TEXT.pickFromList);
    }
    case 'other-region':
      return fill(TEXT.otherRegion, {
        country: countryLabel(problem.country), region: oneLine(problem.country.region, 60), partnerRegion: oneLine(problem.partnerRegion, 60),
      });
    default: return assertNever(problem);
  }
}

/** The words of each field's first problem, for the start form. */
export function problemsByField(problems: readonly IntakeProblem[]): { domain?: string; country?: string } {
  const domain = problems.find((p) => p.field === 'domain');
  const country = problems.find((p) => p.field === 'country');
  return { ...(domain ? { domain: intakeProblemText(domain) } : {}), ...(country ? { country: intakeProblemText(country) } : {}) };
}
