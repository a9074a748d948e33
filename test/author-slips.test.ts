/**
 * A rule author's slips, said in the author's terms: a formula in "when" or a condition object
 * in a formula (with the condition written as a formula), a per-row name read as if it were a
 * value (with the formula that reads it), tier bands out of order, a rate written as a bare
 * number. The issue codes and places are in invalid-rule-files.test.ts; here, what they suggest.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasCode, readRuleFile } from '../src/index.js';

const HEAD = '{ "format": "yibao-settle/1", "id": "t", "title": { "zh": "t", "en": "t" }, "inputs": { "score": { "kind": "number" }, "budget": { "kind": "money" } }, "steps": [';
const rule = (...steps: string[]): string => `${HEAD}${steps.join(', ')}] }`;
const issuesOf = (text: string) => {
  const r = readRuleFile(text, { file: 'rules.json' });
  if (r.ok) throw new Error('the rule file was read');
  return r.issues;
};

describe('a formula where a condition goes, and the other way round', () => {
  it('"when": "score >= 90" says to write if(score >= 90, …, …) in "formula"', () => {
    const [i] = issuesOf(rule('{ "name": "x", "kind": "number", "rules": [{ "when": "score >= 90", "formula": "1" }], "otherwise": "0" }'));
    expect(i && hasCode(i, 'formula_in_when') ? i.params : undefined).toEqual({ formula: 'score >= 90' });
    expect(i?.message.zh).toContain('if(score >= 90, …, …)');
  });

  it('a condition object as a formula is written back as the formula it means', () => {
    const cases: [string, string][] = [
      ['{ "fact": "score", "operator": "gte", "value": 90 }', 'score >= 90'],
      ['{ "fact": "score", "operator": "lt", "value": { "fact": "budget" } }', 'score < budget'],
      ['{ "all": [{ "fact": "score", "operator": "gte", "value": 90 }, { "not": { "fact": "score", "operator": "gt", "value": "99.5" } }] }', 'score >= 90 and not (score > 99.5)'],
      ['{ "fact": "level", "operator": "in", "value": ["a", "b"] }', "level == 'a' or level == 'b'"],
    ];
    for (const [condition, formula] of cases) {
      const [i] = issuesOf(rule(`{ "name": "x", "kind": "number", "formula": ${condition} }`));
      expect(i && hasCode(i, 'condition_in_formula') ? i.params : undefined, condition).toEqual({ formula });
    }
  });
});

describe('a per-row name read in a formula', () => {
  const drg = JSON.parse(readFileSync('rules/drg-points.json', 'utf8')) as { steps: unknown[] };

  it('points.H1 (a hospital total named per row) suggests hospitals[\'H1\'].points, the column that holds it', () => {
    const text = JSON.stringify({ ...drg, steps: [...drg.steps, { name: 'h1', kind: 'number', formula: 'points.H1 * 2' }] });
    const [i] = issuesOf(text);
    expect(i && hasCode(i, 'unknown_name') ? i.params : undefined).toEqual({ name: 'points.H1', suggestion: "hospitals['H1'].points" });
  });

  it('the suggestion reads: hospitals[\'H1\'].points settles', () => {
    const text = JSON.stringify({ ...drg, steps: [...drg.steps, { name: 'h1', kind: 'number', formula: "hospitals['H1'].points * 2" }] });
    expect(readRuleFile(text).ok).toBe(true);
  });
});
