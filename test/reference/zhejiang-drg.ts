/**
 * Reference for the zhejiang-drg preset, written from docs/presets.md over exact rationals and
 * sharing nothing with the engine: Excel's QUARTILE.INC, the 1.5 × IQR fences per group and year,
 * means of the cases kept, years weighted 2 : 3 : 5, base points HALF_UP to 4 places, case points
 * by the cost ratio's band, payments by the largest remainder. Also its random input documents.
 */
import fc from 'fast-check';
import { type Rat, ZERO, add, compare, div, fmtExact, fmtMoney, fromInt, le, mul, roundHalfUp, sub, sum, toFixed, toRat, splitMoney, rat, floor } from './rational.js';

type Doc = Record<string, unknown>;
const YEARS = [2022, 2023, 2024];
const WEIGHTS = [2, 3, 5].map(fromInt);
const FENCE = rat(3n, 2n);
const LOW = rat(2n, 5n);
const MID = rat(4n, 5n);
const ADD = rat(1n, 5n);

const rows = (doc: Doc, key: string): Doc[] => doc[key] as Doc[];

/** Excel's QUARTILE.INC: rank q/4 × (n − 1) from 0, interpolated. */
function quartileInc(values: readonly Rat[], q: number): Rat {
  const xs = [...values].sort(compare);
  const r = mul(rat(BigInt(q), 4n), fromInt(xs.length - 1));
  const k = Number(floor(r));
  const frac = sub(r, fromInt(k));
  const lo = xs[k] as Rat;
  return compare(frac, ZERO) === 0 ? lo : add(lo, mul(frac, sub(xs[k + 1] as Rat, lo)));
}

const mean = (xs: readonly Rat[]): Rat => div(sum(xs), fromInt(xs.length));
const weighted = (means: readonly Rat[]): Rat => div(sum(means.map((m, i) => mul(m, WEIGHTS[i] as Rat))), sum(WEIGHTS));

type Past = { group: string; year: number; cost: Rat };

/** The historical cases within their group's fences of their year. */
function keptCases(doc: Doc): Past[] {
  const history = rows(doc, 'history').map((h) => ({ group: String(h['group']), year: Number(toRat(h['year']).n), cost: toRat(h['cost']) }));
  return history.filter((h) => {
    const costs = history.filter((x) => x.group === h.group && x.year === h.year).map((x) => x.cost);
    const q1 = quartileInc(costs, 1);
    const q3 = quartileInc(costs, 3);
    const iqr = sub(q3, q1);
    return le(sub(q1, mul(FENCE, iqr)), h.cost) && le(h.cost, add(q3, mul(FENCE, iqr)));
  });
}

/** How many historical cases lie within their fences. */
export const zhejiangKept = (input: unknown): number => keptCases(input as Doc).length;

/** Every group's weighted mean cost and the all-case one, from the history kept within the fences. */
export function zhejiangMeans(input: unknown): { groups: Map<string, { years: Rat[]; mean: Rat }>; allYears: Rat[]; all: Rat } {
  const doc = input as Doc;
  const ids = rows(doc, 'groups').map((g) => String(g['id']));
  const kept = keptCases(doc);
  const groups = new Map(ids.map((id) => {
    const years = YEARS.map((y) => mean(kept.filter((h) => h.group === id && h.year === y).map((h) => h.cost)));
    return [id, { years, mean: weighted(years) }] as const;
  }));
  const allYears = YEARS.map((y) => mean(kept.filter((h) => h.year === y).map((h) => h.cost)));
  return { groups, allYears, all: weighted(allYears) };
}

/** Each hospital's exact points, in input order. */
export function zhejiangPoints(input: unknown): { id: string; points: Rat }[] {
  const doc = input as Doc;
  const { groups, all } = zhejiangMeans(input);
  const base = new Map([...groups].map(([id, g]) => [id, roundHalfUp(mul(div(g.mean, all), fromInt(100)), 4)]));
  const hospitals = rows(doc, 'hospitals').map((h) => ({ id: String(h['id']), coefficient: toRat(h['coefficient']), points: ZERO }));
  for (const c of rows(doc, 'cases')) {
    const g = String(c['group']);
    const h = hospitals.find((x) => x.id === String(c['hospital'])) as (typeof hospitals)[number];
    const b = base.get(g) as Rat;
    const ratio = div(toRat(c['cost']), (groups.get(g) as { mean: Rat }).mean);
    const points = le(ratio, LOW) ? mul(b, ratio) : le(ratio, MID) ? mul(b, add(ratio, ADD)) : mul(b, h.coefficient);
    h.points = add(h.points, points);
  }
  return hospitals.map(({ id, points }) => ({ id, points }));
}

export function zhejiangDrg(input: unknown): Record<string, string> {
  const doc = input as Doc;
  const { groups, allYears, all } = zhejiangMeans(input);
  const out: Record<string, string> = {};
  YEARS.forEach((_, i) => {
    for (const [id, g] of groups) out[`groupMean${i + 1}.${id}`] = fmtExact(g.years[i] as Rat);
    out[`allMean${i + 1}`] = fmtExact(allYears[i] as Rat);
  });
  for (const [id, g] of groups) {
    out[`meanCost.${id}`] = fmtExact(g.mean);
    out[`basePoints.${id}`] = fmtExact(roundHalfUp(mul(div(g.mean, all), fromInt(100)), 4));
  }
  out['allMeanCost'] = fmtExact(all);
  const hospitals = zhejiangPoints(input);
  for (const h of hospitals) out[`points.${h.id}`] = fmtExact(h.points);
  const total = sum(hospitals.map((h) => h.points));
  out['totalPoints'] = fmtExact(total);
  const budget = toRat(doc['budget']);
  out['pointValue'] = toFixed(div(budget, total), 6);
  splitMoney(budget, hospitals.map((h) => h.points)).forEach((p, i) => (out[`payment.${(hospitals[i] as { id: string }).id}`] = fmtMoney(p)));
  return out;
}

const fenText = (fen: bigint): string => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;

/**
 * Input documents: one to three groups with one to six cases a year (some with an outlier far
 * above the rest; a "flat" group whose costs are all equal, so cases at exactly 0.4 × and 0.8 × its
 * mean test the inclusive bounds), one to three hospitals, one to twelve cases this year.
 */
export const zhejiangDrgArb: fc.Arbitrary<Doc> = fc
  .record({
    groups: fc.array(
      fc.record({
        flat: fc.boolean(),
        level: fc.bigInt({ min: 1_000n, max: 5_000_000n }),
        years: fc.tuple(...YEARS.map(() => fc.array(fc.bigInt({ min: 1n, max: 3_000n }), { minLength: 1, maxLength: 6 }))),
        outlier: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    coefficients: fc.array(fc.integer({ min: 5_000, max: 15_000 }), { minLength: 1, maxLength: 3 }),
    budget: fc.bigInt({ min: 0n, max: 10_000_000_000n }),
    cases: fc.array(fc.record({ hospital: fc.nat(), group: fc.nat(), mode: fc.integer({ min: 0, max: 5 }), permille: fc.integer({ min: 1, max: 2_500 }) }), { minLength: 1, maxLength: 12 }),
  })
  .map((d) => {
    const ids = d.groups.map((_, i) => `G${i + 1}`);
    const history = d.groups.flatMap((g, gi) =>
      YEARS.flatMap((year, yi) => {
        const costs = g.flat ? (g.years[yi] as bigint[]).map(() => g.level * 10n) : (g.years[yi] as bigint[]).map((x) => (g.level * (500n + x)) / 1000n + 1n);
        if (g.outlier === yi) costs.push(g.level * 20n);
        return costs.map((fen) => ({ group: ids[gi] as string, year, cost: fenText(fen) }));
      }),
    );
    const cases = d.cases.map((c) => {
      const gi = c.group % d.groups.length;
      const g = d.groups[gi] as (typeof d.groups)[number];
      const level = g.level * 10n;
      // On a flat group: exactly 0.4 × and 0.8 × the mean, and a fen either side.
      const edges = [(level * 2n) / 5n, (level * 4n) / 5n, (level * 2n) / 5n + 1n, (level * 4n) / 5n - 1n];
      const fen = g.flat && c.mode < 4 ? (edges[c.mode] as bigint) : ((g.flat ? level : g.level * 2n) * BigInt(c.permille)) / 1000n;
      return { hospital: `H${(c.hospital % d.coefficients.length) + 1}`, group: ids[gi] as string, cost: fenText(fen) };
    });
    // Some point: a case above the fences' low bound costs something.
    if (cases.every((c) => c.cost === '0.00')) (cases[0] as { cost: string }).cost = '1.00';
    return {
      budget: fenText(d.budget),
      groups: ids.map((id) => ({ id })),
      hospitals: d.coefficients.map((c, i) => ({ id: `H${i + 1}`, coefficient: fmtExact(rat(BigInt(c), 10_000n)) })),
      history,
      cases,
    };
  });
