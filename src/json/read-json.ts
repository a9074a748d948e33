/**
 * A JSON reader that remembers where everything came from and distrusts it.
 *
 * JSON.parse cannot be used: it turns `980.10` into a binary float, loses positions, recurses
 * (a 200,000-deep file overflows the stack) and lets `__proto__` through. This reader is
 * iterative, keeps the source text of every number, records offsets for line:column, and
 * refuses duplicate keys, prototype keys, and documents deeper or larger than the caps.
 */

export type JsonNode = JsonObject | JsonArray | JsonString | JsonNumber | JsonLiteral;

export interface JsonObject {
  readonly type: 'object';
  readonly offset: number;
  /** Keys in file order, with the offset of each key. */
  readonly keys: string[];
  readonly keyOffsets: number[];
  readonly values: JsonNode[];
}
export interface JsonArray {
  readonly type: 'array';
  readonly offset: number;
  readonly items: JsonNode[];
}
export interface JsonString {
  readonly type: 'string';
  readonly offset: number;
  readonly value: string;
  /** Offset just after the closing quote; with `offset` it spans the raw token. */
  readonly end: number;
}
export interface JsonNumber {
  readonly type: 'number';
  readonly offset: number;
  /** The exact text of the number as written. */
  readonly raw: string;
}
export interface JsonLiteral {
  readonly type: 'boolean' | 'null';
  readonly offset: number;
  readonly value: boolean | null;
}

export interface JsonLimits {
  readonly maxDepth: number;
  readonly maxLength: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = { maxDepth: 64, maxLength: 512 * 1024 * 1024 };

export type JsonProblemCode =
  | 'json_syntax'
  | 'json_empty'
  | 'json_too_deep'
  | 'json_too_large'
  | 'json_duplicate_key'
  | 'json_forbidden_key';

/**
 * What the reader was looking for where a `json_syntax` problem stopped it: a key, the colon
 * after one, a comma or closing bracket after a value, a value, the rest of a string, or the end
 * of the document. With the text, it is enough to say where to fix (see syntax-hint.ts).
 */
export type SyntaxExpectation = 'key' | 'colon' | 'separator' | 'value' | 'string' | 'end';

export interface JsonProblem {
  readonly code: JsonProblemCode;
  readonly offset: number;
  /** JSON Pointer of the place, as far as it was read. */
  readonly pointer: string;
  readonly detail: string;
  /** For json_syntax: what was expected at `offset`. */
  readonly expected?: SyntaxExpectation;
  /** For json_syntax inside a container: the offset of the innermost open `{` or `[`. */
  readonly open?: number;
}

export type JsonRead = { readonly ok: true; readonly root: JsonNode } | { readonly ok: false; readonly problem: JsonProblem };

// Character codes the reader branches on: numbers from charCodeAt allocate nothing, where
// text[i] makes a one-character string.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

export function escapePointerToken(token: string): string {
  // The engine builds a pointer for every input it reads, and keys almost never hold either
  // character: two regex replaces each time were a visible share of a settlement.
  if (!token.includes('~') && !token.includes('/')) return token;
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

type Container = JsonObject | JsonArray;

/**
 * The JSON Pointer of the place being read, from the open containers alone: each container's
 * child is its last member, and the top one's next slot is the key awaiting a value (an object
 * with one key more than values) or the next index. Only failures need it, so nothing is
 * recorded for it while reading.
 */
function pointerOf(stack: readonly Container[]): string {
  let out = '';
  const top = stack.length - 1;
  for (let d = 0; d <= top; d++) {
    const node = stack[d] as Container;
    if (node.type === 'array') out += '/' + String(d < top ? node.items.length - 1 : node.items.length);
    else if (d < top || node.keys.length > node.values.length) {
      out += '/' + escapePointerToken(node.keys[node.keys.length - 1] as string);
    }
  }
  return out;
}

class Fail {
  constructor(readonly problem: JsonProblem) {}
}

function fail(stack: readonly Container[], code: JsonProblemCode, offset: number, detail: string, expected?: SyntaxExpectation): never {
  const top = stack[stack.length - 1];
  throw new Fail({ code, offset, pointer: pointerOf(stack), detail, ...(expected ? { expected } : {}), ...(top ? { open: top.offset } : {}) });
}

function describe(text: string, at: number): string {
  return at >= text.length ? 'end of file' : JSON.stringify(text.slice(at, at + 12));
}

/**
 * Whether text[i, i + word.length) is `word`, compared by char codes: no slice is made, and
 * startsWith would first check whether its argument is a regular expression.
 */
export function spellsAt(text: string, i: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (text.charCodeAt(i + k) !== word.charCodeAt(k)) return false;
  return true;
}

/** The first offset from `i` that is not JSON whitespace. */
export function skipWs(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    // Most calls are already at a token. Past the end c is NaN, which fails every test.
    if (c > 0x20) return i;
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

function digitsEnd(text: string, i: number): number {
  while (isDigit(text.charCodeAt(i))) i++;
  return i;
}

/**
 * The end of the longest number at `start` in JSON's grammar,
 * `-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`, or `start` when there is none. An incomplete
 * fraction or exponent (`1.`, `1e+`) is left unread, so what follows the number is refused.
 */
export function numberEnd(text: string, start: number): number {
  let i = text.charCodeAt(start) === MINUS ? start + 1 : start;
  const first = text.charCodeAt(i);
  if (first === ZERO) i++;
  else if (isDigit(first)) i = digitsEnd(text, i + 1);
  else return start;
  if (text.charCodeAt(i) === DOT && isDigit(text.charCodeAt(i + 1))) i = digitsEnd(text, i + 2);
  const e = text.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    const sign = text.charCodeAt(i + 1);
    const digits = sign === PLUS || sign === MINUS ? i + 2 : i + 1;
    if (isDigit(text.charCodeAt(digits))) i = digitsEnd(text, digits + 1);
  }
  return i;
}

/**
 * The offset of the closing quote of the string opening at `start`, or -1 if the string needs
 * decoding or refusing (an escape, a control character, no closing quote). Nearly every string
 * in an input file is plain, and its value is then one slice of the text.
 */
export function plainStringEnd(text: string, start: number): number {
  const n = text.length;
  for (let i = start + 1; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i;
    if (c === BACKSLASH || c < 0x20) return -1;
  }
  return -1;
}

/** What a one-character escape (the character after the backslash) stands for. */
function unescapeChar(e: string): string | undefined {
  switch (e) {
    case '"': return '"';
    case '\\': return '\\';
    case '/': return '/';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    default: return undefined;
  }
}

/** Reads a string that is not plain: decodes its escapes, or refuses it. */
function decodeString(text: string, start: number, stack: readonly Container[]): JsonString {
  const n = text.length;
  let i = start + 1;
  let out = '';
  let chunk = i;
  for (;;) {
    if (i >= n) fail(stack, 'json_syntax', start, 'unterminated string', 'string');
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      out += text.slice(chunk, i);
      return { type: 'string', offset: start, value: out, end: i + 1 };
    }
    if (c < 0x20) fail(stack, 'json_syntax', i, 'control character in string', 'string');
    if (c !== BACKSLASH) {
      i++;
      continue;
    }
    out += text.slice(chunk, i);
    const e = text.charAt(i + 1);
    if (e === 'u') {
      const hex = text.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail(stack, 'json_syntax', i, 'bad \\u escape', 'string');
      out += String.fromCharCode(parseInt(hex, 16));
      i += 6;
    } else {
      const decoded = unescapeChar(e);
      if (decoded === undefined) fail(stack, 'json_syntax', i, 'bad escape', 'string');
      out += decoded;
      i += 2;
    }
    chunk = i;
  }
}

function readString(text: string, start: number, stack: readonly Container[]): JsonString {
  const close = plainStringEnd(text, start);
  if (close < 0) return decodeString(text, start, stack);
  return { type: 'string', offset: start, value: text.slice(start + 1, close), end: close + 1 };
}

export function isForbiddenKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

/** Up to this many keys an object is scanned for a duplicate; beyond, it gets a Set. */
const SCAN_KEYS = 16;

/**
 * Reads `"key" :` into the object on top of the stack, refusing prototype and duplicate keys;
 * returns the offset after the colon. `seen` holds the key sets of open objects, by depth.
 */
function readKey(text: string, at: number, stack: readonly Container[], seen: (Set<string> | undefined)[]): number {
  const start = skipWs(text, at);
  if (text.charCodeAt(start) !== QUOTE) {
    fail(stack, 'json_syntax', start, `expected a key in double quotes, found ${describe(text, start)}`, 'key');
  }
  const depth = stack.length - 1;
  const obj = stack[depth] as JsonObject;
  const close = plainStringEnd(text, start);
  const decoded = close < 0 ? decodeString(text, start, stack) : undefined;
  const key = decoded ? decoded.value : text.slice(start + 1, close);
  if (isForbiddenKey(key)) fail(stack, 'json_forbidden_key', start, key);
  if (obj.keys.length < SCAN_KEYS) {
    if (obj.keys.includes(key)) fail(stack, 'json_duplicate_key', start, key);
  } else {
    const keys = (seen[depth] ??= new Set(obj.keys));
    if (keys.has(key)) fail(stack, 'json_duplicate_key', start, key);
    keys.add(key);
  }
  obj.keys.push(key);
  obj.keyOffsets.push(start);
  const colon = skipWs(text, decoded ? decoded.end : close + 1);
  if (text.charCodeAt(colon) !== COLON) fail(stack, 'json_syntax', colon, `expected ':' after a key, found ${describe(text, colon)}`, 'colon');
  return colon + 1;
}

/** A value that is not a container, at `i` (not whitespace); refused if there is none. */
function readScalar(text: string, i: number, stack: readonly Container[]): JsonString | JsonNumber | JsonLiteral {
  const c = text.charCodeAt(i);
  if (c === QUOTE) return readString(text, i, stack);
  if (c === MINUS || isDigit(c)) {
    const end = numberEnd(text, i);
    if (end === i) fail(stack, 'json_syntax', i, `unexpected ${describe(text, i)}`, 'value');
    return { type: 'number', offset: i, raw: text.slice(i, end) };
  }
  const word = c === 0x74 ? 'true' : c === 0x66 ? 'false' : c === 0x6e ? 'null' : undefined;
  if (word !== undefined) {
    if (!text.startsWith(word, i)) fail(stack, 'json_syntax', i, `unexpected ${describe(text, i)}`, 'value');
    return word === 'null' ? { type: 'null', offset: i, value: null } : { type: 'boolean', offset: i, value: word === 'true' };
  }
  return fail(stack, 'json_syntax', i, `expected a value, found ${describe(text, i)}`, 'value');
}

/** Where a scalar's source text ends, to step over it. */
function scalarEnd(node: JsonString | JsonNumber | JsonLiteral): number {
  switch (node.type) {
    case 'string':
      return node.end;
    case 'number':
      return node.offset + node.raw.length;
    case 'boolean':
      return node.offset + (node.value ? 4 : 5);
    case 'null':
      return node.offset + 4;
  }
}

/** Adds a finished value to the container on top of the stack. */
function attach(top: Container, node: JsonNode): void {
  if (top.type === 'array') top.items.push(node);
  else top.values.push(node);
}

/** Reads JSON text into a tree with offsets. A leading UTF-8 BOM is accepted. */
export function readJson(text: string, limits: JsonLimits = DEFAULT_JSON_LIMITS): JsonRead {
  if (text.length > limits.maxLength) {
    return { ok: false, problem: { code: 'json_too_large', offset: 0, pointer: '', detail: `${text.length}` } };
  }
  const n = text.length;
  let i = skipWs(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (i >= n) {
    return { ok: false, problem: { code: 'json_empty', offset: 0, pointer: '', detail: 'empty document' } };
  }
  // The open containers, innermost last. Everything lives in locals and plain functions (no
  // closures over the position), which keeps the position in a register.
  const stack: Container[] = [];
  const seen: (Set<string> | undefined)[] = [];
  let root: JsonNode | undefined;
  try {
    // Each loop turn reads one value (opening containers pushes one) and then the separators
    // after it, closing as many containers as end there.
    for (;;) {
      i = skipWs(text, i);
      const c = text.charCodeAt(i);
      const top = stack[stack.length - 1];
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (stack.length >= limits.maxDepth) fail(stack, 'json_too_deep', i, String(limits.maxDepth));
        const node: Container =
          c === OPEN_OBJECT
            ? { type: 'object', offset: i, keys: [], keyOffsets: [], values: [] }
            : { type: 'array', offset: i, items: [] };
        if (top) attach(top, node);
        else root = node;
        stack.push(node);
        seen[stack.length - 1] = undefined;
        i = skipWs(text, i + 1);
        const d = text.charCodeAt(i);
        if (c === OPEN_OBJECT ? d === CLOSE_OBJECT : d === CLOSE_ARRAY) {
          i++;
          stack.pop();
        } else {
          if (c === OPEN_OBJECT) i = readKey(text, i, stack, seen);
          continue;
        }
      } else {
        const node = readScalar(text, i, stack);
        if (top) attach(top, node);
        else root = node;
        i = scalarEnd(node);
      }

      // After a value: a comma (next item or key), or closing brackets.
      for (;;) {
        i = skipWs(text, i);
        const frame = stack[stack.length - 1];
        if (!frame) {
          if (i < n) fail(stack, 'json_syntax', i, `unexpected ${describe(text, i)} after the document`, 'end');
          return { ok: true, root: root as JsonNode };
        }
        const d = text.charCodeAt(i);
        if (d === COMMA) {
          i++;
          if (frame.type === 'object') i = readKey(text, i, stack, seen);
          break;
        }
        if (frame.type === 'object' ? d === CLOSE_OBJECT : d === CLOSE_ARRAY) {
          i++;
          stack.pop();
          continue;
        }
        fail(stack, 'json_syntax', i, `expected ${frame.type === 'object' ? "',' or '}'" : "',' or ']'"}, found ${describe(text, i)}`, 'separator');
      }
    }
  } catch (e) {
    if (e instanceof Fail) return { ok: false, problem: e.problem };
    if (e instanceof RangeError) {
      return { ok: false, problem: { code: 'json_too_large', offset: i, pointer: '', detail: 'out of memory' } };
    }
    throw e;
  }
}

/** The child of an object by key, or undefined. */
export function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!node || node.type !== 'object') return undefined;
  const k = node.keys.indexOf(key);
  return k < 0 ? undefined : node.values[k];
}

/** The node at a JSON Pointer, or undefined. */
export function nodeAt(root: JsonNode, pointer: string): JsonNode | undefined {
  if (pointer === '') return root;
  let node: JsonNode | undefined = root;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.includes('~') ? raw.replace(/~1/g, '/').replace(/~0/g, '~') : raw;
    if (!node) return undefined;
    if (node.type === 'object') node = member(node, token);
    else if (node.type === 'array') node = /^\d+$/.test(token) ? node.items[Number(token)] : undefined;
    else return undefined;
  }
  return node;
}

/**
 * The plain JavaScript value of a node, for schema validation only: numbers become JS numbers
 * (their exact text stays in the tree), objects get a null prototype.
 */
export function toPlain(node: JsonNode): unknown {
  switch (node.type) {
    case 'string':
      return node.value;
    case 'number':
      return Number(node.raw);
    case 'boolean':
    case 'null':
      return node.value;
    case 'array':
      return node.items.map(toPlain);
    case 'object': {
      const out = Object.create(null) as Record<string, unknown>;
      node.keys.forEach((k, idx) => {
        out[k] = toPlain(node.values[idx] as JsonNode);
      });
      return out;
    }
  }
}
