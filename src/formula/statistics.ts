/**
 * Order statistics over a table's rows (or a list), as officials check them in Excel:
 * median(t, value[, condition]), mean(t, value[, condition]), weightedMean(t, value, weight[,
 * condition]), percentile(t, value, p, "INC" | "EXC"[, condition]) and quartile(t, value, q,
 * "INC" | "EXC"[, condition]) — PERCENTILE.INC, PERCENTILE.EXC, QUARTILE.INC and QUARTILE.EXC,
 * interpolated exactly — and maxBy / minBy(t, key, value[, condition]), the value of the row with
 * the greatest or least key, and rank(x, t, value[, order][, condition]), Excel's RANK.EQ. The
 * condition, like sum's, is read per row and may use the outer row's columns where the inner row
 * has none of that name. */
import { Exact, ZERO } from '../money/exact.js';
import { round } from '../money/round.js';
import { compareSettled } from '../money/cut-quotients.js';
import { arity, collectionRows, eachMeeting, numericArg, rowCondition, type Call, type CompileNode, type Compiled1, type TableRows } from './call-args.js';
import { charge, EvalStop, fail, unify, type Env, type Fn, type Scope } from './context.js';
import type { Ast } from './parse.js';
import { NUMBER, type Value } from './types.js';

type Method = 'INC' | 'EXC';

/** The values of `value` over the rows that meet the condition, sorted ascending. */
function sortedValues(env: Env, at: TableRows, valueFn: (e: Env) => Exact, whereFn: Fn | undefined): Exact[] {
  const n = at.rows.length;
  charge(env, n * Math.max(1, Math.ceil(Math.log2(n + 1))));
  const out: Exact[] = [];
  eachMeeting(env, at, whereFn, () => out.push(valueFn(env)));
  return out.sort((a, b) => a.comparedTo(b));
}

/** Excel's PERCENTILE.INC (rank p × (n − 1) from 0) or PERCENTILE.EXC (rank p × (n + 1) from 1), exactly. */
export function percentileOf(sorted: readonly Exact[], p: Exact, method: Method, what: string): Exact {
  const n = sorted.length;
  if (n === 0) throw new EvalStop({ code: 'not_a_number', params: { detail: `${what} of no rows` } });
  const rank = method === 'INC' ? p.times(n - 1) : p.times(n + 1).minus(1);
  if (p.lt(ZERO) || p.gt(1) || rank.lt(ZERO) || rank.gt(n - 1)) {
    const range = method === 'INC' ? '0 to 1' : `1/(n + 1) to n/(n + 1) with n = ${n}`;
    throw new EvalStop({ code: 'not_a_number', params: { detail: `${what}: the fraction ${p.toFixed()} is outside ${range}` } });
  }
  const k = round(rank, 0, 'FLOOR');
  const lower = sorted[k.toNumber()] as Exact;
  const frac = rank.minus(k);
  return frac.isZero() ? lower : lower.plus(frac.times((sorted[k.toNumber() + 1] as Exact).minus(lower)));
}

/** A method written in the formula: "INC" or "EXC". */
function methodOf(ast: Ast | undefined, fn: string): Method {
  if (ast?.t === 'str' && (ast.value === 'INC' || ast.value === 'EXC')) return ast.value;
  return fail('kind_mismatch', ast?.pos ?? 0, { detail: `${fn}() takes its method as "INC" or "EXC", as Excel's ${fn.toUpperCase()}.INC and .EXC` });
}

/**
 * weightedMean(t, value, weight[, condition]): Σ value × weight ÷ Σ weight over the rows, exactly
 * (three years' means weighted 2 : 3 : 5). A zero total weight stops with the reason.
 */
function weightedMean(ast: Call, scope: Scope, node: CompileNode): Compiled1 {
  arity(ast, 3, 4, '3 or 4 (table, value, weight[, condition])');
  const { inner, rows: rowsAt, table } = collectionRows(ast, scope, node);
  const v = numericArg(ast.args[1] as Ast, inner, ast.fn, node);
  const w = numericArg(ast.args[2] as Ast, inner, ast.fn, node);
  const where = rowCondition(ast.args[3], inner, ast.fn, node);
  return {
    fn: (env) => {
      const rows = rowsAt(env);
      charge(env, rows.length);
      let sum = ZERO;
      let weights = ZERO;
      eachMeeting(env, { fn: ast.fn, table, rows }, where, () => {
        const weight = w.fn(env);
        sum = sum.plus(v.fn(env).times(weight));
        weights = weights.plus(weight);
      });
      if (weights.isZero()) throw new EvalStop({ code: 'not_a_number', params: { detail: 'weightedMean: the weights add up to 0' } });
      return sum.div(weights);
    },
    ty: v.ty,
  };
}

/**
 * maxBy(t, key, value[, condition]) and minBy(…): the `value` of the row whose `key` is the
 * greatest (least) among the rows that meet the condition; the first such row on a tie.
 */
function extremeBy(max: boolean) {
  return (ast: Call, scope: Scope, node: CompileNode): Compiled1 => {
    arity(ast, 3, 4, '3 or 4 (table, key, value[, condition])');
    const { inner, rows: rowsAt, table } = collectionRows(ast, scope, node);
    const key = numericArg(ast.args[1] as Ast, inner, ast.fn, node);
    const value = node(ast.args[2] as Ast, inner);
    const where = rowCondition(ast.args[3], inner, ast.fn, node);
    return {
      fn: (env) => {
        const rows = rowsAt(env);
        charge(env, rows.length);
        let best: Exact | undefined;
        let found: Value | undefined;
        eachMeeting(env, { fn: ast.fn, table, rows }, where, () => {
          const k = key.fn(env);
          if (best === undefined || (max ? compareSettled(k, best) > 0 : compareSettled(k, best) < 0)) {
            best = k;
            found = value.fn(env);
          }
        });
        if (found === undefined) throw new EvalStop({ code: 'not_a_number', params: { detail: `${ast.fn} of no rows` } });
        return found;
      },
      ty: value.ty,
    };
  };
}

/** The shared shape: table, value, then `extra` arguments, then an optional condition. */
function orderStatistic(ast: Call, scope: Scope, node: CompileNode, extra: number, at: (sorted: Exact[], env: Env) => Exact): Compiled1 {
  arity(ast, 2 + extra, 3 + extra, `${2 + extra} or ${3 + extra}`);
  const { inner, rows, table } = collectionRows(ast, scope, node);
  const v = numericArg(ast.args[1] as Ast, inner, ast.fn, node);
  const whereFn = rowCondition(ast.args[2 + extra], inner, ast.fn, node);
  return { fn: (env) => at(sortedValues(env, { fn: ast.fn, table, rows: rows(env) }, v.fn, whereFn), env), ty: v.ty };
}

function median(ast: Call, scope: Scope, node: CompileNode): Compiled1 {
  return orderStatistic(ast, scope, node, 0, (sorted) => percentileOf(sorted, new Exact('0.5'), 'INC', 'median'));
}

function mean(ast: Call, scope: Scope, node: CompileNode): Compiled1 {
  return orderStatistic(ast, scope, node, 0, (sorted) => {
    if (sorted.length === 0) throw new EvalStop({ code: 'not_a_number', params: { detail: 'mean of no rows' } });
    let s = ZERO;
    for (const x of sorted) s = s.plus(x);
    return s.div(sorted.length);
  });
}

/** percentile(t, value, p, method) and quartile(t, value, q, method): p a fraction, q 0–4. */
function fractional(quarters: boolean) {
  return (ast: Call, scope: Scope, node: CompileNode): Compiled1 => {
    const method = methodOf(ast.args[3], ast.fn);
    const p = numericArg(ast.args[2] as Ast, scope, ast.fn, node);
    return orderStatistic(ast, scope, node, 2, (sorted, env) => percentileOf(sorted, quarters ? p.fn(env).div(4) : p.fn(env), method, ast.fn));
  };
}

/**
 * rank(x, t, value[, "DESC" | "ASC"][, condition]): Excel's RANK.EQ — 1 plus the number of rows
 * whose value is greater than x (less, with "ASC"); equal values share a rank. As in Excel, x must
 * be one of the values ranked, else the call stops with the reason.
 */
function rank(ast: Call, scope: Scope, node: CompileNode): Compiled1 {
  arity(ast, 3, 5, '3 to 5 (number, table, value[, "DESC" | "ASC"][, condition])');
  const x = numericArg(ast.args[0] as Ast, scope, ast.fn, node);
  const shifted: Call = { ...ast, args: ast.args.slice(1) };
  const { inner, rows: rowsAt, table } = collectionRows(shifted, scope, node);
  const v = numericArg(ast.args[2] as Ast, inner, ast.fn, node);
  unify(x.ty, v.ty, 'rank() of a number among values', ast.pos);
  const orderArg = ast.args[3];
  const written = orderArg?.t === 'str' ? orderArg : undefined;
  if (written && written.value !== 'DESC' && written.value !== 'ASC') fail('kind_mismatch', written.pos, { detail: 'rank() takes its order as "DESC" (largest first, as Excel by default) or "ASC"' });
  const ascending = written?.value === 'ASC';
  const where = rowCondition(ast.args[written ? 4 : 3], inner, ast.fn, node);
  if (!written && ast.args.length === 5) fail('wrong_arity', ast.pos, { name: ast.fn, expected: 'the order ("DESC" or "ASC") before a condition', actual: 5 });
  return {
    fn: (env) => {
      const target = x.fn(env);
      const rows = rowsAt(env);
      charge(env, rows.length);
      let before = 0;
      let found = false;
      eachMeeting(env, { fn: ast.fn, table, rows }, where, () => {
        const c = compareSettled(v.fn(env), target);
        if (c === 0) found = true;
        else if (ascending ? c < 0 : c > 0) before++;
      });
      if (!found) throw new EvalStop({ code: 'not_a_number', params: { detail: `rank: ${target.toFixed()} is not among the values ranked` } });
      return new Exact(before + 1);
    },
    ty: NUMBER,
  };
}

/** The order statistics, by name, for the function table. */
export const STATISTICS = { median, mean, weightedMean, percentile: fractional(false), quartile: fractional(true), maxBy: extremeBy(true), minBy: extremeBy(false), rank } as const;
