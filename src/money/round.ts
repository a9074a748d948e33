import type { Exact } from './exact.js';
import type { Rounding } from './exact.js';
import { onBoundary } from './cut-quotients.js';

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

/** Round to fen (0.01 yuan), HALF_UP: PRESETS.md's r2. */
export function r2(x: Exact): Exact {
  return round(x, 2, 'HALF_UP');
}
