/**
 * A key looked up and not found (a case's hospital missing from the coefficients) is a problem
 * in the input: the message names the input row — its CSV line or JSON pointer — where the
 * clerk can fix it, as well as the rule step that looked it up.
 */
import type { Row, TableValue, Value } from '../formula/types.js';
import { makeIssue, type Issue, type ParamsOf } from '../issues/issue.js';
import { LineIndex } from '../json/locate.js';
import { escapePointerToken, nodeAt } from '../json/read-json.js';
import type { CompiledRuleFile } from './model.js';
import { csvRowOffset } from './csv.js';
import type { InputDecl } from './declarations.js';
import { positionOf, type SourceDoc } from './source.js';

/** The most characters of an offending text a message repeats. */
export const ECHOED_CHARACTERS = 80;

/** At most ECHOED_CHARACTERS characters of a text (whole code points), then "…". */
export function echo(text: string): string {
  const chars = [...text];
  return chars.length > ECHOED_CHARACTERS ? `${chars.slice(0, ECHOED_CHARACTERS).join('')}…` : text;
}

type TableDecl = Extract<InputDecl, { shape: 'table' }>;

/** The input table row among `rows` (innermost first) and its index, if any is an input row. */
function findRow(rules: CompiledRuleFile, rows: readonly Row[], slots: readonly Value[]): { readonly d: TableDecl; readonly index: number; readonly row: Row } | undefined {
  for (let k = rows.length - 1; k >= 0; k--) {
    const row = rows[k] as Row;
    for (const d of rules.decls) {
      if (d.shape !== 'table') continue;
      const g = rules.globals.get(d.name);
      const table = g ? (slots[g.slot] as TableValue | undefined) : undefined;
      const index = table ? table.rows.indexOf(row) : -1;
      if (index >= 0) return { d, index, row };
    }
  }
  return undefined;
}

/**
 * The unknown_key issue for an evaluation stop: located at the input row (and the cell holding
 * the key, when one does) if the lookup ran for a row of an input table, else at the rule step.
 */
export function unknownKeyIssue(
  rules: CompiledRuleFile,
  stop: ParamsOf<'unknown_key'>,
  rows: readonly Row[],
  stepPointer: string,
  slots: readonly Value[],
  doc: SourceDoc | undefined,
  csvTables: Readonly<Record<string, { readonly text: string; readonly file?: string }>> | undefined,
): Issue {
  const key = String(stop.key);
  const stepAt = positionOf(rules.doc, nodeAt(rules.doc.root, stepPointer)?.offset);
  const step = `${rules.file}${stepAt ? `:${stepAt.line}:${stepAt.column}` : ''} ${stepPointer}`;
  const params = { table: String(stop.table), key: echo(key), step };
  const found = findRow(rules, rows, slots);
  if (!found) return makeIssue('unknown_key', rules.file, stepPointer, params, stepAt);
  const column = [...found.d.columns.keys()].find((c) => found.row[c] === key);
  const csv = csvTables && Object.prototype.hasOwnProperty.call(csvTables, found.d.name) ? csvTables[found.d.name] : undefined;
  if (csv) {
    const file = csv.file ?? `${found.d.name}.csv`;
    const offset = csvRowOffset(found.d, csv.text, found.index, column);
    const at = offset === undefined ? undefined : new LineIndex(csv.text).position(offset);
    return makeIssue('unknown_key', file, `/${found.index}`, { ...params, row: at ? `${file}:${at.line}` : `${file} row ${found.index + 1}` }, at);
  }
  const pointer = `/${escapePointerToken(found.d.name)}/${found.index}${column === undefined ? '' : `/${escapePointerToken(column)}`}`;
  const file = doc?.file ?? 'input';
  const at = doc ? positionOf(doc, nodeAt(doc.root, pointer)?.offset) : undefined;
  return makeIssue('unknown_key', file, pointer, { ...params, row: `${file}${at ? `:${at.line}` : ''} ${pointer}` }, at);
}
