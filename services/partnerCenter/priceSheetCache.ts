/**
 * Price sheets kept in memory per market and month: one download shared by every caller that asks while it
 * runs (in-flight dedupe), a failed download forgotten at once, at most `maxEntries` sheets (least recently
 * used dropped first), and an optional lifetime — the current month's sheet gains products during the month,
 * a past month's never changes. Per instance: nothing is shared through module state.
 */
import type { PriceBook } from '../../move/pricing';

export interface PriceSheetCacheOptions {
  /**
   * Sheets kept at once. Default 6: a market's parsed sheet holds about 30 MB at 100,000 rows (bench pricesheet), and a
   * partner moves customers in a handful of markets; the least recently used one is read again when needed.
   */
  maxEntries?: number;
  /** Epoch milliseconds. */
  now?: () => number;
}

interface Entry {
  book: Promise<PriceBook>;
  /** Epoch ms after which it is read again; null = for as long as it stays in the cache. */
  until: number | null;
}

export class PriceSheetCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: PriceSheetCacheOptions = {}) {
    this.maxEntries = Math.max(1, options.maxEntries ?? 6);
    this.now = options.now ?? Date.now;
  }

  /** The cached sheet for `key`, or the one `load` reads (kept for `ttlMs`, or without end when null). */
  get(key: string, ttlMs: number | null, load: () => Promise<PriceBook>): Promise<PriceBook> {
    const now = this.now();
    const cached = this.entries.get(key);
    if (cached && (cached.until === null || cached.until > now)) {
      // Most recently used goes last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached.book;
    }
    const book = load();
    this.entries.delete(key);
    this.entries.set(key, { book, until: ttlMs === null ? null : now + ttlMs });
    book.catch(() => {
      if (this.entries.get(key)?.book === book) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return book;
  }

  /** Keys held now, least recently used first (for tests and diagnostics). */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  clear(): void {
    this.entries.clear();
  }
}
