/**
 * `over` a table: a column computed for each row.
 */
import { charge } from '../../formula/compile.js';
import type { Row, TableValue } from '../../formula/types.js';
import { Exact } from '../../money/exact.js';
import type { PlanContext, StepSite } from '../model.js';
import type { Op } from '../plan.js';
import type { RowComputeStepJson } from '../rule-json.js';
import { stepRounding, applyRounding, exactness, compileTemplate, kindCheck, slotOf, base, transferSpec, at, tableSite, rowColumnsRead, rowsPart, inputsWith } from './shared.js';

export function rowComputeOp(site: StepSite, step: RowComputeStepJson, ctx: PlanContext): Op | undefined {
  const p = site.pointer;
  const t = tableSite(site, ctx, 'over', step.over);
  if (!t) return undefined;
  const column = ctx.text(site, step.column);
  const kind = step.kind;
  const text = ctx.text(site, step.formula);
  const f = ctx.formula(`${p}/formula`, text, [t.table]);
  const rounding = stepRounding(step, p, ctx);
  if (!f || !rounding || !kindCheck(kind, f, `${p}/formula`, ctx, rounding.r)) return undefined;
  const r = rounding.r;
  const shownPlaces = step.display === undefined ? undefined : rounding.places;
  const nameText = step.name === undefined ? undefined : ctx.text(site, step.name);
  const nameOf = nameText === undefined ? undefined : compileTemplate(nameText, t.table, `${p}/name`, ctx);
  const tr = transferSpec(site, step.transfer);
  const toOf = tr ? compileTemplate(tr.to, t.table, `${p}/transfer/to`, ctx) : undefined;
  const fromOf = tr ? compileTemplate(tr.from, t.table, `${p}/transfer/from`, ctx) : undefined;
  if ((nameText !== undefined && !nameOf) || (tr && (!toOf || !fromOf))) return undefined;
  const tslot = slotOf(ctx, t.name);
  const fn = f.fn;
  const columnsRead = nameOf ? rowColumnsRead(f, t.table) : undefined;
  return {
    ...base(site, ctx, nameText ?? column, [], [t.name, ...f.deps], t.name, column),
    // A row that names a value or moves money would make output grow with the rows: not streamed.
    ...(nameOf || tr ? {} : { stream: { role: 'rows' as const, table: t.name } }),
    run(rc) {
      const table = rc.env.slots[tslot] as TableValue;
      charge(rc.env, table.rows.length);
      const traced = rc.trace && nameOf !== undefined;
      const inputs = traced ? rc.inputsOf(f.deps) : {};
      const rows: Row[] = [];
      rc.env.rows = rows;
      try {
        for (const row of table.rows) {
          rows[0] = row;
          if (traced) rc.env.used = [];
          const raw = fn(rc.env);
          const used = rc.env.used;
          rc.env.used = undefined;
          const v = raw instanceof Exact ? applyRounding(raw, r) : raw;
          row[column] = v;
          if (nameOf) {
            const own: Record<string, string> = {};
            if (traced) columnsRead?.(row, own);
            rc.emit(nameOf(row), kind, v as Exact | string | boolean, traced ? {
              name: '', value: '', kind: 'number', source: 'compute',
              pointer: p,
              formula: text,
              inputs: columnsRead ? inputsWith(inputs, own) : inputs,
              ...(raw instanceof Exact ? exactness(kind, raw, v as Exact, r) : {}),
              ...rowsPart(used),
              ...at(this.at),
            } : undefined, shownPlaces);
          }
          if (tr && toOf && fromOf && v instanceof Exact) rc.transfer(fromOf(row), toOf(row), v, nameOf ? nameOf(row) : column, p, tr.memo);
        }
      } finally {
        rc.env.rows = [];
      }
    },
  };
}
