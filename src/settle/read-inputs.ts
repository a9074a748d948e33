/**
 * An input document (a JSON tree, with CSV tables beside it) read into values by declared input
 * name: scalars with their defaults, groups, lists and tables, every problem collected.
 */
import type { Row, TableValue, Value } from '../formula/types.js';
import { makeIssue, type Issue } from '../issues/issue.js';
import { member, type JsonNode, type JsonObject } from '../json/read-json.js';
import type { Exact } from '../money/exact.js';
import { readCsvTable } from './csv.js';
import { MAX_ROWS, NO_KEYS, NO_OFFSETS, fastCell, fastPlan, newRow, ptr, readRows, readScalar, scalarOrDefault, type FastColumn, type InputDecl, type RowSource, type InputIndex, type UnknownInputs } from './declarations.js';
import { issueAt, positionOf, type SourceDoc } from './source.js';

/** The index of `decls` (the compiler makes a rule file's once: CompiledRuleFile.reading). */
export function inputIndex(decls: readonly InputDecl[]): InputIndex {
  return { declared: new Set(decls.map((d) => d.name)), pointers: decls.map((d) => ptr('', d.name)) };
}

/**
 * Reads the input document into values by declared input name (groups flattened to
 * `group.field`). Every problem is collected; nothing is half-read.
 */
export function readInputs(
  decls: readonly InputDecl[],
  doc: SourceDoc,
  rules: SourceDoc,
  csvTables: Readonly<Record<string, { readonly text: string; readonly file?: string }>> = {},
  unknown: UnknownInputs = 'error',
  index: InputIndex = inputIndex(decls),
): { values: Map<string, Value>; issues: Issue[] } {
  const issues: Issue[] = [];
  const values = new Map<string, Value>();
  const root = doc.root;
  if (root.type !== 'object') {
    issues.push(issueAt(doc, 'wrong_type', '', { expected: 'an object of named inputs' }, root.offset));
    return { values, issues };
  }
  const { declared, pointers } = index;
  for (const t of Object.keys(csvTables)) {
    if (!decls.some((d) => d.name === t && d.shape === 'table')) issues.push(makeIssue('unknown_table', csvTables[t]?.file ?? t, '', { name: t }));
  }
  root.keys.forEach((k, idx) => {
    if (unknown === 'error' && !declared.has(k) && k !== '$schema' && k !== '$comment') {
      issues.push(issueAt(doc, 'unknown_input', ptr('', k), { name: k, expected: [...declared].join(', ') }, root.keyOffsets[idx]));
    }
  });
  for (let i = 0; i < decls.length; i++) {
    const d = decls[i] as InputDecl;
    const node = member(root, d.name);
    const p = pointers[i] as string;
    switch (d.shape) {
      case 'scalar': {
        const v = scalarOrDefault(d.decl, node, doc, p, rules, issues, d.name);
        if (v !== undefined) values.set(d.name, v);
        break;
      }
      case 'group': {
        if (node && node.type !== 'object') {
          issues.push(issueAt(doc, 'wrong_type', p, { expected: `an object with ${[...d.fields.keys()].join(', ')}` }, node.offset));
          break;
        }
        const obj = node as JsonObject | undefined;
        obj?.keys.forEach((k, idx) => {
          if (unknown === 'error' && !d.fields.has(k)) issues.push(issueAt(doc, 'unknown_input', ptr(p, k), { name: `${d.name}.${k}`, expected: [...d.fields.keys()].join(', ') }, obj.keyOffsets[idx]));
        });
        for (const [f, fd] of d.fields) {
          const v = scalarOrDefault(fd, member(obj, f), doc, ptr(p, f), rules, issues, `${d.name}.${f}`);
          if (v !== undefined) values.set(`${d.name}.${f}`, v);
        }
        break;
      }
      case 'list': {
        if (!node) {
          issues.push(issueAt(doc, 'missing_input', p, { name: d.name, expected: `a list of ${d.of}` }, root.offset));
          break;
        }
        if (node.type !== 'array') {
          issues.push(issueAt(doc, 'wrong_type', p, { expected: `a list of ${d.of}` }, node.offset));
          break;
        }
        if (node.items.length < d.minItems || node.items.length > d.maxItems) {
          issues.push(issueAt(doc, node.items.length < d.minItems ? 'below_minimum' : 'above_maximum', p, {
            received: `${node.items.length} items`,
            limit: String(node.items.length < d.minItems ? d.minItems : d.maxItems),
          }, node.offset));
          break;
        }
        const items: Exact[] = [];
        const decl = { kind: d.of, min: undefined, max: undefined, choices: undefined };
        node.items.forEach((it, i) => {
          const v = readScalar(decl, it, doc, ptr(p, i), issues);
          if (v !== undefined) items.push(v as Exact);
        });
        values.set(d.name, items);
        break;
      }
      case 'table': {
        const csv = Object.prototype.hasOwnProperty.call(csvTables, d.name) ? csvTables[d.name] : undefined;
        if (csv && node) {
          // Neither source silently replaces the other: which one the clerk meant is theirs to say.
          const keyOffset = root.keyOffsets[root.keys.indexOf(d.name)];
          const at = positionOf(doc, keyOffset);
          issues.push(issueAt(doc, 'table_given_twice', p, { table: d.name, first: `${doc.file}${at ? `:${at.line}:${at.column}` : ''} ${p}`, second: csv.file ?? `${d.name}.csv` }, keyOffset));
          break;
        }
        const table = csv ? readCsvTable(d, csv.text, csv.file ?? `${d.name}.csv`, rules, issues, { unknownInputs: unknown }) : readTable(d, node, doc, rules, p, issues, unknown);
        if (table) values.set(d.name, table);
        break;
      }
    }
    if (issues.length > 200) break;
  }
  return { values, issues };
}



/** A JSON row with exactly the declared columns, each valid, read directly; else undefined. */
function fastJsonRow(d: Extract<InputDecl, { shape: 'table' }>, plan: readonly FastColumn[], item: JsonObject): Row | undefined {
  if (item.keys.length !== plan.length) return undefined;
  const row = newRow(d);
  for (const c of plan) {
    const k = item.keys.indexOf(c.name);
    if (k < 0) return undefined;
    const node = item.values[k] as JsonNode;
    let v: Value | undefined;
    if (c.decl.kind === 'boolean') v = node.type === 'boolean' ? (node.value as boolean) : undefined;
    else if (node.type === 'string') v = fastCell(c, node.value);
    else if (node.type === 'number' && c.decl.kind !== 'text') v = fastCell(c, node.raw);
    if (v === undefined) return undefined;
    row[c.name] = v;
  }
  return row;
}

/** One element of a JSON array as a table row source; its pointer is made only for a message. */
class JsonRow implements RowSource {
  readonly keys: readonly string[];
  readonly keyOffsets: readonly number[];
  readonly wrongType: boolean;
  constructor(
    private readonly base: string,
    private readonly r: number,
    private readonly item: JsonNode,
    readonly row: Row | undefined,
  ) {
    const obj = item.type === 'object' ? item : undefined;
    this.keys = obj ? obj.keys : NO_KEYS;
    this.keyOffsets = obj ? obj.keyOffsets : NO_OFFSETS;
    this.wrongType = !obj;
  }
  get pointer(): string {
    return ptr(this.base, this.r);
  }
  get offset(): number {
    return this.item.offset;
  }
  cell(column: string): JsonNode | undefined {
    return this.item.type === 'object' ? member(this.item, column) : undefined;
  }
}


/** Rows of a JSON array of objects. */
function* jsonRows(d: Extract<InputDecl, { shape: 'table' }>, node: Extract<JsonNode, { type: 'array' }>, p: string): Generator<RowSource> {
  const plan = fastPlan(d);
  for (let r = 0; r < node.items.length; r++) {
    const item = node.items[r] as JsonNode;
    yield new JsonRow(p, r, item, plan && item.type === 'object' ? fastJsonRow(d, plan, item) : undefined);
  }
}

function readTable(
  d: Extract<InputDecl, { shape: 'table' }>,
  node: JsonNode | undefined,
  doc: SourceDoc,
  rules: SourceDoc,
  p: string,
  issues: Issue[],
  unknown: UnknownInputs,
): TableValue | undefined {
  const expected = (): string => `a list of rows with ${[...d.columns.keys()].join(', ')}`;
  if (!node) {
    issues.push(issueAt(doc, 'missing_input', p, { name: d.name, expected: expected() }, doc.root.offset));
    return undefined;
  }
  if (node.type !== 'array') {
    issues.push(issueAt(doc, 'wrong_type', p, { expected: expected() }, node.offset));
    return undefined;
  }
  if (node.items.length > MAX_ROWS) {
    issues.push(issueAt(doc, 'too_many_rows', p, { limit: MAX_ROWS }, node.offset));
    return undefined;
  }
  return readRows(d, jsonRows(d, node, p), doc, rules, issues, unknown);
}

