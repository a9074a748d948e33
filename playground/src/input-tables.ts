/**
 * The lists of an input document (members, cases, …) as tables, and edits of single cells that
 * rewrite only the text they change (jsonc-parser's `modify`), so the rest of the document —
 * its layout and the exact text of every other number — stays as the person wrote it. Cell text
 * is taken and written verbatim: a number keeps its digits, money is written as a JSON string.
 */
import { readBooleanCell } from 'yibao-settle';
import { parseTree, findNodeAtLocation, modify, applyEdits, type Node, type JSONPath, type ParseError } from 'jsonc-parser';

export interface InputTable {
  /** The input's name, e.g. `members`. */
  readonly name: string;
  readonly columns: readonly string[];
  /** Declared kinds of the columns, where the rule file declares them. */
  readonly kinds: Readonly<Record<string, string>>;
  /** Cell text by row, in column order ('' for a missing cell). */
  readonly rows: readonly (readonly string[])[];
  /** Whether each column's existing cells are JSON numbers. */
  readonly numeric: readonly boolean[];
}

const NUMBER_KINDS = new Set(['count', 'number', 'rate', 'score', 'integer', 'weight']);
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const PLACEHOLDER = '\u2060yibao-number\u2060';
const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } } as const;

function rawText(text: string, node: Node | undefined): string {
  if (!node) return '';
  if (node.type === 'string') return node.value as string;
  return text.slice(node.offset, node.offset + node.length);
}

/** Columns the rule file declares for each list input (`inputs.<name>.columns`). */
function declaredColumns(ruleText: string): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  const tree = parseTree(ruleText);
  const inputs = tree && findNodeAtLocation(tree, ['inputs']);
  for (const property of inputs?.type === 'object' ? (inputs.children ?? []) : []) {
    const name = property.children?.[0]?.value;
    const columns = property.children?.[1] && (findNodeAtLocation(property.children[1], ['columns']) ?? findNodeAtLocation(property.children[1], ['fields']));
    if (typeof name !== 'string' || columns?.type !== 'object') continue;
    const kinds: Record<string, string> = {};
    for (const column of columns.children ?? []) {
      const key = column.children?.[0]?.value;
      const kind = column.children?.[1] && findNodeAtLocation(column.children[1], ['kind']);
      if (typeof key === 'string') kinds[key] = kind?.type === 'string' ? (kind.value as string) : '';
    }
    out.set(name, kinds);
  }
  return out;
}

/** A JSON number with the text it was written with (so 980.10 stays "980.10"). */
interface NumberText {
  readonly numberText: string;
}

const isNumberText = (v: unknown): v is NumberText => typeof v === 'object' && v !== null && 'numberText' in v;

/** A cell as the grid shows it: numbers as written, text as is, anything else as compact JSON. */
function cellText(v: unknown): string {
  if (v === undefined) return '';
  if (isNumberText(v)) return v.numberText;
  if (typeof v === 'string') return v;
  if (v === null || typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => (typeof x === 'string' ? JSON.stringify(x) : cellText(x))).join(', ')}]`;
  return `{ ${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${typeof x === 'string' ? JSON.stringify(x) : cellText(x)}`).join(', ')} }`;
}

/**
 * The input parsed by the browser's own JSON reader, every number kept with its source text
 * (JSON.parse's reviver `context.source`): many times faster than a syntax tree for an input of
 * thousands of members. null when the text is not JSON; undefined where the browser does not
 * give number sources (the caller then reads the text the slower way).
 */
function parseWithNumberText(text: string): unknown {
  let sourced = true;
  try {
    const value: unknown = JSON.parse(text.replace(/^\ufeff/, ''), (_key: string, v: unknown, context?: { source?: string }) => {
      if (typeof v !== 'number') return v;
      if (context?.source === undefined) sourced = false;
      return { numberText: context?.source ?? String(v) } satisfies NumberText;
    });
    return sourced ? value : undefined;
  } catch {
    return null;
  }
}

/** readTables on a parsed document (see parseWithNumberText). */
function tablesOf(doc: unknown, ruleText: string): InputTable[] | undefined {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const declared = declaredColumns(ruleText);
  const tables: InputTable[] = [];
  for (const [name, list] of Object.entries(doc)) {
    if (!Array.isArray(list) || !list.every((i) => i !== null && typeof i === 'object' && !Array.isArray(i))) continue;
    const items = list as Record<string, unknown>[];
    const kinds = declared.get(name) ?? {};
    const columns = Object.keys(kinds);
    const known = new Set(columns);
    for (const item of items) {
      for (const key of Object.keys(item)) {
        if (!known.has(key)) {
          known.add(key);
          columns.push(key);
        }
      }
    }
    if (columns.length === 0) continue;
    const rows = items.map((item) => columns.map((c) => cellText(Object.hasOwn(item, c) ? item[c] : undefined)));
    const numeric = columns.map((c) => NUMBER_KINDS.has(kinds[c] ?? '') || items.some((item) => isNumberText(item[c])));
    tables.push({ name, columns, kinds, rows, numeric });
  }
  return tables;
}

/** Every top-level list of objects in the input, as a table; undefined if the text is not JSON. */
export function readTables(inputText: string, ruleText: string): InputTable[] | undefined {
  const parsed = parseWithNumberText(inputText);
  if (parsed === null) return undefined;
  if (parsed !== undefined) return tablesOf(parsed, ruleText);
  const errors: ParseError[] = [];
  const tree = parseTree(inputText, errors);
  if (!tree || errors.length > 0 || tree.type !== 'object') return undefined;
  const declared = declaredColumns(ruleText);
  const tables: InputTable[] = [];
  for (const property of tree.children ?? []) {
    const name = property.children?.[0]?.value;
    const list = property.children?.[1];
    if (typeof name !== 'string' || list?.type !== 'array') continue;
    const items = list.children ?? [];
    if (!items.every((i) => i.type === 'object')) continue;
    const kinds = declared.get(name) ?? {};
    const columns = Object.keys(kinds);
    for (const item of items) {
      for (const p of item.children ?? []) {
        const key = p.children?.[0]?.value;
        if (typeof key === 'string' && !columns.includes(key)) columns.push(key);
      }
    }
    if (columns.length === 0) continue;
    const rows = items.map((item) => columns.map((c) => rawText(inputText, findNodeAtLocation(item, [c]))));
    const numeric = columns.map((c) =>
      NUMBER_KINDS.has(kinds[c] ?? '') || items.some((item) => findNodeAtLocation(item, [c])?.type === 'number'),
    );
    tables.push({ name, columns, kinds, rows, numeric });
  }
  return tables;
}

/**
 * Sets one value: a bare number when `asNumber` and the text is a plain decimal, a JSON boolean
 * in a boolean column when the text spells one (true/false, 1/0, 是/否 — as CSV tables are read).
 */
function setValue(text: string, path: JSONPath, cell: string, asNumber: boolean, asBoolean = false): string {
  const flag = asBoolean ? readBooleanCell(cell) : undefined;
  if (flag !== undefined) return applyEdits(text, modify(text, path, flag, FORMAT));
  if (asNumber && PLAIN_NUMBER.test(cell)) {
    const edited = applyEdits(text, modify(text, path, PLACEHOLDER, FORMAT));
    return edited.replace(JSON.stringify(PLACEHOLDER), cell);
  }
  return applyEdits(text, modify(text, path, cell, FORMAT));
}

/** The input text with a single input (or a group's field) at `path` set to `cell`, as its kind is written. */
export function setScalar(text: string, path: readonly string[], kind: string, cell: string): string {
  return setValue(text, [...path], cell.trim(), NUMBER_KINDS.has(kind), kind === 'boolean');
}

/** The text of the single input at `path` as written in the input ('' when it is not there). */
export function scalarText(text: string, path: readonly string[]): string {
  const tree = parseTree(text);
  return rawText(text, tree && findNodeAtLocation(tree, [...path]));
}

/** The input text with cell (row, column) of `table` set to `cell`. */
export function setCell(text: string, table: InputTable, row: number, column: number, cell: string): string {
  const key = table.columns[column];
  if (key === undefined) return text;
  if (row >= table.rows.length) text = addRow(text, table);
  return setValue(text, [table.name, row, key], cell.trim(), table.numeric[column] ?? false, table.kinds[key] === 'boolean');
}

/** The input text with an empty row (every column, blank or zero) appended to `table`. */
export function addRow(text: string, table: InputTable): string {
  const tree = parseTree(text);
  const count = (tree && findNodeAtLocation(tree, [table.name])?.children?.length) ?? 0;
  const row: Record<string, string> = {};
  for (const c of table.columns) row[c] = '';
  return applyEdits(text, modify(text, [table.name, count], row, { ...FORMAT, isArrayInsertion: true }));
}

export function deleteRow(text: string, table: InputTable, row: number): string {
  return applyEdits(text, modify(text, [table.name, row], undefined, FORMAT));
}

/** Writes a block of cells (a paste from a spreadsheet) from (row, column) on, adding rows. */
export function pasteBlock(text: string, table: InputTable, row: number, column: number, block: readonly (readonly string[])[]): string {
  let rows = table.rows.length;
  for (const [i, cells] of block.entries()) {
    if (row + i >= rows) {
      text = addRow(text, table);
      rows++;
    }
    for (const [j, cell] of cells.entries()) {
      if (column + j < table.columns.length) text = setCell(text, { ...table, rows: new Array<string[]>(rows) }, row + i, column + j, cell);
    }
  }
  return text;
}

/**
 * Replaces the rows of `table` with imported ones. The first imported row names the columns
 * (by key, e.g. `spending`); unknown names are kept as new columns. Returns undefined when the
 * header names none of the table's columns.
 */
export function replaceRows(text: string, table: InputTable, imported: readonly (readonly string[])[]): string | undefined {
  const [header, ...body] = imported;
  if (!header || !header.some((h) => table.columns.includes(h.trim()))) return undefined;
  const keys = header.map((h) => h.trim());
  text = applyEdits(text, modify(text, [table.name], [], FORMAT));
  const wide: InputTable = { ...table, columns: keys, numeric: keys.map((k) => table.numeric[table.columns.indexOf(k)] ?? false), rows: [] };
  const rows = body.filter((r) => r.some((c) => c.trim() !== ''));
  return pasteBlock(text, wide, 0, 0, rows);
}

/** RFC 4180 parsing of CSV (or TSV, with `delimiter` '\t'), as rows of cell text. */
export function parseDelimited(source: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const text = source.replace(/^\ufeff/, '');
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text.charAt(i + 1) === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text.charAt(i + 1) === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
