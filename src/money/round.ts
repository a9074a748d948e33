import { D, DecimalRounding, type Dec } from './decimal.js';

/**
 * Rounding modes a rule file may name. HALF_UP rounds halves away from zero
 * (the convention of Chinese fund accounting: 0.005 → 0.01, −0.005 → −0.01).
 */
export type RoundingMode = 'UP' | 'DOWN' | 'CEIL' | 'FLOOR' | 'HALF_UP' | 'HALF_DOWN' | 'HALF_EVEN';

/** Every rounding mode a rule file may name. */
export const ROUNDING_MODES = Object.keys(DecimalRounding) as readonly RoundingMode[];

export function isRoundingMode(x: string): x is RoundingMode {
  return Object.prototype.hasOwnProperty.call(DecimalRounding, x);
}

/** Rounds `x` to `places` decimals with `mode`; never returns negative zero. */
export function round(x: Dec, places: number, mode: RoundingMode): Dec {
  const r = x.toDecimalPlaces(places, DecimalRounding[mode]);
  return r.isZero() ? new D(0) : r;
}

/** Round to fen (0.01 yuan), HALF_UP: PRESETS.md's r2. */
export function r2(x: Dec): Dec {
  return round(x, 2, 'HALF_UP');
}
