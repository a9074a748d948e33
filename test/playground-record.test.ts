/**
 * The playground's pure pieces of the audit record, in Node: rates as percentages (exact, by a
 * property against BigInt arithmetic), money padded to two decimals, the change list between
 * two rule versions, the record's tables in Chinese and English, the workbook's cells (two-decimal
 * money as numbers, values past 15 significant digits as text), and the fund-flow layout folding
 * small recipients without losing a fen.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readRuleFile, settle, type Settlement } from '../src/index.js';
import { recordTables, resultsTable, type RecordSource } from '../playground/src/audit-record.js';
import { percentText } from '../playground/src/decimal-text.js';
import { recordXlsx, valuesCsv } from '../playground/src/export.js';
import { moneyText } from '../playground/src/format.js';
import { labelFigures } from '../playground/src/labels.js';
import { ruleChanges } from '../playground/src/rule-changes.js';
import { KEEP_RECIPIENTS, layoutSankey } from '../playground/src/sankey.js';

const yangxiRule = readFileSync('rules/yangxi.json', 'utf8');
const yangxiInput = readFileSync('rules/examples/yangxi.input.json', 'utf8');

function settleText(rule: string, input: string): Settlement {
  const rules = readRuleFile(rule, { file: 'rules/yangxi.json' });
  if (!rules.ok) throw new Error(rules.issues[0].message.en);
  const run = settle(rules.value, input, { file: 'input.json' });
  if (!run.ok) throw new Error(run.issues[0].message.en);
  return run.value;
}

function source(locale: 'zh' | 'en', rule = yangxiRule, input = yangxiInput, baseline?: string): RecordSource {
  const settlement = settleText(rule, input);
  return {
    settlement,
    labels: labelFigures(rule, settlement.figures),
    ruleText: rule,
    inputText: input,
    ruleFile: 'rules/yangxi.json',
    inputFile: 'input.json',
    locale,
    generatedAt: '2026-12-03 09:00',
    ...(baseline !== undefined ? { baseline: { file: 'baseline.json', text: baseline } } : {}),
  };
}

describe('rates and money as people read them', () => {
  it.each([
    ['0.02', '2%'],
    ['0.025', '2.5%'],
    ['1', '100%'],
    ['0.0833333', '8.33333%'],
    ['8%', '8%'],
    ['-0.5', '-50%'],
    ['abc', 'abc'],
  ])('%s → %s', (rate, shown) => expect(percentText(rate)).toBe(shown));

  it('moves the decimal point exactly, whatever the digits (property, against BigInt)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 25 }), (units, scale) => {
        const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
        const text = `${units < 0n ? '-' : ''}${digits.slice(0, digits.length - scale)}${scale > 0 ? `.${digits.slice(-scale)}` : ''}`;
        const shown = percentText(text);
        // Read the percentage back as an integer count of 10^-(scale) hundredths: units × 100.
        const [whole = '', fraction = ''] = shown.slice(0, -1).replace('-', '').split('.');
        const back = BigInt(whole + fraction.padEnd(scale, '0'));
        expect(shown.endsWith('%')).toBe(true);
        expect(units < 0n ? -back : back).toBe(units * 100n);
      }),
    );
  });

  it.each([
    ['980', '980.00'],
    ['0.5', '0.50'],
    ['12.34', '12.34'],
    ['-7', '-7.00'],
    ['1.235', '1.235'],
  ])('money %s → %s (zeros appended, never rounded)', (raw, shown) => expect(moneyText(raw)).toBe(shown));
});

describe('the change list against a baseline', () => {
  it('names each changed parameter and rewritten step, and ignores layout', () => {
    const changed = yangxiRule
      .replace(/("countyRatio": \{[^}]*"value": )"6"/, '$1"7"')
      .replace('"formula": "max(balance, 0)"', '"formula": "max(balance, 0.00)"')
      .replace(/("adjustmentRate": \{[^}]*"value": )"2%"/, '$1"0.02"');
    const rows = ruleChanges(yangxiRule, changed, 'zh') ?? [];
    expect(rows.map((r) => [r.kind, r.name, r.label.zh, r.from, r.to])).toEqual([
      ['parameter', 'countyRatio', '结余分配：县级份额', '6', '7'],
      ['step', 'surplus', '结余', 'formula: max(balance, 0)', 'formula: max(balance, 0.00)'],
    ]);
    // "2%" and "0.02" are the same rate; re-indenting the file changes nothing.
    expect(ruleChanges(yangxiRule, JSON.stringify(JSON.parse(yangxiRule), null, 4), 'zh')).toEqual([]);
  });
});

describe('the record', () => {
  it('has its tables in the page language, money with two decimals', () => {
    const zh = recordTables(source('zh'));
    expect(zh.map((t) => t.title)).toEqual(['参数', '输入数据：单项数值', '输入数据：成员单位（11 行）', '结算结果', '资金台账', '守恒校验', '账户余额']);
    const en = recordTables(source('en'));
    expect(en.map((t) => t.title)).toEqual(['Parameters', 'Input data: single values', 'Input data: member units (11 rows)', 'Results', 'Ledger', 'Conservation checks', 'Accounts']);
    const results = zh.find((t) => t.id === 'results');
    // overspend = max(−22,860,028.80, 0) = 0.00; surplus 22,860,028.80 (DOMAIN.md E1).
    expect(results?.rows.find((r) => r[1]?.text === 'surplus')?.[2]).toEqual({ text: '22,860,028.80', plain: '22860028.80', money: true });
    expect(results?.rows.find((r) => r[1]?.text === 'overspend')?.[2]).toEqual({ text: '0.00', plain: '0.00', money: true });
    const checks = en.find((t) => t.id === 'checks');
    expect(checks?.rows.find((r) => r[0]?.text === 'the ledger balances: Σ over accounts of (received − paid) = 0')?.slice(1, 4).map((c) => c.text)).toEqual(['✓ passed', '0.00', '0.00']);
  });

  it('lists the changes when a baseline is pinned', () => {
    const changed = yangxiRule.replace(/("countyRatio": \{[^}]*"value": )"6"/, '$1"7"').replace(/("townRatio": \{[^}]*"value": )"4"/, '$1"3"');
    const tables = recordTables(source('zh', changed, yangxiInput, yangxiRule));
    expect(tables.at(-1)?.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['参数', '结余分配：县级份额', 'countyRatio', '6', '7'],
      ['参数', '结余分配：镇级份额', 'townRatio', '4', '3'],
    ]);
  });

  it('writes values past 15 significant digits as text, money as two-decimal number cells', () => {
    // A per-capita standard with more digits than a spreadsheet number holds.
    const input = yangxiInput.replace('"perCapita": "980.00"', '"perCapita": "1234567890123.45"');
    expect(input).not.toBe(yangxiInput);
    const s = source('zh', yangxiRule, input);
    // gross = 400,000 × 1,234,567,890,123.45 = 493,827,156,049,380,000.00: 20 significant digits.
    expect(s.settlement.values['gross']).toBe('493827156049380000.00');
    const parts = unzipSync(recordXlsx(s));
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
    expect(sheet).toContain('<t xml:space="preserve">493827156049380000.00</t>');
    expect(sheet).toMatch(/<c r="C\d+" s="1"><v>0\.00<\/v><\/c>/); // overspend 0.00 fits: a number cell
    const csv = valuesCsv(s);
    expect(csv.split('\r\n')[0]).toBe('名称,标识,数值,公式,类型,输入,精确值,舍入,规则位置,行,列');
    expect(resultsTable(source('en'), true).columns.map((c) => c.label)).toEqual(['Name', 'Key', 'Value', 'Formula', 'Kind', 'Inputs', 'Exact value', 'Rounding', 'Position', 'Line', 'Column']);
  });
});

describe('the fund-flow layout', () => {
  /** A pool paying `n` members 1.00 … n.00 yuan, in input order. */
  const ledger = (n: number): { from: string; to: string; amount: string; value: string }[] => [
    { from: 'fund', to: 'pool', amount: `${(n * (n + 1)) / 2}.00`, value: 'pool' },
    ...Array.from({ length: n }, (_, i) => ({ from: 'pool', to: `m${i + 1}`, amount: `${i + 1}.00`, value: `share.m${i + 1}` })),
  ];

  it('keeps the ten largest recipients and folds the rest, to the fen (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), (n) => {
        const layout = layoutSankey(ledger(n));
        const members = layout.nodes.filter((x) => x.id.startsWith('m'));
        const others = layout.nodes.filter((x) => x.role === 'others');
        const folded = [...layout.groups.values()].flat();
        if (n <= KEEP_RECIPIENTS + 2) {
          expect(members.length).toBe(n);
          expect(others).toEqual([]);
        } else {
          // The ten largest are n, n−1, …, n−9 yuan; the others node carries exactly the rest.
          expect(members.map((x) => x.fen).sort((a, b) => Number(b - a))).toEqual(Array.from({ length: 10 }, (_, i) => BigInt((n - i) * 100)));
          expect(others.length).toBe(1);
          expect(folded.length).toBe(n - 10);
          expect(others[0]?.fen).toBe(BigInt((((n - 10) * (n - 9)) / 2) * 100));
        }
        const pool = layout.nodes.find((x) => x.id === 'pool');
        expect([...members, ...others].reduce((a, x) => a + x.fen, 0n)).toBe(pool?.fen);
      }),
      { numRuns: 60 },
    );
  });
});
