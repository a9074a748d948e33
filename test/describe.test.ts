/**
 * The rule read as sentences. Yangxi's sentences are written out here by hand from
 * rules/yangxi.json (labels, parameter values, the wording of docs/rule-format.md "规则说明");
 * every preset's sentences are then held to its own parameters: each sentence that quotes a
 * parameter shows its value (rates in percent, computed here from the file's text), and
 * changing the parameter in the file changes the sentence.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeRules, formatDescription, readRuleFile, type RuleDescription, type RuleFile } from '../src/index.js';

const presets = readdirSync('rules').filter((f) => /^[^.]+\.json$/.test(f)).map((f) => f.replace(/\.json$/, ''));
const text = (id: string): string => readFileSync(`rules/${id}.json`, 'utf8');

function read(source: string, file = 'rules.json'): RuleFile {
  const r = readRuleFile(source, { file });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.code} ${i.pointer}`).join(', '));
  return r.value;
}

const describeText = (source: string): RuleDescription => describeRules(read(source));

/** The sentence of the element at `pointer` (the first, if a loop gives several). */
function at(d: RuleDescription, pointer: string, kind = 'step'): { zh: string; en: string } {
  const s = d.sentences.find((x) => x.pointer === pointer && x.kind === kind);
  expect(s, pointer).toBeDefined();
  return s?.text ?? { zh: '', en: '' };
}

/** Sets a parameter's value in the rule text (the one `"value": …` in its line). */
function withParameter(source: string, name: string, value: string): string {
  const start = source.indexOf(`"${name}": {`);
  expect(start, name).toBeGreaterThan(0);
  const rest = source.slice(start).replace(/"value": ("[^"]*"|[\d.]+|true|false)/, `"value": ${JSON.stringify(value)}`);
  return source.slice(0, start) + rest;
}

describe('yangxi, read as sentences (written by hand from rules/yangxi.json)', () => {
  const d = describeText(text('yangxi'));
  const steps: [string, string, string][] = [
    ['/steps/0', '按人头计算的基金总额 = 参保人数 × 人均筹资标准（元），四舍五入到分', 'Gross fund by capitation = insured persons × per-capita standard (yuan), rounded half up to the fen'],
    ['/steps/1', '扣除政策性支出 = 按人头计算的基金总额 − 政策性支出', 'Net of policy expenditures = gross fund by capitation − policy expenditures'],
    ['/steps/2', '调节金 = 扣除政策性支出 × 2%，四舍五入到分', 'Adjustment fund = net of policy expenditures × 2%, rounded half up to the fen'],
    ['/steps/3', '风险金 = 扣除政策性支出 × 8%，四舍五入到分', 'Risk fund = net of policy expenditures × 8%, rounded half up to the fen'],
    ['/steps/4', '医共体打包总额 = 扣除政策性支出 − 调节金 − 风险金', 'Community package = net of policy expenditures − adjustment fund − risk fund'],
    ['/steps/5', '实际支出（含县域外就医）= 成员单位的医保基金支出合计 + 县域外就医支出', 'Actual spending incl. out-of-county care = (the total of fund spending over member units) + out-of-county spending'],
    ['/steps/6', '结余（负数为超支）= 医共体打包总额 − 实际支出（含县域外就医）', 'Balance (negative: overspend) = community package − actual spending incl. out-of-county care'],
    ['/steps/7', '结余 = 结余（负数为超支）与 0 中的较大者', 'Surplus = the larger of balance (negative: overspend) and 0'],
    ['/steps/8', '超支 =（−结余（负数为超支））与 0 中的较大者', 'Overspend = the larger of (−balance (negative: overspend)) and 0'],
    ['/steps/9', '结余按 县级 6 : 镇级 4 分配，尾差按最大余数法', 'Surplus is split as county 6 : town 4, the leftover fen by largest remainder'],
    ['/steps/10', '县级结余按分配权重分配给层级为“county”的成员单位，尾差按最大余数法', 'County pool is split among the member units where level is “county” by distribution weight, the leftover fen by largest remainder'],
    ['/steps/11', '镇级结余按分配权重分配给层级为“town”的成员单位，尾差按最大余数法', 'Town pool is split among the member units where level is “town” by distribution weight, the leftover fen by largest remainder'],
    [
      '/steps/12',
      '超支先由风险金（以其余额为限）、再由调节金（以其余额为限）承担，不足部分由财政和医院按 1 : 1 分担',
      'Overspend is covered first by risk fund (up to its balance), then by adjustment fund (up to its balance), and the shortfall is shared by local finance and the hospital 1 : 1',
    ],
    ['/steps/13', '不足部分按 财政 1 : 医院 1 分担，尾差按最大余数法', 'The shortfall is shared as local finance 1 : the hospital 1, the leftover fen by largest remainder'],
    ['/steps/14', '未使用的风险金 = 风险金 − 风险金承担', 'Unused risk fund = risk fund − paid by the risk fund'],
    ['/steps/15', '未使用的调节金 = 调节金 − 调节金承担', 'Unused adjustment fund = adjustment fund − paid by the adjustment fund'],
    ['/steps/16', '未使用的储备金（留在基金）= 未使用的风险金 + 未使用的调节金', 'Unused reserves (stay with the fund) = unused risk fund + unused adjustment fund'],
  ];
  it.each(steps)('%s', (pointer, zh, en) => expect(at(d, pointer)).toEqual({ zh, en }));

  it('one sentence per step, in file order, then the transfers each step records', () => {
    expect(d.sentences.filter((s) => s.kind === 'step').map((s) => s.pointer)).toEqual(steps.map(([p]) => p));
    expect(at(d, '/steps/4/transfer', 'transfer')).toEqual({ zh: '记账：医共体打包总额从医保基金转入医共体总医院（打包付费）', en: 'Ledger: community package from insurance fund to community (general hospital) (package)' });
    expect(at(d, '/steps/12/payers/0', 'transfer')).toEqual({ zh: '记账：风险金承担从风险金转入医共体总医院', en: 'Ledger: paid by the risk fund from risk fund to community (general hospital)' });
    expect(at(d, '/steps/10/transfer', 'transfer').zh).toBe('记账：每个成员单位的份额从其“层级”所指的账户转入该成员单位（结余分配）');
  });

  it('the checks in words (after their own label)', () => {
    expect(at(d, '/checks/0', 'check').zh).toMatch(/：医共体打包总额 = 按人头计算的基金总额 − 政策性支出 − 调节金 − 风险金$/);
    expect(at(d, '/checks/1', 'check').en).toMatch(/: surplus = 0 or overspend = 0$/);
    expect(at(d, '/checks/2', 'check').zh).toMatch(/：风险金承担 \+ 调节金承担 \+ 财政承担 \+ 医院承担 = 超支$/);
  });

  it('each sentence points at its step: JSON Pointer and the line:column of the step', () => {
    const source = text('yangxi');
    const offset = source.indexOf('{ "name": "surplusSplit"');
    const before = source.slice(0, offset);
    const s = d.sentences.find((x) => x.pointer === '/steps/9');
    expect(s?.at).toEqual({ line: before.split('\n').length, column: offset - before.lastIndexOf('\n') });
    expect(s?.parameters).toEqual(['countyRatio', 'townRatio']);
  });

  it('the parameters as read: rates in percent, with their provenance', () => {
    expect(d.parameters.map((p) => [p.name, p.value.zh, p.published])).toEqual([
      ['adjustmentRate', '2%', true],
      ['riskRate', '8%', true],
      ['countyRatio', '6', true],
      ['townRatio', '4', true],
      ['financeRatio', '1', false],
      ['hospitalRatio', '1', false],
    ]);
  });

  it('county:town 7:3 — the sentence says 7 : 3, and the stale label gets a warning', () => {
    const edited = describeText(withParameter(withParameter(text('yangxi'), 'countyRatio', '7'), 'townRatio', '3'));
    expect(at(edited, '/steps/9')).toEqual({ zh: '结余按 县级 7 : 镇级 3 分配，尾差按最大余数法', en: 'Surplus is split as county 7 : town 3, the leftover fen by largest remainder' });
    expect(edited.hints.map((h) => [h.code, h.pointer, h.severity])).toEqual([['stale_label_number', '/steps/9/label/zh', 'warning']]);
  });

  it('a rate written as a fraction reads in percent: 0.025 → 2.5%', () => {
    const edited = describeText(withParameter(text('yangxi'), 'adjustmentRate', '0.025'));
    expect(at(edited, '/steps/2').zh).toBe('调节金 = 扣除政策性支出 × 2.5%，四舍五入到分');
  });
});

/** A decimal text times 100, exactly, by moving the point ("0.045" → "4.5"). */
function times100(value: string): string {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = value.replace('-', '').split('.');
  const digits = whole + fraction.padEnd(2, '0');
  const point = whole.length + 2;
  const out = `${digits.slice(0, point)}.${digits.slice(point)}`.replace(/^0+(?=\d)/, '').replace(/\.?0*$/, '');
  return `${negative ? '-' : ''}${out === '' ? '0' : out}`;
}

/** How a parameter's value is shown: a rate in percent, money grouped, other numbers exactly. */
function shown(kind: string, value: string): string {
  if (kind === 'rate') return value.endsWith('%') ? `${value.slice(0, -1).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '')}%` : `${times100(value)}%`;
  if (kind === 'money') {
    const [w = '', f = ''] = value.split('.');
    return `${w.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${f.padEnd(2, '0')}`;
  }
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

interface ParameterJson {
  kind: string;
  value: string | number | boolean;
  min?: string;
  max?: string;
  choices?: (string | { value: string })[];
}

/** A different valid value: a rate one point up (or down, at the maximum), a number 1 up, another choice. */
function another(p: ParameterJson): string {
  const value = String(p.value);
  if (p.kind === 'text') {
    const values = (p.choices ?? []).map((c) => (typeof c === 'string' ? c : c.value));
    return values.find((c) => c !== value) ?? `${value}x`;
  }
  const pct = p.kind === 'rate' && !value.endsWith('%') ? times100(value) : value.replace('%', '');
  const step = p.kind === 'money' ? 1 : 1;
  const limit = (x: string | undefined): number | undefined => (x === undefined ? undefined : x.endsWith('%') ? Number(x.slice(0, -1)) : p.kind === 'rate' ? Number(times100(x)) : Number(x));
  const up = Number(pct) + step <= (limit(p.max) ?? Infinity);
  const next = (Number(pct) + (up ? step : -step)).toFixed(p.kind === 'money' ? 2 : (pct.split('.')[1] ?? '').length);
  expect(Number(next) >= (limit(p.min) ?? -Infinity)).toBe(true);
  return p.kind === 'rate' ? `${next}%` : next;
}

/** Whether a formula anywhere in the steps or checks reads the parameter. */
function isRead(doc: { steps: unknown; checks?: unknown }, name: string): boolean {
  // `growth.employee` is read as `growth.{f}` inside a loop over employee and resident.
  const dotted = name.split('.').map((part, i) => (i === 0 ? part : `(?:${part}|\\{\\w+\\})`)).join('\\.');
  const word = new RegExp(`(?<![A-Za-z0-9_.])${dotted}(?![A-Za-z0-9_])`);
  return word.test(JSON.stringify([doc.steps, doc.checks ?? []]).replace(/"(label|name|note|memo)":\{?"[^"]*"/g, ''));
}

describe.each(presets)('%s described against its parameters', (id) => {
  const source = text(id);
  const doc = JSON.parse(source) as { parameters?: Record<string, ParameterJson>; steps: unknown; checks?: unknown[] };
  const d = describeText(source);

  it('every sentence is whole: both languages, no placeholder left, no NaN, at its element', () => {
    const lines = source.split('\n');
    for (const s of d.sentences) {
      for (const t of [s.text.zh, s.text.en]) {
        expect(t.length, s.pointer).toBeGreaterThan(3);
        expect(t).not.toMatch(/undefined|NaN|Infinity|\{[a-z]+\}|\[object/);
      }
      expect(s.at, s.pointer).toBeDefined();
      if (s.kind !== 'transfer') expect(lines[(s.at?.line ?? 1) - 1]?.charAt((s.at?.column ?? 1) - 1), s.pointer).toBe('{');
    }
    expect(d.sentences.filter((s) => s.kind === 'check')).toHaveLength(doc.checks?.length ?? 0);
  });

  const params = Object.entries(doc.parameters ?? {});
  if (params.length === 0) return;

  it.each(params)('%s: every sentence that quotes it shows its value; changing it changes them', (name, p) => {
    const quoting = d.sentences.filter((s) => s.parameters.includes(name));
    expect(quoting.length > 0).toBe(isRead(doc, name));
    if (p.kind === 'text' || p.kind === 'boolean') {
      for (const s of quoting) expect(s.text.zh).toContain(`当前为“${String(p.value)}”`);
    } else {
      for (const s of quoting) for (const t of [s.text.zh, s.text.en]) expect(t, s.pointer).toContain(shown(p.kind, String(p.value)));
    }
    if (quoting.length === 0 || p.kind === 'boolean') return;
    const value = another(p);
    const edited = describeText(withParameter(source, name, value));
    const now = edited.sentences.filter((s) => s.parameters.includes(name));
    expect(now.map((s) => s.pointer)).toEqual(quoting.map((s) => s.pointer));
    for (const s of now) {
      const before = quoting.find((q) => q.pointer === s.pointer && q.kind === s.kind);
      expect(s.text.zh, s.pointer).not.toBe(before?.text.zh);
      if (p.kind === 'text') expect(s.text.zh).toContain(`当前为“${value}”`);
      else for (const t of [s.text.zh, s.text.en]) expect(t, s.pointer).toContain(shown(p.kind, value));
    }
  });
});

describe('yibao-settle describe documents', () => {
  const d = describeText(text('yangxi'));
  it('Markdown: title, parameters table, numbered steps with their lines, transfers under them, checks', () => {
    const md = formatDescription(d, { lang: 'zh', format: 'md', file: 'rules/yangxi.json' });
    expect(md.startsWith('# 阳西县紧密型县域医共体')).toBe(true);
    expect(md).toContain('| 结余分配：县级份额 `countyRatio` | 6 | 公开发布 |');
    expect(md).toMatch(/\n10\. 结余按 县级 6 : 镇级 4 分配，尾差按最大余数法 _\(第 \d+ 行\)_\n {4}- 记账：县级结余从医共体总医院转入县级结余池\n/);
    expect(md).toContain('## 核对');
  });

  it('HTML: one page with nothing to fetch and the text escaped', () => {
    const page = formatDescription(d, { lang: 'en', format: 'html' });
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('<html lang="en">');
    expect(page).not.toMatch(/<script|<link|src=|href=/);
    expect(page).toContain('<li>Adjustment fund = net of policy expenditures × 2%, rounded half up to the fen <span class="at">line');
    const hostile = formatDescription({ ...d, title: { zh: '<b>x</b>', en: '<b>x</b> & "y"' } }, { lang: 'en', format: 'html' });
    expect(hostile).toContain('<h1>&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;</h1>');
  });
});
