/**
 * The doctor's fixes, in plain words: which permission or setting, and where an administrator changes it.
 * Permission names are Entra's (README "API permissions"; aad.manifest.json).
 */
import { GraphError } from '../graph/graphError';
import { MissingRefreshTokenError, TokenRequestError } from '../identity/tokenProvider';
import { PartnerCenterError } from '../partnerCenter/partnerCenterError';

export const PARTNER_CENTER_API_ID = 'fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd';
export const PARTNER_API_ID = '4990cffe-04e8-4e8b-808a-1175604b879f';

const REDO_SECURE_APP_MODEL = 'then repeat the secure application model consent (a partner user in AdminAgents, with MFA) and put the new refresh token in PARTNER_CENTER_REFRESH_TOKEN';

function appRegistration(clientId: string): string {
  return `Entra admin center → App registrations → the app ${clientId} → API permissions`;
}

/** A Microsoft Graph application permission, granted by an admin of the partner tenant. */
export function grantGraphApplicationPermission(clientId: string, permissions: string[], why: string): string {
  return `In the ${appRegistration(clientId)} → Add a permission → Microsoft Graph → Application permissions, add ${listed(permissions)}, `
    + `then select "Grant admin consent" (${why}).`;
}

/** A Microsoft Graph delegated permission: consented for the App+User identity, which the refresh token carries. */
export function grantGraphDelegatedPermission(clientId: string, permissions: string[], why: string): string {
  return `In the ${appRegistration(clientId)} → Add a permission → Microsoft Graph → Delegated permissions, add ${listed(permissions)}, `
    + `select "Grant admin consent" (${why}); ${REDO_SECURE_APP_MODEL}.`;
}

export function grantPartnerCenterConsent(clientId: string): string {
  return `In the ${appRegistration(clientId)} → Add a permission → APIs my organization uses → Microsoft Partner Center (${PARTNER_CENTER_API_ID}) `
    + `→ Delegated permissions, add user_impersonation and select "Grant admin consent"; ${REDO_SECURE_APP_MODEL}.`;
}

export function grantPartnerApiConsent(clientId: string): string {
  return `In the ${appRegistration(clientId)} → Add a permission → APIs my organization uses → Microsoft Partner (${PARTNER_API_ID}) `
    + `→ Delegated permissions, add user_impersonation (price sheets) and select "Grant admin consent"; ${REDO_SECURE_APP_MODEL}.`;
}

export function registerAppInPartnerCenter(clientId: string): string {
  return `In Partner Center → Account settings → App management, add the web app ${clientId} (a Global admin of the partner does this); `
    + 'app-only calls are refused until the app is registered there.';
}

export function giveAgentRole(user: string, role = 'Admin agent'): string {
  return `In Partner Center → Account settings → User management, give ${user} the ${role} role (it makes them a member of the ${role === 'Admin agent' ? 'AdminAgents' : 'SalesAgents'} group).`;
}

export const SET_UP_DELEGATED_IDENTITY = 'Set PARTNER_CENTER_REFRESH_TOKEN to the secure application model\'s refresh token (README, Deployment → 3), '
  + 'or set up Teams single sign-on (SSO_CONNECTION_NAME; README, Deployment → 4).';

/** Why a call or token request failed, in one line: status, code and the service's own words. */
export function describeFailure(error: unknown): string {
  if (error instanceof TokenRequestError) {
    const status = error.httpStatus === null ? 'no answer from the token service' : `the token service answered ${error.httpStatus}${error.oauthError ? ` ${error.oauthError}` : ''}`;
    return `${status}: ${error.description.replace(/\s+Trace ID:.*$/, "")}`;
  }
  if (error instanceof GraphError) {
    return `${error.step}: ${error.status === null ? 'no answer' : `HTTP ${error.status}${error.code ? ` ${error.code}` : ''}`}: ${error.graphMessage}`;
  }
  if (error instanceof PartnerCenterError) {
    return `${error.step}: ${error.httpStatus === null ? 'no answer' : `HTTP ${error.httpStatus}${error.code ? ` (code ${error.code})` : ''}`}: ${error.description}`;
  }
  if (error instanceof MissingRefreshTokenError) return 'no delegated identity is configured (PARTNER_CENTER_REFRESH_TOKEN)';
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

/** The HTTP status a call failed with (token service, Graph or Partner Center), or null. */
export function statusOf(error: unknown): number | null {
  if (error instanceof TokenRequestError) return error.httpStatus;
  if (error instanceof GraphError) return error.status;
  if (error instanceof PartnerCenterError) return error.httpStatus;
  return null;
}

/** A token request failed: the fix the token provider gives, or the one for a missing consent. */
export function tokenFix(error: TokenRequestError, consentFix: string): string {
  if (error.aadstsCode === 'AADSTS65001' || error.aadstsCode === 'AADSTS65002' || error.aadstsCode === 'AADSTS70011') return consentFix;
  if (error.httpStatus === null) return `The token service could not be reached: check the network and LOGIN_BASE_URL.`;
  if (error.fix) return `${capitalised(error.fix)}.`;
  return `Check AZURE_CLIENT_ID, its credential and PARTNER_TENANT_ID (the token service said: ${error.description}).`;
}

function listed(names: string[]): string {
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
