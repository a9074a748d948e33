/**
 * `compute`: one named value from a formula, rounded as the step says, maybe moved in the ledger.
 */
import { Exact } from '../../money/exact.js';
import type { PlanContext, StepSite } from '../model.js';
import type { FigureParts, Op } from '../plan.js';
import type { ComputeStepJson } from '../rule-json.js';
import { stepRounding, applyRounding, exactness, kindCheck, slotOf, base, transferSpec, at, rowsPart } from './shared.js';

export function computeOp(site: StepSite, step: ComputeStepJson, ctx: PlanContext): Op | undefined {
  const p = site.pointer;
  const name = ctx.text(site, step.name);
  const kind = step.kind;
  const text = ctx.text(site, step.formula);
  const f = ctx.formula(`${p}/formula`, text);
  const rounding = stepRounding(step, p, ctx);
  if (!f || !rounding || !kindCheck(kind, f, `${p}/formula`, ctx, rounding.r)) return undefined;
  const { r, places } = rounding;
  const slot = slotOf(ctx, name);
  const tr = transferSpec(site, step.transfer);
  const fn = f.fn;
  return {
    ...base(site, ctx, name, [name], f.deps),
    run(rc) {
      if (rc.trace) rc.env.used = [];
      const raw = fn(rc.env);
      const used = rc.env.used;
      rc.env.used = undefined;
      let v: Exact | string | boolean;
      let parts: FigureParts | undefined;
      if (raw instanceof Exact) {
        const rounded = applyRounding(raw, r);
        v = rounded;
        if (rc.trace) parts = { name: '', value: '', kind: 'number', source: 'compute', pointer: p, formula: text, inputs: rc.inputsOf(f.deps), ...exactness(kind, raw, rounded, r), ...rowsPart(used), ...at(this.at) };
      } else {
        v = raw as string | boolean;
        if (rc.trace) parts = { name: '', value: '', kind: 'number', source: 'compute', pointer: p, formula: text, inputs: rc.inputsOf(f.deps), ...rowsPart(used), ...at(this.at) };
      }
      rc.env.slots[slot] = v;
      rc.emit(name, kind, v, parts, places);
      if (tr && v instanceof Exact) rc.transfer(tr.from, tr.to, v, name, p, tr.memo);
    },
  };
}
