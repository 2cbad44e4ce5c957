/**
 * Well-known ids of the sandbox world. Tests and the bot's local configuration import these; the world
 * data in this folder is built from them. The odd 13-digit last group of the partner tenant and staff ids
 * is deliberate: they are the Microsoft 365 Agents Playground's default ids and must match exactly.
 */

export const DEFAULT_SANDBOX_PORT = 3979;
export const DEFAULT_SANDBOX_SEED = 'relecloud-sandbox-v1';
export const DEFAULT_PROVISIONING_DELAY_SECONDS = 2;

export const PARTNER_CENTER_RESOURCE = 'https://api.partnercenter.microsoft.com';
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
/** The Partner API (price sheets): a resource of its own, not Partner Center's. */
export const PARTNER_API_RESOURCE = 'https://api.partner.microsoft.com';
/** Graph's well-known application id; some tokens carry it as `aud` instead of the URL. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

// The partner
export const PARTNER_TENANT_ID = '00000000-0000-0000-0000-0000000000001';
export const PARTNER_DOMAIN = 'relecloud.onmicrosoft.com';
export const PARTNER_NAME = 'Relecloud';
export const PARTNER_COUNTRY = 'US';
export const PARTNER_MPN_ID = '4847383';

// The partner's app registration used in local mode (client credentials and secure application model)
export const SANDBOX_CLIENT_ID = 'b7e3a1f4-2c5d-4e6f-8a9b-0c1d2e3f4a5b';
export const SANDBOX_CLIENT_SECRET = 'sandbox-only~Relecloud-CSP-Move-Assistant-secret';
export const SANDBOX_APP_DISPLAY_NAME = 'CSP Move Assistant (sandbox)';

// The bot's own app registration (Azure Bot resource, single-tenant in the partner tenant) used in local mode
export const SANDBOX_BOT_APP_ID = '3f6c1e2a-8b4d-4c7e-9a15-6d2e8f0b7c41';
export const SANDBOX_BOT_APP_SECRET = 'sandbox-only~CSP-Move-Assistant-bot-secret';

// Bot Framework token service
/** `iss` of the tokens the Bot Connector sends to bots (botbuilder's `ToBotFromChannelTokenIssuer`). */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
/** The Bot Connector's resource: `aud` of the bot's outbound tokens, asked for as `…/.default`. */
export const BOT_FRAMEWORK_RESOURCE = 'https://api.botframework.com';
/** Channels the Bot Framework signing key endorses; botbuilder refuses a token whose channel is not among them. */
export const BOT_FRAMEWORK_ENDORSEMENTS: readonly string[] = ['msteams', 'webchat', 'directline'];
/** The legacy default tenant of bot tokens (`login.microsoftonline.com/botframework.com`) and its tenant id. */
export const BOT_FRAMEWORK_TENANT_DOMAIN = 'botframework.com';
export const BOT_FRAMEWORK_TENANT_ID = 'd6d49420-f39b-4df7-a1dc-d59a935871db';

// Secure application model: refresh token of a partner service user who is in AdminAgents
export const PCSYNC_USER_ID = '5f3e8d21-7a4b-4c6d-9e8f-0a1b2c3d4e5f';
export const PCSYNC_USER_PRINCIPAL_NAME = 'pcsync@relecloud.onmicrosoft.com';
export const SANDBOX_REFRESH_TOKEN = '0.sandbox-refresh-token.pcsync-relecloud.secure-application-model';

// Partner staff: the Agents Playground's six default users
export const ALEX_WILBER_ID = '00000000-0000-0000-0000-0000000000020';
export const MEGAN_BOWEN_ID = '00000000-0000-0000-0000-0000000000021';
export const ADELE_VANCE_ID = '00000000-0000-0000-0000-0000000000022';
export const ISAIAH_LANGER_ID = '00000000-0000-0000-0000-0000000000023';
export const PATTI_FERNANDEZ_ID = '00000000-0000-0000-0000-0000000000024';
export const LYNNE_ROBBINS_ID = '00000000-0000-0000-0000-0000000000025';

export const GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID = '62e90394-69f5-4237-9190-012177145e10';
export const BILLING_ADMINISTRATOR_ROLE_TEMPLATE_ID = 'b0f54661-2d74-4c50-afa3-1ec803f12efe';

export type StaffGroupName = 'AdminAgents' | 'SalesAgents' | 'HelpdeskAgents';
export type StaffDirectoryRoleName = 'Global Administrator' | 'Billing Administrator';

export interface StaffMember {
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  userPrincipalName: string;
  jobTitle: string;
  groups: readonly StaffGroupName[];
  directoryRoles: readonly StaffDirectoryRoleName[];
}

export const SANDBOX_STAFF: readonly StaffMember[] = [
  { id: ALEX_WILBER_ID, displayName: 'Alex Wilber', givenName: 'Alex', surname: 'Wilber', userPrincipalName: 'alexw@relecloud.onmicrosoft.com', jobTitle: 'Account Administrator', groups: [], directoryRoles: ['Global Administrator'] },
  { id: MEGAN_BOWEN_ID, displayName: 'Megan Bowen', givenName: 'Megan', surname: 'Bowen', userPrincipalName: 'meganb@relecloud.onmicrosoft.com', jobTitle: 'Sales Agent', groups: ['SalesAgents'], directoryRoles: [] },
  { id: ADELE_VANCE_ID, displayName: 'Adele Vance', givenName: 'Adele', surname: 'Vance', userPrincipalName: 'adelev@relecloud.onmicrosoft.com', jobTitle: 'Billing Agent', groups: [], directoryRoles: ['Billing Administrator'] },
  { id: ISAIAH_LANGER_ID, displayName: 'Isaiah Langer', givenName: 'Isaiah', surname: 'Langer', userPrincipalName: 'isaiahl@relecloud.onmicrosoft.com', jobTitle: 'Sales Representative', groups: [], directoryRoles: [] },
  { id: PATTI_FERNANDEZ_ID, displayName: 'Patti Fernandez', givenName: 'Patti', surname: 'Fernandez', userPrincipalName: 'pattif@relecloud.onmicrosoft.com', jobTitle: 'Admin Agent', groups: ['AdminAgents'], directoryRoles: [] },
  { id: LYNNE_ROBBINS_ID, displayName: 'Lynne Robbins', givenName: 'Lynne', surname: 'Robbins', userPrincipalName: 'lynner@relecloud.onmicrosoft.com', jobTitle: 'Helpdesk Agent', groups: ['HelpdeskAgents'], directoryRoles: [] },
];

// Customer tenants (tenant id = customer id in Partner Center)
export const CONTOSO_TENANT_ID = '6e8f1c2a-3b4d-4e5f-9a7b-1c2d3e4f5a01';
export const CONTOSO_DOMAIN = 'contoso.onmicrosoft.com';
export const NORTHWIND_TENANT_ID = '7a9b2c3d-4e5f-4a6b-8c7d-2e3f4a5b6c02';
export const NORTHWIND_DOMAIN = 'northwind.onmicrosoft.com';
export const WOODGROVE_TENANT_ID = '8b0c3d4e-5f6a-4b7c-9d8e-3f4a5b6c7d03';
export const WOODGROVE_DOMAIN = 'woodgrove.onmicrosoft.com';
export const FABRIKAM_TENANT_ID = '9c1d4e5f-6a7b-4c8d-8e9f-4a5b6c7d8e04';
export const FABRIKAM_DOMAIN = 'fabrikam.onmicrosoft.com';
export const ADATUM_TENANT_ID = 'ad2e5f6a-7b8c-4d9e-9fa0-5b6c7d8e9f05';
export const ADATUM_DOMAIN = 'adatum.onmicrosoft.com';

/** Another CSP partner that sold Woodgrove's and Fabrikam's current subscriptions. */
export const OTHER_PARTNER_TENANT_ID = 'e4f5a6b7-c8d9-4eaf-8b1c-6d7e8f9a0b06';
export const OTHER_PARTNER_NAME = 'Litware CSP';

/** Microsoft Customer Agreement template (`GET /v1/agreements?agreementType=MicrosoftCustomerAgreement`). */
export const MCA_TEMPLATE_ID = '117a77b0-9360-443b-8795-c6dedc750cf9';
export const MCA_AGREEMENT_LINK = 'https://aka.ms/customeragreement';

/** Default lifetime of the access tokens the sandbox issues (seconds); `POST /_sandbox/settings` changes it. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3599;

export const FILLER_CUSTOMER_COUNT = 150;
/** `filler001.onmicrosoft.com` … `filler150.onmicrosoft.com` (and `filler20000.onmicrosoft.com` with more fillers). */
export function fillerDomain(index: number): string {
  return `filler${String(index).padStart(3, '0')}.onmicrosoft.com`;
}

/** Upper bound of the `fillerCustomers` and `prospectCustomers` world options (benchmarks). */
export const MAX_BULK_CUSTOMERS = 100_000;
/** `prospect0001.onmicrosoft.com` …: tenants that are not the partner's customers yet (the `prospectCustomers` option). */
export function prospectDomain(index: number): string {
  return `prospect${String(index).padStart(4, '0')}.onmicrosoft.com`;
}
