/**
 * The command line as a user meets it: `node dist/cli.js`, exit status, stdout and stderr.
 * Figures from shared/DOMAIN.md E1 and E2 (Yangxi).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messagesEn, messagesZh, type IssueCode } from '../src/index.js';
import { ROOT, cli, expectNoStackTrace, useCliHarness } from './cli-harness.js';

const RULES = 'rules/yangxi.json';
const INPUT = 'rules/examples/yangxi.input.json';

const harness = useCliHarness();
const temp = harness.temp;

function values(stdout: string): Record<string, string> {
  return (JSON.parse(stdout) as { values: Record<string, string> }).values;
}

const example = (): string => readFileSync(join(ROOT, INPUT), 'utf8');

describe('yibao-settle run', () => {
  it('settles E1 (--json): package 342,216,000.00, surplus 22,860,028.80 split 6:4', () => {
    const r = cli('run', RULES, INPUT, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const v = values(r.stdout);
    expect(v).toMatchObject({
      gross: '392000000.00',
      net: '380240000.00',
      adjustmentFund: '7604800.00',
      riskFund: '30419200.00',
      package: '342216000.00',
      spending: '319355971.20',
      surplus: '22860028.80',
      overspend: '0.00',
      countyPool: '13716017.28',
      townPool: '9144011.52',
      'share.county-people': '8229610.37',
      'share.county-tcm': '3429004.32',
      'share.county-mch': '2057402.59',
      'share.town-1': '1859282.34',
      'share.town-8': '721360.91',
      reservesReturned: '38024000.00',
    });
    const doc = JSON.parse(r.stdout) as { checks: { ok: boolean }[] };
    expect(doc.checks.every((c) => c.ok)).toBe(true);
  });

  it('settles E2 (spending 105% of the package): the risk fund covers the whole overspend', () => {
    // E1 spends 319,355,971.20; E2 spends 105% × 342,216,000.00 = 359,326,800.00, i.e.
    // 39,970,828.80 more, all of it out of county: 112,000,000.00 → 151,970,828.80.
    const text = example().replace('"outOfCountySpending": "112000000.00"', '"outOfCountySpending": "151970828.80"');
    expect(text).toContain('151970828.80');
    const r = cli('run', RULES, temp('e2.input.json', text), '--json');
    expect(r.status).toBe(0);
    expect(values(r.stdout)).toMatchObject({
      package: '342216000.00',
      spending: '359326800.00',
      surplus: '0.00',
      overspend: '17110800.00',
      riskFundUsed: '17110800.00',
      adjustmentFundUsed: '0.00',
      shortfall: '0.00',
      financeShare: '0.00',
      hospitalShare: '0.00',
      countyPool: '0.00',
      townPool: '0.00',
      reservesReturned: '20913200.00',
    });
  });

  it('--param countyRatio=7 --param townRatio=3 changes the split and nothing before it', () => {
    const r = cli('run', RULES, INPUT, '--json', '--param', 'countyRatio=7', '--param', 'townRatio=3');
    expect(r.status).toBe(0);
    expect(values(r.stdout)).toMatchObject({
      package: '342216000.00',
      surplus: '22860028.80',
      countyPool: '16002020.16', // 70% of 22,860,028.80
      townPool: '6858008.64',
      // 16,002,020.16 by 60:25:15 → 9,601,212.096 / 4,000,505.04 / 2,400,303.024: the spare fen
      // goes to the largest remainder (.6 fen, the first).
      'share.county-people': '9601212.10',
      'share.county-tcm': '4000505.04',
      'share.county-mch': '2400303.02',
    });
  });

  it('refuses an unknown --param name or a bad value', () => {
    const unknown = cli('run', RULES, INPUT, '--json', '--param', 'countyShare=7');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('unknown_name');
    expect(unknown.stdout).toBe('');
    const bad = cli('run', RULES, INPUT, '--json', '--param', 'countyRatio=7e1');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('not_decimal');
    expectNoStackTrace(bad.stderr);
  });

  it('prints a readable report without --json', () => {
    const r = cli('run', RULES, INPUT);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^countyPool +13,716,017\.28 /m); // digits grouped for reading
    expect(() => JSON.parse(r.stdout) as unknown).toThrow();
  });
});

describe('errors on stderr: file:line:column, code, Chinese and English, no stack trace', () => {
  const expectIssueLine = (stderr: string, where: string, code: IssueCode): void => {
    const line = stderr.split('\n').find((l) => l.startsWith(`${where}  ${code}  `));
    expect(line, stderr).toBeDefined();
    expect(line).toMatch(/[\u4e00-\u9fff]/);
    // The English message of that code, whatever its parameters.
    const en = (messagesEn[code] as (x: object) => string)({}).split(/[:"(]/)[0]?.trim() ?? '';
    expect(en.length).toBeGreaterThan(5);
    expect(line).toContain(en);
    const zh = (messagesZh[code] as (x: object) => string)({}).split(/[：:"“（(]/)[0]?.trim() ?? '';
    expect(zh.length).toBeGreaterThan(1);
    expect(line).toContain(zh);
    expectNoStackTrace(stderr);
  };

  it('an input with money to three decimals', () => {
    const path = temp('bad.input.json', example().replace('"perCapita": "980.00"', '"perCapita": "980.001"'));
    const r = cli('run', RULES, path);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expectIssueLine(r.stderr, `${path}:3:16`, 'money_precision');
    expect(r.stderr).toContain('(/perCapita)');
  });

  it('an input that is not JSON', () => {
    const path = temp('syntax.input.json', example().replace('"insured": 400000,', '"insured": 400000'));
    const r = cli('run', RULES, path);
    expect(r.status).toBe(1);
    expectIssueLine(r.stderr, `${path}:3:3`, 'json_syntax');
  });

  it('a rule file with an unknown name in a formula', () => {
    const rules = readFileSync(join(ROOT, RULES), 'utf8').replace('"formula": "gross - policyExpenses"', '"formula": "gross - policyExpense"');
    const path = temp('bad-rules.json', rules);
    const r = cli('run', path, INPUT);
    expect(r.status).toBe(1);
    const at = rules.split('\n').findIndex((l) => l.includes('gross - policyExpense"'));
    const column = (rules.split('\n')[at] ?? '').indexOf('policyExpense"') + 1;
    expectIssueLine(r.stderr, `${path}:${at + 1}:${column}`, 'unknown_name');
    expect(r.stderr).toContain('policyExpenses'); // the suggestion
  });

  it('a missing file', () => {
    const path = join(harness.dir, 'no-such-input.json');
    const r = cli('run', RULES, path);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}  file_unreadable  .*[\\u4e00-\\u9fff]`, 'm'));
    expectNoStackTrace(r.stderr);
  });

  it('a binary file (not UTF-8)', () => {
    const path = temp('image.json', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x00]));
    const r = cli('run', RULES, path);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/file_not_text/);
    expect(r.stderr).toMatch(/[\u4e00-\u9fff]/);
    expectNoStackTrace(r.stderr);
  });

  it('a binary file that happens to be valid UTF-8 (NUL bytes)', () => {
    const path = temp('nul.json', '{"insured": 1\u0000}');
    const r = cli('run', RULES, path);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${path}  file_not_text`);
    expectNoStackTrace(r.stderr);
  });

  it('a directory instead of a file', () => {
    const r = cli('run', RULES, harness.dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('file_unreadable');
    expectNoStackTrace(r.stderr);
  });

  it('bad usage exits 2 with the usage text', () => {
    const r = cli('run', RULES);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage:');
    expect(cli('run', RULES, INPUT, '--jsn').status).toBe(2);
    expect(cli('settle', RULES, INPUT).status).toBe(2);
  });
});

describe('yibao-settle validate', () => {
  it('accepts the Yangxi preset', () => {
    const r = cli('validate', RULES);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^rules\/yangxi\.json: ok — 阳西县.* \/ Yangxi county/);
  });

  it('refuses a broken rule file with its position', () => {
    const path = temp('broken-rules.json', '{\n  "format": "yibao-settle/1",\n  "id": "x"\n  "title": {}\n}');
    const r = cli('validate', path);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${path}:4:3  json_syntax`);
  });
});

describe('yibao-settle explain', () => {
  it('prints the tree behind countyPool down to surplus and the input insured', () => {
    const r = cli('explain', RULES, INPUT, 'countyPool', '--format', 'tree');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^countyPool = 13716017\.28 {2}= split\(surplus, /);
    expect(lines[0]).toContain('@rules/yangxi.json:');
    expect(lines.some((l) => /^[├└]─ surplus = 22860028\.80 {2}= max\(balance, 0\)/.test(l))).toBe(true);
    expect(lines.some((l) => /^[│ ]+[├└]─ package = 342216000\.00 /.test(l))).toBe(true);
    const insured = lines.find((l) => /[├└]─ insured = 400000 {2}\[input\]/.test(l));
    expect(insured).toBeDefined();
    // The input's own position: "insured" is on line 2, its value at column 14.
    expect(insured).toContain(`${INPUT}:2:14`);
    expect(lines.some((l) => /[├└]─ countyRatio = 6 {2}\[parameter\]/.test(l))).toBe(true);
  });

  it('says which values exist when asked for one that does not', () => {
    const r = cli('explain', RULES, INPUT, 'countryPool');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('countryPool: no such value');
    expect(r.stderr).toContain('countyPool');
  });
});

describe('yibao-settle test (cases files)', () => {
  it('passes on the bundled cases and fails visibly when an expectation is changed', () => {
    const ok = cli('test', 'rules/yangxi.cases.json');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^\d+ passed, 0 failed$/m);
    // The same cases with one expected fen changed, beside a copy of the rule file.
    const cases = JSON.parse(readFileSync(join(ROOT, 'rules/yangxi.cases.json'), 'utf8')) as { rules: string; cases: { expect?: Record<string, string> }[] };
    (cases.cases[0]?.expect as Record<string, string>)['countyPool'] = '13716017.29';
    temp('yangxi.json', readFileSync(join(ROOT, RULES), 'utf8'));
    const changed = temp('yangxi.cases.json', JSON.stringify(cases));
    const r = cli('test', changed);
    expect(r.status).toBe(3);
    expect(r.stdout).toContain('✗ yangxi.cases.json › E1');
    expect(r.stdout).toContain('countyPool: expected 13716017.29, got 13716017.28');
    expect(r.stdout).toMatch(/^\d+ passed, 1 failed$/m);
  });
});

describe('yibao-settle simulate and CSV tables', () => {
  it('runs three years of ningbo with the budget carried forward', () => {
    const r = cli('simulate', 'rules/ningbo.json', 'rules/examples/ningbo.scenario.json', '--json');
    expect(r.status).toBe(0);
    const years = (JSON.parse(r.stdout) as { years: { values: Record<string, string> }[] }).years;
    expect(years.map((y) => y.values['budget.employee'])).toEqual(['166358023.70', '182993826.07', '201293208.68']);
  });

  it('reads a table from CSV with --table', () => {
    const csv = temp('cases.csv', 'hospital,group,cost,complete,halved\ncounty-people,G1,1000.00,true,false\n');
    const input = JSON.parse(readFileSync(join(ROOT, 'rules/examples/drg-points.input.json'), 'utf8')) as Record<string, unknown>;
    delete input['cases'];
    const groups = input['groups'] as { id: string }[];
    const csvText = `hospital,group,cost,complete,halved\ncounty-people,${groups[0]?.id ?? ''},1000.00,true,false\n`;
    writeFileSync(csv, csvText);
    const r = cli('run', 'rules/drg-points.json', temp('drg.json', JSON.stringify(input)), '--table', `cases=${csv}`, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const v = values(r.stdout);
    expect(v['distributable']).toBe(v['payment.county-people']);
  });
});

describe('yibao-settle describe', () => {
  it('prints the rule as Chinese sentences in Markdown by default, English or HTML on request', () => {
    const zh = cli('describe', RULES);
    expect(zh.status).toBe(0);
    expect(zh.stderr).toBe('');
    expect(zh.stdout).toContain('调节金 = 扣除政策性支出 × 2%，四舍五入到分');
    expect(zh.stdout).toContain('结余按 县级 6 : 镇级 4 分配，尾差按最大余数法');
    const en = cli('describe', RULES, '--lang', 'en', '--format', 'html');
    expect(en.status).toBe(0);
    expect(en.stdout).toMatch(/^<!doctype html>/);
    expect(en.stdout).toContain('Surplus is split as county 6 : town 4');
    expect(cli('describe', RULES, '--lang=en').stdout).toContain('## Parameters');
  });

  it('a stale label: the sentence follows the parameter, the warning goes to stderr, exit 0', () => {
    const edited = readFileSync(join(ROOT, RULES), 'utf8').replace('"countyRatio": { "kind": "number", "value": "6"', '"countyRatio": { "kind": "number", "value": "7"');
    const path = temp('county-7.json', edited);
    const r = cli('describe', path);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('结余按 县级 7 : 镇级 4 分配');
    expect(r.stderr).toMatch(/county-7\.json:\d+:\d+ {2}stale_label_number {2}提示：/);
    const v = cli('validate', path);
    expect(v.status).toBe(0);
    expect(v.stderr).toContain('stale_label_number');
  });

  it('refuses a language or format it does not have (exit 2)', () => {
    expect(cli('describe', RULES, '--lang', 'fr').status).toBe(2);
    expect(cli('describe', RULES, '--format', 'pdf').status).toBe(2);
    expect(cli('describe').status).toBe(2);
  });
});

describe('--verify-conditions', () => {
  it("re-checks every case's rule and points with json-rules-engine, and says nothing when it agrees", () => {
    for (const id of ['drg-points', 'zhejiang-drg']) {
      const r = cli('run', `rules/${id}.json`, `rules/examples/${id}.input.json`, '--verify-conditions', '--json');
      expect(r.status, id).toBe(0);
      expect(r.stderr, id).toBe('');
      const plain = cli('run', `rules/${id}.json`, `rules/examples/${id}.input.json`, '--json');
      expect(r.stdout, id).toBe(plain.stdout);
    }
  });
});
