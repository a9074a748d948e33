// drg-points with 10^6 generated cases read from CSV: time and peak memory (maxRSS of this
// process, which does nothing else). Run by run.mjs in a child process.
import { readFileSync } from 'node:fs';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { readRuleFile, settle } from '../../dist/index.js';

const N = Number(process.argv[2] ?? 1_000_000);
const root = fileURLToPath(new URL('../../', import.meta.url));
const rules = readRuleFile(readFileSync(`${root}rules/drg-points.json`, 'utf8'), { file: 'rules/drg-points.json' }).value;
if (!rules) throw new Error('rules/drg-points.json does not load');

const G = 600;
const H = 40;
const groups = Array.from({ length: G }, (_, g) => ({ id: `G${g}`, basePoints: `${50 + (g % 400)}.${g % 10}`, meanCost: `${8000 + g * 37}.00` }));
const hospitals = Array.from({ length: H }, (_, h) => ({
  id: `H${h}`,
  coefficients: Object.fromEntries(groups.map((g, k) => [g.id, (0.8 + ((h * 7 + k) % 40) / 100).toFixed(2)])),
}));
let seed = 12345;
const rnd = (m) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % m);
// Built in chunks, so the heap holds the CSV text, as after reading a file, and not also a
// million line strings for the collector to walk through during the settlement.
const chunks = ['hospital,group,cost,complete,halved'];
for (let i = 0; i < N; i += 10_000) {
  const lines = [];
  for (let k = i; k < Math.min(N, i + 10_000); k++) {
    const complete = rnd(10) !== 0;
    lines.push(`H${rnd(H)},G${rnd(G)},${2000 + rnd(30000)}.${String(rnd(100)).padStart(2, '0')},${complete},${rnd(50) === 0}`);
  }
  chunks.push(lines.join('\n'));
}
const csv = chunks.join('\n');
chunks.length = 0;
const input = JSON.stringify({ budget: '9876543210.00', reserveRate: '5%', groups, hospitals });
// Garbage collection during the settlement, from the runtime's own GC entries.
const gc = [];
new PerformanceObserver((list) => gc.push(...list.getEntries())).observe({ entryTypes: ['gc'] });
const before = process.memoryUsage().rss;
const start = performance.now();
const t0 = process.hrtime.bigint();
const run = settle(rules, input, { trace: false, tables: { cases: { text: csv, file: 'cases.csv' } } });
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const end = performance.now();
if (!run.ok) throw new Error(JSON.stringify(run.issues.slice(0, 3)));
const peak = process.resourceUsage().maxRSS / 1024;
const payments = Object.keys(run.value.values).filter((k) => k.startsWith('payment.')).length;
await new Promise((resolve) => setTimeout(resolve, 50)); // GC entries are delivered after the fact
const gcMs = gc.filter((e) => e.startTime >= start && e.startTime <= end).reduce((a, e) => a + e.duration, 0);
const result = { cases: N, csvMB: (csv.length / 1e6).toFixed(0), csvMemMB: (csv.length * 2 / 1e6).toFixed(0), hospitals: H, groups: G, ms, gcMs, peakMB: peak, beforeMB: before / 1024 / 1024, payments, pointValue: run.value.values['pointValue'] };
if (process.argv.includes('--json')) console.log(JSON.stringify(result));
else {
  console.log(`drg-points, ${N.toLocaleString('en')} cases from CSV (${result.csvMB} MB), ${H} hospitals, ${G} groups, trace off:`);
  console.log(`  settle ${ms.toFixed(0)} ms, of which garbage collection ${gcMs.toFixed(0)} ms; peak memory ${peak.toFixed(0)} MB (${result.beforeMB.toFixed(0)} MB before, CSV text ${result.csvMemMB} MB in memory); ${payments} payments; pointValue ${result.pointValue}`);
}
