/**
 * The command line given a clerk's slip or a hostile environment: every outcome is an exact
 * result or one coded line per problem on stderr with a non-zero exit — never wrong money with
 * status 0, never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, cli, expectNoStackTrace as noStack, useCliHarness, type Run } from './cli-harness.js';
import { MEMBER_LINES, MEMBERS_HEADER } from './yangxi-members.js';

const RULES = 'rules/yangxi.json';
const INPUT = 'rules/examples/yangxi.input.json';
const { temp } = useCliHarness();

/** Runs a bash command line in the repository (for redirections and pipes). */
function sh(command: string): Run {
  const r = spawnSync('bash', ['-c', command], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The issue codes on stderr, one per `file:line:col  code  …` line. */
const codesOf = (stderr: string): string[] => stderr.split('\n').filter(Boolean).map((l) => l.split(/\s{2,}/)[1] ?? '');

function expectNoStackTrace(text: string): void {
  noStack(text);
  expect(text).not.toContain('internal_error');
}

const example = JSON.parse(readFileSync(join(ROOT, INPUT), 'utf8')) as Record<string, unknown>;
const { members: _members, ...scalars } = example;
const MEMBERS_CSV = [MEMBERS_HEADER, ...MEMBER_LINES];

describe('wrong money that is now an error', () => {
  it('--table members=x.csv settles E1 exactly (county pool 13,716,017.28)', () => {
    const r = cli('run', RULES, temp('scalars.json', JSON.stringify(scalars)), '--table', `members=${temp('m.csv', MEMBERS_CSV.join('\n'))}`, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { values: Record<string, string> }).values['countyPool']).toBe('13716017.28');
  });

  it('an unquoted 8,600,000.00 in a CSV cell: exit 1, csv_field_count at the line', () => {
    const lines = [...MEMBERS_CSV];
    lines[4] = 'town-1,town,8,600,000.00,1830';
    const csv = temp('comma.csv', lines.join('\n'));
    const r = cli('run', RULES, temp('scalars.json', JSON.stringify(scalars)), '--table', `members=${csv}`);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(codesOf(r.stderr)).toEqual(['csv_field_count']);
    expect(r.stderr).toContain(`${csv}:5:1`);
  });

  it('a duplicate header column: exit 1, csv_duplicate_header', () => {
    const csv = temp('dup.csv', [MEMBERS_CSV[0] + ',weight', ...MEMBERS_CSV.slice(1).map((l) => `${l},1`)].join('\n'));
    const r = cli('run', RULES, temp('scalars.json', JSON.stringify(scalars)), '--table', `members=${csv}`);
    expect(r.status).toBe(1);
    expect(codesOf(r.stderr)).toEqual(['csv_duplicate_header']);
  });

  it('--table members=… while the input already has members: exit 1, table_given_twice naming both', () => {
    const csv = temp('m2.csv', MEMBERS_CSV.join('\n'));
    const r = cli('run', RULES, INPUT, '--table', `members=${csv}`);
    expect(r.status).toBe(1);
    expect(codesOf(r.stderr)).toEqual(['table_given_twice']);
    expect(r.stderr).toContain(INPUT);
    expect(r.stderr).toContain(csv);
  });

  it('--param adjustmentRate=2: exit 1, rate_out_of_range saying 200%; 2% settles', () => {
    const bad = cli('run', RULES, INPUT, '--param', 'adjustmentRate=2');
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(codesOf(bad.stderr)).toEqual(['rate_out_of_range']);
    expect(bad.stderr).toContain('200%');
    const good = cli('run', RULES, INPUT, '--param', 'adjustmentRate=2%', '--json');
    expect(good.status).toBe(0);
    expect((JSON.parse(good.stdout) as { values: Record<string, string> }).values['adjustmentFund']).toBe('7604800.00');
  });

  it('a failed plausibility condition: exit 3, the figures on stderr, nothing on stdout', () => {
    const r = cli('run', RULES, temp('pe.json', JSON.stringify({ ...example, policyExpenses: '400000000.00' })));
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    expect(codesOf(r.stderr)).toEqual(['plausibility_failed']);
    expect(r.stderr).toContain('net = -8000000.00');
  });
});

describe('crashes that are now clean errors', () => {
  it.each(['__proto__', 'toString', 'constructor', 'hasOwnProperty'])('explain %s: no such value, exit 1', (name) => {
    const r = cli('explain', RULES, INPUT, name);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no such value');
    expectNoStackTrace(r.stderr);
  });

  it('run-all on a missing path or a plain file: one coded line, exit 1', () => {
    for (const path of ['no/such/dir', RULES]) {
      const r = cli('run-all', path);
      expect(r.status).toBe(1);
      expect(codesOf(r.stderr)).toEqual(['file_unreadable']);
      expectNoStackTrace(r.stderr);
    }
  });

  it('writing to a full disk: write_failed, exit 1', () => {
    const r = sh(`node ${CLI} run ${RULES} ${INPUT} > /dev/full`);
    expect(r.status).toBe(1);
    expect(codesOf(r.stderr)).toEqual(['write_failed']);
    expectNoStackTrace(r.stderr);
  });

  it('stdout closed (>&-): write_failed, exit 1; > /dev/null is fine', () => {
    const closed = sh(`node ${CLI} run ${RULES} ${INPUT} >&-`);
    expect(closed.status).toBe(1);
    expect(codesOf(closed.stderr)).toEqual(['write_failed']);
    const devnull = sh(`node ${CLI} run ${RULES} ${INPUT} > /dev/null`);
    expect(devnull.status).toBe(0);
    expect(devnull.stderr).toBe('');
  });

  it('a reader that stops early (| head -1): quiet, no error on stderr', () => {
    const r = sh(`node ${CLI} run-all rules | head -1; exit \${PIPESTATUS[0]}`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('2,000 broken formulas: the first 100 printed, then how many more; exit 1', () => {
    const steps = Array.from({ length: 2000 }, (_, k) => `{ "name": "x${k}", "kind": "money", "formula": "nope${k}" }`);
    const file = temp('broken.json', `{ "format": "yibao-settle/1", "id": "t", "title": { "zh": "t", "en": "t" }, "inputs": {}, "steps": [\n${steps.join(',\n')}\n] }`);
    const r = cli('validate', file);
    expect(r.status).toBe(1);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(101);
    expect(codesOf(lines.slice(0, 100).join('\n')).every((c) => c === 'unknown_name')).toBe(true);
    expect(lines[100]).toContain('1900');
  });

  it('a formula summing 3,000 terms is long, not deep: it validates and settles', () => {
    const terms = Array.from({ length: 3000 }, () => 'a').join('+');
    const file = temp('long.json', `{ "format": "yibao-settle/1", "id": "t", "title": { "zh": "t", "en": "t" }, "inputs": { "a": { "kind": "money" } }, "steps": [ { "name": "x", "kind": "money", "formula": "${terms}" } ] }`);
    expect(cli('validate', file).status).toBe(0);
    const r = cli('run', file, temp('a.json', '{ "a": "0.01" }'), '--json');
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { values: Record<string, string> }).values['x']).toBe('30.00');
  });

  it('control characters in ids and labels are escaped in the text report', () => {
    const rule = readFileSync(join(ROOT, RULES), 'utf8').replace('"zh": "阳西县', '"zh": "\\u001b[2J阳西县');
    const r = cli('run', temp('esc-rule.json', rule), INPUT);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('\\u001b[2J阳西县');
  });

  it('an input key holding ESC is escaped in the error line', () => {
    const r = cli('run', RULES, temp('esc.json', JSON.stringify({ ...example, 'a\u001b[31m': 1 })));
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain('\u001b');
    expect(codesOf(r.stderr)).toEqual(['unknown_input']);
  });
});

describe('data entry as in Excel, on the command line', () => {
  /** GB18030 bytes of the Chinese words used, written by iconv (a second encoder). */
  const GB: Readonly<Record<string, string>> = { 编号: 'b1e0bac5', 层级: 'b2e3bcb6', 医保基金支出: 'd2bdb1a3bbf9bdf0d6a7b3f6', 分配权重: 'b7d6c5e4c8a8d6d8', 县级: 'cfd8bcb6', 镇级: 'd5f2bcb6' };
  /** The members CSV with Chinese headers and levels, encoded by pieces. */
  const gbkMembers = (): Buffer => {
    const parts: Buffer[] = [];
    const word = (w: string): void => void parts.push(Buffer.from(GB[w] as string, 'hex'));
    const text = (t: string): void => void parts.push(Buffer.from(t, 'latin1'));
    word('编号'), text(','), word('层级'), text(','), word('医保基金支出'), text(','), word('分配权重'), text('\r\n');
    for (const line of MEMBERS_CSV.slice(1)) {
      const [id, level, spending, weight] = line.split(',') as [string, string, string, string];
      text(`${id},`), word(level === 'county' ? '县级' : '镇级'), text(`,"${spending.replace(/\B(?=(\d{3})+\.)/g, ',')}",${weight}\r\n`);
    }
    return Buffer.concat(parts);
  };

  it('a GBK CSV with Chinese headers is refused by default with a hint, and read with --encoding gb18030', () => {
    const csv = temp('gbk.csv', gbkMembers());
    const input = temp('scalars.json', JSON.stringify(scalars));
    const strict = cli('run', RULES, input, '--table', `members=${csv}`);
    expect(strict.status).toBe(1);
    expect(codesOf(strict.stderr)).toEqual(['file_not_text']);
    expect(strict.stderr).toContain('--encoding gb18030');
    for (const encoding of ['gb18030', 'auto']) {
      const r = cli('run', RULES, input, '--table', `members=${csv}`, '--encoding', encoding, '--json');
      expect(r.status).toBe(0);
      expect(r.stderr).toBe(`${csv}: 按 GB18030 编码读取 / read as GB18030\n`);
      const v = (JSON.parse(r.stdout) as { values: Record<string, string> }).values;
      expect(v['countyPool']).toBe('13716017.28');
      expect(v['townPool']).toBe('9144011.52');
    }
  });

  it('--encoding with another value is bad usage', () => {
    expect(cli('run', RULES, INPUT, '--encoding', 'big5').status).toBe(2);
  });

  it('--param reading=全额 picks the choice by its label', () => {
    const byLabel = cli('run', 'rules/beijing-2012.json', 'rules/examples/beijing-2012.input.json', '--param', 'reading=全额', '--json');
    const byValue = cli('run', 'rules/beijing-2012.json', 'rules/examples/beijing-2012.input.json', '--param', 'reading=whole', '--json');
    expect(byLabel.status).toBe(0);
    expect((JSON.parse(byLabel.stdout) as { values: unknown }).values).toEqual((JSON.parse(byValue.stdout) as { values: unknown }).values);
  });

  it('an id with a NUL or ESC in a CSV is refused; one with spaces around it is trimmed', () => {
    const lines = [...MEMBERS_CSV];
    lines[4] = 'town-1\u001b,town,8600000.00,1830';
    const bad = cli('run', RULES, temp('scalars.json', JSON.stringify(scalars)), '--table', `members=${temp('esc.csv', lines.join('\n'))}`);
    expect(bad.status).toBe(1);
    expect(codesOf(bad.stderr)).toEqual(['control_character']);
    expect(bad.stderr).not.toContain('\u001b');
    lines[4] = '  town-1  ,town,8600000.00,1830';
    const ok = cli('run', RULES, temp('scalars.json', JSON.stringify(scalars)), '--table', `members=${temp('pad.csv', lines.join('\n'))}`, '--json');
    expect(ok.status).toBe(0);
    expect((JSON.parse(ok.stdout) as { values: Record<string, string> }).values['share.town-1']).toBeDefined();
  });

  it('a JSON input with an id twice after trimming: duplicate_key, exit 1', () => {
    const members = (example['members'] as { id: string }[]).map((m, k) => (k === 4 ? { ...m, id: 'town-1 ' } : m));
    const r = cli('run', RULES, temp('dup.json', JSON.stringify({ ...example, members }, null, 2)));
    expect(r.status).toBe(1);
    expect(codesOf(r.stderr)).toEqual(['duplicate_key']);
  });

  it('a case of an unknown group names its CSV line and the rule step', () => {
    const doc = JSON.parse(readFileSync(join(ROOT, 'rules/examples/drg-points.input.json'), 'utf8')) as Record<string, unknown>;
    const { cases: _c, ...rest } = doc;
    const csv = temp('cases.csv', ['hospital,group,cost,complete,halved', 'county-people,FR21,9120.40,true,false', 'county-tcm,QQ77,8450.00,true,false'].join('\n'));
    const r = cli('run', 'rules/drg-points.json', temp('drg.json', JSON.stringify(rest)), '--table', `cases=${csv}`);
    expect(r.status).toBe(1);
    expect(codesOf(r.stderr)).toEqual(['unknown_key']);
    expect(r.stderr).toContain(`${csv}:3:12`);
    expect(r.stderr).toMatch(/rules\/drg-points\.json:\d+:\d+ \/steps\/\d+/);
  });
});
