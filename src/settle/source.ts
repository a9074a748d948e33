/**
 * A JSON document read from a named file, with everything needed to point back into it.
 */
import { makeIssue, type Issue, type IssueCode, type IssueFor, type ParamsOf, type Problem } from '../issues/issue.js';
import { LineIndex } from '../json/locate.js';
import { syntaxParams } from '../json/syntax-hint.js';
import { DEFAULT_JSON_LIMITS, nodeAt, readJson, type JsonLimits, type JsonNode, type JsonProblem } from '../json/read-json.js';
import type { Position } from './types.js';

export interface SourceDoc {
  readonly file: string;
  readonly text: string | undefined;
  readonly root: JsonNode;
  /** Set exactly when there is a text; it finds line starts only when first asked. */
  readonly lines: LineIndex | undefined;
}

/** Position of a node (or, for keys, of the key) in the document's text. */
export function positionOf(doc: SourceDoc, offset: number | undefined): Position | undefined {
  if (!doc.lines || offset === undefined) return undefined;
  return doc.lines.position(offset);
}

/** An issue located at a JSON Pointer of the document; `offset` overrides the node's own. */
export function issueAt<C extends IssueCode>(doc: SourceDoc, code: C, pointer: string, params: ParamsOf<C>, offset?: number): IssueFor<C> {
  const off = offset ?? nodeAt(doc.root, pointer)?.offset;
  return makeIssue(code, doc.file, pointer, params, positionOf(doc, off));
}

/** A problem of the JSON reader as an issue's code and parameters. */
function jsonProblem(pr: JsonProblem, text: string, lines: LineIndex, limits: JsonLimits): Problem {
  switch (pr.code) {
    case 'json_syntax':
      return { code: pr.code, params: syntaxParams(text, pr, lines) };
    case 'json_too_deep':
      return { code: pr.code, params: { limit: String(limits.maxDepth) } };
    case 'json_too_large':
      return { code: pr.code, params: { limit: `${Math.round(limits.maxLength / 1024 / 1024)} MB` } };
    case 'json_duplicate_key':
    case 'json_forbidden_key':
      return { code: pr.code, params: { key: pr.detail } };
    case 'json_empty':
      return { code: pr.code, params: {} };
  }
}

/** Reads text into a SourceDoc, or the issue that stops it. */
export function readSource(text: string, file: string, limits: JsonLimits = DEFAULT_JSON_LIMITS): { ok: true; doc: SourceDoc } | { ok: false; issue: Issue } {
  if (text.includes('\u0000')) {
    return { ok: false, issue: makeIssue('file_not_text', file, '', {}) };
  }
  const read = readJson(text, limits);
  if (!read.ok) {
    const lines = new LineIndex(text);
    const { code, params } = jsonProblem(read.problem, text, lines, limits);
    return { ok: false, issue: makeIssue(code, file, read.problem.pointer, params, lines.position(read.problem.offset)) };
  }
  return { ok: true, doc: { file, text, root: read.root, lines: new LineIndex(text) } };
}

/**
 * Builds a SourceDoc from a JavaScript value (API callers): no text, so no line:column.
 *
 * Accepted, as a database driver or JSON.parse gives them: objects, arrays, strings, booleans,
 * null, finite numbers (their shortest round-trip text), bigint (exact integers) and decimal.js
 * values (exact, written without exponent). A property whose value is `undefined` is absent, as
 * in JSON.stringify; anything else (functions, symbols, NaN, Infinity, undefined in a list) is
 * refused with `wrong_type` at its place.
 */
export function sourceFromValue(value: unknown, file: string): { ok: true; doc: SourceDoc } | { ok: false; issue: Issue } {
  const refuse = (pointer: string, v: unknown): { ok: false; issue: Issue } => ({
    ok: false,
    issue: makeIssue('wrong_type', file, pointer, { expected: VALUE_EXPECTED, detail: describeValue(v) }),
  });
  let count = 0;
  const convert = (v: unknown, pointer: string, depth: number): JsonNode | { ok: false; issue: Issue } => {
    if (++count > 50_000_000) return { ok: false, issue: makeIssue('json_too_large', file, pointer, { limit: '5e7 values' }) };
    if (depth > DEFAULT_JSON_LIMITS.maxDepth) return { ok: false, issue: makeIssue('json_too_deep', file, pointer, { limit: String(DEFAULT_JSON_LIMITS.maxDepth) }) };
    if (v === null) return { type: 'null', offset: 0, value: null };
    if (typeof v === 'boolean') return { type: 'boolean', offset: 0, value: v };
    if (typeof v === 'string') return { type: 'string', offset: 0, value: v, end: 0 };
    if (typeof v === 'number') {
      // A JS number's shortest round-trip text; non-finite numbers and exponents are refused later.
      return Number.isFinite(v) ? { type: 'number', offset: 0, raw: String(v) } : { type: 'string', offset: 0, value: String(v), end: 0 };
    }
    if (typeof v === 'bigint') return { type: 'number', offset: 0, raw: v.toString() };
    if (isDecimalJs(v)) return v.isFinite() ? { type: 'number', offset: 0, raw: v.toFixed() } : refuse(pointer, v);
    if (Array.isArray(v)) {
      const items: JsonNode[] = [];
      for (let i = 0; i < v.length; i++) {
        const c = convert(v[i], `${pointer}/${i}`, depth + 1);
        if ('ok' in c) return c;
        items.push(c);
      }
      return { type: 'array', offset: 0, items };
    }
    if (typeof v === 'object') {
      const keys: string[] = [];
      const values: JsonNode[] = [];
      for (const k of Object.keys(v)) {
        if (k === '__proto__' || k === 'constructor' || k === 'prototype') {
          return { ok: false, issue: makeIssue('json_forbidden_key', file, `${pointer}/${k}`, { key: k }) };
        }
        let x: unknown;
        try {
          x = (v as Record<string, unknown>)[k];
        } catch {
          // A getter that throws (a proxy, an ORM row detached from its session) gives no value.
          return refuse(`${pointer}/${k}`, 'a property whose getter throws');
        }
        if (x === undefined) continue;
        const c = convert(x, `${pointer}/${k}`, depth + 1);
        if ('ok' in c) return c;
        keys.push(k);
        values.push(c);
      }
      return { type: 'object', offset: 0, keys, keyOffsets: keys.map(() => 0), values };
    }
    return refuse(pointer, v);
  };
  const root = convert(value, '', 0);
  if ('ok' in root) return root;
  return { ok: true, doc: { file, text: undefined, root, lines: undefined } };
}

const VALUE_EXPECTED = 'text, a number, a bigint, a decimal.js value, true/false, null, a list or an object';

/** A decimal.js value, of any copy of the library: it is known by the tag decimal.js gives it. */
function isDecimalJs(v: unknown): v is { isFinite(): boolean; toFixed(): string } {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as { toStringTag?: unknown; isFinite?: unknown; toFixed?: unknown };
  return d.toStringTag === '[object Decimal]' && typeof d.isFinite === 'function' && typeof d.toFixed === 'function';
}

function describeValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (isDecimalJs(v)) return `Decimal ${String(v)}`;
  return typeof v === 'function' ? 'a function' : typeof v === 'symbol' ? 'a symbol' : String(typeof v);
}

/**
 * The JSON text of a tree, compact, keys in their order: for a value given as an object it is the
 * text its fingerprint is taken of (the same as JSON.stringify for plain JSON values).
 */
export function jsonText(node: JsonNode): string {
  const out: string[] = [];
  const stack: (JsonNode | string)[] = [node];
  // Iterative, so a deep or wide document costs no call stack.
  for (let x = stack.pop(); x !== undefined; x = stack.pop()) {
    if (typeof x === 'string') {
      out.push(x);
      continue;
    }
    switch (x.type) {
      case 'null':
        out.push('null');
        break;
      case 'boolean':
        out.push(String(x.value));
        break;
      case 'number':
        out.push(x.raw);
        break;
      case 'string':
        out.push(JSON.stringify(x.value));
        break;
      case 'array': {
        stack.push(']');
        for (let i = x.items.length - 1; i >= 0; i--) {
          stack.push(x.items[i] as JsonNode);
          if (i > 0) stack.push(',');
        }
        out.push('[');
        break;
      }
      case 'object': {
        stack.push('}');
        for (let i = x.keys.length - 1; i >= 0; i--) {
          stack.push(x.values[i] as JsonNode);
          stack.push(`${JSON.stringify(x.keys[i])}:`);
          if (i > 0) stack.push(',');
        }
        out.push('{');
        break;
      }
    }
  }
  return out.join('');
}
