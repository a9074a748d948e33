/**
 * What the docs show a reader is what the program prints: every `$ npx yibao-settle …` block
 * in README.md, rules/README.md and docs/ is run again and compared (see docs-commands.mjs;
 * `node test/docs-commands.mjs --update` rewrites stale blocks).
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ESM script shared with the command line, without type declarations
import { DOCS, blocks, matches, run } from './docs-commands.mjs';

interface Block {
  readonly file: string;
  readonly start: number;
  readonly command: string;
  readonly shown: string;
}

const all = (DOCS as string[]).flatMap((f) => blocks(f) as Block[]);

describe('commands shown in the docs', () => {
  it('there are some', () => expect(all.length).toBeGreaterThan(20));
  it.each(all.map((b) => [`${b.file}:${b.start + 1} ${b.command}`, b] as const))('%s', (_, b) => {
    if (b.shown.trim() === '' || /节选|excerpt/.test(b.shown.split('\n')[0] ?? '')) return;
    const real = run(b.command) as string | undefined;
    if (real === undefined) return; // names files that are not in the repository
    expect((matches as (a: string, b: string) => boolean)(b.shown, real), `${b.file}:${b.start + 1}\n${real}`).toBe(true);
  });
});
