/**
 * `decide`: the first rule whose condition holds gives the value; the decision is kept for re-checking.
 */
import type { CompiledCondition } from '../../conditions/conditions.js';
import { factValue } from '../../conditions/conditions.js';
import type { Compiled } from '../../formula/compile.js';
import type { Value } from '../../formula/types.js';
import { Exact } from '../../money/exact.js';
import type { GlobalInfo, PlanContext, StepSite } from '../model.js';
import type { FigureParts, Op } from '../plan.js';
import type { DecideStepJson } from '../rule-json.js';
import { stepRounding, applyRounding, exactness, kindCheck, slotOf, base, transferSpec, at } from './shared.js';

export function decideOp(site: StepSite, step: DecideStepJson & { readonly name: string }, ctx: PlanContext): Op | undefined {
  const p = site.pointer;
  const name = ctx.text(site, step.name);
  const kind = step.kind;
  const branches: { cond: CompiledCondition; f: Compiled; text: string }[] = [];
  const rounding = stepRounding(step, p, ctx);
  let okAll = rounding !== undefined;
  step.rules.forEach((rule, i) => {
    const cond = ctx.condition(site, `${p}/rules/${i}/when`);
    const sub = ctx.text(site, rule.formula);
    const f = ctx.formula(`${p}/rules/${i}/formula`, sub);
    if (!cond || !f || !kindCheck(kind, f, `${p}/rules/${i}/formula`, ctx, rounding?.r)) {
      okAll = false;
      return;
    }
    branches.push({ cond, f, text: sub });
  });
  const otherwiseText = ctx.text(site, step.otherwise);
  const other = ctx.formula(`${p}/otherwise`, otherwiseText);
  if (!okAll || !rounding || !other || !kindCheck(kind, other, `${p}/otherwise`, ctx, rounding.r)) return undefined;
  const { r, places } = rounding;
  const slot = slotOf(ctx, name);
  const facts = [...new Set(branches.flatMap((b) => b.cond.facts))];
  const deps = [...facts, ...branches.flatMap((b) => b.f.deps), ...other.deps];
  const tr = transferSpec(site, step.transfer);
  return {
    ...base(site, ctx, name, [name], deps),
    run(rc) {
      let chosen = -1;
      for (let i = 0; i < branches.length; i++) {
        if ((branches[i] as (typeof branches)[number]).cond.test(rc.env)) {
          chosen = i;
          break;
        }
      }
      const branch = chosen >= 0 ? (branches[chosen] as (typeof branches)[number]) : undefined;
      const f = branch ? branch.f : other;
      const raw = f.fn(rc.env);
      const v = raw instanceof Exact ? applyRounding(raw, r) : (raw as string | boolean);
      rc.env.slots[slot] = v;
      const factValues: Record<string, string | boolean> = {};
      for (const fact of facts) {
        const g = ctx.globals.get(fact) as GlobalInfo;
        factValues[fact] = factValue(rc.env.slots[g.slot] as Value, g.ty);
      }
      rc.decision({ pointer: p, name, conditions: branches.map((b) => b.cond.json), facts: factValues, chosen });
      let parts: FigureParts | undefined;
      if (rc.trace) {
        const note = branch
          ? `第 ${chosen + 1} 条规则成立 / rule ${chosen + 1} holds: ${JSON.stringify(branch.cond.json)}`
          : '没有规则成立，取 otherwise / no rule holds: otherwise';
        parts = {
          name: '', value: '', kind: 'number', source: 'decide',
          pointer: chosen >= 0 ? `${p}/rules/${chosen}` : `${p}/otherwise`,
          formula: branch ? branch.text : otherwiseText,
          inputs: rc.inputsOf([...facts, ...f.deps]),
          note,
          ...(raw instanceof Exact ? exactness(kind, raw, v as Exact, r) : {}),
          ...at(ctx.at(chosen >= 0 ? `${p}/rules/${chosen}` : `${p}/otherwise`)),
        };
      }
      rc.emit(name, kind, v, parts, places);
      if (tr && v instanceof Exact) rc.transfer(tr.from, tr.to, v, name, p, tr.memo);
    },
  };
}
