/**
 * The Partner API's price sheet (host api.partner.microsoft.com, served here under the sandbox root):
 * `GET /v1.0/sales/pricesheets(Market='{market}',PricesheetView='{view}')/$value?timeline=&month=`
 * (Learn "Get a price sheet"). Only the `updatedlicensebased` view is served, built from the sandbox catalog
 * (world/priceSheet.ts). Rules as documented: App+User only, the user an Admin agent or Sales agent; `timeline`
 * history|current (default)|future; `month=YYYYMM` only with history; `Accept-Encoding: deflate` gives a zip of
 * the CSV, which exists only from April 2020 on (older history comes as plain CSV). Faults, throttling and the
 * request log apply as to every Partner Center route (the pipeline does that).
 *
 * The sandbox's choices (UNCONFIRMED): app-only tokens and users outside those roles get 403 (Learn only says
 * partners "that experience http error:400" should check their authentication); bad parameters get 400 in
 * Partner Center's error shape; a month after next gets 400.
 */
import { zipSync, strToU8 } from 'fflate';
import { partnerCenterError } from '../../http/errors';
import type { Router } from '../../http/router';
import type { SandboxRequest, SandboxResponse } from '../../http/types';
import { currencyOfMarket, priceSheetCsv } from '../../world/priceSheet';
import type { SandboxWorld } from '../../world/world';
import { requirePartnerApiToken } from '../tokens';
import { requireAppPlusUser } from './route';

const KEY = /^pricesheets\(\s*Market\s*=\s*'([^']*)'\s*,\s*PricesheetView\s*=\s*'([^']*)'\s*\)$/i;
const DOCUMENTED_VIEWS = ['azure_consumption', 'azure_reservations', 'updatedlicensebased', 'licensebasedeos', 'marketplace', 'software'];
const SERVED_VIEW = 'updatedlicensebased';
/** "Compressed sheets are only available from April 2020 onward." */
const FIRST_COMPRESSED_MONTH = '2020-04';
const PRICE_SHEET_ROLES = ['AdminAgents', 'SalesAgents'];

export function registerPriceSheetRoutes(router: Router, world: SandboxWorld): void {
  router.add('partnerCenter', 'GET', '/v1.0/sales/:sheet/$value', (request) => priceSheet(world, request));
}

function priceSheet(world: SandboxWorld, request: SandboxRequest): SandboxResponse {
  const match = KEY.exec(request.params.sheet ?? '');
  if (!match) throw partnerCenterError(404, 404, `No such resource: ${request.path.slice(0, 300)}`);
  const token = requirePartnerApiToken(world, request);
  requireAppPlusUser(token, 'Getting a price sheet');
  requirePricingRole(world, token.oid);

  const market = (match[1] as string).toUpperCase();
  const view = (match[2] as string).toLowerCase();
  if (!/^[A-Z]{2}$/.test(market) || !currencyOfMarket(market)) throw partnerCenterError(400, 400, `The market '${market.slice(0, 20)}' is not a supported two-letter country code.`);
  if (!DOCUMENTED_VIEWS.includes(view)) throw partnerCenterError(400, 400, `The PricesheetView '${view.slice(0, 40)}' is not valid; use one of ${DOCUMENTED_VIEWS.join(', ')}.`);
  if (view !== SERVED_VIEW) throw partnerCenterError(400, 400, `The sandbox serves only the ${SERVED_VIEW} view.`);

  const month = requestedMonth(world, request);
  const csv = priceSheetCsv(world.catalog, market, month);
  const zipped = acceptsDeflate(request.header('accept-encoding')) && month >= FIRST_COMPRESSED_MONTH;
  const headers = { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'private' };
  if (!zipped) return { status: 200, text: csv, headers: { ...headers, 'Content-Disposition': 'attachment; filename=sheets.csv' } };
  const bytes = zipSync({ 'sheets.csv': strToU8(csv) });
  return { status: 200, bytes, headers: { ...headers, 'Content-Disposition': 'attachment; filename=sheets.zip' } };
}

/** `timeline` and `month` → the sheet's month (`YYYY-MM`) on the sandbox clock. */
function requestedMonth(world: SandboxWorld, request: SandboxRequest): string {
  const timeline = (request.query.get('timeline') ?? 'current').toLowerCase();
  const month = request.query.get('month');
  const now = world.clock.now();
  const current = monthText(now.getUTCFullYear(), now.getUTCMonth() + 1);
  if (timeline === 'current' || timeline === 'future') {
    if (month !== null) throw partnerCenterError(400, 400, 'The month parameter is only allowed with timeline=history.');
    if (timeline === 'current') return current;
    const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    return monthText(next.getUTCFullYear(), next.getUTCMonth() + 1);
  }
  if (timeline !== 'history') throw partnerCenterError(400, 400, `The timeline '${timeline.slice(0, 20)}' is not valid; use history, current or future.`);
  const parts = /^(\d{4})(0[1-9]|1[0-2])$/.exec(month ?? '');
  if (!parts) throw partnerCenterError(400, 400, 'timeline=history needs month=YYYYMM.');
  const wanted = monthText(Number(parts[1]), Number(parts[2]));
  if (wanted > current) throw partnerCenterError(400, 400, `The month ${month} is not in the past; use timeline=current or future.`);
  return wanted;
}

/** Learn: "partners must be in one of the following roles: Admin Agent or Sales Agent" (the agent groups here). */
function requirePricingRole(world: SandboxWorld, userId: string): void {
  const partner = world.state.partner.tenant;
  const user = partner.users.find((u) => u.id.toLowerCase() === userId.toLowerCase());
  const roleGroupIds = partner.groups.filter((g) => PRICE_SHEET_ROLES.includes(g.displayName)).map((g) => g.id);
  if (!user || !user.memberOf.some((id) => roleGroupIds.includes(id))) {
    throw partnerCenterError(403, 403, 'The user is not authorized to get price sheets: the Admin agent or Sales agent role is required.');
  }
}

/** True when `Accept-Encoding` lists `deflate` (or `*`) with a non-zero q. */
function acceptsDeflate(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';').map((p) => p.trim());
    if (coding !== 'deflate' && coding !== '*') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

function monthText(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}
