/**
 * The rows behind an aggregate in a trace: for a figure whose formula sums a table's column
 * (`sum(members, spending)`), that table's rows as the input holds them, with the subtotal worked
 * out exactly here — the auditor sees which rows make the figure, and that they add up.
 */
import { fromScaled, toScaled } from './decimal-text.js';
import { readTables } from './input-tables.js';

/** A column summed by a formula, its rows' values and their exact total. */
export interface SummedRows {
  readonly table: string;
  readonly column: string;
  /** The key (first column, e.g. the id) and the summed value of each row. */
  readonly rows: readonly (readonly [string, string])[];
  readonly total: string | undefined;
}

/** The sums `sum(table, column)` a formula names. */
export function sumsIn(formula: string): { table: string; column: string }[] {
  return [...formula.matchAll(/\bsum\(\s*([A-Za-z_][\w]*)\s*,\s*([A-Za-z_][\w]*)\s*\)/g)].map((m) => ({ table: m[1] as string, column: m[2] as string }));
}

/** The rows of each sum in `formula`, read from the input text. */
export function summedRows(formula: string, inputText: string, ruleText: string): SummedRows[] {
  const sums = sumsIn(formula);
  if (sums.length === 0) return [];
  const tables = readTables(inputText, ruleText) ?? [];
  return sums.flatMap(({ table, column }): SummedRows[] => {
    const t = tables.find((x) => x.name === table);
    const c = t?.columns.indexOf(column) ?? -1;
    if (!t || c < 0) return [];
    const rows = t.rows.map((r): [string, string] => [r[0] ?? '', r[c] ?? '']);
    // Exact in units of the smallest place any value has (money: the fen).
    const scale = Math.max(0, ...rows.map(([, v]) => (v.split('.')[1] ?? '').length));
    let sum = 0n;
    let ok = true;
    for (const [, v] of rows) {
      const units = toScaled(v === '' ? '0' : v, scale);
      if (units === undefined) ok = false;
      else sum += units;
    }
    return [{ table, column, rows, total: ok ? fromScaled(sum, scale) : undefined }];
  });
}
