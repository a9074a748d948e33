/**
 * Reference implementation of every preset's named outputs (shared/PRESETS.md), written
 * directly as TypeScript over exact BigInt rationals. It shares no code with the engine (no
 * `src/` import, no decimal.js, no rule language): it exists to judge the engine's figures.
 *
 * Every function takes the parsed input document (`unknown`) and optional parameter overrides
 * and returns the named outputs exactly as `yibao-settle run … --json` prints them in `values`:
 * money with exactly two decimals (HALF_UP), other numbers as exact decimal text.
 * Invalid input throws `InputError`; an impossible split throws `SplitError`.
 */
import {
  type Rat,
  ZERO,
  ONE,
  add,
  sub,
  mul,
  div,
  neg,
  sum,
  min,
  max,
  gt,
  le,
  ge,
  isZero,
  fromInt,
  r2,
  toRat,
  toFen,
  splitMoney,
  fmtMoney,
  fmtExact,
  toFixed,
} from './rational.js';
import { zhejiangDrg } from './zhejiang-drg.js';

/** Decimal text ("0.02", "2%") or a JSON number, as in a rule file's parameters. */
export type DecimalLike = string | number;

/** Input that does not match the document shape of PRESETS.md. */
export class InputError extends Error {
  override readonly name: string = 'ReferenceInputError';
}

// ---------------------------------------------------------------------------------------------
// Reading the input document

type Obj = Record<string, unknown>;

function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new InputError(`${path}: expected an object`);
  return v as Obj;
}

function get(o: Obj, key: string, path: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(o, key) || o[key] === undefined) {
    throw new InputError(`${path}.${key}: missing`);
  }
  return o[key];
}

const has = (o: Obj, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key) && o[key] !== undefined;

function decimalValue(v: unknown, path: string): Rat {
  try {
    return toRat(v);
  } catch (e) {
    throw new InputError(`${path}: ${(e as Error).message}`);
  }
}

const decimal = (o: Obj, key: string, path: string): Rat => decimalValue(get(o, key, path), `${path}.${key}`);

/** Money: a decimal with at most two decimals (PRESETS.md conventions). */
function moneyValue(v: unknown, path: string): Rat {
  const r = decimalValue(v, path);
  try {
    toFen(r);
  } catch {
    throw new InputError(`${path}: money with more than two decimals`);
  }
  return r;
}
const money = (o: Obj, key: string, path: string): Rat => moneyValue(get(o, key, path), `${path}.${key}`);

/** A count: a whole number ≥ 0. */
function count(o: Obj, key: string, path: string): Rat {
  const r = decimal(o, key, path);
  if (r.d !== 1n || r.n < 0n) throw new InputError(`${path}.${key}: expected a whole number ≥ 0`);
  return r;
}

function list(o: Obj, key: string, path: string): unknown[] {
  const v = get(o, key, path);
  if (!Array.isArray(v)) throw new InputError(`${path}.${key}: expected a list`);
  return v;
}

function id(o: Obj, key: string, path: string): string {
  const v = get(o, key, path);
  if (typeof v !== 'string' || v === '') throw new InputError(`${path}.${key}: expected a non-empty string`);
  return v;
}

function bool(o: Obj, key: string, path: string, dflt: boolean): boolean {
  if (!has(o, key)) return dflt;
  const v = o[key];
  if (typeof v !== 'boolean') throw new InputError(`${path}.${key}: expected true or false`);
  return v;
}

function weightValue(o: Obj, key: string, path: string): Rat {
  const w = decimal(o, key, path);
  if (w.n < 0n) throw new InputError(`${path}.${key}: weight must be ≥ 0`);
  return w;
}

const param = (v: DecimalLike, name: string): Rat => decimalValue(v, `parameter ${name}`);

// ---------------------------------------------------------------------------------------------
// Collecting outputs

class Out {
  readonly values: Record<string, string> = {};
  put(name: string, text: string): void {
    if (Object.prototype.hasOwnProperty.call(this.values, name)) throw new InputError(`duplicate output name ${name}`);
    this.values[name] = text;
  }
  money(name: string, r: Rat): void {
    this.put(name, fmtMoney(r));
  }
  exact(name: string, r: Rat): void {
    this.put(name, fmtExact(r));
  }
}

const pos = (x: Rat): Rat => max(x, ZERO);

function uniqueIds(ids: readonly string[], path: string): void {
  const seen = new Set<string>();
  for (const i of ids) {
    if (seen.has(i)) throw new InputError(`${path}: duplicate id ${JSON.stringify(i)}`);
    seen.add(i);
  }
}

// ---------------------------------------------------------------------------------------------
// yangxi

export interface YangxiParams {
  /** On `net`. Default 2%. */
  adjustmentRate: DecimalLike;
  /** On `net`. Default 8%. */
  riskRate: DecimalLike;
  /** Surplus split county : town, default 6 : 4. */
  surplusSplit: { county: DecimalLike; town: DecimalLike };
  /** Shortfall split finance : hospital, default 1 : 1. */
  shortfallSplit: { finance: DecimalLike; hospital: DecimalLike };
}
export const YANGXI_DEFAULTS: YangxiParams = {
  adjustmentRate: '0.02',
  riskRate: '0.08',
  surplusSplit: { county: 6, town: 4 },
  shortfallSplit: { finance: 1, hospital: 1 },
};

export function yangxi(input: unknown, params: Partial<YangxiParams> = {}): Record<string, string> {
  const p = { ...YANGXI_DEFAULTS, ...params };
  const doc = obj(input, '$');
  const insured = count(doc, 'insured', '$');
  const perCapita = money(doc, 'perCapita', '$');
  const policyExpenses = money(doc, 'policyExpenses', '$');
  const outOfCounty = money(doc, 'outOfCountySpending', '$');
  const members = list(doc, 'members', '$').map((m, i) => {
    const path = `$.members[${i}]`;
    const o = obj(m, path);
    const level = get(o, 'level', path);
    if (level !== 'county' && level !== 'town') throw new InputError(`${path}.level: expected "county" or "town"`);
    return { id: id(o, 'id', path), level, spending: money(o, 'spending', path), weight: weightValue(o, 'weight', path) };
  });
  uniqueIds(members.map((m) => m.id), '$.members');

  const out = new Out();
  const gross = r2(mul(insured, perCapita));
  const net = sub(gross, policyExpenses);
  const adjustmentFund = r2(mul(net, param(p.adjustmentRate, 'adjustmentRate')));
  const riskFund = r2(mul(net, param(p.riskRate, 'riskRate')));
  const pkg = sub(sub(net, adjustmentFund), riskFund);
  const spending = add(sum(members.map((m) => m.spending)), outOfCounty);
  const balance = sub(pkg, spending);
  const surplus = pos(balance);
  const overspend = pos(neg(balance));
  const [countyPool, townPool] = splitMoney(surplus, [
    param(p.surplusSplit.county, 'surplusSplit.county'),
    param(p.surplusSplit.town, 'surplusSplit.town'),
  ]) as [Rat, Rat];
  const riskFundUsed = min(overspend, riskFund);
  const adjustmentFundUsed = min(sub(overspend, riskFundUsed), adjustmentFund);
  const shortfall = sub(sub(overspend, riskFundUsed), adjustmentFundUsed);
  const [financeShare, hospitalShare] = splitMoney(shortfall, [
    param(p.shortfallSplit.finance, 'shortfallSplit.finance'),
    param(p.shortfallSplit.hospital, 'shortfallSplit.hospital'),
  ]) as [Rat, Rat];
  const reservesReturned = sub(sub(add(riskFund, adjustmentFund), riskFundUsed), adjustmentFundUsed);

  out.money('gross', gross);
  out.money('net', net);
  out.money('adjustmentFund', adjustmentFund);
  out.money('riskFund', riskFund);
  out.money('package', pkg);
  out.money('spending', spending);
  out.money('balance', balance);
  out.money('surplus', surplus);
  out.money('overspend', overspend);
  out.money('countyPool', countyPool);
  out.money('townPool', townPool);
  for (const [level, pool] of [['county', countyPool], ['town', townPool]] as const) {
    const ms = members.filter((m) => m.level === level);
    const parts = splitMoney(pool, ms.map((m) => m.weight));
    ms.forEach((m, i) => out.money(`share.${m.id}`, parts[i] as Rat));
  }
  out.money('riskFundUsed', riskFundUsed);
  out.money('adjustmentFundUsed', adjustmentFundUsed);
  out.money('shortfall', shortfall);
  out.money('financeShare', financeShare);
  out.money('hospitalShare', hospitalShare);
  out.money('reservesReturned', reservesReturned);
  return out.values;
}

// ---------------------------------------------------------------------------------------------
// sanming, kunming, gaoping — package kept whole, overspend borne by the community

/** These three presets have no parameters. */
export type WholePackageParams = Record<string, never>;

function wholePackage(input: unknown): Record<string, string> {
  const doc = obj(input, '$');
  const insured = count(doc, 'insured', '$');
  const perCapita = money(doc, 'perCapita', '$');
  const policyExpenses = money(doc, 'policyExpenses', '$');
  const outOfCounty = money(doc, 'outOfCountySpending', '$');
  const members = list(doc, 'members', '$').map((m, i) => {
    const path = `$.members[${i}]`;
    const o = obj(m, path);
    return { id: id(o, 'id', path), spending: money(o, 'spending', path) };
  });
  uniqueIds(members.map((m) => m.id), '$.members');
  const gross = r2(mul(insured, perCapita));
  const pkg = sub(gross, policyExpenses);
  const spending = add(sum(members.map((m) => m.spending)), outOfCounty);
  const balance = sub(pkg, spending);
  const surplus = pos(balance);
  const overspend = pos(neg(balance));
  const out = new Out();
  out.money('gross', gross);
  out.money('package', pkg);
  out.money('spending', spending);
  out.money('balance', balance);
  out.money('surplus', surplus);
  out.money('overspend', overspend);
  out.money('retained', surplus);
  out.money('hospitalBears', overspend);
  return out.values;
}

export const sanming = (input: unknown, _params: Partial<WholePackageParams> = {}): Record<string, string> =>
  wholePackage(input);
export const kunming = (input: unknown, _params: Partial<WholePackageParams> = {}): Record<string, string> =>
  wholePackage(input);
export const gaoping = (input: unknown, _params: Partial<WholePackageParams> = {}): Record<string, string> =>
  wholePackage(input);

// ---------------------------------------------------------------------------------------------
// ningbo

export interface NingboParams {
  growth: { employee: DecimalLike; resident: DecimalLike };
  /** Months of budget advanced as working capital, default 2. */
  workingCapitalMonths: DecimalLike;
  /** Overspend split fund : community, default 50% : 50%. */
  overspendSplit: { fund: DecimalLike; community: DecimalLike };
}
export const NINGBO_DEFAULTS: NingboParams = {
  growth: { employee: '0.10', resident: '0.05' },
  workingCapitalMonths: 2,
  overspendSplit: { fund: '0.5', community: '0.5' },
};
export const FUNDS = ['employee', 'resident'] as const;

export function ningbo(input: unknown, params: Partial<NingboParams> = {}): Record<string, string> {
  const p = { ...NINGBO_DEFAULTS, ...params };
  const doc = obj(input, '$');
  const last = obj(get(doc, 'lastYearBudget', '$'), '$.lastYearBudget');
  const actual = obj(get(doc, 'actualSpending', '$'), '$.actualSpending');
  const out = new Out();
  const budgets: Rat[] = [];
  const fundShares: Rat[] = [];
  const twelve = fromInt(12);
  for (const f of FUNDS) {
    const budget = r2(mul(money(last, f, '$.lastYearBudget'), add(ONE, param(p.growth[f], `growth.${f}`))));
    const monthly = r2(div(budget, twelve));
    const december = sub(budget, mul(fromInt(11), monthly));
    const spent = money(actual, f, '$.actualSpending');
    const surplus = pos(sub(budget, spent));
    const overspend = pos(sub(spent, budget));
    const [fundShare, communityShare] = splitMoney(overspend, [
      param(p.overspendSplit.fund, 'overspendSplit.fund'),
      param(p.overspendSplit.community, 'overspendSplit.community'),
    ]) as [Rat, Rat];
    budgets.push(budget);
    fundShares.push(fundShare);
    out.money(`budget.${f}`, budget);
    out.money(`monthly.${f}`, monthly);
    out.money(`december.${f}`, december);
    out.money(`surplus.${f}`, surplus);
    out.money(`retained.${f}`, surplus);
    out.money(`overspend.${f}`, overspend);
    out.money(`fundShare.${f}`, fundShare);
    out.money(`communityShare.${f}`, communityShare);
  }
  const workingCapital = r2(div(mul(sum(budgets), param(p.workingCapitalMonths, 'workingCapitalMonths')), twelve));
  out.money('workingCapital', workingCapital);
  out.money('yearEndPayment', sub(sum(fundShares), workingCapital));
  return out.values;
}

// ---------------------------------------------------------------------------------------------
// suixi

export interface SuixiParams {
  /** Scores below the floor retain nothing (community) / get no share (member). Default 60. */
  scoreFloor: DecimalLike;
}
export const SUIXI_DEFAULTS: SuixiParams = { scoreFloor: 60 };

export function suixi(input: unknown, params: Partial<SuixiParams> = {}): Record<string, string> {
  const p = { ...SUIXI_DEFAULTS, ...params };
  const floorScore = param(p.scoreFloor, 'scoreFloor');
  const doc = obj(input, '$');
  const pkg = money(doc, 'package', '$');
  const outOfCounty = money(doc, 'outOfCountySpending', '$');
  const score = decimal(doc, 'score', '$');
  const members = list(doc, 'members', '$').map((m, i) => {
    const path = `$.members[${i}]`;
    const o = obj(m, path);
    return {
      id: id(o, 'id', path),
      spending: money(o, 'spending', path),
      weight: weightValue(o, 'weight', path),
      score: decimal(o, 'score', path),
    };
  });
  uniqueIds(members.map((m) => m.id), '$.members');
  const spending = add(sum(members.map((m) => m.spending)), outOfCounty);
  const balance = sub(pkg, spending);
  const surplus = pos(balance);
  const overspend = pos(neg(balance));
  const retained = ge(score, floorScore) ? r2(div(mul(surplus, score), fromInt(100))) : ZERO;
  const returnedToFund = sub(surplus, retained);
  const out = new Out();
  out.money('spending', spending);
  out.money('balance', balance);
  out.money('surplus', surplus);
  out.money('overspend', overspend);
  out.money('communityBears', overspend);
  out.money('retained', retained);
  out.money('returnedToFund', returnedToFund);
  const parts = splitMoney(
    retained,
    members.map((m) => (ge(m.score, floorScore) ? mul(m.weight, m.score) : ZERO)),
  );
  members.forEach((m, i) => out.money(`share.${m.id}`, parts[i] as Rat));
  return out.values;
}

// ---------------------------------------------------------------------------------------------
// shenzhen

export interface ShenzhenParams {
  /** Upper bound (inclusive) of tier 1 as a rate of the standard, default 5%. */
  tier1Limit: DecimalLike;
  /** Upper bound (inclusive) of tier 2, default 10%. */
  tier2Limit: DecimalLike;
  /** Fund compensation rate in tiers 1, 2, 3: 60%, 50%, 0%. */
  tier1Rate: DecimalLike;
  tier2Rate: DecimalLike;
  tier3Rate: DecimalLike;
  /** Monthly holdback, default 3% (97% paid). */
  holdbackRate: DecimalLike;
}
export const SHENZHEN_DEFAULTS: ShenzhenParams = {
  tier1Limit: '5%',
  tier2Limit: '10%',
  tier1Rate: '60%',
  tier2Rate: '50%',
  tier3Rate: '0%',
  holdbackRate: '3%',
};

export function shenzhen(input: unknown, params: Partial<ShenzhenParams> = {}): Record<string, string> {
  const p = { ...SHENZHEN_DEFAULTS, ...params };
  const doc = obj(input, '$');
  const standard = money(doc, 'standard', '$');
  const actual = money(doc, 'actual', '$');
  const approved = list(doc, 'monthlyApproved', '$').map((v, i) => moneyValue(v, `$.monthlyApproved[${i}]`));
  const edge1 = mul(param(p.tier1Limit, 'tier1Limit'), standard);
  const edge2 = mul(param(p.tier2Limit, 'tier2Limit'), standard);
  const overspend = pos(sub(actual, standard));
  const band1 = min(overspend, edge1);
  const band2 = min(pos(sub(overspend, edge1)), sub(edge2, edge1));
  const band3 = pos(sub(overspend, edge2));
  const fundCompensation = sum([
    r2(mul(band1, param(p.tier1Rate, 'tier1Rate'))),
    r2(mul(band2, param(p.tier2Rate, 'tier2Rate'))),
    r2(mul(band3, param(p.tier3Rate, 'tier3Rate'))),
  ]);
  const payRate = sub(ONE, param(p.holdbackRate, 'holdbackRate'));
  const monthlyPaid = sum(approved.map((a) => r2(mul(a, payRate))));
  const out = new Out();
  out.money('overspend', overspend);
  out.money('band1', band1);
  out.money('band2', band2);
  out.money('band3', band3);
  out.money('fundCompensation', fundCompensation);
  out.money('hospitalBears', sub(overspend, fundCompensation));
  out.money('monthlyPaid', monthlyPaid);
  out.money('withheld', sub(sum(approved), monthlyPaid));
  return out.values;
}

// ---------------------------------------------------------------------------------------------
// guangyuan-2019

export interface Guangyuan2019Params {
  rewardRate: { employee: DecimalLike; resident: DecimalLike };
  /** Eligible overspend cap as a rate of the budget, default 20%. */
  eligibleRate: DecimalLike;
  /** Share of the eligible overspend the fund pays, default 50%. */
  fundPaysRate: DecimalLike;
}
export const GUANGYUAN_2019_DEFAULTS: Guangyuan2019Params = {
  rewardRate: { employee: '30%', resident: '20%' },
  eligibleRate: '20%',
  fundPaysRate: '50%',
};

export function guangyuan2019(input: unknown, params: Partial<Guangyuan2019Params> = {}): Record<string, string> {
  const p = { ...GUANGYUAN_2019_DEFAULTS, ...params };
  const doc = obj(input, '$');
  const budgets = obj(get(doc, 'budget', '$'), '$.budget');
  const actuals = obj(get(doc, 'actual', '$'), '$.actual');
  const out = new Out();
  for (const f of FUNDS) {
    const budget = money(budgets, f, '$.budget');
    const actual = money(actuals, f, '$.actual');
    const surplus = pos(sub(budget, actual));
    const reward = r2(mul(surplus, param(p.rewardRate[f], `rewardRate.${f}`)));
    const overspend = pos(sub(actual, budget));
    const eligible = min(overspend, r2(mul(budget, param(p.eligibleRate, 'eligibleRate'))));
    const fundPays = r2(mul(eligible, param(p.fundPaysRate, 'fundPaysRate')));
    const settled = gt(surplus, ZERO) ? add(actual, reward) : add(budget, fundPays);
    out.money(`surplus.${f}`, surplus);
    out.money(`reward.${f}`, reward);
    out.money(`overspend.${f}`, overspend);
    out.money(`eligibleOverspend.${f}`, eligible);
    out.money(`fundPays.${f}`, fundPays);
    out.money(`hospitalBears.${f}`, sub(overspend, fundPays));
    out.money(`settled.${f}`, settled);
  }
  return out.values;
}

// ---------------------------------------------------------------------------------------------
// beijing-2012

export interface Beijing2012Params {
  reading: 'marginal' | 'whole';
  /** Overrun threshold as a rate of the budget (inclusive), default 10%. */
  thresholdRate: DecimalLike;
  /** Hospital's rate up to / above the threshold: 8%, 15%. */
  lowRate: DecimalLike;
  highRate: DecimalLike;
}
export const BEIJING_2012_DEFAULTS: Beijing2012Params = {
  reading: 'marginal',
  thresholdRate: '10%',
  lowRate: '8%',
  highRate: '15%',
};

export function beijing2012(input: unknown, params: Partial<Beijing2012Params> = {}): Record<string, string> {
  const p = { ...BEIJING_2012_DEFAULTS, ...params };
  const doc = obj(input, '$');
  const budget = money(doc, 'budget', '$');
  const actual = money(doc, 'actual', '$');
  const low = param(p.lowRate, 'lowRate');
  const high = param(p.highRate, 'highRate');
  const threshold = mul(param(p.thresholdRate, 'thresholdRate'), budget);
  const overrun = pos(sub(actual, budget));
  let hospitalPays: Rat;
  if (p.reading === 'marginal') {
    hospitalPays = add(r2(mul(min(overrun, threshold), low)), r2(mul(pos(sub(overrun, threshold)), high)));
  } else if (p.reading === 'whole') {
    hospitalPays = r2(mul(overrun, le(overrun, threshold) ? low : high));
  } else {
    throw new InputError(`parameter reading: expected "marginal" or "whole"`);
  }
  const out = new Out();
  out.money('overrun', overrun);
  out.money('hospitalPays', hospitalPays);
  out.money('fundPays', sub(overrun, hospitalPays));
  return out.values;
}

// ---------------------------------------------------------------------------------------------
// drg-points

export interface DrgPointsParams {
  /** Used when the input has no `reserveRate`. Default 5%. */
  reserveRate: DecimalLike;
  /** Places of the printed point value (HALF_UP), default 6. */
  pointValuePlaces: number;
}
export const DRG_POINTS_DEFAULTS: DrgPointsParams = { reserveRate: '5%', pointValuePlaces: 6 };

/** Exact points of every hospital (in input order) — exported for the tests. */
export function drgHospitalPoints(input: unknown): { id: string; points: Rat }[] {
  const doc = obj(input, '$');
  const groups = new Map<string, { basePoints: Rat; meanCost: Rat }>();
  list(doc, 'groups', '$').forEach((g, i) => {
    const path = `$.groups[${i}]`;
    const o = obj(g, path);
    const gid = id(o, 'id', path);
    if (groups.has(gid)) throw new InputError(`${path}.id: duplicate group ${gid}`);
    groups.set(gid, { basePoints: decimal(o, 'basePoints', path), meanCost: money(o, 'meanCost', path) });
  });
  const hospitals = list(doc, 'hospitals', '$').map((h, i) => {
    const path = `$.hospitals[${i}]`;
    const o = obj(h, path);
    const coeffs = obj(get(o, 'coefficients', path), `${path}.coefficients`);
    const coefficients = new Map<string, Rat>();
    for (const key of Object.keys(coeffs)) coefficients.set(key, decimal(coeffs, key, `${path}.coefficients`));
    return { id: id(o, 'id', path), coefficients, points: ZERO };
  });
  uniqueIds(hospitals.map((h) => h.id), '$.hospitals');
  const byId = new Map(hospitals.map((h) => [h.id, h]));
  list(doc, 'cases', '$').forEach((c, i) => {
    const path = `$.cases[${i}]`;
    const o = obj(c, path);
    const hid = id(o, 'hospital', path);
    const gid = id(o, 'group', path);
    const h = byId.get(hid);
    if (!h) throw new InputError(`${path}.hospital: unknown hospital ${hid}`);
    const g = groups.get(gid);
    if (!g) throw new InputError(`${path}.group: unknown group ${gid}`);
    const coefficient = h.coefficients.get(gid);
    if (!coefficient) throw new InputError(`${path}: hospital ${hid} has no coefficient for group ${gid}`);
    const full = mul(g.basePoints, coefficient);
    let points = full;
    if (!bool(o, 'complete', path, true)) {
      points = min(div(mul(full, money(o, 'cost', path)), g.meanCost), full);
    }
    if (bool(o, 'halved', path, false)) points = div(points, fromInt(2));
    h.points = add(h.points, points);
  });
  return hospitals.map(({ id: hid, points }) => ({ id: hid, points }));
}

export function drgPoints(input: unknown, params: Partial<DrgPointsParams> = {}): Record<string, string> {
  const p = { ...DRG_POINTS_DEFAULTS, ...params };
  const doc = obj(input, '$');
  const budget = money(doc, 'budget', '$');
  const reserveRate = has(doc, 'reserveRate') ? decimal(doc, 'reserveRate', '$') : param(p.reserveRate, 'reserveRate');
  const hospitals = drgHospitalPoints(input);
  const reserve = r2(mul(budget, reserveRate));
  const distributable = sub(budget, reserve);
  const totalPoints = sum(hospitals.map((h) => h.points));
  const out = new Out();
  for (const h of hospitals) out.exact(`points.${h.id}`, h.points);
  out.money('reserve', reserve);
  out.money('distributable', distributable);
  out.exact('totalPoints', totalPoints);
  if (isZero(totalPoints)) throw new InputError('totalPoints is 0: the point value is undefined');
  // "Shown rounded HALF_UP to 6 decimals": printed with exactly that many places.
  out.put('pointValue', toFixed(div(distributable, totalPoints), p.pointValuePlaces));
  const payments = splitMoney(distributable, hospitals.map((h) => h.points));
  hospitals.forEach((h, i) => out.money(`payment.${h.id}`, payments[i] as Rat));
  return out.values;
}

// ---------------------------------------------------------------------------------------------
// guangxi (not in PRESETS.md; definition from the brief of the reference)

export interface GuangxiParams {
  /** Reasonable overspend cap as a rate of the package, default 10%. */
  reasonableCapRate: DecimalLike;
  /** Reasonable overspend split fund : community, default 1 : 1. */
  overspendSplit: { fund: DecimalLike; community: DecimalLike };
}
export const GUANGXI_DEFAULTS: GuangxiParams = {
  reasonableCapRate: '10%',
  overspendSplit: { fund: 1, community: 1 },
};

export function guangxi(input: unknown, params: Partial<GuangxiParams> = {}): Record<string, string> {
  const p = { ...GUANGXI_DEFAULTS, ...params };
  const doc = obj(input, '$');
  const insured = count(doc, 'insured', '$');
  const perCapita = money(doc, 'perCapita', '$');
  const policyExpenses = money(doc, 'policyExpenses', '$');
  const outOfCounty = money(doc, 'outOfCountySpending', '$');
  const members = list(doc, 'members', '$').map((m, i) => {
    const path = `$.members[${i}]`;
    const o = obj(m, path);
    return { id: id(o, 'id', path), spending: money(o, 'spending', path), weight: weightValue(o, 'weight', path) };
  });
  uniqueIds(members.map((m) => m.id), '$.members');
  const gross = r2(mul(insured, perCapita));
  const pkg = sub(gross, policyExpenses);
  const spending = add(sum(members.map((m) => m.spending)), outOfCounty);
  const balance = sub(pkg, spending);
  const surplus = pos(balance);
  const overspend = pos(neg(balance));
  const out = new Out();
  out.money('gross', gross);
  out.money('package', pkg);
  out.money('spending', spending);
  out.money('balance', balance);
  out.money('surplus', surplus);
  out.money('overspend', overspend);
  out.money('retained', surplus);
  const shares = splitMoney(surplus, members.map((m) => m.weight));
  members.forEach((m, i) => out.money(`share.${m.id}`, shares[i] as Rat));
  reasonableOverspendSharing(out, pkg, overspend, p);
  return out.values;
}

/** reasonableCap … communityBears, shared by guangxi and guangdong-2025. */
function reasonableOverspendSharing(out: Out, base: Rat, overspend: Rat, p: GuangxiParams, excessName = true): void {
  const reasonableCap = r2(mul(base, param(p.reasonableCapRate, 'reasonableCapRate')));
  const reasonableOverspend = min(overspend, reasonableCap);
  const [fundShare, communityShare] = splitMoney(reasonableOverspend, [
    param(p.overspendSplit.fund, 'overspendSplit.fund'),
    param(p.overspendSplit.community, 'overspendSplit.community'),
  ]) as [Rat, Rat];
  const excessOverspend = sub(overspend, reasonableOverspend);
  out.money('reasonableCap', reasonableCap);
  out.money('reasonableOverspend', reasonableOverspend);
  out.money('fundShare', fundShare);
  out.money('communityShare', communityShare);
  if (excessName) out.money('excessOverspend', excessOverspend);
  out.money('communityBears', add(communityShare, excessOverspend));
}

// ---------------------------------------------------------------------------------------------
// guangdong-2025 (not in PRESETS.md; definition from the brief of the reference)

export interface Guangdong2025Params extends GuangxiParams {
  /** Growth g, capped by the region's fund growth; default 4.5% (assumed, DOMAIN.md E0b). */
  growth: DecimalLike;
}
export const GUANGDONG_2025_DEFAULTS: Guangdong2025Params = { ...GUANGXI_DEFAULTS, growth: '4.5%' };

export function guangdong2025(input: unknown, params: Partial<Guangdong2025Params> = {}): Record<string, string> {
  const p = { ...GUANGDONG_2025_DEFAULTS, ...params };
  const doc = obj(input, '$');
  const year = count(doc, 'reformYear', '$');
  if (year.n < 1n) throw new InputError('$.reformYear: expected a whole number ≥ 1');
  const growthApplied = min(param(p.growth, 'growth'), decimal(doc, 'regionFundGrowth', '$'));
  const factor = add(ONE, growthApplied);
  let budget: Rat;
  if (year.n === 1n) {
    const prev = list(doc, 'previousPayments', '$').map((v, i) => moneyValue(v, `$.previousPayments[${i}]`));
    if (prev.length !== 3) throw new InputError('$.previousPayments: expected exactly 3 amounts');
    budget = r2(mul(div(sum(prev), fromInt(3)), factor));
  } else {
    budget = r2(mul(money(doc, 'lastYearBudget', '$'), factor));
  }
  const actual = money(doc, 'actualSpending', '$');
  const balance = sub(budget, actual);
  const surplus = pos(balance);
  const overspend = pos(neg(balance));
  const out = new Out();
  out.exact('growthApplied', growthApplied);
  out.money('budget', budget);
  out.money('balance', balance);
  out.money('surplus', surplus);
  out.money('retained', surplus);
  out.money('overspend', overspend);
  reasonableOverspendSharing(out, budget, overspend, p, false);
  return out.values;
}

// ---------------------------------------------------------------------------------------------

export type PresetId =
  | 'yangxi'
  | 'sanming'
  | 'kunming'
  | 'gaoping'
  | 'ningbo'
  | 'suixi'
  | 'shenzhen'
  | 'guangyuan-2019'
  | 'beijing-2012'
  | 'drg-points'
  | 'guangxi'
  | 'guangdong-2025'
  | 'zhejiang-drg';

export const PRESET_IDS: readonly PresetId[] = [
  'yangxi',
  'sanming',
  'kunming',
  'gaoping',
  'ningbo',
  'suixi',
  'shenzhen',
  'guangyuan-2019',
  'beijing-2012',
  'drg-points',
  'guangxi',
  'guangdong-2025',
  'zhejiang-drg',
];

/** Each preset's reference with its default parameters, by preset id (= rule file name). */
export const reference: Record<PresetId, (input: unknown) => Record<string, string>> = {
  yangxi: (i) => yangxi(i),
  sanming: (i) => sanming(i),
  kunming: (i) => kunming(i),
  gaoping: (i) => gaoping(i),
  ningbo: (i) => ningbo(i),
  suixi: (i) => suixi(i),
  shenzhen: (i) => shenzhen(i),
  'guangyuan-2019': (i) => guangyuan2019(i),
  'beijing-2012': (i) => beijing2012(i),
  'drg-points': (i) => drgPoints(i),
  guangxi: (i) => guangxi(i),
  'guangdong-2025': (i) => guangdong2025(i),
  'zhejiang-drg': (i) => zhejiangDrg(i),
};
