/**
 * Fuzzing: rule files and inputs mutated from the presets (keys deleted, types swapped, values
 * replaced by hostile ones, random formulas). Every outcome must be a result or coded issues,
 * never an exception, an internal_error, NaN or Infinity. FUZZ_RUNS raises the count.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ISSUE_CODES, readRuleFile, settle, type RuleFile } from '../src/index.js';
import { mutate, paths, type Json } from './mutations.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 5000);
const presetIds = readdirSync('rules').filter((f) => f.endsWith('.json') && !f.endsWith('.cases.json')).map((f) => f.replace(/\.json$/, ''));
// The presets, and the examples of the constructs no preset uses yet (maps of values, tiers and decisions over rows, order statistics).
const targets = [
  ...presetIds.map((id) => ({ id, rule: `rules/${id}.json`, input: `rules/examples/${id}.input.json` })),
  ...['map-parameter', 'tiers-rows', 'decide-rows', 'zhejiang-base-points', 'step-table'].map((id) => ({ id, rule: `docs/examples/${id}.json`, input: `docs/examples/${id}.input.json` })),
];
const ids = targets.map((t) => t.id);
const ruleTexts = new Map(targets.map((t) => [t.id, readFileSync(t.rule, 'utf8')]));
const inputTexts = new Map(targets.map((t) => [t.id, readFileSync(t.input, 'utf8')]));
const compiled = new Map<string, RuleFile>();
for (const id of ids) {
  const r = readRuleFile(ruleTexts.get(id) as string, { file: id });
  if (r.ok) compiled.set(id, r.value);
}

const hostile: Json[] = [
  null, true, false, 0, -1, 1e308, -0, 0.1, '', ' ', 'NaN', 'Infinity', '-Infinity', '1e3', '0x10', '1,000', '١٢٣',
  '99999999999999999999999999999999999999999999999', '-0.00', '0.001', '12.345', '2%', '%', '__proto__', 'constructor',
  [], {}, [1, 2], { a: 1 }, 'x'.repeat(300), '1 + 1', 'sum(members, spending)', '-', '.5', '5.',
];
const formulas = ['a +', '(((', 'max()', 'min(1)', '1 / 0', 'sum(members)', 'x[1]', 'foo(1)', '1 ==', '"a" * 2', 'not 1', 'if(1, 2, 3)', 'round(1, -1)', 'round(1, 2, "SIDEWAYS")', '1e5', 'a.b.c.d', '0.1 + 0.2', 'abs(-1) * 2%', 'count(members, level == "town")', 'get(a, "b", 1)'];

const known = new Set<string>(ISSUE_CODES.filter((c) => c !== 'internal_error'));

function assertClean(outcome: ReturnType<typeof settle> | ReturnType<typeof readRuleFile>, what: string): void {
  if (outcome.ok) {
    const values = 'values' in outcome.value ? (outcome.value as { values: Record<string, string> }).values : {};
    for (const [k, v] of Object.entries(values)) if (/NaN|Infinity|e[+-]/.test(v)) throw new Error(`${what}: ${k} = ${v}`);
    return;
  }
  for (const i of outcome.issues) if (!known.has(i.code)) throw new Error(`${what}: ${i.code} ${i.message.en}`);
}

describe('fuzzing', () => {
  it('mutated rule files give a rule file or coded issues', () => {
    const arb = fc.constantFrom(...ids).chain((id) => {
      const doc = JSON.parse(ruleTexts.get(id) as string) as Json;
      const ps = paths(doc);
      return fc.tuple(fc.constant(id), fc.constant(doc), fc.constantFrom(...ps), fc.integer({ min: 0, max: 3 }), fc.oneof(fc.constantFrom(...hostile), fc.constantFrom(...formulas)));
    });
    fc.assert(
      fc.property(arb, ([id, doc, path, op, value]) => {
        const text = JSON.stringify(mutate(doc, path, op, value), null, 1);
        const r = readRuleFile(text, { file: id });
        assertClean(r, `${id} ${path.join('/')}`);
        if (r.ok) assertClean(settle(r.value, inputTexts.get(id) as string), `${id} ${path.join('/')} settle`);
      }),
      { numRuns: RUNS },
    );
  });

  it('mutated inputs give a settlement or coded issues', () => {
    const arb = fc.constantFrom(...[...compiled.keys()]).chain((id) => {
      const doc = JSON.parse(inputTexts.get(id) as string) as Json;
      return fc.tuple(fc.constant(id), fc.constant(doc), fc.constantFrom(...paths(doc)), fc.integer({ min: 0, max: 3 }), fc.constantFrom(...hostile));
    });
    fc.assert(
      fc.property(arb, ([id, doc, path, op, value]) => {
        const text = JSON.stringify(mutate(doc, path, op, value));
        const traced = settle(compiled.get(id) as RuleFile, text);
        assertClean(traced, `${id} ${path.join('/')}`);
        // Bulk runs (no trace) read a document with no problem in one pass: same outcome.
        const quick = settle(compiled.get(id) as RuleFile, text, { trace: false });
        if (!traced.ok || !quick.ok) expect(quick).toEqual(traced);
        else expect(quick.value).toEqual({ ...traced.value, figures: {} });
      }),
      { numRuns: RUNS },
    );
  });

  it('random formulas in a compute step give a value or coded issues', () => {
    const base = JSON.parse(ruleTexts.get('yangxi') as string) as { steps: { formula?: string }[] };
    const atom = fc.constantFrom('gross', 'net', 'surplus', 'insured', 'perCapita', 'riskRate', '0', '1', '0.5', '2%', 'members', '"county"', 'true', 'sum(members, spending)', 'count(members)');
    const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        atom,
        fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '==', '<', 'and', 'or'), tie('e')).map(([a, o, b]) => `${a} ${o} ${b}`),
        fc.tuple(fc.constantFrom('min', 'max', 'abs', 'r2', 'if', 'sum', 'count', 'round', 'number'), fc.array(tie('e'), { maxLength: 3 })).map(([f, a]) => `${f}(${a.join(', ')})`),
        tie('e').map((a) => `(${a})`),
        tie('e').map((a) => `-${a}`),
      ),
    })).e;
    fc.assert(
      fc.property(expr, fc.constantFrom('money', 'number', 'count', 'boolean', 'text'), (formula, kind) => {
        const doc = JSON.parse(JSON.stringify(base)) as { steps: Record<string, unknown>[] };
        doc.steps.push({ name: 'fuzzed', kind, formula });
        const r = readRuleFile(JSON.stringify(doc), { file: 'yangxi' });
        assertClean(r, formula);
        if (r.ok) assertClean(settle(r.value, inputTexts.get('yangxi') as string), formula);
      }),
      { numRuns: RUNS },
    );
  });

  expect(compiled.size).toBe(ids.length);
});
