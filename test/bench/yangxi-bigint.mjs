// The Yangxi scheme hand-coded in BigInt integer fen: the fastest exact method we know of, so
// the engine's distance to it is measured in the same run, not estimated. Same JSON text in,
// same printed values out as yangxi-baseline.mjs (the decimal.js one); the rates (2%, 8%) and
// splits (6:4, 1:1) are the preset's, written into the code.

/** Decimal text (at most two places) → fen; weights may carry more places and are scaled. */
function toUnits(text, places) {
  const s = String(text);
  const neg = s.startsWith('-');
  const [int, frac = ''] = (neg ? s.slice(1) : s).split('.');
  const v = BigInt(int + frac.padEnd(places, '0').slice(0, places));
  return neg ? -v : v;
}

const fen = (text) => toUnits(text, 2);

function printed(f) {
  const neg = f < 0n;
  const a = neg ? -f : f;
  const s = `${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
  return neg && a !== 0n ? `-${s}` : s;
}

/** x × num ÷ den to the fen, ties away from zero (decimal.js ROUND_HALF_UP). */
function mulDivHalfUp(x, num, den) {
  const p = x * num;
  const neg = p < 0n;
  const a = neg ? -p : p;
  const q = (2n * a + den) / (2n * den);
  return neg ? -q : q;
}

/** Largest-remainder split of `amount` fen by integer weights; ties go to the earlier part. */
function split(amount, weights) {
  const total = weights.reduce((a, w) => a + w, 0n);
  if (amount === 0n) return weights.map(() => 0n);
  const floors = weights.map((w) => (amount * w) / total);
  let left = amount - floors.reduce((a, f) => a + f, 0n);
  const order = weights.map((w, i) => ({ r: amount * w - floors[i] * total, i })).sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (let k = 0; k < order.length && left > 0n; k++, left--) floors[order[k].i] += 1n;
  return floors;
}

/** Weights as integers: every weight scaled by 10 to the most places any of them has. */
function integerWeights(ws) {
  const places = Math.max(0, ...ws.map((w) => (String(w).split('.')[1] ?? '').length));
  return ws.map((w) => toUnits(w, places));
}

const min = (a, b) => (a < b ? a : b);
const max = (a, b) => (a > b ? a : b);

export function yangxiBigint(text) {
  const input = JSON.parse(text);
  const gross = BigInt(input.insured) * fen(input.perCapita);
  const net = gross - fen(input.policyExpenses);
  const adjustmentFund = mulDivHalfUp(net, 2n, 100n);
  const riskFund = mulDivHalfUp(net, 8n, 100n);
  const pkg = net - adjustmentFund - riskFund;
  let spending = fen(input.outOfCountySpending);
  for (const m of input.members) spending += fen(m.spending);
  const balance = pkg - spending;
  const surplus = max(balance, 0n);
  const overspend = max(-balance, 0n);
  const [countyPool, townPool] = split(surplus, [6n, 4n]);
  const values = { gross, net, adjustmentFund, riskFund, package: pkg, spending, balance, surplus, overspend, countyPool, townPool };
  for (const [level, pool] of [['county', countyPool], ['town', townPool]]) {
    const ms = input.members.filter((m) => m.level === level);
    if (ms.length === 0) continue;
    split(pool, integerWeights(ms.map((m) => m.weight))).forEach((v, i) => (values[`share.${ms[i].id}`] = v));
  }
  const riskFundUsed = min(overspend, riskFund);
  const adjustmentFundUsed = min(overspend - riskFundUsed, adjustmentFund);
  const shortfall = overspend - riskFundUsed - adjustmentFundUsed;
  const [financeShare, hospitalShare] = split(shortfall, [1n, 1n]);
  Object.assign(values, { riskFundUsed, adjustmentFundUsed, shortfall, financeShare, hospitalShare, reservesReturned: riskFund + adjustmentFund - riskFundUsed - adjustmentFundUsed });
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, printed(v)]));
}
