/**
 * `tiers`: an amount cut into bands, each band shared by its own ratio.
 */
import { CHECK_TEXT, nameLabel, stepLabel } from '../check-labels.js';
import { formatNumber } from '../../money/decimal-string.js';
import { Exact, ZERO } from '../../money/exact.js';
import type { PlanContext, StepSite } from '../model.js';
import type { FigureParts, Op } from '../plan.js';
import type { TiersStepJson } from '../rule-json.js';
import { amountOfKind, bandValues, cutMarginal, cutWhole, readBands } from './bands.js';
import { num, readRounding, exactness, inputsWith, sumOf, slotOf, base, transferSpec, at } from './shared.js';

export function tiersOp(site: StepSite, step: TiersStepJson & { readonly name: string }, ctx: PlanContext): Op | undefined {
  const p = site.pointer;
  const tp = `${p}/tiers`;
  const tiers = step.tiers;
  const name = ctx.text(site, step.name);
  const ofText = ctx.text(site, tiers.of);
  const of = ctx.formula(`${tp}/of`, ofText);
  const baseText = tiers.base === undefined ? undefined : ctx.text(site, tiers.base);
  const baseF = baseText === undefined ? undefined : ctx.formula(`${tp}/base`, baseText);
  const mode = tiers.mode;
  const inclusive = (tiers.upperBound ?? 'inclusive') === 'inclusive';
  const r = readRounding(tiers.round);
  const kind = step.kind ?? 'money';
  let ok = of !== undefined && amountOfKind(of, kind, `${tp}/of`, ctx) && (baseText === undefined || (baseF !== undefined && amountOfKind(baseF, kind, `${tp}/base`, ctx)));
  const read = readBands(site, ctx, tiers.bands, baseText, kind);
  ok &&= read.ok;
  const bands = read.bands;
  if (!ok || !of) return undefined;
  const outputs = [name, ...bands.flatMap((b) => [b.slice, b.amount].filter((x): x is string => x !== undefined))];
  const deps = [...of.deps, ...(baseF?.deps ?? []), ...bands.flatMap((b) => [...(b.upTo?.deps ?? []), ...b.rate.deps])];
  const slot = slotOf(ctx, name);
  const tr = transferSpec(site, step.transfer);
  const ofFn = num(of);
  const checkText = CHECK_TEXT.bands(stepLabel(step.label, site.vars, name), nameLabel(ctx.doc.root, ctx.globals, ofText));
  return {
    ...base(site, ctx, name, outputs, deps),
    run(rc) {
      // A negative amount falls in no band: both modes give 0 (the marginal slices are empty).
      const x = Exact.max(ofFn(rc.env), ZERO);
      const { uppers, rates } = bandValues(bands, baseF && num(baseF), rc.env);
      const inputs = rc.trace ? rc.inputsOf(deps) : {};
      const cut = mode === 'marginal' ? cutMarginal(x, uppers, rates, r) : cutWhole(x, uppers, rates, r, inclusive);
      const { slices, amounts, total, chosen } = cut;
      if (cut.decision) rc.decision({ pointer: tp, name, ...cut.decision });
      bands.forEach((band, i) => {
        const fig = (what: string, formula: string, value: Exact, exact: Exact | undefined): FigureParts | undefined =>
          rc.trace
            ? {
                name: '', value: '', kind: 'number', source: 'tiers',
                pointer: `${tp}/bands/${i}`,
                formula,
                inputs: inputsWith(inputs, uppers[i] ? { of: formatNumber(x), upTo: formatNumber(uppers[i] as Exact), rate: formatNumber(rates[i] as Exact) } : { of: formatNumber(x), rate: formatNumber(rates[i] as Exact) }),
                ...(exact ? exactness(kind, exact, value, what === 'amount' ? r : undefined) : {}),
                ...at(ctx.at(`${tp}/bands/${i}`)),
              }
            : undefined;
        const lowerText = i === 0 ? '0' : `${bands[i - 1]?.upText ?? ''}${baseText ? ` × ${baseText}` : ''}`;
        const upperText = band.upText ? `${band.upText}${baseText ? ` × ${baseText}` : ''}` : '∞';
        if (band.slice) {
          rc.env.slots[slotOf(ctx, band.slice)] = slices[i] as Exact;
          rc.emit(band.slice, kind, slices[i] as Exact, fig('slice', mode === 'marginal' ? `the part of ${ofText} between ${lowerText} and ${upperText}` : `${ofText} if it falls in (${lowerText}, ${upperText}]`, slices[i] as Exact, slices[i]));
        }
        if (band.amount) {
          rc.env.slots[slotOf(ctx, band.amount)] = amounts[i] as Exact;
          rc.emit(band.amount, kind, amounts[i] as Exact, fig('amount', `${mode === 'marginal' ? 'slice' : ofText} × ${band.rateText}`, amounts[i] as Exact, (slices[i] as Exact).times(rates[i] as Exact)));
        }
      });
      rc.env.slots[slot] = total;
      rc.emit(name, kind, total, rc.trace ? {
        name: '', value: '', kind: 'number', source: 'tiers',
        pointer: p,
        formula: mode === 'marginal' ? `Σ over bands of ${r ? `round(slice × rate, ${r.places}, ${r.mode})` : 'slice × rate'}` : `${r ? 'round(' : ''}${ofText} × rate of the band it falls in${r ? `, ${r.places}, ${r.mode})` : ''}`,
        inputs: inputsWith(inputs, Object.fromEntries(amounts.map((a, i) => [`band${i + 1}`, formatNumber(a)]))),
        ...(chosen >= 0 ? { note: `第 ${chosen + 1} 档（${inclusive ? '上限含本数' : '上限不含本数'}）/ band ${chosen + 1} (${inclusive ? 'upper bounds inclusive' : 'upper bounds exclusive'})` } : {}),
        ...at(this.at),
      } : undefined);
      if (tr && kind === 'money') rc.transfer(tr.from, tr.to, total, name, p, tr.memo);
      if (mode === 'marginal' && uppers[uppers.length - 1] === undefined) {
        rc.check(`${name}: band slices sum to the amount`, Exact.max(x, ZERO), sumOf(slices), p, `Σ slices = max(${ofText}, 0)`, checkText);
      }
    },
  };
}
