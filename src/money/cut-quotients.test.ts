/**
 * Comparisons of cut quotients: a value reached through a division that does not terminate equals
 * the value it stands for. By hand: 1,000 ÷ 3 × 3 is 1,000; 400 ÷ (1,000 ÷ 3 × 3) is exactly 0.4, so it
 * is “at most 0.4” (the Zhejiang bound), not a hair above it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRuleFile, settle } from '../index.js';
import { compareSettled } from './cut-quotients.js';
import { Exact } from './exact.js';

describe('compareSettled', () => {
  it('takes 1,000 ÷ 3 × 3 for 1,000 and 2,000 ÷ 3 × 3 ÷ 5,000 for 0.4', () => {
    const third = new Exact(1000).div(3).times(3);
    expect(third.comparedTo(1000)).not.toBe(0); // the cut quotient itself is a hair off
    expect(compareSettled(third, new Exact(1000))).toBe(0);
    expect(compareSettled(new Exact(2000).div(3).times(3).div(5000), new Exact('0.4'))).toBe(0);
  });

  it('keeps every order of values that differ, however little, when neither is a cut quotient', () => {
    expect(compareSettled(new Exact('0.4000000000000000000000000001'), new Exact('0.4'))).toBe(1);
    expect(compareSettled(new Exact('-0.01'), new Exact('0'))).toBe(-1);
  });

  it('agrees with rational arithmetic: a × c ÷ b against d ÷ e, equal or not', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        fc.constantFrom(3n, 7n, 11n, 13n, 115n),
        fc.bigInt({ min: -3n, max: 3n }),
        (a, b, c, nudge) => {
          // x = a ÷ (b ÷ c) through a cut quotient; y = a × c ÷ b + nudge ÷ 10^6, by one division.
          const x = new Exact(a).div(new Exact(b).div(new Exact(c)));
          const y = new Exact(a * c).div(new Exact(b)).plus(new Exact(nudge, 6));
          const exact = nudge === 0n ? 0 : nudge > 0n ? -1 : 1;
          expect(compareSettled(x, y)).toBe(exact);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('a formula and a decision read them alike: 1,000 ÷ 3 × 3 == 1,000, a ratio of exactly 0.4 is at the bound', () => {
    const r = readRuleFile(`{ "format": "yibao-settle/1", "id": "c", "title": { "zh": "c", "en": "c" },
      "inputs": { "cost": { "kind": "money" } },
      "steps": [ { "name": "same", "kind": "boolean", "formula": "1000 / 3 * 3 == 1000" },
                 { "name": "ratio", "kind": "number", "formula": "number(cost) / (1000 / 3 * 3)" },
                 { "name": "band", "kind": "text", "rules": [ { "when": { "fact": "ratio", "operator": "lte", "value": "0.4" }, "formula": "'低倍率'" } ], "otherwise": "'中低倍率'" } ] }`);
    if (!r.ok) throw new Error(r.issues.map((i) => i.code).join());
    const s = settle(r.value, { cost: '400.00' });
    expect(s.ok && [s.value.values['same'], s.value.values['band']]).toEqual(['true', '低倍率']);
  });
});
