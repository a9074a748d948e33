/**
 * Rule files never become code: no eval, no new Function, no dynamic import anywhere on the
 * engine's path, checked in what is shipped (the compiled library and the playground's settle
 * worker), and no code generation at run time in the whole playground bundle.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p, ext) : p.endsWith(ext) ? [p] : [];
  });
}

const CODE_FROM_TEXT = /\beval\s*\(|new\s+Function\s*\(|\bFunction\s*\(\s*['"`]/;
const DYNAMIC_IMPORT = /\bimport\s*\(/;
/** The dynamic imports, each of a fixed path (never text from a file): the CLI loads the HTTP service only for `serve`, and the worker pools only for `run-all --threads` and `run --stream … --threads`. */
const ALLOWED_IMPORTS: readonly { file: string; text: string }[] = [
  { file: join('dist', 'cli.js'), text: "import('./serve/command.js')" },
  { file: join('dist', 'cli', 'test-cases.js'), text: "import('../batch/batch.js')" },
  { file: join('dist', 'cli', 'run.js'), text: "import('../batch/stream.js')" },
];

describe('no code from text', () => {
  const lib = files('dist', '.js');

  it('the compiled library has no eval, new Function or dynamic import', () => {
    expect(lib.length).toBeGreaterThan(10);
    for (const f of lib) {
      const allowed = ALLOWED_IMPORTS.find((a) => a.file === f);
      const text = allowed ? readFileSync(f, 'utf8').replace(allowed.text, '') : readFileSync(f, 'utf8');
      expect(CODE_FROM_TEXT.test(text), f).toBe(false);
      expect(DYNAMIC_IMPORT.test(text), f).toBe(false);
    }
  });

  it('the rule-file validator was generated at build time (no ajv at run time)', () => {
    for (const f of lib) expect(/from ['"]ajv['"]|require\(['"]ajv/.test(readFileSync(f, 'utf8')), f).toBe(false);
  });

  it.skipIf(!existsSync('playground-dist'))('the playground bundle generates no code at run time; its settle worker imports nothing dynamically', () => {
    const assets = files('playground-dist', '.js');
    expect(assets.length).toBeGreaterThan(0);
    for (const f of assets) expect(CODE_FROM_TEXT.test(readFileSync(f, 'utf8')), f).toBe(false);
    const worker = assets.filter((f) => /settle\.worker/.test(f));
    expect(worker.length).toBe(1);
    expect(DYNAMIC_IMPORT.test(readFileSync(worker[0] as string, 'utf8'))).toBe(false);
    const html = readFileSync('playground-dist/index.html', 'utf8');
    expect(html).toMatch(/Content-Security-Policy/);
    expect(html).not.toMatch(/unsafe-eval/);
  });
});
