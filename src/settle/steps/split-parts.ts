/**
 * `split` into named parts: an amount shared by weights to the fen, largest remainder first.
 */
import type { Compiled } from '../../formula/compile.js';
import { CHECK_TEXT, nameLabel, stepLabel } from '../check-labels.js';
import { member, type JsonNode } from '../../json/read-json.js';
import { formatMoney, formatNumber } from '../../money/decimal-string.js';
import type { Exact } from '../../money/exact.js';
import type { PlanContext, StepSite } from '../model.js';
import type { FigureParts, Op } from '../plan.js';
import { LARGEST_REMAINDER_NOTE, num, moneyAmount, numericWeight, splitOrStop, sumOf, slotOf, base, transferSpec, at, unitOf } from './shared.js';

export function splitPartsOp(site: StepSite, ctx: PlanContext): Op | undefined {
  const p = site.pointer;
  const amountText = ctx.str(site, 'split') as string;
  const amount = ctx.formula(site, `${p}/split`, amountText);
  const partsNode = member(site.node, 'parts') as Extract<JsonNode, { type: 'array' }>;
  const parts: { name: string; w: Compiled; wText: string; slot: number; tr: ReturnType<typeof transferSpec> }[] = [];
  let ok = amount !== undefined && moneyAmount(amount, `${p}/split`, ctx);
  partsNode.items.forEach((pn, i) => {
    const partSite: StepSite = { node: pn as never, pointer: `${p}/parts/${i}`, vars: site.vars };
    const name = ctx.str(partSite, 'name') as string;
    const wText = ctx.str(partSite, 'weight') as string;
    const w = ctx.formula(partSite, `${p}/parts/${i}/weight`, wText);
    if (!w || !numericWeight(w, `${p}/parts/${i}/weight`, ctx)) {
      ok = false;
      return;
    }
    parts.push({ name, w, wText, slot: slotOf(ctx, name), tr: transferSpec(partSite) });
  });
  if (!ok || !amount) return undefined;
  const unit = unitOf(site);
  const names = parts.map((x) => x.name);
  const label = ctx.str(site, 'name') ?? names.join('+');
  const checkText = CHECK_TEXT.parts(stepLabel(site.node, site.vars, label), nameLabel(ctx.doc.root, ctx.globals, amountText));
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
