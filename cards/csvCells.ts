/**
 * CSV writing shared by the exports (audit trail, reassignment report): RFC 4180 quoting with CRLF line ends, and
 * no cell a spreadsheet would run as a formula (a cell starting with = + - @, a tab or a carriage return gets a
 * leading apostrophe, OWASP's advice against CSV injection).
 */

/** One cell, quoted when it must be and defused when a spreadsheet would read it as a formula. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows (the first one the header) as CSV text, CRLF between rows, no trailing line end. */
export function csvText(rows: ReadonlyArray<readonly string[]>): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n');
}
