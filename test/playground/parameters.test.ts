/**
 * The parameter panel's pure parts: reading parameters from the rule text, the minimal edit that
 * sets one, and the change list against a baseline. The rule files are the presets in rules/;
 * expected edits are checked by comparing the edited text with the original character by
 * character (only the value's characters may differ) and by settling it with the library.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRuleFile, settle } from '../../src/index.js';
import { applyEdit, canonicalJson, valueEdit } from '../../playground/src/json-edit.js';
import { parameterEdit, parameterRows, readParameterDecls, type ParameterDecl } from '../../playground/src/parameters.js';
import { isModified, ruleChanges } from '../../playground/src/rule-changes.js';

const root = new URL('../../', import.meta.url);
const yangxi = readFileSync(new URL('rules/yangxi.json', root), 'utf8');
const input = readFileSync(new URL('rules/examples/yangxi.input.json', root), 'utf8');

function decl(text: string, name: string): ParameterDecl {
  const p = readParameterDecls(text)?.find((x) => x.name === name);
  if (!p) throw new Error(`no parameter ${name}`);
  return p;
}

/** Sets `name` to `typed` through the panel's edit and returns the new text. */
function edited(text: string, name: string, typed: string | boolean): string {
  const r = parameterEdit(text, 'rules/yangxi.json', decl(text, name), typed);
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.issue)}`);
  return applyEdit(text, r.edit);
}

function values(ruleText: string): Readonly<Record<string, string>> {
  const rules = readRuleFile(ruleText, { file: 'rules/yangxi.json' });
  if (!rules.ok) throw new Error(JSON.stringify(rules.issues[0]));
  const run = settle(rules.value, input);
  if (!run.ok) throw new Error(JSON.stringify(run.issues[0]));
  return run.value.values;
}

describe('readParameterDecls', () => {
  it('reads yangxi’s six parameters in file order, with labels, kinds, values as written and published flags', () => {
    const ps = readParameterDecls(yangxi) ?? [];
    expect(ps.map((p) => [p.name, p.kind, p.value, p.published])).toEqual([
      ['adjustmentRate', 'rate', '2%', true],
      ['riskRate', 'rate', '8%', true],
      ['countyRatio', 'number', '6', true],
      ['townRatio', 'number', '4', true],
      ['financeRatio', 'number', '1', false],
      ['hospitalRatio', 'number', '1', false],
    ]);
    expect(decl(yangxi, 'countyRatio').label.zh).toBe('结余分配：县级份额');
    expect(decl(yangxi, 'countyRatio').pointer).toBe('/parameters/countyRatio');
  });

  it('keeps a number literal’s own digits, bounds and labelled choices', () => {
    const text = '{"parameters":{"r":{"kind":"rate","value":0.10000000000000001,"min":"0","max":0.5,"label":{"zh":"比例"}},"m":{"kind":"text","value":"a","choices":["a",{"value":"b","label":{"zh":"乙"}}],"label":{"zh":"方式","en":"mode"}}}}';
    const [r, m] = readParameterDecls(text) ?? [];
    expect(r?.value).toBe('0.10000000000000001');
    expect([r?.min, r?.max]).toEqual(['0', '0.5']);
    expect(m?.choices).toEqual([{ value: 'a' }, { value: 'b', label: { zh: '乙', en: '乙' } }]);
  });

  it('is undefined for a text that is not JSON', () => {
    expect(readParameterDecls('{"parameters": {')).toBeUndefined();
  });

  it('gives rows as people read them: rates in %, published or assumed', () => {
    const rows = parameterRows(yangxi, 'zh');
    expect(rows[0]).toMatchObject({ name: 'adjustmentRate', value: '2%', status: 'published' });
    expect(rows.find((r) => r.name === 'financeRatio')).toMatchObject({ value: '1', status: 'assumed' });
  });
});

describe('parameterEdit: one value changed, nothing else', () => {
  it('countyRatio 6 → 7 changes one character of the file', () => {
    const next = edited(yangxi, 'countyRatio', '7');
    expect(next.length).toBe(yangxi.length);
    const diffs = [...next].flatMap((c, i) => (c === yangxi[i] ? [] : [i]));
    expect(diffs).toEqual([yangxi.indexOf('"6"', yangxi.indexOf('"countyRatio"')) + 1]);
  });

  it('7 in the county part and 3 in the town part: the county pool is 22,860,028.80 × 7/10 = 16,002,020.16', () => {
    const next = edited(edited(yangxi, 'countyRatio', '7'), 'townRatio', '3');
    const v = values(next);
    expect(v['countyPool']).toBe('16002020.16');
    expect(v['townPool']).toBe('6858008.64');
  });

  it('a rate typed as 3 is written "3%" and settles as 3%: r2(380,240,000.00 × 3%) = 11,407,200.00', () => {
    const next = edited(yangxi, 'adjustmentRate', '3');
    expect(next).toContain('"adjustmentRate": { "kind": "rate", "value": "3%"');
    expect(values(next)['adjustmentFund']).toBe('11407200.00');
  });

  it('a value written as a JSON number stays a number; a boolean is written as a word', () => {
    const text = '{\n  "parameters": {\n    "n": { "kind": "number", "value": 6 },\n    "b": { "kind": "boolean", "value": false }\n  }\n}\n';
    expect(edited(text, 'n', '7.5')).toBe(text.replace('"value": 6', '"value": 7.5'));
    expect(edited(text, 'b', true)).toBe(text.replace('"value": false', '"value": true'));
  });

  it('text that is not a number is the library’s not_decimal at the parameter’s value, and nothing is edited', () => {
    const r = parameterEdit(yangxi, 'rules/yangxi.json', decl(yangxi, 'riskRate'), 'eight');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issue).toMatchObject({ code: 'not_decimal', pointer: '/parameters/riskRate/value' });
  });

  it('a missing value member is added in the file’s indentation', () => {
    const text = '{\n    "parameters": {\n        "n": { "kind": "number" }\n    }\n}';
    const edit = valueEdit(text, ['parameters', 'n', 'value'], { number: '6' });
    expect(edit && JSON.parse(applyEdit(text, edit))).toEqual({ parameters: { n: { kind: 'number', value: '6' } } });
  });
});

describe('ruleChanges and isModified', () => {
  it('names each changed parameter with its label, as people read the values', () => {
    const next = edited(edited(yangxi, 'countyRatio', '7'), 'adjustmentRate', '2.5');
    expect(ruleChanges(yangxi, next, 'zh')).toEqual([
      { kind: 'parameter', name: 'adjustmentRate', label: expect.objectContaining({ zh: expect.stringContaining('调节金比例') }), from: '2%', to: '2.5%', pointer: '/parameters/adjustmentRate' },
      { kind: 'parameter', name: 'countyRatio', label: expect.objectContaining({ zh: '结余分配：县级份额' }), from: '6', to: '7', pointer: '/parameters/countyRatio' },
    ]);
  });

  it('names a changed step with the field that changed', () => {
    const next = yangxi.replace('"formula": "net * adjustmentRate"', '"formula": "net * 0.03"');
    expect(ruleChanges(yangxi, next, 'zh')).toEqual([
      expect.objectContaining({ kind: 'step', name: 'adjustmentFund', from: 'formula: net * adjustmentRate', to: 'formula: net * 0.03', pointer: '/steps/2' }),
    ]);
  });

  it('whitespace, line breaks, key order and 2% written as 0.02 are not changes', () => {
    const reformatted = JSON.stringify(JSON.parse(yangxi), null, 4);
    expect(isModified(yangxi, reformatted)).toBe(false);
    expect(isModified(yangxi, yangxi.replace('"value": "2%"', '"value": 0.02'))).toBe(false);
    const reordered = yangxi.replace('"kind": "rate", "value": "8%"', '"value": "8%", "kind": "rate"');
    expect(reordered).not.toBe(yangxi);
    expect(isModified(yangxi, reordered)).toBe(false);
    expect(isModified(yangxi, yangxi.replace('"value": "8%"', '"value": "9%"'))).toBe(true);
    expect(isModified(yangxi, yangxi.slice(0, -3))).toBe(true);
  });

  it('other sections: the effective year', () => {
    expect(ruleChanges(yangxi, yangxi.replace('"version": "2019"', '"version": "2020"'), 'zh')).toEqual([
      expect.objectContaining({ kind: 'section', name: 'version', from: '2019', to: '2020' }),
    ]);
  });

  it('canonicalJson sorts keys at every depth', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: 'x' })).toBe('{"a":"x","b":[{"c":2,"d":1}]}');
  });
});
