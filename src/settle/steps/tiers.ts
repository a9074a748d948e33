/**
 * `tiers`: an amount cut into bands, each band shared by its own ratio.
 */
import type { ConditionJson } from '../../conditions/conditions.js';
import { EvalStop, type Compiled } from '../../formula/compile.js';
import { CHECK_TEXT, nameLabel, stepLabel } from '../check-labels.js';
import { formatNumber, parseDecimalText } from '../../money/decimal-string.js';
import { rateRangeParams } from '../rates.js';
import { Exact, ZERO } from '../../money/exact.js';
import type { PlanContext, StepSite } from '../model.js';
import type { FigureParts, Op } from '../plan.js';
import type { BandJson, TiersStepJson } from '../rule-json.js';
import { num, readRounding, applyRounding, type Rounding, exactness, inputsWith, moneyAmount, sumOf, slotOf, base, transferSpec, at } from './shared.js';

interface Band {
  readonly upTo: Compiled | undefined;
  readonly upText: string | undefined;
  readonly rate: Compiled;
  readonly rateText: string;
  readonly slice: string | undefined;
  readonly amount: string | undefined;
}

/** The bands compiled: bounds and rates of the right kinds, every band but the last bounded. */
function readBands(site: StepSite, ctx: PlanContext, written: readonly BandJson[], baseText: string | undefined): { bands: Band[]; ok: boolean } {
  const tp = `${site.pointer}/tiers`;
  let ok = true;
  const bands: Band[] = [];
  const text = (v: string | undefined): string | undefined => (v === undefined ? undefined : ctx.text(site, v));
  written.forEach((band, i) => {
    const upText = text(band.upTo);
    const upTo = upText === undefined ? undefined : ctx.formula(`${tp}/bands/${i}/upTo`, upText);
    const rateText = ctx.text(site, band.rate);
    const rate = ctx.formula(`${tp}/bands/${i}/rate`, rateText);
    if (upText === undefined && i < written.length - 1) {
      ctx.issue('missing_property', `${tp}/bands/${i}`, { property: 'upTo' });
      ok = false;
    }
    if (upText !== undefined && i === written.length - 1) {
      // An amount above the last bound would fall in no band and vanish silently.
      ctx.issue('unknown_property', `${tp}/bands/${i}/upTo`, { property: 'upTo', expected: 'the last band takes everything above the previous bound: leave out its upTo (use rate 0 for "nothing beyond")' });
      ok = false;
    }
    if (!rate || (upText !== undefined && !upTo)) {
      ok = false;
      return;
    }
    const wantBound = baseText === undefined ? 'money' : 'number';
    if (upTo && !(upTo.ty.k === 'const' || upTo.ty.k === wantBound)) {
      ctx.issue('kind_mismatch', `${tp}/bands/${i}/upTo`, { detail: baseText === undefined ? 'without "base", upTo is an amount of money' : 'with "base", upTo is a rate of the base' });
      ok = false;
    }
    if (rate.ty.k === 'money') {
      ctx.issue('kind_mismatch', `${tp}/bands/${i}/rate`, { detail: 'a band rate is a number such as 60%' });
      ok = false;
    }
    // A band's rate, or a bound that is a share of the base, written as a bare number above 1:
    // "60" meant 60%, and would move sixty times the money.
    if (!plainRate(rateText, ctx, `${tp}/bands/${i}/rate`) || (baseText !== undefined && upText !== undefined && !plainRate(upText, ctx, `${tp}/bands/${i}/upTo`))) ok = false;
    const previous = bands[bands.length - 1]?.upText;
    if (upText !== undefined && previous !== undefined && !boundsRise(previous, upText, i, `${tp}/bands/${i}/upTo`, ctx)) ok = false;
    bands.push({ upTo, upText, rate, rateText, slice: text(band.slice), amount: text(band.amount) });
  });
  return { bands, ok };
}

/** A literal written in a formula: its value and whether it has a % sign; undefined for anything else. */
function literal(text: string): { value: Exact; percent: boolean } | undefined {
  const parsed = parseDecimalText(text.trim(), { percent: true });
  return parsed.ok ? { value: parsed.value, percent: parsed.percent } : undefined;
}

/** False (and rate_out_of_range) when a rate is written as a bare number above 1: "2" is 200%, "2%" two percent. */
function plainRate(text: string, ctx: PlanContext, pointer: string): boolean {
  const lit = literal(text);
  if (!lit || lit.percent || lit.value.lte(1)) return true;
  ctx.issue('rate_out_of_range', pointer, rateRangeParams({ kind: 'rate', min: undefined, max: undefined }, text.trim()));
  return false;
}

/** False (and tier_bounds_order) when two bounds written as numbers do not rise. */
function boundsRise(previous: string, bound: string, i: number, pointer: string, ctx: PlanContext): boolean {
  const a = literal(previous);
  const b = literal(bound);
  if (!a || !b || b.value.gt(a.value)) return true;
  ctx.issue('tier_bounds_order', pointer, { band: i + 1, bound: bound.trim(), previous: previous.trim() });
  return false;
}

/** Stops the settlement when bounds worked out from parameters do not rise. */
function checkRising(uppers: readonly (Exact | undefined)[]): void {
  let last: Exact | undefined;
  uppers.forEach((u, i) => {
    if (u === undefined) return;
    if (last !== undefined && !u.gt(last)) throw new EvalStop({ code: 'tier_bounds_order', params: { band: i + 1, bound: formatNumber(u), previous: formatNumber(last) } });
    last = u;
  });
}

export function tiersOp(site: StepSite, step: TiersStepJson, ctx: PlanContext): Op | undefined {
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
  let ok = of !== undefined && moneyAmount(of, `${tp}/of`, ctx) && (baseText === undefined || (baseF !== undefined && moneyAmount(baseF, `${tp}/base`, ctx)));
  const read = readBands(site, ctx, tiers.bands, baseText);
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
      const b = baseF ? num(baseF)(rc.env) : undefined;
      // The bounds as written (a share of the base, or money) must rise; a base of 0 may then make them equal.
      const written = bands.map((band) => (band.upTo ? num(band.upTo)(rc.env) : undefined));
      checkRising(written);
      const uppers = written.map((u) => (u && b ? u.times(b) : u));
      const rates = bands.map((band) => num(band.rate)(rc.env));
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
                ...(exact ? exactness('money', exact, value, what === 'amount' ? r : undefined) : {}),
                ...at(ctx.at(`${tp}/bands/${i}`)),
              }
            : undefined;
        const lowerText = i === 0 ? '0' : `${bands[i - 1]?.upText ?? ''}${baseText ? ` × ${baseText}` : ''}`;
        const upperText = band.upText ? `${band.upText}${baseText ? ` × ${baseText}` : ''}` : '∞';
        if (band.slice) {
          rc.env.slots[slotOf(ctx, band.slice)] = slices[i] as Exact;
          rc.emit(band.slice, 'money', slices[i] as Exact, fig('slice', mode === 'marginal' ? `the part of ${ofText} between ${lowerText} and ${upperText}` : `${ofText} if it falls in (${lowerText}, ${upperText}]`, slices[i] as Exact, slices[i]));
        }
        if (band.amount) {
          rc.env.slots[slotOf(ctx, band.amount)] = amounts[i] as Exact;
          rc.emit(band.amount, 'money', amounts[i] as Exact, fig('amount', `${mode === 'marginal' ? 'slice' : ofText} × ${band.rateText}`, amounts[i] as Exact, (slices[i] as Exact).times(rates[i] as Exact)));
        }
      });
      rc.env.slots[slot] = total;
      rc.emit(name, 'money', total, rc.trace ? {
        name: '', value: '', kind: 'number', source: 'tiers',
        pointer: p,
        formula: mode === 'marginal' ? `Σ over bands of ${r ? `round(slice × rate, ${r.places}, ${r.mode})` : 'slice × rate'}` : `${r ? 'round(' : ''}${ofText} × rate of the band it falls in${r ? `, ${r.places}, ${r.mode})` : ''}`,
        inputs: inputsWith(inputs, Object.fromEntries(amounts.map((a, i) => [`band${i + 1}`, formatNumber(a)]))),
        ...(chosen >= 0 ? { note: `第 ${chosen + 1} 档（${inclusive ? '上限含本数' : '上限不含本数'}）/ band ${chosen + 1} (${inclusive ? 'upper bounds inclusive' : 'upper bounds exclusive'})` } : {}),
        ...at(this.at),
      } : undefined);
      if (tr) rc.transfer(tr.from, tr.to, total, name, p, tr.memo);
      if (mode === 'marginal' && uppers[uppers.length - 1] === undefined) {
        rc.check(`${name}: band slices sum to the amount`, Exact.max(x, ZERO), sumOf(slices), p, `Σ slices = max(${ofText}, 0)`, checkText);
      }
    },
  };
}

interface Cut {
  readonly slices: Exact[];
  readonly amounts: Exact[];
  readonly total: Exact;
  /** The band a whole amount fell in (-1 in marginal mode). */
  readonly chosen: number;
  /** For whole amounts: the band conditions in json-rules-engine form, to be re-checked. */
  readonly decision?: { conditions: ConditionJson[]; facts: Record<string, string>; chosen: number };
}

/** Marginal bands: each band's slice of the amount at its own rate. */
function cutMarginal(x: Exact, uppers: readonly (Exact | undefined)[], rates: readonly Exact[], r: Rounding | undefined): Cut {
  const slices: Exact[] = [];
  const amounts: Exact[] = [];
  let total = ZERO;
  let lower = ZERO;
  uppers.forEach((upper, i) => {
    const above = Exact.max(x.minus(lower), ZERO);
    const s = upper === undefined ? above : Exact.min(above, Exact.max(upper.minus(lower), ZERO));
    slices.push(s);
    const a = applyRounding(s.times(rates[i] as Exact), r);
    amounts.push(a);
    total = total.plus(a);
    if (upper !== undefined) lower = Exact.max(lower, upper);
  });
  return { slices, amounts, total, chosen: -1 };
}

/**
 * Whole-amount bands: the band is decided by conditions in json-rules-engine form, recorded so
 * they can be re-checked, then the whole amount takes that band's rate.
 */
function cutWhole(x: Exact, uppers: readonly (Exact | undefined)[], rates: readonly Exact[], r: Rounding | undefined, inclusive: boolean): Cut {
  const conditions: ConditionJson[] = [];
  const facts: Record<string, string> = { of: x.toFixed() };
  uppers.forEach((u, i) => {
    if (u !== undefined) facts[`upTo${i + 1}`] = u.toFixed();
  });
  uppers.forEach((_, i) => {
    const parts: ConditionJson[] = [];
    if (i > 0) parts.push({ fact: 'of', operator: inclusive ? 'gt' : 'gte', value: { fact: `upTo${i}` } });
    if (uppers[i] !== undefined) parts.push({ fact: 'of', operator: inclusive ? 'lte' : 'lt', value: { fact: `upTo${i + 1}` } });
    conditions.push({ all: parts.length > 0 ? parts : [{ fact: 'of', operator: 'gte', value: { fact: 'of' } }] });
  });
  let chosen = -1;
  for (let i = 0; i < uppers.length && chosen < 0; i++) {
    const lowOk = i === 0 || (inclusive ? x.gt(uppers[i - 1] as Exact) : x.gte(uppers[i - 1] as Exact));
    const upper = uppers[i];
    const highOk = upper === undefined || (inclusive ? x.lte(upper) : x.lt(upper));
    if (lowOk && highOk) chosen = i;
  }
  const slices: Exact[] = [];
  const amounts: Exact[] = [];
  let total = ZERO;
  uppers.forEach((_, i) => {
    slices.push(i === chosen ? x : ZERO);
    const a = i === chosen ? applyRounding(x.times(rates[i] as Exact), r) : ZERO;
    amounts.push(a);
    total = total.plus(a);
  });
  return { slices, amounts, total, chosen, decision: { conditions, facts, chosen } };
}
