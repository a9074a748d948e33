// drg-points with N generated cases read as a stream (settleStream): the CSV text is made piece by
// piece as it is read, as from a file or a pipe, so the process never holds the whole list.
// Prints time, peak memory (maxRSS of this process, which does nothing else) and the point value,
// and, for N ≤ 10^6, whether it equals settle() on the same rows given whole. Run by run.mjs.
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readRuleFile, settle, settleStream } from '../../dist/index.js';
import { settleStreamOnThreads } from '../../dist/batch/index.js';

const N = Number(process.argv[2] ?? 1_000_000);
const compare = process.argv.includes('--compare');
const threadsArg = process.argv.find((a) => a.startsWith('--threads='));
const threads = threadsArg ? Number(threadsArg.slice(10)) : 1;
const root = fileURLToPath(new URL('../../', import.meta.url));
const ruleText = readFileSync(`${root}rules/drg-points.json`, 'utf8');
const rules = readRuleFile(ruleText, { file: 'rules/drg-points.json' }).value;
if (!rules) throw new Error('rules/drg-points.json does not load');

const G = 600;
const H = 40;
const groups = Array.from({ length: G }, (_, g) => ({ id: `G${g}`, basePoints: `${50 + (g % 400)}.${g % 10}`, meanCost: `${8000 + g * 37}.00` }));
const hospitals = Array.from({ length: H }, (_, h) => ({
  id: `H${h}`,
  coefficients: Object.fromEntries(groups.map((g, k) => [g.id, (0.8 + ((h * 7 + k) % 40) / 100).toFixed(2)])),
}));
const input = { budget: '9876543210.00', reserveRate: '5%', groups, hospitals };

/** The case list as CSV text, 10,000 lines a piece (the same cases drg-million.mjs makes). */
function* csvPieces() {
  let seed = 12345;
  const rnd = (m) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % m);
  yield 'hospital,group,cost,complete,halved\n';
  for (let i = 0; i < N; i += 10_000) {
    const lines = [];
    for (let k = i; k < Math.min(N, i + 10_000); k++) {
      const complete = rnd(10) !== 0;
      lines.push(`H${rnd(H)},G${rnd(G)},${2000 + rnd(30000)}.${String(rnd(100)).padStart(2, '0')},${complete},${rnd(50) === 0}\n`);
    }
    yield lines.join('');
  }
}

async function* source() {
  for (const piece of csvPieces()) yield piece;
}

const t0 = process.hrtime.bigint();
const fileArg = process.argv.find((a) => a.startsWith('--file='))?.slice(7);
if (process.argv.includes('--write')) {
  // Writes the case list to --file= and stops: for runs that read it as a file, as a clerk's would be.
  writeFileSync(fileArg, [...csvPieces()].join(''));
  process.exit(0);
}
const stream = { table: 'cases', source: fileArg ? createReadStream(fileArg) : source(), file: 'cases.csv' };
const run = threads > 1 ? await settleStreamOnThreads({ text: ruleText, file: 'rules/drg-points.json' }, JSON.stringify(input), stream, { trace: false, threads }) : await settleStream(rules, input, stream, { trace: false });
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
if (!run.ok) throw new Error(JSON.stringify(run.issues.slice(0, 3)));
const peakMB = process.resourceUsage().maxRSS / 1024;
let same;
if (compare) {
  const whole = settle(rules, input, { trace: false, tables: { cases: { text: [...csvPieces()].join(''), file: 'cases.csv' } } });
  same = whole.ok && JSON.stringify(whole.value.values) === JSON.stringify(run.value.settlement.values);
}
const result = { cases: N, threads, ms, peakMB, rows: run.value.streamed.rows, pointValue: run.value.settlement.values['pointValue'], same };
if (process.argv.includes('--json')) console.log(JSON.stringify(result));
else console.log(`drg-points, ${N.toLocaleString('en')} cases streamed on ${threads} thread(s): ${ms.toFixed(0)} ms, peak memory ${peakMB.toFixed(0)} MB; pointValue ${result.pointValue}${same === undefined ? '' : `; same values as settle() on the whole list: ${same}`}`);
