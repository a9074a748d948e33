/**
 * Inputs and parameters: their declared kinds, and reading their values exactly from JSON nodes.
 */
import { MAX_DIGITS, parseDecimalText, quickDecimal } from '../money/decimal-string.js';
import { plainNumberText } from '../money/number-text.js';
import { Exact, ZERO } from '../money/exact.js';
import type { Issue, Problem } from '../issues/issue.js';
import { describeChoices, resolveChoice, type ChoiceInfo } from './choices.js';
import { isNormalText, normalizeText } from './identifiers.js';
import { RATE_MAX, RATE_MIN, rateRangeParams } from './rates.js';
import { escapePointerToken, nodeAt, type JsonNode } from '../json/read-json.js';
import { BOOLEAN, MONEY, NUMBER, TEXT, type Row, type TableTy, type TableValue, type Ty, type Value } from '../formula/types.js';
import { issueAt, type SourceDoc } from './source.js';

/** The kinds a single value may be declared as. */
/** What an input the rule file does not declare is: a slip (`error`, the default) or data the rule has no use for (`ignore`: database rows with extra columns). */
export type UnknownInputs = 'error' | 'ignore';

export type ScalarKind = 'money' | 'count' | 'rate' | 'number' | 'score' | 'boolean' | 'text';

export function scalarTy(kind: ScalarKind): Ty {
  switch (kind) {
    case 'money':
      return MONEY;
    case 'boolean':
      return BOOLEAN;
    case 'text':
      return TEXT;
    default:
      return NUMBER;
  }
}

export interface ScalarDecl {
  readonly kind: ScalarKind;
  readonly min: Exact | undefined;
  readonly max: Exact | undefined;
  readonly choices: readonly string[] | undefined;
  /** Labels of the choices (settle/choices.ts): a value may be given by its zh or en label. */
  readonly choiceLabels?: ReadonlyMap<string, string> | undefined;
  readonly choiceInfos?: readonly ChoiceInfo[] | undefined;
  /** Node of the default value in the rule file, if any. */
  readonly defaultNode: JsonNode | undefined;
  readonly defaultPointer: string;
  readonly label: { readonly zh: string; readonly en: string } | undefined;
}

export type ColumnDecl = ScalarDecl | { readonly kind: 'map'; readonly of: ScalarKind; readonly label: ScalarDecl['label'] };

export type InputDecl =
  | ({ readonly shape: 'scalar'; readonly name: string } & { readonly decl: ScalarDecl })
  | { readonly shape: 'group'; readonly name: string; readonly fields: ReadonlyMap<string, ScalarDecl>; readonly label?: ScalarDecl['label'] }
  | {
      readonly shape: 'table';
      readonly name: string;
      readonly table: TableTy;
      readonly columns: ReadonlyMap<string, ColumnDecl>;
      readonly computed: Map<string, ScalarKind>;
      readonly label?: ScalarDecl['label'];
      /** How its rows are made and read quickly: worked out by the compiler once every computed column is known. */
      readonly reading: TableReading;
    }
  | { readonly shape: 'list'; readonly name: string; readonly of: ScalarKind; readonly minItems: number; readonly maxItems: number; readonly label?: ScalarDecl['label'] };

/** The declared input names, and the JSON Pointer of each (in declaration order). */
export interface InputIndex {
  readonly declared: ReadonlySet<string>;
  readonly pointers: readonly string[];
}

export const MAX_ROWS = 5_000_000;

/** A JSON Pointer, or a function that builds it only when a problem needs it (hot loops). */
export type Place = string | (() => string);

/** Text of a string or number node (the exact source text of numbers), else undefined. */
export function decimalText(node: JsonNode): string | undefined {
  if (node.type === 'number') return node.raw;
  if (node.type === 'string') return node.value;
  return undefined;
}

function received(node: JsonNode): string {
  switch (node.type) {
    case 'number':
      return node.raw;
    case 'string':
      return JSON.stringify(node.value.length > 40 ? node.value.slice(0, 40) + '…' : node.value);
    case 'boolean':
    case 'null':
      return String(node.value);
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
  }
}

/**
 * Reads one scalar of a declared kind. Problems are appended to `issues`; the return value is
 * undefined when the value is unusable.
 */
export function readScalar(
  decl: Pick<ScalarDecl, 'kind' | 'min' | 'max' | 'choices' | 'choiceLabels' | 'choiceInfos'>,
  node: JsonNode,
  doc: SourceDoc,
  place: Place,
  issues: Issue[],
): Value | undefined {
  const pointer = (): string => (typeof place === 'string' ? place : place());
  const kind = decl.kind;
  if (kind === 'boolean') {
    if (node.type !== 'boolean') {
      issues.push(issueAt(doc, 'wrong_type', pointer(), { expected: 'true or false' }, node.offset));
      return undefined;
    }
    return node.value as boolean;
  }
  if (kind === 'text') {
    if (node.type !== 'string') {
      issues.push(issueAt(doc, 'wrong_type', pointer(), { expected: 'text' }, node.offset));
      return undefined;
    }
    const text = normalizeText(node.value);
    if (!text.ok) {
      issues.push(issueAt(doc, 'control_character', pointer(), { received: received(node), character: text.character }, node.offset));
      return undefined;
    }
    if (!decl.choices) return text.value;
    const chosen = resolveChoice(decl.choices, decl.choiceLabels, text.value);
    if (chosen === undefined) issues.push(issueAt(doc, 'not_in_choices', pointer(), { received: received(node), expected: describeChoices(decl.choices, decl.choiceInfos) }, node.offset));
    return chosen;
  }
  const written = decimalText(node);
  if (written === undefined) {
    issues.push(issueAt(doc, 'not_decimal', pointer(), { received: received(node) }, node.offset));
    return undefined;
  }
  // Text cannot be split by a comma: "8,600,000.00" or full-width digits are read as a
  // spreadsheet cell is (money/number-text.ts); a JSON number is read as written.
  const plain = node.type === 'string' ? plainNumberText(written) : { ok: true as const, text: written };
  if (!plain.ok) {
    issues.push(issueAt(doc, 'bad_grouping', pointer(), { received: received(node), expected: '1,234,567.89' }, node.offset));
    return undefined;
  }
  const text = plain.text;
  const r = readNumber(decl, text);
  if (r instanceof Exact) return r;
  if (kind === 'rate' && (r === 'below_minimum' || r === 'above_maximum')) {
    issues.push(issueAt(doc, 'rate_out_of_range', pointer(), rateRangeParams(decl, text), node.offset));
    return undefined;
  }
  const limit = r === 'below_minimum' ? decl.min?.toFixed() : r === 'above_maximum' ? decl.max?.toFixed() : r === 'not_decimal' || r === 'too_many_digits' ? MAX_DIGITS : undefined;
  issues.push(issueAt(doc, r, pointer(), limit === undefined ? { received: received(node) } : { received: received(node), limit }, node.offset));
  return undefined;
}

/** Why a number's text is refused for its declared kind. */
type NumberProblem = 'not_decimal' | 'too_many_digits' | 'money_precision' | 'not_integer' | 'negative_count' | 'below_minimum' | 'above_maximum';

/**
 * The exact value of a number's text for a declared kind (money, count, rate, number, score),
 * or what is wrong with it. One place for the rules, whether the text comes from JSON or CSV.
 */
export function readNumber(decl: Pick<ScalarDecl, 'kind' | 'min' | 'max'>, text: string): Exact | NumberProblem {
  const parsed = parseDecimalText(text.trim() === text ? text : '', { percent: decl.kind === 'rate' });
  if (!parsed.ok) return parsed.reason;
  return numberProblem(decl, parsed.value, parsed.scale) ?? parsed.value;
}

/** What is wrong with a number of `scale` written decimals for its declared kind, if anything. */
function numberProblem(decl: Pick<ScalarDecl, 'kind' | 'min' | 'max'>, v: Exact, scale: number): NumberProblem | undefined {
  if (decl.kind === 'money' && scale > 2) return 'money_precision';
  if (decl.kind === 'count') {
    if (!v.isInteger()) return 'not_integer';
    if (v.isNegative()) return 'negative_count';
  }
  const min = decl.min ?? (decl.kind === 'rate' ? RATE_MIN : undefined);
  const max = decl.max ?? (decl.kind === 'rate' ? RATE_MAX : undefined);
  if (min && v.lt(min)) return 'below_minimum';
  if (max && v.gt(max)) return 'above_maximum';
  return undefined;
}

/**
 * The number in text[start, end) when it is valid for its kind, else undefined (readNumber then
 * says why, with its place). A plain number of up to 15 digits is read in place, with no slice.
 */
export function numberAt(decl: Pick<ScalarDecl, 'kind' | 'min' | 'max'>, text: string, start: number, end: number): Exact | undefined {
  const v = quickDecimal(text, start, end);
  if (!v) {
    const r = readNumber(decl, text.slice(start, end));
    return r instanceof Exact ? r : undefined;
  }
  let dot = end - 1; // not indexOf: that would search the rest of a million-line text
  while (dot >= start && text.charCodeAt(dot) !== 0x2e) dot--;
  return numberProblem(decl, v, dot < start ? 0 : end - dot - 1) === undefined ? v : undefined;
}

/** The value of an input document's member, or the declared default, or a missing_input issue. */
export function scalarOrDefault(
  decl: ScalarDecl,
  node: JsonNode | undefined,
  doc: SourceDoc,
  place: Place,
  rules: SourceDoc,
  issues: Issue[],
  what: Place,
): Value | undefined {
  if (node && node.type !== 'null') return readScalar(decl, node, doc, place, issues);
  if (decl.defaultNode) return readScalar(decl, decl.defaultNode, rules, decl.defaultPointer, issues);
  const pointer = typeof place === 'string' ? place : place();
  issues.push(issueAt(doc, 'missing_input', pointer, { name: typeof what === 'string' ? what : what(), expected: decl.kind }, node?.offset ?? parentOffset(doc, pointer)));
  return undefined;
}

function parentOffset(doc: SourceDoc, pointer: string): number | undefined {
  return nodeAt(doc.root, pointer.slice(0, pointer.lastIndexOf('/')))?.offset;
}


export const ptr = (base: string, key: string | number): string => `${base}/${typeof key === 'number' ? key : escapePointerToken(key)}`;

/** What the row readers need of a table, worked out once when the rule file is compiled. */
export interface TableReading {
  /** Every column, declared (unset) and computed (at zero), in place: see newRow. */
  readonly template: Row;
  /** The columns for the fast readers, or null when a column (a map) needs the general one. */
  readonly fast: readonly FastColumn[] | null;
}

/** A table's reading before its computed columns are known (the compiler replaces it). */
export const UNPLANNED: TableReading = { template: {}, fast: null };

/** The table's reading, once its computed columns are known. */
export function tableReading(d: Extract<InputDecl, { shape: 'table' }>): TableReading {
  const template: Row = {};
  for (const c of d.columns.keys()) template[c] = undefined as unknown as Value;
  for (const c of d.computed.keys()) template[c] = ZERO;
  const cols = [...d.columns];
  const fast = cols.some(([, c]) => c.kind === 'map') ? null : cols.map(([name, decl]) => ({ name, decl: decl as ScalarDecl }));
  return { template, fast };
}

/**
 * A new row with every column of the table, declared and computed (these at zero), already in
 * place. Copying one template gives every row the same hidden class and its final size at once,
 * where adding properties one by one grows the property store step by step (a million rows make
 * that garbage count). A class per table would keep every column inside the object (a copy
 * keeps four there), but measured slower to make. Column names can never be __proto__,
 * constructor or prototype: the JSON reader and the rule compiler refuse them.
 */
export function newRow(d: Extract<InputDecl, { shape: 'table' }>): Row {
  return { ...d.reading.template };
}

/** One row of a table, from a JSON object or a CSV record. */
export interface RowSource {
  readonly pointer: string;
  readonly offset: number;
  readonly keys: readonly string[];
  readonly keyOffsets: readonly number[];
  cell(column: string): JsonNode | undefined;
  /** A problem with the row as a whole (not an object), reported instead of reading it. */
  readonly wrongType?: boolean;
  /** Another problem with the row as a whole (a CSV record's field count), reported instead of reading it. */
  readonly problem?: Problem | undefined;
  /** The row already read, every cell present and valid (the CSV fast path). */
  readonly row?: Row | undefined;
}

/** A declared scalar column as the fast row readers see it. */
export interface FastColumn {
  readonly name: string;
  readonly decl: ScalarDecl;
}

/** The table's columns for the fast readers, or null when a column (a map) needs the general one. */
export function fastPlan(d: Extract<InputDecl, { shape: 'table' }>): readonly FastColumn[] | null {
  return d.reading.fast;
}

/**
 * A text or number cell's value when it is valid as written, else undefined (the general reader
 * then says what is wrong, with its place). Booleans are the caller's: JSON and CSV spell them
 * differently. `seen` keeps one copy of each text value: a long case list repeats a few ids.
 */
export function fastCell(c: FastColumn, text: string, seen?: Map<string, string>): Value | undefined {
  if (c.decl.kind === 'text') {
    if (!isNormalText(text) || c.decl.choices?.includes(text) === false) return undefined;
    if (!seen) return text;
    const shared = seen.get(text);
    if (shared !== undefined) return shared;
    if (seen.size < 100_000) seen.set(text, text);
    return text;
  }
  const v = readNumber(c.decl, text);
  return v instanceof Exact ? v : undefined;
}

/** The keys of a row source that has none (a CSV record, a JSON element that is not an object). */
export const NO_KEYS: readonly string[] = [];
export const NO_OFFSETS: readonly number[] = [];

/** Reads rows into a table: typed cells, defaults, computed columns at zero, unique keys. */
export function readRows(
  d: Extract<InputDecl, { shape: 'table' }>,
  source: Iterable<RowSource>,
  doc: SourceDoc,
  rules: SourceDoc,
  issues: Issue[],
  unknown: UnknownInputs = 'error',
): TableValue | undefined {
  const rows: Row[] = [];
  // A column no declaration names is one slip, said once at its first row, not once a row.
  const unknownSeen = new Set<string>();
  const key = d.table.key;
  const index = key ? new Map<string, Row>() : undefined;
  const firstRow = new Map<string, number>();
  const before = issues.length;
  const indexRow = (row: Row, r: number, src: RowSource): void => {
    if (!key || !index) return;
    const k = row[key];
    if (typeof k !== 'string') return;
    if (k === '') {
      issues.push(issueAt(doc, 'empty_id', ptr(src.pointer, key), { table: d.name, column: key }, src.cell(key)?.offset ?? src.offset));
      return;
    }
    const first = firstRow.get(k);
    if (first !== undefined) {
      issues.push(issueAt(doc, 'duplicate_key', ptr(src.pointer, key), { key: k, first: first + 1 }, src.cell(key)?.offset));
    } else {
      firstRow.set(k, r);
      index.set(k, row);
    }
  };
  let r = -1;
  for (const src of source) {
    r++;
    if (issues.length - before > 100) break;
    if (src.wrongType) {
      issues.push(issueAt(doc, 'wrong_type', src.pointer, { expected: `a row object with ${[...d.columns.keys()].join(', ')}` }, src.offset));
      continue;
    }
    if (src.problem) {
      issues.push(issueAt(doc, src.problem.code, src.pointer, src.problem.params, src.offset));
      continue;
    }
    const ready = src.row;
    if (ready) {
      indexRow(ready, r, src);
      rows.push(ready);
      if (rows.length > MAX_ROWS) {
        issues.push(issueAt(doc, 'too_many_rows', '', { limit: MAX_ROWS }, src.offset));
        break;
      }
      continue;
    }
    const rp = src.pointer;
    src.keys.forEach((k, idx) => {
      if (unknown === 'ignore' || d.columns.has(k) || unknownSeen.has(k)) return;
      unknownSeen.add(k);
      issues.push(issueAt(doc, 'unknown_input', ptr(rp, k), { name: `${d.name}[${r}].${k}`, expected: [...d.columns.keys()].join(', ') }, src.keyOffsets[idx]));
    });
    const row = newRow(d);
    for (const [c, cd] of d.columns) {
      const cp = (): string => ptr(rp, c);
      const cell = src.cell(c);
      if (cd.kind === 'map') {
        if (!cell || cell.type !== 'object') {
          issues.push(issueAt(doc, cell ? 'wrong_type' : 'missing_input', cp(), { name: `${d.name}[${r}].${c}`, expected: `an object of ${cd.of} values` }, cell?.offset ?? src.offset));
          continue;
        }
        const m = new Map<string, Exact>();
        cell.keys.forEach((k, idx) => {
          // Keys are ids (a group code): compared as every other id is, so "G1 " is "G1".
          const key = normalizeText(k);
          if (!key.ok || key.value === '' || m.has(key.value)) {
            const code = !key.ok ? 'control_character' : key.value === '' ? 'empty_id' : 'json_duplicate_key';
            issues.push(issueAt(doc, code, ptr(cp(), k), !key.ok ? { received: JSON.stringify(k), character: key.character } : { key: key.value, table: `${d.name}.${c}`, column: c }, cell.keyOffsets[idx]));
            return;
          }
          const v = readScalar({ kind: cd.of, min: undefined, max: undefined, choices: undefined }, cell.values[idx] as JsonNode, doc, () => ptr(cp(), k), issues);
          if (v !== undefined) m.set(key.value, v as Exact);
        });
        row[c] = m;
        continue;
      }
      const row_ = r;
      const v = scalarOrDefault(cd, cell, doc, cp, rules, issues, () => `${d.name}[${row_}].${c}`);
      if (v !== undefined) row[c] = v;
    }
    indexRow(row, r, src);
    rows.push(row);
    if (rows.length > MAX_ROWS) {
      issues.push(issueAt(doc, 'too_many_rows', '', { limit: MAX_ROWS }, src.offset));
      break;
    }
  }
  return { rows, index };
}
