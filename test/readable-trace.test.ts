// The trace in the auditor's language: filled-in formulas checked against numbers worked out here
// from the input file (decimal.js), the leftover fen of every split share accounted for, and the
// command line's `explain` saying exactly what the library says.
import { readFileSync } from 'node:fs';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRuleFile, settle, type RuleFile, type Settlement } from '../src/index.js';
import { readableFigure } from '../src/report/readable-trace.js';
import { cli, useCliHarness } from './cli-harness.js';

useCliHarness();
const RULES = 'rules/yangxi.json';
const INPUT = 'rules/examples/yangxi.input.json';
const rule = readRuleFile(readFileSync(RULES, 'utf8'), { file: RULES });
if (!rule.ok) throw new Error('yangxi does not read');
const yangxi: RuleFile = rule.value;
const input = JSON.parse(readFileSync(INPUT, 'utf8')) as { insured: number; perCapita: string; policyExpenses: string; outOfCountySpending: string; members: { id: string; level: string; spending: string; weight: number }[] };
const run = settle(yangxi, readFileSync(INPUT, 'utf8'), { file: INPUT });
if (!run.ok) throw new Error('the example does not settle');
const example: Settlement = run.value;

/** Thousands separators, as an auditor's spreadsheet shows them. */
const fmt = (d: Decimal, places?: number): string => {
  const [i, f] = (places === undefined ? d.toFixed() : d.toFixed(places)).split('.');
  return `${(i as string).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${f === undefined ? '' : `.${f}`}`;
};

describe('a figure in words and numbers', () => {
  it("share.town-1: the town pool × its weight ÷ the towns' weights, exact, then cut to the fen", () => {
    // DOMAIN.md E1: surplus 22,860,028.80, the town part 4 of 10.
    const gross = new Decimal(input.insured).times(input.perCapita);
    const net = gross.minus(input.policyExpenses);
    const pkg = net.minus(net.times('0.02').toDecimalPlaces(2)).minus(net.times('0.08').toDecimalPlaces(2));
    const spending = input.members.reduce((s, m) => s.plus(m.spending), new Decimal(input.outOfCountySpending));
    const townPool = pkg.minus(spending).times(4).div(10);
    const towns = input.members.filter((m) => m.level === 'town');
    const weight = new Decimal(towns.find((m) => m.id === 'town-1')?.weight ?? 0);
    const total = towns.reduce((s, m) => s.plus(m.weight), new Decimal(0));
    const exact = townPool.times(weight).div(total);
    const r = readableFigure(yangxi, example, 'share.town-1', 'zh');
    expect(r?.filled).toBe(`${fmt(townPool, 2)} × ${fmt(weight)} ÷ ${fmt(total)}`);
    expect(r?.exact).toBe(fmt(exact));
    expect(r?.split?.floor).toBe(exact.toDecimalPlaces(2, Decimal.ROUND_FLOOR).toFixed(2));
    expect(r?.sentence).toBe(`镇级成员按权重分配（town-1） = 镇级结余 ${fmt(townPool, 2)} × ${fmt(weight)} ÷ ${fmt(total)} = ${fmt(exact)} → ${r?.value}（按分向下取整为 ${r?.value}，余数 ${exact.minus(exact.toDecimalPlaces(2, Decimal.ROUND_FLOOR)).times(100).toFixed()} 分较小，未得尾差；最大余额法）`);
    expect(r?.sentence).toContain('9,144,011.52 × 1,830 ÷ 9,000 = 1,859,282.3424 → 1,859,282.34');
  });

  it('a rate reads as a percentage and rounding in words: 调节金 = … × 2% …（四舍五入到分）', () => {
    const net = new Decimal(input.insured).times(input.perCapita).minus(input.policyExpenses);
    const r = readableFigure(yangxi, example, 'adjustmentFund', 'zh');
    expect(r?.filled).toBe(`${fmt(net, 2)} × 2%`);
    expect(r?.value).toBe(fmt(net.times('0.02').toDecimalPlaces(2), 2));
    expect(r?.rounding).toBe('四舍五入到分');
    expect(readableFigure(yangxi, example, 'adjustmentFund', 'en')?.rounding).toBe('rounded half up to the fen');
  });

  it('an input says where it is: 参保人数 = 400,000（输入数据，… 第 2 行）', () => {
    expect(readableFigure(yangxi, example, 'insured', 'zh')?.sentence).toBe(`参保人数 = 400,000（输入数据，${INPUT} 第 2 行）`);
    expect(readableFigure(yangxi, example, 'nope', 'zh')).toBe(undefined);
  });

  it('every split share: its floor and leftover fen make its value, and the shares make the pool', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 8, maxLength: 8 }), fc.integer({ min: 0, max: 99_999_999 }), (weights, cents) => {
        let t = 0;
        const members = input.members.map((m) => (m.level === 'town' ? { ...m, weight: weights[t++] as number } : m));
        const s = settle(yangxi, { ...input, outOfCountySpending: new Decimal(input.outOfCountySpending).plus(new Decimal(cents).div(100)).toFixed(2), members });
        if (!s.ok) return;
        let sum = new Decimal(0);
        for (const m of members.filter((x) => x.level === 'town')) {
          const r = readableFigure(yangxi, s.value, `share.${m.id}`, 'zh');
          if (!r?.split) throw new Error(`share.${m.id} has no split`);
          const value = new Decimal(s.value.values[`share.${m.id}`] as string);
          expect(new Decimal(r.split.floor).plus(r.split.extra).eq(value)).toBe(true);
          expect(['0.00', '0.01']).toContain(r.split.extra);
          expect(r.sentence.includes('另得尾差')).toBe(r.split.extra !== '0.00');
          sum = sum.plus(value);
        }
        expect(sum.toFixed(2)).toBe(s.value.values['townPool']);
      }),
      { numRuns: 60 },
    );
  });
});

describe('yibao-settle explain in words', () => {
  it('prints what the library says, figure by figure, with where each comes from', () => {
    const r = cli('explain', RULES, INPUT, 'share.town-1');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${readableFigure(yangxi, example, 'share.town-1', 'zh')?.sentence}  @${RULES}:85:5`);
    expect(lines.some((l) => l.endsWith(`${readableFigure(yangxi, example, 'insured', 'zh')?.sentence}  @${INPUT}:2:14`))).toBe(true);
    const en = cli('explain', RULES, INPUT, 'adjustmentFund', '--lang', 'en');
    expect(en.stdout.split('\n')[0]).toBe(`${readableFigure(yangxi, example, 'adjustmentFund', 'en')?.sentence}  @${RULES}:60:5`);
  });
});
