/**
 * Formula text → syntax tree. Positions are offsets into the formula; length and nesting are
 * capped so that no formula a rule file can hold exhausts the stack.
 */
import { describe, expect, it } from 'vitest';
import { MAX_FORMULA_DEPTH, MAX_FORMULA_LENGTH, parseFormula, type Ast } from './parse.js';

function ast(src: string): Ast {
  const r = parseFormula(src);
  if (!r.ok) throw new Error(`${r.error.code} at ${r.error.pos}: ${r.error.detail}`);
  return r.ast;
}

/** The tree in a compact prefix form, e.g. (+ a (* b c)). */
function show(a: Ast): string {
  switch (a.t) {
    case 'num':
      return a.value.toFixed();
    case 'str':
      return JSON.stringify(a.value);
    case 'bool':
      return String(a.value);
    case 'name':
      return a.name;
    case 'neg':
      return `(- ${show(a.arg)})`;
    case 'not':
      return `(not ${show(a.arg)})`;
    case 'bin':
      return `(${a.op} ${show(a.left)} ${show(a.right)})`;
    case 'call':
      return `(${a.fn}${a.args.map((x) => ' ' + show(x)).join('')})`;
    case 'index':
      return `([] ${show(a.obj)} ${show(a.key)})`;
    case 'member':
      return `(. ${show(a.obj)} ${a.name})`;
  }
}

const error = (src: string): { code: string; pos: number } => {
  const r = parseFormula(src);
  if (r.ok) throw new Error(`expected an error for ${src}`);
  return { code: r.error.code, pos: r.error.pos };
};

describe('parseFormula — grammar', () => {
  it.each([
    ['1 + 2 * 3', '(+ 1 (* 2 3))'],
    ['(1 + 2) * 3', '(* (+ 1 2) 3)'],
    ['a - b - c', '(- (- a b) c)'],
    ['a / b / c', '(/ (/ a b) c)'],
    ['-a * b', '(* (- a) b)'],
    ['- -a', '(- (- a))'],
    ['2 × 3 ÷ 4 − 1', '(- (/ (* 2 3) 4) 1)'],
    ['net * 2%', '(* net 0.02)'],
    ['a > b and c <= d or not e', '(or (and (> a b) (<= c d)) (not e))'],
    ['a == 1 && b != 2 || c >= 3', '(or (and (== a 1) (!= b 2)) (>= c 3))'],
    ['max(balance, 0)', '(max balance 0)'],
    ['min()', '(min)'],
    ['round(x / 12, 2, "HALF_UP")', '(round (/ x 12) 2 "HALF_UP")'],
    ["level == 'county'", '(== level "county")'],
    ['budget.employee * 1.10', '(* budget.employee 1.1)'],
    ["members['h1'].weight", '(. ([] members "h1") weight)'],
    ['coefficients[group]', '([] coefficients group)'],
    ['true or false', '(or true false)'],
    ['结余 + 1', '(+ 结余 1)'],
    ['  a\n+\tb ', '(+ a b)'],
  ])('%s → %s', (src, want) => {
    expect(show(ast(src))).toBe(want);
  });

  it('keeps number literals exact', () => {
    const a = ast('123456789012345678901234567890.123');
    expect(a.t === 'num' && a.value.toFixed()).toBe('123456789012345678901234567890.123');
  });

  it('records the offset of every node (operators at the operator)', () => {
    const a = ast('budget  *  actual');
    expect(a).toMatchObject({ t: 'bin', op: '*', pos: 8, left: { pos: 0 }, right: { pos: 11 } });
    expect(ast('max(a, b)')).toMatchObject({ t: 'call', pos: 0, args: [{ pos: 4 }, { pos: 7 }] });
  });
});

describe('parseFormula — errors', () => {
  it.each([
    ['budget +', 'formula_syntax', 8],
    ['(1', 'formula_syntax', 2],
    ['1 2', 'formula_syntax', 2],
    ['max(a,', 'formula_syntax', 6],
    ['a @ b', 'formula_syntax', 2],
    ['"open', 'formula_syntax', 0],
    ['a.', 'formula_syntax', 2],
    ['x[1', 'formula_syntax', 3],
    ['1e3', 'not_decimal', 0],
    ['net * 1E-2', 'not_decimal', 6],
    ['1.2.3', 'not_decimal', 0],
    ['1' + '0'.repeat(40), 'too_many_digits', 0],
  ])('%j → %s at %i', (src, code, pos) => {
    expect(error(src)).toEqual({ code, pos });
  });

  it(`refuses a formula longer than ${MAX_FORMULA_LENGTH} characters (formula_too_long)`, () => {
    expect(MAX_FORMULA_LENGTH).toBe(10_000);
    expect(error('1'.repeat(10_001))).toEqual({ code: 'formula_too_long', pos: 0 });
    expect(parseFormula('a' + ' '.repeat(9_999)).ok).toBe(true); // exactly 10,000
  });

  it(`refuses nesting deeper than ${MAX_FORMULA_DEPTH} levels (formula_too_deep), at the first level too many`, () => {
    expect(MAX_FORMULA_DEPTH).toBe(64);
    const nest = (n: number): string => '('.repeat(n) + 'a' + ')'.repeat(n);
    expect(parseFormula(nest(64)).ok).toBe(true);
    expect(error(nest(65))).toEqual({ code: 'formula_too_deep', pos: 64 });
    expect(error('-'.repeat(65) + 'a')).toEqual({ code: 'formula_too_deep', pos: 64 });
    expect(error('not '.repeat(65) + 'a')).toEqual({ code: 'formula_too_deep', pos: 256 });
    expect(error('abs('.repeat(65) + 'a' + ')'.repeat(65))).toEqual({ code: 'formula_too_deep', pos: 256 });
    expect(error('a' + '[a'.repeat(65) + ']'.repeat(65))).toEqual({ code: 'formula_too_deep', pos: 129 });
  });

  it('counts nesting, not the links of a chain: a 5,000-term sum is a long formula, not a deep one', () => {
    const chain = (n: number, op: string): string => Array.from({ length: n }, () => 'a').join(op);
    for (const op of ['+', '-', '*', '/', ' and ', ' or ']) {
      const long = chain(Math.floor((MAX_FORMULA_LENGTH + op.length) / (1 + op.length)), op);
      expect(long.length).toBeGreaterThan(MAX_FORMULA_LENGTH - 6);
      expect(parseFormula(long).ok, op).toBe(true);
    }
    // Brackets around a chain count; the chain inside them does not.
    expect(parseFormula('('.repeat(64) + chain(500, '+') + ')'.repeat(64)).ok).toBe(true);
    expect(error('('.repeat(65) + chain(500, '+') + ')'.repeat(65))).toEqual({ code: 'formula_too_deep', pos: 64 });
    // The length cap still bounds a chain.
    expect(error(chain(5_001, '+')).code).toBe('formula_too_long');
  });
});
