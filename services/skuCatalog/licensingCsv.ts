/**
 * Parser for Microsoft's "Product names and service plan identifiers for licensing" CSV
 * (learn.microsoft.com/entra/identity/users/licensing-service-plan-reference): one row per
 * (product, service plan). RFC 4180: quoted fields may hold commas, line breaks and doubled quotes;
 * line ends may be CRLF, LF or CR; a UTF-8 BOM and blank lines are ignored. Pure.
 */
import type { SkuCatalogRow } from '../../move/skuCatalog';

/** The table's header, in Microsoft's order. Columns are found by name, so extra or reordered columns are fine. */
export const LICENSING_CSV_COLUMNS = [
  'Product_Display_Name',
  'String_Id',
  'GUID',
  'Service_Plan_Name',
  'Service_Plan_Id',
  'Service_Plans_Included_Friendly_Names',
] as const;

type Column = (typeof LICENSING_CSV_COLUMNS)[number];

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TABLE_NAME = 'Microsoft\'s licensing table ("Product names and service plan identifiers for licensing")';

export class LicensingCsvError extends Error {
  /** 1-based line of the text where the problem is; undefined when it is about the whole text. */
  readonly line: number | undefined;

  constructor(message: string, line?: number) {
    super(message);
    this.name = 'LicensingCsvError';
    this.line = line;
  }
}

interface CsvRecord {
  /** Line on which the record starts (a quoted field may span lines). */
  line: number;
  fields: string[];
}

/**
 * Reads the table's rows. Throws LicensingCsvError naming the missing column(s), or the line of a
 * malformed row, when the text is not that table (e.g. an HTML error page served with status 200).
 */
export function parseLicensingCsv(text: string): SkuCatalogRow[] {
  const records = csvRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  // Stepped by hand: a `break` out of for…of would close the generator before the rows are read.
  let header: CsvRecord | undefined;
  for (let next = records.next(); !next.done; next = records.next()) {
    if (!isBlank(next.value)) {
      header = next.value;
      break;
    }
  }
  if (!header) throw new LicensingCsvError(`The text is empty: it is not ${TABLE_NAME}.`);
  const index = columnIndex(header);
  // Empty header cells at the end (a spreadsheet's extra commas) are not columns.
  let width = header.fields.length;
  while (width > 0 && header.fields[width - 1].trim() === '') width -= 1;

  const rows: SkuCatalogRow[] = [];
  for (const record of records) {
    if (isBlank(record)) continue;
    rows.push(rowOf(record, index, width));
  }
  if (rows.length === 0) throw new LicensingCsvError(`${TABLE_NAME} has a header but no rows.`);
  return rows;
}

function columnIndex(header: CsvRecord): Record<Column, number> {
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const missing = LICENSING_CSV_COLUMNS.filter((column) => !names.includes(column.toLowerCase()));
  if (missing.length > 0) {
    const found = header.fields.slice(0, 8).map((name) => clip(name.trim(), 40)).join(', ') + (header.fields.length > 8 ? ', …' : '');
    throw new LicensingCsvError(
      `This is not ${TABLE_NAME}: its header (line ${header.line}) lacks the column${missing.length > 1 ? 's' : ''} ` +
        `${missing.join(', ')}. Found: ${found || '(nothing)'}.`,
      header.line,
    );
  }
  return Object.fromEntries(LICENSING_CSV_COLUMNS.map((column) => [column, names.indexOf(column.toLowerCase())])) as Record<Column, number>;
}

function rowOf(record: CsvRecord, index: Record<Column, number>, width: number): SkuCatalogRow {
  const { fields, line } = record;
  // Trailing empty fields (a spreadsheet's extra commas) are tolerated; anything else must line up with the header.
  const extraIsBlank = fields.slice(width).every((field) => field.trim() === '');
  if (fields.length < width || !extraIsBlank) {
    throw new LicensingCsvError(
      `Line ${line} of ${TABLE_NAME} has ${fields.length} fields where the header has ${width} (an unquoted comma or a missing field?).`,
      line,
    );
  }
  // String.prototype.trim also removes the non-breaking spaces some of Microsoft's cells end with.
  const cell = (column: Column) => fields[index[column]].trim();
  for (const column of ['GUID', 'Service_Plan_Id'] as const) {
    const value = cell(column);
    if (!GUID_PATTERN.test(value)) {
      throw new LicensingCsvError(`Line ${line} of ${TABLE_NAME}: ${column} "${clip(value, 60)}" is not a GUID.`, line);
    }
  }
  return {
    productDisplayName: cell('Product_Display_Name'),
    stringId: cell('String_Id'),
    guid: cell('GUID').toLowerCase(),
    servicePlanName: cell('Service_Plan_Name'),
    servicePlanId: cell('Service_Plan_Id').toLowerCase(),
    servicePlanFriendlyName: cell('Service_Plans_Included_Friendly_Names'),
  };
}

function isBlank(record: CsvRecord): boolean {
  return record.fields.every((field) => field.trim() === '');
}

function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/**
 * RFC 4180 records, lazily. A quote inside an unquoted field is kept as text (lenient, like most
 * readers); an unclosed quoted field or text after a closing quote is an error with its line.
 */
function* csvRecords(text: string): Generator<CsvRecord> {
  const length = text.length;
  let i = 0;
  let line = 1;
  const isLineEnd = (at: number) => text[at] === '\n' || text[at] === '\r';
  while (i < length) {
    const startLine = line;
    const fields: string[] = [];
    for (;;) {
      if (text[i] === '"') {
        const fieldLine = line;
        let value = '';
        let chunkStart = i + 1;
        i += 1;
        for (;;) {
          if (i >= length) throw new LicensingCsvError(`Line ${fieldLine}: a quoted field is never closed.`, fieldLine);
          const ch = text[i];
          if (ch === '"') {
            value += text.slice(chunkStart, i);
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              chunkStart = i;
              continue;
            }
            i += 1;
            break;
          }
          if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line += 1;
          i += 1;
        }
        if (i < length && text[i] !== ',' && !isLineEnd(i)) {
          throw new LicensingCsvError(`Line ${line}: unexpected text after the closing quote of a field.`, line);
        }
        fields.push(value);
      } else {
        const start = i;
        while (i < length && text[i] !== ',' && !isLineEnd(i)) i += 1;
        fields.push(text.slice(start, i));
      }
      if (text[i] === ',') {
        i += 1;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i += 1;
    if (text[i] === '\n') i += 1;
    line += 1;
    yield { line: startLine, fields };
  }
}
