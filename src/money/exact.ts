/**
 * The engine's exact decimal number: an integer coefficient (a JS integer below 2^53, a BigInt
 * above) and a power of ten.
 *
 * Settlement arithmetic is almost all additions, subtractions and multiplications of values
 * with two or a few decimals, and comparisons. Those are exact in integers, and integers do them
 * many times faster than decimal.js, which keeps its digits in arrays of base-1e7 words.
 * Division, whose quotient may not terminate, is long division in BigInt to 100 digits for
 * coefficients below 2^53 and is handed to decimal.js for larger ones.
 *
 * The semantics are decimal.js's with `precision: 100, rounding: ROUND_HALF_UP`: every result is exact when it has at most 100 significant digits and is
 * rounded half-up to 100 significant digits otherwise (inputs have at most 40, so sums and
 * products of inputs are always exact). Property tests hold every operation to decimal.js's
 * result, digit for digit.
 */

import DecimalModule from 'decimal.js';
import {
  big,
  coefficient,
  digitCount,
  divRound,
  ExactRangeError,
  LIMIT,
  MAX_EXPONENT,
  NUMBER_TEXT,
  plainText,
  digitsText,
  pow10,
  POW10_NUM,
  PRECISION,
  roughDigits,
  SAFE,
  shiftNum,
  toPrecision,
  type Coefficient,
  type Rounding,
} from './exact-integers.js';

export { divRound, ExactRangeError, MAX_EXPONENT, pow10, PRECISION, type Coefficient, type Rounding } from './exact-integers.js';

const Decimal = DecimalModule as unknown as typeof DecimalModule.default;

/** A private clone: the host application's Decimal settings stay untouched. */
const Big = Decimal.clone({ precision: PRECISION, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -7, toExpPos: 21 });

/**
 * An exact decimal number: `coefficient × 10^-scale`. Immutable.
 *
 * The coefficient is a JS number while it is a safe integer (below 2^53: money up to tens of
 * trillions of yuan in fen) and a BigInt beyond; integer arithmetic on numbers is exact in that
 * range and allocates nothing, which matters for a million-row table.
 */
export class Exact {
  /** The integer coefficient: a safe JS integer, or a BigInt when larger. */
  readonly c: Coefficient;
  /** Decimal places: the value is c × 10^-scale (negative for large round numbers). */
  readonly scale: number;

  /**
   * An exact decimal from decimal text ("-12.30", "1e-3"), a JS number (by its shortest
   * round-trip text), a BigInt coefficient with its scale, or another Exact.
   */
  constructor(x: string | number | bigint | Exact, scale?: number) {
    if (typeof x === 'bigint') {
      if (x >= LIMIT || x <= -LIMIT) {
        const r = toPrecision(x, scale ?? 0);
        this.c = coefficient(r.n);
        this.scale = r.scale;
        return;
      }
      this.c = coefficient(x);
      this.scale = this.c === 0 ? 0 : scale ?? 0;
    } else if (x instanceof Exact) {
      this.c = x.c;
      this.scale = x.scale;
    } else if (typeof x === 'number' && Number.isSafeInteger(x)) {
      this.c = x === 0 ? 0 : x; // never -0
      this.scale = x === 0 ? 0 : scale ?? 0;
    } else {
      const t = typeof x === 'number' ? String(x) : x;
      const m = NUMBER_TEXT.exec(t);
      const int = m?.[2] ?? '';
      const frac = m?.[3] ?? '';
      if (!m || (int === '' && frac === '')) throw new RangeError(`not a decimal number: ${t.slice(0, 40)}`);
      const exp = m[4] === undefined ? 0 : Number(m[4]);
      if (!Number.isSafeInteger(exp) || Math.abs(exp) > MAX_EXPONENT) throw new ExactRangeError(`exponent out of range: ${t.slice(0, 40)}`);
      const r = Exact.of(m[1] === '-', int + frac, frac.length - exp);
      this.c = r.c;
      this.scale = r.scale;
    }
    if (this.scale > MAX_EXPONENT || this.scale < -MAX_EXPONENT) throw new ExactRangeError(`a value beyond 10^±${MAX_EXPONENT}`);
  }

  /** The value of a digit string (no sign, no point) × 10^-scale, negated when `negative`. */
  static of(negative: boolean, digits: string, scale: number): Exact {
    // Up to 15 digits is always a safe integer: no BigInt needed to read it.
    if (digits.length <= 15) {
      const v = Number(digits);
      return new Exact(negative && v !== 0 ? -v : v, scale);
    }
    const b = BigInt(digits);
    return new Exact(negative ? -b : b, scale);
  }

  /** The coefficient as a BigInt. */
  get n(): bigint {
    return big(this.c);
  }

  /** this + y */
  plus(other: Exact | string | number): Exact {
    const y = other instanceof Exact ? other : new Exact(other);
    if (this.c === 0) return y;
    return this.sum(y, false);
  }

  /** this − y */
  minus(other: Exact | string | number): Exact {
    return this.sum(other instanceof Exact ? other : new Exact(other), true);
  }

  private sum(y: Exact, subtract: boolean): Exact {
    const a = this.c;
    const b = y.c;
    if (b === 0) return this;
    if (typeof a === 'number' && typeof b === 'number') {
      const s = Math.max(this.scale, y.scale);
      const x = this.scale === s ? a : shiftNum(a, s - this.scale);
      const z = y.scale === s ? b : shiftNum(b, s - y.scale);
      if (x !== undefined && z !== undefined) {
        const r = subtract ? x - z : x + z;
        if (r >= -SAFE && r <= SAFE) return new Exact(r, s);
      }
    }
    return this.bigSum(y, subtract);
  }

  private bigSum(y: Exact, subtract: boolean): Exact {
    let a = big(this.c);
    let b = big(y.c);
    if (Math.abs(this.scale - y.scale) > 3 * PRECISION) {
      // Magnitudes more than PRECISION + 2 digits apart: the smaller one cannot reach the kept
      // digits, and aligning would make a coefficient as long as the gap.
      const gap = digitCount(a) - this.scale - (digitCount(b) - y.scale);
      if (gap > PRECISION + 2) return this;
      if (gap < -(PRECISION + 2)) return subtract ? y.neg() : y;
    }
    const s = Math.max(this.scale, y.scale);
    if (this.scale < s) a *= pow10(s - this.scale);
    if (y.scale < s) b *= pow10(s - y.scale);
    return new Exact(subtract ? a - b : a + b, s);
  }

  /** this × y */
  times(other: Exact | string | number): Exact {
    const y = other instanceof Exact ? other : new Exact(other);
    const a = this.c;
    const b = y.c;
    // × 1 is common (a factor that a rule sets to 1): the same value, nothing to allocate.
    if (b === 1 && y.scale === 0) return this;
    if (a === 1 && this.scale === 0) return y;
    if (typeof a === 'number' && typeof b === 'number') {
      const r = a * b;
      // A product below 2^53 in floating point is the exact integer product.
      if (r >= -SAFE && r <= SAFE) return new Exact(r === 0 ? 0 : r, r === 0 ? 0 : this.scale + y.scale);
    }
    return new Exact(big(a) * big(b), this.scale + y.scale);
  }

  /**
   * this ÷ y rounded half-up to 100 significant digits; y must not be 0. Coefficients below 2^53
   * (a case's cost over a group's mean cost) are divided as integers, several times faster than
   * the round trip through decimal.js's digit arrays; larger ones (sums of 100-digit quotients)
   * go to decimal.js. Both give the same digits, which the property tests hold.
   */
  div(other: Exact | string | number): Exact {
    const y = other instanceof Exact ? other : new Exact(other);
    if (y.c === 0) throw new RangeError('division by zero');
    if (typeof this.c === 'number' && typeof y.c === 'number') return quotient(BigInt(this.c), BigInt(y.c), this.scale - y.scale);
    return new Exact(new Big(`${this.c}e${-this.scale}`).div(`${y.c}e${-y.scale}`).toString());
  }

  /** −1, 0 or 1 as this is less than, equal to or greater than y. */
  comparedTo(other: Exact | string | number): number {
    const y = other instanceof Exact ? other : new Exact(other);
    const a = this.c;
    const b = y.c;
    if (this.scale === y.scale) return a < b ? -1 : a > b ? 1 : 0;
    // Different signs (or a zero) decide without aligning.
    const sa = a < 0 ? -1 : a > 0 ? 1 : 0;
    const sb = b < 0 ? -1 : b > 0 ? 1 : 0;
    if (sa !== sb || sa === 0) return sa < sb ? -1 : sa > sb ? 1 : 0;
    if (typeof a === 'number' && typeof b === 'number') {
      const x = this.scale > y.scale ? a : shiftNum(a, y.scale - this.scale);
      const z = y.scale > this.scale ? b : shiftNum(b, this.scale - y.scale);
      if (x !== undefined && z !== undefined) return x < z ? -1 : x > z ? 1 : 0;
    }
    let p = big(a);
    let q = big(b);
    if (this.scale > y.scale) q *= pow10(this.scale - y.scale);
    else p *= pow10(y.scale - this.scale);
    return p < q ? -1 : p > q ? 1 : 0;
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
    return this.c === 0;
  }
  /** True below zero (there is no negative zero). */
  isNegative(): boolean {
    return this.c < 0;
  }
  /** True when there is no fractional part. */
  isInteger(): boolean {
    if (this.scale <= 0) return true;
    const c = this.c;
    if (typeof c === 'number') return this.scale <= 15 ? c % (POW10_NUM[this.scale] as number) === 0 : c === 0;
    return c % pow10(this.scale) === 0n;
  }
  /** −this */
  neg(): Exact {
    const c = this.c;
    return c === 0 ? this : new Exact(typeof c === 'number' ? -c : -c, this.scale);
  }
  /** |this| */
  abs(): Exact {
    return this.c < 0 ? this.neg() : this;
  }

  /** Decimal places of the shortest exact text (trailing zeros do not count). */
  decimalPlaces(): number {
    const c = this.c;
    if (this.scale <= 0 || c === 0) return 0;
    let s = this.scale;
    if (typeof c === 'number') {
      let m = c;
      while (s > 0 && m % 10 === 0) {
        m /= 10;
        s--;
      }
      return s;
    }
    let n = c;
    while (s > 0 && n % 10n === 0n) {
      n /= 10n;
      s--;
    }
    return s;
  }

  /** Significant digits of the shortest exact text. */
  sd(): number {
    const c = this.c;
    if (c === 0) return 1;
    if (typeof c === 'number') {
      let m = c < 0 ? -c : c;
      while (m % 10 === 0) m /= 10;
      return String(m).length;
    }
    let n = c < 0n ? -c : c;
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
    if (places === undefined) return plainText(this.c, this.scale, this.decimalPlaces());
    if (this.scale === places) return plainText(this.c, places, places);
    if (this.scale < places && typeof this.c === 'number') {
      const r = shiftNum(this.c, places - this.scale);
      if (r !== undefined) return plainText(r, places, places);
    }
    const r = this.scale > places ? divRound(this.n, pow10(this.scale - places), mode) : this.n * pow10(places - this.scale);
    return plainText(r, places, places);
  }

  /**
   * The shortest plain text, first rounded half-up to `digits` significant digits when it has
   * more: toSignificantDigits(digits).toFixed() with one decimal printing of the coefficient.
   */
  toSignificantText(digits: number): string {
    const c = this.c;
    if (typeof c === 'number' && digits >= 16) return this.toFixed();
    const neg = c < 0;
    let text = (neg ? -c : c).toString();
    let scale = this.scale;
    if (text.length > digits) {
      // Half-up looks at the first dropped digit only.
      let kept = BigInt(text.slice(0, digits));
      if (text.charCodeAt(digits) >= 0x35) kept += 1n;
      scale -= text.length - digits;
      text = kept.toString();
    }
    let end = text.length;
    while (end > 1 && scale > 0 && text.charCodeAt(end - 1) === 0x30) {
      end--;
      scale--;
    }
    if (end < text.length) text = text.slice(0, end);
    return digitsText(neg, text, scale, Math.max(0, scale));
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
  return new Exact(neg ? -q : q, s);
}

