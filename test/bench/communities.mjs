// 3,099 community inputs for the Yangxi scheme (one per county-level division), as JSON text.
// Every community has county and town members, and about half end the year with a surplus,
// half overspent, so both branches and every split are exercised.
export function communityInputs(count = 3099) {
  const inputs = [];
  for (let c = 0; c < count; c++) {
    const n = 3 + (c % 9);
    const members = Array.from({ length: n }, (_, i) => {
      // Total spending of the members: 17.5–21.5 million yuan, in fen, shared among them.
      const fen = Math.floor((1_750_000_000 + ((c * 7919 + i * 104729) % 400_000_000)) / n);
      return { id: `m${i}`, level: i < Math.ceil(n / 3) ? 'county' : 'town', spending: `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`, weight: 1 + ((c + i) % 17) };
    });
    inputs.push(JSON.stringify({ insured: 20000 + c, perCapita: '980.00', policyExpenses: '500000.00', outOfCountySpending: '1000000.00', members }));
  }
  return inputs;
}
