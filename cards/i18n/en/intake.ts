/** The start form (cards/intakeCard.ts) and its problems beside each field (cards/intakeProblemText.ts). */
import type { AreaMessages } from '../types';

export const intake = {
  'intake.fixThen': 'Please fix this, then select Start the move again: ',
  'intake.fieldProblems': 'Nothing was started: see what is marked below.',
  'intake.title': 'Start a customer move',
  'intake.intro': 'Fill in the form and select **Start the move**. I first find the tenant and check its region. '
    + 'Nothing is sent to the customer and nothing is bought at this step.',
  'intake.domainLabel': 'Customer domain or tenant id',
  'intake.domainPlaceholder': 'contoso.com or 72f988bf-86f1-41af-91ab-2d7cd011db47',
  'intake.domainError': 'Enter a domain such as contoso.com or contoso.onmicrosoft.com, or the tenant id (a GUID).',
  'intake.countryLabel': "Customer tenant's country",
  'intake.countryPlaceholder': 'Type to search, e.g. United States',
  'intake.countryError': "Pick the country set on the customer's Microsoft 365 tenant.",
  /** region: the partner's CSP region (or intake.regionNotConfigured). */
  'intake.regionHint': "The country set on the customer's Microsoft 365 tenant. It must be in your CSP region: {region}. "
    + 'A customer in another region cannot accept your reseller invitation.',
  'intake.regionNotConfigured': 'not configured',
  'intake.sourceLabel': 'Where the current subscriptions were bought',
  'intake.sourceError': 'Pick where the subscriptions come from; choose "Source not yet known" if you are not sure.',
  'intake.source.microsoft-direct': 'Bought direct from Microsoft',
  'intake.source.other-csp-partner': 'Bought from another CSP partner',
  'intake.source.other-program': 'Bought through another licensing program',
  'intake.source.unknown': 'Source not yet known',
  'intake.multiPartnerLabel': 'Multi-partner',
  'intake.multiPartnerTitle': 'The customer keeps another partner for other products (multi-partner)',
  'intake.gdapLabel': 'Delegated admin (GDAP)',
  'intake.gdapTitle': 'Request delegated admin (GDAP) so I can read the licences',
  'intake.gdapNote': "GDAP uses least-privilege roles and never Global Administrator; the customer's Global Admin approves it. "
    + 'Without it, someone has to type in the inventory on a card.',
  'intake.start': 'Start the move',

  // The form's problems, each shown beside its field.
  'intake.problem.domainMissing': "Type the customer's domain (like contoso.onmicrosoft.com) or tenant id.",
  'intake.problem.notACustomerId': '"{input}" is not a domain (like contoso.onmicrosoft.com) or a tenant id (a GUID).',
  'intake.problem.tenantNotFound': "No Microsoft 365 tenant answers for {input}. Check the spelling, or use the tenant's .onmicrosoft.com domain or its tenant id.",
  /** customer: company name or domain; by: who started it (or intake.problem.someone); on: the day (or intake.problem.unknownDay). */
  'intake.problem.alreadyMoving': '{customer} is already being moved: started by {by} on {on}. Say `status {domain}` to see it.',
  'intake.problem.someone': 'someone',
  'intake.problem.unknownDay': 'an unknown day',
  'intake.problem.lookupFailed': 'Could not check which tenant {input} is right now ({detail}). Nothing was started: select Start the move again in a minute.',
  'intake.problem.countryMissing': "Choose the country of the customer's Microsoft 365 tenant: the CSP same-region rule depends on it.",
  /** choices: the suggested countries ("KR (South Korea)"), joined with intake.problem.or. */
  'intake.problem.countryUnknownDidYouMean': '{input} is not a country in the CSP region table. Did you mean {choices}?',
  'intake.problem.countryUnknownPick': '{input} is not a country in the CSP region table. Pick the country from the list.',
  'intake.problem.or': ' or ',
  'intake.problem.otherRegion': '{country} is in the CSP region {region}, and you sell in {partnerRegion}: a customer must be in your own CSP region (the same-region rule), '
    + "so it could not accept your reseller invitation. Check the tenant's country.",
} as const satisfies AreaMessages<'intake'>;
