/**
 * Tables from CSV files (officials export case lists from their claims systems). Records are
 * read one at a time straight into table rows, so a million-case file is never held as a
 * second tree; a record keeps its offset, so a message can name the line:column of any cell.
 */
import type { Issue, Problem } from '../issues/issue.js';
import { spellsAt, type JsonNode } from '../json/read-json.js';
import { LineIndex } from '../json/locate.js';
import type { Row, TableValue, Value } from '../formula/types.js';
import { matchHeader } from './csv-header.js';
import { NO_KEYS, NO_OFFSETS, fastCell, fastPlan, numberAt, newRow, readRows, type FastColumn, type InputDecl, type RowSource, type UnknownInputs } from './declarations.js';
import { issueAt, type SourceDoc } from './source.js';

interface CsvRecord {
  readonly fields: string[];
  readonly offsets: number[];
  readonly offset: number;
}

/**
 * The RFC 4180 record that starts at offset `i`: quoted fields may hold commas, quotes ("") and
 * newlines. A blank line is a record of one empty field. `next` is where the following one starts.
 */
function readRecord(text: string, i: number, d: number): { readonly record: CsvRecord; readonly next: number } {
  const n = text.length;
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
  return { record: { fields, offsets, offset: start }, next: i };
}

/** A line with nothing on it but spaces: skipped wherever it is (as blank trailing lines are). */
const isBlank = (r: CsvRecord): boolean => r.fields.length === 1 && (r.fields[0] as string).trim() === '';

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

/**
 * One CSV record as a table row source. A class, not an object literal with a closure: one small
 * object per record of a million-case file. A record read by the fast scanner keeps only its
 * offset; its fields are read again only if a message needs a cell's place.
 */
class CsvRow implements RowSource {
  readonly keys = NO_KEYS;
  readonly keyOffsets = NO_OFFSETS;
  problem: Problem | undefined;
  constructor(
    private r: number,
    public offset: number,
    private rec: CsvRecord | undefined,
    public row: Row | undefined,
    private readonly layout: CsvLayout,
  ) {}
  /** This source, now for the record at `offset` that the scanner read into `row`. */
  reset(r: number, offset: number, row: Row): this {
    this.r = r;
    this.offset = offset;
    this.rec = undefined;
    this.row = row;
    this.problem = undefined;
    return this;
  }
  get pointer(): string {
    return `/${this.r}`;
  }
  cell(column: string): JsonNode | undefined {
    const rec = (this.rec ??= readRecord(this.layout.text, this.offset, this.layout.delimiter).record);
    const k = this.layout.indexOf.get(column) ?? -1;
    const value = k < 0 ? undefined : rec.fields[k];
    if (value === undefined || value === '') return undefined;
    const offset = rec.offsets[k] as number;
    if (this.layout.kinds[k] === 'boolean') {
      const b = readBooleanCell(value);
      if (b !== undefined) return { type: 'boolean', offset, value: b };
    }
    return { type: 'string', offset, value: value.trim() === value ? value : value.trim(), end: offset + value.length };
  }
}

/** How the records of one CSV text are read: the header's columns by field. */
interface CsvLayout {
  readonly text: string;
  readonly delimiter: number;
  /** Field index of each column the header names. */
  readonly indexOf: ReadonlyMap<string, number>;
  /** Declared kind of each field's column (undefined: a header cell that names none). */
  readonly kinds: readonly (string | undefined)[];
  /** How many fields the header has: every record must have as many. */
  readonly fields: number;
  readonly lines: LineIndex;
}

/**
 * The records after the header as row sources, one at a time. An iterator object rather than a
 * generator, and a record the scanner read is handed over in one reused source object: readRows
 * is done with a source before it asks for the next, and a million records then make no garbage
 * beyond their rows.
 */
class CsvRows implements Iterator<RowSource>, Iterable<RowSource> {
  private r = 0;
  private readonly result: { done: false; value: RowSource } = { done: false, value: undefined as unknown as RowSource };
  private readonly reused: CsvRow;
  constructor(
    private readonly d: Extract<InputDecl, { shape: 'table' }>,
    private readonly text: string,
    private i: number,
    private readonly layout: CsvLayout,
    private readonly scan: ((i: number, row: Row) => number) | undefined,
  ) {
    this.reused = new CsvRow(0, 0, undefined, undefined, layout);
  }
  [Symbol.iterator](): Iterator<RowSource> {
    return this;
  }
  next(): IteratorResult<RowSource> {
    const text = this.text;
    while (this.i < text.length) {
      const at = this.i;
      if (this.scan) {
        const row = newRow(this.d);
        const next = this.scan(at, row);
        if (next >= 0) {
          this.i = next;
          this.result.value = this.reused.reset(this.r++, at, row);
          return this.result;
        }
      }
      const { record, next } = readRecord(text, at, this.layout.delimiter);
      this.i = next;
      if (isBlank(record)) continue;
      const row = new CsvRow(this.r++, record.offset, record, undefined, this.layout);
      // A row with more or fewer fields than the header is never read: an unquoted 8,600,000.00
      // would otherwise put 8 in its column and shift the rest into the next ones.
      if (record.fields.length !== this.layout.fields) {
        row.problem = {
          code: 'csv_field_count',
          params: { line: this.layout.lines.position(record.offset).line, expected: this.layout.fields, received: record.fields.length },
        };
      }
      return { done: false, value: row };
    }
    return { done: true, value: undefined };
  }
}

/**
 * A scanner for the common record — no quotes, as many fields as the header, every declared
 * column present, non-empty and valid — straight from the text into a row: no field arrays, no
 * cell nodes. It returns where the next record starts, or -1 for anything else (a default to
 * apply, a problem to report with its line:column, a quoted field, a blank line), which then
 * goes through the general reader, so rows and messages are the same either way. Text cells are
 * shared: a case list repeats a few hospital and group ids a million times.
 */
function fastScanner(d: Extract<InputDecl, { shape: 'table' }>, names: readonly (string | undefined)[], text: string, delimiter: number): ((i: number, row: Row) => number) | undefined {
  const plan = fastPlan(d);
  if (!plan || plan.some((c) => !names.includes(c.name))) return undefined;
  // For each field of a record, the reader of its column (undefined: an unknown column).
  const readers = names.map((name) => {
    const col = plan.find((c) => c.name === name);
    return col ? cellReader(col, text) : undefined;
  });
  const last = names.length - 1;
  const n = text.length;
  return (i, row) => {
    for (let k = 0; k <= last; k++) {
      if (text.charCodeAt(i) === 0x22) return -1;
      let j = i;
      let c = 0;
      let h = 0;
      while (j < n) {
        c = text.charCodeAt(j);
        if (c === delimiter || c === 0x0a || c === 0x0d) break;
        h = (Math.imul(h, 31) + c) | 0;
        j++;
      }
      // A delimiter after the last field, or a line end before it: not the header's shape.
      if ((j < n && c === delimiter) !== k < last) return -1;
      const read = readers[k];
      if (read && (j === i || !read(i, j, h, row))) return -1;
      i = j + 1;
    }
    // i is one past the last field's end: a line end (\r\n, \n or \r) or the end of the text.
    if (i <= n && text.charCodeAt(i - 1) === 0x0d && text.charCodeAt(i) === 0x0a) i++;
    return Math.min(i, n);
  };
}

/**
 * Reads the cell text[i, j) (hash h, taken while scanning) of one column into the row, or says
 * false when the general reader must. One closure per column, each storing one property name,
 * so V8 sees one name at each store instead of every column's at one.
 */
function cellReader(col: FastColumn, text: string): (i: number, j: number, h: number, row: Row) => boolean {
  const key = col.name;
  if (col.decl.kind === 'boolean') {
    return (i, j, _h, row) => {
      const v = booleanAt(text, i, j);
      if (v === undefined) return false;
      row[key] = v;
      return true;
    };
  }
  if (col.decl.kind === 'text') {
    // Text values met before, by the hash: a repeated id is found and checked in place, with no
    // new string made and hashed for it.
    const byHash = new Map<number, string>();
    const seen = new Map<string, string>();
    return (i, j, h, row) => {
      const known = byHash.get(h);
      let v: Value | undefined;
      if (known !== undefined && known.length === j - i && spellsAt(text, i, known)) v = known;
      else {
        v = fastCell(col, text.slice(i, j), seen);
        if (typeof v === 'string' && known === undefined && byHash.size < 100_000) byHash.set(h, v);
      }
      if (v === undefined) return false;
      row[key] = v;
      return true;
    };
  }
  return (i, j, _h, row) => {
    const v = numberAt(col.decl, text, i, j);
    if (v === undefined) return false;
    row[key] = v;
    return true;
  };
}

/** text[i, j) as a boolean cell: true and false compared in place, other spellings by readBooleanCell. */
function booleanAt(text: string, i: number, j: number): boolean | undefined {
  const c = text.charCodeAt(i);
  if (j - i === 4 && c === 0x74 && text.charCodeAt(i + 1) === 0x72 && text.charCodeAt(i + 2) === 0x75 && text.charCodeAt(i + 3) === 0x65) return true;
  if (j - i === 5 && c === 0x66 && text.charCodeAt(i + 1) === 0x61 && text.charCodeAt(i + 2) === 0x6c && text.charCodeAt(i + 3) === 0x73 && text.charCodeAt(i + 4) === 0x65) return false;
  return readBooleanCell(text.slice(i, j));
}

/**
 * The header record of a CSV text (the first line that is not blank, after a BOM) and the
 * delimiter: a tab when the first line has tabs and no commas (a spreadsheet's "copy"), else a
 * comma. `next` is where the first data record starts.
 */
function readHeader(text: string): { readonly record: CsvRecord; readonly next: number; readonly delimiter: number } {
  const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')));
  const delimiter = (!firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',').charCodeAt(0);
  let header = { record: { fields: [''], offsets: [0], offset: 0 } as CsvRecord, next: text.charCodeAt(0) === 0xfeff ? 1 : 0 };
  while (isBlank(header.record) && header.next < text.length) header = readRecord(text, header.next, delimiter);
  return { ...header, delimiter };
}

/**
 * Where the data row `r` (0-based, blank lines not counted) of a CSV table starts, or its cell
 * of `column` when the header names that column: for a message about a row already read.
 */
export function csvRowOffset(d: Extract<InputDecl, { shape: 'table' }>, text: string, r: number, column?: string): number | undefined {
  try {
    const header = readHeader(text);
    const keys = matchHeader(header.record.fields, [...d.columns].map(([key, c]) => ({ key, label: c.label })), d.name).keys;
    const k = column === undefined ? -1 : keys.indexOf(column);
    let i = header.next;
    let n = -1;
    while (i < text.length) {
      const { record, next } = readRecord(text, i, header.delimiter);
      i = next;
      if (isBlank(record) || ++n < r) continue;
      return (k >= 0 ? record.offsets[k] : undefined) ?? record.offset;
    }
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
  }
  return undefined;
}

/**
 * Reads a CSV text (header row of column names) as the rows of a declared table. Empty cells
 * count as missing (the column's default applies); booleans may be true/false, 1/0 or 是/否.
 * `general` turns the fast scanner off, so tests can hold the two readers to the same tables.
 */
export function readCsvTable(
  d: Extract<InputDecl, { shape: 'table' }>,
  text: string,
  file: string,
  rules: SourceDoc,
  issues: Issue[],
  options: { readonly general?: boolean; readonly unknownInputs?: UnknownInputs } = {},
): TableValue | undefined {
  const root: JsonNode = { type: 'array', offset: 0, items: [] };
  const doc: SourceDoc = { file, text, root, lines: new LineIndex(text) };
  try {
    const header = readHeader(text);
    const d0 = header.delimiter;
    if (isBlank(header.record)) {
      issues.push(issueAt(doc, 'json_empty', '', {}, 0));
      return undefined;
    }
    const headerOffsets = header.record.offsets;
    const matched = matchHeader(header.record.fields, [...d.columns].map(([key, c]) => ({ key, label: c.label })), d.name);
    const ignored = options.unknownInputs === 'ignore' ? 'unknown_input' : undefined;
    for (const pr of matched.problems) if (pr.code !== ignored) issues.push(issueAt(doc, pr.code, `/${pr.index}`, pr.params, headerOffsets[pr.index]));
    const names = matched.keys;
    for (const [c, cd] of d.columns) {
      if (cd.kind === 'map' && names.includes(c)) {
        issues.push(issueAt(doc, 'wrong_type', `/${c}`, { expected: `${c} holds a map of values and cannot come from a CSV column` }, headerOffsets[names.indexOf(c)]));
        return undefined;
      }
    }
    const kinds = names.map((n) => (n === undefined ? undefined : d.columns.get(n)?.kind));
    const indexOf = new Map<string, number>();
    names.forEach((n, k) => {
      if (n !== undefined) indexOf.set(n, k);
    });
    const layout: CsvLayout = { text, delimiter: d0, indexOf, kinds, fields: names.length, lines: doc.lines as LineIndex };
    const scan = options.general ? undefined : fastScanner(d, names, text, d0);
    return readRows(d, new CsvRows(d, text, header.next, layout, scan), doc, rules, issues);
  } catch (e) {
    if (e instanceof CsvError) {
      issues.push(issueAt(doc, 'json_syntax', '', { detail: `CSV: ${e.detail}` }, e.offset));
      return undefined;
    }
    throw e;
  }
}
