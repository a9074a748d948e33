/**
 * Values that came out of a division that does not terminate carry 100 significant digits, the
 * last of which may lie a little to either side of the exact value. Settlement figures are ratios
 * of inputs with a few decimals: two of them are either equal or far apart (far above 10^-80 of
 * their size), and one is either on a rounding boundary or far from it. So a long value within
 * 10^-88 of its size of another, or of a boundary, is taken to be on it — what the exact value is.
 */
import { Exact } from './exact.js';
import type { Rounding } from './exact.js';
import { digitCount, pow10 } from './exact-integers.js';

/** From this many significant digits a value may be a quotient cut at the 100th. */
const LONG = 90;
/** How many of the last of its digits a cut value may be off by, after a chain of operations. */
const NOISE = 12;

/**
 * A quotient that does not terminate is kept to 100 significant digits, so a figure whose exact
 * value lies on a rounding boundary — 20,151,370.71 ÷ (4,000 ÷ 115) = 579,351.9079125 — can
 * arrive a unit of its 100th digit to either side and be rounded the wrong way (…912 for …913).
 * Settlement figures are ratios of inputs with a few decimals: their distance from a boundary is
 * either 0 or far above 10^-80 of their size. So a long value within 10^-88 of its size of a
 * boundary is taken to be on it: the tie of the HALF_ modes, the whole step of the others.
 */
export function onBoundary(x: Exact, places: number, mode: Rounding): Exact {
  const k = x.scale - places;
  // A coefficient that is a JS number has at most 16 digits: never a cut quotient.
  if (k <= 0 || typeof x.c === 'number') return x;
  const n = x.n;
  const abs = n < 0n ? -n : n;
  const digits = digitCount(abs);
  const noise = digits - (100 - NOISE);
  if (digits < LONG || noise >= k - 1) return x;
  const step = pow10(k);
  const tolerance = pow10(Math.max(0, noise));
  const whole = abs / step;
  const rest = abs % step;
  let snapped: bigint | undefined;
  if (mode.startsWith('HALF_')) {
    const half = step / 2n;
    const off = rest > half ? rest - half : half - rest;
    if (off !== 0n && off <= tolerance) snapped = whole * step + half;
  } else if (rest !== 0n && rest <= tolerance) {
    snapped = whole * step;
  } else if (rest !== 0n && step - rest <= tolerance) {
    snapped = (whole + 1n) * step;
  }
  return snapped === undefined ? x : new Exact(n < 0n ? -snapped : snapped, x.scale);
}


const NEAR = new Exact('1e88');

/** Whether a value has as many digits as a cut quotient. */
function long(x: Exact): boolean {
  if (typeof x.c === 'number') return false;
  const n = x.n;
  return digitCount(n < 0n ? -n : n) >= LONG;
}

/**
 * a compared with b, −1, 0 or 1, as comparisons in formulas and conditions make it: a long value
 * within 10^-88 of the other's size is equal to it (1,000 ÷ 3 × 3 = 1,000; a cost of exactly 0.4 ×
 * a mean reached through a third is at the bound, not a hair above it).
 */
export function compareSettled(a: Exact, b: Exact): number {
  const c = a.comparedTo(b);
  if (c === 0 || (!long(a) && !long(b))) return c;
  const size = Exact.max(a.abs(), b.abs());
  try {
    return a.minus(b).abs().times(NEAR).lte(size) ? 0 : c;
  } catch {
    // Beyond the range of exponents (a value near 10^±10000): no cut quotient to make up for.
    return c;
  }
}
