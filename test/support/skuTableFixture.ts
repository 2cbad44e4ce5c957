/**
 * SKU tables in the layout of Microsoft's licensing CSV ("Product names and service plan identifiers for licensing").
 *
 * The project's own: the sandbox's hand-typed SKUs (sandbox/world/skus: real GUIDs and service plans, typed in by
 * hand) rendered as that CSV, exactly as GET /_sandbox/sku-catalog.csv serves them. Nothing here is copied from
 * Microsoft's file, which the project must not hold (not even a cut of it).
 *
 * Microsoft's whole table is read only from ../shared/data beside the project, where that folder exists; tests that
 * need it skip, printing why, where it does not.
 */
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { skuCatalogFrom, type SkuCatalog, type SkuCatalogRow } from '../../move/skuCatalog';
import { skuCatalogCsv } from '../../sandbox/api/adminSkuCatalog';
import { ALL_SKUS } from '../../sandbox/world/skus';
import { parseLicensingCsv } from '../../services/skuCatalog/licensingCsv';
import { skusMissingFromCsv } from '../../services/skuCatalog/missingSkus';

export const PROJECT_SKU_TABLE_SOURCE = 'the sandbox\'s SKUs (sandbox/world/skus)';

/** The project's SKU data as Microsoft's licensing CSV: header, one CRLF row per product and service plan. */
export function projectSkuTableCsv(): string {
  return skuCatalogCsv(ALL_SKUS);
}

export function projectSkuRows(): SkuCatalogRow[] {
  return parseLicensingCsv(projectSkuTableCsv());
}

/** The project's table as the loader builds a table (with move/data/skus-missing-from-csv.json behind it). */
export function projectSkuCatalog(): SkuCatalog {
  return skuCatalogFrom(projectSkuRows(), { source: PROJECT_SKU_TABLE_SOURCE, asOf: null, stale: false, problem: null }, skusMissingFromCsv());
}

/** Writes the project's table into `dir` and returns the file's path, for code that reads a path (SKU_CATALOG_SOURCE=<path>). */
export async function writeProjectSkuTable(dir: string): Promise<string> {
  const file = path.join(dir, 'project-sku-table.csv');
  await fs.writeFile(file, projectSkuTableCsv(), 'utf8');
  return file;
}

/** Microsoft's whole table, beside the project (never copied into it). */
export const MICROSOFT_SKU_TABLE = path.resolve(__dirname, '../../..', 'shared/data/licensing-service-plan-reference.csv');

/** In a mocha `before`: skips the suite, saying why, when Microsoft's whole table is not beside the project. */
export function skipWithoutMicrosoftSkuTable(context: Mocha.Context, indent = '    '): void {
  if (existsSync(MICROSOFT_SKU_TABLE)) return;
  console.log(`${indent}skipped: ${MICROSOFT_SKU_TABLE} is absent (Microsoft's licensing CSV; the shared reference data is not checked out beside the project)`);
  context.skip();
}

/** Microsoft's whole table as the loader builds it. Call only after skipWithoutMicrosoftSkuTable. */
export function microsoftSkuCatalog(): SkuCatalog {
  const rows = parseLicensingCsv(readFileSync(MICROSOFT_SKU_TABLE, 'utf8'));
  return skuCatalogFrom(rows, { source: MICROSOFT_SKU_TABLE, asOf: null, stale: false, problem: null }, skusMissingFromCsv());
}
