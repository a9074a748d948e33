/**
 * split(): the single allocator (largest remainder on fen, ties to the earlier part —
 * shared/PRESETS.md). Examples pin the published cases; properties check the contract against
 * the reference's BigInt split (test/reference/rational.ts), which shares no code with this one.
 */
import DecimalModule from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fmtExact, rat, split as referenceSplit, type Rat } from '../../test/reference/rational.js';
import { Exact } from './exact.js';
import { split } from './split.js';

const dec = (x: string | number): Exact => new Exact(x);

/** Splits and prints the parts with two decimals, after checking each is a whole number of fen. */
function parts(amount: string, weights: readonly (string | number)[], unit?: string): string[] {
  const r = unit === undefined ? split(dec(amount), weights.map(dec)) : split(dec(amount), weights.map(dec), dec(unit));
  if (!r.ok) throw new Error(`split failed: ${r.problem}`);
  for (const p of r.parts) expect(p.decimalPlaces()).toBeLessThanOrEqual(2);
  return r.parts.map((p) => p.toFixed(2));
}

describe('split — examples', () => {
  it('splits 0.77 by 10/20/70 into 0.08, 0.15, 0.54 (PRESETS.md)', () => {
    // Exact shares 7.7, 15.4, 53.9 fen → floors 7, 15, 53 (75 fen); the two fen left over go to
    // the largest remainders, .9 (third) and .7 (first).
    expect(parts('0.77', [10, 20, 70])).toEqual(['0.08', '0.15', '0.54']);
  });

  it('gives a leftover fen to the earlier of two parts with equal remainders', () => {
    expect(parts('0.01', [1, 1])).toEqual(['0.01', '0.00']);
    expect(parts('0.02', [1, 1, 1])).toEqual(['0.01', '0.01', '0.00']);
    expect(parts('0.05', [1, 1, 1, 1])).toEqual(['0.02', '0.01', '0.01', '0.01']);
    expect(parts('100.00', [1, 1, 1])).toEqual(['33.34', '33.33', '33.33']);
  });

  it('gives the leftover fen to the largest remainder, not simply to the first part', () => {
    // Shares 1/3 and 2/3 of a fen: the second part has the larger remainder.
    expect(parts('0.01', [1, 2])).toEqual(['0.00', '0.01']);
    // Shares 0.3, 0.3, 2.4 fen: the one fen left goes to the third part's .4.
    expect(parts('0.03', [1, 1, 8])).toEqual(['0.00', '0.00', '0.03']);
    // Shares ⅓, ⅓, 1⅓ fen: three equal remainders, so the first part gets the fen.
    expect(parts('0.02', [1, 1, 4])).toEqual(['0.01', '0.00', '0.01']);
  });

  it('reproduces DOMAIN.md E1: 6:4 between levels, then within each level by weight', () => {
    expect(parts('22860028.80', [6, 4])).toEqual(['13716017.28', '9144011.52']);
    expect(parts('13716017.28', [60, 25, 15])).toEqual(['8229610.37', '3429004.32', '2057402.59']);
    expect(parts('9144011.52', [1830, 1520, 1210, 1105, 960, 875, 790, 710])).toEqual([
      '1859282.34', '1544321.95', '1229361.55', '1122681.41', '975361.23', '889001.12', '802641.01', '721360.91',
    ]);
  });

  it('splits zero into zeros whatever the weights, even all-zero ones', () => {
    expect(parts('0', [1, 2, 3])).toEqual(['0.00', '0.00', '0.00']);
    expect(parts('0.00', [0, 0])).toEqual(['0.00', '0.00']);
    const r = split(dec('0'), [dec(0), dec(0)]);
    expect(r.ok && r.parts.every((p) => !p.isNegative())).toBe(true);
  });

  it('refuses a positive amount with all-zero weights (weights_all_zero), and no weights at all', () => {
    expect(split(dec('0.01'), [dec(0), dec(0)])).toEqual({ ok: false, problem: 'weights_all_zero' });
    expect(split(dec('100.00'), [])).toEqual({ ok: false, problem: 'weights_all_zero' });
    expect(split(dec('-5.00'), [dec('0.000')])).toEqual({ ok: false, problem: 'weights_all_zero' });
  });

  it('refuses a negative weight and says which one (negative_weight)', () => {
    expect(split(dec('1.00'), [dec(1), dec(-1)])).toEqual({ ok: false, problem: 'negative_weight', index: 1 });
    expect(split(dec('0'), [dec('-0.5'), dec(2)])).toEqual({ ok: false, problem: 'negative_weight', index: 0 });
  });

  it('accepts a negative zero weight as zero', () => {
    expect(parts('1.00', ['-0', 1])).toEqual(['0.00', '1.00']);
  });

  it('splits a negative amount as the mirror image of the positive one', () => {
    expect(parts('-0.77', [10, 20, 70])).toEqual(['-0.08', '-0.15', '-0.54']);
  });

  it('uses decimal weights exactly (0.5 : 0.5, 1/3-like weights)', () => {
    expect(parts('898148.21', ['0.5', '0.5'])).toEqual(['449074.11', '449074.10']);
    expect(parts('1.00', ['0.333', '0.333', '0.334'])).toEqual(['0.33', '0.33', '0.34']);
  });

  it('splits in larger units when asked (unit 1 yuan)', () => {
    const r = split(dec('10'), [dec(1), dec(1), dec(1)], dec('1'));
    expect(r.ok && r.parts.map((p) => p.toFixed())).toEqual(['4', '3', '3']);
  });

  it('keeps a fraction of a fen with the first weighted part, so the parts still sum exactly', () => {
    const r = split(dec('1.005'), [dec(0), dec(1), dec(2)]);
    if (!r.ok) throw new Error(r.problem);
    expect(r.parts.map((p) => p.toFixed())).toEqual(['0', '0.335', '0.67']);
    expect(r.parts.reduce((a, p) => a.plus(p), dec(0)).toFixed()).toBe('1.005');
  });

  it('returns exact shares that explain the parts', () => {
    const r = split(dec('0.77'), [dec(10), dec(20), dec(70)]);
    if (!r.ok) throw new Error(r.problem);
    expect(r.exact.map((e) => e.toFixed())).toEqual(['0.077', '0.154', '0.539']);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

/** A weight as decimal text with up to three places; zero often enough to matter. */
const weightText = fc
  .tuple(fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.integer({ min: 1, max: 1_000_000 }) }), fc.integer({ min: 0, max: 3 }))
  .map(([n, places]) => fmtExact(rat(BigInt(n), 10n ** BigInt(places))));

/** Weights with at least one positive. */
const weightsArb = fc.array(weightText, { minLength: 1, maxLength: 12 }).filter((ws) => ws.some((w) => w !== '0'));

/** Amounts in fen: small ones (where ties are common) and large ones (up to 10^13 yuan). */
const fenArb = fc.oneof(fc.bigInt({ min: 0n, max: 300n }), fc.bigInt({ min: 0n, max: 10n ** 15n }));

const fenText = (fen: bigint): string => {
  const neg = fen < 0n;
  const s = (neg ? -fen : fen).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
};
const toFen = (p: Exact): bigint => BigInt(p.times(100).toFixed(0));
const ratOf = (w: string): Rat => {
  const [i = '0', f = ''] = w.split('.');
  return rat(BigInt(i + f), 10n ** BigInt(f.length));
};

function run(fen: bigint, ws: readonly string[]): Exact[] {
  const r = split(dec(fenText(fen)), ws.map(dec));
  if (!r.ok) throw new Error(`split failed: ${r.problem}`);
  return [...r.parts];
}

/** A part as its text and scale, so two splits can be compared digit for digit. */
const shape = (p: Exact): string => `${p.toFixed()}@${p.scale}`;

describe('split — properties', () => {
  it('parts sum exactly to the amount, and each is a whole number of fen', () => {
    fc.assert(
      fc.property(fenArb, weightsArb, (fen, ws) => {
        const ps = run(fen, ws);
        expect(ps).toHaveLength(ws.length);
        for (const p of ps) expect(p.decimalPlaces()).toBeLessThanOrEqual(2);
        expect(ps.reduce((a, p) => a.plus(p), dec(0)).eq(dec(fenText(fen)))).toBe(true);
      }),
    );
  });

  it('each part is within one fen of its exact share (the floor of the share or one fen more)', () => {
    fc.assert(
      fc.property(fenArb, weightsArb, (fen, ws) => {
        const ps = run(fen, ws);
        const rs = ws.map(ratOf);
        // Over a common denominator the weights are integers; share_i = fen × w_i ÷ W exactly.
        const common = rs.reduce((l, r) => l * r.d, 1n);
        const ints = rs.map((r) => (r.n * common) / r.d);
        const total = ints.reduce((a, b) => a + b, 0n);
        ps.forEach((p, i) => {
          const floor = (fen * (ints[i] as bigint)) / total;
          const got = toFen(p);
          expect(got === floor || got === floor + 1n, `part ${i}: ${got} fen, share floor ${floor}`).toBe(true);
        });
      }),
    );
  });

  it('equals the reference largest-remainder split (ties to the earlier part)', () => {
    fc.assert(
      fc.property(fenArb, weightsArb, (fen, ws) => {
        expect(run(fen, ws).map(toFen)).toEqual(referenceSplit(fen, ws.map(ratOf)));
      }),
    );
  });

  it('exact shares are amount × w ÷ Σw as decimal.js divides them (100 significant digits)', () => {
    const Decimal = DecimalModule as unknown as typeof DecimalModule.default;
    const Ref = Decimal.clone({ precision: 100, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -9e15, toExpPos: 9e15 });
    const amountArb = fc.oneof(fenArb.map(fenText), fc.tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 12 })).map(([n, e]) => new Ref(`${n}e-${e}`).toFixed()));
    fc.assert(
      fc.property(amountArb, weightsArb, (amount, ws) => {
        const r = split(dec(amount), ws.map(dec));
        fc.pre(r.ok);
        if (!r.ok) return;
        const total = ws.reduce((a, w) => a.plus(w), new Ref(0));
        r.exact.forEach((e, i) => {
          const want = new Ref(amount).times(ws[i] as string).div(total);
          expect(e.toFixed()).toBe(want.isZero() ? '0' : want.toFixed());
        });
      }),
    );
  });

  it('is deterministic: the same input gives the same parts', () => {
    fc.assert(
      fc.property(fenArb, weightsArb, (fen, ws) => {
        expect(run(fen, ws).map((p) => p.toFixed())).toEqual(run(fen, [...ws]).map((p) => p.toFixed()));
      }),
    );
  });

  it('among equal weights, an earlier part never gets less than a later one, and at most one fen more', () => {
    fc.assert(
      fc.property(fenArb, weightsArb, fc.integer({ min: 2, max: 6 }), (fen, ws, copies) => {
        // Repeat one weight several times at random places among the others.
        const w = ws.find((x) => x !== '0') as string;
        const list = [...ws];
        for (let k = 0; k < copies; k++) list.splice((k * 7919) % (list.length + 1), 0, w);
        const ps = run(fen, list);
        const same = list.map((x, i) => (x === w ? i : -1)).filter((i) => i >= 0);
        for (let k = 1; k < same.length; k++) {
          const earlier = toFen(ps[same[k - 1] as number] as Exact);
          const later = toFen(ps[same[k] as number] as Exact);
          expect(earlier - later === 0n || earlier - later === 1n).toBe(true);
        }
      }),
    );
  });

  it('splits a negative amount as the negated split of its magnitude', () => {
    fc.assert(
      fc.property(fenArb, weightsArb, (fen, ws) => {
        expect(run(-fen, ws).map(toFen)).toEqual(run(fen, ws).map((p) => -toFen(p)));
      }),
    );
  });
});

describe('split — without exact shares', () => {
  // Bulk runs (no trace) take a JS-integer split while every figure stays below 2^52; it must
  // give the very parts of the BigInt split, across that limit too.
  const amountArb = fc.oneof(
    fenArb.map(fenText),
    fc.tuple(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.integer({ min: 0, max: 6 })).map(([n, e]) => `${n}e-${e}`),
    fc.bigInt({ min: 2n ** 52n - 2000n, max: 2n ** 52n + 2000n }).map((n) => fenText(n)),
  );
  const unitArb = fc.constantFrom('0.01', '0.01', '1', '0.1', '100', '0.001', '0.010');
  const weightsWide = fc.array(fc.oneof(weightText, fc.bigInt({ min: 0n, max: 2n ** 53n }).map(String), fc.constantFrom('1.50', '2.000', '0')), { minLength: 1, maxLength: 12 });

  it('gives the same parts, or the same problem, as the split with exact shares', () => {
    fc.assert(
      fc.property(amountArb, weightsWide, unitArb, (amount, ws, unit) => {
        const a = split(dec(amount), ws.map(dec), dec(unit));
        const b = split(dec(amount), ws.map(dec), dec(unit), { exact: false });
        if (!a.ok || !b.ok) {
          expect(b).toEqual(a);
          return;
        }
        expect(b.parts.map(shape)).toEqual(a.parts.map(shape));
      }),
      { numRuns: 3000 },
    );
  });
});
