/**
 * The benchmark's price sheet: `rows` seeded rows in the documented column order (the sandbox's
 * `PRICE_SHEET_COLUMNS`: Learn's 18 columns, then `Segment`), every field quoted, CRLF line ends, Learn's
 * `M/D/YYYY h:mm:ss AM` dates; titles and descriptions with commas and doubled quotes, four segments, terms P1M/P1Y/P3Y
 * under every billing plan Partner Center sells, a price change within the month, and rows the parser must leave out
 * (trials, one-time purchases).
 */
import type { BillingCycle, TermDuration } from '../move/model';
import { createSeededRandom } from '../sandbox/util/ids';
import { PRICE_SHEET_COLUMNS } from '../sandbox/world/priceSheet';

/** The market the generated sheet is for. */
export const MARKET = 'US';

export interface OfferKey { productId: string; skuId: string; term: TermDuration; billing: BillingCycle }

export interface GeneratedSheet {
  text: string;
  /** Every (offer, term, billing) the sheet prices for the Commercial segment: the PriceBook's keys. */
  commercialKeys: OfferKey[];
}

const FAMILIES = [
  'Microsoft 365', 'Office 365', 'Dynamics 365 Sales', 'Dynamics 365 Customer Service', 'Dynamics 365 Business Central',
  'Power BI', 'Power Apps', 'Power Automate', 'Microsoft Teams', 'Exchange Online', 'Windows 365', 'Microsoft Defender for Endpoint',
  'Microsoft Intune', 'Microsoft Entra ID', 'Project', 'Visio', 'Microsoft Copilot Studio', 'Azure Information Protection',
];
const EDITIONS = ['E3', 'E5', 'F3', 'Business Basic', 'Business Premium', 'Plan 1', 'Plan 2', 'Enterprise', 'Professional', 'Premium', 'Pro', 'Standard'];
const QUALIFIERS = [
  '', '', '', ' (no Teams)', ', Attach to Qualifying Dynamics 365 Base Offer', ' Enterprise 2 vCPU, 4 GB, 128 GB', ' Add-on, Device',
  ' for Frontline Workers, "Extra" Storage', ' Unattended, Per Bot',
];
const SKU_TITLES = ['', ' Trial', ' (Education Faculty Pricing)', ' (Nonprofit Staff Pricing)', ' (Government Pricing)', ' Student Use Benefit', ' Device', ' 1 Year, Monthly'];
/** Descriptions are drawn word by word, so the sheet compresses like text and not like one line repeated. */
const DESCRIPTION_OPENINGS = ['Includes', 'Provides', 'Adds', 'Gives users', 'Best-in-class', 'Per-user licence with', 'Capacity add-on for', 'Helps organizations with'];
const DESCRIPTION_WORDS = (
  'email calendar mailbox archiving storage OneDrive SharePoint Teams meetings webinars calling voice phone audio conferencing '
  + 'devices endpoints Windows macOS iOS Android apps desktop web mobile security compliance identity access conditional policies '
  + 'threat protection detection response analytics reports dashboards insights AI Copilot automation flows bots connectors data '
  + 'Dataverse capacity database file log retention eDiscovery legal hold encryption labels sensitivity governance lifecycle '
  + 'management Intune provisioning updates patching backup recovery collaboration chat channels whiteboard forms lists planner '
  + 'projects tasks resources scheduling sales service customers leads marketing finance supply chain commerce field operations '
  + 'frontline workers students faculty nonprofit government agencies tenant users organization enterprise business small medium '
  + 'premium advanced standard basic unlimited 1 TB 50 GB 100 GB 300 users 25 seats per month annual'
).split(' ');
/** Term and billing plans as the sheet writes them; the last two are rows the parser leaves out. */
const TERMS: ReadonlyArray<{ term: string; plan: string; months: number; kept: boolean; weight: number; tags?: string }> = [
  { term: 'P1M', plan: 'Monthly', months: 1, kept: true, weight: 1 },
  { term: 'P1Y', plan: 'Monthly', months: 12, kept: true, weight: 1 },
  { term: 'P1Y', plan: 'Annual', months: 12, kept: true, weight: 1 },
  { term: 'P3Y', plan: 'Monthly', months: 36, kept: true, weight: 0.4 },
  { term: 'P3Y', plan: 'Annual', months: 36, kept: true, weight: 0.4 },
  { term: 'P3Y', plan: 'Triennial', months: 36, kept: true, weight: 0.4 },
  { term: 'P1M', plan: 'None', months: 1, kept: false, weight: 0.1, tags: 'Trial' },
  { term: 'P1Y', plan: 'OneTime', months: 12, kept: false, weight: 0.05 },
];
const SEGMENTS: ReadonlyArray<{ name: string; share: number; factor: number }> = [
  { name: 'Commercial', share: 1, factor: 1 },
  { name: 'Education', share: 0.4, factor: 0.5 },
  { name: 'Charity', share: 0.3, factor: 0.75 },
  { name: 'Government', share: 0.1, factor: 1.1 },
];
const START = '12/1/2026 12:00:00 AM';
const CHANGE = '12/15/2026 12:00:00 AM';
const BEFORE_CHANGE = '12/14/2026 11:59:59 PM';
const FOREVER = '11/30/9999 11:59:59 PM';

/** Exactly `rows` data rows, seeded (the same sheet every run). */
export function generateSheet(rows: number): GeneratedSheet {
  const random = createSeededRandom('bench-pricesheet', String(rows));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const lines: string[] = [PRICE_SHEET_COLUMNS.map(quote).join(',')];
  const commercialKeys: OfferKey[] = [];
  for (let product = 0; lines.length <= rows; product += 1) {
    const productId = `CFQ7TTC0${product.toString(36).toUpperCase().padStart(4, '0')}`;
    const productTitle = `${pick(FAMILIES)} ${pick(EDITIONS)}${pick(QUALIFIERS)}`;
    const skus = 1 + Math.floor(random() * 4);
    for (let sku = 1; sku <= skus && lines.length <= rows; sku += 1) {
      const skuId = String(sku).padStart(4, '0');
      const skuTitle = `${productTitle}${pick(SKU_TITLES)}`;
      const description = describe(random);
      const listMonthlyCents = 100 + Math.floor(random() * 5_000);
      const terms = TERMS.filter((t) => random() < t.weight);
      for (const segment of SEGMENTS) {
        if (random() >= segment.share) continue;
        for (const t of terms) {
          if (lines.length > rows) break;
          const premium = t.months === 1 ? 1.2 : t.plan === 'Monthly' ? 1.05 : 1;
          const erpCents = Math.round(listMonthlyCents * segment.factor * t.months * premium);
          const changes = t.kept && random() < 0.05;
          const periods = changes ? [[START, BEFORE_CHANGE, erpCents], [CHANGE, FOREVER, Math.round(erpCents * 1.1)]] as const : [[START, FOREVER, erpCents]] as const;
          for (const [from, to, erp] of periods) {
            if (lines.length > rows) break;
            const unit = t.tags === 'Trial' ? 0 : Math.round(erp * 0.8);
            lines.push([
              productTitle, productId, skuId, skuTitle, 'Microsoft Corporation', description, '1', t.term, t.plan, MARKET, 'USD',
              decimal(unit), '', '', from, to, t.tags ?? 'License', decimal(t.tags === 'Trial' ? 0 : erp), segment.name,
            ].map(quote).join(','));
            if (segment.name === 'Commercial' && t.kept && from === START) {
              commercialKeys.push({ productId, skuId, term: t.term as TermDuration, billing: t.plan.toLowerCase() as BillingCycle });
            }
          }
        }
      }
    }
  }
  return { text: `${lines.join('\r\n')}\r\n`, commercialKeys };
}

/** 12 to 30 words with commas, a semicolon and now and then a quoted name: 100 to 250 characters, as a real SkuDescription. */
function describe(random: () => number): string {
  const words = [DESCRIPTION_OPENINGS[Math.floor(random() * DESCRIPTION_OPENINGS.length)] as string];
  const count = 12 + Math.floor(random() * 19);
  for (let i = 0; i < count; i += 1) {
    const word = DESCRIPTION_WORDS[Math.floor(random() * DESCRIPTION_WORDS.length)] as string;
    const roll = random();
    words.push(roll < 0.03 ? `"${word}"` : roll < 0.15 ? `${word},` : roll < 0.18 ? `${word};` : word);
  }
  return `${words.join(' ').replace(/[,;]$/, '')}.`;
}

function decimal(cents: number): string {
  return (cents / 100).toFixed(2).replace(/\.?0+$/, '');
}

function quote(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}
