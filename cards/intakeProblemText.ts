/** The start form's problems in words, each shown beside its field (bot/intakeValidation.ts finds them). */
import type { CountryOption } from './intakeCard';
import { assertNever } from '../move/state';
import { LIMITS, domainText, oneLine } from './common';
import { t } from './i18n/catalog';
import { formatLocalDate } from './i18n/dates';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, type Locale } from './i18n/locales';

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

/** "KR (South Korea)". */
function countryLabel(country: { code: string; name: string }): string {
  return `${oneLine(country.code, 4).toUpperCase()} (${oneLine(country.name, 60)})`;
}

/** The problem in words, in `locale`; a day (when a move started) as it falls in `timeZone`. */
export function intakeProblemText(problem: IntakeProblem, locale: Locale = DEFAULT_LOCALE, timeZone: string = DEFAULT_TIME_ZONE): string {
  switch (problem.kind) {
    case 'missing': return t(locale, problem.field === 'domain' ? 'intake.problem.domainMissing' : 'intake.problem.countryMissing');
    case 'not-a-customer-id': return t(locale, 'intake.problem.notACustomerId', { input: oneLine(problem.input, 80) });
    case 'tenant-not-found': return t(locale, 'intake.problem.tenantNotFound', { input: domainText(problem.input) });
    case 'already-moving': {
      const domain = domainText(problem.move.domain);
      const customer = oneLine(problem.move.company, LIMITS.title) || domain;
      const by = oneLine(problem.move.startedBy, LIMITS.name) || t(locale, 'intake.problem.someone');
      const on = formatLocalDate(problem.move.startedAt, locale, timeZone, t(locale, 'intake.problem.unknownDay'));
      return t(locale, 'intake.problem.alreadyMoving', { customer, by, on, domain });
    }
    case 'lookup-failed': return t(locale, 'intake.problem.lookupFailed', { input: domainText(problem.input), detail: oneLine(problem.detail, 200) });
    case 'unknown': {
      const input = oneLine(problem.input, 10);
      const choices = problem.suggestions.map(countryLabel).join(t(locale, 'intake.problem.or'));
      return choices
        ? t(locale, 'intake.problem.countryUnknownDidYouMean', { input, choices })
        : t(locale, 'intake.problem.countryUnknownPick', { input });
    }
    case 'other-region':
      return t(locale, 'intake.problem.otherRegion', {
        country: countryLabel(problem.country), region: oneLine(problem.country.region, 60), partnerRegion: oneLine(problem.partnerRegion, 60),
      });
    default: return assertNever(problem);
  }
}

/** The words of each field's first problem, for the start form. */
export function problemsByField(
  problems: readonly IntakeProblem[], locale: Locale = DEFAULT_LOCALE, timeZone: string = DEFAULT_TIME_ZONE,
): { domain?: string; country?: string } {
  const domain = problems.find((p) => p.field === 'domain');
  const country = problems.find((p) => p.field === 'country');
  return { ...(domain ? { domain: intakeProblemText(domain, locale, timeZone) } : {}), ...(country ? { country: intakeProblemText(country, locale, timeZone) } : {}) };
}
