import type { TurnContext } from 'botbuilder';
import type { Actor } from '../move/model';
import type { Logger, PartnerDirectory } from '../move/ports';

export type ActorResult = { ok: true; actor: Actor } | { ok: false; message: string };

/**
 * Who is acting: the Entra object id Teams gives us, checked against the partner tenant, with roles
 * read from the partner directory (never from anything the client sends in card data).
 */
export class ActorResolver {
  constructor(
    private readonly directory: PartnerDirectory,
    private readonly partnerTenantId: string,
    private readonly log: Logger,
  ) {}

  async resolve(context: TurnContext): Promise<ActorResult> {
    const activity = context.activity;
    const tenantId = activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    if (!tenantId) {
      return { ok: false, message: 'Teams did not say which organisation you belong to, so no action was taken. Use the bot from Microsoft Teams.' };
    }
    if (tenantId.toLowerCase() !== this.partnerTenantId.toLowerCase()) {
      return { ok: false, message: 'This bot works only for the partner\'s own organisation; your tenant is not that one.' };
    }
    const objectId = activity.from?.aadObjectId;
    if (!objectId) {
      return { ok: false, message: 'Teams did not say who you are (no Entra object id on the message), so no action was taken. Use the bot from Microsoft Teams signed in with your work account.' };
    }
    try {
      const roles = await this.directory.rolesOf(objectId);
      return { ok: true, actor: { id: objectId, name: (activity.from.name ?? 'Unknown user').slice(0, 80), roles } };
    } catch (error) {
      this.log.warn({ userId: objectId, err: error instanceof Error ? error.message : String(error) }, 'role lookup failed');
      return { ok: false, message: 'Could not read your Partner Center roles from the partner directory just now, so no action was taken. Try again in a minute; if it keeps failing, check the bot\'s Graph permissions (GroupMember.Read.All, RoleManagement.Read.Directory).' };
    }
  }
}
