import { Exact } from './exact.js';

declare const exact: unique symbol;
/** Exact decimal text such as "342216000.00". The only money type in the public API. */
export type DecimalString = string & { readonly [exact]: true };

/** The longest decimal text accepted, in digits: keeps every product of two values exact. */
export const MAX_DIGITS = 40;

const DECIMAL_RE = /^-?\d+(?:\.\d+)?$/;

/** The exact value of a decimal text, or why it is not one. */
export type DecimalParse =
  | { readonly ok: true; readonly value: Exact; readonly percent: boolean; readonly scale: number }
  | { readonly ok: false; readonly reason: 'not_decimal' | 'too_many_digits' };

/**
 * The common case read in one pass, no regular expression or slicing: an optional minus,
 * 1–15 digits in all, an optional point with digits after it, in text[start, end). Up to 15
 * digits the coefficient is an exact JS integer. Anything else is left to the full parser
 * (undefined). A zero's value keeps no scale: the text's decimals are `end − point − 1`.
 */
export function quickDecimal(text: string, start = 0, end = text.length): Exact | undefined {
  let i = text.charCodeAt(start) === 0x2d ? start + 1 : start;
  const negative = i > start;
  let value = 0;
  let digits = 0;
  let dot = -1;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      value = value * 10 + (c - 0x30);
      digits++;
    } else if (c === 0x2e && dot < 0 && digits > 0) dot = i;
    else return undefined;
  }
  if (digits === 0 || digits > 15 || dot === end - 1) return undefined;
  return new Exact(negative && value !== 0 ? -value : value, dot < 0 ? 0 : end - dot - 1);
}

/**
 * Parses plain decimal text ("980.10", "-3", "0.02", and with `percent` also "2%") exactly.
 * Exponents, NaN, Infinity, hex, blanks and thousands separators are refused.
 */
export function parseDecimalText(text: string, options: { percent?: boolean } = {}): DecimalParse {
  let body = text;
  let percent = false;
  if (options.percent === true && body.endsWith('%')) {
    body = body.slice(0, -1);
    percent = true;
  }
  const quick = quickDecimal(body);
  const dot = body.indexOf('.');
  const scale = dot < 0 ? 0 : body.length - dot - 1;
  if (quick) return { ok: true, value: percent ? quick.shiftLeft(2) : quick, percent, scale };
  if (!DECIMAL_RE.test(body)) return { ok: false, reason: 'not_decimal' };
  if (body.length > MAX_DIGITS) {
    // Count significant digits only when the text is long (leading zeros do not count).
    const digits = body.replace(/[-.]/g, '').replace(/^0+(?=\d)/, '');
    if (digits.length > MAX_DIGITS) return { ok: false, reason: 'too_many_digits' };
  }
  // The digits are the coefficient: no second parse of the text.
  const negative = body.charCodeAt(0) === 0x2d;
  const digits = dot < 0 ? body.slice(negative ? 1 : 0) : body.slice(negative ? 1 : 0, dot) + body.slice(dot + 1);
  const value = Exact.of(negative, digits, percent ? scale + 2 : scale);
  return { ok: true, value, percent, scale };
}

/** Prints money with exactly two decimals, HALF_UP; never "-0.00". */
export function formatMoney(x: Exact): DecimalString {
  return (x.isZero() ? '0.00' : x.toFixed(2, 'HALF_UP')) as DecimalString;
}

/**
 * Significant digits a non-money number is printed with. The arithmetic carries 100 (see
 * decimal.ts): exact values (inputs of at most 40 digits, their sums and products) never come
 * near it, while a quotient that does not terminate is rounded to 100 digits and sums of such
 * quotients carry that rounding in their last digits (1/3 + 2/3 = 1.000…0001). The last ten
 * digits are guard digits and are not printed.
 */
export const PRINTED_DIGITS = 90;

/** Prints a non-money number as exact decimal text without exponent or trailing zeros. */
export function formatNumber(x: Exact): DecimalString {
  if (x.isZero()) return '0' as DecimalString;
  return x.toSignificantText(PRINTED_DIGITS) as DecimalString;
}
