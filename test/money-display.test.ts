/**
 * money(x) and "display": a number of points times a point value becomes money to the fen, and
 * a point value is shown with the places the next step uses. Figures worked out by hand:
 * 1,234.5 points × 66.2528 yuan = 81,789.0816 yuan → 81,789.08; 100 ÷ 3 = 33.3333… shown and
 * used as 33.3333, so × 3 = 99.9999.
 */
import { describe, expect, it } from 'vitest';
import { hasCode, readRuleFile, settle, type RuleFile } from '../src/index.js';
import { formatReport } from '../src/report/report-text.js';

const rule = (steps: string): string =>
  `{ "format": "yibao-settle/1", "id": "t", "title": { "zh": "t", "en": "t" }, "inputs": { "points": { "kind": "number" }, "pointValue": { "kind": "number" }, "budget": { "kind": "money" } }, "steps": [ ${steps} ] }`;
const read = (text: string): RuleFile => {
  const r = readRuleFile(text);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.code} ${i.pointer} ${i.message.en}`).join('\n'));
  return r.value;
};
const input = { points: '1234.5', pointValue: '66.2528', budget: '100.00' };

describe('money(x)', () => {
  it('r2(money(points × pointValue)) is an amount to the fen: 81,789.08', () => {
    const r = settle(read(rule('{ "name": "pay", "kind": "money", "formula": "r2(money(points * pointValue))" }')), input);
    expect(r.ok && r.value.values).toEqual({ pay: '81789.08' });
  });

  it('a money step rounded to the fen may take a number formula; the figure keeps the exact product', () => {
    const r = settle(read(rule('{ "name": "pay", "kind": "money", "formula": "points * pointValue", "round": { "places": 2 } }')), input);
    expect(r.ok && r.value.values).toEqual({ pay: '81789.08' });
    expect(r.ok && r.value.figures['pay']?.exact).toBe('81789.0816');
  });

  it('without money() or a rounding, kind_mismatch says how to make it money', () => {
    const r = readRuleFile(rule('{ "name": "pay", "kind": "money", "formula": "points * pointValue" }'));
    const i = r.ok ? undefined : r.issues[0];
    expect(i?.code).toBe('kind_mismatch');
    expect(i && hasCode(i, 'kind_mismatch') ? String(i.params.detail) : '').toContain('money(…)');
  });
});

describe('"display"', () => {
  const text = rule(
    '{ "name": "third", "kind": "number", "formula": "number(budget) / 3", "display": 4 }, { "name": "back", "kind": "number", "formula": "third * 3" }',
  );

  it('shows 33.3333 and the next step uses 33.3333: × 3 = 99.9999', () => {
    const r = settle(read(text), input);
    expect(r.ok && r.value.values).toEqual({ third: '33.3333', back: '99.9999' });
  });

  it('pads to the places shown: round 2, display 4 shows 33.3300', () => {
    const r = settle(read(rule('{ "name": "third", "kind": "number", "formula": "number(budget) / 3", "round": { "places": 2 }, "display": 4 }')), input);
    expect(r.ok && r.value.values).toEqual({ third: '33.3300' });
  });

  it('is refused for money, and for fewer places than the step rounds to', () => {
    for (const step of [
      '{ "name": "x", "kind": "money", "formula": "budget", "display": 4 }',
      '{ "name": "x", "kind": "number", "formula": "points", "round": { "places": 4 }, "display": 2 }',
    ]) {
      const r = readRuleFile(rule(step));
      expect(r.ok ? [] : r.issues.map((i) => [i.code, i.pointer]), step).toEqual([['out_of_range', '/steps/0/display']]);
    }
  });
});

describe('unrounded values in text for people', () => {
  it('the report shows 12 decimals and "…"; the settlement (and --json) keeps every digit', () => {
    const rules = read(rule('{ "name": "third", "kind": "number", "formula": "number(budget) / 3" }'));
    const r = settle(rules, input);
    if (!r.ok) throw new Error('settles');
    // 100 ÷ 3 to 90 printed digits: 33.333… with 88 threes after the point.
    expect(r.value.values['third']).toBe(`33.${'3'.repeat(88)}`);
    expect(formatReport(rules, r.value)).toContain(`33.${'3'.repeat(12)}…`);
  });
});
