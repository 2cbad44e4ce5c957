import type { TurnContext } from 'botbuilder';
import type { Actor, Role } from '../move/model';
import { describeRoles } from '../cards/roleText';
import { ROLES_THAT_START } from '../move/policy';
import type { Logger, PartnerDirectory } from '../move/ports';
import { canonicalGuid } from './guid';

export type ActorResult = { ok: true; actor: Actor } | { ok: false; message: string };

/** What a request may do once its sender is known: anything a partner user may (help), or what staff may. */
export type Access = 'partner-user' | 'staff';

export const REFUSALS = {
  noTenant: 'Teams did not say which organisation you belong to, so no action was taken. Use the bot from Microsoft Teams.',
  tenantsDisagree: 'This request named two different organisations, so no action was taken. Use the bot from Microsoft Teams.',
  foreignTenant: 'This bot works only for the partner\'s own organisation; your tenant is not that one.',
  noIdentity: 'Teams did not say who you are (no Entra object id on the message), so no action was taken. Use the bot from Microsoft Teams signed in with your work account.',
  badIdentity: 'Teams sent a user id that is not an Entra object id, so no action was taken. Use the bot from Microsoft Teams signed in with your work account.',
  directoryDown: 'Could not read your Partner Center roles from the partner directory just now, so no action was taken. Try again in a minute; if it keeps failing, check the bot\'s Graph permissions (GroupMember.Read.All, RoleManagement.Read.Directory).',
} as const;

/** The title of the notice that refuses someone without a Partner Center role. */
export const NO_ROLE_TITLE = 'You have no Partner Center role';

/** The refusal for someone of the partner's organisation without a Partner Center role: why, who can, how to get a role. */
export function noRoleRefusal(approverRoles: readonly Role[], whoCan?: string): string {
  const who = whoCan ?? `Moves are started by ${describeRoles(ROLES_THAT_START)}, and their plans approved by ${describeRoles(approverRoles)}.`;
  return `You have no Partner Center role, so you cannot see or change moves. ${who} To get a role, ask your Global Administrator `
    + 'to add you to the SalesAgents or AdminAgents group (or, to approve plans, to give you the Billing Administrator role).';
}

/**
 * The one place that says who is asking. The tenant must be the partner's, and when Teams names it twice
 * (conversation.tenantId and channelData.tenant.id) both must agree; the user is the Entra object id Teams
 * gives, accepted only as a GUID and compared in canonical form (a UPN where an object id belongs is refused:
 * the directory would accept it, and a second spelling of one person would sidestep four-eyes). Roles come
 * from the partner directory, never from anything the client sends in card data.
 */
export class ActorResolver {
  private readonly partnerTenantId: string;

  constructor(
    private readonly directory: PartnerDirectory,
    partnerTenantId: string,
    private readonly log: Logger,
    /** Who approves plans (the approval policy), for the refusal of people without a role. */
    private readonly approverRoles: readonly Role[],
  ) {
    this.partnerTenantId = canonicalGuid(partnerTenantId) ?? partnerTenantId.toLowerCase();
  }

  /** Whether the request comes from the partner's own tenant (named at least once, and the same wherever named). */
  fromPartnerTenant(context: TurnContext): boolean {
    return this.tenantRefusal(context) === null;
  }

  async resolve(context: TurnContext, access: Access = 'staff'): Promise<ActorResult> {
    const activity = context.activity;
    const tenantRefusal = this.tenantRefusal(context);
    if (tenantRefusal) return refuse(tenantRefusal);

    const given = activity.from?.aadObjectId;
    if (typeof given !== 'string' || given.trim() === '') return refuse(REFUSALS.noIdentity);
    const objectId = canonicalGuid(given);
    if (!objectId) return refuse(REFUSALS.badIdentity);
    let roles: Role[];
    try {
      roles = await this.directory.rolesOf(objectId);
    } catch (error) {
      this.log.warn({ userId: objectId, err: error instanceof Error ? error.message : String(error) }, 'role lookup failed');
      return refuse(REFUSALS.directoryDown);
    }
    if (access === 'staff' && roles.length === 0) return refuse(noRoleRefusal(this.approverRoles));
    const name = typeof activity.from.name === 'string' && activity.from.name.trim() !== '' ? activity.from.name.slice(0, 80) : 'Unknown user';
    return { ok: true, actor: { id: objectId, name, roles } };
  }

  private tenantRefusal(context: TurnContext): string | null {
    const activity = context.activity;
    const named = [activity.conversation?.tenantId, (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id]
      .filter((value): value is string => typeof value === 'string' && value.trim() !== '');
    if (named.length === 0) return REFUSALS.noTenant;
    const tenants = new Set(named.map((value) => canonicalGuid(value) ?? `not-a-guid:${value}`));
    if (tenants.size > 1) return REFUSALS.tenantsDisagree;
    return [...tenants][0] === this.partnerTenantId ? null : REFUSALS.foreignTenant;
  }
}

function refuse(message: string): ActorResult {
  return { ok: false, message };
}
