/**
 * `tiers` `over` a table: each row's amount cut into the bands on its own — each hospital's
 * points against its own volume cap (`base`), valued at 100 % up to the cap, 95 % to 110 %, … —
 * the result in a column, and a figure per row when `name` is a template such as valued.{id}.
 */
import type { TableValue } from '../../formula/types.js';
import { formatNumber } from '../../money/decimal-string.js';
import { Exact, ZERO } from '../../money/exact.js';
import type { PlanContext, StepSite } from '../model.js';
import type { Op } from '../plan.js';
import type { TiersStepJson } from '../rule-json.js';
import { amountOfKind, bandValues, cutMarginal, cutWhole, readBands } from './bands.js';
import { at, base, compileTemplate, eachRow, exactness, num, readRounding, slotOf, sumOf, tableSite } from './shared.js';

export function tiersRowsOp(site: StepSite, step: TiersStepJson & { readonly over: string; readonly column: string }, ctx: PlanContext): Op | undefined {
  const p = site.pointer;
  const tp = `${p}/tiers`;
  const t = tableSite(site, ctx, 'over', step.over);
  if (!t) return undefined;
  const tiers = step.tiers;
  const kind = step.kind ?? 'money';
  const column = ctx.text(site, step.column);
  const ofText = ctx.text(site, tiers.of);
  const of = ctx.formula(`${tp}/of`, ofText, [t.table]);
  const baseText = tiers.base === undefined ? undefined : ctx.text(site, tiers.base);
  const baseF = baseText === undefined ? undefined : ctx.formula(`${tp}/base`, baseText, [t.table]);
  let ok = of !== undefined && amountOfKind(of, kind, `${tp}/of`, ctx) && (baseText === undefined || (baseF !== undefined && amountOfKind(baseF, kind, `${tp}/base`, ctx)));
  const read = readBands(site, ctx, tiers.bands, baseText, kind, [t.table]);
  ok &&= read.ok;
  const nameText = step.name === undefined ? undefined : ctx.text(site, step.name);
  const nameOf = nameText === undefined ? undefined : compileTemplate(nameText, t.table, `${p}/name`, ctx);
  if (!ok || !of || (nameText !== undefined && !nameOf)) return undefined;
  const bands = read.bands;
  if (bands.some((b) => b.slice !== undefined || b.amount !== undefined)) {
    ctx.issue('unknown_property', `${tp}/bands`, { property: 'slice', expected: 'over a table, each row\'s result goes in "column"; bands take no slice or amount names' });
    return undefined;
  }
  const r = readRounding(tiers.round);
  const inclusive = (tiers.upperBound ?? 'inclusive') === 'inclusive';
  const deps = [t.name, ...of.deps, ...(baseF?.deps ?? []), ...bands.flatMap((b) => [...(b.upTo?.deps ?? []), ...b.rate.deps])];
  const tslot = slotOf(ctx, t.name);
  const ofFn = num(of);
  const baseFn = baseF && num(baseF);
  const formula = `${tiers.mode === 'marginal' ? 'Σ over bands of slice × rate' : `${ofText} × rate of the band it falls in`}${baseText ? ` (bounds × ${baseText})` : ''}`;
  return {
    ...base(site, ctx, nameText ?? column, [], deps, t.name, column),
    ...(nameOf ? {} : { stream: { role: 'rows' as const, table: t.name } }),
    run(rc) {
      eachRow(rc.env, rc.env.slots[tslot] as TableValue, (row) => {
        const x = Exact.max(ofFn(rc.env), ZERO);
        const { uppers, rates } = bandValues(bands, baseFn, rc.env);
        const cut = tiers.mode === 'marginal' ? cutMarginal(x, uppers, rates, r) : cutWhole(x, uppers, rates, r, inclusive);
        row[column] = cut.total;
        if (!nameOf) return;
        rc.emit(nameOf(row), kind, cut.total, rc.trace ? {
          name: '', value: '', kind: 'number', source: 'tiers',
          pointer: p,
          formula,
          inputs: { of: formatNumber(x), ...Object.fromEntries(cut.amounts.map((a, i) => [`band${i + 1}`, formatNumber(a)])) },
          ...exactness(kind, sumOf(cut.slices.map((s, i) => s.times(rates[i] as Exact))), cut.total, r),
          ...at(this.at),
        } : undefined);
      });
    },
  };
}
