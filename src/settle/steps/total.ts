/**
 * `total … from … by`: a column summed into the rows of another table by key (also a chunk at a time, for streamed tables).
 */
import { EvalStop, charge } from '../../formula/compile.js';
import type { TableValue } from '../../formula/types.js';
import { Exact, RunningSum, ZERO } from '../../money/exact.js';
import type { PlanContext, StepSite } from '../model.js';
import type { Op, RunCtx, TotalSums } from '../plan.js';
import type { ScalarKind } from '../declarations.js';
import type { TotalStepJson } from '../rule-json.js';
import { compileTemplate, slotOf, base, at, tableSite } from './shared.js';

export function totalOp(site: StepSite, step: TotalStepJson, ctx: PlanContext): Op | undefined {
  const p = site.pointer;
  const from = tableSite(site, ctx, 'from', step.from);
  const over = tableSite(site, ctx, 'over', step.over);
  if (!from || !over) return undefined;
  const col = ctx.text(site, step.total);
  const by = ctx.text(site, step.by);
  const column = ctx.text(site, step.column);
  if (from.table.columns.get(by)?.k !== 'text') {
    ctx.issue('unknown_column', `${p}/by`, { table: from.name, column: by });
    return undefined;
  }
  ctx.read(p, [`${from.name}.${col}`, `${from.name}.${by}`]);
  const key = over.table.key;
  if (!key) {
    ctx.issue('kind_mismatch', `${p}/over`, { detail: `table ${over.name} needs a key column` });
    return undefined;
  }
  const kind = from.computed.get(col) ?? ((from.columns.get(col) as { kind: ScalarKind } | undefined)?.kind as ScalarKind);
  const nameText = step.name === undefined ? undefined : ctx.text(site, step.name);
  const nameOf = nameText === undefined ? undefined : compileTemplate(nameText, over.table, `${p}/name`, ctx);
  if (nameText !== undefined && !nameOf) return undefined;
  const fromSlot = slotOf(ctx, from.name);
  const overSlot = slotOf(ctx, over.name);
  const where = at(ctx.at(p));
  const start = (rc: RunCtx): TotalSums => {
    const sums = new Map<string, RunningSum>();
    for (const row of (rc.env.slots[overSlot] as TableValue).rows) sums.set(String(row[key]), new RunningSum(ZERO));
    return { sums, counts: new Map<string, number>(), rows: 0 };
  };
  const add = (rc: RunCtx, acc: TotalSums, src: TableValue): void => {
    charge(rc.env, src.rows.length);
    acc.rows += src.rows.length;
    for (const row of src.rows) {
      const k = row[by] as string;
      const sum = acc.sums.get(k);
      if (sum === undefined) throw new EvalStop({ code: 'unknown_key', params: { table: over.name, key: k } }, 0, [row]);
      sum.add(row[col] as Exact);
      if (rc.trace) acc.counts.set(k, (acc.counts.get(k) ?? 0) + 1);
    }
  };
  const finish = (rc: RunCtx, acc: TotalSums): void => {
    for (const row of (rc.env.slots[overSlot] as TableValue).rows) {
      const id = String(row[key]);
      const v = (acc.sums.get(id) as RunningSum).value();
      row[column] = v;
      if (nameOf) {
        rc.emit(nameOf(row), kind === 'money' ? 'money' : 'number', v, rc.trace ? {
          name: '', value: '', kind: 'number', source: 'total',
          pointer: p,
          formula: `Σ ${from.name}.${col} where ${from.name}.${by} = ${id}`,
          inputs: { [from.name]: `${acc.counts.get(id) ?? 0} of ${acc.rows} rows` },
          ...where,
        } : undefined);
      }
    }
  };
  return {
    ...base(site, ctx, nameText ?? column, [], [from.name, over.name], over.name, column),
    run(rc) {
      const acc = start(rc);
      add(rc, acc, rc.env.slots[fromSlot] as TableValue);
      finish(rc, acc);
    },
    stream: { role: 'total', table: from.name, start, add, finish },
  };
}
