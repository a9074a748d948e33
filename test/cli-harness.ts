/**
 * Running the built command line from tests: `node dist/cli.js` in the repository, a temporary
 * directory for files the test writes, and what a person reads of the outcome.
 */
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';

export const ROOT = join(import.meta.dirname, '..');
export const CLI = join(ROOT, 'dist', 'cli.js');

/** What a run printed and how it ended. */
export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Builds the command line if needed and gives the test a temporary directory; call at the top of a test file. */
export function useCliHarness(): { readonly dir: string; temp(name: string, content: string | Uint8Array): string } {
  let dir = '';
  beforeAll(() => {
    if (!existsSync(CLI)) execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
    dir = mkdtempSync(join(tmpdir(), 'yibao-cli-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    /** The temporary directory (set once the tests start). */
    get dir() {
      return dir;
    },
    /** A file in the test's temporary directory. */
    temp(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
  };
}

/** Runs `yibao-settle …` from the repository root. */
export function cli(...args: string[]): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** No "    at f (file:1:2)" frames and no "Error:" prefix: issues only. */
export function expectNoStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(stderr).not.toMatch(/\bError\b:/);
}
