/**
 * Decimal text at the edges: parse, don't coerce. Text in, exact decimal or a reason out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Exact } from './exact.js';
import { formatMoney, formatNumber, MAX_DIGITS, parseDecimalText } from './decimal-string.js';

const value = (text: string, percent = false): string => {
  const r = parseDecimalText(text, { percent });
  if (!r.ok) throw new Error(`${text}: ${r.reason}`);
  return r.value.toFixed();
};

describe('parseDecimalText', () => {
  it.each([
    ['980.10', '980.1', 2],
    ['980', '980', 0],
    ['-3', '-3', 0],
    ['0.02', '0.02', 2],
    ['0', '0', 0],
    ['100.000', '100', 3],
  ])('reads %s exactly (value %s, %i decimals written)', (text, want, scale) => {
    const r = parseDecimalText(text);
    expect(r.ok && r.value.toFixed()).toBe(want);
    expect(r.ok && r.scale).toBe(scale);
  });

  it('reads percentages only when asked: "2%" is 0.02', () => {
    expect(value('2%', true)).toBe('0.02');
    expect(value('12.5%', true)).toBe('0.125');
    expect(value('-0.5%', true)).toBe('-0.005');
    const r = parseDecimalText('2%', { percent: true });
    expect(r.ok && r.percent).toBe(true);
    expect(parseDecimalText('2%')).toEqual({ ok: false, reason: 'not_decimal' });
    expect(parseDecimalText('%', { percent: true })).toEqual({ ok: false, reason: 'not_decimal' });
    expect(parseDecimalText('2%%', { percent: true })).toEqual({ ok: false, reason: 'not_decimal' });
  });

  it.each([
    ['1e3'],
    ['1E3'],
    ['1.5e-7'],
    ['NaN'],
    ['Infinity'],
    ['-Infinity'],
    ['0x10'],
    ['0b1'],
    [''],
    [' '],
    [' 1'],
    ['1 '],
    ['\t1'],
    ['1,000'],
    ['1_000'],
    ['+1'],
    ['.5'],
    ['1.'],
    ['--1'],
    ['1.2.3'],
    ['-'],
    ['１２'], // full-width digits
    ['٣'], // Arabic-Indic digit
    ['1/2'],
  ])('refuses %j (not_decimal)', (text) => {
    expect(parseDecimalText(text, { percent: true })).toEqual({ ok: false, reason: 'not_decimal' });
  });

  it('keeps 30+ digit numbers exact', () => {
    const text = '123456789012345678901234567890.12';
    expect(value(text)).toBe(text);
    const r = parseDecimalText(text);
    if (!r.ok) throw new Error(r.reason);
    // A double would print 1.2345678901234568e+29; the product of two such values stays exact.
    expect(r.value.times(r.value).toFixed()).toBe('15241578753238836750495351562565828416864868162811315348393.6144');
    expect(value('0.000000000000000000000000000001')).toBe('0.000000000000000000000000000001');
  });

  it(`accepts ${MAX_DIGITS} digits and refuses more (too_many_digits)`, () => {
    expect(MAX_DIGITS).toBe(40);
    expect(parseDecimalText('9'.repeat(40)).ok).toBe(true);
    expect(parseDecimalText('9'.repeat(38) + '.99').ok).toBe(true);
    expect(parseDecimalText('9'.repeat(41))).toEqual({ ok: false, reason: 'too_many_digits' });
    expect(parseDecimalText('-' + '9'.repeat(39) + '.99')).toEqual({ ok: false, reason: 'too_many_digits' });
    expect(parseDecimalText('1'.repeat(200))).toEqual({ ok: false, reason: 'too_many_digits' });
  });

  it('never gives negative zero', () => {
    for (const t of ['-0', '-0.00', '-0%']) {
      const r = parseDecimalText(t, { percent: true });
      expect(r.ok && r.value.isNegative()).toBe(false);
    }
  });
});

describe('formatMoney', () => {
  it('prints exactly two decimals, HALF_UP away from zero', () => {
    expect(formatMoney(new Exact('342216000'))).toBe('342216000.00');
    expect(formatMoney(new Exact('8229610.368'))).toBe('8229610.37');
    expect(formatMoney(new Exact('0.005'))).toBe('0.01');
    expect(formatMoney(new Exact('-0.005'))).toBe('-0.01');
    expect(formatMoney(new Exact('-42362139.68'))).toBe('-42362139.68');
    expect(formatMoney(new Exact('123456789012345678901234567890.125'))).toBe('123456789012345678901234567890.13');
  });

  it('never prints "-0.00"', () => {
    expect(formatMoney(new Exact('-0.001'))).toBe('0.00');
    expect(formatMoney(new Exact('-0.0049'))).toBe('0.00');
    expect(formatMoney(new Exact('-0'))).toBe('0.00');
  });
});

describe('formatNumber', () => {
  it('prints exact decimal text with no exponent, no trailing zeros and no "-0"', () => {
    expect(formatNumber(new Exact('2.50'))).toBe('2.5');
    expect(formatNumber(new Exact('0.02'))).toBe('0.02');
    expect(formatNumber(new Exact('-0'))).toBe('0');
    expect(formatNumber(new Exact('1e-30'))).toBe('0.000000000000000000000000000001');
    expect(formatNumber(new Exact('1e30'))).toBe('1000000000000000000000000000000');
  });
});

describe('parseDecimalText on random text', () => {
  it('accepts exactly /^-?\\d+(\\.\\d+)?$/ (up to 40 digits) and reads the value and scale as written', () => {
    const piece = fc.constantFrom('-', '+', '.', '0', '1', '5', '9', 'e', ' ', '%', '00', '123456789');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }).map((p) => p.join('')), fc.boolean(), (text, percent) => {
        const r = parseDecimalText(text, { percent });
        const body = percent && text.endsWith('%') ? text.slice(0, -1) : text;
        const shape = /^-?\d+(?:\.\d+)?$/.test(body);
        const tooLong = body.replace(/[-.]/g, '').replace(/^0+(?=\d)/, '').length > MAX_DIGITS;
        expect(r.ok).toBe(shape && !tooLong);
        if (!r.ok) return;
        const want = new Exact(body);
        expect(r.value.toFixed()).toBe((percent && body !== text ? want.div(100) : want).toFixed());
        expect(r.scale).toBe(body.includes('.') ? body.length - body.indexOf('.') - 1 : 0);
      }),
      { numRuns: 5000 },
    );
  });
});
