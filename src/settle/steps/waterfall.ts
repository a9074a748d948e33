/**
 * `waterfall`: an amount borne by payers in turn, each up to its cap, the rest named.
 */
import type { Compiled } from '../../formula/compile.js';
import { CHECK_TEXT, nameLabel, stepLabel } from '../check-labels.js';
import { formatMoney } from '../../money/decimal-string.js';
import { Exact, ZERO } from '../../money/exact.js';
import type { PlanContext, StepSite } from '../model.js';
import type { FigureParts, Op } from '../plan.js';
import type { WaterfallStepJson } from '../rule-json.js';
import { FEN, num, inputsWith, moneyAmount, splitOrStop, sumOf, slotOf, base, at } from './shared.js';

export function waterfallOp(site: StepSite, step: WaterfallStepJson, ctx: PlanContext): Op | undefined {
  const p = site.pointer;
  const amountText = ctx.text(site, step.waterfall);
  const amount = ctx.formula(`${p}/waterfall`, amountText);
  const order = step.order ?? 'sequential';
  const payers: { name: string; cap: Compiled | undefined; capText: string | undefined; from: string | undefined; slot: number }[] = [];
  let ok = amount !== undefined && moneyAmount(amount, `${p}/waterfall`, ctx);
  step.payers.forEach((payer, i) => {
    const name = ctx.text(site, payer.name);
    const capText = payer.cap === undefined ? undefined : ctx.text(site, payer.cap);
    const cap = capText === undefined ? undefined : ctx.formula(`${p}/payers/${i}/cap`, capText);
    if (capText !== undefined && (!cap || !moneyAmount(cap, `${p}/payers/${i}/cap`, ctx))) ok = false;
    if (capText === undefined && order === 'pro-rata') {
      ctx.issue('missing_property', `${p}/payers/${i}`, { property: 'cap' });
      ok = false;
    }
    payers.push({ name, cap, capText, from: payer.from === undefined ? undefined : ctx.text(site, payer.from), slot: slotOf(ctx, name) });
  });
  if (step.rest === undefined && step.payers.every((payer) => payer.cap !== undefined)) {
    // Every payer capped and nothing named for what is left: an amount above the caps would be
    // borne by no one. Said here, at the waterfall, not later by a check that fails.
    ctx.issue('missing_property', p, { property: 'rest' });
    ok = false;
  }
  if (!ok || !amount) return undefined;
  const restName = step.rest === undefined ? undefined : ctx.text(site, step.rest);
  const restSlot = restName === undefined ? undefined : slotOf(ctx, restName);
  const to = step.to === undefined ? undefined : ctx.text(site, step.to);
  const names = [...payers.map((x) => x.name), ...(restName ? [restName] : [])];
  const label = step.name === undefined ? names.join('+') : ctx.text(site, step.name);
  const checkText = CHECK_TEXT.payers(stepLabel(step.label, site.vars, label), nameLabel(ctx.doc.root, ctx.globals, amountText));
  const deps = [...amount.deps, ...payers.flatMap((x) => x.cap?.deps ?? [])];
  const af = num(amount);
  return {
    ...base(site, ctx, label, names, deps),
    run(rc) {
      const total = af(rc.env);
      const caps = payers.map((x) => (x.cap ? Exact.max(num(x.cap)(rc.env), ZERO) : undefined));
      const used: Exact[] = [];
      let remaining = Exact.max(total, ZERO);
      if (order === 'pro-rata') {
        const capSum = sumOf(caps as Exact[]);
        if (remaining.gte(capSum)) used.push(...(caps as Exact[]));
        else used.push(...splitOrStop(remaining, caps as Exact[], FEN, 'cap', false).parts);
        remaining = remaining.minus(sumOf(used));
      } else {
        for (const cap of caps) {
          const u = cap === undefined ? remaining : Exact.min(remaining, cap);
          used.push(u);
          remaining = remaining.minus(u);
        }
      }
      const rest = total.lt(0) ? total : remaining;
      const inputs = rc.trace ? rc.inputsOf(deps) : {};
      payers.forEach((x, i) => {
        const v = (used[i] as Exact).isZero() ? ZERO : (used[i] as Exact);
        rc.env.slots[x.slot] = v;
        const fig: FigureParts | undefined = rc.trace
          ? {
              name: '', value: '', kind: 'number', source: 'waterfall',
              pointer: `${p}/payers/${i}`,
              formula:
                order === 'pro-rata'
                  ? `${amountText} shared in proportion to the caps, at most ${x.capText}`
                  : `min(${amountText} − ${payers.slice(0, i).map((y) => y.name).join(' − ') || '0'}, ${x.capText ?? 'no cap'})`,
              inputs: inputsWith(inputs, { amount: formatMoney(total) }),
              ...at(ctx.at(`${p}/payers/${i}`)),
            }
          : undefined;
        rc.emit(x.name, 'money', v, fig);
        if (x.from && to) rc.transfer(x.from, to, v, x.name, p);
      });
      if (restName !== undefined && restSlot !== undefined) {
        rc.env.slots[restSlot] = rest;
        rc.emit(restName, 'money', rest, rc.trace ? {
          name: '', value: '', kind: 'number', source: 'waterfall',
          pointer: p,
          formula: `${amountText} − ${payers.map((y) => y.name).join(' − ')}`,
          inputs: inputsWith(inputs, { amount: formatMoney(total) }),
          ...at(this.at),
        } : undefined);
      }
      rc.check(`${label}: payers and rest sum to the amount`, total, sumOf(used).plus(restName !== undefined ? rest : total.minus(sumOf(used))), p, `Σ ${names.join(' + ')} = ${amountText}`, checkText);
    },
  };
}
