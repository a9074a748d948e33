/**
 * `decide` `over` a table: for each row, the first rule whose condition holds for that row gives
 * its value (a hospital's score band gives its share). The conditions are written as in any
 * decision (`{ "fact": "score", "operator": "gte", "value": 90 }`, the row's columns as facts) and
 * compiled as the formulas they mean, in the row's scope.
 */
import { conditionFormula } from '../../conditions/as-formula.js';
import type { Compiled } from '../../formula/compile.js';
import { nodeAt } from '../../json/read-json.js';
import { Exact } from '../../money/exact.js';
import type { PlanContext, StepSite } from '../model.js';
import type { Op } from '../plan.js';
import type { DecideStepJson } from '../rule-json.js';
import { applyRounding, at, base, compileTemplate, eachRow, exactness, kindCheck, slotOf, stepRounding, tableSite } from './shared.js';
import { factValue, type CompiledCondition } from '../../conditions/conditions.js';
import type { Row, TableTy, TableValue, Ty, Value } from '../../formula/types.js';
import type { DecisionRecord } from '../plan.js';

/**
 * What a row's choice is re-checked with: the conditions as json-rules-engine reads them and the
 * facts they name, the row's columns first, then named values.
 */
function decisionRecorder(pointer: string, table: string, column: string, nameOf: ((row: Row) => string) | undefined, conditions: readonly CompiledCondition[], rowTy: TableTy, ctx: PlanContext) {
  const json = conditions.map((c) => c.json);
  const facts = [...new Set(conditions.flatMap((c) => c.facts))];
  const globals = facts.filter((f) => !rowTy.columns.has(f)).map((f) => [f, ctx.globals.get(f)] as const);
  return (row: Row, index: number, chosen: number, slots: readonly Value[]): DecisionRecord => {
    const values: Record<string, string | boolean> = {};
    for (const f of facts) if (rowTy.columns.has(f)) values[f] = factValue(row[f] as Value, rowTy.columns.get(f) as Ty);
    for (const [f, g] of globals) if (g) values[f] = factValue(slots[g.slot] as Value, g.ty);
    return { pointer, name: nameOf ? nameOf(row) : `${table}[${index + 1}].${column}`, conditions: json, facts: values, chosen };
  };
}

export function decideRowsOp(site: StepSite, step: DecideStepJson & { readonly over: string; readonly column: string }, ctx: PlanContext): Op | undefined {
  const p = site.pointer;
  const t = tableSite(site, ctx, 'over', step.over);
  if (!t) return undefined;
  const kind = step.kind;
  const column = ctx.text(site, step.column);
  const rounding = stepRounding(step, p, ctx);
  let ok = rounding !== undefined;
  const branches: { when: Compiled; f: Compiled; text: string }[] = [];
  const checked: CompiledCondition[] = [];
  step.rules.forEach((rule, i) => {
    const pointer = `${p}/rules/${i}/when`;
    // Read as any decision's condition (facts, operators, kinds), the row's columns first.
    const judged = ctx.condition(site, pointer, t.table);
    if (!judged) {
      ok = false;
      return;
    }
    checked.push(judged);
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
  const record = decisionRecorder(p, t.name, column, nameOf, checked, t.table, ctx);
  const deps = [t.name, ...branches.flatMap((b) => [...b.when.deps, ...b.f.deps]), ...other.deps];
  return {
    ...base(site, ctx, nameText ?? column, [], deps, t.name, column),
    ...(nameOf ? {} : { stream: { role: 'rows' as const, table: t.name } }),
    run(rc) {
      let i = 0;
      eachRow(rc.env, rc.env.slots[tslot] as TableValue, (row) => {
        const chosen = branches.findIndex((b) => b.when.fn(rc.env) === true);
        if (rc.rowDecisions) rc.decision(record(row, i, chosen, rc.env.slots));
        i++;
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
