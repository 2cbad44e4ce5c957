/**
 * Checks 2, 3 and 7: Partner Center with the App+User identity (the secure application model's refresh token) and
 * with the app's own token, and the webhook registration. Every call is a GET made through the bot's own client.
 */
import { z } from 'zod';
import { MissingRefreshTokenError, TokenRequestError } from '../identity/tokenProvider';
import { PartnerCenterError } from '../partnerCenter/partnerCenterError';
import { collectionSchema, customerSchema } from '../partnerCenter/partnerCenterWire';
import { ok, problem, skipped, type CheckOutcome, type DoctorCheck, type DoctorContext } from './doctorTypes';
import {
  SET_UP_DELEGATED_IDENTITY, describeFailure, giveAgentRole, grantPartnerCenterConsent, registerAppInPartnerCenter, statusOf, tokenFix,
} from './fixes';
import { notConfigured } from './settingsCheck';

export const WEBHOOK_PATH = '/api/partnercenter/events';
/** The events the bot reacts to (bot/partnerCenterWebhook.ts); README, Deployment → 6 registers these. */
export const WEBHOOK_EVENTS_NEEDED = ['reseller-relationship-accepted-by-customer', 'granular-admin-relationship-approved'];

/** Whether App+User can be checked here: only the refresh token can be used without a staff member signed in. */
export function delegatedIdentity(context: DoctorContext): 'refresh-token' | 'sso-only' | 'none' {
  if (context.config?.PARTNER_CENTER_REFRESH_TOKEN) return 'refresh-token';
  return context.config?.SSO_CONNECTION_NAME ? 'sso-only' : 'none';
}

export const SSO_ONLY_REASON = 'App+User calls act as the signed-in staff member (Teams SSO), which the doctor cannot do; set PARTNER_CENTER_REFRESH_TOKEN to check them here';

export const partnerCenterAppUserCheck: DoctorCheck = {
  name: 'partner center app+user',
  async run(context) {
    const { config, services } = context;
    if (!config || !services) return skipped(notConfigured(context));
    const identity = delegatedIdentity(context);
    if (identity === 'sso-only') return skipped(SSO_ONLY_REASON);
    if (identity === 'none') {
      return problem('no delegated identity: neither PARTNER_CENTER_REFRESH_TOKEN nor Teams SSO (SSO_CONNECTION_NAME) is set; the invitation link and provisioning status need one', SET_UP_DELEGATED_IDENTITY);
    }
    try {
      await services.tokens.getToken('partner-center', config.PARTNER_TENANT_ID, 'app+user');
    } catch (error) {
      return problem(`no App+User token: ${describeFailure(error)}`, appUserTokenFix(error, config.AZURE_CLIENT_ID));
    }
    try {
      const profile = await services.partnerCenter.organizationProfile({ correlationId: context.correlationId });
      return ok(`token issued; GET /v1/profiles/organization: ${profile.companyName} (${profile.domain})`);
    } catch (error) {
      const status = statusOf(error);
      const fix = status === 401 ? grantPartnerCenterConsent(config.AZURE_CLIENT_ID)
        : status === 403 ? `${giveAgentRole('the user whose refresh token is in PARTNER_CENTER_REFRESH_TOKEN')} Partner Center App+User calls need MFA too.`
          : retryOrCheckUrl(error, 'PARTNER_CENTER_BASE_URL');
      return problem(describeFailure(error), fix);
    }
  },
};

export const partnerCenterAppOnlyCheck: DoctorCheck = {
  name: 'partner center app-only',
  async run(context) {
    const { config, services } = context;
    if (!config || !services) return skipped(notConfigured(context));
    try {
      await services.tokens.getToken('partner-center', config.PARTNER_TENANT_ID, 'app');
    } catch (error) {
      const fix = error instanceof TokenRequestError ? tokenFix(error, registerAppInPartnerCenter(config.AZURE_CLIENT_ID)) : SET_UP_DELEGATED_IDENTITY;
      return problem(`no app-only token: ${describeFailure(error)}`, fix);
    }
    try {
      const page = await services.partnerCenter.partnerCenterTransport.json({
        step: 'Partner Center: list customers (the first one)', method: 'GET', target: '/v1/customers?size=1', ctx: { correlationId: context.correlationId },
      }, collectionSchema(customerSchema));
      return ok(`token issued; GET /v1/customers?size=1 answered (${page.items.length === 0 ? 'no customers yet' : 'customers readable'})`);
    } catch (error) {
      const status = statusOf(error);
      const fix = status === 401 || status === 403 ? registerAppInPartnerCenter(config.AZURE_CLIENT_ID) : retryOrCheckUrl(error, 'PARTNER_CENTER_BASE_URL');
      return problem(describeFailure(error), fix);
    }
  },
};

const registrationSchema = z.object({
  webhookUrl: z.string().nullish(), WebhookUrl: z.string().nullish(),
  webhookEvents: z.array(z.string()).nullish(), WebhookEvents: z.array(z.string()).nullish(),
});

export const webhookRegistrationCheck: DoctorCheck = {
  name: 'partner center webhooks',
  async run(context) {
    const { config, services } = context;
    if (!config || !services) return skipped(notConfigured(context));
    if (config.PARTNER_CENTER_WEBHOOKS === 'off') return skipped('PARTNER_CENTER_WEBHOOKS=off: the bot polls Partner Center instead');
    const call = {
      step: 'Partner Center: read the webhook registration', method: 'GET' as const,
      // Absolute: this API lives under /webhooks/v1, not /v1.
      target: `${config.PARTNER_CENTER_BASE_URL}/webhooks/v1/registration`, ctx: { correlationId: context.correlationId },
    };
    const transport = services.partnerCenter.partnerCenterTransport;
    let registration: z.infer<typeof registrationSchema>;
    try {
      const result = await transport.send(call);
      if (result.response.status === 404) return problem('PARTNER_CENTER_WEBHOOKS=on but Partner Center has no webhook registration', registerWebhookFix(context));
      if (!result.response.ok) throw transport.toError(call, result);
      registration = transport.parse(call, result, registrationSchema);
    } catch (error) {
      const status = statusOf(error);
      const fix = status === 401 || status === 403 ? registerAppInPartnerCenter(config.AZURE_CLIENT_ID) : retryOrCheckUrl(error, 'PARTNER_CENTER_BASE_URL');
      return problem(describeFailure(error), fix);
    }
    return judgeRegistration(context, registration.webhookUrl ?? registration.WebhookUrl ?? '', registration.webhookEvents ?? registration.WebhookEvents ?? []);
  },
};

function judgeRegistration(context: DoctorContext, url: string, events: string[]): CheckOutcome {
  const missing = WEBHOOK_EVENTS_NEEDED.filter((event) => !events.some((e) => e.toLowerCase() === event));
  const expected = context.publicUrl ? `${context.publicUrl}${WEBHOOK_PATH}` : null;
  if (expected && !sameUrl(url, expected)) {
    return problem(`registered for ${url || '(no URL)'}, but the bot receives events at ${expected}`, registerWebhookFix(context, 'PUT'));
  }
  if (missing.length > 0) return problem(`registered for ${url} without the event${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`, registerWebhookFix(context, 'PUT'));
  return ok(expected ? `registered for ${url} with the events the bot reacts to` : `registered for ${url} (set BOT_DOMAIN or BOT_ENDPOINT to compare it with the bot's host)`);
}

function registerWebhookFix(context: DoctorContext, method: 'POST' | 'PUT' = 'POST'): string {
  const url = context.publicUrl ? `${context.publicUrl}${WEBHOOK_PATH}` : `https://<your bot's host>${WEBHOOK_PATH}`;
  return `Register the bot's endpoint with Partner Center as an Admin agent: ${method} https://api.partnercenter.microsoft.com/webhooks/v1/registration `
    + `{"WebhookUrl": "${url}", "WebhookEvents": ${JSON.stringify(WEBHOOK_EVENTS_NEEDED)}} (README, Deployment → 6), or set PARTNER_CENTER_WEBHOOKS=off.`;
}

function sameUrl(a: string, b: string): boolean {
  try {
    const left = new URL(a);
    const right = new URL(b);
    return left.protocol === right.protocol && left.host.toLowerCase() === right.host.toLowerCase() && left.pathname.replace(/\/+$/, '') === right.pathname.replace(/\/+$/, '');
  } catch {
    return false;
  }
}

function appUserTokenFix(error: unknown, clientId: string): string {
  if (error instanceof MissingRefreshTokenError) return SET_UP_DELEGATED_IDENTITY;
  if (error instanceof TokenRequestError) {
    if (error.oauthError === 'invalid_grant' && !['AADSTS65001', 'AADSTS65002', 'AADSTS70011'].includes(error.aadstsCode ?? '')) {
      return `The refresh token was refused: ${tokenFix(error, grantPartnerCenterConsent(clientId)).replace(/\.$/, '')}; if it keeps failing, repeat the secure application model consent and update PARTNER_CENTER_REFRESH_TOKEN.`;
    }
    return tokenFix(error, grantPartnerCenterConsent(clientId));
  }
  return `${describeFailure(error)}.`;
}

/** For failures that are not a refusal: a service that did not answer, failed, or throttled. */
export function retryOrCheckUrl(error: unknown, urlSetting: string): string {
  const status = statusOf(error);
  if (status === null) return `The service could not be reached: check ${urlSetting} and the network, then run the doctor again.`;
  if (status === 429 || status >= 500) return 'The service is busy or failing: run the doctor again in a few minutes.';
  if (error instanceof PartnerCenterError && error.fix) return `${error.fix.charAt(0).toUpperCase()}${error.fix.slice(1)}.`;
  return `Check ${urlSetting}; the answer was ${describeFailure(error)}.`;
}
