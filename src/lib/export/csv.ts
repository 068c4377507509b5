/**
 * CSV as spreadsheets read it (RFC 4180): fields quoted when they hold a quote, comma or line
 * break, quotes doubled, lines ended by CRLF, and a byte-order mark so Excel reads UTF-8.
 */

const BYTE_ORDER_MARK = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]/;
/**
 * A cell a spreadsheet would run as a formula: "=HYPERLINK(…)" typed as a title must stay text.
 * Tab and carriage return lead there too in some programs (OWASP's CSV injection advice).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell's text: defused if it could run as a formula, then quoted if it must be. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A whole file: the header row, then one line per row. */
export function toCsv(header: readonly string[], rows: Iterable<readonly string[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${BYTE_ORDER_MARK}${lines.join('\r\n')}\r\n`;
}
