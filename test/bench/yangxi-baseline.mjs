// A hand-coded decimal.js implementation of the Yangxi scheme (PRESETS.md), the baseline the
// engine's speed is measured against. Same inputs (JSON text), same outputs (printed values).
import DecimalModule from 'decimal.js';

const D = DecimalModule.clone({ precision: 100, rounding: DecimalModule.ROUND_HALF_UP });
const r2 = (x) => x.toDecimalPlaces(2, D.ROUND_HALF_UP);
const money = (x) => {
  const s = x.toFixed(2, D.ROUND_HALF_UP);
  return s === '-0.00' ? '0.00' : s;
};

function split(amount, weights) {
  const units = amount.times(100);
  const total = weights.reduce((a, w) => a.plus(w), new D(0));
  if (amount.isZero()) return weights.map(() => new D(0));
  // Floors and remainders in integers (units × w = floor × Σw + remainder): a remainder taken
  // from a quotient rounded to 100 digits can break a tie the wrong way.
  const products = weights.map((w) => units.times(w));
  const floors = products.map((p) => p.divToInt(total));
  let left = units.minus(floors.reduce((a, f) => a.plus(f), new D(0))).toNumber();
  const order = products.map((p, i) => ({ r: p.minus(floors[i].times(total)), i })).sort((a, b) => b.r.comparedTo(a.r) || a.i - b.i);
  const bonus = new Array(weights.length).fill(0);
  for (let k = 0; k < order.length && left > 0; k++, left--) bonus[order[k].i] = 1;
  return floors.map((f, i) => f.plus(bonus[i]).div(100));
}

export function yangxiBaseline(text) {
  const input = JSON.parse(text);
  const gross = r2(new D(String(input.insured)).times(new D(String(input.perCapita))));
  const net = gross.minus(new D(String(input.policyExpenses)));
  const adjustmentFund = r2(net.times('0.02'));
  const riskFund = r2(net.times('0.08'));
  const pkg = net.minus(adjustmentFund).minus(riskFund);
  let spending = new D(String(input.outOfCountySpending));
  for (const m of input.members) spending = spending.plus(new D(String(m.spending)));
  const balance = pkg.minus(spending);
  const surplus = D.max(balance, 0);
  const overspend = D.max(balance.neg(), 0);
  const [countyPool, townPool] = split(surplus, [new D(6), new D(4)]);
  const values = { gross: money(gross), net: money(net), adjustmentFund: money(adjustmentFund), riskFund: money(riskFund), package: money(pkg), spending: money(spending), balance: money(balance), surplus: money(surplus), overspend: money(overspend), countyPool: money(countyPool), townPool: money(townPool) };
  for (const [level, pool] of [['county', countyPool], ['town', townPool]]) {
    const ms = input.members.filter((m) => m.level === level);
    if (ms.length === 0) continue;
    split(pool, ms.map((m) => new D(String(m.weight)))).forEach((v, i) => (values[`share.${ms[i].id}`] = money(v)));
  }
  const riskFundUsed = D.min(overspend, riskFund);
  const adjustmentFundUsed = D.min(overspend.minus(riskFundUsed), adjustmentFund);
  const shortfall = overspend.minus(riskFundUsed).minus(adjustmentFundUsed);
  const [financeShare, hospitalShare] = split(shortfall, [new D(1), new D(1)]);
  Object.assign(values, { riskFundUsed: money(riskFundUsed), adjustmentFundUsed: money(adjustmentFundUsed), shortfall: money(shortfall), financeShare: money(financeShare), hospitalShare: money(hospitalShare), reservesReturned: money(riskFund.plus(adjustmentFund).minus(riskFundUsed).minus(adjustmentFundUsed)) });
  return values;
}
