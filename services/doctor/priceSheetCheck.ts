/**
 * Check 9: the partner's price sheet (Partner API, App+User only). Read as the bot reads it, for the partner's
 * country this month: a GET of the sheet, which is a large download in production.
 */
import { TokenRequestError } from '../identity/tokenProvider';
import { ok, problem, skipped, type DoctorCheck } from './doctorTypes';
import { describeFailure, giveAgentRole, grantPartnerApiConsent, statusOf, tokenFix } from './fixes';
import { SSO_ONLY_REASON, delegatedIdentity, retryOrCheckUrl } from './partnerCenterChecks';
import { notConfigured } from './settingsCheck';

export const priceSheetCheck: DoctorCheck = {
  name: 'price sheet',
  async run(context) {
    const { config, services } = context;
    if (!config || !services) return skipped(notConfigured(context));
    const identity = delegatedIdentity(context);
    if (identity === 'sso-only') return skipped(`price sheets: ${SSO_ONLY_REASON}`);
    if (identity === 'none') return skipped('no delegated identity (see "partner center app+user"): plans show no partner prices');
    const ctx = { correlationId: context.correlationId };
    let country: string;
    try {
      country = config.PARTNER_COUNTRY?.toUpperCase() ?? (await context.partnerProfile()).country;
    } catch (error) {
      return problem(`the partner's country is unknown: ${describeFailure(error)}`, 'Set PARTNER_COUNTRY to your two-letter country code, or fix "partner center app-only" first.');
    }
    try {
      const book = await services.priceSheet.priceBook(country, ctx);
      return ok(`${book.prices.size} licence-based prices for ${book.market} (${book.month})`);
    } catch (error) {
      if (error instanceof TokenRequestError) return problem(`no App+User Partner API token: ${describeFailure(error)}`, tokenFix(error, grantPartnerApiConsent(config.AZURE_CLIENT_ID)));
      const status = statusOf(error);
      const fix = status === 401 ? grantPartnerApiConsent(config.AZURE_CLIENT_ID)
        : status === 403 ? giveAgentRole('the user whose refresh token is in PARTNER_CENTER_REFRESH_TOKEN', 'Admin agent')
          : retryOrCheckUrl(error, 'PARTNER_PRICES_BASE_URL');
      return problem(describeFailure(error), fix);
    }
  },
};
