/**
 * What the step builders share: rounding, figure parts, name templates, kind checks, splits.
 */
import { charge, EvalStop, type Compiled, type Env } from '../../formula/compile.js';
import { PLACEHOLDER, substitute } from '../template.js';
import { describeTy, isNumeric, type Row, type TableTy, type TableValue, type Ty } from '../../formula/types.js';
import { formatNumber } from '../../money/decimal-string.js';
import { Exact, ZERO } from '../../money/exact.js';
import { setOwn } from '../record.js';
import { round as roundTo, type RoundingMode } from '../../money/round.js';
import type { RoundingJson, TransferJson } from '../rule-json.js';
import { split } from '../../money/split.js';
import type { GlobalInfo, PlanContext, StepSite } from '../model.js';
import type { Op } from '../plan.js';
import type { ScalarKind } from '../declarations.js';
import type { Figure, Position, RowsUsed } from '../types.js';
import { checkAmountText } from '../check-labels.js';

export interface Rounding {
  readonly places: number;
  readonly mode: RoundingMode;
}

/** How a split made its parts, for the trace (Chinese / English). */
export const LARGEST_REMAINDER_NOTE =
  '最大余额法：每份先取精确份额按分向下取整，剩余的分依次给余数最大的份，余数相同给排在前面的 / largest remainder: each part gets the floor of its exact share in fen; leftover fen go to the largest remainders, ties to the earlier part';

export const num = (c: Compiled): ((env: Env) => Exact) => c.fn as (env: Env) => Exact;

export function readRounding(r: RoundingJson | undefined): Rounding | undefined {
  return r ? { places: r.places, mode: r.mode ?? 'HALF_UP' } : undefined;
}

/**
 * A value step's rounding and the places its value is printed with: `round` as written, else
 * `display` places HALF_UP, so what is shown is what the next step uses. Undefined (with an issue)
 * when `display` is given for money or shows fewer places than the step rounds to.
 */
export function stepRounding(step: { readonly kind: ScalarKind; readonly round?: RoundingJson; readonly display?: number }, pointer: string, ctx: PlanContext): { r: Rounding | undefined; places: number | undefined } | undefined {
  const r = readRounding(step.round);
  const display = step.display;
  if (display === undefined) return { r, places: r?.places };
  if (step.kind === 'money' || (r && display < r.places)) {
    const expected = step.kind === 'money' ? 'no display for money, which is always shown with 2 decimals' : `display of at least the ${r?.places ?? 0} places the step rounds to`;
    ctx.issue('out_of_range', `${pointer}/display`, { expected });
    return undefined;
  }
  return { r: r ?? { places: display, mode: 'HALF_UP' }, places: display };
}

export function applyRounding(v: Exact, r: Rounding | undefined): Exact {
  return r ? roundTo(v, r.places, r.mode) : v.isZero() ? ZERO : v;
}

/** Figure fields that say what rounding did: the exact value when it differs from the printed one. */
export function exactness(kind: ScalarKind, exact: Exact, rounded: Exact, r: Rounding | undefined): Pick<Figure, 'exact' | 'rounding'> {
  const out: { exact?: string; rounding?: Rounding } = {};
  if (r) out.rounding = r;
  if (!exact.eq(rounded) || (kind === 'money' && rounded.decimalPlaces() > 2)) out.exact = formatNumber(exact);
  return out;
}

/**
 * `base` and then `extra`, in a new object. Built by assignment: spreading an object whose keys
 * were set by name at run time (as inputsOf's are) costs V8 some microseconds each time.
 */
export function inputsWith(base: Readonly<Record<string, string>>, extra: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(base)) setOwn(out, k, base[k] as string);
  for (const k of Object.keys(extra)) setOwn(out, k, extra[k] as string);
  return out;
}

/** Whether a value of static type `ty` may be stored as declared `kind`. */
export function assignable(kind: ScalarKind, ty: Ty): boolean {
  if (ty.k === 'const') return kind !== 'boolean' && kind !== 'text';
  if (ty.k === 'money') return kind === 'money';
  if (ty.k === 'number') return kind !== 'money' && kind !== 'boolean' && kind !== 'text';
  if (ty.k === 'boolean') return kind === 'boolean';
  if (ty.k === 'text') return kind === 'text';
  return false;
}

/** A name or account template filled from a row's columns, e.g. "share.{id}". */
export function compileTemplate(text: string, table: TableTy, pointer: string, ctx: PlanContext): ((row: Row) => string) | undefined {
  const cols = [...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
  for (const c of cols) {
    const ty = table.columns.get(c);
    if (!ty || !(ty.k === 'text' || isNumeric(ty))) {
      ctx.issue('bad_template', pointer, { template: text, detail: `"${c}" is not a text or number column of ${table.name}` });
      return undefined;
    }
  }
  ctx.read(pointer, cols.map((c) => `${table.name}.${c}`));
  if (cols.length === 0) return () => text;
  // Split once into literal text and column names: filled per row without a regular expression.
  const pieces = text.split(PLACEHOLDER);
  // One text column (`share.{id}`): each id's name is made once and kept, so every settlement of
  // a batch stores the same string, which V8 has already made a property key; hashing and
  // interning a new one in every settlement costs more than this lookup.
  const memo = pieces.length === 3 ? new Map<string, string>() : undefined;
  return (row) => {
    if (memo) {
      const v = row[pieces[1] as string];
      if (typeof v === 'string') {
        let name = memo.get(v);
        if (name === undefined) {
          name = (pieces[0] as string) + v + (pieces[2] as string);
          if (memo.size < 100_000) memo.set(v, name);
        }
        return name;
      }
    }
    let out = pieces[0] as string;
    for (let k = 1; k < pieces.length; k += 2) {
      const v = row[pieces[k] as string];
      out += (typeof v === 'string' ? v : v instanceof Exact ? formatNumber(v) : '') + (pieces[k + 1] as string);
    }
    return out;
  };
}

/**
 * Whether the formula's kind may be stored as the step's declared kind. A plain number becomes
 * money when the step rounds it to the fen or coarser (`"kind": "money", "round": { "places": 2 }`);
 * otherwise the message says how to make it money.
 */
export function kindCheck(kind: ScalarKind, c: Compiled, pointer: string, ctx: PlanContext, round?: Rounding): boolean {
  if (assignable(kind, c.ty)) return true;
  if (kind === 'money' && c.ty.k === 'number' && round !== undefined && round.places <= 2) return true;
  const fix = kind === 'money' && c.ty.k === 'number' ? ': write money(…) around it, or round the step to the fen ("round": { "places": 2 })' : '';
  ctx.issue('kind_mismatch', pointer, { detail: `the step is declared ${kind} but the formula gives ${describeTy(c.ty)}${fix}` });
  return false;
}

export function moneyAmount(c: Compiled, pointer: string, ctx: PlanContext): boolean {
  if (c.ty.k === 'money' || c.ty.k === 'const') return true;
  ctx.issue('kind_mismatch', pointer, { detail: `the amount must be money, got ${describeTy(c.ty)}` });
  return false;
}

export function numericWeight(c: Compiled, pointer: string, ctx: PlanContext): boolean {
  if (isNumeric(c.ty)) return true;
  ctx.issue('kind_mismatch', pointer, { detail: `a weight must be a number, got ${describeTy(c.ty)}` });
  return false;
}

export function splitOrStop(amount: Exact, weights: readonly Exact[], unit: Exact, detail: string, exact = true): { parts: readonly Exact[]; exact: readonly Exact[] } {
  const r = split(amount, weights, unit, { exact });
  if (!r.ok) {
    if (r.problem === 'weights_all_zero') throw new EvalStop({ code: 'weights_all_zero', params: { amount: amount.toFixed() } });
    throw new EvalStop({ code: 'negative_weight', params: { detail: `${detail} #${(r.index ?? 0) + 1} = ${(weights[r.index ?? 0] as Exact).toFixed()}` } });
  }
  return r;
}

export function sumOf(xs: readonly Exact[]): Exact {
  let s = ZERO;
  for (const x of xs) s = s.plus(x);
  return s;
}

export function slotOf(ctx: PlanContext, name: string): number {
  return (ctx.globals.get(name) as GlobalInfo).slot;
}

export function base(site: StepSite, ctx: PlanContext, label: string, outputs: string[], deps: readonly string[], columnOf?: string, column?: string): Omit<Op, 'run'> {
  const reads = ctx.reads.get(site.pointer) ?? new Set<string>();
  return { pointer: site.pointer, at: ctx.at(site.pointer), label, outputs, deps: [...new Set(deps)], columnOf, column, reads };
}

export function transferSpec(site: StepSite, t: TransferJson | undefined): { from: string; to: string; memo: string | undefined } | undefined {
  if (!t) return undefined;
  return { from: substitute(t.from, site.vars), to: substitute(t.to, site.vars), memo: t.memo === undefined ? undefined : substitute(t.memo, site.vars) };
}

export function at(pos: Position | undefined): { at?: Position } {
  return pos ? { at: pos } : {};
}

export const unitOf = (unit: string | undefined): Exact => new Exact(unit ?? '0.01');
export const FEN = new Exact('0.01');

export function tableSite(site: StepSite, ctx: PlanContext, key: string, written: string): Extract<ReturnType<PlanContext['tables']['get']>, object> | undefined {
  const name = ctx.text(site, written);
  const t = ctx.tables.get(name);
  if (!t) ctx.issue(ctx.globals.has(name) ? 'unknown_table' : 'unknown_name', `${site.pointer}/${key}`, { name });
  return t;
}

/**
 * Visits each row of a table with the row in scope (`env.rows[0]`), charging the rows to the work
 * limit; the scope is left empty afterwards, whatever happens.
 */
export function eachRow(env: Env, table: TableValue, visit: (row: Row) => void): void {
  charge(env, table.rows.length);
  const rows: Row[] = [];
  env.rows = rows;
  try {
    for (const row of table.rows) {
      rows[0] = row;
      visit(row);
    }
  } finally {
    env.rows = [];
  }
}

/** The figure part that lists the rows a formula's aggregates took in, when it has any. */
export function rowsPart(used: RowsUsed[] | undefined): { rows?: readonly RowsUsed[] } {
  return used !== undefined && used.length > 0 ? { rows: used } : {};
}

/**
 * The columns of the row in scope that a per-row formula reads (`weighted` in `weighted ÷ overall`),
 * for its figure's inputs: a printer for each, money exactly to the fen or with every digit.
 */
export function rowColumnsRead(f: Compiled, table: TableTy): ((row: Row, into: Record<string, string>) => void) | undefined {
  const prefix = `${table.name}.`;
  const cols = [...new Set(f.columns.filter((c) => c.startsWith(prefix)).map((c) => c.slice(prefix.length)))].filter((c) => table.columns.has(c));
  if (cols.length === 0) return undefined;
  return (row, into) => {
    for (const c of cols) {
      const v = row[c];
      const text = v instanceof Exact ? (table.columns.get(c)?.k === 'money' ? checkAmountText(v) : formatNumber(v)) : typeof v === 'boolean' ? String(v) : typeof v === 'string' ? v : undefined;
      if (text !== undefined) setOwn(into, c, text);
    }
  };
}
