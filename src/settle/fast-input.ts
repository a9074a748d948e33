/**
 * The input document read straight from its text into values, for bulk runs without a trace.
 *
 * The general reader builds a tree with the offset of every node, so any problem can be placed
 * at its line and column, and then reads the declared inputs from that tree. Most documents in a
 * batch have no problem at all: every declared input once, nothing else, each value valid as
 * written. This reader takes such a document in one pass, with no tree. At anything else — an
 * input missing (a default may apply), an unknown or repeated key, an escape in a string, a
 * null, a value of the wrong kind or out of range, a group or a list, a duplicate row key — it
 * gives up, and the settlement reads the document the general way. Values are the same either
 * way, and every message comes from the general reader (fast-input.test.ts holds both to it).
 */
import { DEFAULT_JSON_LIMITS, isForbiddenKey, numberEnd, plainStringEnd, skipWs } from '../json/read-json.js';
import type { Row, TableValue, Value } from '../formula/types.js';
import { D } from '../money/decimal.js';
import { fastPlan, MAX_ROWS, newRow, readNumber, type FastColumn, type InputDecl, type ScalarDecl } from './declarations.js';

/** Thrown to give up on the fast reading; never leaves this module. */
const GIVE_UP = Symbol('give up');

interface Plan {
  readonly byName: ReadonlyMap<string, { readonly index: number; readonly decl: InputDecl }>;
  /** Per table input, its columns by name (undefined: a table with a map column). */
  readonly columns: ReadonlyMap<string, ReadonlyMap<string, FastColumn> | undefined>;
}

const plans = new WeakMap<readonly InputDecl[], Plan>();

function planOf(decls: readonly InputDecl[]): Plan {
  let plan = plans.get(decls);
  if (!plan) {
    const columns = new Map<string, ReadonlyMap<string, FastColumn> | undefined>();
    for (const d of decls) {
      if (d.shape !== 'table') continue;
      const cols = fastPlan(d);
      columns.set(d.name, cols ? new Map(cols.map((c) => [c.name, c])) : undefined);
    }
    plan = { byName: new Map(decls.map((decl, index) => [decl.name, { index, decl }])), columns };
    plans.set(decls, plan);
  }
  return plan;
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

  /** A string with no escape: its text. */
  plainString(): string {
    const close = plainStringEnd(this.text, this.i);
    if (close < 0) throw GIVE_UP;
    const s = this.text.slice(this.i + 1, close);
    this.i = close + 1;
    return s;
  }

  /** `"key":`, a key that can be a property name. */
  key(): string {
    if (this.ws() !== 0x22) throw GIVE_UP;
    const k = this.plainString();
    if (isForbiddenKey(k)) throw GIVE_UP;
    this.expect(0x3a);
    return k;
  }

  /** A scalar of a declared kind, valid as written. */
  scalar(decl: Pick<ScalarDecl, 'kind' | 'min' | 'max' | 'choices'>): Value {
    const c = this.ws();
    const kind = decl.kind;
    if (c === 0x22) {
      const s = this.plainString();
      if (kind === 'text') {
        if (decl.choices && !decl.choices.includes(s)) throw GIVE_UP;
        return s;
      }
      if (kind === 'boolean') throw GIVE_UP;
      return this.number(decl, s);
    }
    if (c === 0x74 || c === 0x66) {
      const word = c === 0x74 ? 'true' : 'false';
      if (kind !== 'boolean' || !this.text.startsWith(word, this.i)) throw GIVE_UP;
      this.i += word.length;
      return c === 0x74;
    }
    if (kind === 'text' || kind === 'boolean') throw GIVE_UP;
    const end = numberEnd(this.text, this.i);
    if (end === this.i) throw GIVE_UP;
    const raw = this.text.slice(this.i, end);
    this.i = end;
    return this.number(decl, raw);
  }

  private number(decl: Pick<ScalarDecl, 'kind' | 'min' | 'max'>, text: string): Value {
    const v = readNumber(decl, text);
    if (!(v instanceof D)) throw GIVE_UP;
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

  /** A group's fields, each once, into `group.field`. */
  group(d: Extract<InputDecl, { shape: 'group' }>, values: Map<string, Value>): void {
    this.expect(0x7b);
    let count = 0;
    if (this.ws() === 0x7d) this.i++;
    else
      do {
        const f = this.key();
        const fd = d.fields.get(f);
        const name = `${d.name}.${f}`;
        if (!fd || values.has(name)) throw GIVE_UP;
        values.set(name, this.scalar(fd));
        count++;
      } while (this.more(0x7d));
    if (count !== d.fields.size) throw GIVE_UP;
  }

  table(d: Extract<InputDecl, { shape: 'table' }>, columns: ReadonlyMap<string, FastColumn>): TableValue {
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
          const c = columns.get(this.key());
          // A column named twice is a problem for the general reader to place.
          if (!c || row[c.name] !== undefined) throw GIVE_UP;
          row[c.name] = this.scalar(c.decl);
          count++;
        } while (this.more(0x7d));
      } else this.i++;
      if (count !== columns.size) throw GIVE_UP;
      if (index && key) {
        const k = row[key];
        if (typeof k === 'string') {
          if (index.has(k)) throw GIVE_UP;
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
export function readInputsFast(decls: readonly InputDecl[], text: string): Map<string, Value> | undefined {
  if (text.length > DEFAULT_JSON_LIMITS.maxLength) return undefined;
  const plan = planOf(decls);
  const at = new Cursor(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  const values = new Map<string, Value>();
  const given: boolean[] = [];
  let seen = 0;
  try {
    at.expect(0x7b);
    if (at.ws() === 0x7d) return undefined; // an empty document: inputs are missing
    do {
      const name = at.key();
      const entry = plan.byName.get(name);
      if (!entry || given[entry.index]) return undefined;
      given[entry.index] = true;
      const d = entry.decl;
      seen++;
      if (d.shape === 'scalar') values.set(name, at.scalar(d.decl));
      else if (d.shape === 'table') {
        const columns = plan.columns.get(name);
        if (!columns) return undefined;
        values.set(name, at.table(d, columns));
      } else if (d.shape === 'list') values.set(name, at.list(d));
      else at.group(d, values);
    } while (at.more(0x7d));
    // Nothing after the document, and every input given.
    at.ws();
    return at.i < text.length || seen !== decls.length ? undefined : values;
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}
