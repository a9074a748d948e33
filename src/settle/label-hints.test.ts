import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRuleFile, settle, type RuleFile } from '../index.js';
import { quotedNumbers } from './label-hints.js';

const presets = readdirSync('rules').filter((f) => /^[^.]+\.json$/.test(f));
const text = (id: string): string => readFileSync(`rules/${id}.json`, 'utf8');

function read(source: string, file = 'edited.json'): RuleFile {
  const r = readRuleFile(source, { file });
  if (!r.ok) throw new Error(r.issues.map((i) => i.code).join(', '));
  return r.value;
}

/** Replaces the value of one parameter in a preset's text (one occurrence, checked). */
function withParameter(source: string, name: string, value: string): string {
  const re = new RegExp(`("${name.replace('.', '\\.')}": \\{ "kind": "\\w+", "value": )"[^"]*"`);
  expect(re.test(source), name).toBe(true);
  return source.replace(re, `$1"${value}"`);
}

/** 1-based line:column of the first `needle` in `source` (the opening quote of a string). */
function at(source: string, needle: string): { line: number; column: number } {
  const offset = source.indexOf(needle);
  expect(offset).toBeGreaterThan(0);
  const before = source.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** Every label text (zh or en) under `node`, with its JSON pointer: a second way to find them. */
function labels(node: unknown, pointer = ''): { pointer: string; text: string }[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => labels(v, `${pointer}/${i}`));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) =>
    k === 'label' && v !== null && typeof v === 'object'
      ? Object.entries(v as Record<string, string>).map(([lang, t]) => ({ pointer: `${pointer}/label/${lang}`, text: t }))
      : labels(v, `${pointer}/${k}`),
  );
}

describe('quotedNumbers', () => {
  const quoted = (label: string): string[] => quotedNumbers(label).map((q) => q.text);
  it.each([
    ['结余按县镇 6:4 分配', ['6:4']],
    ['按 1 : 1 : 2 分担', ['1:1:2']],
    ['风险金比例 8%', ['8%']],
    ['调节金２％，县镇６：４', ['2%', '6:4']],
    ['周转金 2 个月', ['2']],
    ['预算 × 12.5%（不舍入）', ['12.5%']],
  ])('%s → %j', (label, expected) => expect(quoted(label)).toEqual(expected));
  it.each([
    '阳西县（2019 年改革）',
    '1–11 月每月预拨额',
    '12 月预拨额（差额月）',
    'upper bound of tier 2 (inclusive)',
    'first year: 3-year mean',
    'DOMAIN.md E1 within levels',
    '第 2 段上限',
    'tier2Limit',
  ])('%s quotes no quantity', (label) => expect(quoted(label)).toEqual([]));
});

describe('stale_label_number', () => {
  it.each(presets)('%s: no label quotes a number its parameters do not have', (f) => {
    expect(read(readFileSync(`rules/${f}`, 'utf8'), f).hints).toEqual([]);
  });

  it('yangxi with county:town 7:3 flags “结余按县镇 6:4 分配” at its line and column, and still settles', () => {
    const source = withParameter(withParameter(text('yangxi'), 'countyRatio', '7'), 'townRatio', '3');
    const rules = read(source);
    expect(rules.hints).toHaveLength(1);
    const [hint] = rules.hints;
    expect(hint).toMatchObject({
      code: 'stale_label_number',
      severity: 'warning',
      file: 'edited.json',
      pointer: '/steps/9/label/zh',
      params: { label: '结余按县镇 6:4 分配', quoted: '6:4', current: 'countyRatio = 7, townRatio = 3' },
      at: at(source, '"结余按县镇 6:4 分配"'),
    });
    // A warning does not stop anything: the settlement follows the parameters.
    const run = settle(rules, readFileSync('rules/examples/yangxi.input.json', 'utf8'));
    expect(run.ok && run.value.values['countyPool']).toBe('16002020.16');
  });

  it('a ratio proportional to the split weights is current (3:2 weights, label 6:4)', () => {
    const source = withParameter(withParameter(text('yangxi'), 'countyRatio', '3'), 'townRatio', '2');
    expect(read(source).hints).toEqual([]);
  });

  it('beijing with the band bound at 12%: every label that says 10% is flagged, in both languages', () => {
    const source = withParameter(text('beijing-2012'), 'thresholdRate', '12%');
    const doc = JSON.parse(source) as { steps: unknown; parameters: unknown };
    const expected = [...labels(doc.parameters, '/parameters'), ...labels(doc.steps, '/steps')]
      .filter((l) => l.text.includes('10%'))
      .map((l) => l.pointer)
      .sort();
    expect(expected.length).toBeGreaterThan(4);
    const hints = read(source).hints;
    expect(hints.map((h) => h.pointer).sort()).toEqual(expected);
    expect(new Set(hints.map((h) => ('quoted' in h.params ? h.params.quoted : undefined)))).toEqual(new Set(['10%']));
  });

  it('a rate label may say 100% minus the rate (3% held back, 97% paid) — until the rate changes', () => {
    expect(read(text('shenzhen')).hints).toEqual([]);
    const hints = read(withParameter(text('shenzhen'), 'holdbackRate', '5%')).hints;
    const monthly = hints.filter((h) => h.pointer.startsWith('/steps/5/'));
    // The step's label and its transfer's memo both say 97%; 100% − 5% is 95%.
    expect(monthly.map((h) => h.pointer).sort()).toEqual(['/steps/5/label/en', '/steps/5/label/zh', '/steps/5/transfer/memo']);
    expect(monthly.map((h) => [('quoted' in h.params ? h.params.quoted : undefined), ('current' in h.params ? h.params.current : undefined)])).toEqual(Array(3).fill(['97%', 'holdbackRate = 5%']));
  });

  it('a label may quote a literal of its own formula (ningbo: shares add up to 100% = 1)', () => {
    const source = withParameter(withParameter(text('ningbo'), 'overspendShare.fund', '60%'), 'overspendShare.community', '40%');
    expect(read(source).hints.filter((h) => h.pointer.startsWith('/checks/'))).toEqual([]);
  });
});
