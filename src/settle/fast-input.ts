/**
 * The input document read straight from its text into values, for bulk runs without a trace.
 *
 * The general reader builds a tree with the offset of every node, so any problem can be placed
 * at its line and column, and then reads the declared inputs from that tree. Most documents in a
 * batch have no problem at all: every declared input once, nothing else, each value valid as
 * written. This reader takes such a document in one pass, with no tree. At anything else — an
 * input or a column missing with no default, an unknown or repeated key, an escape in a string,
 * a null, a value of the wrong kind or out of range, a duplicate row key or map key — it gives
 * up, and the settlement reads the document the general way. Values are
 * the same either way, and every message comes from the general reader (fast-input.test.ts
 * holds both to it).
 */
import { DEFAULT_JSON_LIMITS, isForbiddenKey, numberEnd, plainStringEnd, skipWs, spellsAt } from '../json/read-json.js';
import type { Row, TableValue, Value } from '../formula/types.js';
import type { Issue } from '../issues/issue.js';
import type { Exact } from '../money/exact.js';
import { isNormalText } from './identifiers.js';
import { MAX_ROWS, newRow, numberAt, readScalar, type InputDecl, type ScalarDecl, type ScalarKind } from './declarations.js';
import type { SourceDoc } from './source.js';

const NONE: ReadonlySet<string> = new Set();

/** Thrown to give up on the fast reading; never leaves this module. */
const GIVE_UP = Symbol('give up');

/** A table column as this reader takes it: a single value (with its default) or a map of values. */
interface Column {
  readonly name: string;
  readonly decl: ScalarDecl;
  /** The value when the cell is left out (undefined: none, the cell must be given). */
  readonly fallback: Value | undefined;
  /** For a map column: the kind of its values. */
  readonly map?: ScalarKind;
}

/** What the one-pass reader needs of a rule file's inputs, worked out when it is compiled. */
export interface FastInputPlan {
  /** How many inputs the rule file declares. */
  readonly count: number;
  /** Input names a document may give (a name the JSON reader refuses as a key is left out). */
  readonly names: readonly string[];
  readonly decls: readonly InputDecl[];
  /** Per input, a table's columns (undefined: not a table). */
  readonly columns: readonly (readonly Column[] | undefined)[];
  readonly columnNames: readonly (readonly string[] | undefined)[];
  /** Per input, a single input's default (undefined: none). */
  readonly fallbacks: readonly (Value | undefined)[];
  /** Per group, each field's default, by field. */
  readonly fieldFallbacks: readonly (ReadonlyMap<string, Value | undefined> | undefined)[];
}


/** A declared default, read as the general reader reads it; undefined when there is none or it has a problem. */
function fallbackOf(decl: ScalarDecl, rules: SourceDoc): Value | undefined {
  if (!decl.defaultNode || decl.defaultNode.type === 'null') return undefined;
  const issues: Issue[] = [];
  const v = readScalar(decl, decl.defaultNode, rules, decl.defaultPointer, issues);
  return issues.length === 0 ? v : undefined;
}

function columnsOf(d: Extract<InputDecl, { shape: 'table' }>, rules: SourceDoc): Column[] {
  return [...d.columns].map(([name, c]): Column => {
    if (c.kind === 'map') return { name, decl: { kind: c.of, min: undefined, max: undefined, choices: undefined, defaultNode: undefined, defaultPointer: '', label: c.label }, fallback: undefined, map: c.of };
    return { name, decl: c, fallback: fallbackOf(c, rules) };
  });
}

/** The reader's plan for a rule file's inputs (`rules` holds their defaults). */
export function fastInputPlan(decls: readonly InputDecl[], rules: SourceDoc): FastInputPlan {
  const given = decls.filter((d) => !isForbiddenKey(d.name));
  const columns = given.map((d) => (d.shape === 'table' ? columnsOf(d, rules) : undefined));
  return {
    count: decls.length,
    names: given.map((d) => d.name),
    decls: given,
    columns,
    columnNames: columns.map((cs) => cs?.map((c) => c.name)),
    fallbacks: given.map((d) => (d.shape === 'scalar' ? fallbackOf(d.decl, rules) : undefined)),
    fieldFallbacks: given.map((d) => (d.shape === 'group' ? new Map([...d.fields].map(([f, fd]) => [f, fallbackOf(fd, rules)])) : undefined)),
  };
}

/** A cursor over the text: every read moves it past what it read, or gives up. */
class Cursor {
  i: number;
  constructor(
    readonly text: string,
    start: number,
  ) {
    this.i = start;
  }

  ws(): number {
    this.i = skipWs(this.text, this.i);
    return this.text.charCodeAt(this.i);
  }

  expect(code: number): void {
    if (this.ws() !== code) throw GIVE_UP;
    this.i++;
  }

  /**
   * `"key":` where the key is one of `names`, read in place (no string is made for it): its
   * index. Any other key, or one spelled with an escape, is the general reader's.
   */
  keyIndex(names: readonly string[]): number {
    if (this.ws() !== 0x22) throw GIVE_UP;
    const start = this.i + 1;
    const close = plainStringEnd(this.text, this.i);
    if (close < 0) throw GIVE_UP;
    let found = -1;
    for (let k = 0; k < names.length; k++) {
      const name = names[k] as string;
      if (name.length === close - start && spellsAt(this.text, start, name)) {
        found = k;
        break;
      }
    }
    if (found < 0) throw GIVE_UP;
    this.i = close + 1;
    this.expect(0x3a);
    return found;
  }

  /** A scalar of a declared kind, valid as written. */
  scalar(decl: Pick<ScalarDecl, 'kind' | 'min' | 'max' | 'choices'>): Value {
    const c = this.ws();
    const kind = decl.kind;
    const text = this.text;
    if (c === 0x22) {
      const start = this.i + 1;
      const close = plainStringEnd(text, this.i);
      if (close < 0 || kind === 'boolean') throw GIVE_UP;
      this.i = close + 1;
      if (kind !== 'text') return this.number(decl, start, close);
      if (decl.choices) {
        // One of a few spellings: the declared string itself, found in place.
        for (const choice of decl.choices) if (choice.length === close - start && spellsAt(text, start, choice)) return choice;
        throw GIVE_UP;
      }
      const value = text.slice(start, close);
      if (!isNormalText(value)) throw GIVE_UP;
      return value;
    }
    if (c === 0x74 || c === 0x66) {
      const word = c === 0x74 ? 'true' : 'false';
      if (kind !== 'boolean' || !spellsAt(text, this.i, word)) throw GIVE_UP;
      this.i += word.length;
      return c === 0x74;
    }
    if (kind === 'text' || kind === 'boolean') throw GIVE_UP;
    const start = this.i;
    const end = numberEnd(text, start);
    if (end === start) throw GIVE_UP;
    this.i = end;
    return this.number(decl, start, end);
  }

  /** The number in text[start, end), valid for its kind, or given up. */
  private number(decl: Pick<ScalarDecl, 'kind' | 'min' | 'max'>, start: number, end: number): Value {
    const v = numberAt(decl, this.text, start, end);
    if (!v) throw GIVE_UP;
    return v;
  }

  /** After a member or an item: true at a comma, false at the closing bracket. */
  more(close: number): boolean {
    const c = this.ws();
    this.i++;
    if (c === 0x2c) return true;
    if (c === close) return false;
    throw GIVE_UP;
  }

  /** A list of numbers, as many as declared. */
  list(d: Extract<InputDecl, { shape: 'list' }>): Value {
    this.expect(0x5b);
    const items: Value[] = [];
    const decl = { kind: d.of, min: undefined, max: undefined, choices: undefined };
    if (this.ws() === 0x5d) this.i++;
    else
      do items.push(this.scalar(decl));
      while (this.more(0x5d));
    if (items.length < d.minItems || items.length > d.maxItems || d.of === 'text' || d.of === 'boolean') throw GIVE_UP;
    return items as unknown as Value;
  }

  /** A group's fields, each once, into `group.field`; a field left out takes its default. */
  group(d: Extract<InputDecl, { shape: 'group' }>, values: Map<string, Value>, fallbacks: ReadonlyMap<string, Value | undefined>): void {
    this.expect(0x7b);
    const fields = [...d.fields.keys()];
    const read = new Map<string, Value>();
    if (this.ws() === 0x7d) this.i++;
    else
      do {
        const f = fields[this.keyIndex(fields)] as string;
        if (read.has(f)) throw GIVE_UP;
        read.set(f, this.scalar(d.fields.get(f) as ScalarDecl));
      } while (this.more(0x7d));
    putGroup(d, values, read, fallbacks);
  }

  /** A map cell: plain keys, each once, to values of one kind. */
  map(kind: ScalarKind): Map<string, Exact> {
    this.expect(0x7b);
    const m = new Map<string, Exact>();
    const decl = { kind, min: undefined, max: undefined, choices: undefined };
    if (this.ws() === 0x7d) {
      this.i++;
      return m;
    }
    do {
      if (this.ws() !== 0x22) throw GIVE_UP;
      const close = plainStringEnd(this.text, this.i);
      if (close < 0) throw GIVE_UP;
      const key = this.text.slice(this.i + 1, close);
      // A key the general reader would trim, normalize or refuse (or a repeated one) is its to read.
      if (key === '' || !isNormalText(key) || m.has(key)) throw GIVE_UP;
      this.i = close + 1;
      this.expect(0x3a);
      m.set(key, this.scalar(decl) as Exact);
    } while (this.more(0x7d));
    return m;
  }

  table(d: Extract<InputDecl, { shape: 'table' }>, columns: readonly Column[], names: readonly string[]): TableValue {
    this.expect(0x5b);
    const rows: Row[] = [];
    const key = d.table.key;
    const index = key ? new Map<string, Row>() : undefined;
    if (this.ws() === 0x5d) {
      this.i++;
      return { rows, index };
    }
    do {
      this.expect(0x7b);
      const row = newRow(d);
      let count = 0;
      if (this.ws() !== 0x7d) {
        do {
          const c = columns[this.keyIndex(names)] as Column;
          // A column named twice is a problem for the general reader to place.
          if (row[c.name] !== undefined) throw GIVE_UP;
          row[c.name] = c.map ? this.map(c.map) : this.scalar(c.decl);
          count++;
        } while (this.more(0x7d));
      } else this.i++;
      if (count !== columns.length) fillColumns(row, columns);
      if (index && key) {
        const k = row[key];
        if (typeof k === 'string') {
          if (k === '' || index.has(k)) throw GIVE_UP;
          index.set(k, row);
        }
      }
      rows.push(row);
      if (rows.length > MAX_ROWS) throw GIVE_UP;
    } while (this.more(0x5d));
    return { rows, index };
  }
}

/**
 * The declared inputs of a document that the general reader would read without a single issue,
 * or undefined when it has anything to say (it then reads the document and says it). Values are
 * keyed as readInputs keys them, in the document's order.
 */
export function readInputsFast(plan: FastInputPlan, text: string, supplied: ReadonlySet<string> = NONE): Map<string, Value> | undefined {
  if (text.length > DEFAULT_JSON_LIMITS.maxLength) return undefined;
  const at = new Cursor(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  const values = new Map<string, Value>();
  const given: boolean[] = [];
  let seen = 0;
  try {
    at.expect(0x7b);
    if (at.ws() === 0x7d) return undefined; // an empty document: inputs are missing
    do {
      const k = at.keyIndex(plan.names);
      // A table also given as CSV is given twice: the general reader says so.
      if (given[k] || supplied.has(plan.names[k] as string)) return undefined;
      given[k] = true;
      const d = plan.decls[k] as InputDecl;
      seen++;
      if (d.shape === 'scalar') values.set(d.name, at.scalar(d.decl));
      else if (d.shape === 'table') {
        const columns = plan.columns[k];
        if (!columns) return undefined;
        values.set(d.name, at.table(d, columns, plan.columnNames[k] as readonly string[]));
      } else if (d.shape === 'list') values.set(d.name, at.list(d));
      else at.group(d, values, plan.fieldFallbacks[k] as ReadonlyMap<string, Value | undefined>);
    } while (at.more(0x7d));
    // Nothing after the document, and every input given or given a default.
    at.ws();
    if (at.i < text.length || plan.decls.length !== plan.count) return undefined;
    if (seen !== plan.count) fillInputs(plan, given, values, supplied);
    return values;
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

/** Cells left out of a row take their column's default; a cell with none is the general reader's. */
function fillColumns(row: Row, columns: readonly Column[]): void {
  for (const c of columns) {
    if (row[c.name] !== undefined) continue;
    if (c.fallback === undefined) throw GIVE_UP;
    row[c.name] = c.fallback;
  }
}

/** A group's fields: those read, the others their defaults (none: the general reader's). */
function putGroup(d: Extract<InputDecl, { shape: 'group' }>, values: Map<string, Value>, read: ReadonlyMap<string, Value>, fallbacks: ReadonlyMap<string, Value | undefined>): void {
  for (const f of d.fields.keys()) {
    const v = read.get(f) ?? fallbacks.get(f);
    if (v === undefined) throw GIVE_UP;
    values.set(`${d.name}.${f}`, v);
  }
}

/** Inputs left out of the document take their defaults; one with none is the general reader's. */
function fillInputs(plan: FastInputPlan, given: readonly boolean[], values: Map<string, Value>, supplied: ReadonlySet<string>): void {
  plan.decls.forEach((d, k) => {
    if (given[k] || supplied.has(d.name)) return;
    if (d.shape === 'scalar' && plan.fallbacks[k] !== undefined) values.set(d.name, plan.fallbacks[k] as Value);
    else if (d.shape === 'group') putGroup(d, values, new Map(), plan.fieldFallbacks[k] as ReadonlyMap<string, Value | undefined>);
    else throw GIVE_UP;
  });
}
