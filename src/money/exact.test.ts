/**
 * Exact (integer coefficient × 10^-scale, a JS number below 2^53 and a BigInt above) must give decimal.js's results digit for digit, with
 * the settings the engine used before: precision 100, ROUND_HALF_UP. Every operation is checked
 * on random values, from fen amounts to 100-digit quotients and huge round numbers.
 */
import DecimalModule from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divRound, Exact, quotient, type Rounding } from './exact.js';
import { RunningSum } from './exact.js';

const Decimal = DecimalModule as unknown as typeof DecimalModule.default;
const Ref = Decimal.clone({ precision: 100, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -9e15, toExpPos: 9e15 });
const MODES: readonly Rounding[] = ['UP', 'DOWN', 'CEIL', 'FLOOR', 'HALF_UP', 'HALF_DOWN', 'HALF_EVEN'];
const REF_MODE: Record<Rounding, DecimalModule.Decimal.Rounding> = {
  UP: Decimal.ROUND_UP,
  DOWN: Decimal.ROUND_DOWN,
  CEIL: Decimal.ROUND_CEIL,
  FLOOR: Decimal.ROUND_FLOOR,
  HALF_UP: Decimal.ROUND_HALF_UP,
  HALF_DOWN: Decimal.ROUND_HALF_DOWN,
  HALF_EVEN: Decimal.ROUND_HALF_EVEN,
};
const RUNS = Number(process.env['EXACT_RUNS'] ?? 3000);

/** Decimal text of many shapes: fen amounts, long fractions, 100+ digit and tiny numbers. */
const text = fc.oneof(
  fc.tuple(fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), fc.integer({ min: 0, max: 2 })),
  fc.tuple(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: 0, max: 40 })),
  fc.tuple(fc.bigInt({ min: -(10n ** 99n), max: 10n ** 99n }), fc.integer({ min: -30, max: 130 })),
  // Around 2^53, where a coefficient moves from a JS number to a BigInt.
  fc.tuple(fc.bigInt({ min: 2n ** 53n - 3000n, max: 2n ** 53n + 3000n }).chain((n) => fc.constantFrom(n, -n, n * 7n, (n * 3n) / 2n)), fc.integer({ min: -3, max: 8 })),
  fc.tuple(fc.constantFrom(0n, 1n, -1n, 5n, -5n, 10n ** 100n - 1n, -(10n ** 100n) + 1n, 10n ** 100n, 999n), fc.integer({ min: -5, max: 105 })),
).map(([n, e]) => `${n}e${-e}`);

const ex = (t: string): Exact => new Exact(t);
const ref = (t: string): DecimalModule.Decimal => new Ref(t);
const same = (a: Exact, b: DecimalModule.Decimal): void => {
  expect(a.toFixed()).toBe(b.isZero() ? '0' : b.toFixed());
};

describe('Exact against decimal.js (precision 100, HALF_UP)', () => {
  it('reads text exactly and prints it without exponent', () => {
    fc.assert(fc.property(text, (t) => same(ex(t), ref(t))), { numRuns: RUNS });
    expect(new Exact('1e-3').toFixed()).toBe('0.001');
    expect(new Exact('-0.00').toFixed()).toBe('0');
    expect(new Exact(6).toFixed()).toBe('6');
    expect(new Exact(0.1).toFixed()).toBe('0.1');
    expect(() => new Exact('NaN')).toThrow(RangeError);
    expect(() => new Exact('1e99999999')).toThrow(RangeError);
    expect(() => new Exact('')).toThrow(RangeError);
    expect(() => new Exact('.')).toThrow(RangeError);
  });

  it('adds, subtracts, multiplies and divides as decimal.js does', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        same(ex(a).plus(ex(b)), ref(a).plus(b));
        same(ex(a).minus(ex(b)), ref(a).minus(b));
        same(ex(a).times(ex(b)), ref(a).times(b));
        if (!ref(b).isZero()) same(ex(a).div(ex(b)), ref(a).div(b));
      }),
      { numRuns: RUNS },
    );
  });

  it('compares as decimal.js does', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(ex(a).comparedTo(ex(b))).toBe(ref(a).comparedTo(b));
        expect(ex(a).comparedTo(ex(a).plus(ex(b)).minus(ex(b)))).toBe(ref(a).comparedTo(ref(a).plus(b).minus(b)));
        expect(Exact.max(ex(a), ex(b)).toFixed()).toBe(Ref.max(a, b).toFixed().replace(/^-0$/, '0'));
        expect(Exact.min(ex(a), ex(b)).toFixed()).toBe(Ref.min(a, b).toFixed().replace(/^-0$/, '0'));
      }),
      { numRuns: RUNS },
    );
  });

  it('rounds to places, to significant digits and prints fixed places in every mode', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 95 }), fc.constantFrom(...MODES), (t, places, digits, mode) => {
        const r = REF_MODE[mode];
        same(ex(t).toDecimalPlaces(places, mode), ref(t).toDecimalPlaces(places, r));
        same(ex(t).toSignificantDigits(digits, mode), ref(t).toSignificantDigits(digits, r));
        expect(ex(t).toFixed(places, mode)).toBe(ref(t).toFixed(places, r).replace(/^-(0\.?0*)$/, '$1'));
        same(ex(t).floor(), ref(t).floor());
        const r90 = ref(t).sd() > digits ? ref(t).toSignificantDigits(digits, Decimal.ROUND_HALF_UP) : ref(t);
        expect(ex(t).toSignificantText(digits)).toBe(r90.isZero() ? '0' : r90.toFixed());
      }),
      { numRuns: RUNS },
    );
  });

  it('answers the predicates as decimal.js does', () => {
    fc.assert(
      fc.property(text, (t) => {
        const a = ex(t);
        const b = ref(t);
        expect(a.isZero()).toBe(b.isZero());
        expect(a.isNegative()).toBe(b.isNegative() && !b.isZero());
        expect(a.isInteger()).toBe(b.isInteger());
        expect(a.decimalPlaces()).toBe(b.decimalPlaces());
        expect(a.sd()).toBe(b.sd());
        same(a.neg(), b.neg());
        same(a.abs(), b.abs());
      }),
      { numRuns: RUNS },
    );
  });

  it('quotient of integers gives decimal.js division, terminating or not', () => {
    const int = fc.oneof(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.bigInt({ min: -(10n ** 99n), max: 10n ** 99n }), fc.constantFrom(1n, 3n, 7n, 4n, 1024n, 10n ** 99n - 1n, 10n ** 15n, 10n ** 16n, 10n ** 22n, 10n ** 22n - 1n, 10n ** 300n, 10n ** 301n - 1n, 2n ** 53n, 999_999_999_999_999_999n));
    fc.assert(
      fc.property(int, int, fc.integer({ min: -10, max: 60 }), (num, den, scale) => {
        fc.pre(den !== 0n);
        same(quotient(num, den, scale), new Ref(`${num}e${-scale}`).div(den.toString()));
      }),
      { numRuns: RUNS },
    );
    expect(quotient(1n, 4n, 0).toFixed()).toBe('0.25');
    expect(quotient(1n, 4n, 0).scale).toBe(2);
    expect(() => quotient(1n, 0n, 0)).toThrow(RangeError);
  });

  it('divRound rounds an integer quotient in every mode', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.constantFrom(...MODES), (n, d, mode) => {
        const expected = new Ref(n.toString()).div(d.toString()).toDecimalPlaces(0, REF_MODE[mode]);
        expect(divRound(n, d, mode).toString()).toBe(expected.isZero() ? '0' : expected.toFixed());
      }),
      { numRuns: RUNS },
    );
  });
});

describe('RunningSum', () => {
  /** A value as its coefficient and scale: two sums must agree in both, not only in value. */
  const exactly = (x: Exact): string => `${String(x.c)}@${x.scale}`;
  // Totals of 100 digits (quotients that do not terminate), some just below 10^100 in their
  // coefficient so that the next additions must round; small values of both signs and scales.
  const bigStart = fc.oneof(
    fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.bigInt({ min: 3n, max: 10n ** 6n })).map(([n, d]) => quotient(n, d, 0)),
    fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 6n }), fc.integer({ min: 90, max: 110 }), fc.boolean()).map(([k, s, neg]) => new Exact((neg ? -1n : 1n) * (10n ** 100n - k), s)),
    fc.constantFrom(new Exact(0), new Exact('1.5'), new Exact(2n ** 53n + 1n, 2)),
  );
  const small = fc.oneof(
    fc.tuple(fc.integer({ min: -(10 ** 9), max: 10 ** 9 }), fc.integer({ min: 0, max: 6 })).map(([c, s]) => new Exact(c, s)),
    fc.tuple(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 3 })).map(([c, s]) => new Exact(c, s)),
    fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 9n }), fc.bigInt({ min: 3n, max: 999n })).map(([n, d]) => quotient(n, d, 0)),
    fc.constantFrom(new Exact(0), new Exact('-0.5'), new Exact('1e-120'), new Exact('1e40')),
  );

  it('equals a left fold of plus(), in coefficient and scale', () => {
    fc.assert(
      fc.property(bigStart, fc.array(small, { maxLength: 60 }), (start, ys) => {
        const sum = new RunningSum(start);
        let fold = start;
        for (const y of ys) {
          sum.add(y);
          fold = fold.plus(y);
        }
        expect(exactly(sum.value())).toBe(exactly(fold));
      }),
      { numRuns: RUNS },
    );
  });

  it('rounds where plus() rounds: small values that carry a 100-digit total past 10^100', () => {
    const start = new Exact(10n ** 100n - 7n, 95); // 10^5 − 7·10^-95
    const sum = new RunningSum(start);
    let fold = start;
    for (let k = 0; k < 20; k++) {
      const y = new Exact(3 + (k % 5), 0);
      sum.add(y);
      fold = fold.plus(y);
    }
    expect(exactly(sum.value())).toBe(exactly(fold));
    expect(fold.scale).toBeLessThan(95);
  });

  it('passes through zero as plus() does (a zero total keeps no decimals)', () => {
    const start = new Exact(10n ** 20n, 5); // 10^15, a BigInt coefficient
    const sum = new RunningSum(start);
    let fold = start;
    for (const y of [new Exact(-(10 ** 15), 0), new Exact(1, 0)]) {
      sum.add(y);
      fold = fold.plus(y);
    }
    expect(exactly(fold)).toBe('1@0');
    expect(exactly(sum.value())).toBe(exactly(fold));
  });
});
