/**
 * Spreadsheet cells as officials type them: thousands separators, full-width forms, labels of
 * choices. Grouped texts are made here by a second method (Intl.NumberFormat's grouping of the
 * integer part) and must read back to the plain decimal they came from.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainNumberText } from '../money/number-text.js';
import { readRuleFile } from './settle.js';
import { readCellText, type CellColumn } from './cell-text.js';

const yangxi = readRuleFile(readFileSync('rules/yangxi.json', 'utf8'));
if (!yangxi.ok) throw new Error('yangxi does not load');
const members = yangxi.value.inputs.find((i) => i.name === 'members')?.members ?? [];
const column = (name: string): CellColumn => {
  const c = members.find((m) => m.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
};

const read = (text: string, col: CellColumn): string | undefined => {
  const r = readCellText(text, col);
  return r.ok ? r.value : undefined;
};
const code = (text: string, col: CellColumn): string | undefined => {
  const r = readCellText(text, col);
  return r.ok ? undefined : r.issues[0].code;
};

const FULL = '０１２３４５６７８９';
const fullWidth = (s: string): string => s.replace(/\d/g, (d) => FULL[Number(d)] as string).replace(/,/g, '，').replace(/\./g, '．');

describe('plainNumberText', () => {
  it('reads any amount grouped by three, in ASCII or full width, as its plain decimal', () => {
    const grouping = new Intl.NumberFormat('en-US', { useGrouping: true, maximumFractionDigits: 0 });
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 17n }), fc.boolean(), fc.boolean(), (fen, negative, wide) => {
        const plain = `${negative && fen > 0n ? '-' : ''}${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
        const grouped = `${negative && fen > 0n ? '-' : ''}${grouping.format(fen / 100n)}.${String(fen % 100n).padStart(2, '0')}`;
        const r = plainNumberText(wide ? fullWidth(grouped) : grouped);
        expect(r).toEqual({ ok: true, text: plain });
      }),
      { numRuns: 500 },
    );
  });

  it.each(['1,23,4', '1,2345', '12,34.5', '1,000,00', '0,123', ',123', '123,', '1,,000', '980,50', '1，23'])('refuses %s (grouping)', (text) => {
    expect(plainNumberText(text).ok).toBe(false);
  });

  it('leaves plain text alone and maps ％ and －', () => {
    expect(plainNumberText('980.00')).toEqual({ ok: true, text: '980.00' });
    expect(plainNumberText('２％')).toEqual({ ok: true, text: '2%' });
    expect(plainNumberText('－１２．５')).toEqual({ ok: true, text: '-12.5' });
    expect(plainNumberText(' 1,000 ')).toEqual({ ok: true, text: '1000' });
  });
});

describe('readCellText', () => {
  it('money cells: 1,234,567.89, full width, blanks', () => {
    expect(read('1,234,567.89', column('spending'))).toBe('1234567.89');
    expect(read('８，６００，０００．００', column('spending'))).toBe('8600000.00');
    expect(read('  98000000.00 ', column('spending'))).toBe('98000000.00');
    expect(read('', column('spending'))).toBe('');
  });

  it('money cells the engine refuses are refused with its code', () => {
    expect(code('1,23,4', column('spending'))).toBe('bad_grouping');
    expect(code('1.005', column('spending'))).toBe('money_precision');
    expect(code('-1.00', column('spending'))).toBe('below_minimum');
    expect(code('1e3', column('spending'))).toBe('not_decimal');
    expect(code('一千', column('spending'))).toBe('not_decimal');
  });

  it('a choice by its value or either label gives the value', () => {
    expect(read('county', column('level'))).toBe('county');
    expect(read('县级', column('level'))).toBe('county');
    expect(read(' 镇级 ', column('level'))).toBe('town');
    expect(read('Town Level', column('level'))).toBe('town');
    const r = readCellText('市级', column('level'));
    expect(r.ok ? '' : r.issues[0].code).toBe('not_in_choices');
    expect(r.ok ? '' : String(('expected' in r.issues[0].params ? r.issues[0].params.expected : undefined))).toBe('county (县级 / county level), town (镇级 / town level)');
  });

  it('text: trimmed and NFC; control characters refused', () => {
    expect(read(' town-1 ', column('id'))).toBe('town-1');
    expect(read('cafe\u0301', column('id'))).toBe('caf\u00e9');
    expect(code('a\u0000b', column('id'))).toBe('control_character');
  });

  it('rates: 2% and 0.02; 2 is 200% and refused', () => {
    const rate: CellColumn = { kind: 'rate' };
    expect(read('2%', rate)).toBe('2%');
    expect(read('２％', rate)).toBe('2%');
    expect(read('0.02', rate)).toBe('0.02');
    const r = readCellText('2', rate);
    expect(r.ok ? undefined : r.issues[0].params).toEqual({ received: '2', percent: '200%', min: '0%', max: '100%' });
  });

  it('booleans as spreadsheets write them', () => {
    const b: CellColumn = { kind: 'boolean' };
    expect(['是', '否', 'TRUE', '0', 'Y'].map((t) => read(t, b))).toEqual(['true', 'false', 'true', 'false', 'true']);
    expect(code('maybe', b)).toBe('wrong_type');
  });

  it('a column that is not one is wrong_type, not a crash', () => {
    expect(code('1', { kind: 'table' })).toBe('wrong_type');
    expect(code('1', { kind: 'money', min: 'x' })).toBe('wrong_type');
    expect(code('1', null as unknown as CellColumn)).toBe('wrong_type');
  });
});

describe('readHeaderRow', () => {
  it('names the columns of a pasted header written as labels, keys or labels less their note', async () => {
    const { readHeaderRow } = await import('./csv-header.js');
    if (!yangxi.ok) return;
    expect(readHeaderRow(yangxi.value, 'members', ['医保基金支出', 'LEVEL', '编号', 'distribution weight'])).toEqual({ ok: true, value: ['spending', 'level', 'id', 'weight'] });
    const bad = readHeaderRow(yangxi.value, 'members', ['编号', '编号', '金额']);
    expect(bad.ok ? [] : bad.issues.map((i) => [i.code, i.pointer])).toEqual([
      ['csv_duplicate_header', '/1'],
      ['unknown_input', '/2'],
    ]);
    const none = readHeaderRow(yangxi.value, 'insured', ['x']);
    expect(none.ok ? '' : none.issues[0].code).toBe('unknown_table');
  });
});
