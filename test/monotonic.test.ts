/**
 * Monotonicity of every preset in rules/: "more spending never raises a surplus", and its mirror
 * images — more spending never lowers the overspend or what the community / hospital bears, and
 * never raises what the community or a member unit keeps.
 *
 * For every preset: a random valid input (the fast-check arbitraries of test/reference), one of
 * its spending inputs chosen at random and raised by a random number of fen ≥ 0 (written back as
 * exact decimal text), both documents settled with `settle()` from the built library (dist/; run
 * `npm run build` first), and every named output compared before/after with exact rational
 * arithmetic (test/reference/rational.ts — BigInt fractions, never a float).
 *
 * Every output a settlement prints must be classified below (an unclassified name fails the test),
 * so a new output of a rule file has to be thought about here. The relations:
 *
 *   same     — not affected by the spending (budgets, packages, reserves, parameters);
 *   +Δ / −Δ  — moves by exactly the extra spending (total spending, balance);
 *   ≤ / ≥    — never rises / never falls;
 *   ≤+1fen   — never rises by more than one fen (see "where the rules are not monotone");
 *   ≥−1fen   — never falls by more than one fen;
 *   free     — checked by a preset's own statement (`extra`).
 *
 * For money outputs under ≤ / ≥ the change is also bounded by the extra spending (|after − before|
 * ≤ Δ: one more fen of spending moves no figure by more than a fen), except where marked — that is
 * what exposes a cliff (Beijing's "whole" reading, below).
 *
 * What "spending" is, per preset (the inputs the rule file charges against the budget):
 *   yangxi, sanming, kunming, gaoping, guangxi, suixi — members[i].spending and
 *     outOfCountySpending (both are summed into `spending`, charged to the package);
 *   ningbo — actualSpending.employee / actualSpending.resident;
 *   guangyuan-2019 — actual.employee / actual.resident;
 *   shenzhen — actual (against the standard), and monthlyApproved[i] (monthly approved claims,
 *     which only drive the 3% holdback);
 *   beijing-2012 — actual;
 *   guangdong-2025 — actualSpending. (previousPayments / lastYearBudget are past years' fund
 *     payments: they set this year's budget, so more *past* spending raises the budget and the
 *     surplus — by design, not a spending input of the settled year.)
 *   drg-points — there is no surplus or overspend: the budget is closed and shared out by points.
 *     "Spending" is the cost side: the cost of a case (it only counts for an incomplete case,
 *     whose points are full × cost ÷ group mean cost, capped at full points) and one more case
 *     (more activity). More of either never lowers that hospital's points or the total points,
 *     never raises the point value (yuan per point — the region's "surplus per unit of work")
 *     and never raises another hospital's payment (by more than a fen); the reserve and the
 *     distributable amount are untouched.
 *
 * Where the rules are not monotone (found by reading rules/*.json and PRESETS.md, and tested as
 * the weaker true statement):
 *
 * 1. Largest-remainder splits over three or more parts (`share.<id>` of yangxi, guangxi, suixi;
 *    `payment.<id>` of drg-points). PRESETS.md fixes `split` as Hamilton's largest-remainder
 *    method, which has the Alabama paradox: a smaller amount can give one part one more fen.
 *    So a member's share can RISE by one fen when spending rises (e.g. guangxi, weights 1:3:3,
 *    surplus 100,000.08 → 100,000.07 after one more fen of spending: share of the weight-1 member
 *    14,285.72 → 14,285.73; pinned below; random runs of yangxi, guangxi and suixi hit it too).
 *    DRG payments have the population paradox: H1's points rising can pay H3, whose points did not
 *    change, one fen more (pinned below). By the quota property a part stays within a fen of its
 *    exact share, and the exact share of an unchanged part never rises, so the rise is at most one
 *    fen: that is what is tested (and a hospital whose own points rise never loses more than a
 *    fen). Two-part splits (county:town 6:4, finance:hospital 1:1, fund:community 1:1, Ningbo's
 *    50%:50%) are exactly monotone (the first part is the HALF_UP rounding of its share, the
 *    second the rest) and are tested exactly.
 *
 * 2. beijing-2012 under the "whole" reading (a parameter; the default is "marginal"): the
 *    hospital pays 8% of the WHOLE overrun up to 10% of the budget and 15% of the whole overrun
 *    above it, so one more fen across the threshold moves 7% of the threshold from the fund to the
 *    hospital: budget 1,000,000.00, actual 1,100,000.00 → 1,100,000.01 gives fundPays 92,000.00 →
 *    85,000.01 and hospitalPays 8,000.00 → 15,000.00 (pinned below). That is the reading as
 *    written (PRESETS.md: "two readings"). The hospital's burden stays monotone; the fund's
 *    payment is tested as: never falls except when the overrun crosses the threshold, and then by
 *    at most (highRate − lowRate) × threshold + 1 fen.
 *
 * MONOTONIC_RUNS raises the number of runs per property (default 100).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRuleFile, settle, type RuleFile } from '../dist/index.js';
import { arbitraries } from './reference/arbitraries.js';
import type { PresetId } from './reference/presets.js';
import { type Rat, add, compare, fromFen, mul, parseDecimal, sub, toFen, toRat } from './reference/rational.js';

const RUNS = Number(process.env['MONOTONIC_RUNS'] ?? 100);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };
type Path = readonly (string | number)[];
type Values = Readonly<Record<string, string>>;

// ---------------------------------------------------------------------------------------------
// Settling

function ruleJson(id: string): Obj {
  return JSON.parse(readFileSync(`rules/${id}.json`, 'utf8')) as Obj;
}

function load(id: string): RuleFile {
  const path = `rules/${id}.json`;
  const r = readRuleFile(readFileSync(path, 'utf8'), { file: path });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.code} ${i.pointer} ${i.message.en}`).join('\n'));
  return r.value;
}

function run(rules: RuleFile, doc: Json, parameters?: Record<string, string>): Values {
  const r = settle(rules, JSON.stringify(doc), { trace: false, ...(parameters ? { parameters } : {}) });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.code} ${i.pointer} ${i.message.en}`).join('\n'));
  const failed = r.value.checks.filter((c) => !c.ok).map((c) => c.name);
  if (failed.length > 0) throw new Error(`checks failed: ${failed.join(', ')}`);
  return r.value.values;
}

// ---------------------------------------------------------------------------------------------
// Exact values and documents

const fenText = (fen: bigint): string => {
  const neg = fen < 0n;
  const s = (neg ? -fen : fen).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
};
const ONE_FEN = fromFen(1n);

function at(doc: Json, path: Path): Json {
  let x: Json = doc;
  for (const k of path) x = (x as Record<string | number, Json>)[k] as Json;
  return x;
}
function setAt(doc: Json, path: Path, v: Json): void {
  const parent = at(doc, path.slice(0, -1)) as Record<string | number, Json>;
  parent[path[path.length - 1] as string | number] = v;
}
const moneyAt = (doc: Json, path: Path): bigint => toFen(toRat(at(doc, path)));
const pathText = (p: Path): string => p.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').slice(1);
const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// ---------------------------------------------------------------------------------------------
// Statements

type Rel = 'same' | '+Δ' | '−Δ' | '≤' | '≥' | '≤+1fen' | '≥−1fen' | 'free';
interface Relation {
  readonly name: string | RegExp;
  readonly rel: Rel;
  /** Also bound |after − before| by the extra spending (money only; default true). */
  readonly bounded?: boolean;
}
const r = (name: string | RegExp, rel: Rel, bounded = true): Relation => ({ name, rel, bounded });

/** One way of spending more: what it changes in the input and what it must do to the outputs. */
interface Change {
  readonly label: string;
  apply(doc: Json, deltaFen: bigint): void;
  readonly relations: readonly Relation[];
  /** Statements that are not a per-output relation (derived quantities, weak statements). */
  extra?(before: Values, after: Values, docBefore: Json, docAfter: Json): void;
}

/** Add Δ fen to the money at `path`, written back as exact decimal text. */
const raise = (path: Path, relations: readonly Relation[], extra?: Change['extra']): Change => ({
  label: `raising ${pathText(path)} by Δ`,
  apply: (doc, d) => setAt(doc, path, fenText(moneyAt(doc, path) + d)),
  relations,
  ...(extra ? { extra } : {}),
});

interface Spec {
  readonly id: PresetId;
  readonly title: string;
  readonly parameters?: Record<string, string>;
  /** The ways of spending more, in groups of one kind (a run picks a group, then a member of it). */
  changes(doc: Json): readonly (readonly Change[])[];
  /** Outputs that must move strictly (≠) in at least one run: the property is not vacuous. */
  readonly witnesses: readonly (string | RegExp)[];
}

function relationOf(relations: readonly Relation[], name: string): Relation | undefined {
  return relations.find((x) => (typeof x.name === 'string' ? x.name === name : x.name.test(name)));
}

function checkRelations(before: Values, after: Values, delta: Rat, change: Change): void {
  const names = Object.keys(before);
  expect(Object.keys(after), 'the same outputs before and after').toEqual(names);
  for (const x of change.relations) {
    if (typeof x.name === 'string') expect(names, `output ${x.name} exists`).toContain(x.name);
  }
  for (const name of names) {
    const rel = relationOf(change.relations, name);
    if (!rel) throw new Error(`output ${name} is not classified for ${change.label}`);
    if (rel.rel === 'free') continue;
    const b = parseDecimal(before[name] as string);
    const a = parseDecimal(after[name] as string);
    const what = `${name} after ${change.label} (Δ = ${fenText(toFen(delta))}): before ${before[name]}, after ${after[name]} (expected ${rel.rel})`;
    const c = compare(a, b);
    switch (rel.rel) {
      case 'same':
        if (c !== 0) throw new Error(what);
        break;
      case '+Δ':
        if (compare(a, add(b, delta)) !== 0) throw new Error(what);
        break;
      case '−Δ':
        if (compare(a, sub(b, delta)) !== 0) throw new Error(what);
        break;
      case '≤':
        if (c > 0) throw new Error(what);
        break;
      case '≥':
        if (c < 0) throw new Error(what);
        break;
      case '≤+1fen':
        if (compare(a, add(b, ONE_FEN)) > 0) throw new Error(what);
        break;
      case '≥−1fen':
        if (compare(a, sub(b, ONE_FEN)) < 0) throw new Error(what);
        break;
    }
    if (rel.bounded !== false && rel.rel !== 'same') {
      const moved = c < 0 ? sub(b, a) : sub(a, b);
      if (compare(moved, delta) > 0) throw new Error(`${what}; moved by more than the extra spending`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Per preset

/** Capitation presets: members[i].spending and outOfCountySpending are charged to the package. */
function capitationChanges(doc: Json, relations: (outOfCounty: boolean) => readonly Relation[]): Change[][] {
  const members = (doc as Obj)['members'] as Json[];
  return [members.map((_, i) => raise(['members', i, 'spending'], relations(false))), [raise(['outOfCountySpending'], relations(true))]];
}

const wholePackage = (id: 'sanming' | 'kunming' | 'gaoping'): Spec => ({
  id,
  title: 'more spending: surplus = retained never rises; overspend = hospitalBears never falls',
  changes: (doc) =>
    capitationChanges(doc, (out) => [
      r('gross', 'same'),
      r('package', 'same'),
      r('outOfCountyPaid', out ? '+Δ' : 'same'),
      r('spending', '+Δ'),
      r('balance', '−Δ'),
      r('surplus', '≤'),
      r('retained', '≤'),
      r('overspend', '≥'),
      r('hospitalBears', '≥'),
    ]),
  witnesses: ['retained', 'hospitalBears'],
});

const reasonableSharing: readonly Relation[] = [
  r('overspend', '≥'),
  r('reasonableCap', 'same'),
  r('reasonableOverspend', '≥'),
  r('fundShare', '≥'),
  r('communityShare', '≥'),
  r('excessOverspend', '≥'),
  r('communityBears', '≥'),
];

const FUNDS = ['employee', 'resident'] as const;
const other = (f: (typeof FUNDS)[number]): string => (f === 'employee' ? 'resident' : 'employee');

/** beijing-2012's parameters, read from the rule file (nothing hard-coded here). */
const beijingParams = (() => {
  const p = ruleJson('beijing-2012')['parameters'] as Record<string, { value: string }>;
  const v = (k: string): Rat => parseDecimal(String(p[k]?.value));
  return { threshold: v('thresholdRate'), low: v('lowRate'), high: v('highRate') };
})();

function beijingRelations(whole: boolean): Relation[] {
  return [
    r('budgetPaid', 'same'),
    r('threshold', 'same'),
    r('overrun', '≥'),
    r('overrunWithin', '≥'),
    r('overrunBeyond', '≥'),
    r('hospitalPaysWithin', '≥'),
    r('hospitalPaysBeyond', '≥'),
    r('hospitalPaysMarginal', '≥'),
    // The whole-reading figure is always printed; it jumps at the threshold (not bounded by Δ).
    r('hospitalPaysWhole', '≥', false),
    r('hospitalPays', '≥', !whole),
    r('fundPays', whole ? 'free' : '≥'),
    r('fundTotal', whole ? 'free' : '≥'),
  ];
}

/** Whole reading: the fund's payment falls only when the overrun crosses the threshold, by ≤ (high − low) × threshold + 1 fen. */
function beijingWholeExtra(before: Values, after: Values, docBefore: Json): void {
  const threshold = mul(toRat((docBefore as Obj)['budget'] ?? null), beijingParams.threshold);
  const ob = parseDecimal(before['overrun'] as string);
  const oa = parseDecimal(after['overrun'] as string);
  const crosses = compare(ob, threshold) <= 0 && compare(oa, threshold) > 0;
  const maxDrop = crosses ? add(mul(sub(beijingParams.high, beijingParams.low), threshold), ONE_FEN) : fromFen(0n);
  for (const name of ['fundPays', 'fundTotal']) {
    const drop = sub(parseDecimal(before[name] as string), parseDecimal(after[name] as string));
    if (compare(drop, maxDrop) > 0) {
      throw new Error(`${name}: ${before[name]} → ${after[name]} (overrun ${before['overrun']} → ${after['overrun']}, crosses the threshold: ${crosses})`);
    }
  }
}

const specs: readonly Spec[] = [
  {
    id: 'yangxi',
    title: 'more spending: surplus, county/town pools and reserves returned never rise, shares by ≤ 1 fen; overspend, reserves used, shortfall and both its shares never fall',
    changes: (doc) =>
      capitationChanges(doc, () => [
        r('gross', 'same'),
        r('net', 'same'),
        r('adjustmentFund', 'same'),
        r('riskFund', 'same'),
        r('package', 'same'),
        r('spending', '+Δ'),
        r('balance', '−Δ'),
        r('surplus', '≤'),
        r('countyPool', '≤'),
        r('townPool', '≤'),
        r(/^share\./, '≤+1fen', false), // Alabama paradox of the largest-remainder split (see above)
        r('overspend', '≥'),
        r('riskFundUsed', '≥'),
        r('adjustmentFundUsed', '≥'),
        r('shortfall', '≥'),
        r('financeShare', '≥'),
        r('hospitalShare', '≥'),
        r('riskFundReturned', '≤'),
        r('adjustmentFundReturned', '≤'),
        r('reservesReturned', '≤'),
      ]),
    witnesses: ['surplus', 'countyPool', 'townPool', 'overspend', 'riskFundUsed', 'hospitalShare'],
  },
  wholePackage('sanming'),
  wholePackage('kunming'),
  wholePackage('gaoping'),
  {
    id: 'ningbo',
    title: 'more spending of one fund: its surplus = retained never rises; its overspend and both its shares, and the year-end payment, never fall; the other fund is untouched',
    changes: () =>
      FUNDS.map((f) => [
        raise(['actualSpending', f], [
          r(/^(budget|monthly|december|prepaid)\./, 'same'),
          r(/^workingCapital(Recovered)?$/, 'same'),
          r(new RegExp(`\\.${other(f)}$`), 'same'),
          r(`claims.${f}`, '+Δ'),
          r(`surplus.${f}`, '≤'),
          r(`retained.${f}`, '≤'),
          r(`overspend.${f}`, '≥'),
          r(`fundShare.${f}`, '≥'),
          r(`communityShare.${f}`, '≥'),
          r('yearEndPayment', '≥'),
        ]),
      ]),
    witnesses: [/^retained\./, /^communityShare\./, 'yearEndPayment'],
  },
  {
    id: 'suixi',
    title: 'more spending: surplus, retained and returnedToFund never rise, shares by ≤ 1 fen; overspend = communityBears never falls',
    changes: (doc) =>
      capitationChanges(doc, (out) => [
        r('packagePaid', 'same'),
        r('outOfCountyPaid', out ? '+Δ' : 'same'),
        r('spending', '+Δ'),
        r('balance', '−Δ'),
        r('surplus', '≤'),
        r('retained', '≤'),
        r('returnedToFund', '≤'),
        r(/^share\./, '≤+1fen', false), // Alabama paradox of the largest-remainder split (see above)
        r('overspend', '≥'),
        r('communityBears', '≥'),
      ]),
    witnesses: ['retained', 'communityBears'],
  },
  {
    id: 'shenzhen',
    title: 'more actual spending: overspend, every band, the fund compensation and hospitalBears never fall (no surplus exists); more monthly approved claims: monthlyPaid and withheld never fall',
    changes: (doc) => [
      [raise(['actual'], [
        r('overspend', '≥'),
        r('overspendRate', '≥', false), // a rate, not money
        r(/^band[123]$/, '≥'),
        r(/^compensation[123]$/, '≥'),
        r('fundCompensation', '≥'),
        r('hospitalBears', '≥'),
        r(/^(approvedTotal|monthlyPaid|withheld)$/, 'same'),
      ])],
      ((doc as Obj)['monthlyApproved'] as Json[]).map((_, i) =>
        raise(['monthlyApproved', i], [
          r('approvedTotal', '+Δ'),
          r('monthlyPaid', '≥'),
          r('withheld', '≥'),
          r(/.*/, 'same'),
        ]),
      ),
    ],
    witnesses: ['fundCompensation', 'hospitalBears', 'withheld'],
  },
  {
    id: 'guangyuan-2019',
    title: "more spending of one fund: its surplus and reward never rise; its overspend, fundPays and hospitalBears never fall; what the hospital keeps (settled − actual) never rises; the other fund is untouched",
    changes: () =>
      FUNDS.map((f) => [
        raise(
          ['actual', f],
          [
            r(new RegExp(`\\.${other(f)}$`), 'same'),
            r(`eligibleCap.${f}`, 'same'),
            r(`surplus.${f}`, '≤'),
            r(`reward.${f}`, '≤'),
            r(`overspend.${f}`, '≥'),
            r(`eligibleOverspend.${f}`, '≥'),
            r(`ineligibleOverspend.${f}`, '≥'),
            r(`fundPays.${f}`, '≥'),
            r(`hospitalBears.${f}`, '≥'),
            r(`settled.${f}`, '≥'), // the fund never pays less in total for more spending
          ],
          (before, after, docBefore, docAfter) => {
            // The hospital's net position: paid (settled) minus what it spent. Surplus side: the
            // reward; overspend side: minus hospitalBears.
            const keeps = (v: Values, doc: Json): Rat => sub(parseDecimal(v[`settled.${f}`] as string), toRat(at(doc, ['actual', f])));
            const kb = keeps(before, docBefore);
            const ka = keeps(after, docAfter);
            if (compare(ka, kb) > 0) throw new Error(`hospital keeps more for fund ${f}: settled ${before[`settled.${f}`]} → ${after[`settled.${f}`]}`);
          },
        ),
      ]),
    witnesses: [/^reward\./, /^fundPays\./, /^hospitalBears\./],
  },
  {
    id: 'beijing-2012',
    title: 'more actual spending (marginal reading, the default): overrun, hospitalPays, fundPays and fundTotal never fall',
    changes: () => [[raise(['actual'], beijingRelations(false))]],
    witnesses: ['hospitalPays', 'fundPays'],
  },
  {
    id: 'beijing-2012',
    title: 'more actual spending ("whole" reading): hospitalPays never falls; fundPays falls only across the threshold, by ≤ (high − low) × threshold + 1 fen',
    parameters: { reading: 'whole' },
    changes: () => [[raise(['actual'], beijingRelations(true), beijingWholeExtra)]],
    witnesses: ['hospitalPays', 'fundPays'],
  },
  {
    id: 'guangxi',
    title: 'more spending: surplus = retained never rises, shares by ≤ 1 fen; overspend, reasonable and excess overspend, both shares and communityBears never fall',
    changes: (doc) =>
      capitationChanges(doc, () => [
        r('gross', 'same'),
        r('package', 'same'),
        r('spending', '+Δ'),
        r('balance', '−Δ'),
        r('surplus', '≤'),
        r('retained', '≤'),
        r(/^share\./, '≤+1fen', false), // Alabama paradox of the largest-remainder split (see above)
        ...reasonableSharing,
      ]),
    witnesses: ['retained', 'fundShare', 'excessOverspend', 'communityBears'],
  },
  {
    id: 'guangdong-2025',
    title: 'more spending: surplus = retained never rises; overspend, reasonable and excess overspend, both shares and communityBears never fall',
    changes: () => [
      [
        raise(['actualSpending'], [
          r(/^(nextReformYear|growthApplied|meanPrevious|budget)$/, 'same'),
          r('balance', '−Δ'),
          r('surplus', '≤'),
          r('retained', '≤'),
          ...reasonableSharing,
        ]),
      ],
    ],
    witnesses: ['retained', 'fundShare', 'excessOverspend', 'communityBears'],
  },
  {
    id: 'drg-points',
    title: "more cost of a case or one more case: that hospital's points and the total points never fall, the point value never rises, other hospitals' payments never rise (by > 1 fen); reserve and distributable untouched",
    changes: (doc) => {
      const cases = (doc as Obj)['cases'] as Obj[];
      const moreWork = (hospital: string): Relation[] => {
        const h = esc(hospital);
        return [
          r(/^(reserve|distributable)$/, 'same'),
          r(`points.${hospital}`, '≥', false),
          r(/^points\./, 'same'),
          r('totalPoints', '≥', false),
          r('pointValue', '≤', false),
          // Largest remainder by points: within a fen of the exact share (population paradox).
          r(new RegExp(`^payment\\.${h}$`), '≥−1fen', false),
          r(/^payment\./, '≤+1fen', false),
        ];
      };
      const incomplete = cases.flatMap((c, i) => (c['complete'] === false ? [i] : []));
      const complete = cases.flatMap((c, i) => (c['complete'] === false ? [] : [i]));
      return [
        incomplete.map((i) => raise(['cases', i, 'cost'], moreWork(String(cases[i]?.['hospital'])))),
        // A complete case's points do not depend on its cost: nothing may change.
        complete.map((i) => raise(['cases', i, 'cost'], [r(/.*/, 'same')])),
        cases.map(
          (c, i): Change => ({
            label: `adding one more case like cases[${i}]`,
            apply: (d) => ((d as Obj)['cases'] as Json[]).push(structuredClone(c)),
            relations: moreWork(String(c['hospital'])),
          }),
        ),
      ];
    },
    witnesses: ['pointValue', 'totalPoints'],
  },
];

// ---------------------------------------------------------------------------------------------
// The property

/** Extra spending in fen: zero, one fen (tier edges), up to 100 yuan, up to 100,000 yuan (a case), or up to 1e9 yuan. */
const deltaArb = fc.oneof(
  fc.constant(0n),
  fc.constant(1n),
  fc.bigInt({ min: 1n, max: 10_000n }),
  fc.bigInt({ min: 1n, max: 10_000_000n }),
  fc.bigInt({ min: 1n, max: 100_000_000_000n }),
);

describe.each(specs.map((s) => [`${s.id}${s.parameters ? ` (${JSON.stringify(s.parameters)})` : ''}`, s] as const))('%s', (_, spec) => {
  const rules = load(spec.id);

  it(spec.title, () => {
    const moved = new Map<string | RegExp, number>(spec.witnesses.map((w) => [w, 0]));
    fc.assert(
      fc.property(arbitraries[spec.id] as fc.Arbitrary<Json>, deltaArb, fc.nat(), (input, delta, which) => {
        const groups = spec.changes(input).filter((g) => g.length > 0);
        const group = groups[which % groups.length] as readonly Change[];
        const change = group[Math.floor(which / groups.length) % group.length] as Change;
        const more = structuredClone(input);
        change.apply(more, delta);
        const before = run(rules, input, spec.parameters);
        const after = run(rules, more, spec.parameters);
        checkRelations(before, after, fromFen(delta), change);
        change.extra?.(before, after, input, more);
        for (const w of spec.witnesses) {
          const hit = Object.keys(before).some((n) => (typeof w === 'string' ? n === w : w.test(n)) && before[n] !== after[n]);
          if (hit) moved.set(w, (moved.get(w) ?? 0) + 1);
        }
      }),
      { numRuns: RUNS },
    );
    // Not vacuous: each witness output actually moved in some run.
    if (RUNS >= 100) for (const [w, n] of moved) expect(n, `${String(w)} never moved in ${RUNS} runs`).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------
// The non-monotone places, pinned (they are what the rule files say, not bugs)

describe('where the rules are not monotone', () => {
  it('largest remainder (Alabama paradox): one more fen of spending can give a member one more fen of surplus share', () => {
    const rules = load('guangxi');
    const doc = (spending: string): Json => ({
      insured: 1,
      perCapita: '200000.00',
      policyExpenses: '0.00',
      outOfCountySpending: '0.00',
      members: [
        { id: 'a', spending, weight: 1 },
        { id: 'b', spending: '0.00', weight: 3 },
        { id: 'c', spending: '0.00', weight: 3 },
      ],
    });
    const before = run(rules, doc('99999.92'));
    const after = run(rules, doc('99999.93'));
    expect([before['retained'], before['share.a'], before['share.b'], before['share.c']]).toEqual(['100000.08', '14285.72', '42857.18', '42857.18']);
    expect([after['retained'], after['share.a'], after['share.b'], after['share.c']]).toEqual(['100000.07', '14285.73', '42857.17', '42857.17']);
  });

  it('largest remainder by points (population paradox): more cost at one hospital can give another hospital one more fen', () => {
    const rules = load('drg-points');
    const coefficients = { GA: '1', GB: '1', GC: '1' };
    const doc = (cost: string): Json => ({
      budget: '163447.68',
      reserveRate: '0',
      groups: [
        { id: 'GA', basePoints: '33926', meanCost: '33926.00' },
        { id: 'GB', basePoints: '19937', meanCost: '19937.00' },
        { id: 'GC', basePoints: '1', meanCost: '1.00' },
      ],
      hospitals: ['H1', 'H2', 'H3'].map((id) => ({ id, coefficients })),
      cases: [
        { hospital: 'H1', group: 'GA', cost, complete: false },
        { hospital: 'H2', group: 'GB', cost: '19937.00' },
        { hospital: 'H3', group: 'GC', cost: '1.00' },
      ],
    });
    const pick = (v: Values): (string | undefined)[] => ['points.H1', 'pointValue', 'payment.H1', 'payment.H2', 'payment.H3'].map((k) => v[k]);
    // H1's incomplete case costs 5.00 yuan more: 5 more points, a lower point value, and yet H3
    // (1 point, unchanged) is paid one fen more.
    expect(pick(run(rules, doc('33921.00')))).toEqual(['33921', '3.034733', '102941.18', '60503.47', '3.03']);
    expect(pick(run(rules, doc('33926.00')))).toEqual(['33926', '3.034451', '102946.79', '60497.85', '3.04']);
  });

  it('beijing-2012 "whole" reading: one fen across the 10% threshold moves 7,000 yuan from the fund to the hospital', () => {
    const rules = load('beijing-2012');
    const at = (actual: string): Values => run(rules, { budget: '1000000.00', actual }, { reading: 'whole' });
    const before = at('1100000.00');
    const after = at('1100000.01');
    expect([before['hospitalPays'], before['fundPays']]).toEqual(['8000.00', '92000.00']);
    expect([after['hospitalPays'], after['fundPays']]).toEqual(['15000.00', '85000.01']);
    // The default (marginal) reading has no cliff.
    const m = (actual: string): Values => run(rules, { budget: '1000000.00', actual });
    expect([m('1100000.00')['fundPays'], m('1100000.01')['fundPays']]).toEqual(['92000.00', '92000.01']);
  });
});
