/**
 * A table's header row as officials write it. Spreadsheets carry the column's Chinese or
 * English label (`编号,层级,医保基金支出,分配权重`) as often as its key (`id,level,spending,weight`),
 * in any order, so a header cell may name a column by any of them.
 *
 * The matching rule (docs/rule-format.md, "CSV tables"): both sides are trimmed and put in
 * Unicode NFC; a cell that spells a column's key exactly names that column; otherwise it is
 * compared with every column's key and English label without regard to case, with its Chinese
 * label as written, and with either label less a trailing note in brackets (`层级（county 县级 /
 * town 镇级）` is also `层级`). A cell that matches no column, or more than one, is refused with
 * its place; so are two cells that name one column.
 */
import { makeIssue, type Issue, type ProblemOf, type Result } from '../issues/issue.js';
import type { RuleFile } from './model.js';

/** A column as the header sees it: its key and its labels. */
export interface HeaderColumn {
  readonly key: string;
  readonly label?: { readonly zh: string; readonly en: string } | undefined;
}

/** A problem with one header cell, by its index in the row. */
export type HeaderProblem = ProblemOf<'unknown_input' | 'ambiguous_header' | 'csv_duplicate_header'> & { readonly index: number };

/** A trailing note in brackets, ASCII or full-width: "层级（county 县级 / town 镇级）" → "层级". */
const TRAILING_NOTE = /\s*[（(][^（）()]*[）)]\s*$/u;

const tidy = (s: string): string => s.normalize('NFC').trim();

/** The spellings that name a column, all in lower case except the Chinese label's. */
function spellings(c: HeaderColumn): Set<string> {
  const out = new Set<string>([c.key.toLowerCase()]);
  const add = (label: string | undefined, fold: boolean): void => {
    if (!label) return;
    const t = tidy(label);
    if (t === '') return;
    out.add(fold ? t.toLowerCase() : t);
    const short = t.replace(TRAILING_NOTE, '');
    if (short !== '' && short !== t) out.add(fold ? short.toLowerCase() : short);
  };
  add(c.label?.zh, false);
  add(c.label?.en, true);
  return out;
}

/**
 * The column key each header cell names (undefined for a cell that names none), and every
 * problem with the cells. `table` names the table in messages.
 *
 * @example matchHeader(['编号', 'Level', 'spending'], columns, 'members').keys // ['id', 'level', 'spending']
 */
export function matchHeader(
  cells: readonly string[],
  columns: readonly HeaderColumn[],
  table: string,
): { readonly keys: readonly (string | undefined)[]; readonly problems: readonly HeaderProblem[] } {
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const names = columns.map((c) => ({ key: c.key, spellings: spellings(c) }));
  const problems: HeaderProblem[] = [];
  const firstCell = new Map<string, number>();
  const keys = cells.map((raw, index): string | undefined => {
    const cell = tidy(raw);
    let key: string | undefined;
    if (byKey.has(cell)) key = cell;
    else {
      const folded = cell.toLowerCase();
      const hits = names.filter((n) => n.spellings.has(cell) || n.spellings.has(folded)).map((n) => n.key);
      if (hits.length > 1) {
        problems.push({ index, code: 'ambiguous_header', params: { header: cell, columns: hits.join(', ') } });
        return undefined;
      }
      key = hits[0];
    }
    if (key === undefined) {
      const expected = columns.map((c) => (c.label?.zh ? `${c.key} (${c.label.zh})` : c.key)).join(', ');
      problems.push({ index, code: 'unknown_input', params: { name: `${table}.${cell}`, expected } });
      return undefined;
    }
    const first = firstCell.get(key);
    if (first !== undefined) {
      problems.push({ index, code: 'csv_duplicate_header', params: { header: cell, column: key, first: first + 1 } });
      return undefined;
    }
    firstCell.set(key, index);
    return key;
  });
  return { keys, problems };
}

/**
 * The column key each cell of a pasted or imported header row names, for a table of the rule
 * file — by key, zh or en label, or the label less its note in brackets, exactly as CSV tables
 * are read — or every problem with the row (unknown_input, ambiguous_header,
 * csv_duplicate_header, unknown_table), each at its cell's index (`/0`, `/1`, …).
 *
 * @example readHeaderRow(rules.value, 'members', ['编号', '层级', '医保基金支出', '分配权重']) // { ok: true, value: ['id', 'level', 'spending', 'weight'] }
 */
export function readHeaderRow(rules: RuleFile, table: string, cells: readonly string[], options: { readonly file?: string } = {}): Result<readonly string[]> {
  const file = options.file ?? `${table}.csv`;
  const input = rules.inputs.find((i) => i.name === table && i.shape === 'table');
  if (!input?.members) return { ok: false, issues: [makeIssue('unknown_table', file, '', { name: table })] };
  const { keys, problems } = matchHeader(cells, input.members.map((m) => ({ key: m.name, label: m.label })), table);
  if (problems.length > 0) return { ok: false, issues: problems.map((p) => makeIssue(p.code, file, `/${p.index}`, p.params)) as [Issue, ...Issue[]] };
  return { ok: true, value: keys as readonly string[] };
}
