/**
 * Line:column answers do not depend on when the line index is built: it is built on the first
 * question, and a SourceDoc read from text still has one to ask.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSource, sourceFromValue, positionOf } from '../settle/source.js';
import { LineIndex } from './locate.js';

/** Line and column counted the slow way, character by character. */
function naivePosition(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: Math.max(1, offset - lineStart + 1) };
}

describe('LineIndex', () => {
  it('answers like a character-by-character count, in any order of questions', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '医', '\n', '\r', '\uFEFF', ' '), maxLength: 80 });
    fc.assert(
      fc.property(text, fc.array(fc.nat(90), { maxLength: 8 }), (t, offsets) => {
        const idx = new LineIndex(t);
        for (const o of offsets) expect(idx.position(o)).toEqual(naivePosition(t, o));
      }),
    );
  });

  it('gives positions from a SourceDoc read from text, and none for one made from a value', () => {
    const text = '{\n  "a": 1,\n  "b": [true]\n}';
    const read = readSource(text, 'in.json');
    if (!read.ok) throw new Error('expected a document');
    expect(read.doc.lines).toBeTruthy();
    expect(positionOf(read.doc, text.indexOf('true'))).toEqual({ line: 3, column: 9 });
    const fromValue = sourceFromValue({ a: 1 }, 'value');
    if (!fromValue.ok) throw new Error('expected a document');
    expect(fromValue.doc.lines).toBeUndefined();
    expect(positionOf(fromValue.doc, 0)).toBeUndefined();
  });

  it('places a syntax error found by readSource', () => {
    const read = readSource('{\n  "a": 1,\n  "b": tru\n}', 'in.json');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.issue).toMatchObject({ code: 'json_syntax', pointer: '/b', at: { line: 3, column: 8 } });
  });
});
