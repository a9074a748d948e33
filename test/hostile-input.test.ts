/**
 * The hostile-input catalogue: rule files and inputs built to break a settlement engine. Each
 * must give a clean coded issue (or an exact result), through the library and the CLI: non-zero
 * exit, no stack trace, nothing written to stdout, in bounded time.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRuleFile, settle, type RuleFile } from '../src/index.js';

const yangxiText = readFileSync('rules/yangxi.json', 'utf8');
const yangxi = (): RuleFile => {
  const r = readRuleFile(yangxiText, { file: 'rules/yangxi.json' });
  if (!r.ok) throw new Error('yangxi');
  return r.value;
};
const example = JSON.parse(readFileSync('rules/examples/yangxi.input.json', 'utf8')) as Record<string, unknown>;
const input = (patch: Record<string, unknown>): string => JSON.stringify({ ...example, ...patch });
const tiny = (steps: string, inputs = '"x": { "kind": "money" }, "y": { "kind": "money" }', extra = ''): string =>
  `{ "format": "yibao-settle/1", "id": "t", "title": { "zh": "t", "en": "t" }, "inputs": { ${inputs} }, "steps": [ ${steps} ]${extra} }`;

interface RuleCase {
  readonly name: string;
  readonly text: string;
  readonly code: string | readonly string[];
}

const deep = (n: number, open: string, close: string): string => open.repeat(n) + close.repeat(n);

const ruleCases: RuleCase[] = [
  { name: 'empty file', text: '', code: 'json_empty' },
  { name: 'only blanks', text: ' \n\t ', code: 'json_empty' },
  { name: 'binary bytes', text: '\u0000\u0001\u0002PK', code: 'file_not_text' },
  { name: 'malformed JSON', text: '{ "format": }', code: 'json_syntax' },
  { name: 'trailing comma', text: '{ "format": "yibao-settle/1", }', code: 'json_syntax' },
  { name: 'comment', text: '// rules\n{}', code: 'json_syntax' },
  { name: '200,000-deep arrays', text: deep(200_000, '[', ']'), code: 'json_too_deep' },
  { name: '200,000-deep objects', text: '{"a":'.repeat(200_000) + '1' + '}'.repeat(200_000), code: 'json_too_deep' },
  { name: '__proto__ key', text: '{ "__proto__": { "polluted": true } }', code: 'json_forbidden_key' },
  { name: 'constructor key', text: '{ "constructor": { "prototype": {} } }', code: 'json_forbidden_key' },
  { name: 'duplicate key', text: '{ "id": "a", "id": "b" }', code: 'json_duplicate_key' },
  { name: 'a 10 MB formula', text: tiny(`{ "name": "z", "kind": "money", "formula": "${'x + '.repeat(2_500_000)}x" }`), code: ['out_of_range', 'formula_too_long'] },
  { name: 'a formula nested 100 deep', text: tiny(`{ "name": "z", "kind": "money", "formula": "${'('.repeat(100)}x${')'.repeat(100)}" }`), code: 'formula_too_deep' },
  { name: 'unknown name', text: tiny('{ "name": "z", "kind": "money", "formula": "x + w" }'), code: 'unknown_name' },
  { name: 'cycle', text: tiny('{ "name": "a", "kind": "money", "formula": "b + x" }, { "name": "b", "kind": "money", "formula": "a" }'), code: 'cycle' },
  { name: 'money × money', text: tiny('{ "name": "z", "kind": "money", "formula": "x * y" }'), code: 'kind_mismatch' },
  { name: 'column named __proto__', text: tiny('{ "over": "t", "column": "__proto__", "kind": "money", "formula": "v" }', '"t": { "kind": "table", "columns": { "v": { "kind": "money" } } }'), code: 'reserved_name' },
  { name: 'built-in numeric operator on money', text: tiny('{ "name": "z", "kind": "money", "rules": [ { "when": { "fact": "x", "operator": "greaterThan", "value": "9" }, "formula": "x" } ], "otherwise": "0" }'), code: 'numeric_operator_on_text' },
  { name: 'parameter as exponent', text: tiny('{ "name": "z", "kind": "money", "formula": "x * p" }', '"x": { "kind": "money" }', ', "parameters": { "p": { "kind": "rate", "value": "1e3", "label": { "zh": "p", "en": "p" } } }'), code: 'not_decimal' },
  { name: 'parameter NaN', text: tiny('{ "name": "z", "kind": "money", "formula": "x * p" }', '"x": { "kind": "money" }', ', "parameters": { "p": { "kind": "rate", "value": "NaN", "label": { "zh": "p", "en": "p" } } }'), code: 'not_decimal' },
  { name: 'parameter of 50 digits', text: tiny('{ "name": "z", "kind": "money", "formula": "x * p" }', '"x": { "kind": "money" }', `, "parameters": { "p": { "kind": "rate", "value": "${'9'.repeat(50)}", "label": { "zh": "p", "en": "p" } } }`), code: 'too_many_digits' },
  { name: '10,000+ steps from loops', text: tiny(`{ "for": { "i": [${Array.from({ length: 100 }, (_, i) => `"${i}"`).join(',')}] }, "steps": [ ${Array.from({ length: 101 }, (_, k) => `{ "name": "v${k}.{i}", "kind": "money", "formula": "x" }`).join(',')} ] }`), code: 'too_many_steps' },
  { name: 'a step of no known kind', text: tiny('{ "name": "z", "kind": "money", "formuIa": "x" }'), code: ['missing_property', 'unknown_property'] },
  { name: 'a number where text belongs', text: tiny('{ "name": 5, "kind": "money", "formula": "x" }'), code: 'wrong_type' },
];

describe('hostile rule files', () => {
  it.each(ruleCases)('$name', ({ text, code }) => {
    const start = Date.now();
    const r = readRuleFile(text, { file: 'hostile.json' });
    expect(Date.now() - start).toBeLessThan(20_000); // bounded, not a benchmark
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const codes = Array.isArray(code) ? code : [code];
    expect(codes).toContain(r.issues[0]?.code);
    for (const i of r.issues) expect(i.message.zh.length > 0 && i.message.en.length > 0).toBe(true);
  });

  it('a UTF-8 BOM is accepted (Windows editors write it)', () => {
    expect(readRuleFile('\uFEFF' + yangxiText).ok).toBe(true);
  });

  it('a 30-digit parameter is kept exact, also as a JSON number literal', () => {
    const text = tiny('{ "name": "z", "kind": "money", "formula": "x * p" }', '"x": { "kind": "money" }', ', "parameters": { "p": { "kind": "number", "value": 123456789012345678901234567890.123, "label": { "zh": "p", "en": "p" } } }');
    const r = readRuleFile(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = settle(r.value, '{ "x": "2.00" }');
    expect(s.ok && s.value.values['z']).toBe('246913578024691357802469135780.25');
  });

  it('no prototype is polluted by any of this', () => {
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

interface InputCase {
  readonly name: string;
  readonly text: string;
  readonly code: string;
  readonly pointer?: string;
}

const inputCases: InputCase[] = [
  { name: 'empty input', text: '', code: 'json_empty' },
  { name: 'a list instead of an object', text: '[]', code: 'wrong_type', pointer: '' },
  { name: 'missing insured', text: JSON.stringify({ ...example, insured: undefined }), code: 'missing_input', pointer: '/insured' },
  { name: 'negative count', text: input({ insured: -1 }), code: 'negative_count', pointer: '/insured' },
  { name: 'fractional count', text: input({ insured: 1.5 }), code: 'not_integer', pointer: '/insured' },
  { name: 'exponent string', text: input({ insured: '1e3' }), code: 'not_decimal', pointer: '/insured' },
  { name: 'exponent number literal', text: JSON.stringify(example).replace('"insured":400000', '"insured":4e5'), code: 'not_decimal', pointer: '/insured' },
  { name: 'NaN', text: input({ perCapita: 'NaN' }), code: 'not_decimal', pointer: '/perCapita' },
  { name: 'Infinity', text: input({ perCapita: 'Infinity' }), code: 'not_decimal', pointer: '/perCapita' },
  { name: 'hex', text: input({ perCapita: '0x10' }), code: 'not_decimal', pointer: '/perCapita' },
  { name: 'thousands separators grouped wrongly', text: input({ perCapita: '1,00.00' }), code: 'bad_grouping', pointer: '/perCapita' },
  { name: 'a decimal comma', text: input({ perCapita: '980,50' }), code: 'bad_grouping', pointer: '/perCapita' },
  { name: 'three decimals of money', text: input({ perCapita: '980.001' }), code: 'money_precision', pointer: '/perCapita' },
  { name: 'negative spending', text: input({ outOfCountySpending: '-1.00' }), code: 'below_minimum', pointer: '/outOfCountySpending' },
  { name: 'true as money', text: input({ perCapita: true }), code: 'not_decimal', pointer: '/perCapita' },
  { name: 'unknown input', text: input({ insurd: 1 }), code: 'unknown_input', pointer: '/insurd' },
  { name: '__proto__ in the input', text: '{ "__proto__": {} }', code: 'json_forbidden_key' },
  { name: 'members not a list', text: input({ members: {} }), code: 'wrong_type', pointer: '/members' },
  { name: 'duplicate member id', text: input({ members: [{ id: 'a', level: 'county', spending: '1', weight: 1 }, { id: 'a', level: 'town', spending: '1', weight: 1 }] }), code: 'duplicate_key', pointer: '/members/1/id' },
  { name: 'level outside the choices', text: input({ members: [{ id: 'a', level: 'village', spending: '1', weight: 1 }] }), code: 'not_in_choices', pointer: '/members/0/level' },
  { name: 'negative weight', text: input({ members: [{ id: 'a', level: 'county', spending: '1', weight: -1 }] }), code: 'below_minimum', pointer: '/members/0/weight' },
  { name: 'all-zero weights with a positive pool', text: input({ members: [{ id: 'a', level: 'county', spending: '0', weight: 0 }, { id: 'b', level: 'town', spending: '0', weight: 1 }] }), code: 'weights_all_zero' },
  { name: 'a 200,000-deep input', text: '{"members":' + deep(200_000, '[', ']') + '}', code: 'json_too_deep' },
];

describe('hostile inputs', () => {
  // With the trace and without it (bulk runs first try the one-pass reader): the same issue.
  it.each(inputCases.flatMap((c) => [true, false].map((trace) => ({ ...c, trace }))))('$name (trace $trace)', ({ text, code, pointer, trace }) => {
    const r = settle(yangxi(), text, { file: 'input.json', trace });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]?.code).toBe(code);
    if (pointer !== undefined) expect(r.issues[0]?.pointer).toBe(pointer);
  });

  it.each([true, false])('a 30-digit JSON number literal stays exact (trace %s)', (trace) => {
    const text = JSON.stringify({ ...example, insured: 1, policyExpenses: '0' }).replace('"perCapita":"980.00"', '"perCapita":123456789012345678901234567890.12');
    const r = settle(yangxi(), text, { trace });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.values['gross']).toBe('123456789012345678901234567890.12');
    // 2% of it: 2469135780246913578024691357.8024 → 2469135780246913578024691357.80
    expect(r.value.values['adjustmentFund']).toBe('2469135780246913578024691357.80');
  });

  it('division by zero is an issue, not Infinity', () => {
    const rules = readRuleFile(tiny('{ "name": "z", "kind": "number", "formula": "x / y" }'));
    if (!rules.ok) throw new Error('tiny');
    const r = settle(rules.value, '{ "x": "1.00", "y": "0" }');
    expect(!r.ok && r.issues[0]?.code).toBe('division_by_zero');
  });

  it('a value squared again and again stops with not_a_number at that step, in bounded time', () => {
    const steps = ['{ "name": "v0", "kind": "number", "formula": "number(x) * 10" }'];
    for (let i = 1; i <= 40; i++) steps.push(`{ "name": "v${i}", "kind": "number", "formula": "v${i - 1} * v${i - 1}" }`);
    const rules = readRuleFile(tiny(steps.join(', ')));
    if (!rules.ok) throw new Error(JSON.stringify(rules.issues));
    const started = Date.now();
    const r = settle(rules.value, '{ "x": "10.00", "y": "0" }');
    expect(!r.ok && r.issues[0]?.code).toBe('not_a_number');
    expect(!r.ok && r.issues[0]?.pointer).toMatch(/^\/steps\/\d+$/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a formula number with too many digits names the limit, not the number', () => {
    const rules = readRuleFile(tiny('{ "name": "z", "kind": "number", "formula": "number(x) * 10000000000000000000000000000000000000000" }'));
    expect(!rules.ok && rules.issues[0]?.code).toBe('too_many_digits');
    if (!rules.ok) expect(rules.issues[0]?.message.en).toBe('too many digits (at most 40): 10000000000000000000000000000000000000000');
  });

  it('a huge and a tiny value add without a coefficient as long as the gap between them', () => {
    const steps = [
      '{ "name": "big", "kind": "number", "formula": "number(x) * 1000000000000000000000 * 1000000000000000000000" }',
      '{ "name": "b2", "kind": "number", "formula": "big * big * big * big * big * big * big * big" }',
      '{ "name": "tiny", "kind": "number", "formula": "number(y) / b2 / b2 / b2 / b2" }',
      '{ "name": "total", "kind": "number", "formula": "b2 + tiny - b2" }',
    ];
    const rules = readRuleFile(tiny(steps.join(', ')));
    if (!rules.ok) throw new Error(JSON.stringify(rules.issues));
    const r = settle(rules.value, '{ "x": "10.00", "y": "1.00" }');
    expect(r.ok).toBe(true);
    // decimal.js at 100 digits gives the same: tiny (10^-1376) is lost beside b2 (10^344).
    if (r.ok) expect(r.value.values["total"]).toBe("0");
  });

  it('a table of 10^6 rows settles exactly', () => {
    const rows = Array.from({ length: 1_000_000 }, (_, i) => ({ id: `m${i}`, level: i % 2 ? 'town' : 'county', spending: '1.00', weight: 1 }));
    const text = JSON.stringify({ insured: 1000, perCapita: '2000.00', policyExpenses: '0', outOfCountySpending: '0', members: rows });
    const r = settle(yangxi(), text, { trace: false });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // gross 2,000,000.00; reserves 40,000.00 + 160,000.00; package 1,800,000.00; spending 1,000,000.00;
    // surplus 800,000.00 → county 480,000.00 over 500,000 members = 0.96 each; town 320,000.00 → 0.64.
    expect(r.value.values['surplus']).toBe('800000.00');
    expect(r.value.values['share.m0']).toBe('0.96');
    expect(r.value.values['share.m999999']).toBe('0.64');
  }, 120_000);
});

describe('hostile files through the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
  const cli = (args: string[]): ReturnType<typeof spawnSync> => spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8', timeout: 60_000 });
  const files: [string, string | Buffer][] = [
    ['empty.json', ''],
    ['binary.json', Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x80, 0x81])],
    ['deep.json', deep(200_000, '[', ']')],
    ['syntax.json', '{\n  "insured": 400000,\n  "perCapita": 980.00,,\n}'],
    ['proto.json', '{ "__proto__": { "x": 1 } }'],
    ['nan.json', input({ perCapita: 'NaN' })],
  ];
  it.each(files)('%s: non-zero exit, a coded message in both languages, nothing on stdout', (name, content) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    for (const args of [['run', 'rules/yangxi.json', path], ['validate', path]]) {
      const r = cli(args);
      expect(r.status).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(String(r.stderr)).toMatch(/[a-z_]+ {2}\S/);
      expect(String(r.stderr)).not.toMatch(/\n\s+at /); // no stack trace
    }
    // With --json the same problems are one JSON document on stderr, for a program to read.
    const r = cli(['run', 'rules/yangxi.json', path, '--json']);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    const doc = JSON.parse(String(r.stderr)) as { issues: { code: string; message: { zh: string; en: string } }[] };
    expect(doc.issues.length).toBeGreaterThan(0);
    for (const i of doc.issues) {
      expect(i.code).toMatch(/^[a-z_]+$/);
      expect(i.message.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('syntax errors name the line and column', () => {
    const r = cli(['run', 'rules/yangxi.json', join(dir, 'syntax.json')]);
    expect(String(r.stderr)).toContain('syntax.json:3:23  json_syntax');
  });
});
