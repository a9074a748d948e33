/**
 * The bands of a tiers step: read and checked when the rule is read (bounds that rise, rates not
 * written as bare numbers above 1), and an amount cut into them — marginal slices or the whole
 * amount at its band's rate. Pure cuts, shared by tiers over one amount and over a table's rows.
 */
import type { ConditionJson } from '../../conditions/conditions.js';
import { EvalStop, type Compiled, type Env } from '../../formula/compile.js';
import { describeTy, type TableTy } from '../../formula/types.js';
import { formatNumber, parseDecimalText } from '../../money/decimal-string.js';
import { Exact, ZERO } from '../../money/exact.js';
import type { PlanContext, StepSite } from '../model.js';
import { rateRangeParams } from '../rates.js';
import type { BandJson } from '../rule-json.js';
import { applyRounding, type Rounding } from './shared.js';

export interface Band {
  readonly upTo: Compiled | undefined;
  readonly upText: string | undefined;
  readonly rate: Compiled;
  readonly rateText: string;
  readonly slice: string | undefined;
  readonly amount: string | undefined;
}

/** The bands compiled: bounds and rates of the right kinds, every band but the last bounded. */
export function readBands(site: StepSite, ctx: PlanContext, written: readonly BandJson[], baseText: string | undefined, amountKind: 'money' | 'number' = 'money', rows: readonly TableTy[] = []): { bands: Band[]; ok: boolean } {
  const tp = `${site.pointer}/tiers`;
  let ok = true;
  const bands: Band[] = [];
  const text = (v: string | undefined): string | undefined => (v === undefined ? undefined : ctx.text(site, v));
  written.forEach((band, i) => {
    const upText = text(band.upTo);
    const upTo = upText === undefined ? undefined : ctx.formula(`${tp}/bands/${i}/upTo`, upText, rows);
    const rateText = ctx.text(site, band.rate);
    const rate = ctx.formula(`${tp}/bands/${i}/rate`, rateText, rows);
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
    const wantBound = baseText === undefined ? amountKind : 'number';
    if (upTo && !(upTo.ty.k === 'const' || upTo.ty.k === wantBound)) {
      ctx.issue('kind_mismatch', `${tp}/bands/${i}/upTo`, { detail: baseText !== undefined ? 'with "base", upTo is a rate of the base' : amountKind === 'money' ? 'without "base", upTo is an amount of money' : 'without "base", upTo is a number, as the amount tiered is' });
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
export function checkRising(uppers: readonly (Exact | undefined)[]): void {
  let last: Exact | undefined;
  uppers.forEach((u, i) => {
    if (u === undefined) return;
    if (last !== undefined && !u.gt(last)) throw new EvalStop({ code: 'tier_bounds_order', params: { band: i + 1, bound: formatNumber(u), previous: formatNumber(last) } });
    last = u;
  });
}

export interface Cut {
  readonly slices: Exact[];
  readonly amounts: Exact[];
  readonly total: Exact;
  /** The band a whole amount fell in (-1 in marginal mode). */
  readonly chosen: number;
  /** For whole amounts: the band conditions in json-rules-engine form, to be re-checked. */
  readonly decision?: { conditions: ConditionJson[]; facts: Record<string, string>; chosen: number };
}

/** Marginal bands: each band's slice of the amount at its own rate. */
export function cutMarginal(x: Exact, uppers: readonly (Exact | undefined)[], rates: readonly Exact[], r: Rounding | undefined): Cut {
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
export function cutWhole(x: Exact, uppers: readonly (Exact | undefined)[], rates: readonly Exact[], r: Rounding | undefined, inclusive: boolean): Cut {
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

/** Whether the amount tiered (or its base) is of the step's kind: money, or a plain number. */
export function amountOfKind(c: Compiled, kind: 'money' | 'number', pointer: string, ctx: PlanContext): boolean {
  if (c.ty.k === kind || c.ty.k === 'const') return true;
  ctx.issue('kind_mismatch', pointer, { detail: kind === 'money' ? `the amount must be money, got ${describeTy(c.ty)} (for points or counts, give the step "kind": "number")` : `the amount must be a plain number, as the step's "kind" says, got ${describeTy(c.ty)}` });
  return false;
}

/** The bounds (as written, then times the base) and rates of the bands, where `env` stands. */
export function bandValues(bands: readonly Band[], baseFn: ((env: Env) => Exact) | undefined, env: Env): { uppers: (Exact | undefined)[]; rates: Exact[] } {
  const b = baseFn?.(env);
  // The bounds as written (a share of the base, or an amount) must rise; a base of 0 may then make them equal.
  const written = bands.map((band) => (band.upTo ? (band.upTo.fn(env) as Exact) : undefined));
  checkRising(written);
  return { uppers: written.map((u) => (u && b ? u.times(b) : u)), rates: bands.map((band) => band.rate.fn(env) as Exact) };
}
