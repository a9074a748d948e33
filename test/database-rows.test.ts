// Inputs as the JavaScript values a database driver or JSON.parse gives: bigint counts and
// decimal.js amounts read exactly, extra columns refused once or passed over on request, and
// rule files given as parsed objects read as their text is.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRuleFile, settle, type InputDocument, type RuleFile } from '../src/index.js';

const PRESETS = readdirSync('rules').filter((f) => f.endsWith('.json') && !f.endsWith('.cases.json')).map((f) => f.replace(/\.json$/, ''));

function rule(id: string): RuleFile {
  const r = readRuleFile(readFileSync(`rules/${id}.json`, 'utf8'), { file: `rules/${id}.json` });
  if (!r.ok) throw new Error(`${id} does not read`);
  return r.value;
}

const yangxi = rule('yangxi');
const yangxiInput = JSON.parse(readFileSync('rules/examples/yangxi.input.json', 'utf8')) as {
  insured: number;
  perCapita: string;
  members: { id: string; level: string; spending: string; weight: number }[];
} & Record<string, unknown>;

function codes(r: ReturnType<typeof settle>): [string, string][] {
  return r.ok ? [] : r.issues.map((i) => [i.code, i.pointer]);
}

describe('a rule file given as its parsed object', () => {
  it.each(PRESETS)('%s reads and settles its example exactly as from its text', (id) => {
    const text = readFileSync(`rules/${id}.json`, 'utf8');
    const fromObject = readRuleFile(JSON.parse(text) as Record<string, unknown>, { file: `${id} object` });
    expect(fromObject.ok).toBe(true);
    if (!fromObject.ok) return;
    const example = `rules/examples/${id}.input.json`;
    if (!readdirSync('rules/examples').includes(`${id}.input.json`)) return;
    const input = readFileSync(example, 'utf8');
    const a = settle(rule(id), input, { trace: false });
    const b = settle(fromObject.value, input, { trace: false });
    expect(b.ok && b.value.values).toEqual(a.ok && a.value.values);
  });

  it('is checked against the schema like text: an empty object lacks its properties', () => {
    const r = readRuleFile({});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(new Set(r.issues.map((i) => i.code))).toEqual(new Set(['missing_property']));
  });

  it('still refuses what is neither text nor an object', () => {
    for (const bad of [null, 42, ['{}'], true]) {
      const r = readRuleFile(bad as unknown as string);
      expect(r.ok || r.issues.map((i) => i.code)).toEqual(['wrong_type']);
    }
  });
});

describe('database values in the input', () => {
  it('bigint counts and decimal.js amounts settle exactly as their text does', () => {
    const amount = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 11n }), fc.integer({ min: 0, max: 99 })).map(([y, f]) => `${y}.${String(f).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.array(amount, { minLength: yangxiInput.members.length, maxLength: yangxiInput.members.length }), fc.bigInt({ min: 1n, max: 5_000_000n }), (spendings, insured) => {
        const members = yangxiInput.members.map((m, i) => ({ ...m, spending: spendings[i] as string }));
        const asText = JSON.stringify({ ...yangxiInput, insured: Number(insured), members });
        const asRows: InputDocument = { ...yangxiInput, insured, perCapita: new Decimal(yangxiInput.perCapita), members: members.map((m) => ({ ...m, spending: new Decimal(m.spending), weight: BigInt(m.weight) })) };
        const a = settle(yangxi, asText, { trace: false });
        const b = settle(yangxi, asRows, { trace: false });
        expect(b.ok ? b.value.values : codes(b)).toEqual(a.ok ? a.value.values : codes(a));
      }),
      { numRuns: 60 },
    );
  });

  it('a decimal.js value is read from its digits, never its exponent form (1e+21)', () => {
    const withSpending = (spending: unknown): InputDocument => ({ ...yangxiInput, members: yangxiInput.members.map((m, i) => (i === 0 ? { ...m, spending } : m)) }) as InputDocument;
    const r = settle(yangxi, withSpending(new Decimal('1e21')), { trace: false });
    const text = settle(yangxi, withSpending('1000000000000000000000.00'), { trace: false });
    expect(r.ok && text.ok).toBe(true);
    expect(r.ok && r.value.values).toEqual(text.ok && text.value.values);
  });

  it('a property that is undefined is absent, as in JSON', () => {
    const r = settle(yangxi, { ...yangxiInput, outOfCountySpending: undefined, members: yangxiInput.members.map((m) => ({ ...m, note: undefined })) });
    const text = settle(yangxi, JSON.stringify({ ...yangxiInput, outOfCountySpending: undefined }));
    expect(r.ok ? r.value.values : codes(r)).toEqual(text.ok ? text.value.values : codes(text));
  });

  it.each([
    ['NaN as a decimal.js value', { insured: new Decimal(NaN) }, '/insured'],
    ['Infinity as a decimal.js value', { perCapita: new Decimal(Infinity) }, '/perCapita'],
    ['a symbol', { insured: Symbol('n') }, '/insured'],
    ['a function', { insured: () => 1 }, '/insured'],
    ['undefined in a list', { members: [undefined] }, '/members/0'],
  ])('%s is wrong_type at its place', (_, patch, pointer) => {
    expect(codes(settle(yangxi, { ...yangxiInput, ...patch }))).toEqual([['wrong_type', pointer]]);
  });

  it('a property whose getter throws (a detached ORM row) is wrong_type at its place, not an internal error', () => {
    const row = Object.defineProperty({ ...yangxiInput }, 'insured', { enumerable: true, get: () => { throw new Error('detached'); } });
    expect(codes(settle(yangxi, row))).toEqual([['wrong_type', '/insured']]);
  });

  it('the fingerprint of a value is that of its JSON text, bigint and Decimal as their digits', () => {
    const sha = (t: string): string => createHash('sha256').update(t).digest('hex');
    const plain = settle(yangxi, yangxiInput, { trace: false });
    expect(plain.ok && plain.value.input.fingerprint).toBe(sha(JSON.stringify(yangxiInput)));
    const rows = settle(yangxi, { ...yangxiInput, insured: BigInt(yangxiInput.insured) }, { trace: false });
    expect(rows.ok && rows.value.input.fingerprint).toBe(sha(JSON.stringify(yangxiInput)));
  });
});

describe('columns the rule does not declare', () => {
  const withCommunity = { ...yangxiInput, community: '阳西', members: yangxiInput.members.map((m) => ({ ...m, community: '阳西', updatedAt: '2025-12-31' })) };

  it('are an error by default, said once per column, not once a row', () => {
    expect(codes(settle(yangxi, withCommunity)).sort()).toEqual([
      ['unknown_input', '/community'],
      ['unknown_input', '/members/0/community'],
      ['unknown_input', '/members/0/updatedAt'],
    ]);
  });

  it("are passed over with unknownInputs: 'ignore', the money unchanged", () => {
    const a = settle(yangxi, yangxiInput);
    const b = settle(yangxi, withCommunity, { unknownInputs: 'ignore' });
    expect(b.ok && b.value.values).toEqual(a.ok && a.value.values);
  });

  it("in a CSV table too, with unknownInputs: 'ignore'", () => {
    const csv = ['id,level,spending,weight,community', ...yangxiInput.members.map((m) => `${m.id},${m.level},${m.spending},${m.weight},阳西`)].join('\n');
    const { members: _, ...scalars } = yangxiInput;
    expect(codes(settle(yangxi, scalars, { tables: { members: { text: csv } } }))).toEqual([['unknown_input', '/4']]);
    const a = settle(yangxi, yangxiInput);
    const b = settle(yangxi, scalars, { tables: { members: { text: csv } }, unknownInputs: 'ignore' });
    expect(b.ok && b.value.values).toEqual(a.ok && a.value.values);
  });

  it('an unknownInputs that is neither is wrong_type', () => {
    expect(codes(settle(yangxi, yangxiInput, { unknownInputs: 'warn' as 'error' }))).toEqual([['wrong_type', '']]);
  });
});
