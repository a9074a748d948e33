import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ISSUE_CODES, readRuleFile, settle, simulate, type RuleFile } from '../src/index.js';

const yangxi = (): RuleFile => {
  const r = readRuleFile(readFileSync('rules/yangxi.json', 'utf8'), { file: 'rules/yangxi.json' });
  if (!r.ok) throw new Error('yangxi does not load');
  return r.value;
};

describe('tables from CSV', () => {
  const input = { insured: 400000, perCapita: '980.00', policyExpenses: '11760000.00', outOfCountySpending: '112000000.00' };
  const csv = [
    'id,level,spending,weight',
    'county-people,county,98000000.00,60',
    'county-tcm,county,41000000.00,25',
    '"county-mch",county,24355971.20,15',
    ...[1830, 1520, 1210, 1105, 960, 875, 790, 710].map((w, i) => `town-${i + 1},town,${[8600000, 7100000, 6200000, 5900000, 4800000, 4400000, 3700000, 3300000][i]}.00,${w}`),
  ].join('\r\n');

  it('reads the members of DOMAIN.md E1 from CSV and reproduces its shares', () => {
    const run = settle(yangxi(), input, { tables: { members: { text: csv, file: 'members.csv' } } });
    expect(run.ok).toBe(true);
    if (!run.ok) return;
    expect(run.value.values['surplus']).toBe('22860028.80');
    expect(run.value.values['share.county-people']).toBe('8229610.37');
    expect(run.value.values['share.town-8']).toBe('721360.91');
  });

  it('points at the CSV cell of a bad value, by line and column', () => {
    const bad = csv.replace('41000000.00', '41000000.001');
    const run = settle(yangxi(), input, { tables: { members: { text: bad, file: 'members.csv' } } });
    expect(run.ok).toBe(false);
    if (run.ok) return;
    expect(run.issues[0]).toMatchObject({ code: 'money_precision', file: 'members.csv', pointer: '/1/spending', at: { line: 3, column: 19 } });
  });

  it('refuses an unknown column and a duplicate id', () => {
    const run = settle(yangxi(), input, { tables: { members: { text: 'id,level,spending,weight,remark\na,county,1.00,1,x\na,town,1.00,1,y', file: 'm.csv' } } });
    expect(run.ok).toBe(false);
    if (run.ok) return;
    expect(run.issues.map((i) => i.code).sort()).toEqual(['duplicate_key', 'unknown_input']);
  });
});

describe('simulate', () => {
  const rules = `{
    "format": "yibao-settle/1", "id": "growth", "title": { "zh": "增长", "en": "growth" },
    "inputs": { "lastYearBudget": { "kind": "money" }, "actual": { "kind": "money" } },
    "parameters": { "g": { "kind": "rate", "value": "10%", "label": { "zh": "增长率", "en": "growth" } } },
    "steps": [
      { "name": "budget", "kind": "money", "formula": "lastYearBudget * (1 + g)", "round": { "places": 2 },
        "transfer": { "from": "fund", "to": "community" } },
      { "name": "surplus", "kind": "money", "formula": "max(budget - actual, 0)" }
    ],
    "carry": { "lastYearBudget": "budget" }
  }`;

  it("carries this year's budget into next year and keeps every year's ledger", () => {
    const r = readRuleFile(rules, { file: 'growth.json' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const sim = simulate(r.value, { years: [{ lastYearBudget: '1000.05', actual: '900.00' }, { actual: '1300.00' }, { actual: '0' }] });
    expect(sim.ok).toBe(true);
    if (!sim.ok) return;
    // 1000.05 × 1.1 = 1100.055 → 1100.06; × 1.1 = 1210.066 → 1210.07; × 1.1 = 1331.077 → 1331.08
    expect(sim.value.years.map((y) => y.settlement.values['budget'])).toEqual(['1100.06', '1210.07', '1331.08']);
    expect(sim.value.years[1]?.carried).toEqual({ lastYearBudget: '1100.06' });
    expect(sim.value.years.map((y) => y.settlement.ledger[0]?.amount)).toEqual(['1100.06', '1210.07', '1331.08']);
    for (const y of sim.value.years) expect(y.settlement.checks.every((c) => c.ok)).toBe(true);
  });

  it('reports a bad year with its place in the scenario', () => {
    const r = readRuleFile(rules, { file: 'growth.json' });
    if (!r.ok) throw new Error();
    const sim = simulate(r.value, '{ "years": [ { "lastYearBudget": "1.00", "actual": "1" },\n { "actual": "x" } ] }', { file: 'scenario.json' });
    expect(sim.ok).toBe(false);
    if (sim.ok) return;
    expect(sim.issues[0]).toMatchObject({ code: 'not_decimal', file: 'scenario.json', pointer: '/years/1/actual', at: { line: 2, column: 14 } });
  });

  it('refuses a carry into an undeclared input', () => {
    const r = readRuleFile(rules.replace('"carry": { "lastYearBudget"', '"carry": { "nextBudget"'), { file: 'growth.json' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ code: 'unknown_input', pointer: '/carry/nextBudget' });
  });
});

describe('docs', () => {
  it('docs/errors.md explains every issue code', () => {
    const doc = readFileSync('docs/errors.md', 'utf8');
    expect(ISSUE_CODES.filter((c) => !doc.includes(`\`${c}\``))).toEqual([]);
  });
});

describe('ningbo over three years', () => {
  it('year 2 budgets follow from year 1 and every ledger balances', () => {
    const r = readRuleFile(readFileSync('rules/ningbo.json', 'utf8'), { file: 'rules/ningbo.json' });
    if (!r.ok) throw new Error('ningbo does not load');
    const sim = simulate(r.value, readFileSync('rules/examples/ningbo.scenario.json', 'utf8'), { file: 'ningbo.scenario.json' });
    expect(sim.ok).toBe(true);
    if (!sim.ok) return;
    const [y1, y2, y3] = sim.value.years;
    // DOMAIN.md E6: 151,234,567.00 × 1.10 = 166,358,023.70; 88,765,432.00 × 1.05 = 93,203,703.60.
    expect(y1?.settlement.values['budget.employee']).toBe('166358023.70');
    expect(y1?.settlement.values['budget.resident']).toBe('93203703.60');
    expect(y1?.settlement.values['yearEndPayment']).toBe('-42362139.68');
    // By hand: 166,358,023.70 × 1.10 = 182,993,826.07 exactly; 93,203,703.60 × 1.05 = 97,863,888.78.
    expect(y2?.carried).toEqual({ 'lastYearBudget.employee': '166358023.70', 'lastYearBudget.resident': '93203703.60' });
    expect(y2?.settlement.values['budget.employee']).toBe('182993826.07');
    expect(y2?.settlement.values['budget.resident']).toBe('97863888.78');
    // 182,993,826.07 × 1.10 = 201,293,208.677 → 201,293,208.68.
    expect(y3?.settlement.values['budget.employee']).toBe('201293208.68');
    for (const y of sim.value.years) {
      expect(y.settlement.checks.filter((c) => !c.ok)).toEqual([]);
      expect(y.settlement.ledger.length).toBeGreaterThan(0);
      let net = 0n;
      for (const a of Object.values(y.settlement.accounts)) net += BigInt(a.net.replace('.', ''));
      expect(net).toBe(0n);
    }
  });
});

describe('carry (docs/examples/carry.json)', () => {
  // By hand: 10,000,000.00 × 1.05 = 10,500,000.00, × 1.05 = 11,025,000.00, × 1.05 = 11,576,250.00;
  // risk 10 % of each; 2027 package 10,418,625.00 against 11,000,000.00 spent: 581,375.00 over,
  // covered from 1,050,000.00 + 1,102,500.00 + 1,157,625.00 = 3,310,125.00, leaving 2,728,750.00.
  it('carries the budget and the risk fund year to year', () => {
    const r = readRuleFile(readFileSync('docs/examples/carry.json', 'utf8'));
    if (!r.ok) throw new Error('carry does not load');
    const s = simulate(r.value, readFileSync('docs/examples/carry.scenario.json', 'utf8'));
    if (!s.ok) throw new Error(s.issues.map((i) => i.code).join());
    const v = s.value.years.map((y) => [y.label, y.settlement.values['budget'], y.settlement.values['overspend'], y.settlement.values['reserveAfter']]);
    expect(v).toEqual([
      ['2025', '10500000.00', '0.00', '1050000.00'],
      ['2026', '11025000.00', '0.00', '2152500.00'],
      ['2027', '11576250.00', '581375.00', '2728750.00'],
    ]);
    expect(s.value.years[2]?.carried).toEqual({ lastYearBudget: '11025000.00', reserveBalance: '2152500.00' });
  });
});
