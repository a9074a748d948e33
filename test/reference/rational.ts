/**
 * Exact rational arithmetic on BigInt — the arithmetic of the reference implementation.
 *
 * Independent of the engine on purpose: no decimal.js, nothing from `src/`. Every value is a
 * reduced fraction `n / d` with `d > 0`, so no operation ever rounds unless a function below
 * says so by name (`roundHalfUp`, `floor`, `r2`).
 */

/** A rational number n/d, always reduced, with d > 0. */
export interface Rat {
  readonly n: bigint;
  readonly d: bigint;
}

/** Thrown for malformed decimal text and for impossible operations (division by zero, bad split). */
export class ArithmeticError extends Error {
  override readonly name: string = 'ReferenceArithmeticError';
}

/** Thrown by `split` for an amount that cannot be split (positive amount, all weights zero). */
export class SplitError extends ArithmeticError {
  override readonly name: string = 'ReferenceSplitError';
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** n/d reduced; d must not be zero. */
export function rat(n: bigint, d: bigint = 1n): Rat {
  if (d === 0n) throw new ArithmeticError('division by zero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  if (n === 0n) return { n: 0n, d: 1n };
  const g = gcd(n, d);
  return g === 1n ? { n, d } : { n: n / g, d: d / g };
}

export const ZERO: Rat = rat(0n);
export const ONE: Rat = rat(1n);

export const fromInt = (i: bigint | number): Rat => rat(BigInt(i));
export const add = (a: Rat, b: Rat): Rat => rat(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rat, b: Rat): Rat => rat(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Rat, b: Rat): Rat => rat(a.n * b.n, a.d * b.d);
export function div(a: Rat, b: Rat): Rat {
  if (b.n === 0n) throw new ArithmeticError('division by zero');
  return rat(a.n * b.d, a.d * b.n);
}
export const neg = (a: Rat): Rat => rat(-a.n, a.d);
export const sum = (xs: readonly Rat[]): Rat => xs.reduce(add, ZERO);

/** -1, 0 or 1 as a < b, a = b, a > b. */
export function compare(a: Rat, b: Rat): -1 | 0 | 1 {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}
export const eq = (a: Rat, b: Rat): boolean => compare(a, b) === 0;
export const lt = (a: Rat, b: Rat): boolean => compare(a, b) < 0;
export const le = (a: Rat, b: Rat): boolean => compare(a, b) <= 0;
export const gt = (a: Rat, b: Rat): boolean => compare(a, b) > 0;
export const ge = (a: Rat, b: Rat): boolean => compare(a, b) >= 0;
export const min = (a: Rat, b: Rat): Rat => (le(a, b) ? a : b);
export const max = (a: Rat, b: Rat): Rat => (ge(a, b) ? a : b);
export const sign = (a: Rat): -1 | 0 | 1 => (a.n < 0n ? -1 : a.n > 0n ? 1 : 0);
export const isZero = (a: Rat): boolean => a.n === 0n;
export const isInteger = (a: Rat): boolean => a.d === 1n;

const pow10 = (k: number): bigint => 10n ** BigInt(k);

/** Largest integer ≤ r. */
export function floor(r: Rat): bigint {
  const q = r.n / r.d; // truncates toward zero
  return r.n < 0n && q * r.d !== r.n ? q - 1n : q;
}

/**
 * r rounded to `places` decimals, ROUND_HALF_UP: ties go away from zero
 * (2.345 → 2.35, −2.345 → −2.35, −0.004 → 0).
 */
export function roundHalfUp(r: Rat, places: number): Rat {
  if (!Number.isInteger(places) || places < 0) throw new ArithmeticError(`bad places ${places}`);
  const scale = pow10(places);
  const scaled = abs(r.n) * scale;
  let q = scaled / r.d;
  const rem = scaled - q * r.d;
  if (2n * rem >= r.d) q += 1n;
  return rat(r.n < 0n ? -q : q, scale);
}

/** r2(x): rounded to 0.01 yuan, HALF_UP. */
export const r2 = (r: Rat): Rat => roundHalfUp(r, 2);

/** The amount in fen; the amount must be a whole number of fen. */
export function toFen(r: Rat): bigint {
  const f = mul(r, fromInt(100n));
  if (f.d !== 1n) throw new ArithmeticError(`not a whole number of fen: ${fmtExact(r)}`);
  return f.n;
}
export const fromFen = (fen: bigint): Rat => rat(fen, 100n);

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?(%?)$/;

/**
 * Exact value of decimal text: "123", "-1.5", "2%" (= 0.02), "+0.25". Exponent notation
 * ("1e+21", "1.5e-7") is accepted too, because that is how JavaScript prints some JSON numbers.
 * Anything else (empty text, spaces, "1.", ".5", "NaN", "Infinity", "1,000") is an error.
 */
export function parseDecimal(text: string): Rat {
  const m = DECIMAL.exec(text);
  if (!m) throw new ArithmeticError(`not a decimal: ${JSON.stringify(text)}`);
  const [, s, int = '', frac = '', exp, pct] = m;
  let n = BigInt(int + frac);
  let d = pow10(frac.length);
  if (exp !== undefined) {
    const e = Number(exp);
    if (!Number.isSafeInteger(e) || Math.abs(e) > 1000) throw new ArithmeticError(`exponent out of range: ${text}`);
    if (e >= 0) n *= pow10(e);
    else d *= pow10(-e);
  }
  if (pct === '%') d *= 100n;
  return rat(s === '-' ? -n : n, d);
}

/**
 * A JSON value as an exact decimal: a string is parsed as decimal text; a number is taken by its
 * JavaScript text (`String(x)`), which is the exact decimal written in the JSON document whenever
 * that has at most 15 significant digits.
 */
export function toRat(v: unknown): Rat {
  if (typeof v === 'string') return parseDecimal(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new ArithmeticError(`not a finite number: ${String(v)}`);
    return parseDecimal(String(v));
  }
  if (typeof v === 'bigint') return fromInt(v);
  throw new ArithmeticError(`not a decimal: ${JSON.stringify(v)}`);
}

/** Digits of a non-negative integer with `places` decimals inserted: (12345n, 2) → "123.45". */
function placeDecimals(digits: bigint, places: number): string {
  const s = digits.toString().padStart(places + 1, '0');
  return places === 0 ? s : `${s.slice(0, s.length - places)}.${s.slice(s.length - places)}`;
}

/** r rounded HALF_UP to `places` decimals and printed with exactly that many; never "-0.00". */
export function toFixed(r: Rat, places: number): string {
  const x = roundHalfUp(r, places);
  const scaled = (x.n * pow10(places)) / x.d; // exact: x has at most `places` decimals
  const body = placeDecimals(abs(scaled), places);
  return scaled < 0n ? `-${body}` : body;
}

/** Money as printed by the CLI: HALF_UP to two decimals, exactly two decimals, never "-0.00". */
export const fmtMoney = (r: Rat): string => toFixed(r, 2);

/** Decimal places needed to write r exactly, or null if its decimal expansion does not terminate. */
export function terminatingPlaces(r: Rat): number | null {
  let d = r.d;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    fives++;
  }
  return d === 1n ? Math.max(twos, fives) : null;
}
export const isTerminating = (r: Rat): boolean => terminatingPlaces(r) !== null;

/**
 * Places used to print a number whose decimal expansion does not terminate (e.g. DRG points of an
 * incomplete case, 110 × 1000/9000 = 12.222…). CONVENTION OF THE REFERENCE, not of PRESETS.md:
 * such a value is printed rounded HALF_UP to 20 decimals with all 20 digits shown. A comparer
 * should treat a `fmtExact` result of a non-terminating value (see `isTerminating`) as a rounding
 * of the engine's figure, not as exact text.
 */
export const NON_TERMINATING_PLACES = 20;

/**
 * A non-money number as exact decimal text: no exponent, no trailing zeros, no "-0"
 * ("0.125", "100", "-2.5", "0"). If the expansion does not terminate, see NON_TERMINATING_PLACES.
 */
export function fmtExact(r: Rat): string {
  const places = terminatingPlaces(r);
  if (places === null) return toFixed(r, NON_TERMINATING_PLACES); // non-terminating: rounded, 20 places
  const scaled = (r.n * pow10(places)) / r.d; // exact
  const body = placeDecimals(abs(scaled), places);
  return scaled < 0n ? `-${body}` : body;
}

/**
 * Largest-remainder split of a non-negative amount of fen by non-negative weights.
 * Each part gets floor(amount × wᵢ ÷ Σw); the fen left over go one each to the parts with the
 * largest fractional remainders, ties to the earlier part. Parts sum exactly to the amount.
 * Zero amount → all parts zero (whatever the weights). Positive amount with all weights zero
 * (or no weights) → SplitError.
 */
export function split(amountFen: bigint, weights: readonly Rat[]): bigint[] {
  if (amountFen < 0n) throw new SplitError(`cannot split a negative amount (${amountFen} fen)`);
  for (const w of weights) if (w.n < 0n) throw new SplitError(`negative weight ${fmtExact(w)}`);
  if (amountFen === 0n) return weights.map(() => 0n);
  // Scale the weights to integers over a common denominator; the shares are unchanged.
  const common = weights.reduce((l, w) => (l / gcd(l, w.d)) * w.d, 1n);
  const ints = weights.map((w) => (w.n * common) / w.d);
  const total = ints.reduce((a, b) => a + b, 0n);
  if (total === 0n) throw new SplitError(`cannot split ${amountFen} fen by weights that are all zero`);
  const parts = ints.map((w) => (amountFen * w) / total); // floor (all non-negative)
  const rems = ints.map((w, i) => amountFen * w - (parts[i] as bigint) * total); // remainder × total
  let left = amountFen - parts.reduce((a, b) => a + b, 0n);
  const order = rems
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r > b.r ? -1 : a.r < b.r ? 1 : a.i - b.i));
  for (const { i } of order) {
    if (left === 0n) break;
    parts[i] = (parts[i] as bigint) + 1n;
    left--;
  }
  if (left !== 0n) throw new ArithmeticError('split did not distribute every fen'); // impossible
  return parts;
}

/** `split` on money values: the amount must be a whole number of fen. */
export const splitMoney = (amount: Rat, weights: readonly Rat[]): Rat[] =>
  split(toFen(amount), weights).map(fromFen);
