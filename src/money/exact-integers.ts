/**
 * The integer side of exact decimals: powers of ten, digit counts, rounding an integer division,
 * the coefficient's two representations (a safe JS integer or a BigInt), and decimal text from a
 * coefficient and scale. Private to the exact-number module (money/exact.ts).
 */

/** Rounding modes, named as in rule files. HALF_UP rounds halves away from zero. */
export type Rounding = 'UP' | 'DOWN' | 'CEIL' | 'FLOOR' | 'HALF_UP' | 'HALF_DOWN' | 'HALF_EVEN';

/** Significant digits every result is rounded to (decimal.js `precision`). */
export const PRECISION = 100;

// decimal.mjs default-exports the class; TypeScript reads the package's CommonJS typings, where
// the class is the module's `default` member. This cast states what the runtime gives.
const POW10: bigint[] = [1n];
for (let i = 1; i <= 320; i++) POW10.push((POW10[i - 1] as bigint) * 10n);

/** 10^k as a BigInt, k ≥ 0. */
export function pow10(k: number): bigint {
  return k < POW10.length ? (POW10[k] as bigint) : 10n ** BigInt(k);
}

export const LIMIT = pow10(PRECISION); // coefficients stay below this in magnitude
const LIMIT_10 = pow10(PRECISION + 1);

/**
 * Powers of ten beyond this are refused (decimal.js would give Infinity or 0): no settlement
 * figure comes near, and a rule that squares a value again and again stops here cleanly.
 */
export const MAX_EXPONENT = 10_000;

/** A result beyond ±10^MAX_EXPONENT (or a finer fraction): the computation cannot go on. */
export class ExactRangeError extends RangeError {}

const LOG10_2 = Math.log10(2);

/** Decimal digits of |n|, from its bit length (hex text is linear to make; decimal is not). */
export function digitCount(n: bigint): number {
  const a = n < 0n ? -n : n;
  if (a < 1_000_000_000_000_000n) return a.toString().length;
  // A sum or product just past 100 digits (a running total of 100-digit quotients): the
  // common case of rounding, decided by two comparisons.
  if (a >= LIMIT && a < LIMIT_10) return PRECISION + 1;
  const bits = a.toString(16).length * 4; // 2^(bits-4) ≤ a < 2^bits
  let d = Math.floor((bits - 4) * LOG10_2); // a ≥ 10^d, so it has more than d digits
  while (a >= pow10(d + 1)) d++;
  return d + 1;
}

/** n ÷ d (d > 0) rounded to an integer with `mode`. */
export function divRound(n: bigint, d: bigint, mode: Rounding): bigint {
  const q = n / d; // truncates toward zero
  const r = n - q * d;
  if (r === 0n) return q;
  const neg = n < 0n;
  const ar = neg ? -r : r;
  let away: boolean;
  switch (mode) {
    case 'DOWN':
      away = false;
      break;
    case 'UP':
      away = true;
      break;
    case 'CEIL':
      away = !neg;
      break;
    case 'FLOOR':
      away = neg;
      break;
    default: {
      const twice = ar * 2n;
      if (twice !== d) away = twice > d;
      else away = mode === 'HALF_UP' || (mode === 'HALF_EVEN' && (q & 1n) !== 0n);
    }
  }
  return away ? (neg ? q - 1n : q + 1n) : q;
}

export const NUMBER_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export const SAFE = Number.MAX_SAFE_INTEGER;
export const SAFE_BIG = BigInt(SAFE);
/** 10^k as a JS number for k ≤ 15, exact. */
export const POW10_NUM = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** A coefficient stored as a JS number when it is a safe integer (most are), else as a BigInt. */
export type Coefficient = number | bigint;

export function coefficient(n: bigint): Coefficient {
  return n >= -SAFE_BIG && n <= SAFE_BIG ? Number(n) : n;
}

export function big(c: Coefficient): bigint {
  return typeof c === 'number' ? BigInt(c) : c;
}

/** c × 10^k as a safe JS integer, or undefined when it would not be one. */
export function shiftNum(c: number, k: number): number | undefined {
  if (k > 15) return c === 0 ? 0 : undefined;
  const r = c * (POW10_NUM[k] as number);
  return r >= -SAFE && r <= SAFE ? r : undefined;
}

/** Decimal digits of a ≥ 1, within one either way: from a float logarithm below 2^1000. */
export function roughDigits(a: bigint): number {
  const x = Number(a);
  return x < 1e300 ? Math.floor(Math.log10(x)) + 1 : digitCount(a);
}

/** Rounds a coefficient to PRECISION significant digits, half-up (decimal.js's finalise). */
export function toPrecision(n: bigint, scale: number): { n: bigint; scale: number } {
  let drop = digitCount(n) - PRECISION;
  let q = divRound(n, pow10(drop), 'HALF_UP');
  if (q >= LIMIT || q <= -LIMIT) {
    // 99…9 rounded up to 100…0: one more digit to drop, exactly.
    q /= 10n;
    drop++;
  }
  const s = scale - drop;
  if (Math.abs(s) > MAX_EXPONENT) throw new ExactRangeError(`a value beyond 10^±${MAX_EXPONENT}`);
  return { n: q, scale: s };
}

/** `n × 10^-scale` as plain text with `places` decimals (places ≤ scale drops trailing zeros). */
export function plainText(n: Coefficient, scale: number, places: number): string {
  const neg = n < 0;
  if (typeof n === 'number' && scale === places && places > 0 && places <= 15) {
    // Money's common case: the integer's digits with a point put in (one number printed).
    const digits = String(neg ? -n : n);
    const k = digits.length - places;
    const text = k > 0 ? digits.slice(0, k) + '.' + digits.slice(k) : '0.' + '0'.repeat(-k) + digits;
    return neg ? '-' + text : text;
  }
  return digitsText(neg, (neg ? -n : n).toString(), scale, places);
}

/** Digits × 10^-scale as plain text with `places` decimals (places < scale drops trailing zeros). */
export function digitsText(neg: boolean, all: string, scale: number, places: number): string {
  let digits = all;
  if (scale <= 0) {
    if (digits === '0') return '0' + (places > 0 ? '.' + '0'.repeat(places) : '');
    return (neg ? '-' : '') + digits + '0'.repeat(-scale) + (places > 0 ? '.' + '0'.repeat(places) : '');
  }
  if (places < scale) digits = digits.slice(0, Math.max(0, digits.length - (scale - places))) || '0';
  if (places === 0) return digits === '0' ? '0' : (neg ? '-' : '') + digits;
  const padded = digits.padStart(places + 1, '0');
  const text = `${padded.slice(0, -places)}.${padded.slice(-places)}`;
  // A negative coefficient has a non-zero digit left: trailing zeros are all that is cut.
  return neg ? '-' + text : text;
}

/**
 * num ÷ den × 10^-scale, rounded half-up to PRECISION significant digits: the value decimal.js
 * gives for the same division, computed in integers. For quotients of integers a caller already
 * holds (the exact shares of a split), where a round trip through decimal.js costs more than the
 * split.
 */
export function quotientDigits(num: bigint, den: bigint, scale: number): { n: bigint; scale: number } {
  if (den === 0n) throw new RangeError('division by zero');
  if (num === 0n) return { n: 0n, scale: 0 };
  const neg = (num < 0n) !== (den < 0n);
  const a = num < 0n ? -num : num;
  const b = den < 0n ? -den : den;
  // At least PRECISION + 1 digits in the integer quotient: the digit after the last kept one
  // decides half-up, whatever the remainder (a remainder only adds to a digit already ≥ 5 or < 5).
  // Digit counts may be estimated one too high or low; q then has a digit or two more.
  const k = PRECISION + 3 - (roughDigits(a) - roughDigits(b));
  const top = k >= 0 ? a * pow10(k) : a;
  const bottom = k >= 0 ? b : b * pow10(-k);
  let q = top / bottom;
  let s = scale + k;
  const exact = top - q * bottom === 0n;
  // Round the digits beyond PRECISION away half-up, counting them by comparison, not printing.
  let drop = 1;
  while (q >= pow10(PRECISION + drop)) drop++;
  const unit = pow10(drop);
  const kept = q / unit;
  q = q - kept * unit >= unit / 2n ? kept + 1n : kept;
  s -= drop;
  if (q === LIMIT) {
    q = pow10(PRECISION - 1);
    s--;
  }
  if (exact) {
    // A terminating quotient: keep it short, as decimal.js does (one pass over its digits).
    const digits = q.toString();
    let end = digits.length;
    while (end > 1 && digits.charCodeAt(end - 1) === 0x30) end--;
    if (end < digits.length) {
      s -= digits.length - end;
      q = BigInt(digits.slice(0, end));
    }
  }
  return { n: neg ? -q : q, scale: s };
}
