/**
 * The examples of docs/service.md, run against a real service: the curl command (by curl, or
 * replayed with fetch where curl is missing) and the Java client (skipped where no JDK is
 * installed). Both must print the figures of DOMAIN.md E1.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, read, ROOT, serve, type Served } from './helpers.js';

/** The fenced block after `<!-- test: name -->` in docs/service.md. */
function example(name: string): string {
  const doc = read('docs/service.md');
  const at = doc.indexOf(`<!-- test: ${name} -->`);
  const block = /```[a-z]*\n([\s\S]*?)\n```/.exec(doc.slice(at));
  if (at < 0 || !block?.[1]) throw new Error(`docs/service.md has no example "${name}"`);
  return block[1];
}

const has = (cmd: string): boolean => spawnSync(cmd, ['-version'], { stdio: 'ignore' }).status === 0 || spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
const DOC_URL = 'http://127.0.0.1:8080';

let svc: Served;
let dir = '';

beforeAll(async () => {
  if (!existsSync(CLI)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  svc = await serve();
  dir = mkdtempSync(join(tmpdir(), 'yibao-docs-'));
});

afterAll(async () => {
  await svc.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** E1: package 342,216,000.00; county pool 6/10 of the surplus 22,860,028.80 = 13,716,017.28. */
function expectE1(values: Record<string, string>): void {
  expect(values['package']).toBe('342216000.00');
  expect(values['countyPool']).toBe('13716017.28');
}

describe('docs/service.md', () => {
  it('the curl example settles Yangxi E1', async () => {
    const command = example('curl').replace(DOC_URL, svc.url);
    expect(command).toContain(svc.url);
    let out: string;
    if (has('curl')) {
      out = execFileSync('sh', ['-c', command], { cwd: ROOT, encoding: 'utf8' });
    } else {
      // The same request without curl: the URL, the header and the body file named in the command.
      const file = /--data-binary @(\S+)/.exec(command)?.[1] ?? '';
      const url = /(http:\/\/\S+)/.exec(command)?.[1] ?? '';
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: readFileSync(join(ROOT, file)) });
      out = await res.text();
    }
    expectE1((JSON.parse(out) as { values: Record<string, string> }).values);
  });

  it.skipIf(!has('javac'))('the Java example compiles, runs and prints E1 as BigDecimal', () => {
    const source = join(dir, 'SettleClient.java');
    writeFileSync(source, example('java'));
    execFileSync('javac', ['-d', dir, source], { stdio: 'pipe' });
    const out = execFileSync('java', ['-cp', dir, 'SettleClient', svc.url], { cwd: ROOT, encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual(['package = 342216000.00', 'countyPool = 13716017.28']);
  });
});
