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

export interface JsonProblem {
  readonly code: JsonProblemCode;
  readonly offset: number;
  /** JSON Pointer of the place, as far as it was read. */
  readonly pointer: string;
  readonly detail: string;
}

export type JsonRead = { readonly ok: true; readonly root: JsonNode } | { readonly ok: false; readonly problem: JsonProblem };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

interface Frame {
  node: JsonObject | JsonArray;
  key: string | null; // the key awaiting a value (objects)
  /** The frame this container sits in, and where: pointers are built only for messages. */
  parent: Frame | undefined;
  at: string | number;
  /** Keys seen so far, once an object has more than a few (small objects scan their keys). */
  seen: Set<string> | undefined;
}

function framePointer(frame: Frame | undefined): string {
  const parts: string[] = [];
  for (let f = frame; f && f.parent !== undefined; f = f.parent) {
    parts.push(typeof f.at === 'number' ? String(f.at) : escapePointerToken(f.at));
  }
  let out = '';
  for (let k = parts.length - 1; k >= 0; k--) out += '/' + (parts[k] as string);
  return out;
}

class Fail {
  constructor(readonly problem: JsonProblem) {}
}

/** Reads JSON text into a tree with offsets. A leading UTF-8 BOM is accepted. */
export function readJson(text: string, limits: JsonLimits = DEFAULT_JSON_LIMITS): JsonRead {
  if (text.length > limits.maxLength) {
    return { ok: false, problem: { code: 'json_too_large', offset: 0, pointer: '', detail: `${text.length}` } };
  }
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const stack: Frame[] = [];
  let root: JsonNode | undefined;

  const fail = (code: JsonProblemCode, offset: number, detail: string): never => {
    const top = stack[stack.length - 1];
    let pointer = framePointer(top);
    if (top && top.node.type === 'array') pointer += '/' + String(top.node.items.length);
    else if (top && top.key !== null) pointer += '/' + escapePointerToken(top.key);
    throw new Fail({ code, offset, pointer, detail });
  };
  const skipWs = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const describe = (at: number): string =>
    at >= n ? 'end of file' : JSON.stringify(text.slice(at, at + 12));

  const readString = (): JsonString => {
    const start = i;
    i++; // opening quote
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= n) fail('json_syntax', start, 'unterminated string');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(chunk, i);
        i++;
        return { type: 'string', offset: start, value: out, end: i };
      }
      if (c < 0x20) fail('json_syntax', i, 'control character in string');
      if (c === 0x5c) {
        out += text.slice(chunk, i);
        const e = text[i + 1];
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            const hex = text.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('json_syntax', i, 'bad \\u escape');
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
            break;
          }
          default:
            fail('json_syntax', i, 'bad escape');
        }
        i += 2;
        chunk = i;
        continue;
      }
      i++;
    }
  };
  const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const readNumber = (): JsonNumber => {
    NUMBER_RE.lastIndex = i;
    const m = NUMBER_RE.exec(text);
    if (!m || m[0].length === 0 || m[0] === '-') fail('json_syntax', i, `unexpected ${describe(i)}`);
    const raw = (m as RegExpExecArray)[0];
    const node: JsonNumber = { type: 'number', offset: i, raw };
    i += raw.length;
    return node;
  };
  const readLiteral = (word: 'true' | 'false' | 'null'): JsonLiteral => {
    if (text.startsWith(word, i)) {
      const node: JsonLiteral = {
        type: word === 'null' ? 'null' : 'boolean',
        offset: i,
        value: word === 'null' ? null : word === 'true',
      };
      i += word.length;
      return node;
    }
    return fail('json_syntax', i, `unexpected ${describe(i)}`);
  };

  // Attach a finished value to the frame on top of the stack (or make it the root).
  const attach = (node: JsonNode): void => {
    const top = stack[stack.length - 1];
    if (!top) {
      root = node;
      return;
    }
    if (top.node.type === 'array') top.node.items.push(node);
    else {
      top.node.values.push(node);
      top.key = null;
    }
  };

  try {
    skipWs();
    if (i >= n) {
      return { ok: false, problem: { code: 'json_empty', offset: 0, pointer: '', detail: 'empty document' } };
    }
    // Each loop turn reads one value (opening containers pushes a frame) and then the
    // separators after it, closing as many containers as end there.
    for (;;) {
      skipWs();
      const c = text[i];
      const top = stack[stack.length - 1];
      if (c === '{' || c === '[') {
        if (stack.length >= limits.maxDepth) fail('json_too_deep', i, String(limits.maxDepth));
        const node: JsonObject | JsonArray =
          c === '{'
            ? { type: 'object', offset: i, keys: [], keyOffsets: [], values: [] }
            : { type: 'array', offset: i, items: [] };
        const at: string | number = top ? (top.node.type === 'array' ? top.node.items.length : (top.key ?? '')) : '';
        attach(node);
        stack.push({ node, key: null, parent: top, at, seen: undefined });
        i++;
        skipWs();
        if ((c === '{' && text[i] === '}') || (c === '[' && text[i] === ']')) {
          i++;
          stack.pop();
        } else if (c === '{') {
          readKey();
          continue;
        } else continue;
      } else if (c === '"') attach(readString());
      else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) attach(readNumber());
      else if (c === 't') attach(readLiteral('true'));
      else if (c === 'f') attach(readLiteral('false'));
      else if (c === 'n') attach(readLiteral('null'));
      else fail('json_syntax', i, `expected a value, found ${describe(i)}`);

      // After a value: a comma (next item or key), or closing brackets.
      for (;;) {
        skipWs();
        const frame = stack[stack.length - 1];
        if (!frame) {
          if (i < n) fail('json_syntax', i, `unexpected ${describe(i)} after the document`);
          return { ok: true, root: root as JsonNode };
        }
        const d = text[i];
        if (d === ',') {
          i++;
          if (frame.node.type === 'object') readKey();
          break;
        }
        if ((d === '}' && frame.node.type === 'object') || (d === ']' && frame.node.type === 'array')) {
          i++;
          stack.pop();
          continue;
        }
        fail('json_syntax', i, `expected ${frame.node.type === 'object' ? "',' or '}'" : "',' or ']'"}, found ${describe(i)}`);
      }
    }
  } catch (e) {
    if (e instanceof Fail) return { ok: false, problem: e.problem };
    if (e instanceof RangeError) {
      return { ok: false, problem: { code: 'json_too_large', offset: i, pointer: '', detail: 'out of memory' } };
    }
    throw e;
  }

  function readKey(): void {
    skipWs();
    if (text[i] !== '"') fail('json_syntax', i, `expected a key in double quotes, found ${describe(i)}`);
    const frame = stack[stack.length - 1] as Frame;
    const obj = frame.node as JsonObject;
    const keyNode = readString();
    const key = keyNode.value;
    if (FORBIDDEN_KEYS.has(key)) fail('json_forbidden_key', keyNode.offset, key);
    if (obj.keys.length < 16) {
      if (obj.keys.includes(key)) fail('json_duplicate_key', keyNode.offset, key);
    } else {
      frame.seen ??= new Set(obj.keys);
      if (frame.seen.has(key)) fail('json_duplicate_key', keyNode.offset, key);
      frame.seen.add(key);
    }
    obj.keys.push(key);
    obj.keyOffsets.push(keyNode.offset);
    frame.key = key;
    skipWs();
    if (text[i] !== ':') fail('json_syntax', i, `expected ':' after a key, found ${describe(i)}`);
    i++;
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
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
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
