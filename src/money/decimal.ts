/**
 * The only module that imports decimal.js. A private clone keeps the host application's
 * Decimal settings untouched, and its precision is far above what any settlement needs:
 * inputs are capped at 40 significant digits, so sums and products of them stay exact.
 */
import DecimalModule from 'decimal.js';

// decimal.mjs default-exports the class; TypeScript reads the package's CommonJS typings, where
// the class is the module's `default` member. This cast states what the runtime gives.
const Decimal = DecimalModule as unknown as typeof DecimalModule.default;

export const D = Decimal.clone({
  precision: 100,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
  modulo: Decimal.ROUND_DOWN,
});

/** An exact decimal number inside the engine (an instance of decimal.js's Decimal). */
export type Dec = InstanceType<typeof DecimalModule.default>;


export const ZERO: Dec = new D(0);
export const ONE: Dec = new D(1);
export const HUNDRED: Dec = new D(100);

export const DecimalRounding = {
  UP: Decimal.ROUND_UP,
  DOWN: Decimal.ROUND_DOWN,
  CEIL: Decimal.ROUND_CEIL,
  FLOOR: Decimal.ROUND_FLOOR,
  HALF_UP: Decimal.ROUND_HALF_UP,
  HALF_DOWN: Decimal.ROUND_HALF_DOWN,
  HALF_EVEN: Decimal.ROUND_HALF_EVEN,
} as const;

export function isDec(x: unknown): x is Dec {
  return x instanceof D;
}
