import { Exact } from './exact.js';
import type { Rounding } from './exact.js';
import { digitCount, pow10 } from './exact-integers.js';

/**
 * Rounding modes a rule file may name. HALF_UP rounds halves away from zero
 * (the convention of Chinese fund accounting: 0.005 → 0.01, −0.005 → −0.01).
 */
export type RoundingMode = Rounding;

const MODES: Readonly<Record<RoundingMode, true>> = { UP: true, DOWN: true, CEIL: true, FLOOR: true, HALF_UP: true, HALF_DOWN: true, HALF_EVEN: true };

/** Every rounding mode a rule file may name. */
export const ROUNDING_MODES = Object.keys(MODES) as readonly RoundingMode[];

export function isRoundingMode(x: string): x is RoundingMode {
  return Object.prototype.hasOwnProperty.call(MODES, x);
}

/** Rounds `x` to `places` decimals with `mode`; there is no negative zero. */
export function round(x: Exact, places: number, mode: RoundingMode): Exact {
  return onBoundary(x, places, mode).toDecimalPlaces(places, mode);
}

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
function onBoundary(x: Exact, places: number, mode: RoundingMode): Exact {
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

/** Round to fen (0.01 yuan), HALF_UP: PRESETS.md's r2. */
export function r2(x: Exact): Exact {
  return round(x, 2, 'HALF_UP');
}
