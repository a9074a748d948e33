/**
 * Rounding modes as named pure functions. The table is the classic one from Java's RoundingMode
 * documentation (5.5, 2.5, 1.6, 1.1, 1.0 and their negatives to 0 places); HALF_UP rounds
 * halves away from zero, which is the convention of Chinese fund accounting (0.005 → 0.01).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Exact } from './exact.js';
import { r2, round, ROUNDING_MODES, type RoundingMode } from './round.js';

const dec = (x: string): Exact => new Exact(x);
const show = (x: Exact): string => x.toFixed();

const INPUTS = ['5.5', '2.5', '1.6', '1.1', '1.0', '-1.0', '-1.1', '-1.6', '-2.5', '-5.5'] as const;
const TABLE: Record<RoundingMode, readonly string[]> = {
  UP: ['6', '3', '2', '2', '1', '-1', '-2', '-2', '-3', '-6'],
  DOWN: ['5', '2', '1', '1', '1', '-1', '-1', '-1', '-2', '-5'],
  CEIL: ['6', '3', '2', '2', '1', '-1', '-1', '-1', '-2', '-5'],
  FLOOR: ['5', '2', '1', '1', '1', '-1', '-2', '-2', '-3', '-6'],
  HALF_UP: ['6', '3', '2', '1', '1', '-1', '-1', '-2', '-3', '-6'],
  HALF_DOWN: ['5', '2', '2', '1', '1', '-1', '-1', '-2', '-2', '-5'],
  HALF_EVEN: ['6', '2', '2', '1', '1', '-1', '-1', '-2', '-2', '-6'],
};

describe('round', () => {
  it('offers exactly the seven named modes', () => {
    expect([...ROUNDING_MODES].sort()).toEqual(Object.keys(TABLE).sort());
  });

  describe.each(Object.keys(TABLE) as RoundingMode[])('%s', (mode) => {
    it.each(INPUTS.map((x, i) => [x, (TABLE[mode] as readonly string[])[i] as string]))('%s → %s', (x, want) => {
      expect(show(round(dec(x), 0, mode))).toBe(want);
    });
  });

  it('HALF_UP rounds halves away from zero at two places', () => {
    expect(show(round(dec('0.005'), 2, 'HALF_UP'))).toBe('0.01');
    expect(show(round(dec('-0.005'), 2, 'HALF_UP'))).toBe('-0.01');
    expect(show(round(dec('0.0049999999999999'), 2, 'HALF_UP'))).toBe('0');
    expect(show(round(dec('2.675'), 2, 'HALF_UP'))).toBe('2.68'); // 2.675 as a double is 2.67499…
    expect(show(round(dec('13863168.6416666666'), 2, 'HALF_UP'))).toBe('13863168.64');
  });

  it('r2 is round(x, 2, HALF_UP)', () => {
    for (const x of ['0.005', '-0.005', '1.234', '-1.235', '342216000', '0.0001']) {
      expect(show(r2(dec(x)))).toBe(show(round(dec(x), 2, 'HALF_UP')));
    }
  });

  it('never returns negative zero', () => {
    for (const mode of ROUNDING_MODES) {
      for (const x of ['-0.004', '-0.0001', '-0.4', '-0']) {
        const places = x === '-0.4' ? 0 : 2;
        const r = round(dec(x), places, mode);
        if (r.isZero()) {
          expect(r.isNegative(), `${mode} ${x}`).toBe(false);
          expect(r.toFixed(2)).toBe('0.00');
        }
      }
    }
  });

  it('keeps long values exact (no 20-digit precision loss)', () => {
    expect(show(round(dec('123456789012345678901234567890.125'), 2, 'HALF_UP'))).toBe('123456789012345678901234567890.13');
    expect(show(round(dec('123456789012345678901234567890.125'), 2, 'HALF_EVEN'))).toBe('123456789012345678901234567890.12');
  });

  it('properties: HALF_UP is within half a fen, symmetric in sign; CEIL and FLOOR mirror each other', () => {
    const value = fc.tuple(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.integer({ min: 0, max: 6 })).map(([n, places]) => new Exact(n, places));
    fc.assert(
      fc.property(value, (x) => {
        const h = r2(x);
        expect(h.minus(x).abs().lte(dec('0.005'))).toBe(true);
        expect(h.decimalPlaces()).toBeLessThanOrEqual(2);
        for (const mode of ['HALF_UP', 'HALF_DOWN', 'HALF_EVEN', 'UP', 'DOWN'] as const) {
          expect(show(round(x.neg(), 2, mode))).toBe(show(round(x, 2, mode).neg().plus(0)));
        }
        expect(show(round(x.neg(), 2, 'CEIL'))).toBe(show(round(x, 2, 'FLOOR').neg().plus(0)));
      }),
    );
  });
});

/** Rounds the rational a ÷ b to `places` with `mode`, in integers: the exact answer. */
function exactRound(a: bigint, b: bigint, places: number, mode: RoundingMode): string {
  const neg = a < 0n !== b < 0n && a !== 0n;
  const num = (a < 0n ? -a : a) * 10n ** BigInt(places);
  const den = b < 0n ? -b : b;
  let q = num / den;
  const r = num % den;
  const twice = 2n * r;
  const away =
    r === 0n ? false
    : mode === 'UP' ? true
    : mode === 'DOWN' ? false
    : mode === 'CEIL' ? !neg
    : mode === 'FLOOR' ? neg
    : twice > den ? true
    : twice < den ? false
    : mode === 'HALF_UP' ? true
    : mode === 'HALF_DOWN' ? false
    : q % 2n === 1n;
  if (away) q += 1n;
  return new Exact(neg ? -q : q, places).toFixed();
}

describe('a quotient cut at 100 digits is rounded as its exact value', () => {
  it('20,151,370.71 ÷ (4,000 ÷ 115) = 579,351.9079125 exactly: HALF_UP to 6 places is …913', () => {
    const points = new Exact(4000).div(115);
    expect(show(round(new Exact('20151370.71').div(points), 6, 'HALF_UP'))).toBe('579351.907913');
  });

  it('(1 ÷ 3) × 3 is 1 for every mode; a short value near a boundary keeps its own rounding', () => {
    const one = new Exact(1).div(3).times(3);
    for (const mode of ROUNDING_MODES) expect(show(round(one, 0, mode)), mode).toBe('1');
    expect(show(round(dec('0.4999999'), 0, 'HALF_UP'))).toBe('0');
    expect(show(round(dec('2.0000001'), 0, 'CEIL'))).toBe('3');
  });

  it('agrees with rational arithmetic on a ÷ (b ÷ c), ties and whole steps included', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        fc.constantFrom(3n, 7n, 9n, 11n, 13n, 115n, 300n, 997n),
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom(...ROUNDING_MODES),
        fc.boolean(),
        (a0, b, c, places, mode, onTie) => {
          // a ÷ (b ÷ c) = a × c ÷ b; with onTie, a is chosen so that it lies on a tie or a step.
          const a = onTie ? (a0 * b * 5n) / c / 10n ** BigInt(Math.min(places, 3)) : a0;
          const got = round(new Exact(a, 2).div(new Exact(b).div(new Exact(c))), places, mode).toFixed();
          expect(got).toBe(exactRound(a * c, b * 100n, places, mode));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
