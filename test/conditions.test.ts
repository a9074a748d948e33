/**
 * Conditions are json-rules-engine JSON compiled to closures; json-rules-engine itself (with our
 * decimal operators registered) must decide the same way. Checked at tier edges — exactly 5%
 * and one fen either side — in decide steps and whole-amount tiers, and on random conditions
 * and facts against a third, independent evaluation on exact rationals.
 */
import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { readRuleFile, settleWithDecisions, type DecisionRecord, type RuleFile } from '../src/index.js';
import { verifyDecisions } from '../src/verify.js';
import { compare, mul, parseDecimal, type Rat } from './reference/rational.js';

function load(rule: unknown): RuleFile {
  const r = readRuleFile(typeof rule === 'string' ? rule : JSON.stringify(rule, null, 2), { file: 'conditions.json' });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.code} ${i.pointer} ${i.message.en}`).join('\n'));
  return r.value;
}

function run(rules: RuleFile, input: unknown): { values: Readonly<Record<string, string>>; decisions: readonly DecisionRecord[] } {
  const r = settleWithDecisions(rules, JSON.stringify(input));
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.code} ${i.pointer} ${i.message.en}`).join('\n'));
  return { values: r.value.settlement.values, decisions: r.value.decisions };
}

const decision = (ds: readonly DecisionRecord[], name: string): DecisionRecord => {
  const d = ds.find((x) => x.name === name);
  if (!d) throw new Error(`no decision ${name}`);
  return d;
};

// ---------------------------------------------------------------------------------------------
// Tier edges

/** Overspend rate ≤ 5%: the hospital pays 8%; ≤ 10%: 15%; above: nothing (Beijing-style bands). */
const EDGES = load({
  format: 'yibao-settle/1',
  id: 'edges',
  title: { zh: '分段边界', en: 'tier edges' },
  inputs: { budget: { kind: 'money' }, actual: { kind: 'money' } },
  steps: [
    { name: 'overspend', kind: 'money', formula: 'max(actual - budget, 0)' },
    { name: 'overspendRate', kind: 'rate', formula: 'overspend / budget' },
    { name: 'edge', kind: 'money', formula: 'budget * 5%' },
    {
      name: 'hospitalRate',
      kind: 'rate',
      rules: [
        { when: { fact: 'overspendRate', operator: 'lte', value: '5%' }, formula: '8%' },
        { when: { all: [{ fact: 'overspendRate', operator: 'gt', value: '0.05' }, { fact: 'overspendRate', operator: 'lte', value: '10%' }] }, formula: '15%' },
      ],
      otherwise: '0',
    },
    {
      name: 'withinFirstBand',
      kind: 'boolean',
      rules: [{ when: { fact: 'overspend', operator: 'lte', value: { fact: 'edge' } }, formula: 'true' }],
      otherwise: 'false',
    },
    {
      name: 'hospitalPays',
      tiers: { of: 'overspend', base: 'budget', mode: 'whole', bands: [{ upTo: '5%', rate: '8%' }, { upTo: '10%', rate: '15%' }, { rate: '0' }], round: { places: 2 } },
    },
    {
      name: 'hospitalPaysExclusive',
      tiers: { of: 'overspend', base: 'budget', mode: 'whole', upperBound: 'exclusive', bands: [{ upTo: '5%', rate: '8%' }, { upTo: '10%', rate: '15%' }, { rate: '0' }], round: { places: 2 } },
    },
  ],
});

describe('decisions at tier edges', () => {
  // chosen: [hospitalRate, hospitalPays (inclusive), hospitalPaysExclusive]; -1 = otherwise.
  it.each([
    // budget 100.00: the edges are 105.00 (5%) and 110.00 (10%).
    ['100.00', '104.99', [0, 0, 0], '0.08', '0.40', '0.40', 'true'],
    ['100.00', '105.00', [0, 0, 1], '0.08', '0.40', '0.75', 'true'],
    ['100.00', '105.01', [1, 1, 1], '0.15', '0.75', '0.75', 'false'],
    ['100.00', '109.99', [1, 1, 1], '0.15', '1.50', '1.50', 'false'],
    ['100.00', '110.00', [1, 1, 2], '0.15', '1.50', '0.00', 'false'],
    ['100.00', '110.01', [-1, 2, 2], '0', '0.00', '0.00', 'false'],
    // The E1 package: 5% is 17,110,800.00, and 17,110,800.01 / 342,216,000 does not terminate.
    ['342216000.00', '359326799.99', [0, 0, 0], '0.08', '1368864.00', '1368864.00', 'true'],
    ['342216000.00', '359326800.00', [0, 0, 1], '0.08', '1368864.00', '2566620.00', 'true'],
    ['342216000.00', '359326800.01', [1, 1, 1], '0.15', '2566620.00', '2566620.00', 'false'],
    ['342216000.00', '376437599.99', [1, 1, 1], '0.15', '5133240.00', '5133240.00', 'false'],
    ['342216000.00', '376437600.00', [1, 1, 2], '0.15', '5133240.00', '0.00', 'false'],
    ['342216000.00', '376437600.01', [-1, 2, 2], '0', '0.00', '0.00', 'false'],
    // No overspend at all.
    ['342216000.00', '300000000.00', [0, 0, 0], '0.08', '0.00', '0.00', 'true'],
  ])('budget %s, actual %s', async (budget, actual, chosen, rate, pays, paysExclusive, within) => {
    const { values, decisions } = run(EDGES, { budget, actual });
    expect(values['hospitalRate']).toBe(rate);
    expect(values['hospitalPays']).toBe(pays);
    expect(values['hospitalPaysExclusive']).toBe(paysExclusive);
    expect(values['withinFirstBand']).toBe(within);
    // The compiled closures chose…
    expect([decision(decisions, 'hospitalRate'), decision(decisions, 'hospitalPays'), decision(decisions, 'hospitalPaysExclusive')].map((d) => d.chosen)).toEqual(chosen);
    // …and json-rules-engine, running the same condition JSON on the same facts, agrees.
    expect(decisions).toHaveLength(4);
    expect(await verifyDecisions(decisions)).toEqual([]);
  });

  it('records the conditions in json-rules-engine form, numbers as exact decimal strings', () => {
    const { decisions } = run(EDGES, { budget: '342216000.00', actual: '359326800.01' });
    const d = decision(decisions, 'hospitalRate');
    expect(d.conditions[0]).toEqual({ fact: 'overspendRate', operator: 'lte', value: '0.05' });
    expect(d.facts['overspendRate']).toMatch(/^0\.0500000000292213/);
    expect(decision(decisions, 'hospitalPays').facts).toEqual({ of: '17110800.01', upTo1: '17110800', upTo2: '34221600' });
  });

  it('can fail: a decision json-rules-engine would take differently is reported', async () => {
    const { decisions } = run(EDGES, { budget: '100.00', actual: '105.00' });
    const d = decision(decisions, 'hospitalPays');
    const tampered: DecisionRecord = { ...d, chosen: 1 };
    expect(await verifyDecisions([tampered])).toEqual([{ decision: tampered, rulesEngine: 0 }]);
  });
});

// ---------------------------------------------------------------------------------------------
// Random conditions on random facts

type Cond =
  | { all: Cond[] }
  | { any: Cond[] }
  | { not: Cond }
  | { fact: string; operator: string; value: string | number | boolean | string[] | { fact: string } };

const MONEY_FACTS = ['0.00', '0.01', '-0.01', '9.99', '10.00', '99.99', '100.00', '100.01', '104.99', '105.00', '105.01', '1000000000000000000000000.01'];
const MONEY_VALUES: (string | number)[] = [...MONEY_FACTS, '0', '10', '105', '100.001', '-0', 9.99, 105, 0];
const RATE_FACTS = ['0.05', '5%', '0.0499', '0.0501', '0.1', '10%', '0'];
const RATE_VALUES: (string | number)[] = ['5%', '0.05', '0.050', '0.0499', '0.0501', '10%', '0', 0.1];
const LEVELS = ['county', 'town', 'village'];
const NUMERIC_OPS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte'];

const { cond } = fc.letrec<{ cond: Cond }>((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      fact: fc.constantFrom('spent', 'limit'),
      operator: fc.constantFrom(...NUMERIC_OPS),
      value: fc.oneof(fc.constantFrom(...MONEY_VALUES), fc.record({ fact: fc.constantFrom('spent', 'limit') })),
    }),
    fc.record({ fact: fc.constant('rate'), operator: fc.constantFrom(...NUMERIC_OPS), value: fc.oneof(fc.constantFrom(...RATE_VALUES), fc.constant({ fact: 'rate' })) }),
    fc.record({ fact: fc.constant('level'), operator: fc.constantFrom('equal', 'notEqual'), value: fc.constantFrom(...LEVELS) }),
    fc.record({ fact: fc.constant('level'), operator: fc.constantFrom('in', 'notIn'), value: fc.uniqueArray(fc.constantFrom(...LEVELS), { minLength: 1 }) }),
    fc.record({ fact: fc.constant('flag'), operator: fc.constantFrom('equal', 'notEqual'), value: fc.boolean() }),
    fc.record({ all: fc.array(tie('cond'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('cond'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('cond') }),
  ),
}));

const factsArb = fc.record({
  spent: fc.constantFrom(...MONEY_FACTS),
  limit: fc.constantFrom(...MONEY_FACTS),
  rate: fc.constantFrom(...RATE_FACTS),
  level: fc.constantFrom(...LEVELS),
  flag: fc.boolean(),
});
type Facts = typeof factsArb extends fc.Arbitrary<infer T> ? T : never;

/** The third opinion: conditions evaluated directly on exact rationals. */
function holds(c: Cond, facts: Facts): boolean {
  if ('all' in c) return c.all.every((x) => holds(x, facts));
  if ('any' in c) return c.any.some((x) => holds(x, facts));
  if ('not' in c) return !holds(c.not, facts);
  const fact = facts[c.fact as keyof Facts];
  const v = c.value;
  if (typeof fact === 'string' && c.fact !== 'level') {
    const other = typeof v === 'object' && !Array.isArray(v) ? facts[v.fact as keyof Facts] : v;
    const k = compare(parseDecimal(fact), parseDecimal(String(other)));
    const results: Record<string, boolean> = { eq: k === 0, ne: k !== 0, lt: k < 0, lte: k <= 0, gt: k > 0, gte: k >= 0 };
    return results[c.operator] as boolean;
  }
  if (c.operator === 'in') return (v as string[]).includes(fact as string);
  if (c.operator === 'notIn') return !(v as string[]).includes(fact as string);
  return c.operator === 'equal' ? fact === v : fact !== v;
}

function decideFile(conds: readonly Cond[]): RuleFile {
  return load({
    format: 'yibao-settle/1',
    id: 'random-conditions',
    title: { zh: '随机条件', en: 'random conditions' },
    inputs: {
      spent: { kind: 'money' },
      limit: { kind: 'money' },
      rate: { kind: 'rate' },
      level: { kind: 'text', choices: LEVELS },
      flag: { kind: 'boolean' },
    },
    steps: [{ name: 'pick', kind: 'count', rules: conds.map((when, i) => ({ when, formula: String(i + 1) })), otherwise: '0' }],
  });
}

describe('compiled decisions equal json-rules-engine’s', () => {
  it('on random conditions and facts, including exact edges', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cond, { minLength: 1, maxLength: 4 }), factsArb, async (conds, facts) => {
        const { values, decisions } = run(decideFile(conds), facts);
        const oracle = conds.findIndex((c) => holds(c, facts));
        expect(values['pick']).toBe(String(oracle + 1));
        expect(decisions.map((d) => d.chosen)).toEqual([oracle]);
        expect(await verifyDecisions(decisions)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('on whole-amount tiers with random bands, at every edge and one fen either side', async () => {
    const PCTS = ['1%', '2.5%', '5%', '7.5%', '10%', '20%', '33.3%'];
    const tiersCase = fc
      .record({
        budgetFen: fc.bigInt({ min: 1n, max: 10n ** 13n }),
        uppers: fc.uniqueArray(fc.integer({ min: 0, max: PCTS.length - 1 }), { minLength: 1, maxLength: 4 }).map((xs) => [...xs].sort((a, b) => a - b).map((i) => PCTS[i] as string)),
        inclusive: fc.boolean(),
        edge: fc.nat(),
        nudge: fc.constantFrom(-1n, 0n, 1n, 37n),
      });
    await fc.assert(
      fc.asyncProperty(tiersCase, async ({ budgetFen, uppers, inclusive, edge, nudge }) => {
        const rules = load({
          format: 'yibao-settle/1',
          id: 'random-tiers',
          title: { zh: '随机分段', en: 'random tiers' },
          inputs: { budget: { kind: 'money' }, overspend: { kind: 'money' } },
          steps: [
            {
              name: 'pays',
              tiers: {
                of: 'overspend',
                base: 'budget',
                mode: 'whole',
                upperBound: inclusive ? 'inclusive' : 'exclusive',
                bands: [...uppers.map((upTo, i) => ({ upTo, rate: `${i + 1}%` })), { rate: '0' }],
              },
            },
          ],
        });
        // The overspend sits on an edge (rounded down to fen), nudged by a fen or more.
        const budget = parseDecimal((budgetFen / 100n).toString() + '.' + (budgetFen % 100n).toString().padStart(2, '0'));
        const edgeRat = mul(budget, parseDecimal(uppers[edge % uppers.length] as string));
        const edgeFen = (edgeRat.n * 100n) / edgeRat.d;
        const ofFen = edgeFen + nudge < 0n ? 0n : edgeFen + nudge;
        const text = (fen: bigint): string => `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;
        const { decisions } = run(rules, { budget: text(budgetFen), overspend: text(ofFen) });
        const of = parseDecimal(text(ofFen));
        const bounds: Rat[] = uppers.map((u) => mul(budget, parseDecimal(u)));
        const inBand = (i: number): boolean => {
          const low = i === 0 || (inclusive ? compare(of, bounds[i - 1] as Rat) > 0 : compare(of, bounds[i - 1] as Rat) >= 0);
          const high = i === bounds.length || (inclusive ? compare(of, bounds[i] as Rat) <= 0 : compare(of, bounds[i] as Rat) < 0);
          return low && high;
        };
        const oracle = [...bounds.keys(), bounds.length].find(inBand) ?? -1;
        expect(decisions.map((d) => d.chosen)).toEqual([oracle]);
        expect(await verifyDecisions(decisions)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// json-rules-engine's own numeric operators are refused for numbers

const operatorFile = (operator: string): string => `{
  "format": "yibao-settle/1",
  "id": "operators",
  "title": { "zh": "运算符", "en": "operators" },
  "inputs": { "budget": { "kind": "money" }, "actual": { "kind": "money" } },
  "steps": [
    { "name": "hospitalRate", "kind": "rate", "otherwise": "15%", "rules": [
      { "when": { "fact": "actual", "operator": "${operator}", "value": "105.00" }, "formula": "8%" }
    ] }
  ]
}`;

describe('numeric_operator_on_text', () => {
  it.each(['greaterThan', 'greaterThanInclusive', 'lessThan', 'lessThanInclusive', 'equal', 'notEqual'])(
    'refuses the built-in "%s" on a number, pointing at the operator',
    (operator) => {
      const r = readRuleFile(operatorFile(operator), { file: 'operators.json' });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.issues.map((i) => ({ code: i.code, pointer: i.pointer, line: i.at?.line, column: i.at?.column }))).toEqual([
        { code: 'numeric_operator_on_text', pointer: '/steps/0/rules/0/when', line: 8, column: 49 },
      ]);
      expect(r.issues[0].params).toMatchObject({ operator, expected: 'eq, ne, lt, lte, gt, gte' });
    },
  );

  it('accepts the decimal operator in its place', () => {
    expect(readRuleFile(operatorFile('gt'), { file: 'operators.json' }).ok).toBe(true);
  });

  it('is refused for a reason: json-rules-engine compares decimal strings as text and numbers as floats', async () => {
    const fires = async (fact: string | number, value: string | number): Promise<boolean> => {
      const engine = new Engine([], { allowUndefinedFacts: false });
      engine.addRule({ conditions: { all: [{ fact: 'x', operator: 'greaterThan', value }] }, event: { type: 'gt' } });
      return (await engine.run({ x: fact })).events.length > 0;
    };
    expect(await fires('9.99', '10.00')).toBe(true); // "9.99" > "10.00" as text
    expect(await fires(0.1 + 0.2, 0.3)).toBe(true); // 0.30000000000000004 > 0.3 as doubles
  });
});
