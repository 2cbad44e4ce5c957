import { TurnContext, type ConversationReference, type Middleware } from 'botbuilder';
import type { Logger } from '../move/ports';
import { KeyedSerialQueue } from '../move/keyedSerialQueue';
import type { KeyValueStore } from '../store/keyValueStore';
import type { Locale } from '../cards/i18n/locales';
import { canonicalGuid } from './guid';
import { statedLocale } from './viewerLocale';

/** A member of the partner's staff as Teams showed them to the bot. */
export interface RosterEntry {
  /** Entra object id (canonical GUID). */
  id: string;
  /** Teams user id (MRI, `29:…`): what card auto-refresh (`refresh.userIds`) and @mentions want. */
  mri: string;
  name: string;
  /** Their personal chat with the bot, once they used it: where the bot asks them proactively. */
  personal: Partial<ConversationReference> | null;
  /**
   * Their Teams language and time zone as their last activity stated them (bot/viewerLocale.ts): cards the bot brings
   * to them alone are drawn in these. Null or absent (never said, a language the bot lacks): DEFAULT_LOCALE, UTC.
   */
  locale?: Locale | null;
  timeZone?: string | null;
}

const KEY = (id: string) => `staff/${id}`;

/**
 * The staff the bot has met in Teams, by Entra object id: the Teams user id the directory cannot give, and the
 * personal chat to ask them in. Written when what Teams shows changes (a first message, a new personal chat), so a
 * turn costs one read at most; only people of the partner's own tenant are recorded (the caller checks).
 */
export class StaffRoster {
  private readonly writes = new KeyedSerialQueue();
  /** What was last stored per person by this instance: most turns change nothing and skip the store. */
  private readonly lastSeen = new Map<string, string>();

  /** The Teams ids last listed, and until when they are reused (epoch ms). */
  private known: { ids: string[]; until: number } | null = null;

  constructor(private readonly store: KeyValueStore, private readonly now: () => number = Date.now) {}

  /**
   * The Teams ids of the staff the bot has met, at most `limit` (Teams refreshes a card by itself for at most 60
   * people): those whom a posted card is redrawn for, each with only the buttons they may press. Kept for a minute.
   */
  async teamsIds(limit = 60): Promise<string[]> {
    const now = this.now();
    if (this.known && this.known.until > now) return this.known.ids.slice(0, limit);
    const ids: string[] = [];
    for (const key of await this.store.list('staff/')) {
      const entry = await this.store.get<RosterEntry>(key);
      if (entry?.mri) ids.push(entry.mri);
      if (ids.length >= 60) break;
    }
    this.known = { ids, until: now + 60_000 };
    return ids.slice(0, limit);
  }

  get(objectId: string): Promise<RosterEntry | undefined> {
    const id = canonicalGuid(objectId);
    return id ? this.store.get<RosterEntry>(KEY(id)) : Promise.resolve(undefined);
  }

  /** Remembers who sent this activity, their language and time zone, and their personal chat when it came from one. */
  async remember(context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    const from = context.activity.from;
    const id = canonicalGuid(typeof from?.aadObjectId === 'string' ? from.aadObjectId : '');
    const mri = typeof from?.id === 'string' ? from.id.slice(0, 200) : '';
    if (!id || !mri) return;
    const name = (typeof from.name === 'string' ? from.name : '').trim().slice(0, 80);
    const personal = context.activity.conversation?.conversationType === 'personal' ? withoutActivity(reference) : null;
    // From a group chat or channel the personal chat is not seen: the stored one is kept.
    // A message that states no language or time zone (a proactive install, a bare invoke) keeps the stored ones.
    const stated = statedLocale(context);
    const signature = JSON.stringify([mri, name, personal?.conversation?.id ?? '-', stated.locale, stated.timeZone]);
    if (this.lastSeen.get(id) === signature) return;
    await this.writes.run(KEY(id), async () => {
      const known = await this.store.get<RosterEntry>(KEY(id));
      const next: RosterEntry = {
        id, mri, name: name || known?.name || '', personal: personal ?? known?.personal ?? null,
        locale: stated.locale ?? known?.locale ?? null, timeZone: stated.timeZone ?? known?.timeZone ?? null,
      };
      if (!known || JSON.stringify(known) !== JSON.stringify(next)) await this.store.put(KEY(id), next);
    });
    this.lastSeen.set(id, signature);
    if (this.known && !this.known.ids.includes(mri)) this.known = null;
  }
}

function withoutActivity(reference: Partial<ConversationReference>): Partial<ConversationReference> {
  const { activityId: _ignored, ...rest } = reference;
  return rest;
}

/**
 * Every turn from the partner's own organisation records who is writing (and their personal chat) before the bot
 * answers; anyone else is never recorded. A failure to record only means that person is not asked proactively.
 */
export class MeetStaff implements Middleware {
  constructor(
    private readonly roster: StaffRoster,
    private readonly fromPartnerTenant: (context: TurnContext) => boolean,
    private readonly log: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (this.fromPartnerTenant(context)) {
      try {
        await this.roster.remember(context, TurnContext.getConversationReference(context.activity));
      } catch (error) {
        this.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not record who is writing');
      }
    }
    await next();
  }
}
