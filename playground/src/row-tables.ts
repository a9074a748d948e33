/**
 * The rows of the tables a rule computes columns for (each DRG case's band and points, each past
 * case's `kept`), as the 逐行结果 view pages through them: the worker settles once with
 * `rows: true` and keeps the answer, the page asks for one page at a time or for a whole table as
 * CSV. Column headers are the rule file's own labels: a declared column's, or the label of the
 * step that computes it.
 */
import { toCsv, type TableRows } from 'yibao-settle';

export interface Words {
  readonly zh: string;
  readonly en: string;
}

export interface RowColumn {
  readonly name: string;
  readonly label: Words | undefined;
  /** Computed by a step (rather than read from the input). */
  readonly computed: boolean;
}

export interface RowTableHead {
  readonly name: string;
  readonly label: Words | undefined;
  readonly columns: readonly RowColumn[];
  /** How many rows the table has. */
  readonly total: number;
}

/** One page of a table's rows: row numbers from `from` + 1. */
export interface RowPage {
  readonly table: string;
  readonly from: number;
  readonly rows: readonly (readonly string[])[];
}

export const ROWS_PER_PAGE = 100;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const own = (o: Json | undefined, k: string): unknown => (o && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

function words(v: unknown): Words | undefined {
  const o = obj(v);
  const zh = own(o, 'zh');
  const en = own(o, 'en');
  return typeof zh === 'string' && typeof en === 'string' ? { zh, en } : undefined;
}

/** The label of the step that computes `column` over `table`, in `for` loops too. */
function stepLabel(steps: unknown, table: string, column: string): Words | undefined {
  if (!Array.isArray(steps)) return undefined;
  for (const s of steps) {
    const o = obj(s);
    if (own(o, 'over') === table && own(o, 'column') === column) return words(own(o, 'label'));
    const inner = stepLabel(own(o, 'steps'), table, column);
    if (inner) return inner;
  }
  return undefined;
}

/** Each table's name, label, columns (declared first, then computed) and row count. */
export function rowTableHeads(ruleText: string, rows: Readonly<Record<string, TableRows>>): RowTableHead[] {
  let rule: Json | undefined;
  try {
    rule = obj(JSON.parse(ruleText));
  } catch {
    rule = undefined;
  }
  const inputs = obj(own(rule, 'inputs'));
  return Object.entries(rows).map(([name, t]) => {
    const decl = obj(own(inputs, name));
    const declared = obj(own(decl, 'columns'));
    const columns = t.columns.map((c): RowColumn => {
      const d = obj(own(declared, c));
      return d ? { name: c, label: words(own(d, 'label')), computed: false } : { name: c, label: stepLabel(own(rule, 'steps'), name, c), computed: true };
    });
    return { name, label: words(own(decl, 'label')), columns, total: t.rows.length };
  });
}

/** Rows `from` … `from + ROWS_PER_PAGE − 1` of one table. */
export function rowPage(rows: Readonly<Record<string, TableRows>>, table: string, from: number): RowPage | undefined {
  const t = Object.prototype.hasOwnProperty.call(rows, table) ? rows[table] : undefined;
  if (!t) return undefined;
  const start = Math.max(0, Math.min(from, Math.max(0, t.rows.length - 1)));
  return { table, from: start, rows: t.rows.slice(start, start + ROWS_PER_PAGE) };
}

/** A whole table as CSV (headers in `lang`, then the column names), every value as the engine printed it. */
export function rowTableCsv(head: RowTableHead, rows: TableRows, lang: 'zh' | 'en'): string {
  const header = head.columns.map((c) => (c.label ? `${c.label[lang]} (${c.name})` : c.name));
  return toCsv([header, ...rows.rows]);
}
