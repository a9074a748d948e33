/**
 * Tiers over a table's rows, and over numbers: each hospital's points valued against its own cap
 * (docs/examples/tiers-rows.json). By hand: H1 1,000 points, cap 1,000: 1,000 × 100 % = 1,000;
 * H2 1,300: 1,000 + 100 × 95 % + 100 × 75 % + 100 × 50 % = 1,220; H3 1,150.5: 1,000 + 95 +
 * 50.5 × 75 % = 1,132.875. Payments at 66.2528 yuan a point, to the fen: 66,252.80, 80,828.42,
 * 75,056.14 (1,132.875 × 66.2528 = 75,056.1399…); total 222,137.36.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasCode, readRuleFile, settle, type RuleFile } from '../src/index.js';

const text = readFileSync('docs/examples/tiers-rows.json', 'utf8');
const input = readFileSync('docs/examples/tiers-rows.input.json', 'utf8');
const read = (t: string): RuleFile => {
  const r = readRuleFile(t, { file: 'tiers-rows.json' });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.code} ${i.pointer}`).join('\n'));
  return r.value;
};
const doc = JSON.parse(text) as { steps: Record<string, unknown>[] };
const withFirstStep = (patch: Record<string, unknown>): string => JSON.stringify({ ...doc, steps: [{ ...doc.steps[0], ...patch }, ...doc.steps.slice(1)] });

describe('tiers over rows', () => {
  it('values each hospital against its own cap, and pays to the fen', () => {
    const r = settle(read(text), input);
    expect(r.ok && r.value.values).toEqual({
      'valued.H1': '1000',
      'valued.H2': '1220',
      'valued.H3': '1132.875',
      'payment.H1': '66252.80',
      'payment.H2': '80828.42',
      'payment.H3': '75056.14',
      totalPayment: '222137.36',
    });
    expect(r.ok && r.value.figures['valued.H2']?.inputs).toEqual({ of: '1300', band1: '1000', band2: '95', band3: '75', band4: '50' });
  });

  it('the same without a trace (the one-pass reader) and as the rows of the table', () => {
    const quick = settle(read(text), input, { trace: false, rows: ['hospitals'] });
    expect(quick.ok && quick.value.values['totalPayment']).toBe('222137.36');
    expect(quick.ok && quick.value.rows?.['hospitals']?.rows.map((row) => row[3])).toEqual(['1000', '1220', '1132.875']);
  });

  it('money tiered as money needs no kind; points given to a money step say to write "kind": "number"', () => {
    const r = readRuleFile(withFirstStep({ kind: undefined }));
    const i = r.ok ? undefined : r.issues[0];
    expect(i?.code).toBe('kind_mismatch');
    expect(i && hasCode(i, 'kind_mismatch') ? String(i.params.detail) : '').toContain('"kind": "number"');
  });

  it('bands over rows take no slice or amount names: each row\'s result goes in the column', () => {
    const tiers = (doc.steps[0] as { tiers: { bands: Record<string, unknown>[] } }).tiers;
    const r = readRuleFile(withFirstStep({ tiers: { ...tiers, bands: [{ ...tiers.bands[0], slice: 'within' }, ...tiers.bands.slice(1)] } }));
    expect(r.ok ? [] : r.issues.map((x) => [x.code, x.pointer])).toEqual([['unknown_property', '/steps/0/tiers/bands']]);
  });

  it('a per-row result read as a value suggests the table form', () => {
    const r = readRuleFile(JSON.stringify({ ...doc, steps: [...doc.steps, { name: 'x', kind: 'number', formula: 'valued.H2 * 2' }] }));
    const i = r.ok ? undefined : r.issues[0];
    expect(i && hasCode(i, 'unknown_name') ? i.params.suggestion : undefined).toBe("hospitals['H2'].valued");
  });
});
