/**
 * Everyday slips that once moved money silently: each must now be refused with a coded issue
 * and its place, never settled. Figures are the Yangxi example (shared/DOMAIN.md E1).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasCode, readRuleFile, settle, type Issue, type IssueCode, type IssueFor, type RuleFile } from '../src/index.js';
import { MEMBER_LINES } from './yangxi-members.js';

const rules = (id: string): RuleFile => {
  const r = readRuleFile(readFileSync(`rules/${id}.json`, 'utf8'), { file: `rules/${id}.json` });
  if (!r.ok) throw new Error(`${id}: ${r.issues.map((i) => i.code).join(', ')}`);
  return r.value;
};
const yangxi = rules('yangxi');
const example = JSON.parse(readFileSync('rules/examples/yangxi.input.json', 'utf8')) as Record<string, unknown>;
const { members: _members, ...scalars } = example;


function withMembers(csv: string): ReturnType<typeof settle> {
  return settle(yangxi, scalars, { tables: { members: { text: csv, file: 'members.csv' } } });
}

const codes = (r: ReturnType<typeof settle>): string[] => (r.ok ? [] : r.issues.map((i) => i.code));
const issue = <C extends IssueCode>(r: ReturnType<typeof settle>, code: C): IssueFor<C> => {
  if (r.ok) throw new Error(`settled; expected ${code}`);
  const i = r.issues.find((x) => hasCode(x, code));
  if (!i) throw new Error(`expected ${code}, got ${r.issues.map((x) => x.code).join(', ')}`);
  return i;
};

describe('CSV rows with more or fewer fields than the header', () => {
  it('the members as CSV settle exactly as the JSON list does (E1: county pool 13,716,017.28)', () => {
    const r = withMembers(['id,level,spending,weight', ...MEMBER_LINES].join('\n'));
    expect(codes(r)).toEqual([]);
    if (!r.ok) return;
    expect(r.value.values['countyPool']).toBe('13716017.28');
    expect(r.value.values['package']).toBe('342216000.00');
  });

  it('an unquoted 8,600,000.00 is refused with the line and the counts, not read as 8', () => {
    const lines = ['id,level,spending,weight', ...MEMBER_LINES];
    lines[4] = 'town-1,town,8,600,000.00,1830';
    const r = withMembers(lines.join('\n'));
    const i = issue(r, 'csv_field_count');
    expect(i.params).toMatchObject({ line: 5, expected: 4, received: 6 });
    expect(i.file).toBe('members.csv');
    expect(i.at).toEqual({ line: 5, column: 1 });
    expect(codes(r)).toEqual(['csv_field_count']);
  });

  it('a row with too few fields is refused, in either reader', () => {
    const lines = ['id,level,spending,weight', ...MEMBER_LINES];
    lines[2] = 'county-tcm,county,41000000.00';
    const i = issue(withMembers(lines.join('\r\n')), 'csv_field_count');
    expect(i.params).toMatchObject({ line: 3, expected: 4, received: 3 });
  });

  it('blank lines, trailing or between rows, and lines of spaces are skipped', () => {
    const r = withMembers(['id,level,spending,weight', ...MEMBER_LINES.slice(0, 5), '', '   ', ...MEMBER_LINES.slice(5), '', '', ''].join('\n'));
    expect(codes(r)).toEqual([]);
    if (r.ok) expect(r.value.values['townPool']).toBe('9144011.52');
  });
});

describe('duplicate CSV header columns', () => {
  it('weight twice is refused at the second header cell, not "last one wins"', () => {
    const r = withMembers(['id,level,spending,weight,weight', ...MEMBER_LINES.map((l) => `${l},1`)].join('\n'));
    const i = issue(r, 'csv_duplicate_header');
    expect(i.params).toMatchObject({ header: 'weight', column: 'weight', first: 4 });
    expect(i.at).toEqual({ line: 1, column: 26 });
  });
});

describe('a table given twice', () => {
  it('members in the input document and as CSV: refused, naming both', () => {
    const r = settle(yangxi, JSON.stringify(example, null, 2), {
      file: 'input.json',
      tables: { members: { text: ['id,level,spending,weight', ...MEMBER_LINES].join('\n'), file: 'members.csv' } },
    });
    const i = issue(r, 'table_given_twice');
    expect(i.params.table).toBe('members');
    expect(String(i.params.first)).toContain('input.json');
    expect(String(i.params.first)).toContain('/members');
    expect(i.params.second).toBe('members.csv');
    expect(i.at?.line).toBe(6);
  });
});

describe('tier bounds that do not rise', () => {
  const shenzhen = rules('shenzhen');
  const input = readFileSync('rules/examples/shenzhen.input.json', 'utf8');

  it('tier2Limit set below tier1Limit (3% under 5%) stops the settlement at the tiers step, with both bounds', () => {
    const r = settle(shenzhen, input, { parameters: { tier2Limit: '3%' } });
    const i = issue(r, 'tier_bounds_order');
    expect(i.params).toEqual({ band: 2, bound: '0.03', previous: '0.05' });
    expect(i.pointer).toBe('/steps/2');
  });

  it('equal bounds are refused too; rising ones settle', () => {
    expect(codes(settle(shenzhen, input, { parameters: { tier2Limit: '5%' } }))).toEqual(['tier_bounds_order']);
    expect(settle(shenzhen, input, { parameters: { tier2Limit: '6%' } }).ok).toBe(true);
  });
});

describe('rates out of range', () => {
  const input = readFileSync('rules/examples/yangxi.input.json', 'utf8');

  it('adjustmentRate = 2 (a clerk meaning 2%) is refused: 2 means 200%', () => {
    const r = settle(yangxi, input, { parameters: { adjustmentRate: '2' } });
    const i = issue(r, 'rate_out_of_range');
    expect(i.params).toEqual({ received: '2', percent: '200%', min: '0%', max: '100%' });
    expect(i.file).toBe('parameter adjustmentRate');
  });

  it('2% and 0.02 are two percent: adjustment fund = r2(380,240,000.00 × 2%) = 7,604,800.00', () => {
    for (const v of ['2%', '0.02', 0.02]) {
      const r = settle(yangxi, input, { parameters: { adjustmentRate: v } });
      expect(codes(r)).toEqual([]);
      if (r.ok) expect(r.value.values['adjustmentFund']).toBe('7604800.00');
    }
  });

  it('100% is allowed and -1% is not', () => {
    expect(codes(settle(yangxi, input, { parameters: { adjustmentRate: '0', riskRate: '100%' } }))).toEqual([]);
    expect(issue(settle(yangxi, input, { parameters: { riskRate: '-1%' } }), 'rate_out_of_range').params).toMatchObject({ percent: '-1%', min: '0%' });
  });

  it('an input rate is held to its declared bounds (drg-points reserveRate, max 1)', () => {
    const drg = rules('drg-points');
    const doc = JSON.parse(readFileSync('rules/examples/drg-points.input.json', 'utf8')) as Record<string, unknown>;
    const i = issue(settle(drg, JSON.stringify({ ...doc, reserveRate: '5' }, null, 2)), 'rate_out_of_range');
    expect(i.params).toMatchObject({ received: '5', percent: '500%', max: '100%' });
    expect(i.pointer).toBe('/reserveRate');
    expect(i.at?.line).toBe(3);
  });

  it('a growth rate declared -100%…100% accepts -2% and refuses -150% (guangdong-2025)', () => {
    const gd = rules('guangdong-2025');
    const doc = JSON.parse(readFileSync('rules/examples/guangdong-2025.input.json', 'utf8')) as Record<string, unknown>;
    expect(codes(settle(gd, { ...doc, regionFundGrowth: '-2%' }))).toEqual([]);
    expect(issue(settle(gd, { ...doc, regionFundGrowth: '-150%' }), 'rate_out_of_range').params).toMatchObject({ min: '-100%', max: '100%' });
  });

  it('a rule file whose rate parameter is 8 (800%) does not load', () => {
    const text = readFileSync('rules/yangxi.json', 'utf8').replace('"value": "8%"', '"value": "8"');
    const r = readRuleFile(text, { file: 'y.json' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ code: 'rate_out_of_range', pointer: '/parameters/riskRate/value', params: { percent: '800%' } });
  });

  it('declared min, max and choices of parameters apply to values given at settle time', () => {
    // Yangxi declares its split parts 0–10.
    const r = readRuleFile(readFileSync('rules/yangxi.json', 'utf8'), { file: 'y.json' });
    if (!r.ok) throw new Error('does not load');
    expect(issue(settle(r.value, input, { parameters: { countyRatio: '11' } }), 'above_maximum').params).toMatchObject({ limit: '10', received: '"11"' });
    expect(issue(settle(r.value, input, { parameters: { countyRatio: '-1' } }), 'below_minimum').params).toMatchObject({ limit: '0' });
    const bj = rules('beijing-2012');
    const bjInput = readFileSync('rules/examples/beijing-2012.input.json', 'utf8');
    expect(issue(settle(bj, bjInput, { parameters: { reading: 'average' } }), 'not_in_choices').params.received).toBe('"average"');
  });
});

describe('plausibility conditions run before money moves', () => {
  const input = readFileSync('rules/examples/yangxi.input.json', 'utf8');

  it('a split part set alone (county 7 with town still 4): refused, the parts must make ten', () => {
    const i = issue(settle(yangxi, example, { parameters: { countyRatio: '7' } }), 'plausibility_failed');
    expect(i.params).toMatchObject({ name: 'county and town parts make ten', assert: 'countyRatio + townRatio == 10', figures: 'countyRatio = 7, townRatio = 4' });
    expect(i.pointer).toBe('/plausibility/2');
    // Both set: 7:3 settles, county pool 22,860,028.80 × 7 / 10 = 16,002,020.16.
    const both = settle(yangxi, example, { parameters: { countyRatio: '7', townRatio: '3' } });
    expect(both.ok && both.value.values['countyPool']).toBe('16002020.16');
  });

  it('policy expenditures above the gross: refused with the figure read (net = 392,000,000.00 − 400,000,000.00)', () => {
    const r = settle(yangxi, { ...example, policyExpenses: '400000000.00' });
    const i = issue(r, 'plausibility_failed');
    expect(i.params).toEqual({
      name: 'policy expenditures within the gross',
      assert: 'net >= 0',
      figures: 'net = -8000000.00',
      labelZh: '政策性支出不超过按人头计算的基金总额',
      labelEn: 'policy expenditures do not exceed the gross fund',
    });
    expect(i.pointer).toBe('/plausibility/0');
    expect(i.file).toBe('rules/yangxi.json');
    expect(i.at?.line).toBeGreaterThan(1);
  });

  it('reserves of 100% + 100%: the package would be −380,240,000.00; refused, nothing split', () => {
    const r = settle(yangxi, input, { parameters: { adjustmentRate: '100%', riskRate: '100%' } });
    expect(codes(r)).toEqual(['plausibility_failed']);
    expect(issue(r, 'plausibility_failed').params.figures).toBe('package = -380240000.00');
  });

  it('valid inputs settle as before: E1 and E2 figures unchanged', () => {
    const e1 = settle(yangxi, input);
    expect(e1.ok && e1.value.values['countyPool']).toBe('13716017.28');
    // E2 (DOMAIN.md): the same community overspending; every valid case in rules/*.cases.json is run by `test rules`.
    const e2 = settle(yangxi, { ...example, outOfCountySpending: '160000000.00' });
    expect(codes(e2)).toEqual([]);
  });

  const tiny = (plausibility: string): string => `{
  "format": "yibao-settle/1", "id": "t", "title": { "zh": "测试", "en": "test" },
  "inputs": { "a": { "kind": "money" }, "b": { "kind": "number" } },
  "steps": [
    { "name": "x", "kind": "money", "formula": "a * 2" },
    { "name": "y", "kind": "money", "formula": "x / b" }
  ],
  "plausibility": [${plausibility}]
}`;

  it('a condition on an input runs before the first step: no division by zero is reached', () => {
    const r = readRuleFile(tiny('{ "name": "b positive", "assert": "b > 0" }'));
    if (!r.ok) throw new Error(r.issues.map((i) => i.code).join());
    const s = settle(r.value, { a: '1.00', b: '0' });
    expect(codes(s)).toEqual(['plausibility_failed']);
    expect(issue(s, 'plausibility_failed').params.figures).toBe('b = 0');
    const fine = settle(r.value, { a: '1.50', b: '4' });
    expect(fine.ok && fine.value.values['y']).toBe('0.75');
  });

  it('a condition on a step runs once that step is made', () => {
    const r = readRuleFile(tiny('{ "name": "x small", "assert": "x <= 10 and b != 0" }'));
    if (!r.ok) throw new Error(r.issues.map((i) => i.code).join());
    expect(issue(settle(r.value, { a: '6.00', b: '1' }), 'plausibility_failed').params.figures).toBe('x = 12.00, b = 1');
  });

  it('a condition that is not true/false is a kind_mismatch in the rule file', () => {
    const r = readRuleFile(tiny('{ "name": "bad", "assert": "a + 1" }'));
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.pointer])).toEqual([['kind_mismatch', '/plausibility/0/assert']]);
  });
});

describe('identifiers that look the same are the same, or refused', () => {
  const members = example['members'] as { id: string; level: string; spending: string; weight: number }[];
  const withIds = (ids: readonly string[]): ReturnType<typeof settle> =>
    settle(yangxi, JSON.stringify({ ...example, members: members.map((m, k) => ({ ...m, id: ids[k] ?? m.id })) }, null, 2), { file: 'in.json' });

  it('surrounding spaces are trimmed in JSON as in CSV: " town-1 " is town-1', () => {
    const json = withIds(['county-people', 'county-tcm', 'county-mch', ' town-1 ']);
    expect(codes(json)).toEqual([]);
    expect(json.ok && json.value.values['share.town-1']).toBeTruthy();
    const csv = withMembers(['id,level,spending,weight', ...MEMBER_LINES.map((l) => (l.startsWith('town-1,') ? ` ${l.replace('town-1,', 'town-1 ,')}` : l))].join('\n'));
    expect(codes(csv)).toEqual([]);
    if (json.ok && csv.ok) expect(csv.value.values).toEqual(json.value.values);
  });

  it('"town-1" and "town-1 " are one id: duplicate_key', () => {
    const i = issue(withIds(['county-people', 'county-tcm', 'county-mch', 'town-1', 'town-1 ']), 'duplicate_key');
    expect(i.params).toMatchObject({ key: 'town-1', first: 4 });
    expect(i.pointer).toBe('/members/4/id');
  });

  it('composed and decomposed café are one id after NFC: duplicate_key', () => {
    const i = issue(withIds(['county-people', 'county-tcm', 'county-mch', 'caf\u00e9', 'cafe\u0301']), 'duplicate_key');
    expect(i.params.key).toBe('caf\u00e9');
  });

  it.each([
    ['NUL', 'town\u00001', 'U+0000'],
    ['ESC', 'town\u001b[31m1', 'U+001B'],
    ['a tab inside', 'town\t1', 'U+0009'],
    ['a zero-width space', 'town\u200b1', 'U+200B'],
  ])('an id holding %s is refused (control_character)', (_, id, character) => {
    const i = issue(withIds(['county-people', 'county-tcm', 'county-mch', id]), 'control_character');
    expect(i.params.character).toBe(character);
    expect(i.pointer).toBe('/members/3/id');
  });

  it('an empty id is refused (empty_id), in JSON and as spaces', () => {
    for (const id of ['', '   ']) {
      const i = issue(withIds(['county-people', 'county-tcm', 'county-mch', id]), 'empty_id');
      expect(i.params).toEqual({ table: 'members', column: 'id' });
      expect(i.pointer).toBe('/members/3/id');
    }
  });

  it('a case naming "FR21 " finds group FR21, and a coefficient keyed by a padded id is found too', () => {
    const drg = rules('drg-points');
    const doc = JSON.parse(readFileSync('rules/examples/drg-points.input.json', 'utf8')) as { cases: { group: string; hospital: string }[]; hospitals: { coefficients: Record<string, string> }[] };
    const plain = settle(drg, doc);
    doc.cases[0] = { ...doc.cases[0], group: ' FR21 ', hospital: 'county-people\u3000' } as (typeof doc.cases)[0];
    const c = doc.hospitals[0]?.coefficients as Record<string, string>;
    doc.hospitals[0] = { coefficients: { ' FR21': c['FR21'] as string, GB11: c['GB11'] as string, IC29: c['IC29'] as string }, ...{ id: 'county-people' } } as (typeof doc.hospitals)[0];
    const padded = settle(drg, doc);
    expect(codes(padded)).toEqual([]);
    if (plain.ok && padded.ok) expect(padded.value.values).toEqual(plain.value.values);
  });

  it('a map keyed twice after normalisation is refused', () => {
    const drg = rules('drg-points');
    const doc = JSON.parse(readFileSync('rules/examples/drg-points.input.json', 'utf8')) as { hospitals: { id: string; coefficients: Record<string, string> }[] };
    doc.hospitals[0] = { id: 'county-people', coefficients: { FR21: '1.08', 'FR21 ': '1.50', GB11: '1.12', IC29: '1.10' } };
    expect(issue(settle(drg, doc), 'json_duplicate_key').params.key).toBe('FR21');
  });
});

describe('library misuse is wrong_type with what was expected, never internal_error', () => {
  const call = (f: () => ReturnType<typeof settle> | ReturnType<typeof readRuleFile>): Issue[] => {
    const r = f();
    return r.ok ? [] : [...r.issues];
  };
  const loose = <T,>(x: unknown): T => x as T;

  it.each([null, 42, ['{}'], undefined, true])('readRuleFile(%s)', (text) => {
    const issues = call(() => readRuleFile(loose<string>(text)));
    expect(issues.map((i) => i.code)).toEqual(['wrong_type']);
    const first = issues[0];
    expect(first && 'expected' in first.params ? String(first.params.expected) : '').toContain('JSON text');
  });

  it('readRuleFile with options null or a file that is not text uses the default name', () => {
    expect(call(() => readRuleFile('{', loose(null)))[0]).toMatchObject({ code: 'json_syntax', file: 'rules.json' });
    expect(call(() => readRuleFile('{', loose({ file: 7 })))[0]).toMatchObject({ code: 'json_syntax', file: 'rules.json' });
  });

  it.each([null, {}, 42, 'rules', { ops: 'x' }])('settle(%s, …)', (rulesArg) => {
    const issues = call(() => settle(loose<RuleFile>(rulesArg), example));
    expect(issues.map((i) => i.code)).toEqual(['wrong_type']);
    const first = issues[0];
    expect(first && 'expected' in first.params ? String(first.params.expected) : '').toContain('readRuleFile');
  });

  it('an input that is no document', () => {
    for (const input of [undefined, () => 1, Symbol('x'), 10n]) expect(call(() => settle(yangxi, input)).map((i) => i.code)).toEqual(['wrong_type']);
    expect(call(() => settle(yangxi, null)).map((i) => i.code)).toEqual(['wrong_type']);
    expect(call(() => settle(yangxi, 42)).map((i) => i.code)).toEqual(['wrong_type']);
  });

  it.each([
    ['tables a string', { tables: 'members.csv' }],
    ['a table without text', { tables: { members: { file: 'm.csv' } } }],
    ['a table as text', { tables: { members: 'id,level' } }],
    ['a table with a numeric file name', { tables: { members: { text: 'id', file: 3 } } }],
    ['parameters a list', { parameters: ['x'] }],
    ['a parameter value an object', { parameters: { countyRatio: { value: 7 } } }],
    ['options a number', 5],
    ['trace a string', { trace: 'no' }],
  ])('options with %s', (_, options) => {
    const issues = call(() => settle(yangxi, example, loose(options)));
    expect(issues.map((i) => i.code)).toEqual(['wrong_type']);
  });

  it('explain with a settlement that is not one gives undefined', async () => {
    const { explain } = await import('../src/index.js');
    expect(explain(loose(null), 'x')).toBeUndefined();
    expect(explain(loose({ figures: null }), 'x')).toBeUndefined();
  });
});

describe('unknown_key names the input row as well as the rule step', () => {
  const drg = rules('drg-points');
  const text = readFileSync('rules/examples/drg-points.input.json', 'utf8');
  const doc = JSON.parse(text) as { cases: Record<string, unknown>[] } & Record<string, unknown>;
  const withCase = (k: number, patch: Record<string, unknown>): string =>
    JSON.stringify({ ...doc, cases: doc.cases.map((c, i) => (i === k ? { ...c, ...patch } : c)) }, null, 2);

  it('a case whose group is not in groups: the JSON pointer and line of its group cell', () => {
    const input = withCase(5, { group: 'ZZ99' });
    for (const trace of [true, false]) {
      const i = issue(settle(drg, input, { file: 'in.json', trace }), 'unknown_key');
      expect(i.file).toBe('in.json');
      expect(i.pointer).toBe('/cases/5/group');
      // The line of "group": "ZZ99" in the pretty-printed input, counted from the text itself.
      const line = input.split('\n').findIndex((l) => l.includes('"ZZ99"')) + 1;
      expect(i.at?.line).toBe(line);
      expect(i.params).toMatchObject({ table: 'groups', key: 'ZZ99', row: `in.json:${line} /cases/5/group` });
      expect(String(i.params.step)).toMatch(/^rules\/drg-points\.json:\d+:\d+ \/steps\/\d+$/);
    }
  });

  it('a case of a hospital with no coefficient for its group: the map lookup names the row too', () => {
    const d2 = JSON.parse(text) as { hospitals: { id: string; coefficients: Record<string, string> }[] } & Record<string, unknown>;
    delete d2.hospitals[2]?.coefficients['IC29'];
    const i = issue(settle(drg, JSON.stringify(d2, null, 2), { file: 'in.json' }), 'unknown_key');
    expect(i.params).toMatchObject({ table: 'coefficients', key: 'IC29' });
    expect(i.pointer).toBe('/cases/11/group');
  });

  it('a case list from CSV: the CSV file and line of the row', () => {
    const { cases: _cases, ...rest } = doc;
    const csv = ['hospital,group,cost,complete,halved', 'county-people,FR21,9120.40,true,false', '', 'county-tcm,NOPE,8450.00,true,false'].join('\n');
    const i = issue(settle(drg, rest, { tables: { cases: { text: csv, file: 'cases.csv' } } }), 'unknown_key');
    expect(i.file).toBe('cases.csv');
    expect(i.at).toEqual({ line: 4, column: 12 });
    expect(i.params).toMatchObject({ key: 'NOPE', row: 'cases.csv:4' });
  });

  it('a key of 500 characters is echoed as 80 and "…"', () => {
    const i = issue(settle(drg, withCase(0, { group: 'G'.repeat(500) })), 'unknown_key');
    expect(i.params.key).toBe(`${'G'.repeat(80)}…`);
    expect(i.message.en.length).toBeLessThan(400);
  });
});

describe('a long a + b + c … chain is a long formula, not a deep one', () => {
  const ruleWith = (formula: string, kind = 'money', plausibility = ''): RuleFile => {
    const r = readRuleFile(`{
  "format": "yibao-settle/1", "id": "t", "title": { "zh": "测试", "en": "test" },
  "inputs": { "a": { "kind": "money" }, "b": { "kind": "number" } },
  "steps": [ { "name": "x", "kind": "${kind}", "formula": "${formula}" } ]${plausibility ? `,\n  "plausibility": [${plausibility}]` : ''}
}`);
    if (!r.ok) throw new Error(r.issues.map((i) => `${i.code} ${i.message.en}`).join('; '));
    return r.value;
  };
  const chain = (n: number, term: string, op: string): string => Array.from({ length: n }, () => term).join(op);

  it('3,000 terms of a: x = 3,000 × 0.01 = 30.00; the same sum written with 60 parentheses groups agrees', () => {
    const long = settle(ruleWith(chain(3000, 'a', '+')), { a: '0.01', b: '1' });
    expect(long.ok && long.value.values['x']).toBe('30.00');
    const grouped = settle(ruleWith(chain(60, `(${chain(50, 'a', '+')})`, '+')), { a: '0.01', b: '1' });
    expect(grouped.ok && grouped.value.values['x']).toBe('30.00');
  });

  it('minus, times and divide chains evaluate left to right: 100 − 0.01 × 999 = 90.01; 2 ÷ 2 ÷ … ÷ 2 (10 times) × 1,024 = 2', () => {
    const minus = settle(ruleWith(`a${' - 0.01'.repeat(999)}`), { a: '100.00', b: '1' });
    expect(minus.ok && minus.value.values['x']).toBe('90.01');
    const div = settle(ruleWith(`b${' / 2'.repeat(10)}${' * 2'.repeat(40)}${' / 2'.repeat(30)}`, 'number'), { a: '0', b: '2' });
    expect(div.ok && div.value.values['x']).toBe('2');
  });

  it('a zero divisor deep in a long chain is division_by_zero, located', () => {
    const r = settle(ruleWith(`b${' / 1'.repeat(100)} / b`, 'number'), { a: '0', b: '0' });
    expect(codes(r)).toEqual(['division_by_zero']);
  });

  it('1,000 conditions joined by and: a plausibility condition that fails on its last term', () => {
    const conds = `${chain(999, 'a>0', ' and ')} and b < 5`;
    const rules2 = ruleWith('a', 'money', `{ "name": "many", "assert": "${conds}" }`);
    expect(codes(settle(rules2, { a: '1.00', b: '1' }))).toEqual([]);
    expect(codes(settle(rules2, { a: '1.00', b: '7' }))).toEqual(['plausibility_failed']);
  });

  it('a long chain with a kind mismatch in its last term is still refused', () => {
    const r = readRuleFile(`{
  "format": "yibao-settle/1", "id": "t", "title": { "zh": "测试", "en": "test" },
  "inputs": { "a": { "kind": "money" }, "b": { "kind": "number" } },
  "steps": [ { "name": "x", "kind": "money", "formula": "${chain(500, 'a', ' + ')} + b" } ]
}`);
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['kind_mismatch']);
  });
});

describe('names such as __proto__, toString and constructor are data, never members of Object.prototype', () => {
  const names = ['__proto__', 'toString', 'constructor', 'hasOwnProperty', 'valueOf'];

  it('as member ids they settle like any id, each with its own share', () => {
    const members = (example['members'] as { id: string }[]).map((m, k) => ({ ...m, id: names[k] ?? m.id }));
    const r = settle(yangxi, JSON.stringify({ ...example, members }));
    expect(codes(r)).toEqual([]);
    if (!r.ok) return;
    const plain = settle(yangxi, example);
    if (!plain.ok) return;
    // The shares are those of the members they replace (E1: county-people 60 of 100 of the county pool).
    expect(Object.prototype.hasOwnProperty.call(r.value.values, 'share.__proto__')).toBe(true);
    expect(r.value.values['share.__proto__']).toBe(plain.value.values['share.county-people']);
    expect(r.value.values['share.toString']).toBe(plain.value.values['share.county-tcm']);
    expect(r.value.values['share.hasOwnProperty']).toBe(plain.value.values['share.town-1']);
    expect(Object.getPrototypeOf(r.value.values)).toBe(Object.prototype);
  });

  it('as a case group or hospital they are unknown keys, not inherited functions', () => {
    const drg = rules('drg-points');
    const doc = JSON.parse(readFileSync('rules/examples/drg-points.input.json', 'utf8')) as { cases: Record<string, unknown>[] };
    for (const name of names) {
      for (const column of ['group', 'hospital']) {
        const cases = doc.cases.map((c, i) => (i === 2 ? { ...c, [column]: name } : c));
        const i = issue(settle(drg, { ...doc, cases }), 'unknown_key');
        expect(i.params.key).toBe(name);
        expect(i.pointer).toBe(`/cases/2/${column}`);
      }
    }
  });

  it('explain finds no figure named after an Object.prototype member', async () => {
    const { explain } = await import('../src/index.js');
    const r = settle(yangxi, example);
    if (!r.ok) throw new Error('E1 does not settle');
    for (const name of names) expect(explain(r.value, name)).toBeUndefined();
  });
});

describe('data entry as in Excel', () => {
  const e1 = settle(yangxi, example);
  if (!e1.ok) throw new Error('E1 does not settle');
  const E1 = e1.value.values;
  const ZH_LEVEL: Record<string, string> = { county: '县级', town: '镇级' };

  it('Chinese headers in another order, 县级/镇级 levels and quoted 1,234,567.89 amounts settle as E1', () => {
    const rows = MEMBER_LINES.map((l) => {
      const [id, level, spending, weight] = l.split(',') as [string, string, string, string];
      const grouped = spending.replace(/^(\d+)(\.\d+)$/, (_, i: string, f: string) => `${i.replace(/\B(?=(\d{3})+$)/g, ',')}${f}`);
      return `"${grouped}",${weight},${ZH_LEVEL[level]},${id}`;
    });
    expect(rows[0]).toBe('"98,000,000.00",60,县级,county-people');
    const r = withMembers(['医保基金支出,分配权重,层级,编号', ...rows].join('\r\n'));
    expect(codes(r)).toEqual([]);
    if (r.ok) expect(r.value.values).toEqual(E1);
  });

  it('headers by key in any case, by English label, and by the label less its note in brackets', () => {
    const r = withMembers(['ID,level (county / town),Fund Spending,weight', ...MEMBER_LINES].join('\n'));
    expect(codes(r)).toEqual([]);
    const full = withMembers(['编号,层级（county 县级 / town 镇级）,医保基金支出,分配权重', ...MEMBER_LINES].join('\n'));
    expect(codes(full)).toEqual([]);
    if (r.ok && full.ok) expect(full.value.values).toEqual(r.value.values);
  });

  it('a header that names no column: unknown_input at that cell, listing keys and labels', () => {
    const i = issue(withMembers(['编号,层级,支出,分配权重', ...MEMBER_LINES].join('\n')), 'unknown_input');
    expect(i.at).toEqual({ line: 1, column: 7 });
    expect(i.params.name).toBe('members.支出');
    expect(String(i.params.expected)).toContain('spending (医保基金支出)');
  });

  it('spending and 医保基金支出 both given: csv_duplicate_header', () => {
    const i = issue(withMembers(['id,level,spending,医保基金支出,weight', ...MEMBER_LINES.map((l) => l.replace(/,(\d+)$/, ',0,$1'))].join('\n')), 'csv_duplicate_header');
    expect(i.params).toMatchObject({ header: '医保基金支出', column: 'spending', first: 3 });
  });

  it('a header matching two columns (two columns labelled alike): ambiguous_header', () => {
    const text = readFileSync('rules/yangxi.json', 'utf8').replace('"label": { "zh": "分配权重", "en": "distribution weight" }', '"label": { "zh": "医保基金支出", "en": "distribution weight" }');
    const r = readRuleFile(text, { file: 'y.json' });
    if (!r.ok) throw new Error('does not load');
    const s = settle(r.value, scalars, { tables: { members: { text: ['id,level,医保基金支出,weight', ...MEMBER_LINES].join('\n'), file: 'm.csv' } } });
    expect(issue(s, 'ambiguous_header').params).toEqual({ header: '医保基金支出', columns: 'spending, weight' });
  });

  it('a tab-separated paste may hold unquoted 1,234 amounts: the comma cannot split a tab-separated row', () => {
    const rows = MEMBER_LINES.map((l) => l.replace('98000000.00', '98,000,000.00').replace(/,/g, '\t').replace('98\t000\t000.00', '98,000,000.00'));
    const r = withMembers(['id\tlevel\tspending\tweight', ...rows].join('\n'));
    expect(codes(r)).toEqual([]);
    if (r.ok) expect(r.value.values).toEqual(E1);
  });

  it('levels 县级/镇级 in a JSON input, and a parameter by its choice label', () => {
    const members = (example['members'] as { level: string }[]).map((m) => ({ ...m, level: ZH_LEVEL[m.level] }));
    const r = settle(yangxi, { ...example, members });
    expect(codes(r)).toEqual([]);
    if (r.ok) expect(r.value.values).toEqual(E1);
    const bj = rules('beijing-2012');
    const bjInput = readFileSync('rules/examples/beijing-2012.input.json', 'utf8');
    const byLabel = settle(bj, bjInput, { parameters: { reading: '全额' } });
    const byValue = settle(bj, bjInput, { parameters: { reading: 'whole' } });
    expect(byLabel.ok && byValue.ok && byLabel.value.values).toEqual(byValue.ok && byValue.value.values);
  });

  it('a level that is neither a value nor a label: not_in_choices listing both', () => {
    const members = (example['members'] as { level: string }[]).map((m, k) => (k === 0 ? { ...m, level: '市级' } : m));
    expect(issue(settle(yangxi, { ...example, members }), 'not_in_choices').params.expected).toBe('county (县级 / county level), town (镇级 / town level)');
  });

  it('a choice label that is another choice\'s value or label is refused in the rule file', () => {
    const text = readFileSync('rules/yangxi.json', 'utf8').replace('"label": { "zh": "镇级", "en": "town level" }', '"label": { "zh": "县级", "en": "county" }');
    const r = readRuleFile(text, { file: 'y.json' });
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.pointer])).toEqual([
      ['duplicate_name', '/inputs/members/columns/level/choices/1/label/zh'],
      ['duplicate_name', '/inputs/members/columns/level/choices/1/label/en'],
    ]);
  });

  it('JSON strings with separators or full-width digits are read like cells; JSON numbers as written', () => {
    const r = settle(yangxi, { ...example, perCapita: '９８０．００', policyExpenses: '11,760,000.00' });
    expect(codes(r)).toEqual([]);
    if (r.ok) expect(r.value.values).toEqual(E1);
  });
});
