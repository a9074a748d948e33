/**
 * The JSON reader remembers where everything came from and distrusts it: exact number text,
 * offsets for line:column, no duplicate or prototype keys, bounded depth — without recursion.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineIndex } from './locate.js';
import { member, nodeAt, readJson, toPlain, type JsonNode, type JsonProblem } from './read-json.js';

function root(text: string): JsonNode {
  const r = readJson(text);
  if (!r.ok) throw new Error(`${r.problem.code} ${r.problem.detail}`);
  return r.root;
}

/** The problem with its 1-based line and column in `text`. */
function problem(text: string, limits?: Parameters<typeof readJson>[1]): JsonProblem & { line: number; column: number } {
  const r = readJson(text, limits);
  if (r.ok) throw new Error('expected a problem');
  return { ...r.problem, ...new LineIndex(text).position(r.problem.offset) };
}

const rawAt = (text: string, pointer: string): string => {
  const n = nodeAt(root(text), pointer);
  if (n?.type !== 'number') throw new Error(`no number at ${pointer}`);
  return n.raw;
};

describe('readJson — values', () => {
  it('keeps the text of numbers as written ("980.10" stays 980.10, not 980.1)', () => {
    const text = '{"perCapita": 980.10, "zero": 0.00, "neg": -3, "exp": 1e3, "big": 123456789012345678901234567890}';
    expect(rawAt(text, '/perCapita')).toBe('980.10');
    expect(rawAt(text, '/zero')).toBe('0.00');
    expect(rawAt(text, '/neg')).toBe('-3');
    expect(rawAt(text, '/exp')).toBe('1e3'); // kept as written; the engine refuses it later
    // JSON.parse would give 1.2345678901234568e+29.
    expect(rawAt(text, '/big')).toBe('123456789012345678901234567890');
    expect(rawAt('[0.1000000000000000055511151231257827]', '/0')).toBe('0.1000000000000000055511151231257827');
  });

  it('decodes strings and escapes', () => {
    const r = root('{"a": "\\u533b\\u4fdd", "b": "x\\"y\\\\z\\/\\n", "c": "医共体"}');
    expect(toPlain(r)).toEqual(Object.assign(Object.create(null), { a: '医保', b: 'x"y\\z/\n', c: '医共体' }));
  });

  it('reads literals, arrays and nested objects, keeping key order and offsets', () => {
    const text = '{ "b": [true, false, null], "a": {"x": {}} }';
    const r = root(text);
    if (r.type !== 'object') throw new Error('object expected');
    expect(r.keys).toEqual(['b', 'a']);
    expect(r.keyOffsets.map((o) => text.slice(o, o + 3))).toEqual(['"b"', '"a"']);
    expect(nodeAt(r, '/b/1')).toMatchObject({ type: 'boolean', value: false });
    expect(nodeAt(r, '/b/2')).toMatchObject({ type: 'null', value: null });
    expect(nodeAt(r, '/a/x')).toMatchObject({ type: 'object', keys: [] });
    expect(nodeAt(r, '/b/3')).toBeUndefined();
  });

  it('finds members by JSON Pointer with escaped tokens (~1 for /, ~0 for ~)', () => {
    const r = root('{"a/b": {"c~d": 1}}');
    expect(nodeAt(r, '/a~1b/c~0d')).toMatchObject({ type: 'number', raw: '1' });
    expect(member(nodeAt(r, '/a~1b'), 'c~d')).toMatchObject({ raw: '1' });
  });

  it('gives plain values with null-prototype objects for schema validation', () => {
    const plain = toPlain(root('{"a": {"b": 2}}')) as Record<string, Record<string, unknown>>;
    expect(Object.getPrototypeOf(plain)).toBeNull();
    expect(Object.getPrototypeOf(plain['a'])).toBeNull();
    expect(plain['a']?.['b']).toBe(2);
  });

  it('accepts a leading UTF-8 byte-order mark', () => {
    const r = readJson('\uFEFF{"perCapita": "980.00"}');
    expect(r.ok).toBe(true);
    if (r.ok) expect(toPlain(r.root)).toEqual(Object.assign(Object.create(null), { perCapita: '980.00' }));
    expect(readJson('\uFEFF  [1]').ok).toBe(true);
  });

  it('accepts whitespace of every JSON kind, including CRLF line ends', () => {
    expect(readJson('\r\n\t{ "a" :\r\n 1 }\r\n').ok).toBe(true);
  });
});

describe('readJson — problems with line:column', () => {
  it.each([
    ['trailing comma in an object', '{\n  "a": 1,\n  "b": 2,\n}', 'json_syntax', 4, 1, ''],
    ['trailing comma in an array', '{\n  "a": [1, 2,]\n}', 'json_syntax', 2, 14, '/a/2'],
    ['missing colon', '{\n  "a" 1\n}', 'json_syntax', 2, 7, '/a'],
    ['missing comma', '[1\n 2]', 'json_syntax', 2, 2, '/1'],
    ['single quotes', "{'a': 1}", 'json_syntax', 1, 2, ''],
    ['string broken by a line end (at the line end)', '{\n  "a": "abc\n}', 'json_syntax', 2, 12, '/a'],
    ['string unterminated at the end of the file (at its opening quote)', '{\n  "a": "abc', 'json_syntax', 2, 8, '/a'],
    ['bad literal', '{"ok": tru}', 'json_syntax', 1, 8, '/ok'],
    ['NaN is not JSON', '{"x": NaN}', 'json_syntax', 1, 7, '/x'],
    ['leading zero', '[01]', 'json_syntax', 1, 3, '/1'],
    ['bare minus', '[-]', 'json_syntax', 1, 2, '/0'],
    ['decimal point without digits', '[1.]', 'json_syntax', 1, 3, '/1'],
    ['bad escape', '["a\\x"]', 'json_syntax', 1, 4, '/0'],
    ['bad unicode escape', '["\\u12G4"]', 'json_syntax', 1, 3, '/0'],
    ['raw control character in a string', '["a\tb"]', 'json_syntax', 1, 4, '/0'],
    ['text after the document', '{"a": 1}\n{"b": 2}', 'json_syntax', 2, 1, ''],
    ['a comment', '{\n  // note\n  "a": 1\n}', 'json_syntax', 2, 3, ''],
    ['positions count from the line start after CRLF', '{\r\n  "a": 1,\r\n  "b": oops\r\n}', 'json_syntax', 3, 8, '/b'],
  ])('%s', (_, text, code, line, column, pointer) => {
    expect(problem(text)).toMatchObject({ code, line, column, pointer });
  });

  it('refuses a duplicate key, pointing at the second one', () => {
    expect(problem('{\n  "budget": 1,\n  "budget": 2\n}')).toMatchObject({ code: 'json_duplicate_key', line: 3, column: 3, detail: 'budget' });
    expect(problem('{"a": {"x": 1, "y": 2, "x": 3}}')).toMatchObject({ code: 'json_duplicate_key', line: 1, column: 24, pointer: '/a' });
    // The same key in two different objects is fine.
    expect(readJson('[{"id": 1}, {"id": 2}]').ok).toBe(true);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s anywhere', (key) => {
    expect(problem(`{"${key}": {}}`)).toMatchObject({ code: 'json_forbidden_key', line: 1, column: 2, detail: key });
    expect(problem(`[{"a": 1}, {"b": {"${key}": 1}}]`)).toMatchObject({ code: 'json_forbidden_key', column: 19, pointer: '/1/b' });
    // …also when written with an escape.
    const escaped = key.replace(/_/g, '\\u005f').replace(/^c/, '\\u0063').replace(/^p/, '\\u0070');
    expect(problem(`{"${escaped}": 1}`)).toMatchObject({ code: 'json_forbidden_key' });
    // As a value it is only text.
    expect(readJson(`{"name": "${key}"}`).ok).toBe(true);
  });

  it('stops a 200,000-deep nesting at the depth cap, at once and without a stack overflow', () => {
    const arrays = '['.repeat(200_000) + ']'.repeat(200_000);
    const p = problem(arrays);
    // It stops at the 65th bracket: nothing after it is read, so the cost does not grow with depth.
    expect(p).toMatchObject({ code: 'json_too_deep', offset: 64, line: 1, column: 65, detail: '64' });
    expect(p.pointer).toBe('/0'.repeat(64));

    const objects = '{"a":'.repeat(200_000) + '1' + '}'.repeat(200_000);
    expect(problem(objects)).toMatchObject({ code: 'json_too_deep', offset: 64 * 5 });
  });

  it('reads 200,000-deep nesting iteratively when the cap allows it', () => {
    const text = '['.repeat(200_000) + '0' + ']'.repeat(200_000);
    expect(readJson(text, { maxDepth: 1_000_000, maxLength: 10_000_000 }).ok).toBe(true);
  });

  it('accepts exactly the maximum depth', () => {
    expect(readJson('['.repeat(64) + ']'.repeat(64)).ok).toBe(true);
    expect(problem('['.repeat(65) + ']'.repeat(65)).code).toBe('json_too_deep');
  });

  it('refuses a text longer than the size cap before reading it', () => {
    expect(problem('[1, 2, 3]', { maxDepth: 64, maxLength: 5 })).toMatchObject({ code: 'json_too_large', offset: 0 });
  });

  it.each([
    ['empty text', ''],
    ['only whitespace', ' \n\t\r\n'],
    ['only a byte-order mark', '\uFEFF'],
  ])('reports %s as json_empty', (_, text) => {
    expect(problem(text)).toMatchObject({ code: 'json_empty', line: 1, column: 1, pointer: '' });
  });
});

describe('LineIndex', () => {
  it('maps offsets to 1-based line and column', () => {
    const idx = new LineIndex('ab\ncd\n\nef');
    expect(idx.position(0)).toEqual({ line: 1, column: 1 });
    expect(idx.position(2)).toEqual({ line: 1, column: 3 });
    expect(idx.position(3)).toEqual({ line: 2, column: 1 });
    expect(idx.position(6)).toEqual({ line: 3, column: 1 });
    expect(idx.position(8)).toEqual({ line: 4, column: 2 });
  });

  it('does not count a leading byte-order mark as a column', () => {
    const idx = new LineIndex('\uFEFF{"a": 1}\n[2]');
    expect(idx.position(0)).toEqual({ line: 1, column: 1 });
    expect(idx.position(1)).toEqual({ line: 1, column: 1 });
    expect(idx.position(7)).toEqual({ line: 1, column: 7 });
    expect(idx.position(11)).toEqual({ line: 2, column: 2 });
    // The same problem is at the same place with or without the mark.
    expect(problem('\uFEFF{"a": tru}')).toMatchObject({ code: 'json_syntax', line: 1, column: 7 });
    expect(problem('{"a": tru}')).toMatchObject({ code: 'json_syntax', line: 1, column: 7 });
  });
});

describe('readJson — the fast paths read exactly what the grammar says', () => {
  it.each([
    ['1E+5', '1E+5'],
    ['-0.0e-0', '-0.0e-0'],
    ['0', '0'],
    ['-0', '-0'],
    ['12.500', '12.500'],
    ['7e10', '7e10'],
  ])('reads the number %s whole', (text, raw) => {
    expect(rawAt(`[${text}]`, '/0')).toBe(raw);
    expect(readJson(text)).toMatchObject({ ok: true, root: { type: 'number', offset: 0, raw } });
  });

  it.each([
    // An incomplete fraction or exponent is not part of the number: what follows it is refused.
    ['[1.]', 2, '/1', `expected ',' or ']', found ".]"`],
    ['[1e]', 2, '/1', `expected ',' or ']', found "e]"`],
    ['[1e+]', 2, '/1', `expected ',' or ']', found "e+]"`],
    ['[1.5.]', 4, '/1', `expected ',' or ']', found ".]"`],
    ['[-01]', 3, '/1', `expected ',' or ']', found "1]"`],
    ['[0x1]', 2, '/1', `expected ',' or ']', found "x1]"`],
    ['[--1]', 1, '/0', 'unexpected "--1]"'],
    ['[-]', 1, '/0', 'unexpected "-]"'],
    ['[.5]', 1, '/0', 'expected a value, found ".5]"'],
    ['[+1]', 1, '/0', 'expected a value, found "+1]"'],
    ['[nul]', 1, '/0', 'unexpected "nul]"'],
    ['[fals]', 1, '/0', 'unexpected "fals]"'],
  ])('refuses %s at offset %i', (text, offset, pointer, detail) => {
    expect(problem(text)).toMatchObject({ code: 'json_syntax', offset, pointer, detail });
  });

  it('decodes escapes anywhere in a string, and finds a duplicate key whatever its spelling', () => {
    expect(toPlain(root('["plain", "\\u0041 then plain", "plain then \\n", "a\\"b\\\\c"]'))).toEqual(['plain', 'A then plain', 'plain then \n', 'a"b\\c']);
    expect(problem('{"a": 1, "\\u0061": 2}')).toMatchObject({ code: 'json_duplicate_key', offset: 9, detail: 'a' });
    expect(problem('{"\\u0061": 1, "a": 2}')).toMatchObject({ code: 'json_duplicate_key', offset: 14, detail: 'a' });
  });

  it('finds duplicates in objects with many keys, early or late', () => {
    const keys = Array.from({ length: 40 }, (_, k) => `"k${k}": ${k}`);
    expect(readJson(`{${keys.join(', ')}}`).ok).toBe(true);
    const early = `{${[...keys, '"k3": 0'].join(', ')}}`;
    expect(problem(early)).toMatchObject({ code: 'json_duplicate_key', offset: early.lastIndexOf('"k3"'), pointer: '', detail: 'k3' });
    const nested = `{"outer": [{${[...keys.slice(0, 20), '"k19": 0'].join(', ')}}]}`;
    expect(problem(nested)).toMatchObject({ code: 'json_duplicate_key', pointer: '/outer/0', detail: 'k19' });
    // A key set belongs to its object: the same keys in the next object are fine.
    expect(readJson(`[{${keys.join(', ')}}, {${keys.join(', ')}}]`).ok).toBe(true);
  });

  it('points into nested containers with escaped keys', () => {
    expect(problem('{"a/b": {"c~d": [1, {"e": tru}]}}')).toMatchObject({ pointer: '/a~1b/c~0d/1/e' });
    expect(problem('{"a": [[], {}, [1, 2, }]]}')).toMatchObject({ pointer: '/a/2/2' });
    expect(problem('{"a": {"b": 1} "c": 2}')).toMatchObject({ pointer: '', detail: `expected ',' or '}', found "\\"c\\": 2}"` });
    expect(problem('{"a": {"b" 1}}')).toMatchObject({ pointer: '/a/b', detail: `expected ':' after a key, found "1}}"` });
    expect(problem('{"a": {, }}')).toMatchObject({ pointer: '/a', detail: 'expected a key in double quotes, found ", }}"' });
  });

  /** JSON values without the keys the reader refuses (fast-check makes __proto__ on purpose). */
  const jsonValue = fc.jsonValue({ maxDepth: 6 }).filter((v) => !/"(__proto__|constructor|prototype)":/.test(JSON.stringify(v)));

  const stringTokenAt = (text: string, offset: number): string => {
    const token = /"(?:[^"\\]|\\.)*"/y;
    token.lastIndex = offset;
    return token.exec(text)?.[0] ?? '';
  };

  /** Every node's offset is where its token starts; numbers and strings span their text. */
  function checkOffsets(text: string, node: JsonNode): void {
    const at = text[node.offset];
    switch (node.type) {
      case 'object':
        expect(at).toBe('{');
        node.keyOffsets.forEach((o, k) => expect(JSON.parse(stringTokenAt(text, o))).toBe(node.keys[k]));
        node.values.forEach((v) => checkOffsets(text, v));
        break;
      case 'array':
        expect(at).toBe('[');
        node.items.forEach((v) => checkOffsets(text, v));
        break;
      case 'string':
        expect(JSON.parse(text.slice(node.offset, node.end))).toBe(node.value);
        break;
      case 'number':
        expect(text.slice(node.offset, node.offset + node.raw.length)).toBe(node.raw);
        break;
      default:
        expect(text.startsWith(String(node.value), node.offset)).toBe(true);
    }
  }

  it('agrees with JSON.parse on every document it accepts, compact or indented, with or without a BOM', () => {
    fc.assert(
      fc.property(jsonValue, fc.constantFrom(undefined, 2, '\t'), fc.boolean(), (value, indent, bom) => {
        const text = (bom ? '\uFEFF' : '') + JSON.stringify(value, null, indent);
        const r = readJson(text, { maxDepth: 1000, maxLength: 1e9 });
        if (!r.ok) throw new Error(`${r.problem.code} ${r.problem.detail}`);
        expect(JSON.stringify(toPlain(r.root))).toBe(JSON.stringify(JSON.parse(text.replace(/^\uFEFF/, ''))));
        checkOffsets(text, r.root);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses what JSON.parse refuses, on mangled documents', () => {
    const edit = fc.tuple(fc.nat(), fc.constantFrom('', '"', '\\', ',', ':', '{', '}', '[', ']', '-', '.', 'e', '0', ' ', '\n', '\u0001'));
    fc.assert(
      fc.property(jsonValue, fc.array(edit, { minLength: 1, maxLength: 3 }), (value, edits) => {
        let text = JSON.stringify(value);
        for (const [p, s] of edits) {
          const at = p % (text.length + 1);
          text = text.slice(0, at) + s + text.slice(at + 1);
        }
        let parsed = true;
        try {
          JSON.parse(text);
        } catch {
          parsed = false;
        }
        const r = readJson(text, { maxDepth: 1000, maxLength: 1e9 });
        // JSON.parse takes duplicate and prototype keys; the reader does not.
        if (r.ok || !/json_(duplicate|forbidden)_key/.test(r.problem.code)) expect(r.ok).toBe(parsed);
        if (!r.ok) expect(r.problem.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 1000 },
    );
  });
});
