/**
 * `yibao-settle serve` on the command line: its help, its usage errors (exit 2), and the
 * refusals to start (exit 1) with a coded issue on stderr.
 */
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, serve, type Served } from './helpers.js';

const run = (...args: string[]): { status: number | null; stdout: string; stderr: string } => {
  const r = spawnSync(process.execPath, [CLI, 'serve', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000, env: { ...process.env, YIBAO_API_KEY: undefined } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

let first: Served;

beforeAll(async () => {
  if (!existsSync(CLI)) execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
  first = await serve();
});

afterAll(async () => {
  await first.stop();
});

describe('yibao-settle serve', () => {
  it('--help prints every option on stdout and exits 0', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    for (const option of ['--port', '--host', '--rules', '--max-body', '--timeout', '--concurrency', '--queue', '--worker-memory', '--api-key', 'YIBAO_API_KEY']) {
      expect(r.stdout).toContain(option);
    }
  });

  it.each([
    ['an option serve does not take', ['--table', 'cases=x.csv'], /--table/],
    ['a port out of range', ['--port', '70000'], /--port needs a whole number from 0 to 65535, got "70000"/],
    ['a limit that is not a number', ['--timeout', '1e3'], /--timeout needs a number/],
    ['a positional argument', ['rules'], /rules/],
    ['a short API key', ['--api-key', 'secret'], /at least 16 characters/],
  ])('refuses %s: exit 2 with the usage', (_, args, message) => {
    const r = run(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('usage:');
  });

  it('refuses a port in use: exit 1, listen_failed', () => {
    const port = new URL(first.url).port;
    const r = run('--port', port);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`listen_failed .*127\\.0\\.0\\.1:${port}.*EADDRINUSE`));
  });

  it('refuses a rules folder that is not there: exit 1, file_unreadable', () => {
    const r = run('--rules', 'no/such/folder');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^no\/such\/folder {2}file_unreadable/);
  });
});
