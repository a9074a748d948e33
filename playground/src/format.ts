/**
 * Formatting of the engine's printed figures for people. Everything here works on the text the
 * engine printed: a figure is never turned into a JS number, so nothing can be rounded twice.
 */
import { percentText } from './decimal-text.js';

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
/** The kind a printed value shows when its figure does not say: money has exactly two decimals. */
export function printedKind(printed: string): 'money' | 'number' {
  return /^-?\d+\.\d\d$/.test(printed) ? 'money' : 'number';
}

/** A printed value as people read it, its kind told from the text (see printedKind). */
export function formatPrinted(printed: string): string {
  return formatFigure(printed, printedKind(printed));
}

export function formatFigure(printed: string, kind: string): string {
  return kind === 'money' ? groupThousands(printed) : cutDecimals(printed);
}

/** Decimals shown of an unrounded number (its whole value is in the trace and the exports). */
const SHOWN_DECIMALS = 12;

/** An unrounded number's decimals cut at 12 with "…": a quotient may carry 90, which no one reads. */
export function cutDecimals(printed: string): string {
  const dot = printed.indexOf('.');
  return dot >= 0 && printed.length - dot - 1 > SHOWN_DECIMALS && /^-?\d+\.\d+$/.test(printed) ? `${printed.slice(0, dot + 1 + SHOWN_DECIMALS)}…` : printed;
}

/** Whether printed text is negative (for red figures); a string test, not a comparison. */
export function isNegativeText(printed: string): boolean {
  return printed.startsWith('-') && /[1-9]/.test(printed);
}

/**
 * Printed money with exactly two decimals where it has fewer ("980" → "980.00", "0.5" →
 * "0.50"): zeros appended to the text, never a rounding. More decimals are kept as written.
 */
export function moneyText(printed: string): string {
  const m = /^(-?\d+)(?:\.(\d*))?$/.exec(printed.trim());
  if (!m) return printed;
  const fraction = m[2] ?? '';
  return fraction.length >= 2 ? printed.trim() : `${m[1] ?? ''}.${fraction.padEnd(2, '0')}`;
}

/** A value of a declared kind as people read it: money grouped with two decimals, rates in %, counts grouped. */
export function formatKind(printed: string, kind: string): string {
  switch (kind) {
    case 'money':
      return groupThousands(moneyText(printed));
    case 'rate':
      return percentText(printed);
    case 'count':
      return groupThousands(printed);
    default:
      return printed;
  }
}
