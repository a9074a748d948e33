/**
 * Parameters that are values by key (`levelRatio`: township 90 %, county 80 %, other 50 %), read in
 * formulas as levelRatio[level]. Worked by hand for docs/examples/map-parameter.json:
 * 1,000.00 × 90 % = 900.00; 333.33 × 80 % = 266.664 → 266.66; 0.05 × 50 % = 0.025 → 0.03 (HALF_UP);
 * total 1,166.69. With county at 85 %: 333.33 × 85 % = 283.3305 → 283.33; total 1,183.36.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasCode, readRuleFile, settle, type RuleFile } from '../src/index.js';

const text = readFileSync('docs/examples/map-parameter.json', 'utf8');
const input = readFileSync('docs/examples/map-parameter.input.json', 'utf8');
const read = (t: string): RuleFile => {
  const r = readRuleFile(t, { file: 'map.json' });
  if (!r.ok) throw new Error(r.issues.map((i) => i.code).join(', '));
  return r.value;
};

describe('a parameter of values by key', () => {
  it('each claim is paid at its level\'s ratio: 900.00 + 266.66 + 0.03 = 1,166.69', () => {
    const r = settle(read(text), input);
    expect(r.ok && r.value.values).toEqual({ totalPaid: '1166.69' });
    expect(r.ok && r.value.figures['levelRatio']).toMatchObject({ source: 'parameter', value: '{township: 0.9, county: 0.8, other: 0.5}' });
  });

  it('one entry can be set for a run (levelRatio.county = 85%): 1,183.36', () => {
    const r = settle(read(text), input, { parameters: { 'levelRatio.county': '85%' } });
    expect(r.ok && r.value.values).toEqual({ totalPaid: '1183.36' });
  });

  it('an entry set to 85 (meaning 85%) is refused as 8500%; an unknown entry is unknown_name', () => {
    const bad = settle(read(text), input, { parameters: { 'levelRatio.county': '85' } });
    const i = bad.ok ? undefined : bad.issues[0];
    expect(i && hasCode(i, 'rate_out_of_range') ? i.params : undefined).toEqual({ received: '85', percent: '8500%', min: '0%', max: '100%' });
    const unknown = settle(read(text), input, { parameters: { 'levelRatio.city': '10%' } });
    expect(unknown.ok ? [] : unknown.issues.map((x) => x.code)).toEqual(['unknown_name']);
  });

  it('a level the map does not have is unknown_key at the input row that names it', () => {
    const r = settle(read(text), '{ "claims": [ { "id": "a", "level": "city", "cost": "1.00" } ] }', { file: 'in.json' });
    const i = r.ok ? undefined : r.issues[0];
    expect(i && hasCode(i, 'unknown_key') ? [i.pointer, i.params.key] : undefined).toEqual(['/claims/0/level', 'city']);
  });

  it('values are read as the declared kind, with its bounds: "90" for a rate is refused where it is written', () => {
    const r = readRuleFile(text.replace('"township": "90%"', '"township": "90"'), { file: 'map.json' });
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.pointer])).toEqual([['rate_out_of_range', '/parameters/levelRatio/value/township']]);
  });

  it('kind map needs "of" and an object value; other kinds take neither', () => {
    const noOf = readRuleFile(text.replace('"kind": "map", "of": "rate",', '"kind": "map",'));
    expect(noOf.ok).toBe(false);
    const scalarWithObject = readRuleFile(text.replace('"kind": "map", "of": "rate",', '"kind": "rate",'));
    expect(scalarWithObject.ok).toBe(false);
  });
});

describe('a step table: lookup(map, x)', () => {
  const stepText = readFileSync('docs/examples/step-table.json', 'utf8');
  const stepInput = readFileSync('docs/examples/step-table.input.json', 'utf8');

  it('gives the figures the same scheme gives written as a decision over rows (docs/examples/decide-rows.json)', () => {
    const byTable = settle(read(stepText), stepInput);
    const byRules = settle(read(readFileSync('docs/examples/decide-rows.json', 'utf8')), readFileSync('docs/examples/decide-rows.input.json', 'utf8'));
    // By hand: 92 → 100 %; exactly 80 → 95 % (a key is the band's lowest score); 79.9 → 90 %.
    expect(byTable.ok && byTable.value.values).toMatchObject({ 'rate.A': '1', 'rate.B': '0.95', 'rate.C': '0.9', totalPaid: '1775000.52' });
    expect(byTable.ok && byTable.value.values).toEqual(byRules.ok && byRules.value.values);
  });

  it('an official moves one band for a run (scoreRate.80 = 96%): B is paid 500,000.55 × 96 % = 480,000.528 → 480,000.53', () => {
    const r = settle(read(stepText), stepInput, { parameters: { 'scoreRate.80': '96%' } });
    expect(r.ok && r.value.values['paid.B']).toBe('480000.53');
  });

  it('refuses a score below every band and a key that is not a number, saying which', () => {
    const below = settle(read(stepText.replace('"0": "90%", ', '')), stepInput);
    expect(below.ok ? [] : below.issues.map((i) => [i.code, hasCode(i, 'not_a_number') ? i.params.detail : ''])).toEqual([['not_a_number', 'lookup: 79.9 is below the smallest key 80']]);
    const word = settle(read(stepText.replace('"0": "90%"', '"low": "90%"')), stepInput);
    expect(word.ok ? [] : word.issues.map((i) => [i.code, hasCode(i, 'not_a_number') ? i.params.detail : ''])).toEqual([['not_a_number', 'lookup: the key "low" is not a number']]);
  });

  it('agrees with the greatest threshold not above x on random tables', () => {
    const ruleWith = (value: Record<string, string>): RuleFile =>
      read(JSON.stringify({
        format: 'yibao-settle/1', id: 'l', title: { zh: 'l', en: 'l' },
        parameters: { t: { kind: 'map', of: 'number', value, label: { zh: '分档', en: 'bands' } } },
        inputs: { xs: { kind: 'table', columns: { x: { kind: 'number' } } } },
        steps: [{ over: 'xs', column: 'y', kind: 'number', formula: 'lookup(t, x)' }],
      }));
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 8 }), fc.array(fc.integer({ min: -60, max: 60 }), { minLength: 1, maxLength: 10 }), (keys, xs) => {
        const r = settle(ruleWith(Object.fromEntries(keys.map((k) => [String(k), String(k * 10 + 1)]))), { xs: xs.map((x) => ({ x })) }, { rows: ['xs'], trace: false });
        const want = xs.map((x) => Math.max(...keys.filter((k) => k <= x)));
        if (want.some((w) => w === -Infinity)) {
          expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['not_a_number']);
          return;
        }
        expect(r.ok && r.value.rows?.['xs']?.rows.map((row) => row[1])).toEqual(want.map((k) => String(k * 10 + 1)));
      }),
      { numRuns: 300 },
    );
  });
});
