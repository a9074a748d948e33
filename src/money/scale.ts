import { parseDecimalText, type DecimalString } from './decimal-string.js';
import { round, type RoundingMode } from './round.js';

/**
 * An amount of money times a factor, rounded to the fen with a stated mode: the exact product
 * is computed first, then rounded once. Text in, text out: nothing passes through a float.
 *
 * @param amount Decimal text of the amount ("342216000.00").
 * @param factor Decimal text of the factor, a percentage allowed ("1.05", "105%").
 * @param mode How the product is rounded to the fen (default HALF_UP: halves away from zero).
 * @returns The product with exactly two decimals, or undefined when either text is not a plain decimal.
 * @example scaleMoney('342216000.00', '105%') // '359326800.00'
 * @example scaleMoney('0.05', '50%', 'HALF_EVEN') // '0.02' (0.025 to the even fen)
 */
export function scaleMoney(amount: string, factor: string, mode: RoundingMode = 'HALF_UP'): DecimalString | undefined {
  const a = parseDecimalText(amount);
  const f = parseDecimalText(factor, { percent: true });
  if (!a.ok || !f.ok) return undefined;
  return round(a.value.times(f.value), 2, mode).toFixed(2, mode) as DecimalString;
}
