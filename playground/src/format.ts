/**
 * Formatting of the engine's printed figures for people. Everything here works on the text the
 * engine printed: a figure is never turned into a JS number, so nothing can be rounded twice.
 */

const PLAIN_DECIMAL = /^(-?)(\d+)(\.\d+)?$/;

/**
 * Inserts thousands separators into printed decimal text: "342216000.00" → "342,216,000.00".
 * Text that is not a plain decimal (a boolean, a label) comes back unchanged.
 */
export function groupThousands(printed: string): string {
  const m = PLAIN_DECIMAL.exec(printed);
  if (!m) return printed;
  const [, sign = '', whole = '', fraction = ''] = m;
  return sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + fraction;
}

/** A figure as people read it: money grouped by thousands, other kinds as printed. */
export function formatFigure(printed: string, kind: string): string {
  return kind === 'money' ? groupThousands(printed) : printed;
}

/** Whether printed text is negative (for red figures); a string test, not a comparison. */
export function isNegativeText(printed: string): boolean {
  return printed.startsWith('-') && /[1-9]/.test(printed);
}
