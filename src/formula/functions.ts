/**
 * The formula functions — min, max, abs, number, money, r2, round, if, sum, count, get, has, and
 * the order statistics (statistics.ts) — each
 * checked for its arguments' kinds at compile time and compiled to a closure.
 */
import { Exact, ZERO } from '../money/exact.js';
import { RunningSum } from '../money/exact.js';
import { isRoundingMode, round, r2, type RoundingMode } from '../money/round.js';
import { CONST, BOOLEAN, MONEY, NUMBER, describeTy, isNumeric, type Row, type TableValue, type Ty } from './types.js';
import { charge, fail, unify, FUNCTIONS, type Env, type Scope } from './context.js';
import type { Ast } from './parse.js';

import { arity, collection, eachMeeting, innerScope, numericArg, rowCondition, rowsOf, type Call, type CompileNode, type Compiled1 } from './call-args.js';
import { STATISTICS } from './statistics.js';
import { lookupCall } from './lookup.js';

export type { CompileNode } from './call-args.js';

export function compileCall(ast: Call, scope: Scope, node: CompileNode): Compiled1 {
  const compile = Object.hasOwn(CALLS, ast.fn) ? CALLS[ast.fn as (typeof FUNCTIONS)[number]] : undefined;
  if (!compile) return fail('unknown_function', ast.pos, { name: ast.fn, expected: FUNCTIONS.join(', ') });
  return compile(ast, scope, node);
}

/** Each function's compiler. */
const CALLS: Readonly<Record<(typeof FUNCTIONS)[number], (ast: Call, scope: Scope, node: CompileNode) => Compiled1>> = {
  min: minMax,
  max: minMax,
  abs: absCall,
  number: numberCall,
  money: moneyCall,
  r2: r2Call,
  round: roundCall,
  if: ifCall,
  sum: sumCount,
  count: sumCount,
  get: getCall,
  has: hasCall,
  lookup: lookupCall,
  ...STATISTICS,
};

/** min(a, b, …) and max(a, b, …): one kind throughout. */
function minMax(ast: Call, scope: Scope, node: CompileNode): Compiled1 {
  arity(ast, 1, 64, '1 or more');
  const args = ast.args.map((a) => numericArg(a, scope, ast.fn, node));
  const ty = args.reduce<Ty>((t, a) => unify(t, a.ty, `${ast.fn}()`, ast.pos), CONST);
  const fns = args.map((a) => a.fn);
  const isMin = ast.fn === 'min';
  return {
    fn: (env) => {
      let best = (fns[0] as (e: Env) => Exact)(env);
      for (let k = 1; k < fns.length; k++) {
        const v = (fns[k] as (e: Env) => Exact)(env);
        if (isMin ? v.lt(best) : v.gt(best)) best = v;
      }
      return best;
    },
    ty,
  };
}

/** abs(x). */
function absCall(ast: Call, scope: Scope, node: CompileNode): Compiled1 {
  arity(ast, 1, 1, '1');
  const a = numericArg(ast.args[0] as Ast, scope, 'abs', node);
  const f = a.fn;
  return { fn: (env) => f(env).abs(), ty: a.ty };
}

/** number(x): an amount of money read as a plain number. */
function numberCall(ast: Call, scope: Scope, node: CompileNode): Compiled1 {
  // An amount of money read as a plain number, for a price per unit that is not itself an
  // amount (a DRG point value: yuan per point, shown with more than two decimals).
  arity(ast, 1, 1, '1');
  const a = numericArg(ast.args[0] as Ast, scope, 'number', node);
  return { fn: a.fn, ty: a.ty.k === 'money' ? NUMBER : a.ty };
}

/**
 * money(x): a plain number read as an amount of money, exactly (no rounding): a number of points
 * times a point value is money, r2(money(points * pointValue)) an amount to the fen.
 */
function moneyCall(ast: Call, scope: Scope, node: CompileNode): Compiled1 {
  arity(ast, 1, 1, '1');
  const a = numericArg(ast.args[0] as Ast, scope, 'money', node);
  return { fn: a.fn, ty: MONEY };
}

/** r2(x): rounded to two places, half up. */
function r2Call(ast: Call, scope: Scope, node: CompileNode): Compiled1 {
  arity(ast, 1, 1, '1');
  const a = numericArg(ast.args[0] as Ast, scope, 'r2', node);
  const f = a.fn;
  return { fn: (env) => r2(f(env)), ty: a.ty };
}

/** round(x, places[, mode]): places and mode written in the formula. */
function roundCall(ast: Call, scope: Scope, node: CompileNode): Compiled1 {
  arity(ast, 2, 3, '2 or 3 (value, places, mode)');
  const a = numericArg(ast.args[0] as Ast, scope, 'round', node);
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

/** if(condition, then, else): both branches of one kind. */
function ifCall(ast: Call, scope: Scope, node: CompileNode): Compiled1 {
  arity(ast, 3, 3, '3 (condition, then, else)');
  const c = node(ast.args[0] as Ast, scope);
  if (c.ty.k !== 'boolean') fail('kind_mismatch', (ast.args[0] as Ast).pos, { detail: `if() needs a condition first, got ${describeTy(c.ty)}` });
  const a = node(ast.args[1] as Ast, scope);
  const b = node(ast.args[2] as Ast, scope);
  const ty = unify(a.ty, b.ty, 'the two branches of if()', ast.pos);
  const fc = c.fn;
  const fa = a.fn;
  const fb = b.fn;
  return { fn: (env) => (fc(env) ? fa(env) : fb(env)), ty };
}

/** sum(table, value[, condition]), sum(list) and count(table[, condition]), charged to the work limit by the row. */
function sumCount(ast: Call, scope: Scope, node: CompileNode): Compiled1 {
  const isSum = ast.fn === 'sum';
  arity(ast, 1, isSum ? 3 : 2, isSum ? '1 to 3 (table, value, condition)' : '1 or 2 (table, condition)');
  const coll = collection(ast.args[0] as Ast, scope, ast.fn, node);
  const inner = innerScope(scope, coll.rowTable);
  let valueFn: ((env: Env) => Exact) | undefined;
  let ty: Ty = NUMBER;
  if (isSum) {
    if (ast.args.length === 1) {
      if (!coll.isList) return fail('wrong_arity', ast.pos, { name: 'sum', expected: '2 or 3 for a table (table, value[, condition])', actual: 1 });
      const itemTy = coll.rowTable.columns.get('item') as Ty;
      if (!isNumeric(itemTy)) fail('kind_mismatch', ast.pos, { detail: `sum() of ${describeTy(itemTy)}` });
      ty = itemTy;
      valueFn = (env) => (env.rows[env.rows.length - 1] as Row)['item'] as Exact;
    } else {
      const v = numericArg(ast.args[1] as Ast, inner, 'sum', node);
      valueFn = v.fn;
      ty = v.ty;
    }
  }
  const whereFn = rowCondition(ast.args[isSum ? 2 : 1], inner, ast.fn, node);
  const cf = coll.fn;
  const isList = coll.isList;
  const table = isList ? undefined : coll.rowTable.name;
  return {
    fn: (env) => {
      const rows = rowsOf(cf(env), isList);
      charge(env, rows.length);
      const acc = new RunningSum(ZERO);
      let n = 0;
      eachMeeting(env, { fn: ast.fn, table, rows }, whereFn, () => {
        if (valueFn) acc.add(valueFn(env));
        n++;
      });
      return isSum ? acc.value() : new Exact(n);
    },
    ty: isSum ? ty : NUMBER,
  };
}

/** get(map, key, default). */
function getCall(ast: Call, scope: Scope, node: CompileNode): Compiled1 {
  arity(ast, 3, 3, '3 (map, key, default)');
  const m = node(ast.args[0] as Ast, scope);
  const k = node(ast.args[1] as Ast, scope);
  const d = node(ast.args[2] as Ast, scope);
  if (m.ty.k !== 'map') return fail('kind_mismatch', ast.pos, { detail: `get() needs a map first, got ${describeTy(m.ty)}` });
  if (k.ty.k !== 'text') fail('kind_mismatch', (ast.args[1] as Ast).pos, { detail: 'get() key must be text' });
  const ty = unify(m.ty.of, d.ty, 'get() default', ast.pos);
  const mf = m.fn;
  const kf = k.fn;
  const df = d.fn;
  return { fn: (env) => (mf(env) as Map<string, Exact>).get(kf(env) as string) ?? df(env), ty };
}

/** has(map or keyed table, key). */
function hasCall(ast: Call, scope: Scope, node: CompileNode): Compiled1 {
  arity(ast, 2, 2, '2 (map or table, key)');
  const m = node(ast.args[0] as Ast, scope);
  const k = node(ast.args[1] as Ast, scope);
  if (k.ty.k !== 'text') fail('kind_mismatch', (ast.args[1] as Ast).pos, { detail: 'has() key must be text' });
  const mf = m.fn;
  const kf = k.fn;
  if (m.ty.k === 'map') return { fn: (env) => (mf(env) as Map<string, Exact>).has(kf(env) as string), ty: BOOLEAN };
  if (m.ty.k === 'table') return { fn: (env) => (mf(env) as TableValue).index?.has(kf(env) as string) ?? false, ty: BOOLEAN };
  return fail('kind_mismatch', ast.pos, { detail: `has() needs a map or keyed table, got ${describeTy(m.ty)}` });
}
