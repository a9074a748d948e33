/**
 * `split … over` a table: an amount shared over its rows by a weight column.
 */
import { EvalStop } from '../../formula/compile.js';
import { CHECK_TEXT, nameLabel, stepLabel } from '../check-labels.js';
import { describeTy, type Row, type TableValue } from '../../formula/types.js';
import { formatMoney, formatNumber } from '../../money/decimal-string.js';
import type { Exact } from '../../money/exact.js';
import type { PlanContext, StepSite } from '../model.js';
import type { FigureParts, Op } from '../plan.js';
import type { SplitRowsStepJson } from '../rule-json.js';
import { LARGEST_REMAINDER_NOTE, num, inputsWith, compileTemplate, moneyAmount, numericWeight, splitOrStop, sumOf, slotOf, base, transferSpec, at, unitOf, tableSite } from './shared.js';

export function splitRowsOp(site: StepSite, step: SplitRowsStepJson, ctx: PlanContext): Op | undefined {
  const p = site.pointer;
  const t = tableSite(site, ctx, 'over', step.over);
  if (!t) return undefined;
  const amountText = ctx.text(site, step.split);
  const amount = ctx.formula(`${p}/split`, amountText);
  const wText = ctx.text(site, step.weight);
  const w = ctx.formula(`${p}/weight`, wText, [t.table]);
  const whereText = step.where === undefined ? undefined : ctx.text(site, step.where);
  const where = whereText === undefined ? undefined : ctx.formula(`${p}/where`, whereText, [t.table]);
  const nameText = step.name === undefined ? undefined : ctx.text(site, step.name);
  const nameOf = nameText === undefined ? undefined : compileTemplate(nameText, t.table, `${p}/name`, ctx);
  const tr = transferSpec(site, step.transfer);
  const toOf = tr ? compileTemplate(tr.to, t.table, `${p}/transfer/to`, ctx) : undefined;
  const fromOf = tr ? compileTemplate(tr.from, t.table, `${p}/transfer/from`, ctx) : undefined;
  if (!amount || !w || (whereText !== undefined && !where)) return undefined;
  if (!moneyAmount(amount, `${p}/split`, ctx) || !numericWeight(w, `${p}/weight`, ctx)) return undefined;
  if (where && where.ty.k !== 'boolean') {
    ctx.issue('kind_mismatch', `${p}/where`, { detail: `"where" must be true/false, got ${describeTy(where.ty)}` });
    return undefined;
  }
  if ((nameText !== undefined && !nameOf) || (tr && (!toOf || !fromOf))) return undefined;
  const column = step.column === undefined ? undefined : ctx.text(site, step.column);
  const unit = unitOf(step.unit);
  const tslot = slotOf(ctx, t.name);
  const label = step.label?.en ?? nameText ?? column ?? `split of ${amountText}`;
  const checkText = CHECK_TEXT.rows(stepLabel(step.label, site.vars, label), nameLabel(ctx.doc.root, ctx.globals, amountText));
  const af = num(amount);
  const wf = num(w);
  const whereFn = where?.fn;
  const rowsFormula = `split(${amountText}) over ${t.name}${whereText ? ` where ${whereText}` : ''} by ${wText}`;
  return {
    ...base(site, ctx, label, [], [t.name, ...amount.deps, ...w.deps, ...(where?.deps ?? [])], column === undefined ? undefined : t.name, column),
    run(rc) {
      const table = rc.env.slots[tslot] as TableValue;
      const total = af(rc.env);
      const chosen: Row[] = [];
      const weights: Exact[] = [];
      rc.env.rows = [];
      try {
        for (const row of table.rows) {
          rc.env.rows[0] = row;
          if (whereFn && !whereFn(rc.env)) continue;
          chosen.push(row);
          weights.push(wf(rc.env));
        }
      } finally {
        rc.env.rows = [];
      }
      if (chosen.length === 0 && !total.isZero()) throw new EvalStop({ code: 'weights_all_zero', params: { amount: total.toFixed() } });
      const res = chosen.length === 0 ? { parts: [], exact: [] } : splitOrStop(total, weights, unit, 'row', rc.trace);
      // What every row's figure shares, made once per run rather than once per row.
      const shared = rc.trace ? Object.assign(rc.inputsOf(amount.deps), { amount: formatMoney(total), weight: '', totalWeight: formatNumber(sumOf(weights)) }) : undefined;
      const where = rc.trace ? at(this.at) : undefined;
      chosen.forEach((row, i) => {
        const v = res.parts[i] as Exact;
        if (column) row[column] = v;
        if (nameOf) {
          const name = nameOf(row);
          let fig: FigureParts | undefined;
          if (shared) {
            const exact = res.exact[i] as Exact;
            fig = {
              name: '', value: '', kind: 'number', source: 'split',
              pointer: p,
              formula: rowsFormula,
              inputs: inputsWith(shared, { weight: formatNumber(weights[i] as Exact) }),
              ...(exact.eq(v) ? {} : { exact: formatNumber(exact) }),
              note: LARGEST_REMAINDER_NOTE,
              ...where,
            };
          }
          rc.emit(name, 'money', v, fig);
          if (tr && toOf && fromOf) rc.transfer(fromOf(row), toOf(row), v, name, p, tr.memo);
        } else if (tr && toOf && fromOf) rc.transfer(fromOf(row), toOf(row), v, label, p, tr.memo);
      });
      rc.check(`${label}: rows sum to the amount`, total, sumOf(res.parts), p, `Σ ${label} over ${t.name} = ${amountText}`, checkText);
    },
  };
}
