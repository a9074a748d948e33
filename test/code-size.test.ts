/**
 * Keeps the code readable by a newcomer: no source file over 500 lines and no function over 100
 * (the library in src/ and the playground in playground/src/, tests and generated files aside).
 * Measured on the syntax tree with the TypeScript compiler, so a long template literal or an
 * arrow function passed as an argument counts as what it is.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const MAX_FILE_LINES = 500;
const MAX_FUNCTION_LINES = 100;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.ts$/.test(e.name) && !/\.(test|generated|d)\.ts$/.test(e.name) ? [path] : [];
  });
}

interface Long {
  readonly where: string;
  readonly lines: number;
}

function measure(file: string): { lines: number; functions: Long[] } {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const functions: Long[] = [];
  const line = (pos: number): number => sf.getLineAndCharacterOfPosition(pos).line;
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const lines = line(node.end) - line(node.getStart(sf)) + 1;
      const name = 'name' in node && node.name ? node.name.getText(sf) : '(anonymous)';
      if (lines > MAX_FUNCTION_LINES) functions.push({ where: `${file}:${line(node.getStart(sf)) + 1} ${name}`, lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { lines: text.split('\n').length, functions };
}

const files = [...sources('src'), ...sources('playground/src')];

describe('code size', () => {
  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it(`has no source file over ${MAX_FILE_LINES} lines`, () => {
    const long = files.map((f) => ({ where: f, lines: measure(f).lines })).filter((f) => f.lines > MAX_FILE_LINES);
    expect(long).toEqual([]);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines`, () => {
    expect(files.flatMap((f) => measure(f).functions)).toEqual([]);
  });
});
