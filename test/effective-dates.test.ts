/**
 * Versions of a scheme by effective date: `--date` picks the version in force from a folder, and
 * a rule file not in force that day is refused rather than used by mistake. Yangxi's 2019 rule
 * (county:town 6:4) until 2024-12-31 and a 2025 version at 7:3: the county pool of the example
 * year is 22,860,028.80 × 6/10 = 13,716,017.28, or × 7/10 = 16,002,020.16 (DOMAIN.md E1).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasCode, inForce, pickInForce, readRuleFile } from '../src/index.js';
import { cli, useCliHarness } from './cli-harness.js';

const h = useCliHarness();
const yangxi = JSON.parse(readFileSync('rules/yangxi.json', 'utf8')) as Record<string, unknown> & { parameters: Record<string, { value: string }> };
const v2019 = { ...yangxi, effective: { from: '2019-01-01', to: '2024-12-31' } };
const v2025 = JSON.parse(JSON.stringify({ ...yangxi, effective: { from: '2025-01-01' }, supersedes: ['yangxi-2019.json'] })) as typeof yangxi;
(v2025.parameters['countyRatio'] as { value: string }).value = '7';
(v2025.parameters['townRatio'] as { value: string }).value = '3';

function versions(): string {
  const dir = join(h.dir, 'versions');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'yangxi-2019.json'), JSON.stringify(v2019));
  writeFileSync(join(dir, 'yangxi-2025.json'), JSON.stringify(v2025));
  return dir;
}
const countyPool = (stdout: string): string | undefined => /^countyPool\s+([\d,.]+)/m.exec(stdout)?.[1];

describe('effective dates in the library', () => {
  it('a day is in force from "from" to "to", both included; no "to" runs on', () => {
    const e = { from: '2019-01-01', to: '2024-12-31' };
    expect([inForce(e, '2018-12-31'), inForce(e, '2019-01-01'), inForce(e, '2024-12-31'), inForce(e, '2025-01-01')]).toEqual([false, true, true, false]);
    expect(inForce({ from: '2025-01-01' }, '2099-12-31')).toBe(true);
    expect(inForce(undefined, '1900-01-01')).toBe(true);
  });

  it('picks the one version in force, and names the files when none or several are', () => {
    const files = [{ file: 'a.json', effective: { from: '2019-01-01', to: '2024-12-31' } }, { file: 'b.json', effective: { from: '2024-07-01' } }];
    const one = pickInForce(files, '2020-01-01', 'versions');
    expect(one.ok && one.value.file).toBe('a.json');
    const none = pickInForce(files, '2018-01-01', 'versions');
    expect(none.ok ? [] : none.issues.map((i) => i.code)).toEqual(['no_rules_in_force']);
    const both = pickInForce(files, '2024-08-01', 'versions');
    const i = both.ok ? undefined : both.issues[0];
    expect(i && hasCode(i, 'rules_in_force_overlap') ? i.params : undefined).toEqual({ date: '2024-08-01', files: 'a.json (2019-01-01 – 2024-12-31), b.json (2024-07-01 – …)' });
  });

  it('a day that does not exist, or a "to" before "from", is refused where it is written', () => {
    const bad = (effective: unknown): string[] => {
      const r = readRuleFile(JSON.stringify({ ...yangxi, effective }));
      return r.ok ? [] : r.issues.map((x) => `${x.code} ${x.pointer}`);
    };
    expect(bad({ from: '2025-02-30' })).toEqual(['bad_format /effective/from']);
    expect(bad({ from: '2025-01-01', to: '2024-12-31' })).toEqual(['out_of_range /effective/to']);
    expect(bad({ from: '2025-1-1' })).toEqual(['bad_format /effective/from']);
  });
});

describe('--date on the command line', () => {
  it('run <folder> --date picks the version in force: 6:4 in 2024, 7:3 from 2025', () => {
    const dir = versions();
    expect(countyPool(cli('run', dir, 'rules/examples/yangxi.input.json', '--date', '2024-12-31').stdout)).toBe('13,716,017.28');
    expect(countyPool(cli('run', dir, 'rules/examples/yangxi.input.json', '--date', '2025-01-01').stdout)).toBe('16,002,020.16');
  });

  it('no version in force is no_rules_in_force (exit 1); a folder without --date is bad usage (exit 2)', () => {
    const dir = versions();
    const none = cli('run', dir, 'rules/examples/yangxi.input.json', '--date', '2018-12-31');
    expect([none.status, none.stdout]).toEqual([1, '']);
    expect(none.stderr).toContain('no_rules_in_force');
    expect(cli('run', dir, 'rules/examples/yangxi.input.json').status).toBe(2);
    expect(cli('run', dir, 'rules/examples/yangxi.input.json', '--date', '2025-02-30').status).toBe(2);
  });

  it('a rule file not in force on --date is refused, not settled', () => {
    const r = cli('run', join(versions(), 'yangxi-2019.json'), 'rules/examples/yangxi.input.json', '--date', '2025-03-01');
    expect([r.status, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toContain('no_rules_in_force');
  });

  it('run-all --date settles only the files in force and says which are not', () => {
    const dir = versions();
    mkdirSync(join(dir, 'examples'), { recursive: true });
    for (const f of ['yangxi-2019', 'yangxi-2025']) writeFileSync(join(dir, 'examples', `${f}.input.json`), readFileSync('rules/examples/yangxi.input.json'));
    const r = cli('run-all', dir, '--date', '2025-06-30', '-q');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('yangxi-2019.json: not in force on 2025-06-30');
    expect(countyPool(r.stdout)).toBe('16,002,020.16');
    expect(r.stdout.match(/^countyPool/gm)).toHaveLength(1);
  });

  it('test --date runs the cases of the files in force and leaves the others out', () => {
    const dir = versions();
    const cases = JSON.parse(readFileSync('rules/yangxi.cases.json', 'utf8')) as { rules: string };
    writeFileSync(join(dir, 'yangxi-2019.cases.json'), JSON.stringify({ ...cases, rules: 'yangxi-2019.json' }));
    const later = cli('test', dir, '--date', '2025-06-30', '-q');
    expect(later.stdout).toContain('yangxi-2019.cases.json: not in force on 2025-06-30');
    expect(later.stdout).toContain('0 passed, 0 failed');
    const then = cli('test', dir, '--date', '2020-06-30', '-q');
    expect(then.status).toBe(0);
    expect(then.stdout).not.toContain('not in force');
  });
});
