// The command line as people type it without thinking: --version, <command> --help, - for
// standard input, --format csv for a spreadsheet, errors as JSON for programs, options a command
// does not take refused, and streamed case lists.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { progressText } from '../src/cli/progress.js';
import { CLI, ROOT, cli, expectNoStackTrace, useCliHarness } from './cli-harness.js';

const RULES = 'rules/yangxi.json';
const INPUT = 'rules/examples/yangxi.input.json';
const harness = useCliHarness();

/** The command line with `stdin` as its standard input. */
function cliWithInput(stdin: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', input: stdin, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** RFC 4180 rows of a CSV text with CRLF line ends (the cells here hold no quotes or commas). */
function rowsOf(csv: string): string[][] {
  return csv.trimEnd().split('\r\n').map((l) => l.split(','));
}

describe('what people type without thinking', () => {
  it('--version and -V print the package version', () => {
    const version = (JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { version: string }).version;
    for (const flag of ['--version', '-V']) {
      const r = cli(flag);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`yibao-settle ${version}\n`);
    }
  });

  it.each(['run', 'simulate', 'validate', 'describe', 'explain', 'test', 'run-all'])('%s --help shows its options and examples on stdout, exit 0', (command) => {
    const r = cli(command, '--help');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`usage: yibao-settle ${command}`);
    expect(r.stdout).toContain('examples / 示例:');
    expect(r.stdout).toMatch(new RegExp(`^  yibao-settle ${command} `, 'm'));
    expect(cli(command, '-h').stdout).toBe(r.stdout);
  });

  it('--help alone is the overview on stdout; nothing at all is bad usage on stderr', () => {
    const help = cli('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('yibao-settle run-all <rules-dir>');
    const none = cli();
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('usage:');
  });

  it('- reads the input from standard input, and gives what the file gives', () => {
    const fromFile = cli('run', RULES, INPUT, '--json');
    const fromStdin = cliWithInput(readFileSync(`${ROOT}/${INPUT}`, 'utf8'), 'run', RULES, '-', '--json');
    expect(fromStdin.status).toBe(0);
    const parts = (s: string): unknown => {
      const d = JSON.parse(s) as { values: unknown; ledger: unknown; checks: unknown; input: unknown };
      return [d.values, d.ledger, d.checks, d.input];
    };
    expect(parts(fromStdin.stdout)).toEqual(parts(fromFile.stdout));
    expect(fromStdin.stdout).toContain('"file": "stdin"');
  });

  it('--param=name=value works as --param name=value: 7:3 gives 16,002,020.16 to the county', () => {
    const r = cli('run', RULES, INPUT, '--param=countyRatio=7', '--param=townRatio=3', '--format=json');
    expect(r.status).toBe(0);
    // The surplus 22,860,028.80 × 7/10 = 16,002,020.16; × 3/10 = 6,858,008.64.
    expect((JSON.parse(r.stdout) as { values: Record<string, string> }).values).toMatchObject({ countyPool: '16002020.16', townPool: '6858008.64' });
  });

  it('--format json is --json', () => {
    expect(cli('run', RULES, INPUT, '--format', 'json').stdout).toBe(cli('run', RULES, INPUT, '--json').stdout);
  });
});

describe('--format csv for a spreadsheet', () => {
  it('gives name, label and value with headers in the chosen language, money with two decimals', () => {
    const zh = cli('run', RULES, INPUT, '--format', 'csv', '--lang', 'zh');
    expect(zh.status).toBe(0);
    const rows = rowsOf(zh.stdout);
    expect(rows[0]).toEqual(['名称', '说明', '数值']);
    const byName = new Map(rows.slice(1).map((r) => [r[0], r]));
    // DOMAIN.md E1: package 342,216,000.00; county pool 13,716,017.28 (60% of 22,860,028.80).
    expect(byName.get('package')?.[2]).toBe('342216000.00');
    expect(byName.get('countyPool')?.[2]).toBe('13716017.28');
    expect(byName.get('gross')?.[1]).toMatch(/[\u4e00-\u9fff]/);
    expect(rowsOf(cli('run', RULES, INPUT, '--format', 'csv', '--lang', 'en').stdout)[0]).toEqual(['name', 'label', 'value']);
  });

  it('--rows cases gives each DRG case with its points', () => {
    const r = cli('run', 'rules/drg-points.json', 'rules/examples/drg-points.input.json', '--rows', 'cases', '--format', 'csv');
    expect(r.status).toBe(0);
    const rows = rowsOf(r.stdout);
    expect(rows[0]).toEqual(['hospital', 'group', 'cost', 'complete', 'halved', 'fullPoints', 'groupMean', 'rule', 'points']);
    // The first example case: FR21 base 96.5 × county-people's 1.08 = 104.22 points, complete.
    expect(rows[1]).toEqual(['county-people', 'FR21', '9120.40', 'true', 'false', '104.22', '8900.00', '完整病例', '104.22']);
  });
});

describe('problems for programs and people', () => {
  it('with --json, problems are one JSON document on stderr', () => {
    const input = readFileSync(`${ROOT}/${INPUT}`, 'utf8').replace('"perCapita": "980.00"', '"perCapita": "980.001"');
    const r = cliWithInput(input, 'run', RULES, '-', '--json');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const doc = JSON.parse(r.stderr) as { issues: { code: string; file: string; pointer: string; at?: { line: number } }[] };
    expect(doc.issues.map((i) => [i.code, i.file, i.pointer, i.at?.line])).toEqual([['money_precision', 'stdin', '/perCapita', 3]]);
  });

  it('an option the command does not take is bad usage (exit 2), never ignored', () => {
    const r = cli('simulate', 'rules/ningbo.json', 'rules/examples/ningbo.scenario.json', '--table', 'x=y.csv');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('bad_usage');
    expect(r.stderr).toContain('--table');
    expect(r.stderr).toContain('usage: yibao-settle simulate');
    expectNoStackTrace(r.stderr);
    const json = cli('validate', RULES, '--lang', 'en', '--json');
    expect(json.status).toBe(2);
    expect((JSON.parse(json.stderr) as { issues: { code: string; params: { reason: string } }[] }).issues.map((i) => [i.code, i.params.reason])).toEqual([['bad_usage', 'unknown_option']]);
  });

  it('a value an option does not have, and an unknown command, are bad usage', () => {
    const r = cli('run', RULES, INPUT, '--format', 'xlsx');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('text | json | csv');
    expect(cli('settle', RULES, INPUT).status).toBe(2);
  });

  it('piped output has no colour and no progress line', () => {
    const r = cli('test', 'rules/yangxi.cases.json');
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/\x1b|\r/);
  });
});

describe('a case list streamed with --stream', () => {
  const input = JSON.parse(readFileSync(`${ROOT}/rules/examples/drg-points.input.json`, 'utf8')) as { cases: Record<string, unknown>[] } & Record<string, unknown>;
  const { cases, ...rest } = input;
  const csv = ['hospital,group,cost,complete,halved', ...cases.map((c) => ['hospital', 'group', 'cost', 'complete', 'halved'].map((k) => String(c[k] ?? '')).join(','))].join('\n');

  it('settles as --table does, from a file or from standard input', () => {
    const yearPath = harness.temp('year.json', JSON.stringify(rest));
    const csvPath = harness.temp('cases.csv', csv);
    const whole = cli('run', 'rules/drg-points.json', yearPath, '--table', `cases=${csvPath}`, '--json');
    const streamed = cli('run', 'rules/drg-points.json', yearPath, '--stream', `cases=${csvPath}`, '--json');
    expect(streamed.status).toBe(0);
    const values = (s: string): unknown => (JSON.parse(s) as { values: unknown }).values;
    expect(values(streamed.stdout)).toEqual(values(whole.stdout));
    const piped = cliWithInput(csv, 'run', 'rules/drg-points.json', yearPath, '--stream', 'cases=-', '--json');
    expect(values(piped.stdout)).toEqual(values(whole.stdout));
  });

  it('a rule that needs the rows whole is refused, naming the step', () => {
    const r = cli('run', RULES, harness.temp('scalars.json', '{}'), '--stream', `members=${harness.temp('m.csv', 'id,level,spending,weight\n')}`);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('stream_needs_rows');
  });
});

describe('the progress line', () => {
  const rows = { zh: '行', en: 'rows' };

  it('says done of total, the rate and the time left', () => {
    expect(progressText({ done: 400_000, total: 1_000_000, unit: rows, elapsedMs: 4000 })).toBe('[########------------]  40% 400,000/1,000,000 行 rows  100,000/s  剩余 left 6s');
    expect(progressText({ done: 3, total: 12, unit: { zh: '个文件', en: 'files' }, elapsedMs: 90_000 }, 12)).toBe('[###---------]  25% 3/12 个文件 files  2/min  剩余 left 4m30s');
  });

  it('without a total, the count, the rate and the time so far', () => {
    expect(progressText({ done: 250_000, total: undefined, unit: rows, elapsedMs: 2000 })).toBe('250,000 行 rows  125,000/s  2s');
    expect(progressText({ done: 0, total: 10, unit: rows, elapsedMs: 0 })).toBe('[--------------------]   0% 0/10 行 rows');
  });
});

describe('docs/command-line.md', () => {
  it('lists every command with every option it takes, and every exit status', async () => {
    const { COMMANDS } = await import('../src/cli/spec.js');
    const doc = readFileSync(`${ROOT}/docs/command-line.md`, 'utf8');
    for (const c of Object.values(COMMANDS)) {
      const section = doc.split(`### \`${c.name}\``)[1]?.split('### ')[0] ?? '';
      expect(section, c.name).not.toBe('');
      for (const name of Object.keys(c.options)) expect(section, `${c.name} --${name}`).toContain(`--${name}`);
    }
    for (const status of ['| 0 |', '| 1 |', '| 2 |', '| 3 |', '| 70 |']) expect(doc).toContain(status);
  });
});

describe('run-all on worker threads', () => {
  it('--threads 2 prints exactly what one thread prints; a thread count that is not one is bad usage', () => {
    const one = cli('run-all', 'rules');
    const two = cli('run-all', 'rules', '--threads', '2');
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(cli('run-all', 'rules', '--threads', '0').status).toBe(2);
  });
});

describe('a streamed case list on worker threads', () => {
  it('--stream with --threads 2 settles as one thread does; --threads without --stream is bad usage', () => {
    const year = harness.temp('year2.json', readFileSync(`${ROOT}/rules/examples/drg-points.input.json`, 'utf8').replace(/,\s*"cases": \[[\s\S]*\]\s*}\s*$/, '\n}\n'));
    const csvPath = harness.temp('cases2.csv', 'hospital,group,cost\ncounty-people,FR21,9120.40\ntown-centre,IC29,14300.00\ncounty-tcm,GB11,30000.00\n');
    const one = cli('run', 'rules/drg-points.json', year, '--stream', `cases=${csvPath}`, '--json');
    const two = cli('run', 'rules/drg-points.json', year, '--stream', `cases=${csvPath}`, '--threads', '2', '--json');
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(JSON.parse(two.stdout)).toEqual(JSON.parse(one.stdout));
    expect(cli('run', RULES, INPUT, '--threads', '2').status).toBe(2);
  });
});
