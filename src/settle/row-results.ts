/**
 * Row-level results: the columns steps compute for each row of a table (a DRG case's full and
 * final points, a member's share), as printed text, so a hospital can reconcile single rows.
 */
import type { TableValue, Value } from '../formula/types.js';
import { makeIssue, type Issue } from '../issues/issue.js';
import type { CompiledRuleFile } from './model.js';
import type { InputDecl, ScalarKind } from './declarations.js';
import { printValue } from './print.js';
import type { TableRows } from './types.js';

type TableDecl = Extract<InputDecl, { shape: 'table' }>;

/** Which tables' rows a settlement returns: every table with computed columns, or those named. */
export type RowSelection = boolean | readonly string[];

/** The tables a selection names that have no computed columns or are no tables: `unknown_table`. */
export function rowSelectionIssues(rules: CompiledRuleFile, selection: RowSelection | undefined, file: string): Issue[] {
  if (!Array.isArray(selection)) return [];
  const names = selection as readonly string[];
  return names
    .filter((n) => !rules.decls.some((d) => d.shape === 'table' && d.name === n && d.computed.size > 0))
    .map((n) => makeIssue('unknown_table', file, '/rows', { name: n, expected: computedTables(rules).join(', ') }));
}

function computedTables(rules: CompiledRuleFile): string[] {
  return rules.decls.filter((d): d is TableDecl => d.shape === 'table' && d.computed.size > 0).map((d) => d.name);
}

/**
 * Each selected table's rows as read (every declared column but maps) followed by the columns steps
 * computed, a row of texts per row in the table's order; money with two decimals, other numbers
 * exact. The declared columns are there so that a row can be found again (a case without an id
 * column is known by its hospital, group and date).
 */
export function rowResults(rules: CompiledRuleFile, slots: readonly Value[], selection: RowSelection): Record<string, TableRows> {
  const out: Record<string, TableRows> = Object.create(null) as Record<string, TableRows>;
  const wanted = selection === true ? undefined : new Set(selection === false ? [] : selection);
  for (const d of rules.decls) {
    if (d.shape !== 'table' || d.computed.size === 0 || (wanted && !wanted.has(d.name))) continue;
    const g = rules.globals.get(d.name);
    const table = g ? (slots[g.slot] as TableValue | undefined) : undefined;
    if (!table) continue;
    const kinds: [string, ScalarKind][] = [];
    for (const [c, cd] of d.columns) if (cd.kind !== 'map') kinds.push([c, cd.kind]);
    kinds.push(...d.computed);
    const rows = table.rows.map((row) => kinds.map(([c, kind]) => printValue(kind, row[c])));
    out[d.name] = { columns: kinds.map(([c]) => c), rows };
  }
  return out;
}
