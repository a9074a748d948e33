/**
 * `decide` `over` a table: for each row, the first rule whose condition holds for that row gives
 * its value (a hospital's score band gives its share). The conditions are written as in any
 * decision (`{ "fact": "score", "operator": "gte", "value": 90 }`, the row's columns as facts) and
 * compiled as the formulas they mean, in the row's scope.
 */
import { conditionFormula } from '../../conditions/as-formula.js';
import type { Compiled } from '../../formula/compile.js';
import type { TableValue } from '../../formula/types.js';
import { nodeAt } from '../../json/read-json.js';
import { Exact } from '../../money/exact.js';
import type { PlanContext, StepSite } from '../model.js';
import type { Op } from '../plan.js';
import type { DecideStepJson } from '../rule-json.js';
import { applyRounding, at, base, compileTemplate, eachRow, exactness, kindCheck, slotOf, stepRounding, tableSite } from './shared.js';

export function decideRowsOp(site: StepSite, step: DecideStepJson & { readonly over: string; readonly column: string }, ctx: PlanContext): Op | undefined {
  const p = site.pointer;
  const t = tableSite(site, ctx, 'over', step.over);
  if (!t) return undefined;
  const kind = step.kind;
  const column = ctx.text(site, step.column);
  const rounding = stepRounding(step, p, ctx);
  let ok = rounding !== undefined;
  const branches: { when: Compiled; f: Compiled; text: string }[] = [];
  step.rules.forEach((rule, i) => {
    const pointer = `${p}/rules/${i}/when`;
    const node = nodeAt(ctx.doc.root, pointer);
    const condition = node && conditionFormula(node, (name) => ctx.text(site, name));
    if (condition === undefined) {
      ctx.issue('bad_condition', pointer, { detail: 'over a table, a condition compares a column (or a named value) with a number, a text or another fact' });
      ok = false;
      return;
    }
    const when = ctx.formula(pointer, condition, [t.table]);
    const text = ctx.text(site, rule.formula);
    const f = ctx.formula(`${p}/rules/${i}/formula`, text, [t.table]);
    if (when && when.ty.k !== 'boolean') ctx.issue('kind_mismatch', pointer, { detail: 'a condition must be true or false' });
    if (!when || when.ty.k !== 'boolean' || !f || !kindCheck(kind, f, `${p}/rules/${i}/formula`, ctx, rounding?.r)) {
      ok = false;
      return;
    }
    branches.push({ when, f, text });
  });
  const otherwiseText = ctx.text(site, step.otherwise);
  const other = ctx.formula(`${p}/otherwise`, otherwiseText, [t.table]);
  const nameText = step.name === undefined ? undefined : ctx.text(site, step.name);
  const nameOf = nameText === undefined ? undefined : compileTemplate(nameText, t.table, `${p}/name`, ctx);
  if (!ok || !rounding || !other || !kindCheck(kind, other, `${p}/otherwise`, ctx, rounding.r) || (nameText !== undefined && !nameOf)) return undefined;
  const r = rounding.r;
  const tslot = slotOf(ctx, t.name);
  const deps = [t.name, ...branches.flatMap((b) => [...b.when.deps, ...b.f.deps]), ...other.deps];
  return {
    ...base(site, ctx, nameText ?? column, [], deps, t.name, column),
    ...(nameOf ? {} : { stream: { role: 'rows' as const, table: t.name } }),
    run(rc) {
      eachRow(rc.env, rc.env.slots[tslot] as TableValue, (row) => {
        const chosen = branches.findIndex((b) => b.when.fn(rc.env) === true);
        const branch = branches[chosen];
        const raw = (branch ? branch.f : other).fn(rc.env);
        const v = raw instanceof Exact ? applyRounding(raw, r) : raw;
        row[column] = v;
        if (!nameOf) return;
        rc.emit(nameOf(row), kind, v as Exact | string | boolean, rc.trace ? {
          name: '', value: '', kind: 'number', source: 'decide',
          pointer: branch ? `${p}/rules/${chosen}` : `${p}/otherwise`,
          formula: branch ? branch.text : otherwiseText,
          inputs: {},
          note: branch ? `第 ${chosen + 1} 条规则成立 / rule ${chosen + 1} holds` : '各条规则都不成立，取 otherwise / no rule holds: otherwise',
          ...(raw instanceof Exact ? exactness(kind, raw, v as Exact, r) : {}),
          ...at(this.at),
        } : undefined, step.display === undefined ? undefined : rounding.places);
      });
    },
  };
}
