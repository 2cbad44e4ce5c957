/**
 * Exports offered with a FileConsentCard and not yet answered. The card carries only the export's opaque id; what to
 * export, for whom and until when stays here, so a forged or replayed answer can name nothing the bot did not offer.
 * Each offer is used once (taken when the person answers) and expires after `ttlMs` (one hour by default).
 */
import { randomUUID } from 'node:crypto';
import type { ExportReport } from '../../cards/fileConsentCard';
import { KeyedSerialQueue } from '../../move/keyedSerialQueue';
import type { KeyValueStore } from '../../store/keyValueStore';

export interface PendingExport {
  id: string;
  moveId: string;
  customerDomain: string;
  report: ExportReport;
  /** Who asked: the only person who may accept it (Entra object id), and their Teams id and name for the log. */
  requestedBy: { aadObjectId: string; userId: string; name: string };
  requestedAt: string;
  expiresAt: string;
}

/** The ids this store hands out; anything else names no export. */
const EXPORT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PREFIX = 'file-export/';
export const DEFAULT_EXPORT_TTL_MS = 60 * 60 * 1000;

export type ExportLookup =
  | { found: true; pending: PendingExport }
  | { found: false; why: 'unknown' }
  | { found: false; why: 'expired'; pending: PendingExport };

export class PendingExports {
  private readonly writes = new KeyedSerialQueue();

  constructor(
    private readonly store: KeyValueStore,
    /** Real time: how long an offer stands is the bot's own bookkeeping, not the move's. */
    private readonly now: () => Date,
    private readonly ttlMs = DEFAULT_EXPORT_TTL_MS,
    private readonly newId: () => string = randomUUID,
  ) {}

  static isExportId(value: unknown): value is string {
    return typeof value === 'string' && EXPORT_ID.test(value);
  }

  /** Records an offer (and forgets offers that expired unanswered). */
  async create(offer: Omit<PendingExport, 'id' | 'requestedAt' | 'expiresAt'>): Promise<PendingExport> {
    await this.forgetExpired();
    const now = this.now();
    const pending: PendingExport = {
      ...offer, id: this.newId(), requestedAt: now.toISOString(), expiresAt: new Date(now.getTime() + this.ttlMs).toISOString(),
    };
    await this.store.put(PREFIX + pending.id, pending);
    return pending;
  }

  /** The offer an answer names, if it stands; an expired one is forgotten. */
  async find(id: string): Promise<ExportLookup> {
    if (!PendingExports.isExportId(id)) return { found: false, why: 'unknown' };
    const pending = await this.store.get<PendingExport>(PREFIX + id);
    if (!pending) return { found: false, why: 'unknown' };
    if (this.isExpired(pending)) {
      await this.store.delete(PREFIX + id);
      return { found: false, why: 'expired', pending };
    }
    return { found: true, pending };
  }

  /** Takes the offer for good (it is answered); false when it was already taken. */
  take(id: string): Promise<boolean> {
    return this.writes.run(PREFIX + id, async () => {
      if (!(await this.store.get(PREFIX + id))) return false;
      await this.store.delete(PREFIX + id);
      return true;
    });
  }

  private isExpired(pending: PendingExport): boolean {
    const expires = Date.parse(pending.expiresAt);
    return !Number.isFinite(expires) || expires <= this.now().getTime();
  }

  private async forgetExpired(): Promise<void> {
    for (const key of await this.store.list(PREFIX)) {
      const pending = await this.store.get<PendingExport>(key);
      if (!pending || this.isExpired(pending)) await this.store.delete(key);
    }
  }
}
