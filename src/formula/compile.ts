/**
 * Syntax tree → closure, with static kind checking. Names resolve at compile time (innermost
 * table row first, then outer rows, then the rule file's named values), so evaluation does no
 * look-ups by string and a formula can only read what the rule file declares.
 */
import type { Exact } from '../money/exact.js';
import { charge, EvalStop, Fail, fail, num, unify, type CompileError, type Compiled, type Env, type Fn, type Global, type Scope } from './context.js';
import { compileCall } from './functions.js';
import type { Ast } from './parse.js';
import {
  BOOLEAN,
  CONST,
  MONEY,
  NUMBER,
  TEXT,
  describeTy,
  isNumeric,
  type Row,
  type TableTy,
  type TableValue,
  type Ty,
  type Value,
} from './types.js';
import { compareSettled } from '../money/cut-quotients.js';

export { charge, EvalStop, FUNCTIONS, type CompileError, type Compiled, type FormulaFunction, type Env, type Fn, type Global } from './context.js';

/** Resolves a dotted name against rows and globals; returns the closure and type. */
function resolveName(name: string, pos: number, scope: Scope): { fn: Fn; ty: Ty } {
  const parts = name.split('.');
  // Innermost row first: a column name, then its members.
  for (let depth = scope.rows.length - 1; depth >= 0; depth--) {
    const table = scope.rows[depth] as TableTy;
    const colTy = table.columns.get(parts[0] as string);
    if (colTy) {
      const col = parts[0] as string;
      const d = depth;
      readColumn(scope, table.name, col);
      let node: { fn: Fn; ty: Ty } = { fn: (env) => (env.rows[d] as Row)[col] as Value, ty: colTy };
      for (const m of parts.slice(1)) node = member(node, m, pos, scope);
      return node;
    }
  }
  // The longest dotted prefix that is a named value.
  for (let k = parts.length; k >= 1; k--) {
    const head = parts.slice(0, k).join('.');
    const g = scope.globals.get(head);
    if (g) {
      if (!scope.deps.includes(head)) scope.deps.push(head);
      const slot = g.slot;
      let node: { fn: Fn; ty: Ty } = { fn: (env) => env.slots[slot] as Value, ty: g.ty };
      for (const m of parts.slice(k)) node = member(node, m, pos, scope);
      return node;
    }
  }
  return fail('unknown_name', pos, { name, suggestion: suggest(name, scope) });
}

function suggest(name: string, scope: Scope): string {
  const candidates = [...scope.globals.keys(), ...scope.rows.flatMap((t) => [...t.columns.keys()])];
  let best = '';
  let bestD = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(name, c, bestD);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] as number;
}

function readColumn(scope: Scope, table: string, column: string): void {
  const c = `${table}.${column}`;
  if (!scope.columns.includes(c)) scope.columns.push(c);
}

function member(node: { fn: Fn; ty: Ty }, name: string, pos: number, scope: Scope): { fn: Fn; ty: Ty } {
  const { fn, ty } = node;
  if (ty.k === 'row') {
    const colTy = ty.table.columns.get(name);
    if (!colTy) return fail('unknown_column', pos, { table: ty.table.name, column: name });
    readColumn(scope, ty.table.name, name);
    return { fn: (env) => (fn(env) as Row)[name] as Value, ty: colTy };
  }
  if (ty.k === 'map') {
    return { fn: (env) => mapGet(fn(env) as Map<string, Exact>, name, '', env), ty: ty.of };
  }
  return fail('kind_mismatch', pos, { detail: `${describeTy(ty)} has no member "${name}"` });
}

function mapGet(map: Map<string, Exact>, key: string, table: string, env: Env): Exact {
  const v = map.get(key);
  if (v === undefined) throw new EvalStop({ code: 'unknown_key', params: { table, key } }, 0, env.rows.slice());
  return v;
}

function compileNode(ast: Ast, scope: Scope): { fn: Fn; ty: Ty } {
  switch (ast.t) {
    case 'num': {
      const v = ast.value;
      return { fn: () => v, ty: CONST };
    }
    case 'str': {
      // Compared with text values from files, which are in NFC (settle/identifiers.ts).
      const v = ast.value.normalize('NFC');
      return { fn: () => v, ty: TEXT };
    }
    case 'bool': {
      const v = ast.value;
      return { fn: () => v, ty: BOOLEAN };
    }
    case 'name':
      return resolveName(ast.name, ast.pos, scope);
    case 'neg': {
      const a = compileNode(ast.arg, scope);
      if (!isNumeric(a.ty)) fail('kind_mismatch', ast.pos, { detail: `cannot negate ${describeTy(a.ty)}` });
      const f = num(a.fn);
      return { fn: (env) => f(env).neg(), ty: a.ty };
    }
    case 'not': {
      const a = compileNode(ast.arg, scope);
      if (a.ty.k !== 'boolean') fail('kind_mismatch', ast.pos, { detail: `"not" needs a condition, got ${describeTy(a.ty)}` });
      const f = a.fn;
      return { fn: (env) => !f(env), ty: BOOLEAN };
    }
    case 'bin':
      return compileBinary(ast, scope);
    case 'index': {
      const obj = compileNode(ast.obj, scope);
      const key = compileNode(ast.key, scope);
      if (key.ty.k !== 'text') fail('kind_mismatch', ast.key.pos, { detail: `a key must be text, got ${describeTy(key.ty)}` });
      const of = obj.fn;
      const kf = key.fn;
      if (obj.ty.k === 'table') {
        const table = obj.ty.table;
        if (!table.key) fail('kind_mismatch', ast.pos, { detail: `table ${table.name} has no key column` });
        return {
          fn: (env) => {
            const k = kf(env) as string;
            const row = (of(env) as TableValue).index?.get(k);
            if (!row) throw new EvalStop({ code: 'unknown_key', params: { table: table.name, key: k } }, ast.pos, env.rows.slice());
            return row;
          },
          ty: { k: 'row', table },
        };
      }
      if (obj.ty.k === 'map') {
        const name = ast.obj.t === 'name' ? ast.obj.name : ast.obj.t === 'member' ? ast.obj.name : 'map';
        return { fn: (env) => mapGet(of(env) as Map<string, Exact>, kf(env) as string, name, env), ty: obj.ty.of };
      }
      return fail('kind_mismatch', ast.pos, { detail: `cannot look up a key in ${describeTy(obj.ty)}` });
    }
    case 'member':
      return member(compileNode(ast.obj, scope), ast.name, ast.pos, scope);
    case 'call':
      return compileCall(ast, scope, compileNode);
  }
}

type Bin = Extract<Ast, { t: 'bin' }>;

/** Operators that chain left to right, by precedence class: `a + b - c` is one chain. */
const CHAINS: Readonly<Record<string, number>> = { '+': 1, '-': 1, '*': 2, '/': 2, and: 3, or: 4 };

/**
 * Chains up to this many operators are compiled to nested closures (the fastest for the short
 * formulas of rule files); longer ones — a sum of hundreds of terms — to one closure that runs
 * through its terms in a loop, so neither compiling nor evaluating recurses once per term.
 */
const NESTED_CHAIN = 32;

const NO_FN: Fn = () => false;

function compileBinary(ast: Bin, scope: Scope): { fn: Fn; ty: Ty } {
  const cls = CHAINS[ast.op];
  if (cls === undefined) return compilePair(ast, compileNode(ast.left, scope), compileNode(ast.right, scope));
  // The chain's links, leftmost first: (((t0 op1 t1) op2 t2) …) walked down its left spine.
  const links: Bin[] = [];
  let node: Ast = ast;
  while (node.t === 'bin' && CHAINS[node.op] === cls) {
    links.push(node);
    node = node.left;
  }
  links.reverse();
  let acc = compileNode(node, scope);
  if (links.length <= NESTED_CHAIN) {
    for (const l of links) acc = compilePair(l, acc, compileNode(l.right, scope));
    return acc;
  }
  const fns: Fn[] = [acc.fn];
  let ty = acc.ty;
  for (const l of links) {
    const b = compileNode(l.right, scope);
    ty = compilePair(l, { fn: NO_FN, ty }, b).ty; // the kinds fold exactly as in a nested chain
    fns.push(b.fn);
  }
  return { fn: loopChain(links, fns), ty };
}

/**
 * One closure evaluating a long chain term by term, left to right, as the nested ones would.
 * Each evaluation is charged its terms against the work limit: a 5,000-term formula run for
 * every row of a long table is that much work.
 */
function loopChain(links: readonly Bin[], fns: readonly Fn[]): Fn {
  const op = (links[0] as Bin).op;
  const n = fns.length;
  if (op === 'and' || op === 'or') {
    const stopAt = op === 'or';
    return (env) => {
      charge(env, n);
      for (const f of fns) if ((f(env) as boolean) === stopAt) return stopAt;
      return !stopAt;
    };
  }
  const ops = links.map((l) => l.op);
  const positions = links.map((l) => l.pos);
  const terms = fns as readonly ((env: Env) => Exact)[];
  return (env) => {
    charge(env, n);
    let acc = (terms[0] as (env: Env) => Exact)(env);
    for (let i = 1; i < terms.length; i++) {
      const v = (terms[i] as (env: Env) => Exact)(env);
      switch (ops[i - 1]) {
        case '+':
          acc = acc.plus(v);
          break;
        case '-':
          acc = acc.minus(v);
          break;
        case '*':
          acc = acc.times(v);
          break;
        default:
          if (v.isZero()) throw new EvalStop({ code: 'division_by_zero', params: { detail: 'the divisor is 0' } }, positions[i - 1]);
          acc = acc.div(v);
      }
    }
    return acc;
  };
}

/** The operator of `ast` applied to its two operands, compiled: their kinds checked, one closure. */
function compilePair(ast: Bin, a: { fn: Fn; ty: Ty }, b: { fn: Fn; ty: Ty }): { fn: Fn; ty: Ty } {
  const fa = a.fn;
  const fb = b.fn;
  const na = num(fa);
  const nb = num(fb);
  switch (ast.op) {
    case 'and':
    case 'or': {
      if (a.ty.k !== 'boolean' || b.ty.k !== 'boolean') {
        fail('kind_mismatch', ast.pos, { detail: `"${ast.op}" joins conditions, got ${describeTy(a.ty)} and ${describeTy(b.ty)}` });
      }
      return ast.op === 'and'
        ? { fn: (env) => (fa(env) as boolean) && (fb(env) as boolean), ty: BOOLEAN }
        : { fn: (env) => (fa(env) as boolean) || (fb(env) as boolean), ty: BOOLEAN };
    }
    case '+':
    case '-': {
      const ty = unify(a.ty, b.ty, ast.op === '+' ? 'adding' : 'subtracting', ast.pos);
      if (!isNumeric(ty)) fail('kind_mismatch', ast.pos, { detail: `cannot ${ast.op === '+' ? 'add' : 'subtract'} ${describeTy(ty)}` });
      return ast.op === '+' ? { fn: (env) => na(env).plus(nb(env)), ty } : { fn: (env) => na(env).minus(nb(env)), ty };
    }
    case '*': {
      if (!isNumeric(a.ty) || !isNumeric(b.ty)) fail('kind_mismatch', ast.pos, { detail: `cannot multiply ${describeTy(a.ty)} and ${describeTy(b.ty)}` });
      if (a.ty.k === 'money' && b.ty.k === 'money') fail('kind_mismatch', ast.pos, { detail: 'money × money has no meaning' });
      const ty = a.ty.k === 'money' || b.ty.k === 'money' ? MONEY : a.ty.k === 'number' || b.ty.k === 'number' ? NUMBER : CONST;
      return { fn: (env) => na(env).times(nb(env)), ty };
    }
    case '/': {
      if (!isNumeric(a.ty) || !isNumeric(b.ty)) fail('kind_mismatch', ast.pos, { detail: `cannot divide ${describeTy(a.ty)} by ${describeTy(b.ty)}` });
      if (b.ty.k === 'money' && a.ty.k !== 'money') fail('kind_mismatch', ast.pos, { detail: 'a plain number divided by money has no meaning' });
      const ty = a.ty.k === 'money' ? (b.ty.k === 'money' ? NUMBER : MONEY) : a.ty.k === 'number' || b.ty.k === 'number' ? NUMBER : CONST;
      const pos = ast.pos;
      return {
        fn: (env) => {
          const d = nb(env);
          if (d.isZero()) throw new EvalStop({ code: 'division_by_zero', params: { detail: 'the divisor is 0' } }, pos);
          return na(env).div(d);
        },
        ty,
      };
    }
    default: {
      const op = ast.op;
      const ty = unify(a.ty, b.ty, `comparing with "${op}"`, ast.pos);
      if (isNumeric(ty)) {
        const cmp = (env: Env): number => compareSettled(na(env), nb(env));
        switch (op) {
          case '==':
            return { fn: (env) => cmp(env) === 0, ty: BOOLEAN };
          case '!=':
            return { fn: (env) => cmp(env) !== 0, ty: BOOLEAN };
          case '<':
            return { fn: (env) => cmp(env) < 0, ty: BOOLEAN };
          case '<=':
            return { fn: (env) => cmp(env) <= 0, ty: BOOLEAN };
          case '>':
            return { fn: (env) => cmp(env) > 0, ty: BOOLEAN };
          case '>=':
            return { fn: (env) => cmp(env) >= 0, ty: BOOLEAN };
        }
      }
      if (op === '==') return { fn: (env) => fa(env) === fb(env), ty: BOOLEAN };
      if (op === '!=') return { fn: (env) => fa(env) !== fb(env), ty: BOOLEAN };
      return fail('kind_mismatch', ast.pos, { detail: `"${op}" compares numbers, got ${describeTy(ty)}` });
    }
  }
}

/**
 * Compiles a parsed formula. `rows` are the tables whose row is in scope (for formulas that run
 * once per row), innermost last.
 */
export function compileFormula(
  ast: Ast,
  globals: ReadonlyMap<string, Global>,
  rows: readonly TableTy[] = [],
): { ok: true; value: Compiled } | { ok: false; error: CompileError } {
  const scope: Scope = { globals, rows, deps: [], columns: [] };
  try {
    const { fn, ty } = compileNode(ast, scope);
    return { ok: true, value: { fn, ty, deps: scope.deps, columns: scope.columns } };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, error: e.error };
    throw e;
  }
}

export { MONEY, NUMBER, TEXT, BOOLEAN, CONST };
