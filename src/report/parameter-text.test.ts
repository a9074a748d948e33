import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimalText } from '../money/decimal-string.js';
import { parameterEntryText, parameterValueText } from './parameter-text.js';

const place = { file: 'rules/yangxi.json', pointer: '/parameters/adjustmentRate/value' };

describe('parameterValueText: a parameter as people read it', () => {
  it.each([
    ['rate', '2%', '2%', '2'],
    ['rate', '0.02', '2%', '2'],
    ['rate', 0.08, '8%', '8'],
    ['rate', '0.025', '2.5%', '2.5'],
    ['rate', '0.125%', '0.125%', '0.125'],
    ['rate', '1', '100%', '100'],
    ['money', '2000000.00', '2,000,000.00', '2,000,000.00'],
    ['money', '-1234.5', '-1,234.5', '-1,234.5'],
    ['number', '6', '6', '6'],
    ['count', 400000, '400000', '400000'],
    ['text', 'marginal', 'marginal', 'marginal'],
  ] as const)('%s %j → %s', (kind, value, display, editable) => {
    expect(parameterValueText(kind, value, 'zh')).toEqual({ display, editable });
  });

  it('booleans in words, in the page language', () => {
    expect(parameterValueText('boolean', true, 'zh')?.display).toBe('是');
    expect(parameterValueText('boolean', false, 'en')?.display).toBe('no');
  });

  it('a value that is not of its form has no text (the engine says why)', () => {
    expect(parameterValueText('rate', 'two percent', 'zh')).toBeUndefined();
    expect(parameterValueText('number', '1e3', 'zh')).toBeUndefined();
    expect(parameterValueText('boolean', 'yes', 'zh')).toBeUndefined();
  });
});

describe('parameterEntryText: what an official types, as rule text', () => {
  it.each([
    ['rate', '7', '7%'],
    ['rate', '7%', '7%'],
    ['rate', ' 7.5 % ', '7.5%'],
    ['rate', '７', '7%'],
    ['rate', '０．５％', '0.5%'],
    ['money', '1,234,567.89', '1234567.89'],
    ['money', '１，２３４．５０', '1234.50'],
    ['number', '7', '7'],
    ['text', 'whole', 'whole'],
  ] as const)('%s %j → %j', (kind, typed, text) => {
    expect(parameterEntryText({ kind }, typed, place)).toEqual({ ok: true, text });
  });

  it.each([
    ['rate', 'abc', 'not_decimal'],
    ['rate', '', 'not_decimal'],
    ['money', '   ', 'not_decimal'],
    ['money', '1,23,4', 'bad_grouping'],
    ['money', '12,34.00', 'bad_grouping'],
    ['money', '1e6', 'not_decimal'],
    ['number', '7%', 'not_decimal'],
    // 150 in a rate's field is 150%: outside 0–100%, the engine's own rate_out_of_range.
    ['rate', '150', 'rate_out_of_range'],
  ] as const)('%s %j is refused as %s at the parameter, and goes nowhere', (kind, typed, code) => {
    const r = parameterEntryText({ kind }, typed, place);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issue).toMatchObject({ code, file: place.file, pointer: place.pointer });
  });

  it('the declared bounds apply: 12 in a rate declared up to 10% is rate_out_of_range naming both', () => {
    const r = parameterEntryText({ kind: 'rate', min: '0', max: '10%' }, '12', place);
    expect(!r.ok && r.issue).toMatchObject({ code: 'rate_out_of_range', params: { percent: '12%', max: '10%' } });
    expect(parameterEntryText({ kind: 'number', min: '1' }, '0.5', place)).toMatchObject({ ok: false, issue: { code: 'below_minimum' } });
  });

  it('a rate shown and typed back is the same exact value (fractions of up to 8 decimals)', () => {
    // Second method: the fraction as an integer count of 10^-8, compared with BigInt.
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 9n }), (units) => {
        const whole = units / 10n ** 8n;
        const frac = (units % 10n ** 8n).toString().padStart(8, '0');
        const text = `${whole}.${frac}`;
        const shown = parameterValueText('rate', text, 'zh');
        expect(shown).toBeDefined();
        const back = parameterEntryText({ kind: 'rate', max: '1000%' }, shown?.editable ?? '', place);
        expect(back.ok).toBe(true);
        const parsed = back.ok ? parseDecimalText(back.text, { percent: true }) : undefined;
        expect(parsed?.ok).toBe(true);
        if (!parsed?.ok) return;
        // value × 10^8 must be the integer we started from.
        expect(parsed.value.times(10 ** 8).toFixed()).toBe(units.toString());
      }),
    );
  });
});
