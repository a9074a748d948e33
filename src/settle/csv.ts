/**
 * Tables from CSV files (officials export case lists from their claims systems). Records are
 * read one at a time straight into table rows, so a million-case file is never held as a
 * second tree; every cell keeps its offset for line:column in messages.
 */
import type { Issue } from '../issues/issue.js';
import type { JsonNode } from '../json/read-json.js';
import { LineIndex } from '../json/locate.js';
import type { Row, TableValue } from '../formula/types.js';
import { fastCell, fastPlan, newRow, readRows, type FastColumn, type InputDecl, type RowSource } from './declarations.js';
import { issueAt, type SourceDoc } from './source.js';

interface CsvRecord {
  readonly fields: string[];
  readonly offsets: number[];
  readonly offset: number;
}

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and newlines. */
export function* csvRecords(text: string, delimiter = ','): Generator<CsvRecord> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const d = delimiter.charCodeAt(0);
  while (i < n) {
    const start = i;
    const fields: string[] = [];
    const offsets: number[] = [];
    for (;;) {
      offsets.push(i);
      if (text.charCodeAt(i) === 0x22) {
        let value = '';
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) throw new CsvError(offsets[offsets.length - 1] as number, 'unterminated quoted field');
          value += text.slice(i, q);
          if (text.charCodeAt(q + 1) === 0x22) {
            value += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        fields.push(value);
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === d || c === 0x0a || c === 0x0d) break;
          j++;
        }
        fields.push(text.slice(i, j));
        i = j;
      }
      const c = text.charCodeAt(i);
      if (c === d) {
        i++;
        continue;
      }
      if (c === 0x0d) i++;
      if (text.charCodeAt(i) === 0x0a) i++;
      break;
    }
    if (!(fields.length === 1 && fields[0] === '')) yield { fields, offsets, offset: start };
  }
}

export class CsvError {
  constructor(
    readonly offset: number,
    readonly detail: string,
  ) {}
}

const TRUE = new Set(['true', 'TRUE', 'True', '1', '是', 'yes', 'Y', 'y']);
const FALSE = new Set(['false', 'FALSE', 'False', '0', '否', 'no', 'N', 'n']);

/**
 * A spreadsheet cell's text as a boolean: true/false, 1/0, 是/否, yes/no, Y/N (as CSV tables
 * read them), or undefined when it is none of these.
 */
export function readBooleanCell(text: string): boolean | undefined {
  return TRUE.has(text) ? true : FALSE.has(text) ? false : undefined;
}

interface CsvLayout {
  readonly indexOf: ReadonlyMap<string, number>;
  readonly kinds: readonly (string | undefined)[];
}

const NO_KEYS: readonly string[] = [];
const NO_OFFSETS: readonly number[] = [];

/**
 * One CSV record as a table row source. A class, not an object literal with a closure: one small
 * object per record of a million-case file, its pointer made only if a message needs it.
 */
class CsvRow implements RowSource {
  readonly keys = NO_KEYS;
  readonly keyOffsets = NO_OFFSETS;
  constructor(
    private readonly r: number,
    private readonly rec: CsvRecord,
    readonly row: Row | undefined,
    private readonly layout: CsvLayout,
  ) {}
  get pointer(): string {
    return `/${this.r}`;
  }
  get offset(): number {
    return this.rec.offset;
  }
  cell(column: string): JsonNode | undefined {
    const k = this.layout.indexOf.get(column) ?? -1;
    const value = k < 0 ? undefined : this.rec.fields[k];
    if (value === undefined || value === '') return undefined;
    const offset = this.rec.offsets[k] as number;
    if (this.layout.kinds[k] === 'boolean') {
      const b = readBooleanCell(value);
      if (b !== undefined) return { type: 'boolean', offset, value: b };
    }
    return { type: 'string', offset, value: value.trim() === value ? value : value.trim(), end: offset + value.length };
  }
}

/**
 * A reader for the common record — every declared column present, non-empty and valid — straight
 * into a row, without a node per cell. Anything else (a default to apply, a problem to report
 * with its line:column) returns undefined and goes through the general reader, so messages are
 * the same either way. Text cells are shared: a case list repeats a few hospital and group ids
 * a million times.
 */
function fastRow(d: Extract<InputDecl, { shape: 'table' }>, indexOf: ReadonlyMap<string, number>): (fields: readonly string[]) => Row | undefined {
  const plan = fastPlan(d);
  const at = plan?.map((c) => indexOf.get(c.name) ?? -1);
  if (!plan || !at || at.some((k) => k < 0)) return () => undefined;
  const seen = plan.map(() => new Map<string, string>());
  return (fields) => {
    const row = newRow(d);
    for (let i = 0; i < plan.length; i++) {
      const c = plan[i] as FastColumn;
      const text = fields[at[i] as number];
      if (text === undefined || text === '') return undefined;
      const v = c.decl.kind === 'boolean' ? readBooleanCell(text) : fastCell(c, text, seen[i]);
      if (v === undefined) return undefined;
      row[c.name] = v;
    }
    return row;
  };
}

/**
 * Reads a CSV text (header row of column names) as the rows of a declared table. Empty cells
 * count as missing (the column's default applies); booleans may be true/false, 1/0 or 是/否.
 */
export function readCsvTable(
  d: Extract<InputDecl, { shape: 'table' }>,
  text: string,
  file: string,
  rules: SourceDoc,
  issues: Issue[],
): TableValue | undefined {
  const root: JsonNode = { type: 'array', offset: 0, items: [] };
  const doc: SourceDoc = { file, text, root, lines: new LineIndex(text) };
  const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')));
  const delimiter = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  try {
    const records = csvRecords(text, delimiter);
    const header = records.next();
    if (header.done) {
      issues.push(issueAt(doc, 'json_empty', '', {}, 0));
      return undefined;
    }
    const names = header.value.fields.map((f) => f.trim());
    const headerOffsets = header.value.offsets;
    for (const [c, cd] of d.columns) {
      if (cd.kind === 'map' && names.includes(c)) {
        issues.push(issueAt(doc, 'wrong_type', `/${c}`, { expected: `${c} holds a map of values and cannot come from a CSV column` }, headerOffsets[names.indexOf(c)]));
        return undefined;
      }
    }
    names.forEach((n, k) => {
      if (!d.columns.has(n)) issues.push(issueAt(doc, 'unknown_input', `/${k}`, { name: `${d.name}.${n}`, expected: [...d.columns.keys()].join(', ') }, headerOffsets[k]));
    });
    const kinds = names.map((n) => d.columns.get(n)?.kind);
    const indexOf = new Map(names.map((n, k) => [n, k]));
    const readReady = fastRow(d, indexOf);
    const layout: CsvLayout = { indexOf, kinds };
    function* rows(): Generator<RowSource> {
      let r = 0;
      for (const rec of records) yield new CsvRow(r++, rec, readReady(rec.fields), layout);
    }
    return readRows(d, rows(), doc, rules, issues);
  } catch (e) {
    if (e instanceof CsvError) {
      issues.push(issueAt(doc, 'json_syntax', '', { detail: `CSV: ${e.detail}` }, e.offset));
      return undefined;
    }
    throw e;
  }
}
