import { describe, expect, it } from 'vitest';
import { parseFormula } from '../formula/parse.js';
import type { Label } from '../settle/compile.js';
import { distinctNames } from './describe-steps.js';
import { nameFromLabel, type NameEntry, type Vocabulary } from './describe-names.js';
import { formulaWords, roundingWords, type Lang } from './formula-words.js';

/** A small vocabulary: two steps, a rate and a ratio parameter, a text parameter, a table. */
const names = new Map<string, NameEntry>([
  ['a', { label: { zh: '甲', en: 'alpha' }, role: 'step' }],
  ['b', { label: { zh: '乙', en: 'beta' }, role: 'step' }],
  ['c', { label: { zh: '丙', en: 'gamma' }, role: 'step' }],
  ['rate', { label: { zh: '比例', en: 'rate' }, role: 'parameter', parameter: { kind: 'rate', shown: { zh: '2.5%', en: '2.5%' } } }],
  ['reading', { label: { zh: '理解', en: 'reading' }, role: 'parameter', parameter: { kind: 'text', shown: { zh: 'whole', en: 'whole' } } }],
  ['members', { label: { zh: '成员单位', en: 'member units' }, role: 'table' }],
  ['months', { label: { zh: '各月金额', en: 'monthly amounts' }, role: 'list' }],
]);
const columns = new Map<string, Label>([
  ['spending', { zh: '医保基金支出', en: 'fund spending' }],
  ['level', { zh: '层级', en: 'level' }],
]);
const vocab: Vocabulary = {
  name: (n) => names.get(n),
  column: (t, c) => (t === 'members' ? columns.get(c) : undefined),
  key: () => 'id',
  account: () => undefined,
  loopValue: (v) => ({ zh: v, en: v }),
  steps: [],
};

function say(formula: string, lang: Lang, money = true): string {
  const parsed = parseFormula(formula);
  if (!parsed.ok) throw new Error(parsed.error.detail);
  return formulaWords(parsed.ast, { vocab, rows: [], item: false, money, used: new Set() }, lang);
}

describe('formula words', () => {
  it.each([
    // brackets exactly where the tree needs them
    ['(a - b) * rate', '（甲 − 乙）× 2.5%', '(alpha − beta) × 2.5%'],
    ['a - (b - c)', '甲 −（乙 − 丙）', 'alpha − (beta − gamma)'],
    ['a - b - c', '甲 − 乙 − 丙', 'alpha − beta − gamma'],
    ['a / (b * c)', '甲 ÷（乙 × 丙）', 'alpha ÷ (beta × gamma)'],
    ['a * b / c', '甲 × 乙 ÷ 丙', 'alpha × beta ÷ gamma'],
    ['-(a + b)', '−（甲 + 乙）', '−(alpha + beta)'],
    ['a + b * c', '甲 + 乙 × 丙', 'alpha + beta × gamma'],
    ['a > 0 or b > 0 and c > 0', '甲 > 0 或（乙 > 0 且 丙 > 0）', 'alpha > 0 or (beta > 0 and gamma > 0)'],
    ['not (a == 0)', '并非（甲 = 0）', 'not (alpha = 0)'],
    // functions as phrases
    ['max(a - b, 0)', '（甲 − 乙）与 0 中的较大者', 'the larger of (alpha − beta) and 0'],
    ['min(a, b, c)', '甲、乙、丙 中的最小者', 'the smallest of alpha, beta and gamma'],
    ['abs(a)', '甲的绝对值', 'the absolute value of alpha'],
    ['r2(a * rate)', '（甲 × 2.5%）四舍五入到分', '(alpha × 2.5%) rounded half up to the fen'],
    ['round(a, 0, "DOWN")', '甲向下取整（截去零头）到元', 'alpha rounded down (towards zero) to the yuan'],
    ['if(a > b, a, 0)', '若甲 > 乙，则 甲，否则 0', 'if alpha > beta then alpha, otherwise 0'],
    ['max(a, 0) * 2', '（甲 与 0 中的较大者）× 2', '(the larger of alpha and 0) × 2'],
    // table and list sums, counts, look-ups
    ['sum(members, spending)', '成员单位的医保基金支出合计', 'the total of fund spending over member units'],
    ["sum(members, spending, level == 'county')", '层级为“county”的成员单位的医保基金支出合计', 'the total of fund spending over member units where level is “county”'],
    ['sum(months)', '各月金额之和', 'the total of monthly amounts'],
    ['sum(months, r2(item * rate))', '对各月金额的每一项计算（该项 × 2.5%）四舍五入到分，再求和', 'the total over monthly amounts of (the item × 2.5%) rounded half up to the fen'],
    ["count(members, level != 'town')", '层级不为“town”的成员单位的行数', 'the number of member units where level is not “town”'],
    ["members['t1'].spending", '成员单位中编号为“t1”的一行的医保基金支出', 'the fund spending of the member units row “t1”'],
    ["has(members, 't3')", '成员单位中有“t3”', 'member units has “t3”'],
    // a text parameter says its current value
    ["reading == 'whole'", '理解（当前为“whole”）为“whole”', 'reading (now “whole”) is “whole”'],
    // number() only changes the kind
    ['number(a) / b', '甲 ÷ 乙', 'alpha ÷ beta'],
  ])('%s', (formula, zh, en) => {
    expect(say(formula, 'zh')).toBe(zh);
    expect(say(formula, 'en')).toBe(en);
  });

  it('a function it does not know is written as it stands, never left out', () => {
    expect(say('foo(a, 1)', 'zh')).toBe('foo(甲, 1)');
  });

  it('collects the parameters it quotes', () => {
    const used = new Set<string>();
    const parsed = parseFormula('a * rate + b');
    if (!parsed.ok) throw new Error('parse');
    formulaWords(parsed.ast, { vocab, rows: [], item: false, money: true, used }, 'zh');
    expect([...used]).toEqual(['rate']);
  });
});

describe('rounding words', () => {
  it.each([
    [2, 'HALF_UP', true, '四舍五入到分', 'rounded half up to the fen'],
    [2, 'DOWN', true, '向下取整（截去零头）到分', 'rounded down (towards zero) to the fen'],
    [1, 'UP', true, '向上进位（远离零）到角', 'rounded up (away from zero) to the jiao'],
    [0, 'HALF_EVEN', true, '银行家舍入（四舍六入五成双）到元', 'rounded half to even to the yuan'],
    [6, 'HALF_UP', false, '四舍五入到 6 位小数', 'rounded half up to 6 decimal places'],
    [2, 'CEIL', false, '向正无穷取整到 2 位小数', 'rounded towards +∞ to 2 decimal places'],
    [2, 'FLOOR', true, '向负无穷取整到分', 'rounded towards −∞ to the fen'],
    [2, 'HALF_DOWN', true, '五舍六入（恰好一半时舍去）到分', 'rounded half down to the fen'],
  ] as const)('%i places %s (money %s)', (places, mode, money, zh, en) => {
    expect(roundingWords(places, mode, money, 'zh')).toBe(zh);
    expect(roundingWords(places, mode, money, 'en')).toBe(en);
  });
});

describe('names', () => {
  it('a label written as a formula names its left side; a bracket inside it stays', () => {
    expect(nameFromLabel({ zh: '本年总额预算 = 上年预算 × (1 + 增长率)', en: "this year's budget = last year's × (1 + growth)" })).toEqual({ zh: '本年总额预算', en: "this year's budget" });
    expect(nameFromLabel({ zh: '改革第几年（1 = 首年）', en: 'reform year (1 = first year)' })).toEqual({ zh: '改革第几年（1 = 首年）', en: 'reform year (1 = first year)' });
  });

  it('a bracket or a colon that lists the choices is dropped', () => {
    expect(nameFromLabel({ zh: '层级（county 县级 / town 镇级）', en: 'level (county / town)' }, ['county', 'town'])).toEqual({ zh: '层级', en: 'level' });
    expect(nameFromLabel({ zh: '分档方式：marginal 超额累进 / whole 全额', en: 'reading: marginal / whole' }, ['marginal', 'whole'])).toEqual({ zh: '分档方式', en: 'reading' });
  });

  it('parts lose what they share: 县级结余 / 镇级结余 → 县级 / 镇级, but 风险金 / 调节金 stay whole', () => {
    expect(distinctNames([{ zh: '县级结余', en: 'county pool' }, { zh: '镇级结余', en: 'town pool' }], { zh: '结余', en: 'surplus' })).toEqual([{ zh: '县级', en: 'county' }, { zh: '镇级', en: 'town' }]);
    expect(distinctNames([{ zh: '财政承担', en: 'borne by local finance' }, { zh: '医院承担', en: 'borne by the hospital' }], undefined)).toEqual([{ zh: '财政', en: 'local finance' }, { zh: '医院', en: 'the hospital' }]);
    expect(distinctNames([{ zh: '风险金', en: 'risk fund' }, { zh: '调节金', en: 'adjustment fund' }], undefined)).toEqual([{ zh: '风险金', en: 'risk fund' }, { zh: '调节金', en: 'adjustment fund' }]);
    expect(distinctNames([{ zh: '基金分担', en: "fund's share" }, { zh: '医共体分担', en: "community's share" }], undefined)).toEqual([{ zh: '基金', en: 'fund' }, { zh: '医共体', en: 'community' }]);
  });
});

describe('order statistics in words', () => {
  it.each([
    ['median(members, spending)', '成员单位的医保基金支出的中位数', 'the median of fund spending over member units'],
    ["mean(members, spending, level == 'county' and spending > 0)", '（层级为“county” 且 医保基金支出 > 0）的成员单位的医保基金支出的平均数', 'the mean of fund spending over member units where level is “county” and fund spending > 0'],
    ["quartile(members, spending, 1, 'EXC')", '成员单位的医保基金支出的第 1 四分位数（QUARTILE.EXC）', 'the quartile 1 (QUARTILE.EXC) of fund spending over member units'],
    ['weightedMean(members, spending, 2)', '成员单位的医保基金支出按2加权的平均数', 'the mean of fund spending weighted by 2 over member units'],
    ['maxBy(members, spending, level)', '成员单位中医保基金支出最大的一行的层级', 'the level of the row of member units with the greatest fund spending'],
    ["rank(a, members, spending, 'ASC')", '甲在成员单位的医保基金支出中的名次（从小到大）', 'the rank of alpha among fund spending over member units (smallest first)'],
  ])('%s', (formula, zh, en) => {
    expect(say(formula, 'zh')).toBe(zh);
    expect(say(formula, 'en')).toBe(en);
  });
});
