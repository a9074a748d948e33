/**
 * Order statistics as officials check them in Excel. The data and the figures are Microsoft's own
 * examples for QUARTILE.INC and QUARTILE.EXC — {6, 7, 15, 36, 39, 40, 41, 42, 43, 47, 49}: Q1 25.5
 * and Q3 42.5 inclusive, 15 and 43 exclusive — and by hand: the median is the 6th value, 40;
 * PERCENTILE.INC at 90 % is the value of rank 0.9 × 10 = 9, 47; the mean 365 ÷ 11; the mean of the
 * values between the inclusive quartiles (36, 39, 40, 41, 42) is 198 ÷ 5 = 39.6.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberRuns, readableFigure, readRuleFile, settle, type RuleFile } from '../src/index.js';

const COSTS = [6, 7, 15, 36, 39, 40, 41, 42, 43, 47, 49];
const rule = (steps: string): RuleFile => {
  const r = readRuleFile(`{ "format": "yibao-settle/1", "id": "q", "title": { "zh": "q", "en": "q" },
    "inputs": { "cases": { "kind": "table", "columns": { "group": { "kind": "text" }, "cost": { "kind": "number" } } },
                "groups": { "kind": "table", "key": "id", "columns": { "id": { "kind": "text" } } } },
    "steps": [ ${steps} ] }`);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.code} ${i.message.en}`).join('\n'));
  return r.value;
};
const input = (costs: readonly number[], group = (i: number): string => (i % 2 === 0 ? 'A' : 'B')) => ({
  cases: costs.map((cost, i) => ({ group: group(i), cost })),
  groups: [{ id: 'A' }, { id: 'B' }],
});

describe('order statistics', () => {
  it('give Excel\'s figures: QUARTILE.INC 25.5 and 42.5, QUARTILE.EXC 15 and 43, median 40, PERCENTILE.INC(90%) 47', () => {
    const steps = [
      ['q1inc', "quartile(cases, cost, 1, 'INC')"],
      ['q3inc', "quartile(cases, cost, 3, 'INC')"],
      ['q1exc', "quartile(cases, cost, 1, 'EXC')"],
      ['q3exc', "quartile(cases, cost, 3, 'EXC')"],
      ['med', 'median(cases, cost)'],
      ['p90', "percentile(cases, cost, 90%, 'INC')"],
      ['trimmed', 'mean(cases, cost, cost >= q1inc and cost <= q3inc)'],
    ].map(([n, f]) => `{ "name": "${n}", "kind": "number", "formula": "${f}" }`);
    const r = settle(rule(steps.join(', ')), input(COSTS));
    expect(r.ok && r.value.values).toEqual({ q1inc: '25.5', q3inc: '42.5', q1exc: '15', q3exc: '43', med: '40', p90: '47', trimmed: '39.6' });
  });

  it('the mean is exact: 365 ÷ 11, to 90 printed digits', () => {
    const r = settle(rule('{ "name": "avg", "kind": "number", "formula": "mean(cases, cost)" }'), input(COSTS));
    expect(r.ok && r.value.values['avg']).toBe(`33.${'18'.repeat(44)}`);
  });

  it('a condition may use the outer row: the median of each group', () => {
    // Group A has the values at even places: 6, 15, 39, 41, 43, 49 → (39 + 41) ÷ 2 = 40; group B: 7, 36, 40, 42, 47 → 40.
    const r = settle(rule('{ "over": "groups", "column": "median", "name": "median.{id}", "kind": "number", "formula": "median(cases, cost, group == id)" }'), input(COSTS));
    expect(r.ok && r.value.values).toEqual({ 'median.A': '40', 'median.B': '40' });
  });

  it('QUARTILE.EXC of too few values, and any statistic of no rows, stop with the reason', () => {
    const exc = settle(rule("{ \"name\": \"q\", \"kind\": \"number\", \"formula\": \"quartile(cases, cost, 1, 'EXC')\" }"), input([1, 2]));
    expect(exc.ok ? [] : exc.issues.map((i) => i.code)).toEqual(['not_a_number']);
    const none = settle(rule('{ "name": "m", "kind": "number", "formula": "median(cases, cost, cost > 100)" }'), input(COSTS));
    expect(none.ok ? [] : none.issues.map((i) => i.code)).toEqual(['not_a_number']);
  });

  it('the method is written as Excel names it', () => {
    const r = readRuleFile(`{ "format": "yibao-settle/1", "id": "q", "title": { "zh": "q", "en": "q" }, "inputs": { "cases": { "kind": "table", "columns": { "cost": { "kind": "number" } } } }, "steps": [ { "name": "q", "kind": "number", "formula": "quartile(cases, cost, 1, 'LINEAR')" } ] }`);
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['kind_mismatch']);
  });

  it('maxBy and minBy give the value of the row with the greatest or least key, the first on a tie', () => {
    // Costs by place: 49 is the greatest (place 10, group A), 6 the least (place 0, group A); among group B, 47 (place 9).
    const r = settle(
      rule(
        ['{ "name": "top", "kind": "text", "formula": "maxBy(cases, cost, group)" }', '{ "name": "low", "kind": "number", "formula": "minBy(cases, cost, cost)" }', '{ "name": "topB", "kind": "number", "formula": "maxBy(cases, cost, cost, group == \'B\')" }'].join(', '),
      ),
      input(COSTS),
    );
    expect(r.ok && r.value.values).toEqual({ top: 'A', low: '6', topB: '47' });
  });

  it('weightedMean weighs three years 2 : 3 : 5: (100 × 2 + 110 × 3 + 130 × 5) ÷ 10 = 118', () => {
    const r = readRuleFile(`{ "format": "yibao-settle/1", "id": "w", "title": { "zh": "w", "en": "w" },
      "inputs": { "years": { "kind": "table", "columns": { "mean": { "kind": "number" }, "weight": { "kind": "number" } } } },
      "steps": [ { "name": "base", "kind": "number", "formula": "weightedMean(years, mean, weight)" } ] }`);
    if (!r.ok) throw new Error('reads');
    const s = settle(r.value, { years: [{ mean: 100, weight: 2 }, { mean: 110, weight: 3 }, { mean: 130, weight: 5 }] });
    expect(s.ok && s.value.values['base']).toBe('118');
    const zero = settle(r.value, { years: [{ mean: 100, weight: 0 }] });
    expect(zero.ok ? [] : zero.issues.map((i) => i.code)).toEqual(['not_a_number']);
  });
});

describe('base points from three years of cases, outliers trimmed, weighted 2 : 3 : 5 (docs/examples/zhejiang-base-points.json)', () => {
  // By hand. G1: 2022 {800, 900, 1,000, 1,100, 5,000}: Q1 900, Q3 1,100, fences 600–1,400, 5,000 dropped, mean 950;
  // 2023 mean 1,000; 2024 mean 1,200 (none outside 800–1,600); weighted (950 × 2 + 1,000 × 3 + 1,200 × 5) ÷ 10 = 1,090.
  // G2: 2022 mean 3,200; 2023 {3,100, 3,300, 3,500, 9,000}: Q1 3,250, Q3 4,875, fences 812.5–7,312.5, 9,000 dropped,
  // mean 3,300; 2024 mean 3,750; weighted (6,400 + 9,900 + 18,750) ÷ 10 = 3,505. Average 2,297.5;
  // base points 1,090 ÷ 2,297.5 × 100 = 47.4428… → 47.4429 and 3,505 ÷ 2,297.5 × 100 = 152.5571… → 152.5571.
  it('gives G1 47.4429 and G2 152.5571 base points', () => {
    const r = readRuleFile(readFileSync('docs/examples/zhejiang-base-points.json', 'utf8'));
    if (!r.ok) throw new Error(r.issues.map((i) => i.code).join(', '));
    const s = settle(r.value, readFileSync('docs/examples/zhejiang-base-points.input.json', 'utf8'), { rows: ['groups'] });
    expect(s.ok && s.value.values).toMatchObject({ overall: '2297.5', 'basePoints.G1': '47.4429', 'basePoints.G2': '152.5571' });
    expect(s.ok && [s.value.values['mean1.G1'], s.value.values['mean2.G2'], s.value.values['weighted.G1']]).toEqual(['950', '3300', '1090']);
    const rows = s.ok ? s.value.rows?.['groups'] : undefined;
    const col = (name: string): number => rows?.columns.indexOf(name) ?? -1;
    expect(rows?.rows.map((row) => [row[col('mean_1')], row[col('mean_2')], row[col('weighted')]])).toEqual([['950', '1000', '1090'], ['3200', '3300', '3505']]);
  });
});

describe('the trace lists the rows an aggregate with a condition took in', () => {
  const r = readRuleFile(readFileSync('docs/examples/zhejiang-base-points.json', 'utf8'));
  if (!r.ok) throw new Error(r.issues.map((i) => i.code).join(', '));
  const s = settle(r.value, readFileSync('docs/examples/zhejiang-base-points.input.json', 'utf8'));
  const figures = s.ok ? s.value.figures : {};

  it('names the cases kept within the fences: G1 2022 rows 1–4 (row 5, 5,000, dropped), G2 2023 rows 19–21 (row 22, 9,000, dropped)', () => {
    expect(figures['mean1.G1']?.rows).toEqual([{ function: 'mean', table: 'cases', of: 26, count: 4, numbers: [1, 2, 3, 4] }]);
    expect(figures['mean2.G2']?.rows).toEqual([{ function: 'mean', table: 'cases', of: 26, count: 3, numbers: [19, 20, 21] }]);
    // G1 2024: all five of rows 11–15 lie within 800–1,600.
    expect(figures['mean3.G1']?.rows?.[0]?.numbers).toEqual([11, 12, 13, 14, 15]);
  });

  it('gives a per-row figure the row\'s own columns among its inputs', () => {
    expect(figures['basePoints.G1']?.inputs).toMatchObject({ weighted: '1090', overall: '2297.5' });
    expect(figures['weighted.G2']?.inputs).toMatchObject({ mean_1: '3200', mean_2: '3300', mean_3: '3750', weight1: '2' });
    // An aggregate without a condition takes every row: nothing to list.
    expect(figures['overall']?.rows).toBeUndefined();
  });

  it('says so in words, the numbers as runs', () => {
    const zh = s.ok ? readableFigure(r.value, s.value, 'mean1.G1', 'zh')?.sentence : undefined;
    expect(zh).toContain('共 26 行，计入 4 行（第 1–4 行）');
    expect(numberRuns([1, 2, 3, 5, 7, 8], 6)).toBe('1–3, 5, 7–8');
    expect(numberRuns([1, 2], 9)).toBe('1–2 …');
  });

  it('lists the rows a conditional sum and count took in, and none without a trace', () => {
    const t = readRuleFile(`{ "format": "yibao-settle/1", "id": "s", "title": { "zh": "s", "en": "s" },
      "inputs": { "cases": { "kind": "table", "columns": { "group": { "kind": "text" }, "cost": { "kind": "money" } } } },
      "steps": [ { "name": "a", "kind": "money", "formula": "sum(cases, cost, group == 'A')" },
                 { "name": "n", "kind": "count", "formula": "count(cases, group == 'B')" } ] }`);
    if (!t.ok) throw new Error('reads');
    const doc = { cases: [{ group: 'A', cost: '1.00' }, { group: 'B', cost: '2.00' }, { group: 'A', cost: '3.00' }] };
    const traced = settle(t.value, doc);
    expect(traced.ok && traced.value.values).toEqual({ a: '4.00', n: '1' });
    expect(traced.ok && traced.value.figures['a']?.rows).toEqual([{ function: 'sum', table: 'cases', of: 3, count: 2, numbers: [1, 3] }]);
    expect(traced.ok && traced.value.figures['n']?.rows).toEqual([{ function: 'count', table: 'cases', of: 3, count: 1, numbers: [2] }]);
    const plain = settle(t.value, doc, { trace: false });
    expect(plain.ok && plain.value.figures).toEqual({});
  });
});

describe('rank, as Excel\'s RANK.EQ', () => {
  // Microsoft's RANK.EQ example: {7, 3.5, 3.5, 1, 2}: RANK.EQ(7, …, 1) = 5, RANK.EQ(2, …) = 4,
  // RANK.EQ(3.5, …, 1) = 3. By hand, descending: 7 → 1, 3.5 → 2 (both), 2 → 4, 1 → 5.
  const ranked = (steps: string, costs: readonly number[]) => settle(rule(steps), input(costs, () => 'A'), { rows: ['cases'] });
  const column = (r: ReturnType<typeof ranked>, name: string): string[] => {
    const rows = r.ok ? r.value.rows?.['cases'] : undefined;
    const k = rows?.columns.indexOf(name) ?? -1;
    return (rows?.rows ?? []).map((row) => row[k] as string);
  };

  it('gives Microsoft\'s figures, ties sharing a rank, in both orders', () => {
    const r = ranked(
      `{ "over": "cases", "column": "down", "kind": "number", "formula": "rank(cost, cases, cost)" },
       { "over": "cases", "column": "up", "kind": "number", "formula": "rank(cost, cases, cost, 'ASC')" }`,
      [7, 3.5, 3.5, 1, 2],
    );
    expect(column(r, 'down')).toEqual(['1', '2', '2', '5', '4']);
    expect(column(r, 'up')).toEqual(['5', '3', '3', '1', '2']);
  });

  it('ranks within the rows that meet a condition, the outer row\'s columns in reach', () => {
    // Groups alternate A, B: A holds 6, 15, 39, 41, 43, 49; B 7, 36, 40, 42, 47.
    const r = settle(rule(`{ "over": "cases", "column": "inGroup", "kind": "number", "formula": "rank(cost, cases, cost, 'DESC', group == outerGroup)" }`.replace('outerGroup', "'A'")), input(COSTS), { rows: ['cases'] });
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['not_a_number']); // B's costs are not among A's
    const s = settle(rule(`{ "name": "r41", "kind": "number", "formula": "rank(41, cases, cost, group == 'A')" }, { "name": "r6", "kind": "number", "formula": "rank(6, cases, cost, 'ASC', group == 'A')" }`), input(COSTS));
    expect(s.ok && s.value.values).toEqual({ r41: '3', r6: '1' });
    expect(s.ok && s.value.figures['r41']?.rows?.[0]?.count).toBe(6);
  });

  it('refuses a number not among the values, a wrong order and money ranked among numbers', () => {
    const absent = settle(rule(`{ "name": "r", "kind": "number", "formula": "rank(8, cases, cost)" }`), input(COSTS));
    expect(absent.ok ? [] : absent.issues.map((i) => i.code)).toEqual(['not_a_number']);
    const order = readRuleFile(`{ "format": "yibao-settle/1", "id": "q", "title": { "zh": "q", "en": "q" },
      "inputs": { "cases": { "kind": "table", "columns": { "cost": { "kind": "number" }, "paid": { "kind": "money" } } } },
      "steps": [ { "name": "a", "kind": "number", "formula": "rank(1, cases, cost, 'UP')" },
                 { "over": "cases", "column": "b", "kind": "number", "formula": "rank(cost, cases, paid)" } ] }`);
    expect(order.ok ? [] : order.issues.map((i) => [i.code, i.pointer])).toEqual([
      ['kind_mismatch', '/steps/0/formula'],
      ['kind_mismatch', '/steps/1/formula'],
    ]);
  });
});

describe('rank on random lists', () => {
  it('is one more than the number of values beyond it, ties alike (RANK.EQ)', () => {
    const r = rule(`{ "over": "cases", "column": "down", "kind": "number", "formula": "rank(cost, cases, cost)" },
                    { "over": "cases", "column": "up", "kind": "number", "formula": "rank(cost, cases, cost, 'ASC')" }`);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 20 }), (xs) => {
        const s = settle(r, input(xs), { rows: ['cases'], trace: false });
        const rows = s.ok ? s.value.rows?.['cases'] : undefined;
        const at = (c: string): number => rows?.columns.indexOf(c) ?? -1;
        const down = rows?.rows.map((row) => row[at('down')]);
        const up = rows?.rows.map((row) => row[at('up')]);
        expect(down).toEqual(xs.map((x) => String(xs.filter((y) => y > x).length + 1)));
        expect(up).toEqual(xs.map((x) => String(xs.filter((y) => y < x).length + 1)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('the rows listed in a trace are bounded', () => {
  it('lists the first 1,000 rows of an aggregate and a million in a whole settlement, counting them all', () => {
    const t = readRuleFile(`{ "format": "yibao-settle/1", "id": "b", "title": { "zh": "b", "en": "b" },
      "inputs": { "cases": { "kind": "table", "key": "id", "columns": { "id": { "kind": "text" }, "cost": { "kind": "number" } } } },
      "steps": [ { "over": "cases", "column": "below", "name": "below.{id}", "kind": "number", "formula": "count(cases, cost >= 0)" } ] }`);
    if (!t.ok) throw new Error('reads');
    // 1,100 rows, each counting all 1,100: 1,100 × 1,000 listed numbers would pass a million.
    const cases = Array.from({ length: 1100 }, (_, i) => ({ id: `c${i}`, cost: i }));
    const s = settle(t.value, { cases });
    if (!s.ok) throw new Error(s.issues.map((i) => i.code).join());
    const used = Object.values(s.value.figures).flatMap((f) => f.rows ?? []);
    expect(used).toHaveLength(1100);
    expect(used.every((u) => u.count === 1100 && u.of === 1100)).toBe(true);
    expect(used[0]?.numbers).toHaveLength(1000);
    expect(used.reduce((n, u) => n + u.numbers.length, 0)).toBe(1_000_000);
    expect(used[1099]?.numbers).toEqual([]);
    expect(readableFigure(t.value, s.value, 'below.c1099', 'en')?.sentence).toContain('count: 1100 of the 1100 rows of cases)');
  });
});
