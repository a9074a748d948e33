/**
 * What compiled formulas share: the run environment they read, the compile-time scope names
 * resolve in, the errors compiling and evaluating can raise, and kind unification.
 */
import type { ParamsOf, ProblemOf } from '../issues/codes.js';
import type { Exact } from '../money/exact.js';
import type { RowsUsed } from '../settle/types.js';
import { describeTy, isNumeric, type Row, type TableTy, type Ty, type Value } from './types.js';

export interface Env {
  readonly slots: Value[];
  rows: Row[];
  readonly work: { n: number; readonly limit: number };
  /** Set while a traced figure is worked out: the rows its aggregates with a condition take in. */
  used?: RowsUsed[] | undefined;
  /** How many row numbers the settlement's trace has listed so far (bounded). */
  listed?: number;
}

export type Fn = (env: Env) => Value;

type CompileCode = 'unknown_name' | 'kind_mismatch' | 'unknown_function' | 'wrong_arity' | 'unknown_column' | 'unknown_table' | 'formula_syntax';

export interface CompileError {
  readonly code: CompileCode;
  readonly pos: number;
  readonly params: ParamsOf<CompileCode>;
}

type EvalCode = 'division_by_zero' | 'unknown_key' | 'work_limit' | 'weights_all_zero' | 'negative_weight' | 'not_integer' | 'duplicate_name' | 'tier_bounds_order' | 'not_a_number';

/** Raised while evaluating: a division by zero, a missing key, too much work. */
export class EvalStop {
  constructor(
    readonly problem: ProblemOf<EvalCode>,
    readonly pos = 0,
    /** The table rows being evaluated, outermost first: the input row a message can name. */
    readonly rows: readonly Row[] = [],
  ) {}
}

export class Fail {
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

/** The name of a function a formula may call. */
export type FormulaFunction =
  | 'min' | 'max' | 'abs' | 'round' | 'r2' | 'if' | 'sum' | 'count' | 'get' | 'has' | 'number' | 'money'
  | 'median' | 'mean' | 'weightedMean' | 'percentile' | 'quartile' | 'maxBy' | 'minBy' | 'rank' | 'lookup';

export const FUNCTIONS = ['min', 'max', 'abs', 'round', 'r2', 'if', 'sum', 'count', 'get', 'has', 'number', 'money', 'median', 'mean', 'weightedMean', 'percentile', 'quartile', 'maxBy', 'minBy', 'rank', 'lookup'] as const satisfies readonly FormulaFunction[];
// Every name of the type is in the list as well (the list is what the compiler offers).
const everyNameListed: [Exclude<FormulaFunction, (typeof FUNCTIONS)[number]>] extends [never] ? true : never = true;
void everyNameListed;

export interface Scope {
  readonly globals: ReadonlyMap<string, Global>;
  readonly rows: readonly TableTy[];
  readonly deps: string[];
  readonly columns: string[];
}

export const fail = <C extends CompileCode>(code: C, pos: number, params: ParamsOf<C>): never => {
  throw new Fail({ code, pos, params });
};

export function unify(a: Ty, b: Ty, what: string, pos: number): Ty {
  if (!isNumeric(a) || !isNumeric(b)) {
    if (a.k === b.k && (a.k === 'text' || a.k === 'boolean')) return a;
    return fail('kind_mismatch', pos, { detail: `${what}: ${describeTy(a)} and ${describeTy(b)}` });
  }
  if (a.k === 'const') return b;
  if (b.k === 'const') return a;
  if (a.k !== b.k) return fail('kind_mismatch', pos, { detail: `${what}: money and a plain number` });
  return a;
}

export function num(fn: Fn): (env: Env) => Exact {
  return fn as (env: Env) => Exact;
}

/** Counts `n` row evaluations against the settlement's work limit (bounded work). */
export function charge(env: Env, n: number): void {
  env.work.n += n;
  if (env.work.n > env.work.limit) throw new EvalStop({ code: 'work_limit', params: { limit: env.work.limit } });
}

