import { Exact, ZERO } from './exact.js';
import { pow10, quotient } from './exact.js';

/** Why a split could not be made. */
export type SplitProblem = 'weights_all_zero' | 'negative_weight';

/** The parts of a split with their exact shares, or why it could not be made. */
export type SplitResult =
  | { readonly ok: true; readonly parts: readonly Exact[]; readonly exact: readonly Exact[] }
  | { readonly ok: false; readonly problem: SplitProblem; readonly index?: number };


/** Integers up to 2^52: a product or sum of two stays below 2^53, exact in floating point. */
const SMALL = 2 ** 52;

/** ⌊p ÷ d⌋ and its remainder for integers 0 ≤ p, 0 < d ≤ 2^52, exactly (a float quotient can be one off). */
function floorDiv(p: number, d: number): [number, number] {
  let f = Math.floor(p / d);
  let r = p - f * d;
  if (r < 0) {
    f--;
    r += d;
  } else if (r >= d) {
    f++;
    r -= d;
  }
  return [f, r];
}

/**
 * The split of the amount in JS integers, when every figure stays below 2^52 (fen amounts up to
 * tens of billions of yuan with ordinary weights): the same floors, remainders and order as the
 * BigInt split below, without a BigInt. Undefined when a figure is larger. Exact shares are not
 * made here: a trace asks for them, and the BigInt split gives them.
 */
function smallSplit(amount: Exact, weights: readonly Exact[], weightScale: number, unit: Exact): SplitResult | undefined {
  const places = unit.decimalPlaces();
  const magnitude = amount.abs();
  const amountPlaces = Math.max(places, magnitude.decimalPlaces());
  const unitScaled = unit.toScaledNumber(places, SMALL);
  const amountScaled = magnitude.toScaledNumber(amountPlaces, SMALL);
  const shift = amountPlaces - places <= 15 ? 10 ** (amountPlaces - places) : Infinity;
  if (unitScaled === undefined || amountScaled === undefined || unitScaled * shift > SMALL) return undefined;
  const [units, fraction] = floorDiv(amountScaled, unitScaled * shift);
  const ws: number[] = [];
  let total = 0;
  let most = 0;
  for (const w of weights) {
    const v = w.toScaledNumber(weightScale, SMALL);
    if (v === undefined) return undefined;
    ws.push(v);
    total += v;
    if (v > most) most = v;
  }
  if (total === 0 || total > SMALL || units * most > SMALL) return total === 0 ? { ok: false, problem: 'weights_all_zero' } : undefined;
  const floors: number[] = [];
  const rems: number[] = [];
  let given = 0;
  for (const w of ws) {
    const [f, r] = floorDiv(units * w, total);
    floors.push(f);
    rems.push(r);
    given += f;
  }
  let left = units - given;
  const order = rems.map((_, i) => i).sort((a, b) => (rems[b] as number) - (rems[a] as number) || a - b);
  for (let k = 0; k < order.length && left > 0; k++, left--) {
    const i = order[k] as number;
    floors[i] = (floors[i] as number) + 1;
  }
  const sign = amount.isNegative() ? -1 : 1;
  const parts = floors.map((f) => (f === 0 ? ZERO : new Exact(sign * f * unitScaled, places)));
  if (fraction !== 0) {
    const j = Math.max(0, ws.findIndex((w) => w !== 0));
    parts[j] = (parts[j] as Exact).plus(new Exact(sign * fraction, amountPlaces));
  }
  return { ok: true, parts, exact: [] };
}

/**
 * Splits `amount` into parts proportional to `weights`, in units of `unit` (0.01 = fen), by the
 * largest-remainder method: each part gets the floor of its exact share in units, and the units
 * left over go one each to the parts with the largest remainders, ties to the earlier part.
 * Parts always sum exactly to `amount`. A negative amount is split as its magnitude and negated,
 * so the rule is symmetric. An amount of zero splits to zeros whatever the weights.
 *
 * The arithmetic is in integers (BigInt): shares and remainders are compared exactly, with no
 * division rounded to a precision.
 *
 * `options.exact: false` leaves out the exact shares (faster when no trace needs them).
 *
 * @example split(0.77, [10, 20, 70]) → 0.08, 0.15, 0.54
 */
export function split(amount: Exact, weights: readonly Exact[], unit: Exact = new Exact('0.01'), options: { readonly exact?: boolean } = {}): SplitResult {
  let weightScale = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] as Exact;
    if (w.isNegative() && !w.isZero()) return { ok: false, problem: 'negative_weight', index: i };
    weightScale = Math.max(weightScale, w.decimalPlaces());
  }
  if (amount.isZero()) return { ok: true, parts: weights.map(() => ZERO), exact: weights.map(() => ZERO) };
  if (options.exact === false) {
    const r = smallSplit(amount, weights, weightScale, unit);
    if (r) return r;
  }
  const ws = weights.map((w) => w.toScaledBigInt(weightScale));
  let total = 0n;
  for (const w of ws) total += w;
  if (total === 0n) return { ok: false, problem: 'weights_all_zero' };
  const negative = amount.isNegative();
  const places = unit.decimalPlaces();
  const unitScaled = unit.toScaledBigInt(places);
  const magnitude = amount.abs();
  // Whole units in the amount, exactly: amount × 10^places ÷ (unit × 10^places), floored.
  const amountPlaces = Math.max(places, magnitude.decimalPlaces());
  const amountScaled = magnitude.toScaledBigInt(amountPlaces);
  const shift = pow10(amountPlaces - places);
  const units = amountScaled / (unitScaled * shift);
  const fractionScaled = amountScaled - units * unitScaled * shift;
  const floors: bigint[] = [];
  const rems: bigint[] = [];
  let given = 0n;
  for (const w of ws) {
    const p = units * w;
    const f = p / total;
    floors.push(f);
    rems.push(p - f * total);
    given += f;
  }
  let left = units - given; // < number of parts
  const order = rems.map((_, i) => i).sort((a, b) => {
    const ra = rems[a] as bigint;
    const rb = rems[b] as bigint;
    return ra === rb ? a - b : ra > rb ? -1 : 1;
  });
  for (let k = 0; k < order.length && left > 0n; k++, left--) {
    const i = order[k] as number;
    floors[i] = (floors[i] as bigint) + 1n;
  }
  const sign = negative ? -1n : 1n;
  const parts = floors.map((f) => (f === 0n ? ZERO : new Exact(sign * f * unitScaled, places)));
  // A fraction of a unit in the amount (an unrounded amount) stays with the first part that
  // has weight, so the parts still sum exactly.
  if (fractionScaled !== 0n) {
    const j = Math.max(0, ws.findIndex((w) => w !== 0n));
    parts[j] = (parts[j] as Exact).plus(new Exact(sign * fractionScaled, amountPlaces));
  }
  // Exact shares (amount × w / Σw) explain the parts in a trace; skipped when nobody reads them.
  // amount × w ÷ Σw = (amount × 10^amountPlaces × w) ÷ Σw × 10^-amountPlaces; the weights' scale cancels.
  const signed = negative ? -amountScaled : amountScaled;
  // A share with no remainder is its floor exactly: no long division needed.
  const exact = options.exact === false ? [] : ws.map((w, i) => (rems[i] === 0n && fractionScaled === 0n ? new Exact(sign * (units * w / total) * unitScaled, places) : quotient(signed * w, total, amountPlaces)));
  return { ok: true, parts, exact };
}

