/**
 * Invalid rule files and inputs, typescript-eslint RuleTester style: each case is the file's
 * text, written out so that its line and column can be counted by hand, and the exact issues
 * expected — `{ code, file, pointer, line, column }`, never message text.
 *
 * Layout, to count columns by: every rule file is HEAD (lines 1–10) + the case's lines from
 * line 11 + a closing "}". A compute step written as
 *     `    { "name": "x", "kind": "money", "formula": "…" }`
 * has its opening brace at column 5 and the formula's first character at column 49, so a
 * formula error at offset k is at column 49 + k.
 */
import { describe, expect, it } from 'vitest';
import { readRuleFile, settle, type Issue, type RuleFile } from '../src/index.js';

const HEAD = `{
  "format": "yibao-settle/1",
  "id": "t",
  "title": { "zh": "测试", "en": "test" },
  "inputs": {
    "budget": { "kind": "money" },
    "actual": { "kind": "money" },
    "insured": { "kind": "count" },
    "members": { "kind": "table", "key": "id", "columns": { "id": { "kind": "text" }, "weight": { "kind": "number" } } }
  },`;

/** A rule file: HEAD, then `lines` from line 11, then "}". */
const ruleFile = (...lines: string[]): string => [HEAD, ...lines, '}'].join('\n');

/** `    { "name": "x", "kind": "money", "formula": "<formula>" }` on line 12. */
const compute = (formula: string): string => ruleFile('  "steps": [', `    { "name": "x", "kind": "money", "formula": "${formula}" }`, '  ]');

interface Expected {
  readonly code: Issue['code'];
  readonly file?: string;
  readonly pointer: string;
  readonly line: number;
  readonly column: number;
}

const simplify = (issues: readonly Issue[], defaultFile: string): Expected[] =>
  issues.map((i) => ({
    code: i.code,
    ...(i.file === defaultFile ? {} : { file: i.file }),
    pointer: i.pointer,
    line: i.at?.line ?? 0,
    column: i.at?.column ?? 0,
  }));

// ---------------------------------------------------------------------------------------------
// Rule files

const invalidRuleFiles: readonly { name: string; text: string; errors: readonly Expected[] }[] = [
  {
    name: 'JSON syntax error (trailing comma)',
    text: ruleFile('  "steps": [', '    { "name": "x", "kind": "money", "formula": "budget" },', '  ]'),
    errors: [{ code: 'json_syntax', pointer: '/steps/1', line: 13, column: 3 }],
  },
  {
    name: 'empty file',
    text: '',
    errors: [{ code: 'json_empty', pointer: '', line: 1, column: 1 }],
  },
  {
    name: 'duplicate key in a step (at the second key)',
    text: ruleFile('  "steps": [', '    { "name": "x", "name": "y", "kind": "money", "formula": "budget" }', '  ]'),
    errors: [{ code: 'json_duplicate_key', pointer: '/steps/0', line: 12, column: 20 }],
  },
  {
    name: '__proto__ as a key',
    text: ruleFile('  "steps": [', '    { "name": "x", "kind": "money", "formula": "budget", "__proto__": {} }', '  ]'),
    errors: [{ code: 'json_forbidden_key', pointer: '/steps/0', line: 12, column: 58 }],
  },
  {
    name: 'missing "steps" (at the document)',
    text: ruleFile('  "version": "2019"'),
    errors: [{ code: 'missing_property', pointer: '', line: 1, column: 1 }],
  },
  {
    name: 'unknown property in a step (at the key)',
    text: ruleFile('  "steps": [', '    { "name": "x", "kind": "money", "formula": "budget", "rounding": { "places": 2 } }', '  ]'),
    errors: [{ code: 'unknown_property', pointer: '/steps/0/rounding', line: 12, column: 58 }],
  },
  {
    name: 'wrong type: "steps" is not a list',
    text: ruleFile('  "steps": { "name": "x" }'),
    errors: [{ code: 'wrong_type', pointer: '/steps', line: 11, column: 12 }],
  },
  {
    name: 'wrong type: round places as text',
    text: ruleFile('  "steps": [', '    { "name": "x", "kind": "money", "formula": "budget", "round": { "places": "2" } }', '  ]'),
    errors: [{ code: 'wrong_type', pointer: '/steps/0/round/places', line: 12, column: 79 }],
  },
  {
    name: 'a kind that does not exist',
    text: ruleFile('  "steps": [', '    { "name": "x", "kind": "cash", "formula": "budget" }', '  ]'),
    errors: [{ code: 'not_allowed_value', pointer: '/steps/0/kind', line: 12, column: 28 }],
  },
  {
    name: 'a step that is no kind of step (no formula)',
    text: ruleFile('  "steps": [', '    { "name": "x", "kind": "money" }', '  ]'),
    errors: [{ code: 'missing_property', pointer: '/steps/0', line: 12, column: 5 }],
  },
  {
    name: 'unknown name in a formula (column inside the formula)',
    text: compute('max(actul - budget, 0)'),
    errors: [{ code: 'unknown_name', pointer: '/steps/0/formula', line: 12, column: 53 }],
  },
  {
    name: 'formula syntax error at the end of the formula',
    text: compute('budget +'),
    errors: [{ code: 'formula_syntax', pointer: '/steps/0/formula', line: 12, column: 57 }],
  },
  {
    name: 'money × money',
    text: compute('budget * actual'),
    errors: [{ code: 'kind_mismatch', pointer: '/steps/0/formula', line: 12, column: 56 }],
  },
  {
    name: 'money + a plain number',
    text: compute('budget + insured'),
    errors: [{ code: 'kind_mismatch', pointer: '/steps/0/formula', line: 12, column: 56 }],
  },
  {
    name: 'unknown function',
    text: compute('maxi(budget, 0)'),
    errors: [{ code: 'unknown_function', pointer: '/steps/0/formula', line: 12, column: 49 }],
  },
  {
    name: 'wrong number of arguments',
    text: compute('abs(budget, actual)'),
    errors: [{ code: 'wrong_arity', pointer: '/steps/0/formula', line: 12, column: 49 }],
  },
  {
    name: 'an exponent in a formula',
    text: compute('budget * 1e-2'),
    errors: [{ code: 'not_decimal', pointer: '/steps/0/formula', line: 12, column: 58 }],
  },
  {
    name: 'formula nested too deeply (at the 65th parenthesis)',
    text: compute('('.repeat(65) + 'budget' + ')'.repeat(65)),
    errors: [{ code: 'formula_too_deep', pointer: '/steps/0/formula', line: 12, column: 113 }],
  },
  {
    name: 'a 1,429-term flat sum is long, not deep: only its cut-off last term "budg" is wrong',
    text: compute(Array.from({ length: 5_000 }, () => 'budget').join('+').slice(0, 10_000)),
    // 1,428 whole terms take 1,428 × 7 = 9,996 characters with their "+"; "budg" starts there.
    errors: [{ code: 'unknown_name', pointer: '/steps/0/formula', line: 12, column: 49 + 9_996 }],
  },
  {
    name: 'formula longer than 10,000 characters (the schema refuses it first)',
    text: compute('b'.repeat(10_001)),
    errors: [{ code: 'out_of_range', pointer: '/steps/0/formula', line: 12, column: 48 }],
  },
  {
    name: 'the formula gives money but the step is declared a count',
    text: ruleFile('  "steps": [', '    { "name": "x", "kind": "count", "formula": "budget" }', '  ]'),
    errors: [{ code: 'kind_mismatch', pointer: '/steps/0/formula', line: 12, column: 48 }],
  },
  {
    name: 'cycle between two steps',
    text: ruleFile(
      '  "steps": [',
      '    { "name": "a", "kind": "money", "formula": "b + budget" },',
      '    { "name": "b", "kind": "money", "formula": "a - budget" }',
      '  ]',
    ),
    errors: [{ code: 'cycle', pointer: '/steps/0', line: 12, column: 5 }],
  },
  {
    name: 'duplicate step name (at the second name)',
    text: ruleFile(
      '  "steps": [',
      '    { "name": "x", "kind": "money", "formula": "budget" },',
      '    { "name": "x", "kind": "money", "formula": "actual" }',
      '  ]',
    ),
    errors: [{ code: 'duplicate_name', pointer: '/steps/1', line: 13, column: 15 }],
  },
  {
    name: 'a step named like an input',
    text: ruleFile('  "steps": [', '    { "name": "budget", "kind": "money", "formula": "actual" }', '  ]'),
    errors: [{ code: 'duplicate_name', pointer: '/steps/0', line: 12, column: 15 }],
  },
  {
    name: 'a step named like a function',
    text: ruleFile('  "steps": [', '    { "name": "max", "kind": "money", "formula": "budget" }', '  ]'),
    errors: [{ code: 'reserved_name', pointer: '/steps/0', line: 12, column: 15 }],
  },
  {
    name: 'unknown column of a table row in a formula',
    text: compute("members['m1'].spend"),
    errors: [{ code: 'unknown_column', pointer: '/steps/0/formula', line: 12, column: 63 }],
  },
  {
    name: 'unknown column in a row formula (a split weight), with a suggestion',
    text: ruleFile('  "steps": [', '    { "split": "budget", "over": "members", "weight": "wieght", "name": "share.{id}" }', '  ]'),
    errors: [{ code: 'unknown_name', pointer: '/steps/0/weight', line: 12, column: 56 }],
  },
  {
    name: 'unknown column to total',
    text: ruleFile('  "steps": [', '    { "total": "spend", "from": "members", "by": "id", "over": "members", "column": "t" }', '  ]'),
    errors: [{ code: 'unknown_column', pointer: '/steps/0/total', line: 12, column: 16 }],
  },
  {
    name: 'splitting over something that is not a table',
    text: ruleFile('  "steps": [', '    { "split": "budget", "over": "insured", "weight": "1" }', '  ]'),
    errors: [{ code: 'unknown_table', pointer: '/steps/0/over', line: 12, column: 34 }],
  },
  {
    name: 'condition operator that does not exist',
    text: ruleFile(
      '  "steps": [',
      '    { "name": "x", "kind": "money", "otherwise": "0", "rules": [',
      '      { "when": { "fact": "actual", "operator": "between", "value": "1" }, "formula": "1" }',
      '    ] }',
      '  ]',
    ),
    errors: [{ code: 'not_allowed_value', pointer: '/steps/0/rules/0/when/operator', line: 13, column: 49 }],
  },
  {
    name: 'a text operator on a number',
    text: ruleFile(
      '  "steps": [',
      '    { "name": "x", "kind": "money", "otherwise": "0", "rules": [',
      '      { "when": { "fact": "actual", "operator": "in", "value": ["1"] }, "formula": "1" }',
      '    ] }',
      '  ]',
    ),
    errors: [{ code: 'bad_condition', pointer: '/steps/0/rules/0/when', line: 13, column: 49 }],
  },
  {
    name: "json-rules-engine's greaterThan on a number",
    text: ruleFile(
      '  "steps": [',
      '    { "name": "x", "kind": "money", "otherwise": "0", "rules": [',
      '      { "when": { "fact": "actual", "operator": "greaterThan", "value": "1" }, "formula": "1" }',
      '    ] }',
      '  ]',
    ),
    errors: [{ code: 'numeric_operator_on_text', pointer: '/steps/0/rules/0/when', line: 13, column: 49 }],
  },
  {
    name: 'a condition on an unknown fact (at the fact)',
    text: ruleFile(
      '  "steps": [',
      '    { "name": "x", "kind": "money", "otherwise": "0", "rules": [',
      '      { "when": { "fact": "actul", "operator": "gt", "value": "1" }, "formula": "1" }',
      '    ] }',
      '  ]',
    ),
    errors: [{ code: 'unknown_name', pointer: '/steps/0/rules/0/when', line: 13, column: 27 }],
  },
  {
    name: 'a tier band other than the last without upTo',
    text: ruleFile(
      '  "steps": [',
      '    { "name": "pays", "tiers": { "of": "budget", "mode": "whole", "bands": [{ "rate": "8%" }, { "rate": "0" }] } }',
      '  ]',
    ),
    errors: [{ code: 'missing_property', pointer: '/steps/0/tiers/bands/0', line: 12, column: 77 }],
  },
  {
    name: 'a band rate written as a bare number above 1 ("60" meant 60%)',
    text: ruleFile(
      '  "steps": [',
      '    { "name": "pays", "tiers": { "of": "budget", "mode": "marginal", "bands": [{ "upTo": "5000", "rate": "60" }, { "rate": "0" }] } }',
      '  ]',
    ),
    errors: [{ code: 'rate_out_of_range', pointer: '/steps/0/tiers/bands/0/rate', line: 12, column: 106 }],
  },
  {
    name: 'a bound that is a share of the base written as a bare number ("10" meant 10%)',
    text: ruleFile(
      '  "steps": [',
      '    { "name": "pays", "tiers": { "of": "budget", "base": "budget", "mode": "marginal", "bands": [{ "upTo": "10", "rate": "60%" }, { "rate": "0" }] } }',
      '  ]',
    ),
    errors: [{ code: 'rate_out_of_range', pointer: '/steps/0/tiers/bands/0/upTo', line: 12, column: 108 }],
  },
  {
    name: 'tier bounds that do not rise',
    text: ruleFile(
      '  "steps": [',
      '    { "name": "pays", "tiers": { "of": "budget", "mode": "marginal", "bands": [{ "upTo": "5000", "rate": "60%" }, { "upTo": "3000", "rate": "40%" }, { "rate": "0" }] } }',
      '  ]',
    ),
    errors: [{ code: 'tier_bounds_order', pointer: '/steps/0/tiers/bands/1/upTo', line: 12, column: 125 }],
  },
  {
    name: 'a waterfall whose payers are all capped, with no rest: reported at the waterfall',
    text: ruleFile(
      '  "steps": [',
      '    { "waterfall": "budget", "payers": [{ "name": "reserve", "cap": "100.00" }, { "name": "hospital", "cap": "50.00" }] }',
      '  ]',
    ),
    errors: [{ code: 'missing_property', pointer: '/steps/0', line: 12, column: 5 }],
  },
  {
    name: 'a formula written in "when" (a condition object goes there)',
    text: ruleFile('  "steps": [', '    { "name": "x", "kind": "money", "rules": [{ "when": "budget >= 100", "formula": "budget" }], "otherwise": "actual" }', '  ]'),
    errors: [{ code: 'formula_in_when', pointer: '/steps/0/rules/0/when', line: 12, column: 57 }],
  },
  {
    name: 'a condition object written where a formula goes',
    text: ruleFile('  "steps": [', '    { "name": "x", "kind": "money", "formula": { "fact": "budget", "operator": "gte", "value": 100 } }', '  ]'),
    errors: [{ code: 'condition_in_formula', pointer: '/steps/0/formula', line: 12, column: 48 }],
  },
  {
    name: 'a parameter written with an exponent',
    text: ruleFile(
      '  "parameters": { "rate": { "kind": "rate", "value": "1e3", "label": { "zh": "比率", "en": "rate" } } },',
      '  "steps": [',
      '    { "name": "x", "kind": "money", "formula": "budget * rate" }',
      '  ]',
    ),
    errors: [{ code: 'not_decimal', pointer: '/parameters/rate/value', line: 11, column: 54 }],
  },
];

describe('invalid rule files', () => {
  it('has a table of at least 25 cases', () => {
    expect(invalidRuleFiles.length).toBeGreaterThanOrEqual(25);
  });

  it.each(invalidRuleFiles.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const r = readRuleFile(c.text, { file: 'rules.json' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(simplify(r.issues, 'rules.json')).toEqual(c.errors);
    for (const i of r.issues) {
      expect(i.message.zh).not.toBe('');
      expect(i.message.en).not.toBe('');
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Inputs, against one valid rule file

const RULES_TEXT = ruleFile(
  '  "steps": [',
  '    { "name": "overspend", "kind": "money", "formula": "max(actual - budget, 0)" },',
  '    { "name": "perHead", "kind": "money", "formula": "budget / insured", "round": { "places": 2 } },',
  '    { "split": "overspend", "over": "members", "weight": "weight", "name": "share.{id}" }',
  '  ]',
);

function rules(): RuleFile {
  const r = readRuleFile(RULES_TEXT, { file: 'rules.json' });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.code} ${i.pointer}`).join('\n'));
  return r.value;
}

/** The valid input, one member a line: line 2 budget, 3 actual, 4 insured, 6–7 members. */
const VALID_INPUT = ['{', '  "budget": "100.00",', '  "actual": "105.00",', '  "insured": 3,', '  "members": [', '    { "id": "m1", "weight": 1 },', '    { "id": "m2", "weight": 2 }', '  ]', '}'];

/** The valid input with line `n` (1-based) replaced by `text` (or removed when text is null). */
const inputWith = (...edits: [number, string | null][]): string => {
  const lines: (string | null)[] = [...VALID_INPUT];
  for (const [n, text] of edits) lines[n - 1] = text;
  return lines.filter((l): l is string => l !== null).join('\n');
};

const invalidInputs: readonly { name: string; text: string; errors: readonly Expected[] }[] = [
  {
    name: 'missing input (at the document)',
    text: inputWith([3, null]),
    errors: [{ code: 'missing_input', pointer: '/actual', line: 1, column: 1 }],
  },
  {
    name: 'unknown input key (at the key)',
    text: inputWith([2, '  "bugdet": "1.00", "budget": "100.00",']),
    errors: [{ code: 'unknown_input', pointer: '/bugdet', line: 2, column: 3 }],
  },
  {
    name: 'money with three decimals',
    text: inputWith([2, '  "budget": "100.001",']),
    errors: [{ code: 'money_precision', pointer: '/budget', line: 2, column: 13 }],
  },
  {
    name: 'money with three decimals as a JSON number',
    text: inputWith([2, '  "budget": 100.001,']),
    errors: [{ code: 'money_precision', pointer: '/budget', line: 2, column: 13 }],
  },
  {
    name: 'negative count',
    text: inputWith([4, '  "insured": -3,']),
    errors: [{ code: 'negative_count', pointer: '/insured', line: 4, column: 14 }],
  },
  {
    name: 'fractional count',
    text: inputWith([4, '  "insured": 2.5,']),
    errors: [{ code: 'not_integer', pointer: '/insured', line: 4, column: 14 }],
  },
  {
    name: 'exponent string "1e3"',
    text: inputWith([2, '  "budget": "1e3",']),
    errors: [{ code: 'not_decimal', pointer: '/budget', line: 2, column: 13 }],
  },
  {
    name: 'exponent JSON number 1e3',
    text: inputWith([2, '  "budget": 1e3,']),
    errors: [{ code: 'not_decimal', pointer: '/budget', line: 2, column: 13 }],
  },
  {
    name: '"NaN" as text',
    text: inputWith([2, '  "budget": "NaN",']),
    errors: [{ code: 'not_decimal', pointer: '/budget', line: 2, column: 13 }],
  },
  {
    name: 'NaN as a bare word (not JSON)',
    text: inputWith([2, '  "budget": NaN,']),
    errors: [{ code: 'json_syntax', pointer: '/budget', line: 2, column: 13 }],
  },
  {
    name: 'thousands separators grouped wrongly (1,00.00: groups are of three)',
    text: inputWith([2, '  "budget": "1,00.00",']),
    errors: [{ code: 'bad_grouping', pointer: '/budget', line: 2, column: 13 }],
  },
  {
    name: 'a space inside a number',
    text: inputWith([2, '  "budget": "100 000.00",']),
    errors: [{ code: 'not_decimal', pointer: '/budget', line: 2, column: 13 }],
  },
  {
    name: 'more than 40 digits',
    text: inputWith([2, '  "budget": "12345678901234567890123456789012345678901.00",']),
    errors: [{ code: 'too_many_digits', pointer: '/budget', line: 2, column: 13 }],
  },
  {
    name: 'money given as true',
    text: inputWith([2, '  "budget": true,']),
    errors: [{ code: 'not_decimal', pointer: '/budget', line: 2, column: 13 }],
  },
  {
    name: 'duplicate member id (at the second id)',
    text: inputWith([7, '    { "id": "m1", "weight": 2 }']),
    errors: [{ code: 'duplicate_key', pointer: '/members/1/id', line: 7, column: 13 }],
  },
  {
    name: 'wrong type: members is an object',
    text: inputWith([5, '  "members": { "id": "m1" }'], [6, null], [7, null], [8, null]),
    errors: [{ code: 'wrong_type', pointer: '/members', line: 5, column: 14 }],
  },
  {
    name: 'wrong type: the document is a list',
    text: '[\n  { "budget": "100.00" }\n]',
    errors: [{ code: 'wrong_type', pointer: '', line: 1, column: 1 }],
  },
  {
    name: 'a member without its weight (at the row)',
    text: inputWith([6, '    { "id": "m1" },']),
    errors: [{ code: 'missing_input', pointer: '/members/0/weight', line: 6, column: 5 }],
  },
  {
    name: 'unknown column in a member row',
    text: inputWith([6, '    { "id": "m1", "weight": 1, "wieght": 1 },']),
    errors: [{ code: 'unknown_input', pointer: '/members/0/wieght', line: 6, column: 32 }],
  },
  {
    name: 'duplicate key in the input',
    text: inputWith([3, '  "budget": "100.00",']),
    errors: [{ code: 'json_duplicate_key', pointer: '', line: 3, column: 3 }],
  },
  {
    name: 'a byte-order mark is not a column',
    text: '\uFEFF{"budget": "100.001", "actual": "105.00", "insured": 3, "members": []}',
    errors: [{ code: 'money_precision', pointer: '/budget', line: 1, column: 12 }],
  },
  {
    name: 'several problems at once, in document order',
    text: inputWith([2, '  "budget": "100.001",'], [4, '  "insured": -1,']),
    errors: [
      { code: 'money_precision', pointer: '/budget', line: 2, column: 13 },
      { code: 'negative_count', pointer: '/insured', line: 4, column: 14 },
    ],
  },
  {
    name: 'division by zero (at the step in the rule file)',
    text: inputWith([4, '  "insured": 0,']),
    errors: [{ code: 'division_by_zero', file: 'rules.json', pointer: '/steps/1', line: 13, column: 5 }],
  },
  {
    name: 'all-zero weights with a positive amount (at the split step)',
    text: inputWith([6, '    { "id": "m1", "weight": 0 },'], [7, '    { "id": "m2", "weight": 0.000 }']),
    errors: [{ code: 'weights_all_zero', file: 'rules.json', pointer: '/steps/2', line: 14, column: 5 }],
  },
  {
    name: 'a negative weight (at the split step)',
    text: inputWith([7, '    { "id": "m2", "weight": -2 }']),
    errors: [{ code: 'negative_weight', file: 'rules.json', pointer: '/steps/2', line: 14, column: 5 }],
  },
];

describe('invalid inputs', () => {
  it('has a table of at least 20 cases', () => {
    expect(invalidInputs.length).toBeGreaterThanOrEqual(20);
  });

  it.each(invalidInputs.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const r = settle(rules(), c.text, { file: 'input.json' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(simplify(r.issues, 'input.json')).toEqual(c.errors);
  });
});

describe('valid inputs', () => {
  it.each([
    ['the base input', inputWith(), { overspend: '5.00', perHead: '33.33', 'share.m1': '1.67', 'share.m2': '3.33' }],
    // Nothing to split: all-zero weights are fine when the amount is zero.
    [
      'all-zero weights with nothing to split',
      inputWith([3, '  "actual": "90.00",'], [6, '    { "id": "m1", "weight": 0 },'], [7, '    { "id": "m2", "weight": 0 }']),
      { overspend: '0.00', perHead: '33.33', 'share.m1': '0.00', 'share.m2': '0.00' },
    ],
    ['money as JSON numbers and trimmed text', inputWith([2, '  "budget": 100,'], [3, '  "actual": "105.5",']), { overspend: '5.50', 'share.m1': '1.83', 'share.m2': '3.67' }],
  ])('%s', (_, text, values) => {
    const r = settle(rules(), text, { file: 'input.json' });
    if (!r.ok) throw new Error(r.issues.map((i) => `${i.code} ${i.pointer}`).join('\n'));
    expect(r.value.values).toMatchObject(values);
    expect(r.value.checks.every((c) => c.ok)).toBe(true);
  });
});
