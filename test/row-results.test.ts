// Row-level results: each DRG case's full and final points come back with the row they belong
// to, checked against a calculation of their own from the example input.
import { readFileSync } from 'node:fs';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { readRuleFile, settle, type RuleFile } from '../src/index.js';

function rule(id: string): RuleFile {
  const r = readRuleFile(readFileSync(`rules/${id}.json`, 'utf8'), { file: `rules/${id}.json` });
  if (!r.ok) throw new Error(`${id} does not read`);
  return r.value;
}

interface DrgInput {
  groups: { id: string; basePoints: string; meanCost: string }[];
  hospitals: { id: string; coefficients: Record<string, string> }[];
  cases: { hospital: string; group: string; cost: string; complete?: boolean; halved?: boolean }[];
}

const drg = rule('drg-points');
const drgText = readFileSync('rules/examples/drg-points.input.json', 'utf8');
const drgInput = JSON.parse(drgText) as DrgInput;
const P = Decimal.clone({ precision: 200 });

describe('rows of computed columns', () => {
  const run = settle(drg, drgText, { rows: ['cases'] });
  if (!run.ok) throw new Error('drg-points example does not settle');
  const cases = run.value.rows?.['cases'];

  it('gives each case as read, then its full points, the rule it falls under and its final points', () => {
    expect(cases?.columns).toEqual(['hospital', 'group', 'cost', 'complete', 'halved', 'fullPoints', 'groupMean', 'rule', 'points']);
    expect(cases?.rows.length).toBe(drgInput.cases.length);
    drgInput.cases.forEach((c, i) => {
      const g = drgInput.groups.find((x) => x.id === c.group);
      const h = drgInput.hospitals.find((x) => x.id === c.hospital);
      if (!g || !h) throw new Error('example input refers to a missing group or hospital');
      const full = new P(g.basePoints).times(h.coefficients[c.group] ?? '0');
      const complete = c.complete ?? true;
      const byCost = P.min(full.times(c.cost).div(g.meanCost), full);
      const points = (complete ? full : byCost).times(c.halved ? '0.5' : '1');
      const row = cases?.rows[i] ?? [];
      expect(row.slice(0, 5)).toEqual([c.hospital, c.group, c.cost, String(complete), String(c.halved ?? false)]);
      expect(new P(row[5] ?? 'NaN').eq(full)).toBe(true);
      const halved = c.halved ?? false;
      expect(row[6]).toBe(new P(g.meanCost).toFixed(2));
      const capped = new P(c.cost).gt(g.meanCost);
      const incomplete = capped ? '未完整病例，费用高于例均，按完整点数封顶' : '未完整病例，按费用折算';
      const expected = complete ? (halved ? '再入院减半' : '完整病例') : halved ? incomplete.replace('费用高于例均，', '') + '，再入院减半' : incomplete;
      expect(row[7]).toBe(expected);
      // A quotient is exact to 100 significant digits; 60 places is well inside that.
      expect(new P(row[8] ?? 'NaN').toDecimalPlaces(60).eq(points.toDecimalPlaces(60))).toBe(true);
    });
  });

  it("adds up, hospital by hospital, to each hospital's points", () => {
    for (const h of drgInput.hospitals) {
      const sum = (cases?.rows ?? []).filter((r) => r[0] === h.id).reduce((s, r) => s.plus(r[8] ?? '0'), new P(0));
      expect(sum.toDecimalPlaces(60).eq(new P(run.value.values[`points.${h.id}`] ?? 'NaN').toDecimalPlaces(60))).toBe(true);
    }
  });

  it('are left out unless asked for, and only the tables asked for come back', () => {
    const plain = settle(drg, drgText);
    expect(plain.ok && plain.value.rows).toBe(undefined);
    expect(Object.keys(run.value.rows ?? {})).toEqual(['cases']);
    const all = settle(drg, drgText, { rows: true, trace: false });
    expect(Object.keys((all.ok && all.value.rows) || {})).toEqual(['hospitals', 'cases']);
    expect(all.ok && all.value.values).toEqual(run.value.values);
  });

  it('a table with no computed columns, or no such table, is unknown_table; a wrong option wrong_type', () => {
    const r = settle(drg, drgText, { rows: ['groups', 'nope'] });
    expect(r.ok || r.issues.map((i) => [i.code, ('name' in i.params ? i.params.name : undefined)])).toEqual([
      ['unknown_table', 'groups'],
      ['unknown_table', 'nope'],
    ]);
    const w = settle(drg, drgText, { rows: 'cases' as unknown as boolean });
    expect(w.ok || w.issues.map((i) => i.code)).toEqual(['wrong_type']);
  });

  it("gives each member's share with its row in Suixi", () => {
    const suixi = settle(rule('suixi'), readFileSync('rules/examples/suixi.input.json', 'utf8'), { rows: true });
    if (!suixi.ok) throw new Error('suixi example does not settle');
    const members = suixi.value.rows?.['members'];
    const input = JSON.parse(readFileSync('rules/examples/suixi.input.json', 'utf8')) as { members: { id: string; spending: string }[] };
    expect(members?.rows.map((r) => r[0])).toEqual(input.members.map((m) => m.id));
    expect(members?.rows.map((r) => r[members.columns.indexOf('spending')])).toEqual(input.members.map((m) => new Decimal(m.spending).toFixed(2)));
  });
});
