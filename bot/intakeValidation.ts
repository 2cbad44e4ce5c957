/**
 * The start form's checks before anything is recorded: a domain or tenant id that a tenant answers for and that no
 * running move already covers (under any of its names), and a country of the CSP region table in the partner's own
 * region (the same-region rule). Bad input gets the form back with the problem beside its field; nothing is created
 * (no move, no event, no thread). The words are cards/intakeProblemText.ts's.
 */
import type { CountryOption } from '../cards/intakeCard';
import type { IntakeProblem } from '../cards/intakeProblemText';
import { editDistance } from '../move/closest';
import { isValidCustomerIdentifier } from '../move/decider';
import type { MoveOrchestrator } from '../move/orchestrator';

export interface IntakeValidationDeps {
  orchestrator: Pick<MoveOrchestrator, 'tenantOf'>;
  countries: readonly CountryOption[];
  partnerRegion: () => Promise<string>;
}

/** Codes people type for a country that ISO spells otherwise. */
const COUNTRY_ALIASES: Readonly<Record<string, string>> = Object.freeze({ UK: 'GB', EL: 'GR' });
const MAX_COUNTRY_SUGGESTIONS = 3;

/** Every problem of the form (none: the move may start). The tenant is looked up only for a well-formed domain. */
export async function intakeProblems(form: { domain: string; country: string }, deps: IntakeValidationDeps): Promise<IntakeProblem[]> {
  const problems: IntakeProblem[] = [];
  const country = await countryProblem(form.country.trim().toUpperCase(), deps);
  if (country) problems.push(country);
  const domain = form.domain.trim().toLowerCase();
  if (!domain) problems.push({ field: 'domain', kind: 'missing' });
  else if (!isValidCustomerIdentifier(domain)) problems.push({ field: 'domain', kind: 'not-a-customer-id', input: domain });
  else {
    const tenant = await tenantProblem(domain, deps);
    if (tenant) problems.push(tenant);
  }
  return problems;
}

async function countryProblem(code: string, deps: IntakeValidationDeps): Promise<IntakeProblem | null> {
  if (!code) return { field: 'country', kind: 'missing' };
  const country = deps.countries.find((c) => c.code.toUpperCase() === code);
  // Partner Center unreachable for the partner's profile: the pre-flight checks still apply the same-region rule.
  const partnerRegion = await deps.partnerRegion().catch(() => null);
  if (!country) return { field: 'country', kind: 'unknown', input: code, suggestions: suggestCountries(code, deps.countries, partnerRegion ?? '') };
  return partnerRegion === null || country.region === partnerRegion ? null : { field: 'country', kind: 'other-region', country, partnerRegion };
}

async function tenantProblem(domain: string, deps: IntakeValidationDeps): Promise<IntakeProblem | null> {
  let found;
  try {
    found = await deps.orchestrator.tenantOf(domain);
  } catch (error) {
    return { field: 'domain', kind: 'lookup-failed', input: domain, detail: error instanceof Error ? error.message : String(error) };
  }
  if (!found) return { field: 'domain', kind: 'tenant-not-found', input: domain };
  const move = found.activeMove;
  if (!move) return null;
  return {
    field: 'domain', kind: 'already-moving', input: domain,
    move: { domain: move.customerDomain, company: move.companyName, startedBy: move.startedBy?.name ?? null, startedAt: move.startedAt },
  };
}

/**
 * The countries someone typing `input` may have meant: a code people use for another (UK → GB); else countries a word
 * of whose name starts with it (KO → South Korea); else codes one letter off; the partner's own region first.
 */
export function suggestCountries(input: string, countries: readonly CountryOption[], partnerRegion: string): CountryOption[] {
  const typed = input.trim().toUpperCase();
  const byCode = (code: string) => countries.filter((c) => c.code.toUpperCase() === code);
  const alias = COUNTRY_ALIASES[typed];
  if (alias && byCode(alias).length > 0) return byCode(alias);
  const words = (name: string) => name.toUpperCase().split(/[^A-Z]+/).filter(Boolean);
  let found = typed.length >= 2 ? countries.filter((c) => words(c.name).some((w) => w.startsWith(typed))) : [];
  if (found.length === 0) found = countries.filter((c) => editDistance(c.code, typed, 1) <= 1 && c.region === partnerRegion);
  // A code that starts like the typed one is the likelier slip (KO → KR rather than Hong Kong's HK).
  const sameStart = found.filter((c) => c.code.toUpperCase()[0] === typed[0]);
  if (sameStart.length > 0) found = sameStart;
  const ordered = [...found].sort((a, b) => Number(b.region === partnerRegion) - Number(a.region === partnerRegion) || a.name.localeCompare(b.name));
  return ordered.slice(0, MAX_COUNTRY_SUGGESTIONS);
}
