/**
 * Syntax tree → closure with static kinds: money, plain numbers, literals that adapt, text,
 * conditions, tables. Kind errors are found before anything runs; a division by zero is found
 * when it happens and becomes an issue, never Infinity.
 */
import { describe, expect, it } from 'vitest';
import { readRuleFile, settle } from '../index.js';
import { Exact } from '../money/exact.js';
import { compileFormula, EvalStop, type CompileError, type Env, type Global } from './compile.js';
import { parseFormula } from './parse.js';
import { BOOLEAN, MONEY, NUMBER, TEXT, type Row, type TableTy, type TableValue, type Ty, type Value } from './types.js';

// A small world of named values: money, plain numbers, text, a table and a list.
const membersTy: TableTy = {
  name: 'members',
  key: 'id',
  columns: new Map<string, Ty>([
    ['id', TEXT],
    ['level', TEXT],
    ['spending', MONEY],
    ['weight', NUMBER],
  ]),
};
const row = (id: string, level: string, spending: string, weight: string): Row => {
  const r = Object.create(null) as Row;
  r['id'] = id;
  r['level'] = level;
  r['spending'] = new Exact(spending);
  r['weight'] = new Exact(weight);
  return r;
};
const rows = [row('a', 'county', '10.50', '60'), row('b', 'county', '0.25', '40'), row('c', 'town', '100', '1')];
const members: TableValue = { rows, index: new Map(rows.map((r) => [r['id'] as string, r])) };

const WORLD: readonly [string, Ty, Value][] = [
  ['budget', MONEY, new Exact('100.00')],
  ['actual', MONEY, new Exact('105.50')],
  ['zeroMoney', MONEY, new Exact('0')],
  ['insured', NUMBER, new Exact('3')],
  ['rate', NUMBER, new Exact('0.05')],
  ['zero', NUMBER, new Exact('0')],
  ['level', TEXT, 'county'],
  ['flag', BOOLEAN, true],
  ['members', { k: 'table', table: membersTy }, members],
  ['monthly', { k: 'list', of: MONEY }, [new Exact('1.10'), new Exact('2.20')]],
  ['coefficients', { k: 'map', of: NUMBER }, new Map([['g1', new Exact('1.5')]])],
];
const globals = new Map<string, Global>(WORLD.map(([name, ty], slot) => [name, { slot, ty }]));
const env = (): Env => ({ slots: WORLD.map(([, , v]) => v), rows: [], work: { n: 0, limit: 1_000_000 } });

function compile(src: string): ReturnType<typeof compileFormula> {
  const p = parseFormula(src);
  if (!p.ok) throw new Error(`${p.error.code}: ${p.error.detail}`);
  return compileFormula(p.ast, globals);
}

/** Evaluates a formula: its static kind and its value as exact text. */
function evaluate(src: string): { kind: string; value: string } {
  const c = compile(src);
  if (!c.ok) throw new Error(`${c.error.code}: ${JSON.stringify(c.error.params)}`);
  const v = c.value.fn(env());
  return { kind: c.value.ty.k, value: v instanceof Exact ? (v as Exact).toFixed() : String(v) };
}

const compileError = (src: string): CompileError => {
  const c = compile(src);
  if (c.ok) throw new Error(`expected a compile error for ${src}`);
  return c.error;
};

describe('compileFormula — evaluation', () => {
  it.each([
    ['0.1 + 0.2', 'const', '0.3'],
    ['budget + 1', 'money', '101'],
    ['actual - budget', 'money', '5.5'],
    ['budget * 5%', 'money', '5'],
    ['budget * rate', 'money', '5'],
    ['insured * rate', 'number', '0.15'],
    ['budget / 8', 'money', '12.5'],
    ['r2(budget / insured)', 'money', '33.33'],
    ['(actual - budget) / budget', 'number', '0.055'],
    ['round(actual / 3, 2, "DOWN")', 'money', '35.16'],
    ['round(actual / 3, 2)', 'money', '35.17'],
    ['round(-0.005, 2)', 'const', '-0.01'],
    ['max(actual - budget, 0)', 'money', '5.5'],
    ['max(budget - actual, 0)', 'money', '0'],
    ['min(budget, actual, 99.99)', 'money', '99.99'],
    ['abs(budget - actual)', 'money', '5.5'],
    ['-budget', 'money', '-100'],
    ['if(actual > budget, actual - budget, 0)', 'money', '5.5'],
    ['actual - budget > budget * 5%', 'boolean', 'true'],
    ['actual - budget <= budget * 5%', 'boolean', 'false'],
    ['level == "county" and flag', 'boolean', 'true'],
    ['not flag or level != "town"', 'boolean', 'true'],
    ['sum(members, spending)', 'money', '110.75'],
    ['sum(members, spending, level == "county")', 'money', '10.75'],
    ['sum(members, weight * budget, level == level)', 'money', '10100'],
    ['count(members)', 'number', '3'],
    ['count(members, spending > 1)', 'number', '2'],
    ['sum(monthly)', 'money', '3.3'],
    ['count(monthly, item > 2)', 'number', '1'],
    ["members['b'].spending", 'money', '0.25'],
    ['members["a"].weight * rate', 'number', '3'],
    ["coefficients['g1']", 'number', '1.5'],
    ["get(coefficients, 'g2', 1)", 'number', '1'],
    ["has(members, 'c')", 'boolean', 'true'],
    ["has(coefficients, 'zz')", 'boolean', 'false'],
    ['round(number(budget) / insured, 6)', 'number', '33.333333'],
  ])('%s → %s %s', (src, kind, value) => {
    expect(evaluate(src)).toEqual({ kind, value });
  });

  it('lists the named values a formula reads, in first-use order, without table columns', () => {
    const c = compile('max(actual - budget, 0) + budget * rate + sum(members, spending)');
    expect(c.ok && c.value.deps).toEqual(['actual', 'budget', 'rate', 'members']);
  });

  it('divides far beyond 20 significant digits (decimal.js default) when a division does not terminate', () => {
    const { kind, value } = evaluate('budget / insured');
    expect(kind).toBe('money');
    expect(value).toMatch(/^33\.3{60,}/);
  });

  it('is exact where floats are not: 0.1 + 0.2 == 0.3, and 30-digit money stays whole', () => {
    expect(evaluate('0.1 + 0.2 == 0.3')).toEqual({ kind: 'boolean', value: 'true' });
    expect(evaluate('123456789012345678901234567890.01 + budget')).toEqual({ kind: 'money', value: '123456789012345678901234567990.01' });
  });
});

describe('compileFormula — kind errors (before anything runs)', () => {
  it.each([
    ['budget * actual', 'kind_mismatch', 7],
    ['budget + insured', 'kind_mismatch', 7],
    ['budget - rate', 'kind_mismatch', 7],
    ['1 / budget', 'kind_mismatch', 2],
    ['insured / budget', 'kind_mismatch', 8],
    ['min(budget, insured)', 'kind_mismatch', 0],
    ['budget == "x"', 'kind_mismatch', 7],
    ['budget < level', 'kind_mismatch', 7],
    ['level < "z"', 'kind_mismatch', 6],
    ['"a" + "b"', 'kind_mismatch', 4],
    ['not budget', 'kind_mismatch', 0],
    ['budget and flag', 'kind_mismatch', 7],
    ['if(budget, 1, 2)', 'kind_mismatch', 3],
    ['if(flag, budget, insured)', 'kind_mismatch', 0],
    ['round(budget, rate)', 'kind_mismatch', 14],
    ['round(budget, 2, "BANKERS")', 'kind_mismatch', 17],
    ['round(budget, 21)', 'kind_mismatch', 14],
    ['budget.x', 'kind_mismatch', 0],
    ['members[1]', 'kind_mismatch', 8],
    ['sum(members, level)', 'kind_mismatch', 13],
    ['sum(budget, 1)', 'unknown_table', 4],
    ["members['a'].spend", 'unknown_column', 13],
  ])('%s → %s at %i', (src, code, pos) => {
    expect(compileError(src)).toMatchObject({ code, pos });
  });

  it('explains money × money and money + plain number', () => {
    expect(compileError('budget * actual').params).toEqual({ detail: 'money × money has no meaning' });
    expect(compileError('budget + insured').params).toEqual({ detail: 'adding: money and a plain number' });
  });

  it('refuses an unknown name and suggests the nearest known one', () => {
    expect(compileError('max(actul - budget, 0)')).toEqual({ code: 'unknown_name', pos: 4, params: { name: 'actul', suggestion: 'actual' } });
    expect(compileError('budgte * 2')).toMatchObject({ code: 'unknown_name', pos: 0, params: { suggestion: 'budget' } });
    expect(compileError('sum(members, spendng)')).toMatchObject({ code: 'unknown_name', pos: 13, params: { suggestion: 'spending' } });
    expect(compileError('policyExpenses')).toEqual({ code: 'unknown_name', pos: 0, params: { name: 'policyExpenses', suggestion: '' } });
  });

  it('refuses an unknown function and lists the known ones', () => {
    const e = compileError('average(budget, actual)');
    expect(e).toMatchObject({ code: 'unknown_function', pos: 0, params: { name: 'average' } });
    expect(String(('expected' in e.params ? e.params.expected : undefined)).split(', ')).toEqual(expect.arrayContaining(['min', 'max', 'round', 'r2', 'sum']));
    // A name followed by "(" is a call even when it is also a value's name.
    expect(compileError('budget(1)')).toMatchObject({ code: 'unknown_function', params: { name: 'budget' } });
  });

  it.each([
    ['max()', 'max', 0],
    ['abs(budget, actual)', 'abs', 2],
    ['r2()', 'r2', 0],
    ['round(budget)', 'round', 1],
    ['round(budget, 2, "UP", 1)', 'round', 4],
    ['if(flag, 1)', 'if', 2],
    ['get(coefficients, "g1")', 'get', 2],
    ['count(members, flag, flag)', 'count', 3],
    ['sum(members)', 'sum', 1],
  ])('%s → wrong_arity', (src, name, actual) => {
    expect(compileError(src)).toMatchObject({ code: 'wrong_arity', pos: 0, params: { name, actual } });
  });
});

describe('compileFormula — run-time problems', () => {
  const stop = (src: string): EvalStop => {
    const c = compile(src);
    if (!c.ok) throw new Error(c.error.code);
    try {
      c.value.fn(env());
    } catch (e) {
      if (e instanceof EvalStop) return e;
      throw e;
    }
    throw new Error('expected the evaluation to stop');
  };

  it('stops a division by zero where it happens (division_by_zero at the "/")', () => {
    expect(stop('budget / zero')).toMatchObject({ problem: { code: 'division_by_zero' }, pos: 7 });
    expect(stop('budget / (actual - actual)')).toMatchObject({ problem: { code: 'division_by_zero' }, pos: 7 });
    expect(stop('1 + budget / 0')).toMatchObject({ problem: { code: 'division_by_zero' }, pos: 11 });
    expect(stop('zeroMoney / zeroMoney')).toMatchObject({ problem: { code: 'division_by_zero' } });
  });

  it('does not evaluate the branch if() does not take', () => {
    expect(evaluate('if(zero == 0, 0, budget / zero)')).toEqual({ kind: 'money', value: '0' });
  });

  it('stops at a missing key (unknown_key)', () => {
    expect(stop("members['zz'].spending")).toMatchObject({ problem: { code: 'unknown_key', params: { table: 'members', key: 'zz' } } });
    expect(stop("coefficients['g9']")).toMatchObject({ problem: { code: 'unknown_key', params: { key: 'g9' } } });
  });

  it('reports a division by zero in a settlement as an issue, not Infinity', () => {
    const rules = readRuleFile(
      JSON.stringify({
        format: 'yibao-settle/1',
        id: 'per-head',
        title: { zh: '人均', en: 'per head' },
        inputs: { budget: { kind: 'money' }, insured: { kind: 'count' } },
        steps: [{ name: 'perHead', kind: 'money', formula: 'budget / insured', round: { places: 2 } }],
      }),
      { file: 'per-head.json' },
    );
    if (!rules.ok) throw new Error(rules.issues[0].code);
    const ok = settle(rules.value, '{"budget": "100.00", "insured": 3}');
    expect(ok.ok && ok.value.values['perHead']).toBe('33.33');
    const bad = settle(rules.value, '{"budget": "100.00", "insured": 0}', { file: 'in.json' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.issues.map((i) => ({ code: i.code, file: i.file, pointer: i.pointer }))).toEqual([
        { code: 'division_by_zero', file: 'per-head.json', pointer: '/steps/0' },
      ]);
    }
  });
});
