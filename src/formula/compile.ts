/**
 * Syntax tree → closure, with static kind checking. Names resolve at compile time (innermost
 * table row first, then outer rows, then the rule file's named values), so evaluation does no
 * look-ups by string and a formula can only read what the rule file declares.
 */
import { D, ZERO, type Dec } from '../money/decimal.js';
import { RunningSum } from '../money/exact.js';
import { isRoundingMode, round, r2, type RoundingMode } from '../money/round.js';
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

export interface Env {
  readonly slots: Value[];
  rows: Row[];
  readonly work: { n: number; readonly limit: number };
}

export type Fn = (env: Env) => Value;

export interface CompileError {
  readonly code:
    | 'unknown_name'
    | 'kind_mismatch'
    | 'unknown_function'
    | 'wrong_arity'
    | 'unknown_column'
    | 'unknown_table'
    | 'formula_syntax';
  readonly pos: number;
  readonly params: Readonly<Record<string, string | number>>;
}

/** Raised while evaluating: a division by zero, a missing key, too much work. */
export class EvalStop {
  constructor(
    readonly code: 'division_by_zero' | 'unknown_key' | 'work_limit' | 'weights_all_zero' | 'negative_weight' | 'not_integer',
    readonly params: Readonly<Record<string, string | number>>,
    readonly pos = 0,
    /** The table rows being evaluated, outermost first: the input row a message can name. */
    readonly rows: readonly Row[] = [],
  ) {}
}

class Fail {
  constructor(readonly error: CompileError) {}
}

export interface Global {
  readonly slot: number;
  readonly ty: Ty;
}

export interface Compiled {
  readonly fn: Fn;
  readonly ty: Ty;
  /** Named values (not table columns) the formula reads, in first-use order. */
  readonly deps: readonly string[];
  /** Table columns the formula reads, as "table.column" (for ordering steps that add columns). */
  readonly columns: readonly string[];
}

export const FUNCTIONS = ['min', 'max', 'abs', 'round', 'r2', 'if', 'sum', 'count', 'get', 'has', 'number'] as const;

interface Scope {
  readonly globals: ReadonlyMap<string, Global>;
  readonly rows: readonly TableTy[];
  readonly deps: string[];
  readonly columns: string[];
}

const fail = (code: CompileError['code'], pos: number, params: CompileError['params'] = {}): never => {
  throw new Fail({ code, pos, params });
};

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
    return { fn: (env) => mapGet(fn(env) as Map<string, Dec>, name, '', env), ty: ty.of };
  }
  return fail('kind_mismatch', pos, { detail: `${describeTy(ty)} has no member "${name}"` });
}

function mapGet(map: Map<string, Dec>, key: string, table: string, env: Env): Dec {
  const v = map.get(key);
  if (v === undefined) throw new EvalStop('unknown_key', { table, key }, 0, env.rows.slice());
  return v;
}

function unify(a: Ty, b: Ty, what: string, pos: number): Ty {
  if (!isNumeric(a) || !isNumeric(b)) {
    if (a.k === b.k && (a.k === 'text' || a.k === 'boolean')) return a;
    return fail('kind_mismatch', pos, { detail: `${what}: ${describeTy(a)} and ${describeTy(b)}` });
  }
  if (a.k === 'const') return b;
  if (b.k === 'const') return a;
  if (a.k !== b.k) return fail('kind_mismatch', pos, { detail: `${what}: money and a plain number` });
  return a;
}

function num(fn: Fn): (env: Env) => Dec {
  return fn as (env: Env) => Dec;
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
            if (!row) throw new EvalStop('unknown_key', { table: table.name, key: k }, ast.pos, env.rows.slice());
            return row;
          },
          ty: { k: 'row', table },
        };
      }
      if (obj.ty.k === 'map') {
        const name = ast.obj.t === 'name' ? ast.obj.name : ast.obj.t === 'member' ? ast.obj.name : 'map';
        return { fn: (env) => mapGet(of(env) as Map<string, Dec>, kf(env) as string, name, env), ty: obj.ty.of };
      }
      return fail('kind_mismatch', ast.pos, { detail: `cannot look up a key in ${describeTy(obj.ty)}` });
    }
    case 'member':
      return member(compileNode(ast.obj, scope), ast.name, ast.pos, scope);
    case 'call':
      return compileCall(ast, scope);
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
  const terms = fns as readonly ((env: Env) => Dec)[];
  return (env) => {
    charge(env, n);
    let acc = (terms[0] as (env: Env) => Dec)(env);
    for (let i = 1; i < terms.length; i++) {
      const v = (terms[i] as (env: Env) => Dec)(env);
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
          if (v.isZero()) throw new EvalStop('division_by_zero', { detail: 'the divisor is 0' }, positions[i - 1]);
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
          if (d.isZero()) throw new EvalStop('division_by_zero', { detail: 'the divisor is 0' }, pos);
          return na(env).div(d);
        },
        ty,
      };
    }
    default: {
      const op = ast.op;
      const ty = unify(a.ty, b.ty, `comparing with "${op}"`, ast.pos);
      if (isNumeric(ty)) {
        const cmp = (env: Env): number => na(env).comparedTo(nb(env));
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

function arity(ast: Extract<Ast, { t: 'call' }>, min: number, max: number, text: string): void {
  if (ast.args.length < min || ast.args.length > max) {
    fail('wrong_arity', ast.pos, { name: ast.fn, expected: text, actual: ast.args.length });
  }
}

function numericArg(ast: Ast, scope: Scope, fn: string): { fn: (env: Env) => Dec; ty: Ty } {
  const c = compileNode(ast, scope);
  if (!isNumeric(c.ty)) fail('kind_mismatch', ast.pos, { detail: `${fn}() needs a number, got ${describeTy(c.ty)}` });
  return { fn: num(c.fn), ty: c.ty };
}

/** A table or list argument, and the row type its per-row arguments see. */
function collection(ast: Ast, scope: Scope, fn: string): { fn: Fn; rowTable: TableTy; isList: boolean } {
  const c = compileNode(ast, scope);
  if (c.ty.k === 'table') return { fn: c.fn, rowTable: c.ty.table, isList: false };
  if (c.ty.k === 'list') {
    return { fn: c.fn, rowTable: { name: 'item', key: undefined, columns: new Map([['item', c.ty.of]]) }, isList: true };
  }
  return fail('unknown_table', ast.pos, { name: ast.t === 'name' ? ast.name : `${fn}() argument` });
}

function rowsOf(v: Value, isList: boolean): Row[] {
  if (!isList) return (v as TableValue).rows;
  return (v as readonly Dec[]).map((item) => {
    const r: Row = { item };
    return r;
  });
}

/** Counts `n` row evaluations against the settlement's work limit (bounded work). */
export function charge(env: Env, n: number): void {
  env.work.n += n;
  if (env.work.n > env.work.limit) throw new EvalStop('work_limit', { limit: env.work.limit });
}

function compileCall(ast: Extract<Ast, { t: 'call' }>, scope: Scope): { fn: Fn; ty: Ty } {
  switch (ast.fn) {
    case 'min':
    case 'max': {
      arity(ast, 1, 64, '1 or more');
      const args = ast.args.map((a) => numericArg(a, scope, ast.fn));
      const ty = args.reduce<Ty>((t, a) => unify(t, a.ty, `${ast.fn}()`, ast.pos), CONST);
      const fns = args.map((a) => a.fn);
      const isMin = ast.fn === 'min';
      return {
        fn: (env) => {
          let best = (fns[0] as (e: Env) => Dec)(env);
          for (let k = 1; k < fns.length; k++) {
            const v = (fns[k] as (e: Env) => Dec)(env);
            if (isMin ? v.lt(best) : v.gt(best)) best = v;
          }
          return best;
        },
        ty,
      };
    }
    case 'abs': {
      arity(ast, 1, 1, '1');
      const a = numericArg(ast.args[0] as Ast, scope, 'abs');
      const f = a.fn;
      return { fn: (env) => f(env).abs(), ty: a.ty };
    }
    case 'number': {
      // An amount of money read as a plain number, for a price per unit that is not itself an
      // amount (a DRG point value: yuan per point, shown with more than two decimals).
      arity(ast, 1, 1, '1');
      const a = numericArg(ast.args[0] as Ast, scope, 'number');
      return { fn: a.fn, ty: a.ty.k === 'money' ? NUMBER : a.ty };
    }
    case 'r2': {
      arity(ast, 1, 1, '1');
      const a = numericArg(ast.args[0] as Ast, scope, 'r2');
      const f = a.fn;
      return { fn: (env) => r2(f(env)), ty: a.ty };
    }
    case 'round': {
      arity(ast, 2, 3, '2 or 3 (value, places, mode)');
      const a = numericArg(ast.args[0] as Ast, scope, 'round');
      const placesAst = ast.args[1] as Ast;
      if (placesAst.t !== 'num' || !placesAst.value.isInteger() || placesAst.value.lt(0) || placesAst.value.gt(20)) {
        return fail('kind_mismatch', placesAst.pos, { detail: 'round() places must be a whole number 0–20 written in the formula' });
      }
      const places = placesAst.value.toNumber();
      let mode: RoundingMode = 'HALF_UP';
      const modeAst = ast.args[2];
      if (modeAst) {
        if (modeAst.t !== 'str' || !isRoundingMode(modeAst.value)) {
          return fail('kind_mismatch', modeAst.pos, { detail: 'round() mode must be "HALF_UP", "HALF_EVEN", "HALF_DOWN", "UP", "DOWN", "CEIL" or "FLOOR"' });
        }
        mode = modeAst.value;
      }
      const f = a.fn;
      return { fn: (env) => round(f(env), places, mode), ty: a.ty };
    }
    case 'if': {
      arity(ast, 3, 3, '3 (condition, then, else)');
      const c = compileNode(ast.args[0] as Ast, scope);
      if (c.ty.k !== 'boolean') fail('kind_mismatch', (ast.args[0] as Ast).pos, { detail: `if() needs a condition first, got ${describeTy(c.ty)}` });
      const a = compileNode(ast.args[1] as Ast, scope);
      const b = compileNode(ast.args[2] as Ast, scope);
      const ty = unify(a.ty, b.ty, 'the two branches of if()', ast.pos);
      const fc = c.fn;
      const fa = a.fn;
      const fb = b.fn;
      return { fn: (env) => (fc(env) ? fa(env) : fb(env)), ty };
    }
    case 'sum':
    case 'count': {
      const isSum = ast.fn === 'sum';
      arity(ast, 1, isSum ? 3 : 2, isSum ? '1 to 3 (table, value, condition)' : '1 or 2 (table, condition)');
      const coll = collection(ast.args[0] as Ast, scope, ast.fn);
      const inner: Scope = { globals: scope.globals, rows: [...scope.rows, coll.rowTable], deps: scope.deps, columns: scope.columns };
      let valueFn: ((env: Env) => Dec) | undefined;
      let ty: Ty = NUMBER;
      if (isSum) {
        if (ast.args.length === 1) {
          if (!coll.isList) return fail('wrong_arity', ast.pos, { name: 'sum', expected: '2 or 3 for a table (table, value[, condition])', actual: 1 });
          const itemTy = coll.rowTable.columns.get('item') as Ty;
          if (!isNumeric(itemTy)) fail('kind_mismatch', ast.pos, { detail: `sum() of ${describeTy(itemTy)}` });
          ty = itemTy;
          valueFn = (env) => (env.rows[env.rows.length - 1] as Row)['item'] as Dec;
        } else {
          const v = numericArg(ast.args[1] as Ast, inner, 'sum');
          valueFn = v.fn;
          ty = v.ty;
        }
      }
      const whereAst = ast.args[isSum ? 2 : 1];
      let whereFn: Fn | undefined;
      if (whereAst) {
        const w = compileNode(whereAst, inner);
        if (w.ty.k !== 'boolean') fail('kind_mismatch', whereAst.pos, { detail: `the condition of ${ast.fn}() must be true/false, got ${describeTy(w.ty)}` });
        whereFn = w.fn;
      }
      const cf = coll.fn;
      const isList = coll.isList;
      return {
        fn: (env) => {
          const rows = rowsOf(cf(env), isList);
          charge(env, rows.length);
          const acc = new RunningSum(ZERO);
          let n = 0;
          const saved = env.rows;
          env.rows = [...saved, rows[0] as Row];
          const depth = saved.length;
          try {
            for (const row of rows) {
              env.rows[depth] = row;
              if (whereFn && !whereFn(env)) continue;
              if (valueFn) acc.add(valueFn(env));
              n++;
            }
          } finally {
            env.rows = saved;
          }
          return isSum ? acc.value() : new D(n);
        },
        ty: isSum ? ty : NUMBER,
      };
    }
    case 'get': {
      arity(ast, 3, 3, '3 (map, key, default)');
      const m = compileNode(ast.args[0] as Ast, scope);
      const k = compileNode(ast.args[1] as Ast, scope);
      const d = compileNode(ast.args[2] as Ast, scope);
      if (m.ty.k !== 'map') return fail('kind_mismatch', ast.pos, { detail: `get() needs a map first, got ${describeTy(m.ty)}` });
      if (k.ty.k !== 'text') fail('kind_mismatch', (ast.args[1] as Ast).pos, { detail: 'get() key must be text' });
      const ty = unify(m.ty.of, d.ty, 'get() default', ast.pos);
      const mf = m.fn;
      const kf = k.fn;
      const df = d.fn;
      return { fn: (env) => (mf(env) as Map<string, Dec>).get(kf(env) as string) ?? df(env), ty };
    }
    case 'has': {
      arity(ast, 2, 2, '2 (map or table, key)');
      const m = compileNode(ast.args[0] as Ast, scope);
      const k = compileNode(ast.args[1] as Ast, scope);
      if (k.ty.k !== 'text') fail('kind_mismatch', (ast.args[1] as Ast).pos, { detail: 'has() key must be text' });
      const mf = m.fn;
      const kf = k.fn;
      if (m.ty.k === 'map') return { fn: (env) => (mf(env) as Map<string, Dec>).has(kf(env) as string), ty: BOOLEAN };
      if (m.ty.k === 'table') return { fn: (env) => (mf(env) as TableValue).index?.has(kf(env) as string) ?? false, ty: BOOLEAN };
      return fail('kind_mismatch', ast.pos, { detail: `has() needs a map or keyed table, got ${describeTy(m.ty)}` });
    }
    default:
      return fail('unknown_function', ast.pos, { name: ast.fn, expected: FUNCTIONS.join(', ') });
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
