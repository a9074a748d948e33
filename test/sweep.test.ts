/**
 * What-if sweeps, against figures worked by hand from shared/DOMAIN.md E1/E2 and PRESETS.md's
 * yangxi formulas: package 342,216,000.00; reserves 7,604,800.00 (adjustment) + 30,419,200.00
 * (risk); surplus split 6:4; overspend covered by the risk fund, then the adjustment fund, the
 * rest 1:1 by local finance and the hospital.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRuleFile, scaleMoney, sweep, sweepChoices, type RuleFile, type Sweep, type SweepOptions } from '../src/index.js';

const yangxiText = readFileSync('rules/yangxi.json', 'utf8');
const input = readFileSync('rules/examples/yangxi.input.json', 'utf8');

function read(text: string): RuleFile {
  const r = readRuleFile(text, { file: 'rules.json' });
  if (!r.ok) throw new Error(r.issues.map((i) => i.code).join());
  return r.value;
}
const yangxi = read(yangxiText);

function run(options: SweepOptions, rules = yangxi): Sweep {
  const r = sweep(rules, input, options);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.code} ${i.pointer}`).join());
  return r.value;
}

const spending: SweepOptions = { target: { inputs: ['members.spending', 'outOfCountySpending'], relativeTo: 'package' }, from: '80%', to: '130%', steps: 10 };

describe('spending from 80% to 130% of the package (yangxi)', () => {
  const s = run(spending);
  const at = (x: string) => {
    const p = s.points.find((q) => q.x === x);
    expect(p, x).toBeDefined();
    return p as NonNullable<typeof p>;
  };

  it('eleven points, 5% apart, each spending exactly x × 342,216,000.00', () => {
    expect(s.reference).toBe('342216000.00');
    expect(s.points.map((p) => p.x)).toEqual(['80%', '85%', '90%', '95%', '100%', '105%', '110%', '115%', '120%', '125%', '130%']);
    // 342,216,000.00 × 0.8 = 273,772,800.00 … each 5% is 17,110,800.00 more.
    expect(s.points.map((p) => p.amount)).toEqual(
      ['273772800.00', '290883600.00', '307994400.00', '325105200.00', '342216000.00', '359326800.00', '376437600.00', '393548400.00', '410659200.00', '427770000.00', '444880800.00'],
    );
    for (const p of s.points) expect(p.values?.['spending']).toBe(p.amount);
  });

  it('the parties are the ledger accounts that do not close, and the members as one', () => {
    expect(s.parties.map((p) => [p.key, p.label.zh])).toEqual([
      ['fund', '医保基金'],
      ['providers', '医疗费用支出（含县域外就医）'],
      ['finance', '地方财政'],
      ['hospital', '医院（自担）'],
      ['rows:members', '成员单位'],
    ]);
    expect(s.parties.find((p) => p.key === 'rows:members')?.accounts).toHaveLength(11);
  });

  it('105% is DOMAIN.md E2: overspend 17,110,800.00, all of it from the risk fund', () => {
    const p = at('105%');
    expect(p.values?.['overspend']).toBe('17110800.00');
    expect(p.values?.['riskFundUsed']).toBe('17110800.00');
    expect(p.values?.['adjustmentFundUsed']).toBe('0.00');
    expect(p.values?.['riskFundReturned']).toBe('13308400.00');
    // The fund pays the package and the risk fund used: 342,216,000.00 + 17,110,800.00.
    expect(p.nets).toEqual({ fund: '-359326800.00', providers: '359326800.00', finance: '0.00', hospital: '0.00', 'rows:members': '0.00' });
  });

  it('80%: the surplus 68,443,200.00 stays with the members, 6:4 between the levels', () => {
    const p = at('80%');
    expect(p.values?.['countyPool']).toBe('41065920.00');
    expect(p.values?.['townPool']).toBe('27377280.00');
    expect(p.nets?.['rows:members']).toBe('68443200.00');
    expect(p.nets?.['fund']).toBe('-342216000.00');
  });

  it('130%: reserves exhausted, the 64,640,800.00 beyond them shared 1:1 by finance and hospital', () => {
    // overspend 102,664,800.00 − 30,419,200.00 − 7,604,800.00 = 64,640,800.00
    const p = at('130%');
    expect(p.nets).toEqual({ fund: '-380240000.00', providers: '444880800.00', finance: '-32320400.00', hospital: '-32320400.00', 'rows:members': '0.00' });
  });

  it('nets always add up to zero (every yuan paid is received)', () => {
    for (const p of s.points) {
      const cents = Object.values(p.nets ?? {}).reduce((sum, v) => sum + BigInt(v.replace('.', '')), 0n);
      expect(cents, p.x).toBe(0n);
    }
  });
});

describe('scaling is exact', () => {
  it('for any factor the scaled cells add up to the scaled total to the fen (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300_000 }), (basisPoints) => {
        const factor = `${(basisPoints / 10_000).toFixed(4)}`;
        const s = run({ target: { inputs: ['members.spending', 'outOfCountySpending'] }, from: factor, to: factor, steps: 1 });
        const p = s.points[0];
        expect(p?.amount).toBe(scaleMoney(s.reference ?? '', factor));
        expect(p?.values?.['spending']).toBe(p?.amount);
      }),
      { numRuns: 40 },
    );
  });

  it('scaleMoney rounds the exact product once, half up by default (BigInt check, property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), fc.integer({ min: 0, max: 5_000_000 }), (fen, millionths) => {
        const amount = `${fen < 0n ? '-' : ''}${(fen < 0n ? -fen : fen) / 100n}.${String((fen < 0n ? -fen : fen) % 100n).padStart(2, '0')}`;
        const factor = `${Math.floor(millionths / 1_000_000)}.${String(millionths % 1_000_000).padStart(6, '0')}`;
        // fen × millionths is in units of 10^-8 yuan; to fen: ÷ 10^6, halves away from zero.
        const product = fen * BigInt(millionths);
        const q = (product < 0n ? -product : product) + 500_000n;
        const rounded = (q / 1_000_000n) * (product < 0n ? -1n : 1n);
        const abs = rounded < 0n ? -rounded : rounded;
        const expected = `${rounded < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
        expect(scaleMoney(amount, factor)).toBe(expected === '-0.00' ? '0.00' : expected);
      }),
    );
    expect(scaleMoney('0.05', '50%', 'HALF_EVEN')).toBe('0.02');
    expect(scaleMoney('0.05', '50%')).toBe('0.03');
    expect(scaleMoney('1,000.00', '2')).toBeUndefined();
  });
});

describe('a parameter swept', () => {
  it('county part 5 → 8 with the town part taking up the difference (shares 50% → 80%)', () => {
    const s = run({ target: { parameter: 'countyRatio', balance: 'townRatio' }, from: '5', to: '8', steps: 3 });
    expect(s.points.map((p) => [p.x, p.balance])).toEqual([['5', '5'], ['6', '4'], ['7', '3'], ['8', '2']]);
    // surplus 22,860,028.80 × 7/10 = 16,002,020.16 (the issue's county pool at 7:3)
    expect(s.points[2]?.values?.['countyPool']).toBe('16002020.16');
    expect(s.points[2]?.values?.['townPool']).toBe('6858008.64');
  });

  it('a point outside the parameter\'s bounds carries its issue; the others settle', () => {
    const bounded = read(yangxiText.replace('"riskRate": { "kind": "rate", "value": "8%",', '"riskRate": { "kind": "rate", "value": "8%", "max": "20%",'));
    const s = run({ target: { parameter: 'riskRate' }, from: '10%', to: '30%', steps: 2 }, bounded);
    expect(s.points.map((p) => [p.x, p.issues?.[0]?.code])).toEqual([['10%', undefined], ['20%', undefined], ['30%', 'rate_out_of_range']]);
    // riskFund = r2(380,240,000.00 × 20%)
    expect(s.points[1]?.values?.['riskFund']).toBe('76048000.00');
  });
});

describe('bad sweeps are refused with a coded issue', () => {
  const refused = (options: SweepOptions): string[] => {
    const r = sweep(yangxi, input, options);
    return r.ok ? [] : r.issues.map((i) => `${i.code} ${i.pointer}`);
  };
  it.each([
    [{ ...spending, steps: 0 }, 'out_of_range /steps'],
    [{ ...spending, steps: 201 }, 'out_of_range /steps'],
    [{ ...spending, from: '1e3' }, 'not_decimal /from'],
    [{ ...spending, target: { inputs: ['nonsense'] } }, 'unknown_input /target/inputs'],
    [{ ...spending, target: { inputs: ['insured'] } }, 'kind_mismatch /target/inputs'],
    [{ ...spending, target: { inputs: ['members.spending'], relativeTo: 'gros' } }, 'unknown_name /target/relativeTo'],
    [{ ...spending, target: { parameter: 'nope' } }, 'unknown_name /target/parameter'],
  ] as [SweepOptions, string][])('%#: %s', (options, expected) => expect(refused(options)).toEqual([expected]));
});

describe('sweepChoices', () => {
  it('offers the money inputs and parameters by label, and spending by default', () => {
    const c = sweepChoices(yangxi);
    expect(c.spending).toEqual(['members.spending', 'outOfCountySpending']);
    expect(c.inputs.map((i) => [i.name, i.label.zh])).toEqual([
      ['perCapita', '人均筹资标准（元）'],
      ['policyExpenses', '政策性支出'],
      ['outOfCountySpending', '县域外就医支出'],
      ['members.spending', '成员单位：医保基金支出'],
    ]);
    expect(c.parameters.map((p) => [p.name, p.value.zh])).toEqual([
      ['adjustmentRate', '2%'],
      ['riskRate', '8%'],
      ['countyRatio', '6'],
      ['townRatio', '4'],
      ['financeRatio', '1'],
      ['hospitalRatio', '1'],
    ]);
    expect(c.values.find((v) => v.name === 'package')?.label.zh).toBe('医共体打包总额');
  });
});
