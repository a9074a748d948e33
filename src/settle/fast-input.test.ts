/**
 * The one-pass input reader (bulk runs without a trace) must read exactly what the general
 * reader reads, and give up on everything the general reader has something to say about. On the
 * presets' example inputs, mutated as the fuzzer mutates them and then spelled differently as
 * text (spacing, escapes, duplicate keys, a BOM, trailing text), both give the same values, and
 * a settlement without a trace equals the traced one in everything but the figures.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TableValue, Value } from '../formula/types.js';
import { Exact } from '../money/exact.js';
import { compileRuleFile, type CompiledRuleFile } from './compile.js';
import { readInputs } from './read-inputs.js';
import { readInputsFast } from './fast-input.js';
import { settle } from './settle.js';
import { readSource } from './source.js';
import { mutate, paths, type Json } from '../../test/mutations.js';

const RUNS = Number(process.env['FAST_INPUT_RUNS'] ?? 3000);
const ids = readdirSync('rules').filter((f) => f.endsWith('.json') && !f.endsWith('.cases.json')).map((f) => f.replace(/\.json$/, ''));
const presets = ids.map((id) => {
  const r = compileRuleFile(readFileSync(`rules/${id}.json`, 'utf8'), `rules/${id}.json`);
  if (!r.ok) throw new Error(`${id} does not load`);
  return { id, rules: r.value, input: readFileSync(`rules/examples/${id}.input.json`, 'utf8') };
});

/** Values as text, exact to the scale of every number. */
function show(v: Value | undefined): unknown {
  if (v instanceof Exact) return `${v.toFixed()}@${v.scale}`;
  if (v && typeof v === 'object' && 'rows' in v) {
    const t = v as TableValue;
    return { rows: t.rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, x]) => [k, show(x)]))), index: t.index ? [...t.index.keys()] : undefined };
  }
  if (v instanceof Map) return [...v].map(([k, x]) => [k, show(x as Value)]).sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
  if (Array.isArray(v)) return v.map((x) => show(x as Value));
  return v;
}

function general(rules: CompiledRuleFile, text: string): { values: unknown; clean: boolean } {
  const src = readSource(text, 'input');
  if (!src.ok) return { values: undefined, clean: false };
  const r = readInputs(rules.decls, src.doc, rules.doc);
  return { values: show(r.values as unknown as Value), clean: r.issues.length === 0 };
}

const replacements: Json[] = [null, true, false, 0, -1, 0.5, 1e21, '', ' 1', '1e3', '12.345', '12.30', '2%', '-0', '007', 'county', 'town', [], {}, 'x', '99999999999999999999999999999999999999999'];

/** The same document spelled differently as text, or made wrong as text. */
const spellings: ((t: string) => string)[] = [
  (t) => t,
  (t) => JSON.stringify(JSON.parse(t), null, 2),
  (t) => `\uFEFF${t}`,
  (t) => ` \r\n\t${t}\n`,
  (t) => t.replace(/"([a-z])/, (_, ch: string) => `"\\u00${ch.charCodeAt(0).toString(16)}`), // an escape in the first key
  (t) => t.replace('"', '"\\u0020'),
  (t) => t.replace(/^\{"([^"]+)":([^,]+),/, '{"$1":$2,"$1":$2,'), // the first key twice
  (t) => `${t} x`,
  (t) => t.slice(0, -1),
  (t) => t.replace(/:/g, ' : '),
  (t) => t.replace(/(\d)\.(\d\d)"/, '$1.$2 "'),
  (t) => t.replace(/"(\d+)\.(\d+)"/, '$1.$2'), // a number given as a JSON number
  (t) => t.replace(/"(\d+)"/, '$1e0'),
  (t) => t.replace(/\[\{"([^"]+)":("[^"]*"|[^,}\]]*),/, '[{"$1":$2,"$1":$2,'), // a column twice in the first row
];

/** Paths to every node, and as often to the cells of tables (where most values are). */
function targets(doc: Json): fc.Arbitrary<(string | number)[]> {
  const all = paths(doc);
  const cells = all.filter((p) => p.length === 3 && typeof p[1] === 'number');
  return cells.length > 0 ? fc.oneof(fc.constantFrom(...all), fc.constantFrom(...cells)) : fc.constantFrom(...all);
}

/** A preset's example input, mutated (or, for ops 6–7, not) and then spelled as one of `spellings`. */
const mutatedInput = fc.constantFrom(...presets).chain((p) => {
  const doc = JSON.parse(p.input) as Json;
  return fc
    .tuple(targets(doc), fc.integer({ min: 0, max: 7 }), fc.constantFrom(...replacements), fc.constantFrom(...spellings))
    .map(([path, op, value, spell]) => [p, spell(JSON.stringify(mutate(doc, path, op, value)))] as const);
});

/** A settlement without a trace equals the traced one, figures aside; so do their issues. */
function expectSameWithoutTrace(rules: CompiledRuleFile, text: string): void {
  const quick = settle(rules, text, { trace: false });
  const traced = settle(rules, text);
  if (!traced.ok || !quick.ok) expect(quick).toEqual(traced);
  else expect(quick.value).toEqual({ ...traced.value, figures: {} });
}

describe('one-pass input reader', () => {
  it('reads the plain example inputs in one pass', () => {
    for (const id of ids) {
      const p = presets.find((x) => x.id === id);
      if (!p) continue;
      const fast = readInputsFast(p.rules.reading.fast, p.input);
      expect(fast, id).toBeDefined();
      expect(show(fast as unknown as Value)).toEqual(general(p.rules, p.input).values);
    }
  });

  it('reads what the general reader reads, and gives up wherever that one has an issue', () => {
    fc.assert(
      fc.property(mutatedInput, ([p, text]) => {
        const fast = readInputsFast(p.rules.reading.fast, text);
        if (fast === undefined) return;
        const g = general(p.rules, text);
        expect(g.clean).toBe(true);
        expect(show(fast as unknown as Value)).toEqual(g.values);
      }),
      { numRuns: RUNS },
    );
  });

  it('settles without a trace exactly as with one, figures aside, issues included', () => {
    fc.assert(
      fc.property(mutatedInput, ([p, text]) => expectSameWithoutTrace(p.rules, text)),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });
});

describe('one-pass input reader on damaged text', () => {
  // Characters that matter to JSON and to the values: quotes, escapes, separators, digits, signs.
  const chars = fc.constantFrom('"', '\\', ',', ':', '{', '}', '[', ']', ' ', '\n', '0', '5', '.', '-', 'e', '%', 't', 'n', 'a', '\u0000', '\uFEFF', '中', '\uD800');
  const edit = fc.tuple(fc.integer({ min: 0, max: 2 }), fc.nat(), chars);

  it('settles damaged documents without a trace exactly as with one', () => {
    const arb = fc.tuple(fc.constantFrom(...presets), fc.array(edit, { minLength: 1, maxLength: 3 }));
    fc.assert(
      fc.property(arb, ([p, edits]) => {
        let text = p.input;
        for (const [op, at, ch] of edits) {
          const i = at % (text.length + 1);
          text = op === 0 ? text.slice(0, i) + ch + text.slice(i) : op === 1 ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + ch + text.slice(i + 1);
        }
        expectSameWithoutTrace(p.rules, text);
      }),
      { numRuns: RUNS },
    );
  });
});
