import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRuleFile } from './settle.js';
import { complementInSum, findParameterSums, type ParameterSum } from './parameter-sums.js';

const numeric = new Set(['a', 'b', 'c', 'countyRatio', 'townRatio']);
const sums = (...formulas: string[]): ParameterSum[] => findParameterSums(formulas.map((formula, i) => ({ formula, pointer: `/plausibility/${i}` })), numeric);

describe('findParameterSums', () => {
  it('reads a sum of parameters equal to a constant, on either side', () => {
    expect(sums('countyRatio + townRatio == 10', '100% == a + b + c')).toEqual([
      { names: ['countyRatio', 'townRatio'], total: '10', pointer: '/plausibility/0' },
      { names: ['a', 'b', 'c'], total: '1', pointer: '/plausibility/1' },
    ]);
  });

  it('leaves other conditions alone', () => {
    expect(sums('a + b >= 10', 'a - b == 0', 'a + a == 2', 'a + x == 1', 'a == 1', 'a + b == c', 'a + b == 1 or a == 0', '(a + b')).toEqual([]);
  });

  it('is what readRuleFile reports for Yangxi: the county and town parts make ten', () => {
    const r = readRuleFile(readFileSync('rules/yangxi.json', 'utf8'), { file: 'rules/yangxi.json' });
    expect(r.ok && r.value.parameterSums).toEqual([{ names: ['countyRatio', 'townRatio'], total: '10', pointer: '/plausibility/2' }]);
  });
});

describe('complementInSum', () => {
  const tenths: ParameterSum = { names: ['countyRatio', 'townRatio'], total: '10', pointer: '/plausibility/0' };

  it('gives the other part: 7 → 3, and a percentage as a percentage', () => {
    expect(complementInSum(tenths, 'countyRatio', '7')).toEqual({ name: 'townRatio', value: '3' });
    expect(complementInSum(tenths, 'townRatio', '2.5')).toEqual({ name: 'countyRatio', value: '7.5' });
    expect(complementInSum({ names: ['a', 'b'], total: '1', pointer: '' }, 'a', '70%')).toEqual({ name: 'b', value: '30%' });
  });

  it('has no answer for three parts, a stranger, or text that is not a number', () => {
    expect(complementInSum({ names: ['a', 'b', 'c'], total: '1', pointer: '' }, 'a', '0.5')).toBeUndefined();
    expect(complementInSum(tenths, 'other', '7')).toBeUndefined();
    expect(complementInSum(tenths, 'countyRatio', 'seven')).toBeUndefined();
  });

  it('the two parts always add up to the total exactly (BigInt check on the fen)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), fc.bigInt({ min: 0n, max: 10n ** 14n }), (value, total) => {
        const text = (n: bigint): string => `${n < 0n ? '-' : ''}${(n < 0n ? -n : n) / 100n}.${String((n < 0n ? -n : n) % 100n).padStart(2, '0')}`;
        const other = complementInSum({ names: ['a', 'b'], total: text(total), pointer: '' }, 'a', text(value));
        expect(other?.name).toBe('b');
        const [whole = '', frac = ''] = (other?.value ?? '').replace('-', '').split('.');
        const fen = BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0'));
        expect((other?.value.startsWith('-') ? -fen : fen) + value).toBe(total);
      }),
      { numRuns: 500 },
    );
  });
});
