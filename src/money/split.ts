import { D, ZERO, type Dec } from './decimal.js';

/** Why a split could not be made. */
export type SplitProblem = 'weights_all_zero' | 'negative_weight';

/** The parts of a split with their exact shares, or why it could not be made. */
export type SplitResult =
  | { readonly ok: true; readonly parts: readonly Dec[]; readonly exact: readonly Dec[] }
  | { readonly ok: false; readonly problem: SplitProblem; readonly index?: number };

/**
 * Splits `amount` into parts proportional to `weights`, in units of `unit` (0.01 = fen), by the
 * largest-remainder method: each part gets the floor of its exact share in units, and the units
 * left over go one each to the parts with the largest remainders, ties to the earlier part.
 * Parts always sum exactly to `amount`. A negative amount is split as its magnitude and negated,
 * so the rule is symmetric. An amount of zero splits to zeros whatever the weights.
 *
 * @example split(0.77, [10, 20, 70]) → 0.08, 0.15, 0.54
 */
export function split(amount: Dec, weights: readonly Dec[], unit: Dec = new D('0.01')): SplitResult {
  for (let i = 0; i < weights.length; i++) {
    if ((weights[i] as Dec).isNegative() && !(weights[i] as Dec).isZero()) {
      return { ok: false, problem: 'negative_weight', index: i };
    }
  }
  const total = weights.reduce((a, w) => a.plus(w), ZERO);
  if (amount.isZero()) {
    return { ok: true, parts: weights.map(() => ZERO), exact: weights.map(() => ZERO) };
  }
  if (total.isZero()) return { ok: false, problem: 'weights_all_zero' };
  const negative = amount.isNegative();
  const magnitude = amount.abs();
  // Work in whole units as exact integers: the amount must be a whole number of units.
  const units = magnitude.div(unit);
  const wholeUnits = units.floor();
  const exact: Dec[] = [];
  const floors: Dec[] = [];
  const remainders: Dec[] = [];
  let given = ZERO;
  for (const w of weights) {
    const share = units.times(w).div(total);
    const f = share.floor();
    exact.push(share);
    floors.push(f);
    remainders.push(share.minus(f));
    given = given.plus(f);
  }
  let left = wholeUnits.minus(given).toNumber();
  const order = remainders
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.comparedTo(a.r) || a.i - b.i);
  const bonus = new Array<number>(weights.length).fill(0);
  for (let k = 0; k < order.length && left > 0; k++, left--) bonus[(order[k] as { i: number }).i] = 1;
  const sign = negative ? -1 : 1;
  const parts = floors.map((f, i) => {
    const p = f.plus(bonus[i] as number).times(unit).times(sign);
    return p.isZero() ? ZERO : p;
  });
  // A fractional leftover (amount not a whole number of units) stays with the first part
  // that received anything, so the parts still sum exactly.
  const fraction = units.minus(wholeUnits);
  if (!fraction.isZero()) {
    const j = Math.max(0, weights.findIndex((w) => !w.isZero()));
    parts[j] = (parts[j] as Dec).plus(fraction.times(unit).times(sign));
  }
  return { ok: true, parts, exact: exact.map((e) => e.times(unit).times(sign)) };
}
