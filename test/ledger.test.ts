/**
 * The ledger of a settlement, on random Yangxi inputs (test/reference/arbitraries.ts): money only
 * moves between accounts, every conservation check holds, the output is reproducible byte for
 * byte, and spending more never leaves a larger surplus.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRuleFile, settle, type RuleFile, type Settlement } from '../src/index.js';
import { arbitraries } from './reference/arbitraries.js';
import { parseDecimal, toFen } from './reference/rational.js';

const RUNS = Number(process.env['LEDGER_RUNS'] ?? 150);

function load(): RuleFile {
  const path = 'rules/yangxi.json';
  const r = readRuleFile(readFileSync(path, 'utf8'), { file: path });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.code} ${i.pointer}`).join('\n'));
  return r.value;
}
const rules = load();

function run(input: unknown, rf: RuleFile = rules): Settlement {
  const r = settle(rf, JSON.stringify(input), { file: 'input.json' });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.code} ${i.pointer} ${i.message.en}`).join('\n'));
  return r.value;
}

/** Printed money (two decimals) in fen, read independently of the engine. */
const fen = (text: string): bigint => {
  expect(text).toMatch(/^-?\d+\.\d{2}$/);
  return toFen(parseDecimal(text));
};
const fenText = (f: bigint): string => {
  const neg = f < 0n;
  const s = (neg ? -f : f).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
};

type Doc = { outOfCountySpending: string | number; members: { spending: string | number }[] };
const yangxi = arbitraries.yangxi as fc.Arbitrary<Doc>;

describe('the Yangxi ledger on random inputs', () => {
  it('balances: the accounts are the ledger summed, and their nets sum to zero', () => {
    fc.assert(
      fc.property(yangxi, (input) => {
        const s = run(input);
        // Recompute every account from the transfers.
        const acc = new Map<string, { received: bigint; paid: bigint }>();
        const get = (k: string): { received: bigint; paid: bigint } => acc.get(k) ?? (acc.set(k, { received: 0n, paid: 0n }).get(k) as { received: bigint; paid: bigint });
        for (const t of s.ledger) {
          const x = fen(t.amount);
          expect(x > 0n, `transfer ${t.value} of ${t.amount}`).toBe(true);
          expect(t.from).not.toBe(t.to);
          get(t.from).paid += x;
          get(t.to).received += x;
        }
        expect(Object.keys(s.accounts).sort()).toEqual([...acc.keys()].sort());
        let net = 0n;
        for (const [k, a] of acc) {
          const printed = s.accounts[k];
          expect(printed).toEqual({ received: fenText(a.received), paid: fenText(a.paid), net: fenText(a.received - a.paid) });
          net += fen(printed?.net ?? '');
        }
        expect(net).toBe(0n);
        // What the ledger says matches the named values.
        const v = s.values;
        const paid = (from: string, to: string): bigint => s.ledger.filter((t) => t.from === from && t.to === to).reduce((a, t) => a + fen(t.amount), 0n);
        expect(paid('fund', 'community')).toBe(fen(v['package'] ?? ''));
        expect(paid('riskFund', 'community')).toBe(fen(v['riskFundUsed'] ?? ''));
        expect(paid('adjustmentFund', 'community')).toBe(fen(v['adjustmentFundUsed'] ?? ''));
        const shares = Object.entries(v).filter(([k]) => k.startsWith('share.')).reduce((a, [, x]) => a + fen(x), 0n);
        expect(s.ledger.filter((t) => t.from === 'county' || t.from === 'town').reduce((a, t) => a + fen(t.amount), 0n)).toBe(shares);
        expect(paid('community', 'county') + paid('community', 'town')).toBe(fen(v['surplus'] ?? ''));
        expect(paid('community', 'providers')).toBe(fen(v['spending'] ?? ''));
        expect(shares).toBe(fen(v['surplus'] ?? ''));
        // Pass-through accounts close: the community, the pools and the reserves end at zero.
        for (const a of ['community', 'county', 'town', 'riskFund', 'adjustmentFund']) expect(s.accounts[a]?.net ?? '0.00').toBe('0.00');
      }),
      { numRuns: RUNS },
    );
  });

  it('passes every check, the ledger check included', () => {
    fc.assert(
      fc.property(yangxi, (input) => {
        const s = run(input);
        expect(s.checks.filter((c) => !c.ok)).toEqual([]);
        expect(s.checks.map((c) => c.name)).toEqual(expect.arrayContaining(['ledger balances', 'package identity', 'surplus or overspend, never both', 'overspend fully covered']));
      }),
      { numRuns: RUNS },
    );
  });

  it('gives byte-identical JSON for the same input, with or without recompiling the rules', () => {
    const fresh = load();
    fc.assert(
      fc.property(yangxi, (input) => {
        const a = JSON.stringify(run(input));
        expect(JSON.stringify(run(input))).toBe(a);
        expect(JSON.stringify(run(JSON.parse(JSON.stringify(input)), fresh))).toBe(a);
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it('never gives a larger surplus (or a smaller overspend) when spending grows', () => {
    const extraFen = fc.oneof(fc.constant(1n), fc.bigInt({ min: 1n, max: 10_000n }), fc.bigInt({ min: 1n, max: 10n ** 11n }));
    fc.assert(
      fc.property(yangxi, extraFen, fc.nat(), (input, extra, who) => {
        const before = run(input);
        // Add the extra spending to one member, or to out-of-county care.
        const more = structuredClone(input);
        const k = who % (more.members.length + 1);
        const target = k < more.members.length ? (more.members[k] as { spending: string | number }) : more;
        if ('outOfCountySpending' in target) target.outOfCountySpending = fenText(toFen(parseDecimal(String(target.outOfCountySpending))) + extra);
        else target.spending = fenText(toFen(parseDecimal(String(target.spending))) + extra);
        const after = run(more);
        const b = before.values;
        const a = after.values;
        expect(a['package']).toBe(b['package']);
        expect(fen(a['spending'] ?? '')).toBe(fen(b['spending'] ?? '') + extra);
        expect(fen(a['surplus'] ?? '') <= fen(b['surplus'] ?? '')).toBe(true);
        expect(fen(a['overspend'] ?? '') >= fen(b['overspend'] ?? '')).toBe(true);
        expect(fen(a['reservesReturned'] ?? '') <= fen(b['reservesReturned'] ?? '')).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
