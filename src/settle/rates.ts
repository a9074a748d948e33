/**
 * Rates as officials write them — 0.02 or 2% — and the bounds that keep a slip from moving
 * money: 0–100% unless the rule file declares others.
 */
import type { ParamsOf } from '../issues/issue.js';
import { formatNumber, parseDecimalText } from '../money/decimal-string.js';
import { Exact, ZERO } from '../money/exact.js';

/** What bounds a value: its kind and the declared min and max, if any. */
interface Bounded {
  readonly kind: string;
  readonly min: Exact | undefined;
  readonly max: Exact | undefined;
}

/**
 * A rate is 0–100% unless its declaration says otherwise: a clerk who types 2 for 2% asks for
 * 200%, which once made a reserve larger than the gross with every check green.
 */
export const RATE_MIN: Exact = ZERO;
export const RATE_MAX: Exact = new Exact(1);

/** The bounds a value of this declaration must keep: the declared ones, or a rate's 0–100%. */
export function boundsOf(decl: Bounded): { readonly min: Exact | undefined; readonly max: Exact | undefined } {
  if (decl.kind !== 'rate') return decl;
  return { min: decl.min ?? RATE_MIN, max: decl.max ?? RATE_MAX };
}

/** A rate as people say it: 2 → "200%", 0.025 → "2.5%". */
export function asPercent(v: Exact): string {
  return `${formatNumber(v.times(100))}%`;
}

/** What a rate_out_of_range issue says: the text, what it means as a percent, and the bounds. */
export function rateRangeParams(decl: Bounded, text: string): ParamsOf<'rate_out_of_range'> {
  const parsed = parseDecimalText(text.trim(), { percent: true });
  const { min, max } = boundsOf(decl);
  return {
    received: text.length > 40 ? `${text.slice(0, 40)}…` : text,
    percent: parsed.ok ? asPercent(parsed.value) : text,
    min: min ? asPercent(min) : '',
    max: max ? asPercent(max) : '',
  };
}
