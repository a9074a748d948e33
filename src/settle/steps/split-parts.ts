/**
 * `split` into named parts: an amount shared by weights to the fen, largest remainder first.
 */
import type { Compiled } from '../../formula/compile.js';
import { CHECK_TEXT, nameLabel, stepLabel } from '../check-labels.js';
import { formatMoney, formatNumber } from '../../money/decimal-string.js';
import type { Exact } from '../../money/exact.js';
import type { PlanContext, StepSite } from '../model.js';
import type { FigureParts, Op } from '../plan.js';
import type { SplitPartsStepJson } from '../rule-json.js';
import { LARGEST_REMAINDER_NOTE, num, moneyAmount, numericWeight, splitOrStop, sumOf, slotOf, base, transferSpec, at, unitOf } from './shared.js';

export function splitPartsOp(site: StepSite, step: SplitPartsStepJson, ctx: PlanContext): Op | undefined {
  const p = site.pointer;
  const amountText = ctx.text(site, step.split);
  const amount = ctx.formula(`${p}/split`, amountText);
  const parts: { name: string; w: Compiled; wText: string; slot: number; tr: ReturnType<typeof transferSpec> }[] = [];
  let ok = amount !== undefined && moneyAmount(amount, `${p}/split`, ctx);
  step.parts.forEach((part, i) => {
    const name = ctx.text(site, part.name);
    const wText = ctx.text(site, part.weight);
    const w = ctx.formula(`${p}/parts/${i}/weight`, wText);
    if (!w || !numericWeight(w, `${p}/parts/${i}/weight`, ctx)) {
      ok = false;
      return;
    }
    parts.push({ name, w, wText, slot: slotOf(ctx, name), tr: transferSpec(site, part.transfer) });
  });
  if (!ok || !amount) return undefined;
  const unit = unitOf(step.unit);
  const names = parts.map((x) => x.name);
  const label = step.name === undefined ? names.join('+') : ctx.text(site, step.name);
  const checkText = CHECK_TEXT.parts(stepLabel(step.label, site.vars, label), nameLabel(ctx.doc.root, ctx.globals, amountText));
  const deps = [...amount.deps, ...parts.flatMap((x) => x.w.deps)];
  const af = num(amount);
  // Per part, what its figure says whatever the numbers: made once when the rule file is read.
  const weightsText = parts.map((y) => y.wText).join(', ');
  const partTrace = parts.map((x, i) => ({
    pointer: `${p}/parts/${i}`,
    formula: `split(${amountText}, [${weightsText}])[${i + 1}]`,
    deps: [...amount.deps, ...x.w.deps],
    where: at(ctx.at(`${p}/parts/${i}`)),
  }));
  return {
    ...base(site, ctx, label, names, deps),
    run(rc) {
      const total = af(rc.env);
      const weights = parts.map((x) => num(x.w)(rc.env));
      const res = splitOrStop(total, weights, unit, 'weight', rc.trace);
      const totalWeight = rc.trace ? formatNumber(sumOf(weights)) : '';
      parts.forEach((x, i) => {
        const v = res.parts[i] as Exact;
        rc.env.slots[x.slot] = v;
        let fig: FigureParts | undefined;
        if (rc.trace) {
          const t = partTrace[i] as (typeof partTrace)[number];
          const exact = res.exact[i] as Exact;
          fig = {
            name: '', value: '', kind: 'number', source: 'split',
            pointer: t.pointer,
            formula: t.formula,
            inputs: Object.assign(rc.inputsOf(t.deps), { amount: formatMoney(total), weight: formatNumber(weights[i] as Exact), totalWeight }),
            ...(exact.eq(v) ? {} : { exact: formatNumber(exact) }),
            note: LARGEST_REMAINDER_NOTE,
            ...t.where,
          };
        }
        rc.emit(x.name, 'money', v, fig);
        if (x.tr) rc.transfer(x.tr.from, x.tr.to, v, x.name, p, x.tr.memo);
      });
      rc.check(`${label}: parts sum to the amount`, total, sumOf(res.parts), p, `Σ ${names.join(' + ')} = ${amountText}`, checkText);
    },
  };
}
