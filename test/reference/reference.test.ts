/**
 * Pins the reference implementation to hand-worked numbers (shared/DOMAIN.md §3 and the
 * examples below, each with its arithmetic written beside it), and checks that every
 * arbitrary produces documents the reference settles with its identities intact.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { zhejiangKept, zhejiangMeans } from './zhejiang-drg.js';
import type { Rat } from './rational.js';
import {
  ArithmeticError,
  SplitError,
  add,
  compare,
  div,
  floor,
  fmtExact,
  fmtMoney,
  fromInt,
  isTerminating,
  mul,
  parseDecimal,
  rat,
  roundHalfUp,
  split,
  sub,
  toRat,
} from './rational.js';
import {
  PRESET_IDS,
  beijing2012,
  drgHospitalPoints,
  drgPoints,
  gaoping,
  guangdong2025,
  guangxi,
  guangyuan2019,
  kunming,
  ningbo,
  reference,
  sanming,
  shenzhen,
  suixi,
  yangxi,
  InputError,
} from './presets.js';
import { arbitraries } from './arbitraries.js';

const d = parseDecimal;

// =============================================================================================
describe('rational helpers', () => {
  it('parses decimal text exactly', () => {
    expect(d('123')).toEqual({ n: 123n, d: 1n });
    expect(d('-1.5')).toEqual({ n: -3n, d: 2n });
    expect(d('2%')).toEqual({ n: 1n, d: 50n });
    expect(d('0.10')).toEqual({ n: 1n, d: 10n });
    expect(d('980.00')).toEqual({ n: 980n, d: 1n });
    expect(d('1e+21')).toEqual({ n: 10n ** 21n, d: 1n });
    expect(d('-0')).toEqual({ n: 0n, d: 1n });
    for (const bad of ['', ' 1', '1.', '.5', '1,000', 'NaN', 'Infinity', '0x10', '1..2', '%', '--1']) {
      expect(() => d(bad), bad).toThrow(ArithmeticError);
    }
    expect(toRat(980)).toEqual({ n: 980n, d: 1n });
    expect(toRat(0.1)).toEqual({ n: 1n, d: 10n });
    expect(() => toRat(Number.NaN)).toThrow(ArithmeticError);
  });

  it('rounds HALF_UP away from zero and floors', () => {
    const r = (x: string, p: number): string => fmtExact(roundHalfUp(d(x), p));
    expect(r('2.345', 2)).toBe('2.35');
    expect(r('-2.345', 2)).toBe('-2.35');
    expect(r('2.3449999', 2)).toBe('2.34');
    expect(r('-0.004', 2)).toBe('0');
    expect(r('0.5', 0)).toBe('1');
    expect(r('-0.5', 0)).toBe('-1');
    expect(fmtExact(roundHalfUp(rat(2n, 3n), 6))).toBe('0.666667');
    expect(floor(d('2.7'))).toBe(2n);
    expect(floor(d('-2.7'))).toBe(-3n);
    expect(floor(d('-3'))).toBe(-3n);
  });

  it('prints money with two decimals and never -0.00', () => {
    expect(fmtMoney(d('342216000'))).toBe('342216000.00');
    expect(fmtMoney(d('-42362139.68'))).toBe('-42362139.68');
    expect(fmtMoney(d('0.005'))).toBe('0.01');
    expect(fmtMoney(d('-0.005'))).toBe('-0.01');
    expect(fmtMoney(d('-0.004'))).toBe('0.00');
    expect(fmtMoney(d('6172.839'))).toBe('6172.84');
    expect(fmtMoney(d('0'))).toBe('0.00');
  });

  it('prints other numbers as exact decimals (20 rounded places when non-terminating)', () => {
    expect(fmtExact(d('0.125'))).toBe('0.125');
    expect(fmtExact(d('100.000'))).toBe('100');
    expect(fmtExact(d('-2.50'))).toBe('-2.5');
    expect(fmtExact(d('1e+21'))).toBe('1000000000000000000000');
    expect(fmtExact(d('1e-7'))).toBe('0.0000001');
    expect(fmtExact(rat(1n, 3n))).toBe('0.33333333333333333333');
    expect(fmtExact(rat(-2n, 3n))).toBe('-0.66666666666666666667');
    expect(isTerminating(rat(1n, 3n))).toBe(false);
    expect(isTerminating(rat(1n, 80n))).toBe(true);
  });

  it('arithmetic is exact', () => {
    // 0.1 + 0.2 = 0.3 exactly; (1/3) × 3 = 1
    expect(compare(add(d('0.1'), d('0.2')), d('0.3'))).toBe(0);
    expect(mul(div(fromInt(1), fromInt(3)), fromInt(3))).toEqual({ n: 1n, d: 1n });
    expect(sub(d('1'), d('1.01'))).toEqual({ n: -1n, d: 100n });
    expect(() => div(fromInt(1), fromInt(0))).toThrow(ArithmeticError);
  });

  it('splits by largest remainder, ties to the earlier part (PRESETS.md example)', () => {
    // 77 fen by 10:20:70 → exact 7.7, 15.4, 53.9 → floors 7, 15, 53 (75); 2 fen left go to the
    // largest remainders .9 (third) and .7 (first) → 8, 15, 54.
    expect(split(77n, [10, 20, 70].map((w) => fromInt(w)))).toEqual([8n, 15n, 54n]);
    // 1 fen by 1:1 → exact 0.5, 0.5 → tie → earlier part.
    expect(split(1n, [fromInt(1), fromInt(1)])).toEqual([1n, 0n]);
    // 2 fen by 1:1:1 → .667 each → first two parts.
    expect(split(2n, [fromInt(1), fromInt(1), fromInt(1)])).toEqual([1n, 1n, 0n]);
    // decimal weights: 10 fen by 0.5 : 0.25 : 0.25 → 5, 2.5, 2.5 → 5, 3, 2
    expect(split(10n, [d('0.5'), d('0.25'), d('0.25')])).toEqual([5n, 3n, 2n]);
    // zero amount: zeros, even with all-zero or no weights
    expect(split(0n, [fromInt(0), fromInt(0)])).toEqual([0n, 0n]);
    expect(split(0n, [])).toEqual([]);
    // a positive amount by all-zero weights is an error
    expect(() => split(5n, [fromInt(0), fromInt(0)])).toThrow(SplitError);
    expect(() => split(5n, [])).toThrow(SplitError);
    expect(() => split(-5n, [fromInt(1)])).toThrow(SplitError);
  });

  it('split: parts sum to the amount and each is floor or floor + 1 of its exact share', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 14n }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 }),
        (amount, ws) => {
          fc.pre(amount === 0n || ws.some((w) => w > 0));
          const weights = ws.map((w) => fromInt(w));
          const parts = split(amount, weights);
          expect(parts.reduce((a, b) => a + b, 0n)).toBe(amount);
          const total = ws.reduce((a, b) => a + b, 0);
          parts.forEach((p, i) => {
            if (amount === 0n) return expect(p).toBe(0n);
            const exact = rat(amount * BigInt(ws[i] as number), BigInt(total));
            const f = floor(exact);
            expect(p === f || p === f + 1n).toBe(true);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

// =============================================================================================
describe('yangxi — DOMAIN.md E1 and E2', () => {
  const county = [
    { id: 'peoples', weight: 60, spending: '120000000.00' },
    { id: 'tcm', weight: 25, spending: '40000000.00' },
    { id: 'maternal', weight: 15, spending: '15000000.00' },
  ];
  const townWeights = [1830, 1520, 1210, 1105, 960, 875, 790, 710];
  const members = [
    ...county.map((m) => ({ ...m, level: 'county' })),
    ...townWeights.map((w, i) => ({ id: `town${i + 1}`, level: 'town', weight: w, spending: '5000000.00' })),
  ];
  // members spend 175,000,000.00 + 8 × 5,000,000.00 = 215,000,000.00
  const doc = (outOfCounty: string): unknown => ({
    insured: 400000,
    perCapita: '980.00',
    policyExpenses: '11760000.00',
    outOfCountySpending: outOfCounty,
    members,
  });

  it('E1: surplus 6.68% of the package, split 6:4 and within levels', () => {
    // spending 319,355,971.20 = 215,000,000.00 + 104,355,971.20 out of county
    const v = yangxi(doc('104355971.20'));
    expect(v).toMatchObject({
      gross: '392000000.00', // 400,000 × 980.00
      net: '380240000.00', // 392,000,000.00 − 11,760,000.00
      adjustmentFund: '7604800.00', // 2% × net
      riskFund: '30419200.00', // 8% × net
      package: '342216000.00', // net − 7,604,800.00 − 30,419,200.00
      spending: '319355971.20',
      balance: '22860028.80',
      surplus: '22860028.80',
      overspend: '0.00',
      countyPool: '13716017.28', // 60% × S exactly
      townPool: '9144011.52', // 40% × S exactly
      // county 60:25:15: 8,229,610.368 / 3,429,004.32 / 2,057,402.592 → floors leave 1 fen, to .368
      'share.peoples': '8229610.37',
      'share.tcm': '3429004.32',
      'share.maternal': '2057402.59',
      // town: 9,144,011.52 × w / 9,000 (E1's list)
      'share.town1': '1859282.34',
      'share.town2': '1544321.95',
      'share.town3': '1229361.55',
      'share.town4': '1122681.41',
      'share.town5': '975361.23',
      'share.town6': '889001.12',
      'share.town7': '802641.01',
      'share.town8': '721360.91',
      riskFundUsed: '0.00',
      adjustmentFundUsed: '0.00',
      shortfall: '0.00',
      financeShare: '0.00',
      hospitalShare: '0.00',
      reservesReturned: '38024000.00', // 30,419,200.00 + 7,604,800.00 untouched
    });
    const shares = Object.entries(v).filter(([k]) => k.startsWith('share.'));
    expect(shares).toHaveLength(11);
    expect(fmtMoney(shares.map(([, s]) => d(s)).reduce(add))).toBe('22860028.80');
  });

  it('E2: spending 105% of the package, covered by the risk fund first', () => {
    // spending 359,326,800.00 = 215,000,000.00 + 144,326,800.00; O = 359,326,800.00 − 342,216,000.00
    const v = yangxi(doc('144326800.00'));
    expect(v).toMatchObject({
      package: '342216000.00',
      spending: '359326800.00',
      balance: '-17110800.00',
      surplus: '0.00',
      overspend: '17110800.00',
      countyPool: '0.00',
      townPool: '0.00',
      'share.peoples': '0.00',
      'share.town8': '0.00',
      riskFundUsed: '17110800.00', // min(17,110,800.00, 30,419,200.00)
      adjustmentFundUsed: '0.00', // min(0, 7,604,800.00)
      shortfall: '0.00',
      financeShare: '0.00',
      hospitalShare: '0.00',
      reservesReturned: '20913200.00', // 38,024,000.00 − 17,110,800.00
    });
  });

  it('overspend beyond both reserves: shortfall split finance:hospital 1:1', () => {
    // O = 38,024,000.01 + … : spending = package + 38,024,000.01 = 380,240,000.01
    // out of county = 380,240,000.01 − 215,000,000.00 = 165,240,000.01
    const v = yangxi(doc('165240000.01'));
    expect(v).toMatchObject({
      overspend: '38024000.01',
      riskFundUsed: '30419200.00',
      adjustmentFundUsed: '7604800.00', // min(38,024,000.01 − 30,419,200.00, 7,604,800.00)
      shortfall: '0.01',
      financeShare: '0.01', // 1 fen by 1:1 → tie → earlier part
      hospitalShare: '0.00',
      reservesReturned: '0.00',
    });
  });

  it('a level whose members all weigh 0 cannot receive a positive pool', () => {
    const zeroTown = members.map((m) => (m.level === 'town' ? { ...m, weight: 0 } : m));
    expect(() => yangxi({ ...(doc('104355971.20') as object), members: zeroTown })).toThrow(SplitError);
  });
});

// =============================================================================================
describe('sanming, kunming, gaoping — package kept whole', () => {
  it('overspend borne by the community (sanming)', () => {
    // gross = 1,000 × 500.50 = 500,500.00; package = 500,500.00 − 500.00 = 500,000.00
    // spending = 300,000.00 + 150,000.25 + 60,000.00 = 510,000.25; balance = −10,000.25
    const v = sanming({
      insured: 1000,
      perCapita: 500.5,
      policyExpenses: '500',
      outOfCountySpending: '60000.00',
      members: [
        { id: 'a', spending: '300000.00' },
        { id: 'b', spending: '150000.25' },
      ],
    });
    expect(v).toEqual({
      gross: '500500.00',
      package: '500000.00',
      spending: '510000.25',
      balance: '-10000.25',
      surplus: '0.00',
      overspend: '10000.25',
      retained: '0.00',
      hospitalBears: '10000.25',
    });
  });

  it('surplus retained whole (kunming, gaoping)', () => {
    // gross = 250,000 × 720.35 = 180,087,500.00; package = 180,087,500.00 − 87,500.00 = 180,000,000.00
    // spending = 100,000,000.00 + 0.00 + 79,999,999.99 = 179,999,999.99 → surplus 0.01
    const doc = {
      insured: 250000,
      perCapita: '720.35',
      policyExpenses: '87500.00',
      outOfCountySpending: '79999999.99',
      members: [
        { id: 'county', spending: 100000000 },
        { id: 'idle-clinic', spending: '0' },
      ],
    };
    const expected = {
      gross: '180087500.00',
      package: '180000000.00',
      spending: '179999999.99',
      balance: '0.01',
      surplus: '0.01',
      overspend: '0.00',
      retained: '0.01',
      hospitalBears: '0.00',
    };
    expect(kunming(doc)).toEqual(expected);
    expect(gaoping(doc)).toEqual(expected);
  });
});

// =============================================================================================
describe('ningbo — DOMAIN.md E6', () => {
  it('budgets, monthly prepayment, working capital and year end', () => {
    const v = ningbo({
      lastYearBudget: { employee: '151234567.00', resident: '88765432.00' },
      actualSpending: { employee: '160000000.00', resident: '95000000.00' },
    });
    expect(v).toEqual({
      'budget.employee': '166358023.70', // 151,234,567.00 × 1.10
      'monthly.employee': '13863168.64', // r2(13,863,168.641666…)
      'december.employee': '13863168.66', // 166,358,023.70 − 11 × 13,863,168.64
      'surplus.employee': '6358023.70',
      'retained.employee': '6358023.70',
      'overspend.employee': '0.00',
      'fundShare.employee': '0.00',
      'communityShare.employee': '0.00',
      'budget.resident': '93203703.60', // 88,765,432.00 × 1.05
      'monthly.resident': '7766975.30', // 93,203,703.60 ÷ 12 exactly
      'december.resident': '7766975.30',
      'surplus.resident': '0.00',
      'retained.resident': '0.00',
      'overspend.resident': '1796296.40', // 95,000,000.00 − 93,203,703.60
      'fundShare.resident': '898148.20',
      'communityShare.resident': '898148.20',
      workingCapital: '43260287.88', // r2(259,561,727.30 × 2 ÷ 12) = r2(43,260,287.8833…)
      yearEndPayment: '-42362139.68', // 0.00 + 898,148.20 − 43,260,287.88
    });
  });

  it('an odd fen of overspend goes to the fund (earlier part)', () => {
    // budget.employee = 100.00 × 1.1 = 110.00; overspend 0.01 → fund 0.01, community 0.00
    // workingCapital = r2((110.00 + 0.00) × 2 ÷ 12) = r2(18.333…) = 18.33; yearEnd = 0.01 − 18.33
    const v = ningbo({
      lastYearBudget: { employee: 100, resident: 0 },
      actualSpending: { employee: '110.01', resident: '0' },
    });
    expect(v).toMatchObject({
      'fundShare.employee': '0.01',
      'communityShare.employee': '0.00',
      'monthly.employee': '9.17', // r2(9.1666…)
      'december.employee': '9.13', // 110.00 − 100.87
      workingCapital: '18.33',
      yearEndPayment: '-18.32',
    });
  });
});

// =============================================================================================
describe('suixi — assessment-linked surplus', () => {
  const members = [
    { id: 'a', spending: '500000.00', weight: 3, score: 90 },
    { id: 'b', spending: '300000.00', weight: 1, score: '59.99' },
    { id: 'c', spending: 0, weight: 2, score: 60 },
  ];
  it('score ≥ 60 scales the retained surplus; members below 60 get nothing', () => {
    // spending = 800,000.00 + 100,000.00 = 900,000.00; surplus = 100,000.00
    // retained = r2(100,000.00 × 85.5 ÷ 100) = 85,500.00; returned 14,500.00
    // weights: a 3 × 90 = 270, b 0 (59.99 < 60), c 2 × 60 = 120; total 390
    // a = 8,550,000 fen × 270/390 = 5,919,230.77 fen, c = × 120/390 = 2,630,769.23 fen
    // floors 5,919,230 + 2,630,769 = 8,549,999 → 1 fen to a (.77 > .23)
    const v = suixi({ package: '1000000.00', outOfCountySpending: '100000.00', score: 85.5, members });
    expect(v).toEqual({
      spending: '900000.00',
      balance: '100000.00',
      surplus: '100000.00',
      overspend: '0.00',
      communityBears: '0.00',
      retained: '85500.00',
      returnedToFund: '14500.00',
      'share.a': '59192.31',
      'share.b': '0.00',
      'share.c': '26307.69',
    });
  });

  it('community score 59.99 retains nothing', () => {
    const v = suixi({ package: '1000000.00', outOfCountySpending: '100000.00', score: '59.99', members });
    expect(v).toMatchObject({ retained: '0.00', returnedToFund: '100000.00', 'share.a': '0.00', 'share.c': '0.00' });
  });

  it('score exactly 60 and HALF_UP on the retained amount; overspend borne by the community', () => {
    // surplus 0.01 × 60 ÷ 100 = 0.006 → 0.01 retained, all of it to a
    expect(
      suixi({ package: '900000.01', outOfCountySpending: '100000.00', score: 60, members }),
    ).toMatchObject({ surplus: '0.01', retained: '0.01', returnedToFund: '0.00', 'share.a': '0.01' });
    // surplus 0.03 × 60 ÷ 100 = 0.018 → 0.02; returned 0.01
    expect(
      suixi({ package: '900000.03', outOfCountySpending: '100000.00', score: '60', members }),
    ).toMatchObject({ retained: '0.02', returnedToFund: '0.01' });
    expect(
      suixi({ package: '899999.99', outOfCountySpending: '100000.00', score: 100, members }),
    ).toMatchObject({ balance: '-0.01', overspend: '0.01', communityBears: '0.01', retained: '0.00' });
  });
});

// =============================================================================================
describe('shenzhen — marginal tiers and 3% holdback', () => {
  it('overspend 8% of the standard', () => {
    // overspend 80,000.00; 5% × 1,000,000.00 = 50,000.00
    // band1 50,000.00; band2 min(30,000.00, 50,000.00) = 30,000.00; band3 0
    // fund = 30,000.00 + 15,000.00 + 0.00 = 45,000.00; hospital 35,000.00
    // monthly: 97,000.00 + r2(32,333.3301) 32,333.33 + r2(0.485) 0.49 = 129,333.82
    // withheld = 133,333.83 − 129,333.82 = 4,000.01
    const v = shenzhen({
      standard: '1000000.00',
      actual: '1080000.00',
      monthlyApproved: ['100000.00', '33333.33', 0.5],
    });
    expect(v).toEqual({
      overspend: '80000.00',
      band1: '50000.00',
      band2: '30000.00',
      band3: '0.00',
      fundCompensation: '45000.00',
      hospitalBears: '35000.00',
      monthlyPaid: '129333.82',
      withheld: '4000.01',
    });
  });

  it('bands that are not whole fen are printed rounded but used exactly', () => {
    // standard 123,456.78: 5% = 6,172.839; 10% = 12,345.678; overspend 7,000.00
    // band1 6,172.839 (prints 6172.84); band2 7,000.00 − 6,172.839 = 827.161 (prints 827.16)
    // fund = r2(3,703.7034) 3,703.70 + r2(413.5805) 413.58 = 4,117.28; hospital 2,882.72
    const v = shenzhen({ standard: '123456.78', actual: '130456.78', monthlyApproved: [] });
    expect(v).toMatchObject({
      overspend: '7000.00',
      band1: '6172.84',
      band2: '827.16',
      band3: '0.00',
      fundCompensation: '4117.28',
      hospitalBears: '2882.72',
      monthlyPaid: '0.00',
      withheld: '0.00',
    });
  });

  it('upper bounds are inclusive: exactly 10%, and one fen above', () => {
    // standard 100,000.00; overspend 10,000.00: band1 5,000, band2 5,000, band3 0
    // fund = 3,000.00 + 2,500.00 = 5,500.00
    expect(shenzhen({ standard: 100000, actual: '110000.00', monthlyApproved: [] })).toMatchObject({
      band2: '5000.00',
      band3: '0.00',
      fundCompensation: '5500.00',
      hospitalBears: '4500.00',
    });
    // overspend 10,000.01: band3 0.01 at 0% → fund unchanged, hospital 4,500.01
    expect(shenzhen({ standard: 100000, actual: '110000.01', monthlyApproved: [] })).toMatchObject({
      band3: '0.01',
      fundCompensation: '5500.00',
      hospitalBears: '4500.01',
    });
    // no overspend
    expect(shenzhen({ standard: 100000, actual: '99999.99', monthlyApproved: [] })).toMatchObject({
      overspend: '0.00',
      fundCompensation: '0.00',
    });
  });
});

// =============================================================================================
describe('guangyuan-2019 — reward and elastic settlement', () => {
  it('employee surplus reward 30%, resident overspend beyond 20%', () => {
    // employee: surplus 1,000,000.00 → reward 300,000.00; settled = 9,000,000.00 + 300,000.00
    // resident: overspend 1,500,000.00; cap r2(5,000,000.00 × 20%) = 1,000,000.00
    //   eligible 1,000,000.00; fund pays 500,000.00; hospital 1,000,000.00; settled 5,500,000.00
    const v = guangyuan2019({
      budget: { employee: '10000000.00', resident: '5000000.00' },
      actual: { employee: '9000000.00', resident: '6500000.00' },
    });
    expect(v).toEqual({
      'surplus.employee': '1000000.00',
      'reward.employee': '300000.00',
      'overspend.employee': '0.00',
      'eligibleOverspend.employee': '0.00',
      'fundPays.employee': '0.00',
      'hospitalBears.employee': '0.00',
      'settled.employee': '9300000.00',
      'surplus.resident': '0.00',
      'reward.resident': '0.00',
      'overspend.resident': '1500000.00',
      'eligibleOverspend.resident': '1000000.00',
      'fundPays.resident': '500000.00',
      'hospitalBears.resident': '1000000.00',
      'settled.resident': '5500000.00',
    });
  });

  it('rounding: reward 20% of 0.03 and half of an odd fen', () => {
    // employee: budget = actual → settled = budget + 0 = 1,234.56
    // resident: surplus 0.03 → reward r2(0.006) = 0.01; settled = 99.97 + 0.01 = 99.98
    expect(
      guangyuan2019({ budget: { employee: '1234.56', resident: 100 }, actual: { employee: 1234.56, resident: '99.97' } }),
    ).toMatchObject({ 'settled.employee': '1234.56', 'reward.resident': '0.01', 'settled.resident': '99.98' });
    // overspend 0.01 (within 20%): fund pays r2(0.005) = 0.01, hospital 0.00; settled 100.01
    expect(
      guangyuan2019({ budget: { employee: 0, resident: 100 }, actual: { employee: 0, resident: '100.01' } }),
    ).toMatchObject({ 'fundPays.resident': '0.01', 'hospitalBears.resident': '0.00', 'settled.resident': '100.01' });
  });
});

// =============================================================================================
describe('beijing-2012 — two readings', () => {
  it('overrun 4.23% (Tongren 2011): 8% either way', () => {
    // overrun 4,230,000.00 ≤ 10,000,000.00 → r2(4,230,000.00 × 8%) = 338,400.00
    for (const reading of ['marginal', 'whole'] as const) {
      expect(beijing2012({ budget: '100000000.00', actual: '104230000.00' }, { reading })).toEqual({
        overrun: '4230000.00',
        hospitalPays: '338400.00',
        fundPays: '3891600.00',
      });
    }
  });

  it('overrun 12%: marginal 8% + 15%, whole 15%', () => {
    // marginal: 10,000,000.00 × 8% + 2,000,000.00 × 15% = 800,000.00 + 300,000.00
    expect(beijing2012({ budget: '100000000.00', actual: '112000000.00' })).toEqual({
      overrun: '12000000.00',
      hospitalPays: '1100000.00',
      fundPays: '10900000.00',
    });
    // whole: 12,000,000.00 × 15% = 1,800,000.00
    expect(beijing2012({ budget: '100000000.00', actual: '112000000.00' }, { reading: 'whole' })).toMatchObject({
      hospitalPays: '1800000.00',
      fundPays: '10200000.00',
    });
  });

  it('exactly 10% is the lower tier; one fen more switches the whole reading', () => {
    expect(beijing2012({ budget: 1000, actual: 1100 }, { reading: 'whole' })).toMatchObject({ hospitalPays: '8.00' });
    // whole: r2(100.01 × 15%) = r2(15.0015) = 15.00; marginal: 8.00 + r2(0.0015) = 8.00
    expect(beijing2012({ budget: 1000, actual: '1100.01' }, { reading: 'whole' })).toMatchObject({
      hospitalPays: '15.00',
      fundPays: '85.01',
    });
    expect(beijing2012({ budget: 1000, actual: '1100.01' })).toMatchObject({ hospitalPays: '8.00', fundPays: '92.01' });
  });
});

// =============================================================================================
describe('drg-points — point value settlement', () => {
  const groups = [
    { id: 'G1', basePoints: 100, meanCost: '9000.00' },
    { id: 'G2', basePoints: '250.5', meanCost: '30000.00' },
  ];
  const hospitals = [
    { id: 'H1', coefficients: { G1: '1.2', G2: 1 } },
    { id: 'H2', coefficients: { G1: '1.1', G2: '1.1' } },
  ];
  const cases = [
    { hospital: 'H1', group: 'G1', cost: '9500.00' }, // complete: 100 × 1.2 = 120
    { hospital: 'H1', group: 'G1', cost: '3000.00', complete: false }, // 120 × 3,000/9,000 = 40
    { hospital: 'H1', group: 'G2', cost: '100.00', halved: true }, // 250.5 × 1 ÷ 2 = 125.25
    { hospital: 'H2', group: 'G1', cost: '1000.00', complete: false }, // 110 × 1/9 = 12.222…
    { hospital: 'H2', group: 'G2', cost: '1.00', complete: true }, // 250.5 × 1.1 = 275.55
    { hospital: 'H2', group: 'G2', cost: '40000.00', complete: false, halved: true }, // min(367.4, 275.55) ÷ 2 = 137.775
  ];

  it('exact points, non-terminating sums, point value and largest-remainder payments', () => {
    // H1 = 120 + 40 + 125.25 = 285.25
    // H2 = 110/9 + 275.55 + 137.775 = 3,829.925/9 = 425.547222…  (153197/360)
    // total = 285.25 + 425.547222… = 710.797222…  (255887/360)
    // reserve = 5% × 1,050,000.00 = 52,500.00; distributable 997,500.00
    // pointValue = 997,500 × 360 / 255,887 = 1,403.35382414894… → 1403.353824
    // payment H1 = 99,750,000 fen × 285.25 / (255887/360) = 40,030,667.83 fen → floor + 1 (.83 > .17)
    //         H2 = 59,719,332.17 fen → floor
    const input = { budget: '1050000.00', groups, hospitals, cases };
    const v = drgPoints(input);
    expect(v).toEqual({
      'points.H1': '285.25',
      'points.H2': '425.54722222222222222222',
      reserve: '52500.00',
      distributable: '997500.00',
      totalPoints: '710.79722222222222222222',
      pointValue: '1403.353824',
      'payment.H1': '400306.68',
      'payment.H2': '597193.32',
    });
    const pts = drgHospitalPoints(input);
    expect(pts.map((h) => h.points)).toEqual([rat(1141n, 4n), rat(153197n, 360n)]);
  });

  it('input reserveRate, a hospital without cases, terminating points', () => {
    // cases: H1 G2 complete 250.5; H1 G1 incomplete at exactly the mean: min(120 × 1, 120) = 120
    // total 370.5; reserve r2(1,000.00 × 2.5%) = 25.00; distributable 975.00
    // pointValue = 975 / 370.5 = 2.631578947… → 2.631579; payment all to H1
    const v = drgPoints({
      budget: 1000,
      reserveRate: '2.5%',
      groups,
      hospitals,
      cases: [
        { hospital: 'H1', group: 'G2', cost: '0.00' },
        { hospital: 'H1', group: 'G1', cost: '9000.00', complete: false, halved: false },
      ],
    });
    expect(v).toEqual({
      'points.H1': '370.5',
      'points.H2': '0',
      reserve: '25.00',
      distributable: '975.00',
      totalPoints: '370.5',
      pointValue: '2.631579',
      'payment.H1': '975.00',
      'payment.H2': '0.00',
    });
  });

  it('a hospital without a coefficient for a case group is an input error', () => {
    expect(() =>
      drgPoints({
        budget: 1000,
        groups,
        hospitals: [{ id: 'H1', coefficients: { G1: 1 } }],
        cases: [{ hospital: 'H1', group: 'G2', cost: 1 }],
      }),
    ).toThrow(InputError);
  });
});

// =============================================================================================
describe('guangxi — package, retention, reasonable overspend sharing', () => {
  const members = [
    { id: 'a', spending: '80000000.00', weight: 2 },
    { id: 'b', spending: '30000000.00', weight: '1' },
  ];
  const base = { insured: 200000, perCapita: '600.00', policyExpenses: '2000000.00', members };

  it('overspend beyond the 10% cap', () => {
    // gross 120,000,000.00; package 118,000,000.00; spending 110,000,000.00 + 20,000,000.00
    // overspend 12,000,000.00; cap r2(11,800,000.00); reasonable 11,800,000.00 → 5,900,000.00 each
    // excess 200,000.00; community bears 5,900,000.00 + 200,000.00 = 6,100,000.00
    expect(guangxi({ ...base, outOfCountySpending: '20000000.00' })).toEqual({
      gross: '120000000.00',
      package: '118000000.00',
      spending: '130000000.00',
      balance: '-12000000.00',
      surplus: '0.00',
      overspend: '12000000.00',
      retained: '0.00',
      'share.a': '0.00',
      'share.b': '0.00',
      reasonableCap: '11800000.00',
      reasonableOverspend: '11800000.00',
      fundShare: '5900000.00',
      communityShare: '5900000.00',
      excessOverspend: '200000.00',
      communityBears: '6100000.00',
    });
  });

  it('one fen of surplus, one fen of overspend', () => {
    // surplus 0.01 by 2:1 → exact 0.667, 0.333 fen → a
    expect(guangxi({ ...base, outOfCountySpending: '7999999.99' })).toMatchObject({
      retained: '0.01',
      'share.a': '0.01',
      'share.b': '0.00',
      communityBears: '0.00',
    });
    // overspend 0.01 by 1:1 → tie → fund
    expect(guangxi({ ...base, outOfCountySpending: '8000000.01' })).toMatchObject({
      overspend: '0.01',
      fundShare: '0.01',
      communityShare: '0.00',
      excessOverspend: '0.00',
      communityBears: '0.00',
    });
  });
});

// =============================================================================================
describe('guangdong-2025 — DOMAIN.md E0b', () => {
  const previousPayments = ['360000000.00', '372000000.00', '381000000.00'];
  it('year 1: mean of three years × 1.045 = 387,695,000.00 when the region grows ≥ 4.5%', () => {
    // mean = 1,113,000,000.00 / 3 = 371,000,000.00; × 1.045 = 387,695,000.00
    // actual 400,000,000.00 → overspend 12,305,000.00 ≤ cap 38,769,500.00 → 6,152,500.00 each
    for (const regionFundGrowth of ['0.06', '0.045', '4.5%']) {
      expect(
        guangdong2025({ reformYear: 1, previousPayments, lastYearBudget: 0, regionFundGrowth, actualSpending: '400000000.00' }),
      ).toEqual({
        growthApplied: '0.045',
        budget: '387695000.00',
        balance: '-12305000.00',
        surplus: '0.00',
        retained: '0.00',
        overspend: '12305000.00',
        reasonableCap: '38769500.00',
        reasonableOverspend: '12305000.00',
        fundShare: '6152500.00',
        communityShare: '6152500.00',
        communityBears: '6152500.00',
      });
    }
  });

  it('later years: last budget × (1 + min(g, region growth))', () => {
    // E0b: B₂ = 387,695,000.00 × 1.045 = 405,141,275.00
    expect(
      guangdong2025({ reformYear: 2, lastYearBudget: '387695000.00', regionFundGrowth: 0.05, actualSpending: '400000000.00' }),
    ).toMatchObject({ growthApplied: '0.045', budget: '405141275.00', surplus: '5141275.00', retained: '5141275.00' });
    // region growth 3% caps g: 387,695,000.00 × 1.03 = 399,325,850.00
    // actual 440,000,000.00: overspend 40,674,150.00; cap r2(39,932,585.00) → excess 741,565.00
    // community bears 19,966,292.50 + 741,565.00 = 20,707,857.50
    expect(
      guangdong2025({ reformYear: 3, lastYearBudget: '387695000.00', regionFundGrowth: '0.03', actualSpending: 440000000 }),
    ).toEqual({
      growthApplied: '0.03',
      budget: '399325850.00',
      balance: '-40674150.00',
      surplus: '0.00',
      retained: '0.00',
      overspend: '40674150.00',
      reasonableCap: '39932585.00',
      reasonableOverspend: '39932585.00',
      fundShare: '19966292.50',
      communityShare: '19966292.50',
      communityBears: '20707857.50',
    });
  });

  it('year 1 rounds the mean × factor once', () => {
    // (0.01 + 0.01 + 0.02) / 3 × 1.045 = 0.04 × 1.045 / 3 = 0.013933… → 0.01
    expect(
      guangdong2025({ reformYear: 1, previousPayments: ['0.01', '0.01', '0.02'], regionFundGrowth: '0.1', actualSpending: 0 }),
    ).toMatchObject({ budget: '0.01', surplus: '0.01' });
  });
});

// =============================================================================================
describe('arbitraries produce valid documents the reference settles consistently', () => {
  const m = (v: Record<string, string>, k: string) => d(v[k] as string);
  const fen = (s: string) => s.match(/^-?\d+\.\d\d$/) !== null;

  for (const preset of PRESET_IDS) {
    it(`${preset}`, () => {
      fc.assert(
        fc.property(arbitraries[preset], (doc) => {
          // the document is plain JSON
          expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
          const v = reference[preset](doc);
          const names = Object.keys(v);
          expect(names.length).toBeGreaterThan(0);
          for (const [k, s] of Object.entries(v)) {
            if (!/^(points\.|totalPoints|pointValue|growthApplied|basePoints|meanCost|allMean|groupMean)/.test(k)) expect(fen(s), `${k}=${s}`).toBe(true);
          }
          const shares = names.filter((k) => k.startsWith('share.')).map((k) => m(v, k));
          const total = shares.reduce(add, fromInt(0));
          switch (preset) {
            case 'yangxi':
              expect(compare(total, m(v, 'surplus'))).toBe(0);
              expect(compare(sub(m(v, 'package'), m(v, 'spending')), m(v, 'balance'))).toBe(0);
              expect(fmtMoney(add(add(m(v, 'riskFundUsed'), m(v, 'adjustmentFundUsed')), m(v, 'shortfall')))).toBe(v['overspend']);
              break;
            case 'suixi':
            case 'guangxi':
              expect(compare(total, m(v, 'retained'))).toBe(0);
              break;
            case 'drg-points': {
              const pays = names.filter((k) => k.startsWith('payment.')).map((k) => m(v, k));
              expect(fmtMoney(pays.reduce(add))).toBe(v['distributable']);
              break;
            }
            case 'zhejiang-drg': {
              const pays = names.filter((k) => k.startsWith('payment.')).map((k) => m(v, k));
              expect(fmtMoney(pays.reduce(add))).toBe(fmtMoney(toRat((doc as { budget: string }).budget)));
              break;
            }
            default:
              break;
          }
        }),
        { numRuns: 300 },
      );
    });
  }

  it('sanming/kunming/gaoping agree with each other on every document', () => {
    fc.assert(
      fc.property(arbitraries.sanming, (doc) => {
        expect(kunming(doc)).toEqual(sanming(doc));
        expect(gaoping(doc)).toEqual(sanming(doc));
      }),
      { numRuns: 50 },
    );
  });

  it('the arbitraries reach surplus, overspend and tier edges', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(arbitraries.shenzhen, (doc) => {
        const o = doc as { standard: string | number; actual: string | number };
        const ratio = div(sub(toRat(o.actual), toRat(o.standard)), toRat(o.standard));
        for (const edge of ['0.05', '0.1', '0']) {
          const c = compare(ratio, d(edge));
          seen.add(`${edge}:${c}`);
        }
      }),
      { numRuns: 2000 },
    );
    for (const edge of ['0.05', '0.1', '0']) for (const c of [-1, 0, 1]) expect(seen, `${edge}:${c}`).toContain(`${edge}:${c}`);

    // beijing: overrun exactly 10% of the budget and one fen either side
    const bj = new Set<string>();
    fc.assert(
      fc.property(arbitraries['beijing-2012'], (doc) => {
        const o = doc as { budget: string | number; actual: string | number };
        const edge = mul(toRat(o.budget), d('0.1'));
        const overrun = sub(toRat(o.actual), toRat(o.budget));
        const fenOff = sub(overrun, edge);
        if (compare(fenOff, d('-0.01')) === 0) bj.add('-1');
        if (compare(fenOff, d('0')) === 0) bj.add('0');
        if (compare(fenOff, d('0.01')) === 0) bj.add('+1');
      }),
      { numRuns: 2000 },
    );
    expect([...bj].sort()).toEqual(['+1', '-1', '0']);

    // guangyuan: overspend exactly r2(20% × budget) and one fen either side; suixi: scores 59.99/60/60.01
    const gy = new Set<string>();
    fc.assert(
      fc.property(arbitraries['guangyuan-2019'], (doc) => {
        const v = reference['guangyuan-2019'](doc);
        const o = doc as { budget: { resident: string | number } };
        const cap = fmtMoney(roundHalfUp(mul(toRat(o.budget.resident), d('0.2')), 2));
        const off = sub(d(v['overspend.resident'] as string), d(cap));
        if (compare(d(v['overspend.resident'] as string), fromInt(0)) > 0) gy.add(fmtExact(off).replace(/^(-?0\.01|0)$/, 'edge:$1'));
      }),
      { numRuns: 2000 },
    );
    for (const e of ['edge:-0.01', 'edge:0', 'edge:0.01']) expect(gy).toContain(e);

    const scores = new Set<string>();
    fc.assert(
      fc.property(arbitraries.suixi, (doc) => {
        const o = doc as { score: string | number; members: { score: string | number }[] };
        for (const sc of [o.score, ...o.members.map((m) => m.score)]) scores.add(fmtExact(toRat(sc)));
      }),
      { numRuns: 500 },
    );
    for (const e of ['59.99', '60', '60.01']) expect(scores).toContain(e);

    // drg: some hospitals' points do not terminate (incomplete cases), some are halved
    let nonTerminating = 0;
    fc.assert(
      fc.property(arbitraries['drg-points'], (doc) => {
        if (drgHospitalPoints(doc).some((h) => !isTerminating(h.points))) nonTerminating++;
      }),
      { numRuns: 500 },
    );
    expect(nonTerminating).toBeGreaterThan(10);

    // zhejiang-drg: cases at exactly 0.4 × and 0.8 × the group mean, on either side, and outliers dropped
    const bands = new Set<string>();
    fc.assert(
      fc.property(arbitraries['zhejiang-drg'], (doc) => {
        const o = doc as { history: unknown[]; cases: { group: string; cost: string }[] };
        const { groups } = zhejiangMeans(doc);
        for (const c of o.cases) {
          const ratio = div(toRat(c.cost), (groups.get(c.group) as { mean: Rat }).mean);
          for (const edge of ['0.4', '0.8']) bands.add(`${edge}:${compare(ratio, d(edge))}`);
        }
        if (zhejiangKept(doc) < o.history.length) bands.add('trimmed');
      }),
      { numRuns: 500 },
    );
    expect([...bands].sort()).toEqual(['0.4:-1', '0.4:0', '0.4:1', '0.8:-1', '0.8:0', '0.8:1', 'trimmed']);
  });
});
