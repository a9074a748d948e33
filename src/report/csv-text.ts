/**
 * CSV for spreadsheets, safe to open: what the command line's `--format csv` and the
 * playground's exports write.
 */

/** A plain decimal number (`-1234.56`): data a spreadsheet must read as a number, left as it is. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * One CSV field, following the OWASP CSV-injection rule: a cell that starts with = + - @, a tab
 * or a carriage return — which a spreadsheet would run as a formula, e.g. `-2+3+cmd|' /C calc'!A0`
 * — gets a leading ' so it is read as text, unless it is a plain decimal number. A field with
 * a separator (comma or semicolon, as some locales use), a quote, a tab or a line break is
 * quoted, its quotes doubled.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",;\t\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV with CRLF line ends. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
