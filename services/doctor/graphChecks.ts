/**
 * Checks 4, 5 and 6, in the partner tenant through the bot's own Graph client (the same token provider and HTTP
 * helper): the staff-roles lookup PartnerGraphDirectory makes, GDAP (customer access), and the mail sender.
 */
import { z } from 'zod';
import { GraphClientFactory, OutboundCallOptions } from '../graph/graphClientFactory';
import { GraphError, toGraphError } from '../graph/graphError';
import type { TokenMode } from '../identity/tokenProvider';
import { ok, problem, skipped, type DoctorCheck, type DoctorContext } from './doctorTypes';
import {
  SET_UP_DELEGATED_IDENTITY, describeFailure, giveAgentRole, grantGraphApplicationPermission, grantGraphDelegatedPermission, statusOf,
} from './fixes';
import { SSO_ONLY_REASON, delegatedIdentity, retryOrCheckUrl } from './partnerCenterChecks';
import { notConfigured } from './settingsCheck';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AGENT_GROUPS = ['AdminAgents', 'SalesAgents', 'HelpdeskAgents'];

/** One GET through the bot's Graph client (its tokens, HTTP helper and rate limiter), in the partner tenant. */
async function graphGet(context: DoctorContext, mode: TokenMode, path: string, step: string): Promise<unknown> {
  const { config, services } = context;
  if (!config || !services) throw new Error(notConfigured(context));
  const graph = new GraphClientFactory({ baseUrl: `${config.GRAPH_BASE_URL}/`, tokens: services.tokens, http: services.http, appId: config.AZURE_CLIENT_ID });
  try {
    return await graph.forTenant(config.PARTNER_TENANT_ID, mode).api(path)
      .middlewareOptions([new OutboundCallOptions({ step, correlationId: context.correlationId })]).get();
  } catch (error) {
    throw toGraphError(error, step, config.PARTNER_TENANT_ID);
  }
}

const meSchema = z.object({ id: z.string(), userPrincipalName: z.string().nullish() });
const groupSchema = z.object({ id: z.string(), displayName: z.string().nullish() });

export const rolesCheck: DoctorCheck = {
  name: 'graph staff roles',
  async run(context) {
    const { config, services } = context;
    if (!config || !services) return skipped(notConfigured(context));
    const ctx = { correlationId: context.correlationId };
    const permissionFix = grantGraphApplicationPermission(config.AZURE_CLIENT_ID, ['GroupMember.Read.All', 'RoleManagement.Read.Directory'],
      'the bot reads staff roles from memberOf: the AdminAgents, SalesAgents and HelpdeskAgents groups, and the Global and Billing Administrator roles');
    const refused = (error: unknown) => {
      const status = statusOf(error);
      return problem(describeFailure(error), status === 403 || status === 401 ? permissionFix : retryOrCheckUrl(error, 'GRAPH_BASE_URL'));
    };

    // The call PartnerGraphDirectory makes for GDAP_ACCESS_GROUP (by name), or the group itself (by object id).
    let group: { id: string; name: string };
    try {
      group = GUID.test(config.GDAP_ACCESS_GROUP)
        ? toGroup(await graphGet(context, 'app', `/groups/${config.GDAP_ACCESS_GROUP}?$select=id,displayName`, 'Graph: read the GDAP_ACCESS_GROUP group'))
        : await services.partnerDirectory.accessGroup(ctx);
    } catch (error) {
      if (error instanceof GraphError && error.status === null && error.fix) return problem(error.graphMessage, `${error.fix.charAt(0).toUpperCase()}${error.fix.slice(1)} (GDAP_ACCESS_GROUP).`);
      if (error instanceof GraphError && error.status === 404) return problem(`GDAP_ACCESS_GROUP ${config.GDAP_ACCESS_GROUP} is not a group of the partner tenant`, 'Set GDAP_ACCESS_GROUP to the object id or display name of a security group in the partner tenant.');
      return refused(error);
    }
    const found = `GDAP_ACCESS_GROUP "${group.name}" found (${group.id})`;
    if (delegatedIdentity(context) !== 'refresh-token') return ok(`${found}; no refresh-token user to read the memberships of`);

    // The secure-application-model user: who they are (delegated /me), then their memberships as the bot reads anyone's.
    let user: z.infer<typeof meSchema>;
    try {
      user = meSchema.parse(await graphGet(context, 'app+user', '/me?$select=id,userPrincipalName', 'Graph: who is the refresh-token user (/me)'));
    } catch (error) {
      return ok(`${found}; the refresh-token user could not be read (${describeFailure(error)})`);
    }
    const who = user.userPrincipalName ?? user.id;
    let groups: string[];
    try {
      const memberships = await services.partnerDirectory.memberOf(user.id, ctx);
      groups = memberships.filter((m) => m.type === 'group').map((m) => m.displayName);
    } catch (error) {
      return refused(error);
    }
    const agentGroups = AGENT_GROUPS.filter((name) => groups.some((g) => g.toLowerCase() === name.toLowerCase()));
    if (!agentGroups.includes('AdminAgents')) {
      return problem(`${found}; the refresh-token user ${who} is not in AdminAgents${agentGroups.length ? ` (only ${agentGroups.join(', ')})` : ''}, which Partner Center App+User calls need`,
        giveAgentRole(who));
    }
    return ok(`${found}; memberOf of the refresh-token user ${who}: ${agentGroups.join(', ')}`);
  },
};

function toGroup(item: unknown): { id: string; name: string } {
  const group = groupSchema.parse(item);
  return { id: group.id, name: group.displayName ?? group.id };
}

export const customerAccessCheck: DoctorCheck = {
  name: 'customer access (gdap)',
  async run(context) {
    const { config } = context;
    if (!config || !context.services) return skipped(notConfigured(context));
    const mode = config.CUSTOMER_GRAPH_MODE === 'app'
      ? 'CUSTOMER_GRAPH_MODE=app (each customer consents to the app)'
      : 'CUSTOMER_GRAPH_MODE=app+user (through the GDAP roles)';
    const identity = delegatedIdentity(context);
    if (identity === 'sso-only') return skipped(`${mode}; GDAP requests: ${SSO_ONLY_REASON}`);
    if (identity === 'none') return problem(`${mode}; GDAP requests need a delegated identity and none is configured`, SET_UP_DELEGATED_IDENTITY);
    try {
      const page = await graphGet(context, 'app+user', '/tenantRelationships/delegatedAdminRelationships?$top=1', 'Graph: list GDAP relationships (the first one)') as { value?: unknown[] };
      return ok(`${mode}; GDAP relationships readable (${(page.value ?? []).length === 0 ? 'none yet' : 'at least one'})`);
    } catch (error) {
      const status = statusOf(error);
      const fix = status === 403 || status === 401
        ? `${grantGraphDelegatedPermission(config.AZURE_CLIENT_ID, ['DelegatedAdminRelationship.ReadWrite.All'], 'the bot requests GDAP, locks it for approval and assigns GDAP_ACCESS_GROUP')} The refresh-token user must also be an Admin agent.`
        : retryOrCheckUrl(error, 'GRAPH_BASE_URL');
      return problem(`${mode}; ${describeFailure(error)}`, fix);
    }
  },
};

export const mailSenderCheck: DoctorCheck = {
  name: 'mail sender',
  async run(context) {
    const { config, services } = context;
    if (!config || !services) return skipped(notConfigured(context));
    const mailbox = config.MAIL_SENDER_MAILBOX;
    if (!mailbox) {
      return skipped(config.SSO_CONNECTION_NAME
        ? 'MAIL_SENDER_MAILBOX is not set: invitations are emailed from the signed-in staff member\'s own mailbox (Teams SSO)'
        : 'MAIL_SENDER_MAILBOX is not set: "Email the invitation" is not offered; staff copy the link instead');
    }
    const mailSendFix = grantGraphApplicationPermission(config.AZURE_CLIENT_ID, ['Mail.Send'],
      `the bot emails invitations from ${mailbox}; limit the app to that mailbox with an Exchange application access policy`);
    // Mail.Send cannot be tried without sending: the app token's `roles` claim lists the application permissions granted.
    let roles: string[] | null;
    try {
      roles = rolesClaim(await services.tokens.getToken('graph', config.PARTNER_TENANT_ID, 'app'));
    } catch (error) {
      return problem(`no app-only Graph token: ${describeFailure(error)}`, 'Check AZURE_CLIENT_ID, its credential and PARTNER_TENANT_ID.');
    }
    if (roles && !roles.some((r) => r.toLowerCase() === 'mail.send')) {
      return problem(`the app's Graph token does not carry Mail.Send (it has ${roles.length ? roles.join(', ') : 'no application permission'})`, mailSendFix);
    }
    const granted = roles ? 'Mail.Send granted' : 'Mail.Send not verifiable from the token';
    try {
      const user = await graphGet(context, 'app', `/users/${encodeURIComponent(mailbox)}?$select=id,userPrincipalName,mail`, `Graph: read the mailbox ${mailbox}`) as { mail?: string | null };
      return ok(`${mailbox} exists in the partner tenant${user.mail ? ` (mail ${user.mail})` : ''}; ${granted}`);
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) return problem(`${mailbox} is not a user of the partner tenant`, 'Set MAIL_SENDER_MAILBOX to the address (or object id) of a mailbox in the partner tenant.');
      // The bot itself never reads users: without User.Read.All only the mailbox's existence stays unconfirmed.
      if (status === 403) return ok(`${granted}; ${mailbox} not confirmed (reading users needs User.Read.All, which the bot itself does not need)`);
      return problem(describeFailure(error), retryOrCheckUrl(error, 'GRAPH_BASE_URL'));
    }
  },
};

/** The `roles` claim of a JWT access token (read, not verified: it is the app's own token), or null when unreadable. */
export function rolesClaim(token: string): string[] | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { roles?: unknown };
    return Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return null;
  }
}
