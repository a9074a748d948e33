/**
 * The engine's exact decimal number: an integer coefficient (BigInt) and a power of ten.
 *
 * Settlement arithmetic is almost all additions, subtractions and multiplications of values
 * with two or a few decimals, and comparisons. Those are exact in integers, and BigInt does them
 * about ten times faster than decimal.js, which keeps its digits in arrays of base-1e7 words.
 * Division, whose quotient may not terminate, is handed to decimal.js.
 *
 * The semantics are decimal.js's with `precision: 100, rounding: ROUND_HALF_UP`, which the
 * engine used before: every result is exact when it has at most 100 significant digits and is
 * rounded half-up to 100 significant digits otherwise (inputs have at most 40, so sums and
 * products of inputs are always exact). Property tests hold every operation to decimal.js's
 * result, digit for digit.
 */

/** Rounding modes, named as in rule files. HALF_UP rounds halves away from zero. */
export type Rounding = 'UP' | 'DOWN' | 'CEIL' | 'FLOOR' | 'HALF_UP' | 'HALF_DOWN' | 'HALF_EVEN';

/** Significant digits every result is rounded to (decimal.js `precision`). */
export const PRECISION = 100;

import DecimalModule from 'decimal.js';

// decimal.mjs default-exports the class; TypeScript reads the package's CommonJS typings, where
// the class is the module's `default` member. This cast states what the runtime gives.
const Decimal = DecimalModule as unknown as typeof DecimalModule.default;

/** A private clone: the host application's Decimal settings stay untouched. */
const Big = Decimal.clone({ precision: 100, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -7, toExpPos: 21 });

const POW10: bigint[] = [1n];
for (let i = 1; i <= 320; i++) POW10.push((POW10[i - 1] as bigint) * 10n);

/** 10^k as a BigInt, k ≥ 0. */
export function pow10(k: number): bigint {
  return k < POW10.length ? (POW10[k] as bigint) : 10n ** BigInt(k);
}

const LIMIT = pow10(PRECISION); // coefficients stay below this in magnitude

/** Exponents beyond this are refused, as decimal.js turns them into Infinity. */
const MAX_EXPONENT = 1_000_000;

function digitCount(n: bigint): number {
  return (n < 0n ? -n : n).toString().length;
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

const NUMBER_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** An exact decimal number: `coefficient × 10^-scale`. Immutable. */
export class Exact {
  /** The integer coefficient; at most {@link PRECISION} digits. */
  readonly n: bigint;
  /** Decimal places: the value is n × 10^-scale (negative for large round numbers). */
  readonly scale: number;

  /**
   * An exact decimal from decimal text ("-12.30", "1e-3"), a JS number (by its shortest
   * round-trip text), a BigInt, or another Exact.
   */
  constructor(x: string | number | bigint | Exact, scale?: number) {
    if (typeof x === 'bigint') {
      this.n = x;
      this.scale = scale ?? 0;
    } else if (x instanceof Exact) {
      this.n = x.n;
      this.scale = x.scale;
    } else if (typeof x === 'number' && Number.isSafeInteger(x)) {
      this.n = BigInt(x);
      this.scale = 0;
    } else {
      const t = typeof x === 'number' ? String(x) : x;
      const m = NUMBER_TEXT.exec(t);
      const int = m?.[2] ?? '';
      const frac = m?.[3] ?? '';
      if (!m || (int === '' && frac === '')) throw new RangeError(`not a decimal number: ${t.slice(0, 40)}`);
      const exp = m[4] === undefined ? 0 : Number(m[4]);
      if (!Number.isSafeInteger(exp) || Math.abs(exp) > MAX_EXPONENT) throw new RangeError(`exponent out of range: ${t.slice(0, 40)}`);
      const digits = BigInt(int + frac);
      this.n = m[1] === '-' ? -digits : digits;
      this.scale = frac.length - exp;
    }
    if (this.n >= LIMIT || this.n <= -LIMIT) {
      const r = toPrecision(this.n, this.scale);
      this.n = r.n;
      this.scale = r.scale;
    }
  }

  /** this + y */
  plus(other: Exact | string | number): Exact {
    const y = other instanceof Exact ? other : new Exact(other);
    if (this.scale === y.scale) return make(this.n + y.n, this.scale);
    return this.scale > y.scale ? make(this.n + y.n * pow10(this.scale - y.scale), this.scale) : make(this.n * pow10(y.scale - this.scale) + y.n, y.scale);
  }

  /** this − y */
  minus(other: Exact | string | number): Exact {
    const y = other instanceof Exact ? other : new Exact(other);
    if (this.scale === y.scale) return make(this.n - y.n, this.scale);
    return this.scale > y.scale ? make(this.n - y.n * pow10(this.scale - y.scale), this.scale) : make(this.n * pow10(y.scale - this.scale) - y.n, y.scale);
  }

  /** this × y */
  times(y: Exact | string | number): Exact {
    const b = y instanceof Exact ? y : new Exact(y);
    return make(this.n * b.n, this.scale + b.scale);
  }

  /** this ÷ y rounded half-up to 100 significant digits, by decimal.js; y must not be 0. */
  div(y: Exact | string | number): Exact {
    const b = y instanceof Exact ? y : new Exact(y);
    if (b.n === 0n) throw new RangeError('division by zero');
    return new Exact(new Big(`${this.n}e${-this.scale}`).div(`${b.n}e${-b.scale}`).toString());
  }

  /** −1, 0 or 1 as this is less than, equal to or greater than y. */
  comparedTo(other: Exact | string | number): number {
    const y = other instanceof Exact ? other : new Exact(other);
    let a = this.n;
    let b = y.n;
    if (this.scale !== y.scale) {
      // Different signs (or a zero) decide without aligning.
      const sa = sign(a);
      const sb = sign(b);
      if (sa !== sb || sa === 0) return sa < sb ? -1 : sa > sb ? 1 : 0;
      if (this.scale > y.scale) b *= pow10(this.scale - y.scale);
      else a *= pow10(y.scale - this.scale);
    }
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** this = y */
  eq(y: Exact | string | number): boolean {
    return this.comparedTo(y) === 0;
  }
  /** this < y */
  lt(y: Exact | string | number): boolean {
    return this.comparedTo(y) < 0;
  }
  /** this ≤ y */
  lte(y: Exact | string | number): boolean {
    return this.comparedTo(y) <= 0;
  }
  /** this > y */
  gt(y: Exact | string | number): boolean {
    return this.comparedTo(y) > 0;
  }
  /** this ≥ y */
  gte(y: Exact | string | number): boolean {
    return this.comparedTo(y) >= 0;
  }

  /** this = 0 */
  isZero(): boolean {
    return this.n === 0n;
  }
  /** True below zero (there is no negative zero). */
  isNegative(): boolean {
    return this.n < 0n;
  }
  /** True when there is no fractional part. */
  isInteger(): boolean {
    return this.scale <= 0 || this.n % pow10(this.scale) === 0n;
  }
  /** −this */
  neg(): Exact {
    return new Exact(-this.n, this.scale);
  }
  /** |this| */
  abs(): Exact {
    return this.n < 0n ? new Exact(-this.n, this.scale) : this;
  }

  /** Decimal places of the shortest exact text (trailing zeros do not count). */
  decimalPlaces(): number {
    if (this.scale <= 0 || this.n === 0n) return 0;
    let n = this.n;
    let s = this.scale;
    while (s > 0 && n % 10n === 0n) {
      n /= 10n;
      s--;
    }
    return s;
  }

  /** Significant digits of the shortest exact text. */
  sd(): number {
    if (this.n === 0n) return 1;
    let n = this.n < 0n ? -this.n : this.n;
    while (n % 10n === 0n) n /= 10n;
    return n.toString().length;
  }

  /** Rounded to `places` decimals (places ≥ 0) with `mode`. */
  toDecimalPlaces(places: number, mode: Rounding = 'HALF_UP'): Exact {
    if (this.scale <= places) return this;
    return new Exact(divRound(this.n, pow10(this.scale - places), mode), places);
  }

  /** The largest integer not above this. */
  floor(): Exact {
    return this.toDecimalPlaces(0, 'FLOOR');
  }

  /** Rounded to `digits` significant digits with `mode`. */
  toSignificantDigits(digits: number, mode: Rounding = 'HALF_UP'): Exact {
    const drop = digitCount(this.n) - digits;
    if (drop <= 0) return this;
    return new Exact(divRound(this.n, pow10(drop), mode), this.scale - drop);
  }

  /**
   * Plain decimal text, never an exponent: the shortest exact text without `places`, or
   * exactly `places` decimals after rounding with `mode`.
   */
  toFixed(places?: number, mode: Rounding = 'HALF_UP'): string {
    if (places === undefined) return plainText(this.n, this.scale, this.decimalPlaces());
    const r = this.scale > places ? divRound(this.n, pow10(this.scale - places), mode) : this.n * pow10(places - this.scale);
    return plainText(r, places, places);
  }

  /** The same as toFixed() with no arguments. */
  toString(): string {
    return this.toFixed();
  }

  /** Nearest JS number; only for places, counts and the like, never for money. */
  toNumber(): number {
    return Number(this.toFixed());
  }

  /** The larger of a and b. */
  static max(a: Exact, b: Exact): Exact {
    return a.comparedTo(b) >= 0 ? a : b;
  }
  /** The smaller of a and b. */
  static min(a: Exact, b: Exact): Exact {
    return a.comparedTo(b) <= 0 ? a : b;
  }
}

/**
 * num ÷ den × 10^-scale, rounded half-up to PRECISION significant digits: the value decimal.js
 * gives for the same division, computed in integers. For quotients of integers a caller already
 * holds (the exact shares of a split), where a round trip through decimal.js costs more than the
 * split.
 */
export function quotient(num: bigint, den: bigint, scale: number): Exact {
  if (den === 0n) throw new RangeError('division by zero');
  if (num === 0n) return new Exact(0n);
  const neg = (num < 0n) !== (den < 0n);
  const a = num < 0n ? -num : num;
  const b = den < 0n ? -den : den;
  // At least PRECISION + 1 digits in the integer quotient: the digit after the last kept one
  // decides half-up, whatever the remainder (a remainder only adds to a digit already ≥ 5 or < 5).
  const k = PRECISION + 1 - (digitCount(a) - digitCount(b));
  const top = k >= 0 ? a * pow10(k) : a;
  const bottom = k >= 0 ? b : b * pow10(-k);
  let q = top / bottom;
  let s = scale + k;
  if (top - q * bottom === 0n) {
    // A terminating quotient: keep it short, as decimal.js does.
    while (q % 10n === 0n) {
      q /= 10n;
      s--;
    }
  }
  return make(neg ? -q : q, s);
}

function sign(n: bigint): number {
  return n < 0n ? -1 : n > 0n ? 1 : 0;
}

function make(n: bigint, scale: number): Exact {
  if (n < LIMIT && n > -LIMIT) return new Exact(n, scale);
  const r = toPrecision(n, scale);
  return new Exact(r.n, r.scale);
}

/** Rounds a coefficient to PRECISION significant digits, half-up (decimal.js's finalise). */
function toPrecision(n: bigint, scale: number): { n: bigint; scale: number } {
  let drop = digitCount(n) - PRECISION;
  let q = divRound(n, pow10(drop), 'HALF_UP');
  if (q >= LIMIT || q <= -LIMIT) {
    // 99…9 rounded up to 100…0: one more digit to drop, exactly.
    q /= 10n;
    drop++;
  }
  const s = scale - drop;
  if (Math.abs(s) > MAX_EXPONENT) throw new RangeError('number out of range');
  return { n: q, scale: s };
}

/** `n × 10^-scale` as plain text with `places` decimals (places ≤ scale drops trailing zeros). */
function plainText(n: bigint, scale: number, places: number): string {
  const neg = n < 0n;
  let digits = (neg ? -n : n).toString();
  if (scale <= 0) {
    if (digits === '0') return '0' + (places > 0 ? '.' + '0'.repeat(places) : '');
    return (neg ? '-' : '') + digits + '0'.repeat(-scale) + (places > 0 ? '.' + '0'.repeat(places) : '');
  }
  if (places < scale) digits = digits.slice(0, Math.max(0, digits.length - (scale - places))) || '0';
  if (places === 0) return n === 0n ? '0' : (neg ? '-' : '') + digits;
  const padded = digits.padStart(places + 1, '0');
  const text = `${padded.slice(0, -places)}.${padded.slice(-places)}`;
  return neg && /[1-9]/.test(padded) ? '-' + text : text;
}
