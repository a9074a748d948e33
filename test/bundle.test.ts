/**
 * Workspace files (.yibao.json): made by the library (as the playground does), read back,
 * settled again by the library and by the CLI (`yibao-settle run bundle.yibao.json`), and every
 * way they can be wrong — a changed text, a changed stored figure, a malformed file — reported as
 * a coded issue with its place. Figures are DOMAIN.md E1 (Yangxi): surplus 22,860,028.80; the
 * county pool 6/10 of it = 13,716,017.28, and with countyRatio 7 (7:4, so 7/11) computed below.
 */
import { createHash } from 'node:crypto';
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FORMAT, compareWithBundle, makeBundle, readBundle, readRuleFile, settle, settleBundle, type Bundle } from '../src/index.js';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const ruleText = readFileSync(join(ROOT, 'rules/yangxi.json'), 'utf8');
const inputText = readFileSync(join(ROOT, 'rules/examples/yangxi.input.json'), 'utf8');
const sha = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** A bundle of the Yangxi example with its settlement, as text (pretty-printed as the playground writes it). */
function yangxiBundle(rule = ruleText, input = inputText): Bundle {
  const rules = readRuleFile(rule, { file: 'rules/yangxi.json' });
  if (!rules.ok) throw new Error('yangxi does not read');
  const run = settle(rules.value, input, { file: 'rules/examples/yangxi.input.json' });
  if (!run.ok) throw new Error('yangxi does not settle');
  return makeBundle({
    name: '阳西 2019',
    preset: 'yangxi',
    savedAt: '2026-12-01T08:00:00.000Z',
    rule: { file: 'rules/yangxi.json', text: rule },
    input: { file: 'rules/examples/yangxi.input.json', text: input },
    settlement: run.value,
  });
}

const text = (b: Bundle): string => JSON.stringify(b, null, 2);

/** 1-based line of the first occurrence of `needle` in `haystack`. */
const lineOf = (haystack: string, needle: string): number => haystack.slice(0, haystack.indexOf(needle)).split('\n').length;

describe('makeBundle / readBundle / settleBundle', () => {
  it('stores both texts with their SHA-256 and every figure; settling it again reproduces them', () => {
    const b = yangxiBundle();
    expect(b.format).toBe(BUNDLE_FORMAT);
    expect(b.rule.fingerprint).toBe(sha(ruleText));
    expect(b.input.fingerprint).toBe(sha(inputText));
    expect(b.results?.values['countyPool']).toBe('13716017.28');
    const read = readBundle(text(b), 'w.yibao.json');
    expect(read.ok && read.value).toEqual(b);
    const run = settleBundle(text(b), 'w.yibao.json');
    expect(run.ok).toBe(true);
    if (!run.ok) return;
    expect(run.value.mismatches).toEqual([]);
    expect(run.value.settlement.values['surplus']).toBe('22860028.80');
  });

  it('a bundle with the split set to 7:3 splits the surplus 7:3', () => {
    const edited = ruleText.replace('"value": "6"', '"value": "7"').replace(/("townRatio": \{[^}]*"value": )"4"/, '$1"3"');
    const run = settleBundle(text(yangxiBundle(edited)), 'w.yibao.json');
    expect(run.ok).toBe(true);
    if (!run.ok) return;
    // split(22,860,028.80, [7, 3]): 2,286,002,880 fen × 7 / 10 = 1,600,202,016 and × 3 / 10 =
    // 685,800,864, both whole: county 16,002,020.16, town 6,858,008.64.
    expect(run.value.settlement.values['countyPool']).toBe('16002020.16');
    expect(run.value.settlement.values['townPool']).toBe('6858008.64');
  });

  it('a rule text changed after saving is fingerprint_mismatch at /rule/fingerprint, and nothing is settled', () => {
    const b = yangxiBundle();
    const tampered = text({ ...b, rule: { ...b.rule, text: b.rule.text.replace('"value": "6"', '"value": "7"') } });
    const run = settleBundle(tampered, 'w.yibao.json');
    expect(run.ok).toBe(false);
    if (run.ok) return;
    expect(run.issues).toHaveLength(1);
    expect(run.issues[0]).toMatchObject({
      code: 'fingerprint_mismatch',
      file: 'w.yibao.json',
      pointer: '/rule/fingerprint',
      params: { part: 'rule', expected: sha(ruleText), actual: sha(ruleText.replace('"value": "6"', '"value": "7"')) },
      at: { line: lineOf(tampered, `"fingerprint": "${sha(ruleText)}"`) },
    });
  });

  it('a stored figure that does not come out again is result_mismatch naming both figures, at its line', () => {
    const b = yangxiBundle();
    const changed = text({ ...b, results: { values: { ...b.results?.values, countyPool: '13716017.29' } } });
    const run = settleBundle(changed, 'w.yibao.json');
    expect(run.ok).toBe(true);
    if (!run.ok) return;
    expect(run.value.mismatches).toEqual([
      expect.objectContaining({
        code: 'result_mismatch',
        pointer: '/results/values/countyPool',
        params: { name: 'countyPool', expected: '13716017.29', actual: '13716017.28' },
        at: { line: lineOf(changed, '"countyPool": "13716017.29"'), column: expect.any(Number) },
      }),
    ]);
  });

  it('compareWithBundle: a settlement made elsewhere against the bundle (fingerprints and figures)', () => {
    const b = yangxiBundle();
    const rules = readRuleFile(ruleText, { file: 'rules/yangxi.json' });
    const same = rules.ok ? settle(rules.value, inputText) : undefined;
    const other = rules.ok ? settle(rules.value, inputText.replace('400000', '400001')) : undefined;
    if (!same?.ok || !other?.ok) throw new Error('yangxi does not settle');
    expect(compareWithBundle(b, same.value, 'w.yibao.json')).toEqual([]);
    const found = compareWithBundle(b, other.value, 'w.yibao.json');
    expect(found[0]).toMatchObject({ code: 'fingerprint_mismatch', pointer: '/input/fingerprint', params: { part: 'input', expected: sha(inputText), actual: sha(inputText.replace('400000', '400001')) } });
    // 400,001 × 980.00 = 392,000,980.00: gross and everything after it differ, each named.
    expect(found.filter((i) => i.code === 'result_mismatch').map((i) => i.params.name)).toContain('gross');
    expect(found.find((i) => ('name' in i.params ? i.params.name : undefined) === 'gross')?.params).toEqual({ name: 'gross', expected: '392000000.00', actual: '392000980.00' });
  });

  it('results of other texts are not stored', () => {
    const rules = readRuleFile(ruleText, { file: 'rules/yangxi.json' });
    const run = rules.ok ? settle(rules.value, inputText) : undefined;
    const b = makeBundle({
      name: 'x',
      savedAt: '',
      rule: { file: 'rules/yangxi.json', text: ruleText.replace('"6"', '"7"') },
      input: { file: 'input.json', text: inputText },
      settlement: run?.ok ? run.value : undefined,
    });
    expect(b.results).toBeUndefined();
  });

  it.each([
    ['another format', (b: Record<string, unknown>) => ({ ...b, format: 'yibao-settle/bundle-9' }), 'not_allowed_value', '/format'],
    ['no rule', (b: Record<string, unknown>) => ({ ...b, rule: undefined }), 'missing_property', ''],
    ['a fingerprint that is not SHA-256 hex', (b: Record<string, unknown>) => ({ ...b, input: { ...(b['input'] as object), fingerprint: 'abc' } }), 'bad_format', '/input/fingerprint'],
    ['a figure that is a number', (b: Record<string, unknown>) => ({ ...b, results: { values: { gross: 392000000 } } }), 'wrong_type', '/results/values/gross'],
  ] as const)('a malformed bundle (%s) is %s at %s', (_, change, code, pointer) => {
    const bad = JSON.stringify(change(yangxiBundle() as unknown as Record<string, unknown>), null, 2);
    const r = readBundle(bad, 'w.yibao.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ code, pointer, file: 'w.yibao.json' });
  });

  it('a text that is not JSON is json_syntax with its line and column', () => {
    const r = readBundle('{\n  "format": "yibao-settle/bundle-1",\n  "rule": }', 'w.yibao.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'json_syntax', at: { line: 3 } });
  });
});

describe('yibao-settle run <workspace.yibao.json>', () => {
  let dir = '';
  beforeAll(() => {
    if (!existsSync(CLI)) execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
    dir = mkdtempSync(join(tmpdir(), 'yibao-bundle-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  const file = (name: string, content: string): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('settles the bundle: exit 0, the same figures as the rule and input run directly', () => {
    const path = file('yangxi.yibao.json', text(yangxiBundle()));
    const r = cli('run', path, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const direct = cli('run', 'rules/yangxi.json', 'rules/examples/yangxi.input.json', '--json');
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(direct.stdout));
    expect(cli('run', path).stdout).toContain('13,716,017.28');
  });

  it('a changed stored figure: the report, then result_mismatch on stderr, exit 3', () => {
    const b = yangxiBundle();
    const path = file('changed.yibao.json', text({ ...b, results: { values: { ...b.results?.values, townPool: '9144011.50' } } }));
    const r = cli('run', path);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/changed\.yibao\.json:\d+:\d+ +result_mismatch/);
    expect(r.stderr).toContain('9144011.52');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a changed text: fingerprint_mismatch, exit 1, no report', () => {
    const b = yangxiBundle();
    const path = file('tampered.yibao.json', text({ ...b, input: { ...b.input, text: b.input.text.replace('400000', '400001') } }));
    const r = cli('run', path);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/fingerprint_mismatch/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('a workspace file renamed to .json is still recognised by its format; a rule file alone is a usage error', () => {
    const path = file('renamed.json', text(yangxiBundle()));
    expect(cli('run', path).status).toBe(0);
    expect(cli('run', 'rules/yangxi.json').status).toBe(2);
  });

  it('--param does not apply to a saved workspace: usage error, exit 2', () => {
    const path = file('p.yibao.json', text(yangxiBundle()));
    expect(cli('run', path, '--param', 'countyRatio=7').status).toBe(2);
  });
});
