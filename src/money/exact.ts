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
  quotientDigits,
  SAFE,
  SAFE_BIG,
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
  /** @internal The integer coefficient, for this module's own arithmetic (RunningSum). */
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
  /** @internal */
  get n(): bigint {
    return big(this.c);
  }

  /** This value × 10^-k, exactly (k ≥ 0): `percent` text read as a fraction is the value ÷ 100. */
  shiftLeft(k: number): Exact {
    return new Exact(this.c, this.scale + k);
  }

  /** This value × 10^scale as an integer (digits beyond `scale` decimals are cut, towards zero). */
  toScaledBigInt(scale: number): bigint {
    return scale >= this.scale ? this.n * pow10(scale - this.scale) : this.n / pow10(this.scale - scale);
  }

  /**
   * This value × 10^scale as a JS integer of at most `limit` in magnitude, or undefined when it is
   * not one (the value has more decimals, or is too large): the quick path of a split.
   */
  toScaledNumber(scale: number, limit: number): number | undefined {
    const c = this.c;
    if (typeof c !== 'number') return undefined;
    const k = scale - this.scale;
    const v = k >= 0 ? (k <= 15 ? c * 10 ** k : Infinity) : c / 10 ** -k; // k < 0: trailing zeros dropped, exactly
    return Math.abs(v) <= limit ? v : undefined;
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

/** Zero, the one value every sum starts from. */
export const ZERO = new Exact(0);

/**
 * A running total equal, digit for digit and in its scale, to a left fold of `plus()` — made for
 * long sums (a hospital's points over a million cases), where a total of 100 digits would make
 * every addition of a small value a BigInt alignment and addition.
 *
 * Small values of the total's sign (JS-integer coefficients, at most the total's decimals) are
 * summed in a JS integer and added to the total at once. That is the same as adding them one by
 * one exactly when no addition on the way would have been rounded, i.e. when every partial total
 * stays below 10^100 in its coefficient: with one sign the partial totals only grow, so it is
 * enough that |total| + |pending| does, which is checked before each value is taken. Anything
 * else is added by plus(), after what is pending.
 */
export class RunningSum {
  private total: Exact;
  /** Σ pending values × 10^pendingScale: a safe integer of the total's sign. */
  private pending = 0;
  private pendingScale = 0;
  /** |pending| must stay below this for no partial total to reach 10^100 (0: not worked out). */
  private headroom = 0;

  constructor(start: Exact) {
    this.total = start;
  }

  add(y: Exact): void {
    if (!this.takes(y)) {
      this.flush();
      this.total = this.total.plus(y);
    }
  }

  /** Takes y into what is pending when that equals adding it by plus(); false otherwise. */
  private takes(y: Exact): boolean {
    const t = this.total;
    const c = y.c;
    if (typeof t.c === 'number' || typeof c !== 'number' || y.scale < 0 || y.scale > t.scale || t.scale - y.scale > 300) return false;
    if (c === 0) return true; // plus() gives the total itself
    // Of the other sign, a partial total could pass through zero, which plus() gives without decimals.
    if (c < 0 !== t.c < 0n) return false;
    if (y.scale > this.pendingScale) {
      // Bring what is pending to the new value's decimals (still at most the total's).
      const p = shiftNum(this.pending, y.scale - this.pendingScale);
      if (p === undefined) return false;
      this.pending = p;
      this.pendingScale = y.scale;
      this.headroom = 0;
    }
    const v = y.scale === this.pendingScale ? c : shiftNum(c, this.pendingScale - y.scale);
    if (v === undefined) return false;
    if (this.headroom === 0) {
      const room = (LIMIT - (t.n < 0n ? -t.n : t.n)) / pow10(t.scale - this.pendingScale);
      this.headroom = room > SAFE_BIG ? SAFE : Number(room);
    }
    const next = this.pending + v;
    if ((next < 0 ? -next : next) >= this.headroom) return false;
    this.pending = next;
    return true;
  }

  /** The total so far. */
  value(): Exact {
    this.flush();
    return this.total;
  }

  private flush(): void {
    if (this.pending !== 0) {
      const t = this.total;
      // Exact and below 10^100 by the headroom: what the additions one by one would have given.
      this.total = new Exact(t.n + BigInt(this.pending) * pow10(t.scale - this.pendingScale), t.scale);
    }
    this.pending = 0;
    this.pendingScale = 0;
    this.headroom = 0;
  }
}


/**
 * num ÷ den × 10^-scale, rounded half-up to PRECISION significant digits: the value decimal.js
 * gives for the same division, computed in integers (see quotientDigits).
 */
export function quotient(num: bigint, den: bigint, scale: number): Exact {
  const q = quotientDigits(num, den, scale);
  return new Exact(q.n, q.scale);
}

