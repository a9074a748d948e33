/**
 * Decisions over a table's rows: each hospital's payment rate by its own score
 * (docs/examples/decide-rows.json). By hand: A scores 92 → 100 %, 1,000,000.00 paid; B scores
 * exactly 80 → 95 %, 500,000.55 × 95 % = 475,000.5225 → 475,000.52; C scores 79.9 → 90 %,
 * 333,333.33 × 90 % = 299,999.997 → 300,000.00; total 1,775,000.52.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRuleFile, settle, settleWithDecisions, type RuleFile } from '../src/index.js';
import { verifyDecisions } from '../src/verify.js';

const text = readFileSync('docs/examples/decide-rows.json', 'utf8');
const input = readFileSync('docs/examples/decide-rows.input.json', 'utf8');
const read = (t: string): RuleFile => {
  const r = readRuleFile(t, { file: 'decide-rows.json' });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.code} ${i.pointer}`).join('\n'));
  return r.value;
};
const doc = JSON.parse(text) as { steps: Record<string, unknown>[] };
const withFirstStep = (patch: Record<string, unknown>): string => JSON.stringify({ ...doc, steps: [{ ...doc.steps[0], ...patch }, ...doc.steps.slice(1)] });

describe('decide over rows', () => {
  it('gives each row the value of the first rule that holds for it, the bounds included', () => {
    const r = settle(read(text), input);
    expect(r.ok && r.value.values).toEqual({
      'rate.A': '1',
      'rate.B': '0.95',
      'rate.C': '0.9',
      'paid.A': '1000000.00',
      'paid.B': '475000.52',
      'paid.C': '300000.00',
      totalPaid: '1775000.52',
    });
    expect(r.ok && r.value.figures['rate.B']).toMatchObject({ pointer: '/steps/0/rules/1', formula: '95%' });
    expect(r.ok && r.value.figures['rate.C']).toMatchObject({ pointer: '/steps/0/otherwise' });
  });

  it('settles the same without a trace', () => {
    const r = settle(read(text), input, { trace: false });
    expect(r.ok && r.value.values['totalPaid']).toBe('1775000.52');
  });

  it('any, all, not and in read the row too', () => {
    const rules = [
      { when: { any: [{ fact: 'score', operator: 'gte', value: 90 }, { fact: 'id', operator: 'in', value: ['C'] }] }, formula: '100%' },
      { when: { not: { fact: 'score', operator: 'lt', value: 80 } }, formula: '95%' },
    ];
    const r = settle(read(withFirstStep({ rules })), input);
    expect(r.ok && [r.value.values['rate.A'], r.value.values['rate.B'], r.value.values['rate.C']]).toEqual(['1', '0.95', '1']);
  });

  it('a condition on a column the table does not have is unknown_name at the condition', () => {
    const r = readRuleFile(withFirstStep({ rules: [{ when: { fact: 'grade', operator: 'gte', value: 90 }, formula: '100%' }] }));
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.pointer])).toEqual([['unknown_name', '/steps/0/rules/0/when']]);
  });
});

describe('each row\'s choice is re-checked with json-rules-engine', () => {
  it('keeps one record a row, with the row\'s columns as facts, and json-rules-engine agrees', async () => {
    const r = settleWithDecisions(read(text), input);
    if (!r.ok) throw new Error('settles');
    // A 92 → rule 1; B exactly 80 → rule 2 (gte includes the bound); C 79.9 → no rule holds.
    expect(r.value.decisions.map((d) => [d.name, d.chosen, d.facts['score']])).toEqual([
      ['rate.A', 0, '92'],
      ['rate.B', 1, '80'],
      ['rate.C', -1, '79.9'],
    ]);
    expect(await verifyDecisions(r.value.decisions)).toEqual([]);
    // A record that says otherwise is caught.
    const tampered = r.value.decisions.map((d) => (d.name === 'rate.B' ? { ...d, chosen: 0 } : d));
    expect((await verifyDecisions(tampered)).map((m) => [m.decision.name, m.rulesEngine])).toEqual([['rate.B', 1]]);
  });

  it('re-checks the presets\' case rules: drg-points and zhejiang-drg, every case', async () => {
    for (const id of ['drg-points', 'zhejiang-drg']) {
      const rules = readRuleFile(readFileSync(`rules/${id}.json`, 'utf8'));
      if (!rules.ok) throw new Error(id);
      const example = readFileSync(`rules/examples/${id}.input.json`, 'utf8');
      const r = settleWithDecisions(rules.value, example);
      if (!r.ok) throw new Error(id);
      const cases = (JSON.parse(example) as { cases: unknown[] }).cases.length;
      // Two decisions over the cases: the rule (or band) and then the points.
      expect(r.value.decisions.length, id).toBe(2 * cases);
      expect(await verifyDecisions(r.value.decisions), id).toEqual([]);
    }
  });
});
