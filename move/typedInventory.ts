/**
 * An inventory typed in by staff when the bot cannot read the customer's tenant: one licence per line,
 *
 *   <SKU part number or Graph skuId>, <licences>, <assigned>[, <ends YYYY-MM-DD>][, <term>][, <billing>]
 *
 * e.g. `SPE_E3, 50, 46, 2027-02-18, P1Y, annual`. Checked against Microsoft's SKU table; every problem is
 * reported with its line number and nothing is recorded until all lines are right. Pure.
 */
import type { BillingCycle, Inventory, InventoryLine, SourceTerm, TermDuration } from './model';
import type { SkuCatalog, SkuInfo } from './skuCatalog';

export const TYPED_INVENTORY_EXAMPLE = 'SPE_E3, 50, 46, 2027-02-18, P1Y, annual';
const MAX_LINES = 50;
const MAX_LICENCES = 1_000_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TERMS: readonly TermDuration[] = ['P1M', 'P1Y', 'P3Y'];
const BILLINGS: readonly BillingCycle[] = ['monthly', 'annual', 'triennial'];

export interface TypedInventoryResult {
  inventory: Inventory | null;
  problems: string[];
}

export function parseTypedInventory(text: string, skus: SkuCatalog, takenAt: string): TypedInventoryResult {
  const rows = text.split(/\r?\n/).map((l, i) => ({ n: i + 1, text: l.trim() })).filter((r) => r.text && !r.text.startsWith('#'));
  const problems: string[] = [];
  if (rows.length === 0) return { inventory: null, problems: [`Type one licence per line, like: ${TYPED_INVENTORY_EXAMPLE}`] };
  if (rows.length > MAX_LINES) return { inventory: null, problems: [`At most ${MAX_LINES} lines; you typed ${rows.length}.`] };
  const lines: InventoryLine[] = [];
  for (const row of rows) {
    const parsed = parseRow(row.text, skus);
    if (typeof parsed === 'string') { problems.push(`Line ${row.n} ("${clip(row.text)}"): ${parsed}`); continue; }
    if (lines.some((l) => l.skuId === parsed.skuId)) { problems.push(`Line ${row.n}: ${parsed.skuPartNumber} is listed twice; add the licences up on one line.`); continue; }
    lines.push(parsed);
  }
  return problems.length > 0 ? { inventory: null, problems } : { inventory: { lines, takenAt }, problems: [] };
}

function parseRow(text: string, skus: SkuCatalog): InventoryLine | string {
  const cells = text.split(',').map((c) => c.trim());
  if (cells.length < 3 || cells.length > 6) return `expected 3 to 6 comma-separated values, like: ${TYPED_INVENTORY_EXAMPLE}`;
  const [name, totalText, assignedText, ...rest] = cells;
  const sku = findSku(name, skus);
  if (typeof sku === 'string') return sku;
  const total = count(totalText);
  if (total === null) return `licences "${totalText}" must be a whole number from 0 to ${MAX_LICENCES}.`;
  const assigned = count(assignedText);
  if (assigned === null) return `assigned "${assignedText}" must be a whole number from 0 to ${MAX_LICENCES}.`;
  let ends: string | null = null;
  let termDuration: TermDuration | null = null;
  let billingCycle: BillingCycle | null = null;
  for (const cell of rest) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(cell)) {
      const date = new Date(`${cell}T00:00:00Z`);
      if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== cell) return `"${cell}" is not a real date (YYYY-MM-DD).`;
      ends = date.toISOString();
    } else if (TERMS.includes(cell.toUpperCase() as TermDuration)) {
      termDuration = cell.toUpperCase() as TermDuration;
    } else if (BILLINGS.includes(cell.toLowerCase() as BillingCycle)) {
      billingCycle = cell.toLowerCase() as BillingCycle;
    } else {
      return `"${cell}" is neither an end date (YYYY-MM-DD), a term (${TERMS.join(', ')}) nor a billing cycle (${BILLINGS.join(', ')}).`;
    }
  }
  if ((termDuration === null) !== (billingCycle === null)) return 'give both the term and the billing cycle (like P1Y, annual), or neither (then they are "unknown").';
  const term: SourceTerm | null = termDuration && billingCycle ? { termDuration, billingCycle } : null;
  return {
    skuId: sku.skuId, skuPartNumber: sku.skuPartNumber, capabilityStatus: 'Enabled', appliesTo: 'User',
    totalUnits: total, consumedUnits: assigned,
    servicePlans: sku.servicePlans.map((p) => ({ id: p.id, name: p.name })),
    subscriptions: [{
      id: `typed-${sku.skuId}`, skuId: sku.skuId, skuPartNumber: sku.skuPartNumber, status: 'Enabled', totalLicenses: total,
      isTrial: false, createdDateTime: null, nextLifecycleDateTime: ends, ownerTenantId: null, term,
    }],
    usage: null,
  };
}

function findSku(name: string, skus: SkuCatalog): SkuInfo | string {
  if (!name) return 'the licence name is empty.';
  const byId = GUID.test(name) ? skus.bySkuId(name) : undefined;
  if (byId) return byId;
  const byPart = skus.byPartNumber(name);
  if (byPart) return byPart;
  if (GUID.test(name)) return { skuId: name.toLowerCase(), skuPartNumber: name.toLowerCase(), displayName: name, servicePlans: [] };
  if (skus.problem) return `"${name}" cannot be checked: ${skus.problem} Type the Graph skuId (a GUID) instead.`;
  return `"${name}" is not a licence in Microsoft's SKU table. Use its String ID (like SPE_E3) or its GUID from the Microsoft 365 admin center.`;
}

function count(text: string): number | null {
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n <= MAX_LICENCES ? n : null;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
