/**
 * fast-check arbitraries of valid input documents for every preset (plain JSON objects).
 *
 * Money is written as decimal text with at most two decimals ("980.00", "980.5", "980") or,
 * where the JSON number's text is exact (≤ 15 significant digits), as a JSON number. Scenarios
 * aim at the interesting places: surplus, exact balance, overspend, one fen either side of every
 * tier edge, single-member communities, zero-spending and zero-weight members.
 *
 * Every document is valid: ids are unique, every split that can receive a positive amount has a
 * positive weight, every DRG hospital has a coefficient for every group and the total points are
 * positive.
 */
import fc from 'fast-check';
import { zhejiangDrgArb } from './zhejiang-drg.js';
import {
  type Rat,
  add,
  fromFen,
  fromInt,
  ge,
  mul,
  parseDecimal,
  r2,
  rat,
  split,
  toFen,
  fmtExact,
  div,
} from './rational.js';
import type { PresetId } from './presets.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Doc = { [key: string]: Json };
type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

// ---------------------------------------------------------------------------------------------
// Writing values

type MoneyStyle = 'fixed2' | 'trim' | 'number';
const moneyStyle: fc.Arbitrary<MoneyStyle> = fc.constantFrom<MoneyStyle>('fixed2', 'fixed2', 'trim', 'number');

function fenText(fen: bigint): string {
  const neg = fen < 0n;
  const a = (neg ? -fen : fen).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${a.slice(0, -2)}.${a.slice(-2)}`;
}

/** Money in fen as JSON in one of three styles; numbers only where their text is exact. */
export function moneyJson(fen: bigint, style: MoneyStyle): string | number {
  const fixed = fenText(fen);
  if (style === 'fixed2') return fixed;
  const trimmed = fixed.replace(/0+$/, '').replace(/\.$/, '');
  if (style === 'trim') return trimmed;
  const abs = fen < 0n ? -fen : fen;
  return abs < 10n ** 15n ? Number(trimmed) : fixed; // ≤ 15 significant digits: String(Number(t)) === t
}

/** A non-negative decimal num / 10^places as JSON text or number (≤ 15 digits, so exact). */
function decimalJson(num: number, places: number, asNumber: boolean): string | number {
  const text = fmtExact(rat(BigInt(num), 10n ** BigInt(places)));
  return asNumber ? Number(text) : text;
}

const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length] as T;
const pct = (fen: bigint, rate: string): bigint => toFen(r2(mul(fromFen(fen), parseDecimal(rate))));
const clamp0 = (x: bigint): bigint => (x < 0n ? 0n : x);

/** A weight ≥ 0: zero, a whole number or a decimal with up to three places. */
const weightArb = fc
  .record({
    num: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 5, arbitrary: fc.integer({ min: 1, max: 100_000 }) }),
    places: fc.integer({ min: 0, max: 3 }),
    asNumber: fc.boolean(),
  })
  .map(({ num, places, asNumber }) => ({ positive: num > 0, json: decimalJson(num, places, asNumber) }));

/** A member's relative size for distributing a target spending; 0 makes a zero-spending member. */
const rawArb = fc.oneof({ weight: 1, arbitrary: fc.constant(0n) }, { weight: 4, arbitrary: fc.bigInt({ min: 1n, max: 1000n }) });

/** Distribute `target` fen over members (and out-of-county care) in proportion to raw sizes. */
function distribute(target: bigint, memberRaws: readonly bigint[], outRaw: bigint): { members: bigint[]; out: bigint } {
  const raws = [...memberRaws, outRaw];
  if (raws.every((r) => r === 0n)) return { members: memberRaws.map(() => 0n), out: target };
  const parts = split(target, raws.map((r) => fromInt(r)));
  return { members: parts.slice(0, -1), out: parts[parts.length - 1] as bigint };
}

/**
 * A spending target around `base` fen: a random ratio, exactly `base`, one fen either side,
 * and for every edge e: base + e − 1, base + e, base + e + 1. Never negative.
 */
function targetAround(base: bigint, edges: readonly bigint[] = []): fc.Arbitrary<bigint> {
  const arbs: fc.Arbitrary<bigint>[] = [
    fc.integer({ min: 0, max: 2000 }).map((pm) => (base * BigInt(pm)) / 1000n),
    fc.integer({ min: 900, max: 1100 }).map((pm) => (base * BigInt(pm)) / 1000n),
    fc.constantFrom(-2n, -1n, 0n, 1n, 2n).map((d) => base + d),
  ];
  if (edges.length > 0) {
    arbs.push(
      fc.tuple(fc.constantFrom(...edges), fc.constantFrom(-1n, 0n, 1n)).map(([e, d]) => base + e + d),
    );
  }
  return fc.oneof(...arbs).map(clamp0);
}

// ---------------------------------------------------------------------------------------------
// Capitation presets: yangxi, sanming/kunming/gaoping, guangxi

const capitationBase = fc.record({
  insured: fc.oneof(fc.integer({ min: 0, max: 2_000_000 }), fc.constantFrom(1, 400_000)),
  perCapitaFen: fc.oneof(fc.bigInt({ min: 0n, max: 300_000n }), fc.constant(98_000n)),
  policyPermille: fc.integer({ min: 0, max: 100 }),
  styles: fc.array(moneyStyle, { minLength: 4, maxLength: 4 }),
});
type CapitationBase = ValueOf<typeof capitationBase>;

function capitation(b: CapitationBase): { grossFen: bigint; policyFen: bigint; head: Doc } {
  const grossFen = BigInt(b.insured) * b.perCapitaFen;
  const policyFen = (grossFen * BigInt(b.policyPermille)) / 1000n;
  return {
    grossFen,
    policyFen,
    head: {
      insured: b.insured,
      perCapita: moneyJson(b.perCapitaFen, pick(b.styles, 0)),
      policyExpenses: moneyJson(policyFen, pick(b.styles, 1)),
    },
  };
}

const memberSeed = fc.record({ raw: rawArb, weight: weightArb, style: moneyStyle, county: fc.boolean() });
type MemberSeed = ValueOf<typeof memberSeed>;

const idStyles = [(i: number) => `m${i + 1}`, (i: number) => `unit-${i + 1}`, (i: number) => `H_${String(i + 1).padStart(2, '0')}`];

export const yangxiArb: fc.Arbitrary<Doc> = capitationBase.chain((b) => {
  const { grossFen, policyFen, head } = capitation(b);
  const net = grossFen - policyFen;
  const adj = pct(net, '0.02');
  const risk = pct(net, '0.08');
  const pkg = net - adj - risk;
  return fc
    .record({
      target: targetAround(pkg, [risk, risk + adj]),
      seeds: fc.array(memberSeed, { minLength: 2, maxLength: 11 }),
      outRaw: rawArb,
      outStyle: moneyStyle,
      idStyle: fc.integer({ min: 0, max: idStyles.length - 1 }),
    })
    .map(({ target, seeds, outRaw, outStyle, idStyle }) => {
      const ms = seeds.map((s) => ({ ...s, level: s.county ? 'county' : 'town' }));
      if (!ms.some((m) => m.level === 'county')) (ms[0] as { level: string }).level = 'county';
      if (!ms.some((m) => m.level === 'town')) (ms[ms.length - 1] as { level: string }).level = 'town';
      for (const level of ['county', 'town']) {
        const of = ms.filter((m) => m.level === level);
        if (!of.some((m) => m.weight.positive)) (of[0] as MemberSeed).weight = { positive: true, json: 1 };
      }
      const d = distribute(target, ms.map((m) => m.raw), outRaw);
      return {
        ...head,
        outOfCountySpending: moneyJson(d.out, outStyle),
        members: ms.map((m, i) => ({
          id: pick(idStyles, idStyle)(i),
          level: m.level,
          spending: moneyJson(d.members[i] as bigint, m.style),
          weight: m.weight.json,
        })),
      };
    });
});

/** sanming, kunming, gaoping share one input shape. */
export const wholePackageArb: fc.Arbitrary<Doc> = capitationBase.chain((b) => {
  const { grossFen, policyFen, head } = capitation(b);
  return fc
    .record({
      target: targetAround(grossFen - policyFen),
      seeds: fc.array(memberSeed, { minLength: 1, maxLength: 12 }),
      outRaw: rawArb,
      outStyle: moneyStyle,
    })
    .map(({ target, seeds, outRaw, outStyle }) => {
      const d = distribute(target, seeds.map((m) => m.raw), outRaw);
      return {
        ...head,
        outOfCountySpending: moneyJson(d.out, outStyle),
        members: seeds.map((m, i) => ({ id: `m${i + 1}`, spending: moneyJson(d.members[i] as bigint, m.style) })),
      };
    });
});

export const guangxiArb: fc.Arbitrary<Doc> = capitationBase.chain((b) => {
  const { grossFen, policyFen, head } = capitation(b);
  const pkg = grossFen - policyFen;
  const cap = pct(pkg, '0.10');
  return fc
    .record({
      target: targetAround(pkg, [cap]),
      seeds: fc.array(memberSeed, { minLength: 1, maxLength: 10 }),
      outRaw: rawArb,
      outStyle: moneyStyle,
    })
    .map(({ target, seeds, outRaw, outStyle }) => {
      const ms = seeds.map((s) => ({ ...s }));
      if (!ms.some((m) => m.weight.positive)) (ms[0] as MemberSeed).weight = { positive: true, json: '1' };
      const d = distribute(target, ms.map((m) => m.raw), outRaw);
      return {
        ...head,
        outOfCountySpending: moneyJson(d.out, outStyle),
        members: ms.map((m, i) => ({
          id: `gx${i + 1}`,
          spending: moneyJson(d.members[i] as bigint, m.style),
          weight: m.weight.json,
        })),
      };
    });
});

// ---------------------------------------------------------------------------------------------
// suixi

/** A score 0–100 with up to two decimals, often on the 60 floor or next to it. */
const scoreArb = fc
  .oneof(
    fc.constantFrom(0, 5900, 5999, 6000, 6001, 6100, 10000),
    fc.integer({ min: 0, max: 10_000 }),
  )
  .chain((hundredths) => fc.boolean().map((asNumber) => ({ hundredths, json: decimalJson(hundredths, 2, asNumber) })));

export const suixiArb: fc.Arbitrary<Doc> = fc
  .record({ pkg: fc.bigInt({ min: 0n, max: 50_000_000_000n }), pkgStyle: moneyStyle })
  .chain(({ pkg, pkgStyle }) =>
    fc
      .record({
        target: targetAround(pkg),
        score: scoreArb,
        seeds: fc.array(fc.record({ raw: rawArb, weight: weightArb, style: moneyStyle, score: scoreArb }), {
          minLength: 1,
          maxLength: 10,
        }),
        outRaw: rawArb,
        outStyle: moneyStyle,
      })
      .map(({ target, score, seeds, outRaw, outStyle }) => {
        const ms = seeds.map((s) => ({ ...s }));
        const surplus = clamp0(pkg - target);
        const retained =
          score.hundredths >= 6000 ? toFen(r2(div(mul(fromFen(surplus), rat(BigInt(score.hundredths), 100n)), fromInt(100)))) : 0n;
        const eligible = (m: (typeof ms)[number]): boolean => m.weight.positive && m.score.hundredths >= 6000;
        if (retained > 0n && !ms.some(eligible)) {
          const first = ms[0] as (typeof ms)[number];
          first.weight = { positive: true, json: 1 };
          if (first.score.hundredths < 6000) first.score = { hundredths: 6000, json: 60 };
        }
        const d = distribute(target, ms.map((m) => m.raw), outRaw);
        return {
          package: moneyJson(pkg, pkgStyle),
          outOfCountySpending: moneyJson(d.out, outStyle),
          score: score.json,
          members: ms.map((m, i) => ({
            id: `sx${i + 1}`,
            spending: moneyJson(d.members[i] as bigint, m.style),
            weight: m.weight.json,
            score: m.score.json,
          })),
        };
      }),
  );

// ---------------------------------------------------------------------------------------------
// ningbo, guangyuan-2019 — two fund types

const FUNDS = ['employee', 'resident'] as const;

export const ningboArb: fc.Arbitrary<Doc> = fc
  .record({
    employee: fc.bigInt({ min: 0n, max: 100_000_000_000n }),
    resident: fc.bigInt({ min: 0n, max: 100_000_000_000n }),
  })
  .chain((last) => {
    const budget = (f: (typeof FUNDS)[number]): bigint => pct(last[f], f === 'employee' ? '1.10' : '1.05');
    return fc
      .record({
        employee: targetAround(budget('employee')),
        resident: targetAround(budget('resident')),
        styles: fc.array(moneyStyle, { minLength: 4, maxLength: 4 }),
      })
      .map(({ employee, resident, styles }) => ({
        lastYearBudget: {
          employee: moneyJson(last.employee, pick(styles, 0)),
          resident: moneyJson(last.resident, pick(styles, 1)),
        },
        actualSpending: { employee: moneyJson(employee, pick(styles, 2)), resident: moneyJson(resident, pick(styles, 3)) },
      }));
  });

export const guangyuan2019Arb: fc.Arbitrary<Doc> = fc
  .record({
    employee: fc.bigInt({ min: 0n, max: 10_000_000_000n }),
    resident: fc.bigInt({ min: 0n, max: 10_000_000_000n }),
  })
  .chain((budget) =>
    fc
      .record({
        employee: targetAround(budget.employee, [pct(budget.employee, '0.20')]),
        resident: targetAround(budget.resident, [pct(budget.resident, '0.20')]),
        styles: fc.array(moneyStyle, { minLength: 4, maxLength: 4 }),
      })
      .map(({ employee, resident, styles }) => ({
        budget: { employee: moneyJson(budget.employee, pick(styles, 0)), resident: moneyJson(budget.resident, pick(styles, 1)) },
        actual: { employee: moneyJson(employee, pick(styles, 2)), resident: moneyJson(resident, pick(styles, 3)) },
      })),
  );

// ---------------------------------------------------------------------------------------------
// shenzhen, beijing-2012 — tiers on a rate of the standard / budget

/** A base amount in fen: random, or a multiple of `step` so that rate edges fall on whole fen. */
const baseFen = (step: bigint, max: bigint): fc.Arbitrary<bigint> =>
  fc.oneof(fc.bigInt({ min: 1n, max }), fc.bigInt({ min: 1n, max: max / step }).map((k) => k * step));

/** Fen just below and above rate × base (both equal to it when exact). */
function edgeFen(base: bigint, rate: string): bigint[] {
  const e = mul(fromFen(base), parseDecimal(rate));
  const scaled = mul(e, fromInt(100));
  const lo = scaled.n / scaled.d;
  return scaled.d === 1n ? [lo] : [lo, lo + 1n];
}

export const shenzhenArb: fc.Arbitrary<Doc> = baseFen(20n, 20_000_000_000n).chain((standard) =>
  fc
    .record({
      actual: targetAround(standard, [...edgeFen(standard, '0.05'), ...edgeFen(standard, '0.10')]),
      approved: fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 2_000_000_000n }), moneyStyle), {
        minLength: 1,
        maxLength: 12,
      }),
      styles: fc.array(moneyStyle, { minLength: 2, maxLength: 2 }),
    })
    .map(({ actual, approved, styles }) => ({
      standard: moneyJson(standard, pick(styles, 0)),
      actual: moneyJson(actual, pick(styles, 1)),
      monthlyApproved: approved.map(([fen, style]) => moneyJson(fen, style)),
    })),
);

export const beijing2012Arb: fc.Arbitrary<Doc> = baseFen(10n, 20_000_000_000n).chain((budget) =>
  fc
    .record({ actual: targetAround(budget, edgeFen(budget, '0.10')), styles: fc.array(moneyStyle, { minLength: 2, maxLength: 2 }) })
    .map(({ actual, styles }) => ({ budget: moneyJson(budget, pick(styles, 0)), actual: moneyJson(actual, pick(styles, 1)) })),
);

// ---------------------------------------------------------------------------------------------
// guangdong-2025

/** A growth rate ≥ 0 as JSON: on the 4.5% default, one step either side, or random. */
const regionGrowthArb = fc.oneof(
  fc.constantFrom<Json>('0.045', '0.0449', '0.0451', '4.5%', '0.06', '6%', '0', 0.03, 0.045, '0.10'),
  fc.integer({ min: 0, max: 1200 }).map((k) => decimalJson(k, 4, false)),
);

export const guangdong2025Arb: fc.Arbitrary<Doc> = fc
  .record({
    reformYear: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 8 })),
    previous: fc.array(fc.bigInt({ min: 0n, max: 100_000_000_000n }), { minLength: 3, maxLength: 3 }),
    lastYearBudget: fc.bigInt({ min: 0n, max: 100_000_000_000n }),
    regionFundGrowth: regionGrowthArb,
    styles: fc.array(moneyStyle, { minLength: 5, maxLength: 5 }),
  })
  .chain((g) => {
    const growth = parseDecimal('0.045');
    const region = parseDecimal(String(g.regionFundGrowth));
    const factor = add(fromInt(1), ge(region, growth) ? growth : region);
    const base =
      g.reformYear === 1
        ? div(fromFen(g.previous.reduce((a, b) => a + b, 0n)), fromInt(3))
        : fromFen(g.lastYearBudget);
    const budget = toFen(r2(mul(base, factor)));
    return targetAround(budget, [pct(budget, '0.10')]).map((actual) => ({
      reformYear: g.reformYear,
      previousPayments: g.previous.map((fen, i) => moneyJson(fen, pick(g.styles, i))),
      lastYearBudget: moneyJson(g.lastYearBudget, pick(g.styles, 3)),
      regionFundGrowth: g.regionFundGrowth,
      actualSpending: moneyJson(actual, pick(g.styles, 4)),
    }));
  });

// ---------------------------------------------------------------------------------------------
// drg-points

const groupSeed = fc.record({
  // base points 0.0001 … 20,000 with up to four decimals
  baseNum: fc.integer({ min: 1, max: 2_000_000 }),
  basePlaces: fc.integer({ min: 2, max: 4 }),
  baseAsNumber: fc.boolean(),
  // small mean costs (3.00, 7.00 …) make non-terminating points for incomplete cases
  meanCostFen: fc.oneof(fc.bigInt({ min: 1n, max: 20_000_000n }), fc.constantFrom(300n, 700n, 900_000n, 1_100n)),
  meanStyle: moneyStyle,
});

/** A coefficient 0.0001 … 3 (often 1, or near it). */
const coefficientArb = fc.record({
  num: fc.oneof(fc.integer({ min: 1, max: 30_000 }), fc.constantFrom(10_000, 9_999, 10_001, 12_000, 8_500)),
  places: fc.constant(4),
  asNumber: fc.boolean(),
});

const reserveRateArb = fc.option(fc.constantFrom<Json>('5%', '0.05', '0.03', '0', 0.05, '10%', '2.5%'), { nil: undefined });

export const drgPointsArb: fc.Arbitrary<Doc> = fc
  .record({
    groups: fc.array(groupSeed, { minLength: 1, maxLength: 5 }),
    hospitalCount: fc.integer({ min: 1, max: 5 }),
    budget: fc.bigInt({ min: 1n, max: 100_000_000_000n }),
    budgetStyle: moneyStyle,
    reserveRate: reserveRateArb,
  })
  .chain((d) =>
    fc
      .record({
        coefficients: fc.array(fc.array(coefficientArb, { minLength: d.groups.length, maxLength: d.groups.length }), {
          minLength: d.hospitalCount,
          maxLength: d.hospitalCount,
        }),
        cases: fc.array(
          fc.record({
            hospital: fc.integer({ min: 0, max: d.hospitalCount - 1 }),
            group: fc.integer({ min: 0, max: d.groups.length - 1 }),
            complete: fc.option(fc.boolean(), { nil: undefined }),
            halved: fc.option(fc.boolean(), { nil: undefined }),
            costMode: fc.integer({ min: 0, max: 4 }),
            costPermille: fc.integer({ min: 0, max: 2000 }),
            costStyle: moneyStyle,
          }),
          { minLength: 1, maxLength: 60 },
        ),
      })
      .map(({ coefficients, cases }) => {
        const groupIds = d.groups.map((_, i) => `G${String(i + 1).padStart(3, '0')}`);
        // Every case of an all-incomplete, zero-cost list would give 0 points: keep one complete.
        const cs = cases.map((c) => ({ ...c }));
        const costOf = (c: (typeof cs)[number]): bigint => {
          const mean = (d.groups[c.group] as (typeof d.groups)[number]).meanCostFen;
          switch (c.costMode) {
            case 0:
              return mean;
            case 1:
              return clamp0(mean - 1n);
            case 2:
              return mean + 1n;
            default:
              return (mean * BigInt(c.costPermille)) / 1000n;
          }
        };
        if (cs.every((c) => c.complete === false && costOf(c) === 0n)) (cs[0] as (typeof cs)[number]).complete = true;
        const doc: Doc = {
          budget: moneyJson(d.budget, d.budgetStyle),
          groups: d.groups.map((g, i) => ({
            id: groupIds[i] as string,
            basePoints: decimalJson(g.baseNum, g.basePlaces, g.baseAsNumber),
            meanCost: moneyJson(g.meanCostFen, g.meanStyle),
          })),
          hospitals: coefficients.map((row, h) => ({
            id: `H${h + 1}`,
            coefficients: Object.fromEntries(row.map((c, g) => [groupIds[g] as string, decimalJson(c.num, c.places, c.asNumber)])),
          })),
          cases: cs.map((c) => {
            const out: Doc = { hospital: `H${c.hospital + 1}`, group: groupIds[c.group] as string, cost: moneyJson(costOf(c), c.costStyle) };
            if (c.complete !== undefined) out['complete'] = c.complete;
            if (c.halved !== undefined) out['halved'] = c.halved;
            return out;
          }),
        };
        if (d.reserveRate !== undefined) doc['reserveRate'] = d.reserveRate;
        return doc;
      }),
  );

// ---------------------------------------------------------------------------------------------

/** Valid random input documents for every preset, by preset id. */
export const arbitraries: Record<PresetId, fc.Arbitrary<unknown>> = {
  yangxi: yangxiArb,
  sanming: wholePackageArb,
  kunming: wholePackageArb,
  gaoping: wholePackageArb,
  ningbo: ningboArb,
  suixi: suixiArb,
  shenzhen: shenzhenArb,
  'guangyuan-2019': guangyuan2019Arb,
  'beijing-2012': beijing2012Arb,
  'drg-points': drgPointsArb,
  guangxi: guangxiArb,
  'guangdong-2025': guangdong2025Arb,
  'zhejiang-drg': zhejiangDrgArb,
};

/** Exposed for tests: the exact value of a weight/decimal JSON written by these arbitraries. */
export const exactOf = (v: string | number): Rat => parseDecimal(String(v));
