/**
 * What the formula functions share: argument counts, numeric arguments, a table or list argument
 * and its rows.
 */
import type { Exact } from '../money/exact.js';
import { describeTy, isNumeric, type Row, type TableTy, type TableValue, type Ty, type Value } from './types.js';
import { fail, num, type Env, type Fn, type Scope } from './context.js';
import type { Ast } from './parse.js';

export type Call = Extract<Ast, { t: 'call' }>;
export type Compiled1 = { fn: Fn; ty: Ty };

/** Compiles a sub-formula in a scope (the compiler's own entry, handed in to keep imports one way). */
export type CompileNode = (ast: Ast, scope: Scope) => { fn: Fn; ty: Ty };

export function arity(ast: Extract<Ast, { t: 'call' }>, min: number, max: number, text: string): void {
  if (ast.args.length < min || ast.args.length > max) {
    fail('wrong_arity', ast.pos, { name: ast.fn, expected: text, actual: ast.args.length });
  }
}

export function numericArg(ast: Ast, scope: Scope, fn: string, node: CompileNode): { fn: (env: Env) => Exact; ty: Ty } {
  const c = node(ast, scope);
  if (!isNumeric(c.ty)) fail('kind_mismatch', ast.pos, { detail: `${fn}() needs a number, got ${describeTy(c.ty)}` });
  return { fn: num(c.fn), ty: c.ty };
}

/** A table or list argument, and the row type its per-row arguments see. */
export function collection(ast: Ast, scope: Scope, fn: string, node: CompileNode): { fn: Fn; rowTable: TableTy; isList: boolean } {
  const c = node(ast, scope);
  if (c.ty.k === 'table') return { fn: c.fn, rowTable: c.ty.table, isList: false };
  if (c.ty.k === 'list') {
    return { fn: c.fn, rowTable: { name: 'item', key: undefined, columns: new Map([['item', c.ty.of]]) }, isList: true };
  }
  return fail('unknown_table', ast.pos, { name: ast.t === 'name' ? ast.name : `${fn}() argument` });
}

export function rowsOf(v: Value, isList: boolean): Row[] {
  if (!isList) return (v as TableValue).rows;
  return (v as readonly Exact[]).map((item) => {
    const r: Row = { item };
    return r;
  });
}


/** The scope of a per-row argument: the collection's row innermost, the outer rows still readable. */
export function innerScope(scope: Scope, rowTable: TableTy): Scope {
  return { globals: scope.globals, rows: [...scope.rows, rowTable], deps: scope.deps, columns: scope.columns };
}

/** An optional per-row condition argument (true/false), compiled in the row's scope. */
export function rowCondition(ast: Ast | undefined, inner: Scope, fn: string, node: CompileNode): Fn | undefined {
  if (!ast) return undefined;
  const w = node(ast, inner);
  if (w.ty.k !== 'boolean') fail('kind_mismatch', ast.pos, { detail: `the condition of ${fn}() must be true/false, got ${describeTy(w.ty)}` });
  return w.fn;
}

/**
 * A table or list first argument: the rows it holds where `env` stands, the scope of its per-row
 * arguments, and the table's name (none for a list).
 */
export function collectionRows(ast: Call, scope: Scope, node: CompileNode): { inner: Scope; rows: (env: Env) => Row[]; table: string | undefined } {
  const coll = collection(ast.args[0] as Ast, scope, ast.fn, node);
  const { fn, isList } = coll;
  return { inner: innerScope(scope, coll.rowTable), rows: (env) => rowsOf(fn(env), isList), table: isList ? undefined : coll.rowTable.name };
}

const LISTED = 1000;
const AGGREGATES_LISTED = 100;
/** Row numbers listed in one settlement's whole trace: beyond it, aggregates give their counts only. */
const LISTED_IN_ALL = 1_000_000;

/** The rows an aggregate took in, as its trace notes them. */
export interface RowsNote {
  add(index: number): void;
  done(): void;
}

/**
 * Where the trace asks for it (`env.used`) and the aggregate has a condition over a table: a note
 * of the rows (numbered from 0) it takes in, handed to the trace by `done` — the first 1,000 of
 * them, within a million numbers for the whole settlement, and how many in all.
 */
export function rowsTaken(env: Env, fn: string, table: string | undefined, where: Fn | undefined, of: number): RowsNote | undefined {
  const used = env.used;
  if (!used || !where || table === undefined || used.length >= AGGREGATES_LISTED) return undefined;
  const room = Math.max(0, Math.min(LISTED, LISTED_IN_ALL - (env.listed ?? 0)));
  const numbers: number[] = [];
  let count = 0;
  return {
    add: (i) => {
      if (numbers.length < room) numbers.push(i + 1);
      count++;
    },
    done: () => {
      env.listed = (env.listed ?? 0) + numbers.length;
      used.push({ function: fn, table, of, count, numbers });
    },
  };
}

/** The rows of a call's table argument, where the call stands, and the table's name for the trace. */
export interface TableRows {
  readonly fn: string;
  readonly table: string | undefined;
  readonly rows: readonly Row[];
}

/**
 * Visits the rows that meet the condition, each in scope as the innermost row; a traced figure is
 * told which rows they were.
 */
export function eachMeeting(env: Env, at: TableRows, where: Fn | undefined, visit: () => void): void {
  const { rows } = at;
  const note = rowsTaken(env, at.fn, at.table, where, rows.length);
  const saved = env.rows;
  env.rows = [...saved, rows[0] as Row];
  try {
    for (let i = 0; i < rows.length; i++) {
      env.rows[saved.length] = rows[i] as Row;
      if (!where || where(env) === true) {
        note?.add(i);
        visit();
      }
    }
  } finally {
    env.rows = saved;
  }
  note?.done();
}
