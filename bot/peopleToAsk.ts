import type { ConversationReference } from 'botbuilder';
import type { MoveEvent } from '../move/events';
import { followUpsOf } from '../move/followUps';
import type { Actor, Role } from '../move/model';
import { approvalRequirement, type ApprovalPolicy } from '../move/policy';
import type { Logger, StaffDirectory } from '../move/ports';
import type { MoveState } from '../move/state';
import type { RosterEntry, StaffRoster } from './staffRoster';
import type { ViewerLocale } from './viewerLocale';

/** Someone who can act on a move, with what Teams needs to reach them (when the bot has met them). */
export interface PersonToAsk {
  id: string;
  name: string;
  /** Teams user id (`29:…`), for @mentions and card auto-refresh; null for someone who never used the bot. */
  mri: string | null;
  /** Their personal chat with the bot; null until they used it. */
  personal: Partial<ConversationReference> | null;
  /** Their Teams language and time zone, for a card to them alone; null (or absent) when unknown: DEFAULT_LOCALE, UTC. */
  reads?: Partial<ViewerLocale> | null;
}

/** At most this many people are named or @mentioned for one request: a long list is read by nobody. */
export const MAX_PEOPLE_ASKED = 6;

/**
 * Names the people who can take a move's next step, from the partner's directory (who holds the roles) and the
 * roster (who uses the bot, and where to reach them). Those who use the bot come first. When the directory cannot
 * be read the answer is empty and the callers fall back to naming roles: asking nobody by name is better than a
 * post that never leaves.
 */
export class PeopleToAsk {
  constructor(
    private readonly directory: StaffDirectory,
    private readonly roster: StaffRoster,
    private readonly log: Logger,
  ) {}

  /** People holding any of the roles, but not those excluded (by Entra object id). */
  async withRoles(roles: readonly Role[], excluding: readonly string[] = []): Promise<PersonToAsk[]> {
    let staff;
    try {
      staff = await this.directory.staffWith(roles);
    } catch (error) {
      this.log.warn({ roles, err: error instanceof Error ? error.message : String(error) }, 'could not read who holds the roles; naming the roles instead');
      return [];
    }
    const skip = new Set(excluding.map((id) => id.toLowerCase()));
    const people: PersonToAsk[] = [];
    for (const member of staff.filter((m) => !skip.has(m.id.toLowerCase()))) {
      const met = await this.roster.get(member.id);
      people.push({ id: member.id, name: member.name || met?.name || member.id, mri: met?.mri ?? null, personal: met?.personal ?? null, reads: readsOf(met) });
    }
    // Stable: directory order (by name) within each group.
    return [...people.filter((p) => p.mri), ...people.filter((p) => !p.mri)].slice(0, MAX_PEOPLE_ASKED);
  }

  /**
   * Whom Teams should redraw a posted card for (refresh.userIds), each with only the buttons they may press: the
   * people asked first, then everyone else of the staff the bot has met; at most 60, Teams' limit.
   */
  async refreshFor(asked: readonly PersonToAsk[]): Promise<string[]> {
    const first = asked.map((person) => person.mri).filter((mri): mri is string => mri !== null);
    return [...new Set([...first, ...await this.roster.teamsIds()])].slice(0, 60);
  }

  /**
   * The owners of the follow-ups these events remind about: the named owner (who approved or overrode), else the
   * people holding the task's role.
   */
  async followUpOwners(state: MoveState, events: readonly MoveEvent[]): Promise<PersonToAsk[]> {
    const reminded = new Set(events.flatMap((event) => (event.type === 'FollowUpReminderDue' ? [event.taskId] : [])));
    if (reminded.size === 0) return [];
    const owners = new Map<string, PersonToAsk>();
    for (const task of followUpsOf(state).filter((t) => reminded.has(t.id))) {
      const people = task.owner ? [await this.known(task.owner)] : await this.withRoles([task.ownerRole]);
      for (const person of people) owners.set(person.id, person);
    }
    return [...owners.values()].slice(0, MAX_PEOPLE_ASKED);
  }

  /** Someone the move names (an approver, an overrider), with what the roster knows of reaching them. */
  private async known(actor: Actor): Promise<PersonToAsk> {
    const met = await this.roster.get(actor.id);
    return { id: actor.id, name: actor.name || met?.name || actor.id, mri: met?.mri ?? null, personal: met?.personal ?? null, reads: readsOf(met) };
  }

  /**
   * The language and time zone of the one person a personal chat is with (the reference's user, as the roster last
   * saw them); null for a group chat or channel (posts there are for everyone) or someone the roster does not know.
   */
  async readerOf(reference: Partial<ConversationReference>): Promise<Partial<ViewerLocale> | null> {
    if (reference.conversation?.conversationType !== 'personal') return null;
    const objectId = (reference.user as { aadObjectId?: unknown } | undefined)?.aadObjectId;
    return typeof objectId === 'string' ? readsOf(await this.roster.get(objectId)) : null;
  }

  /** Who may approve the move's plan now: the policy's approvers for this plan, four-eyes applied. */
  approversOf(state: MoveState, policy: ApprovalPolicy): Promise<PersonToAsk[]> {
    if (!state.plan) return Promise.resolve([]);
    const requirement = approvalRequirement(state.plan, policy);
    const proposer = requirement.fourEyes && state.proposer ? [state.proposer.id] : [];
    return this.withRoles(requirement.roles, proposer);
  }
}

/** What the roster knows of a person's language and time zone; null when it knows neither. */
function readsOf(met: RosterEntry | undefined): Partial<ViewerLocale> | null {
  if (!met?.locale && !met?.timeZone) return null;
  return { ...(met.locale ? { locale: met.locale } : {}), ...(met.timeZone ? { timeZone: met.timeZone } : {}) };
}
