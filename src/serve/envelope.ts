/**
 * Reads a request body: its top-level members (and the members of those that are objects),
 * each with the offsets of its exact text. Documents inside the body (a rule file, an input)
 * are not converted to JavaScript values here: their text is cut out and handed to the
 * library, which reads numbers from their digits (`JSON.parse` would turn 12345678901234567.89
 * into a double) and reports problems with line:column in that text.
 */
import { visit } from 'jsonc-parser';
import type { Issue, Position } from '../index.js';
import type { ProblemOf } from '../issues/issue.js';
import { serviceIssue } from './issues.js';

/** JSON value types, as JSON Schema names them. */
export type JsonType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/** One member of the body (depth 1) or of a top-level object (depth 2). */
export interface Member {
  readonly key: string;
  readonly keyOffset: number;
  readonly type: JsonType;
  /** Offsets of the value's text: `text.slice(offset, end)` is the member's JSON exactly. */
  readonly offset: number;
  readonly end: number;
  /** Strings decoded; numbers as their digits; booleans; null. Undefined for objects and arrays. */
  readonly value: string | boolean | null | undefined;
  /** The members of an object at depth 1; undefined otherwise. */
  readonly members: ReadonlyMap<string, Member> | undefined;
}

/** A request body read: its text and top-level members, by name. */
export interface Envelope {
  readonly text: string;
  readonly members: ReadonlyMap<string, Member>;
}

/** The deepest nesting a body may have: a document inside it keeps the library's 64 levels. */
export const MAX_BODY_DEPTH = 65;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** jsonc-parser's ParseErrorCode values (a const enum, so not importable), in the library's words. */
const SYNTAX_DETAIL: readonly string[] = [
  'invalid JSON',
  'unexpected character', // 1 InvalidSymbol
  'invalid number', // 2 InvalidNumberFormat
  'expected a key in double quotes', // 3 PropertyNameExpected
  'expected a value', // 4 ValueExpected
  "expected ':' after a key", // 5 ColonExpected
  "expected ',' between members", // 6 CommaExpected
  "expected ',' or '}'", // 7 CloseBraceExpected
  "expected ',' or ']'", // 8 CloseBracketExpected
  'unexpected text after the document', // 9 EndOfFileExpected
  'comments are not allowed in JSON', // 10 InvalidCommentToken
  'comments are not allowed in JSON', // 11 UnexpectedEndOfComment
  'unterminated string', // 12 UnexpectedEndOfString
  'invalid number', // 13 UnexpectedEndOfNumber
  'bad \\u escape', // 14 InvalidUnicode
  'bad escape', // 15 InvalidEscapeCharacter
  'control character in string', // 16 InvalidCharacter
];

/** Line and column (1-based, UTF-16 code units, as the library counts) of an offset in a text. */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Where nesting first goes deeper than `limit` (strings skipped), or -1: checked before parsing, whose recursion it bounds. */
function tooDeepAt(text: string, limit: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}

interface Open {
  readonly key: string;
  readonly keyOffset: number;
  readonly offset: number;
  readonly type: 'object' | 'array';
  readonly members: Map<string, Member> | undefined;
}

/** Reads a body's text; the first problem (syntax, nesting, a repeated or forbidden key) refuses it. */
export function readEnvelope(text: string): { ok: true; envelope: Envelope } | { ok: false; issue: Issue } {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const refuse = (problem: ProblemOf<'json_syntax' | 'json_too_deep' | 'json_duplicate_key' | 'json_forbidden_key' | 'json_empty'>, offset: number) => ({
    ok: false as const,
    issue: serviceIssue(problem.code, '', problem.params, positionAt(text, offset)),
  });
  if (text.slice(start).trim() === '') return refuse({ code: 'json_empty', params: {} }, 0);
  const deep = tooDeepAt(text, MAX_BODY_DEPTH);
  if (deep >= 0) return refuse({ code: 'json_too_deep', params: { limit: MAX_BODY_DEPTH } }, deep);

  const root = new Map<string, Member>();
  const stack: Open[] = [];
  let pendingKey: { key: string; offset: number } | undefined;
  let problem: ReturnType<typeof refuse> | undefined;
  let rootType: JsonType | undefined;

  /** The map a value at the current depth is recorded in (depth 1 and 2 only). */
  const container = (): Map<string, Member> | undefined => (stack.length === 1 ? root : stack.length === 2 ? stack[1]?.members : undefined);
  const record = (m: Member): void => {
    container()?.set(m.key, m);
  };
  const onKey = (key: string, offset: number): void => {
    pendingKey = { key, offset };
    const c = container();
    if (!c || problem) return;
    if (FORBIDDEN_KEYS.has(key)) problem = refuse({ code: 'json_forbidden_key', params: { key } }, offset);
    else if (c.has(key)) problem = refuse({ code: 'json_duplicate_key', params: { key } }, offset);
  };
  const open = (type: 'object' | 'array', offset: number): void => {
    if (stack.length === 0) rootType ??= type;
    const k = pendingKey ?? { key: '', offset };
    pendingKey = undefined;
    stack.push({ key: k.key, keyOffset: k.offset, offset, type, members: stack.length === 1 && type === 'object' ? new Map() : undefined });
  };
  const close = (offset: number): void => {
    const o = stack.pop();
    if (o && stack.length >= 1) record({ key: o.key, keyOffset: o.keyOffset, type: o.type, offset: o.offset, end: offset + 1, value: undefined, members: o.members });
  };
  // A BOM becomes a blank of the same length, so offsets stay those of the text.
  visit(
    start === 1 ? ` ${text.slice(1)}` : text,
    {
      onObjectBegin: (offset) => open('object', offset),
      onArrayBegin: (offset) => open('array', offset),
      onObjectEnd: close,
      onArrayEnd: close,
      onObjectProperty: onKey,
      onLiteralValue: (value: unknown, offset, length) => {
        if (stack.length === 0) rootType ??= literalType(value);
        const k = pendingKey;
        pendingKey = undefined;
        if (!k || stack.length > 2) return;
        const raw = text.slice(offset, offset + length);
        const type = literalType(value);
        record({ key: k.key, keyOffset: k.offset, type, offset, end: offset + length, value: type === 'number' ? raw : (value as string | boolean | null), members: undefined });
      },
      onError: (code, offset) => {
        problem ??= refuse({ code: 'json_syntax', params: { detail: SYNTAX_DETAIL[code] ?? 'invalid JSON' } }, offset);
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  if (problem) return problem;
  if (rootType !== 'object') return { ok: false, issue: serviceIssue('wrong_type', '', { expected: 'object' }, positionAt(text, start)) };
  return { ok: true, envelope: { text, members: root } };
}

function literalType(value: unknown): JsonType {
  return value === null ? 'null' : typeof value === 'string' ? 'string' : typeof value === 'boolean' ? 'boolean' : 'number';
}

/**
 * The body as a plain value for schema validation: scalars as they are (numbers as numbers, for
 * their type only), objects one level down, and each document inside the body as an empty
 * object or array of its type, since the library checks those itself, with their positions.
 */
export function validationView(envelope: Envelope): Record<string, unknown> {
  const view = (m: Member): unknown => {
    if (m.type === 'array') return [];
    if (m.type === 'number') return Number(m.value);
    if (m.type !== 'object') return m.value;
    const o: Record<string, unknown> = {};
    for (const [k, c] of m.members ?? []) o[k] = c.type === 'object' ? {} : view(c);
    return o;
  };
  const out: Record<string, unknown> = {};
  for (const [k, m] of envelope.members) out[k] = view(m);
  return out;
}

/** The exact JSON text of a member. */
export function memberText(envelope: Envelope, m: Member): string {
  return envelope.text.slice(m.offset, m.end);
}
