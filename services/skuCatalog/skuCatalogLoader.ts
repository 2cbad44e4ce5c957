/**
 * Loads Microsoft's SKU → service-plan table at run time, from a file path or an http(s) URL
 * (SKU_CATALOG_SOURCE). A downloaded copy is cached on disk and reused while it is younger than
 * maxAgeDays; when a refresh fails the old copy is still used, marked stale. Never throws: with no
 * table at all the catalog is empty and its `problem` says what failed and how to fix it.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Clock, Logger, SkuCatalogSource } from '../../move/ports';
import { skuCatalogFrom, unavailableSkuCatalog, type SkuCatalog, type SkuCatalogRow, type SkuInfo } from '../../move/skuCatalog';
import { isTempFileName, readFileIfExists, writeFileAtomic } from '../../store/atomicFile';
import { parseLicensingCsv } from './licensingCsv';

/** Microsoft's download of the table (the production default of SKU_CATALOG_SOURCE). */
export const MICROSOFT_LICENSING_CSV_URL =
  'https://download.microsoft.com/download/e/3/e/e3e9faf2-f28b-490a-9ada-c6089a1fc5b0/Product%20names%20and%20service%20plan%20identifiers%20for%20licensing.csv';
/** The Learn page that links to the current download. */
export const LICENSING_REFERENCE_PAGE = 'https://learn.microsoft.com/entra/identity/users/licensing-service-plan-reference';

const MS_PER_DAY = 86_400_000;
/** The real table is about 1 MB; anything far larger is not it. */
const MAX_DOWNLOAD_BYTES = 32 * 1024 * 1024;

export interface SkuCatalogLoaderOptions {
  /** A file path (or file: URL) or an http(s) URL. */
  source: string;
  /** Folder for downloaded copies (created when needed). Unused for a file path. */
  cacheDir: string;
  /** A table older than this is refreshed (URL) or reported stale (path). Default 30. */
  maxAgeDays?: number;
  fetch?: typeof fetch;
  clock?: Clock;
  /** Whole download, headers and body. Default 30 s. */
  timeoutMs?: number;
  /** SKUs the CSV edition lacks (the table wins when it has them). */
  extraSkus?: readonly SkuInfo[];
  logger: Logger;
  /** After a failed or stale load, how long the result is reused before trying again. Default 1 hour. */
  retryAfterFailureMs?: number;
}

type Source = { kind: 'file'; filePath: string } | { kind: 'url'; url: URL } | { kind: 'invalid'; reason: string };

/** Why SKU_CATALOG_SOURCE cannot be used, or null when it can (for configuration checks). */
export function skuCatalogSourceProblem(source: string): string | null {
  const parsed = classifySource(source);
  return parsed.kind === 'invalid' ? parsed.reason : null;
}

function classifySource(raw: string): Source {
  const source = raw.trim();
  if (!source) return { kind: 'invalid', reason: 'it is empty; use an http(s) URL or a file path' };
  // `scheme://…`; a Windows drive (C:\…) has no `//` and stays a path.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return { kind: 'file', filePath: source };
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return { kind: 'invalid', reason: `"${redact(source)}" is not a valid URL; use an http(s) URL or a file path` };
  }
  if (url.protocol === 'file:') return { kind: 'file', filePath: fileURLToPath(url) };
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { kind: 'invalid', reason: `only http and https URLs (or a file path) are supported, not ${url.protocol}` };
  }
  return { kind: 'url', url };
}

/** For messages and logs: no credentials or query string (a signed URL's query is a secret). */
function redact(source: string): string {
  try {
    const url = new URL(source);
    if (url.protocol === 'file:') return source;
    return `${url.protocol}//${url.host}${url.pathname}${url.search ? '?…' : ''}`;
  } catch {
    return source.replace(/\?.*$/s, '?…');
  }
}

/** A failure of one step (reading, downloading, parsing), for the problem message. */
class StepFailure extends Error {
  constructor(readonly step: string, readonly reason: string) {
    super(`${step} failed: ${reason}`);
  }
}

interface Loaded {
  catalog: SkuCatalog;
  /** Reuse the catalog until then (ms since epoch). */
  recheckAt: number;
}

interface CachedCopy {
  text: string;
  fetchedAt: Date;
}

export class SkuCatalogLoader implements SkuCatalogSource {
  private readonly source: Source;
  private readonly displaySource: string;
  private readonly maxAgeMs: number;
  private readonly retryMs: number;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly clock: Clock;
  private readonly extraSkus: readonly SkuInfo[];
  private loaded: Loaded | undefined;
  private loading: Promise<SkuCatalog> | undefined;

  constructor(private readonly options: SkuCatalogLoaderOptions) {
    this.source = classifySource(options.source);
    this.displaySource = redact(options.source.trim());
    this.maxAgeMs = (options.maxAgeDays ?? 30) * MS_PER_DAY;
    this.retryMs = options.retryAfterFailureMs ?? 3_600_000;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.fetchImpl = options.fetch ?? fetch;
    this.clock = options.clock ?? { now: () => new Date() };
    this.extraSkus = options.extraSkus ?? [];
  }

  /** The memoised catalog; loads it on first use and again once it is older than maxAgeDays. */
  current(): Promise<SkuCatalog> {
    if (this.loaded && this.clock.now().getTime() < this.loaded.recheckAt) return Promise.resolve(this.loaded.catalog);
    // Concurrent callers share one load (and so one download).
    this.loading ??= this.load()
      // Only a throwing logger gets here; the port promises never to throw.
      .catch((error: unknown) => unavailableSkuCatalog(this.displaySource, `Microsoft's licensing table could not be loaded: ${describe(error)}`, this.extraSkus))
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  private async load(): Promise<SkuCatalog> {
    let result: Loaded;
    try {
      if (this.source.kind === 'invalid') result = this.failed(new StepFailure('checking', this.source.reason));
      else if (this.source.kind === 'file') result = await this.loadFile(this.source.filePath);
      else result = await this.loadUrl(this.source.url);
    } catch (error) {
      result = this.failed(error instanceof StepFailure ? error : new StepFailure('loading', describe(error)));
    }
    this.loaded = result;
    return result.catalog;
  }

  private async loadFile(filePath: string): Promise<Loaded> {
    let text: string;
    let modified: Date;
    try {
      modified = (await fs.stat(filePath)).mtime;
      text = await fs.readFile(filePath, 'utf8');
    } catch (error) {
      throw new StepFailure('reading', describe(error));
    }
    const rows = parseOrFail(text);
    const stale = this.ageMs(modified) >= this.maxAgeMs;
    if (stale) {
      this.options.logger.warn({ source: this.displaySource, asOf: modified.toISOString(), maxAgeDays: this.maxAgeMs / MS_PER_DAY },
        'The licensing table file is older than SKU_CATALOG_MAX_AGE_DAYS; using it, marked stale. Replace it with a current download.');
    }
    return this.loadedFrom(rows, modified, stale);
  }

  private async loadUrl(url: URL): Promise<Loaded> {
    const cache = await this.readCache(url);
    if (cache && this.ageMs(cache.fetchedAt) < this.maxAgeMs) {
      try {
        return this.loadedFrom(parseLicensingCsv(cache.text), cache.fetchedAt, false);
      } catch (error) {
        this.options.logger.warn({ source: this.displaySource, error: describe(error) }, 'The cached licensing table is unreadable; downloading it again.');
      }
    }
    try {
      const text = await this.download(url);
      const rows = parseOrFail(text);
      const fetchedAt = this.clock.now();
      await this.writeCache(url, text, fetchedAt);
      this.options.logger.info({ source: this.displaySource, rows: rows.length }, 'Downloaded the licensing table (SKU → service plans).');
      return this.loadedFrom(rows, fetchedAt, false);
    } catch (error) {
      const failure = error instanceof StepFailure ? error : new StepFailure('downloading', describe(error));
      const fallback = cache ? tryParse(cache.text) : undefined;
      if (!cache || !fallback) throw failure;
      this.options.logger.warn({ source: this.displaySource, asOf: cache.fetchedAt.toISOString(), error: failure.message },
        'Could not refresh the licensing table; using the cached copy, marked stale.');
      return this.loadedFrom(fallback, cache.fetchedAt, true);
    }
  }

  private async download(url: URL): Promise<string> {
    let response: Response;
    try {
      response = await this.fetchImpl(url, { method: 'GET', redirect: 'follow', headers: { Accept: 'text/csv, */*' }, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new StepFailure('downloading', this.describeFetchError(error));
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new StepFailure('downloading', `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    }
    if (Number(response.headers.get('content-length') ?? 0) > MAX_DOWNLOAD_BYTES) {
      await response.body?.cancel().catch(() => undefined);
      throw new StepFailure('downloading', `the answer is larger than ${MAX_DOWNLOAD_BYTES / 1024 / 1024} MB`);
    }
    let bytes: ArrayBuffer;
    try {
      bytes = await response.arrayBuffer();
    } catch (error) {
      throw new StepFailure('downloading', this.describeFetchError(error));
    }
    if (bytes.byteLength > MAX_DOWNLOAD_BYTES) throw new StepFailure('downloading', `the answer is larger than ${MAX_DOWNLOAD_BYTES / 1024 / 1024} MB`);
    return new TextDecoder('utf-8').decode(bytes);
  }

  private describeFetchError(error: unknown): string {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      return `no complete answer within ${Math.round(this.timeoutMs / 100) / 10} s`;
    }
    return describe(error);
  }

  /** Cache files are named after a hash of the full URL, so changing SKU_CATALOG_SOURCE never reuses another's copy. */
  private cachePaths(url: URL): { csv: string; meta: string } {
    const key = createHash('sha256').update(url.href).digest('hex').slice(0, 16);
    return { csv: path.join(this.options.cacheDir, `licensing-${key}.csv`), meta: path.join(this.options.cacheDir, `licensing-${key}.json`) };
  }

  private async readCache(url: URL): Promise<CachedCopy | undefined> {
    const paths = this.cachePaths(url);
    try {
      const text = await readFileIfExists(paths.csv);
      if (text === undefined) return undefined;
      return { text, fetchedAt: await this.fetchedAtOf(paths) };
    } catch (error) {
      this.options.logger.warn({ source: this.displaySource, cacheDir: this.options.cacheDir, error: describe(error) }, 'Could not read the cached licensing table.');
      return undefined;
    }
  }

  /** From the JSON written beside the copy; the file's mtime when that is missing or damaged. */
  private async fetchedAtOf(paths: { csv: string; meta: string }): Promise<Date> {
    try {
      const meta: unknown = JSON.parse((await readFileIfExists(paths.meta)) ?? 'null');
      const fetchedAt = typeof meta === 'object' && meta !== null ? new Date(String((meta as { fetchedAt?: unknown }).fetchedAt)) : undefined;
      if (fetchedAt && !Number.isNaN(fetchedAt.getTime())) return fetchedAt;
    } catch { /* fall back to the mtime */ }
    return (await fs.stat(paths.csv)).mtime;
  }

  /** The copy first, then its JSON: a crash in between leaves an old fetch time, which only means an early refresh. */
  private async writeCache(url: URL, text: string, fetchedAt: Date): Promise<void> {
    const paths = this.cachePaths(url);
    try {
      await fs.mkdir(this.options.cacheDir, { recursive: true });
      await this.removeOwnLeftoverTempFiles();
      await writeFileAtomic(paths.csv, text);
      await writeFileAtomic(paths.meta, `${JSON.stringify({ url: this.displaySource, fetchedAt: fetchedAt.toISOString(), bytes: Buffer.byteLength(text) }, null, 2)}\n`);
    } catch (error) {
      // The table is still good for this process; only the next start has to download again.
      this.options.logger.warn({ source: this.displaySource, cacheDir: this.options.cacheDir, error: describe(error) }, 'Could not cache the licensing table.');
    }
  }

  /** Temp files of an interrupted write; only ours, in case cacheDir is shared with other data. */
  private async removeOwnLeftoverTempFiles(): Promise<void> {
    const names = (await fs.readdir(this.options.cacheDir)).filter((name) => name.startsWith('.licensing-') && isTempFileName(name));
    await Promise.all(names.map((name) => fs.rm(path.join(this.options.cacheDir, name), { force: true })));
  }

  private loadedFrom(rows: SkuCatalogRow[], asOf: Date, stale: boolean): Loaded {
    const catalog = skuCatalogFrom(rows, { source: this.displaySource, asOf: asOf.toISOString(), stale, problem: null }, this.extraSkus);
    const recheckAt = stale ? this.clock.now().getTime() + this.retryMs : asOf.getTime() + this.maxAgeMs;
    return { catalog, recheckAt };
  }

  private failed(failure: StepFailure): Loaded {
    const problem =
      `Microsoft's licensing table (SKU → service plans) is not available: ${failure.step} ${this.displaySource} failed: ${failure.reason}. ` +
      'Set SKU_CATALOG_SOURCE to a reachable URL or to a local copy of the file ' +
      `(the download link is on ${LICENSING_REFERENCE_PAGE}).`;
    this.options.logger.error({ source: this.displaySource, step: failure.step, error: failure.reason }, problem);
    return { catalog: unavailableSkuCatalog(this.displaySource, problem, this.extraSkus), recheckAt: this.clock.now().getTime() + this.retryMs };
  }

  private ageMs(since: Date): number {
    return this.clock.now().getTime() - since.getTime();
  }
}

function parseOrFail(text: string): SkuCatalogRow[] {
  try {
    return parseLicensingCsv(text);
  } catch (error) {
    throw new StepFailure('parsing', describe(error));
  }
}

function tryParse(text: string): SkuCatalogRow[] | undefined {
  try {
    return parseLicensingCsv(text);
  } catch {
    return undefined;
  }
}

/** An error's message with its cause (fetch's "fetch failed" hides the real reason there). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    const detail = cause.message || code || cause.name;
    return `${error.message} (${detail})`;
  }
  return error.message;
}
