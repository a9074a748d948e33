// A Yangxi input with many member units — by default 2,000 (300 county hospitals, 1,700 town
// health centres) — as the browser tests and the benchmarks use it: the example's other inputs,
// spending between 40,000.00 and 130,000.00 yuan (or the range given, in fen) with two
// decimals, weights 1–17. Deterministic.
import { readFileSync } from 'node:fs';

export const COUNTY_MEMBERS = 300;
export const TOWN_MEMBERS = 1700;

/** The input document's text. */
export function yangxiWithMembers(root, county = COUNTY_MEMBERS, town = TOWN_MEMBERS, lowest = 4_000_000, spread = 9_000_000) {
  const example = JSON.parse(readFileSync(`${root}rules/examples/yangxi.input.json`, 'utf8'));
  const members = [];
  for (let i = 1; i <= county + town; i++) {
    const isCounty = i <= county;
    const cents = lowest + ((i * 7_919_993) % spread);
    members.push({
      id: `${isCounty ? 'county' : 'town'}-${String(i).padStart(4, '0')}`,
      level: isCounty ? 'county' : 'town',
      spending: `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
      weight: 1 + (i % 17),
    });
  }
  return JSON.stringify({ ...example, members }, null, 2);
}
