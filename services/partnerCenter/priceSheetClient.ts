/**
 * The partner's own new-commerce licence-based prices:
 * `GET https://api.partner.microsoft.com/v1.0/sales/pricesheets(Market='{market}',PricesheetView='updatedlicensebased')/$value`
 * with `timeline=current|history|future` and `month=YYYYMM` (history only) — Learn "Get a price sheet".
 *
 * - Host and token: the Partner API (api.partner.microsoft.com), a resource of its own (`partner-api` tokens),
 *   not api.partnercenter.microsoft.com. App+User only ("Application-only isn't yet supported"); the user must be
 *   an Admin agent or Sales agent.
 * - Answer: a file stream, a .csv or a zip of it. The zip comes when `Accept-Encoding: deflate` is sent. Node's
 *   fetch adds `Accept-Encoding: gzip, deflate` to every request by itself, so the header is set explicitly either
 *   way (`deflate` or `identity`), and the body is decoded by what it holds (zip, gzip, zlib or plain CSV).
 * - The sheet is cached per market and month (PriceSheetCache), one download at a time per sheet.
 *
 * Errors are StepErrors: HTTP failures are PartnerCenterErrors (retryable when throttled, failed or unanswered)
 * whose fix speaks of this API; a sheet that cannot be used is a PriceSheetError.
 */
import { randomUUID } from 'node:crypto';
import type { CallContext, Logger } from '../../move/ports';
import type { PriceBook, PriceSheetSource } from '../../move/pricing';
import type { OutboundHttp } from '../http/outboundHttp';
import { TokenRequestError, type TokenProvider } from '../identity/tokenProvider';
import { checkCountry } from './partnerCenterCatalog';
import { PartnerCenterError } from './partnerCenterError';
import { PartnerCenterTransport, type PartnerCenterCall } from './partnerCenterTransport';
import { PriceSheetCache } from './priceSheetCache';
import { decodePriceSheetBody, parsePriceSheetCsv } from './priceSheetParser';

export const PRICE_SHEET_VIEW = 'updatedlicensebased';
export const PRODUCTION_PARTNER_API_BASE_URL = 'https://api.partner.microsoft.com';

export interface PriceSheetClientOptions {
  /** `https://api.partner.microsoft.com` in production; the sandbox's root locally. */
  baseUrl: string;
  /** The partner's Entra tenant: the token is issued there. */
  partnerTenantId: string;
  /** Must give App+User `partner-api` tokens (the staff member's, or the secure application model's). */
  tokens: TokenProvider;
  http: OutboundHttp;
  /** Keep only this `Segment` when the sheet has one; null keeps every segment. Default `Commercial`. */
  segment?: string | null;
  /** Ask for the zipped sheet (`Accept-Encoding: deflate`). Default true. */
  compressed?: boolean;
  /** Per-attempt timeout of the download. Default 120 s (a sheet is tens of MB uncompressed). */
  timeoutMs?: number;
  /** How long the current (and next) month's sheet is reused. Default 6 hours. */
  currentMonthTtlMs?: number;
  /** Shared by the copies `withTokens` makes; one is created when not given. */
  cache?: PriceSheetCache;
  newRequestId?: () => string;
  /** Epoch milliseconds: decides the current month and the cache lifetime. */
  now?: () => number;
  locale?: string;
  logger?: Logger;
}

/** Consent-type AADSTS codes that, for this resource, mean the app lacks the Partner API's delegated permission. */
const MISSING_PERMISSION_AADSTS = new Set(['AADSTS65001', 'AADSTS65002', 'AADSTS70011', 'AADSTS500011']);

export class PriceSheetClient implements PriceSheetSource {
  private readonly transport: PartnerCenterTransport;
  private readonly cache: PriceSheetCache;
  private readonly now: () => number;
  private readonly baseUrl: string;

  constructor(private readonly options: PriceSheetClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.now = options.now ?? Date.now;
    this.cache = options.cache ?? new PriceSheetCache({ now: this.now });
    this.transport = new PartnerCenterTransport({
      baseUrl: this.baseUrl, partnerTenantId: options.partnerTenantId, tokens: options.tokens, http: options.http,
      newRequestId: options.newRequestId ?? randomUUID, now: this.now, locale: options.locale, logger: options.logger,
      resource: 'partner-api',
    });
  }

  /** The same client acting through other tokens (e.g. the staff member's), sharing the cache. */
  withTokens(tokens: TokenProvider): PriceSheetClient {
    return new PriceSheetClient({ ...this.options, tokens, cache: this.cache });
  }

  /** The sheets cached now (`MARKET|YYYY-MM`), for diagnostics and tests. */
  cachedSheets(): string[] {
    return this.cache.keys();
  }

  /** Rejects (never throws) for a market that is not a country code or a month without a sheet. */
  async priceBook(market: string, ctx: CallContext, options: { month?: string } = {}): Promise<PriceBook> {
    const country = checkCountry(market);
    const current = monthOf(this.now());
    const month = options.month ?? current;
    const timeline = timelineOf(month, current);
    const ttl = timeline === 'history' ? null : this.options.currentMonthTtlMs ?? 6 * 3_600_000;
    return this.cache.get(`${country}|${month}`, ttl, () => this.download(country, month, timeline, ctx));
  }

  private async download(market: string, month: string, timeline: Timeline, ctx: CallContext): Promise<PriceBook> {
    const step = `Partner Center: read the price sheet for ${market} (${month})`;
    const query = timeline === 'history' ? `timeline=history&month=${month.replace('-', '')}` : `timeline=${timeline}`;
    const call: PartnerCenterCall = {
      step,
      method: 'GET',
      target: `${this.baseUrl}/v1.0/sales/pricesheets(Market='${market}',PricesheetView='${PRICE_SHEET_VIEW}')/$value?${query}`,
      ctx,
      mode: 'app+user',
      // A fresh MS-RequestId: the download is shared by callers, it is not any one move's side effect.
      requestId: (this.options.newRequestId ?? randomUUID)(),
      extraHeaders: [
        { key: 'Accept', value: '*/*' },
        { key: 'Accept-Encoding', value: this.options.compressed === false ? 'identity' : 'deflate' },
      ],
      responseType: 'bytes',
      timeoutMs: this.options.timeoutMs ?? 120_000,
    };
    let result;
    try {
      result = await this.transport.send(call);
    } catch (error) {
      throw withDownloadFix(error);
    }
    if (!result.response.ok) throw withPriceSheetFix(this.transport.toError(call, result));
    const bytes = result.response.bodyBytes ?? Buffer.from(result.response.bodyText, 'utf8');
    const { text, packaging } = decodePriceSheetBody(bytes, step);
    const parsed = parsePriceSheetCsv(text, {
      step, market, month, segment: this.options.segment, readAt: new Date(this.now()).toISOString(),
    }, packaging);
    this.options.logger?.info({
      step, market, month, packaging, bytes: bytes.byteLength, rows: parsed.rows, prices: parsed.book.prices.size,
      skipped: parsed.skipped, currencies: parsed.currencies, correlationId: ctx.correlationId, requestId: result.requestId,
    }, 'price sheet read');
    return parsed.book;
  }
}

type Timeline = 'current' | 'history' | 'future';

/** `YYYY-MM` of an epoch-ms instant, in UTC (Partner Center's price months are UTC months). */
export function monthOf(epochMs: number): string {
  const date = new Date(epochMs);
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Past months are history, this month is current, next month is future; anything later has no sheet yet. */
function timelineOf(month: string, current: string): Timeline {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`Price sheet month must be YYYY-MM (got ${JSON.stringify(month.slice(0, 20))}).`);
  if (month === current) return 'current';
  if (month < current) return 'history';
  const [year, monthNumber] = current.split('-').map(Number) as [number, number];
  const next = monthNumber === 12 ? `${year + 1}-01` : `${year}-${String(monthNumber + 1).padStart(2, '0')}`;
  if (month === next) return 'future';
  throw new RangeError(`No price sheet exists yet for ${month}: Partner Center publishes the current and next month only.`);
}

/** The fix for this API's refusals (the generic Partner Center wording names api.partnercenter.microsoft.com). */
function withPriceSheetFix(error: PartnerCenterError): PartnerCenterError {
  const fix = priceSheetFix(error.httpStatus) ?? error.fix;
  if (fix === error.fix) return error;
  return new PartnerCenterError(error.step, error.httpStatus, error.code, error.description, error.requestId, error.correlationId,
    fix, error.data, error.retryAfterSeconds);
}

function priceSheetFix(status: number | null): string | null {
  switch (status) {
    case 400:
      return 'the Partner API refused the request: check the market is a two-letter country code, and (Learn sends partners who get HTTP 400 here to "Partner API authentication") that the token is App+User for https://api.partner.microsoft.com';
    case 401:
      return 'the Partner API refused the token: the app registration needs the Microsoft Partner API (https://api.partner.microsoft.com) delegated permission with admin consent, and the token must be App+User';
    case 403:
      return 'the partner user behind the App+User token must be an Admin agent or Sales agent in Partner Center (and the licence-based price sheet must be available to the partner)';
    case 404:
      return 'Partner Center has no licence-based price sheet for that market and month: check the market, and that the month is not before the sheets began';
    default:
      return null;
  }
}

/**
 * Failures before any answer, in this API's words: no answer at all (the transport's wording is about purchases),
 * or a token refusal that usually means the Partner API permission was never granted.
 */
function withDownloadFix(error: unknown): unknown {
  if (error instanceof PartnerCenterError && error.httpStatus === null) {
    return new PartnerCenterError(error.step, null, error.code, error.description, error.requestId, error.correlationId,
      'the Partner API did not answer (a sheet is a large download): try again later; nothing was changed', error.data, error.retryAfterSeconds);
  }
  if (!(error instanceof TokenRequestError) || error.resource !== 'partner-api' || !MISSING_PERMISSION_AADSTS.has(error.aadstsCode ?? '')) return error;
  return new TokenRequestError(error.resource, error.tenantId, error.mode, error.httpStatus, error.oauthError, error.aadstsCode, error.description,
    'add the Microsoft Partner API (https://api.partner.microsoft.com) delegated permission to the app registration, grant admin consent, and repeat the secure application model consent',
    { retryable: false });
}
