// The settlement service under load: POST /v1/settle (Yangxi, 11 members, trace off) from
// autocannon against `yibao-settle serve` on localhost, in a child process of its own.
// Reports throughput, latency p50/p99, errors, the service's memory over the run, and the
// overhead over an in-process settle() of the same text. BENCH_SERVICE_SECONDS sets the length
// of the loaded run (default 10; 60 for the sustained figure). Run by run.mjs; nothing asserted.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { readRuleFile, settle } from '../../dist/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const seconds = Number(process.env.BENCH_SERVICE_SECONDS ?? 10);
const input = readFileSync(`${root}rules/examples/yangxi.input.json`, 'utf8').trimEnd();
const body = `{"rules":"yangxi","trace":false,"input":${input}}`;

/** µs per in-process settle() of the same input text: the median of 9 rounds after a warm-up. */
function inProcessMicros() {
  const rules = readRuleFile(readFileSync(`${root}rules/yangxi.json`, 'utf8'), { file: 'rules/yangxi.json' }).value;
  const round = (ms) => {
    let n = 0;
    const t0 = process.hrtime.bigint();
    while (process.hrtime.bigint() - t0 < BigInt(ms) * 1_000_000n) {
      settle(rules, input, { trace: false });
      n++;
    }
    return Number(process.hrtime.bigint() - t0) / 1000 / n;
  };
  round(1000);
  const rounds = Array.from({ length: 9 }, () => round(200)).sort((a, b) => a - b);
  return rounds[4];
}

/** The service's resident memory (MB), from /proc: the whole process, worker threads included. */
function rssMB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

function startService() {
  const proc = spawn(process.execPath, [`${root}dist/cli.js`, 'serve', '--port', '0', '--queue', '4096'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.includes('"listening"'));
      if (line) {
        // The request log is not read from here on; drain it so the pipe never fills.
        proc.stdout.off('data', onData);
        proc.stdout.resume();
        resolve({ proc, url: JSON.parse(line).url });
      }
    };
    proc.stdout.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`the service exited with ${code}`)));
  });
}

/** Latencies (µs) of `n` requests one after another on one kept-alive connection. */
async function sequential(url, n) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const once = () =>
    new Promise((resolve, reject) => {
      const t0 = process.hrtime.bigint();
      const req = request(`${url}/v1/settle`, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve(Number(process.hrtime.bigint() - t0) / 1000) : reject(new Error(`HTTP ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
  const out = [];
  for (let i = 0; i < n; i++) out.push(await once());
  agent.destroy();
  return out.sort((a, b) => a - b);
}

const load = (url, connections, duration) =>
  autocannon({ url: `${url}/v1/settle`, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections, duration });

const micros = inProcessMicros();
const { proc, url } = await startService();
const threads = availableParallelism();
const connections = 4 * threads;
await load(url, connections, 5); // warm-up: threads started, code optimised, heaps grown
const oneByOne = await sequential(url, 3000);
const p = (xs, q) => xs[Math.min(xs.length - 1, Math.floor(xs.length * q))];
const samples = [];
const sampler = setInterval(() => samples.push(rssMB(proc.pid)), 1000);
samples.push(rssMB(proc.pid));
const run = await load(url, connections, seconds);
clearInterval(sampler);
samples.push(rssMB(proc.pid));
proc.kill('SIGTERM');

const errors = run.errors + run.timeouts + run.non2xx;
const third = Math.max(1, Math.floor(samples.length / 3));
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const first = mean(samples.slice(0, third));
const last = mean(samples.slice(-third));
// Per request, one thread's time: threads ÷ throughput, beside one in-process settle().
const perRequestMicros = (threads / run.requests.average) * 1e6;
console.log(`service: POST /v1/settle (Yangxi, 11 members, trace off), autocannon on localhost, ${threads} worker threads, ${connections} connections, ${seconds} s:`);
console.log(`  throughput ${run.requests.average.toFixed(0)} req/s (${run.requests.total} requests); latency p50 ${run.latency.p50} ms, p99 ${run.latency.p99} ms; errors ${errors}${errors > 0 ? ' ERRORS' : ''}`);
const every = Math.max(1, Math.round(samples.length / 12));
const series = samples.filter((_, i) => i % every === 0).map((x) => x.toFixed(0));
console.log(`  memory (RSS) ${first.toFixed(0)} MB on average in the first third, ${last.toFixed(0)} MB in the last (${(last - first >= 0 ? '+' : '') + (last - first).toFixed(0)} MB); every ${every} s: ${series.join(' ')} MB`);
console.log(`  in-process settle() of the same text ${micros.toFixed(0)} µs; the service per request per thread ${perRequestMicros.toFixed(0)} µs = ${(perRequestMicros / micros).toFixed(1)}×; one request at a time: p50 ${p(oneByOne, 0.5).toFixed(0)} µs = ${(p(oneByOne, 0.5) / micros).toFixed(1)}×, p99 ${p(oneByOne, 0.99).toFixed(0)} µs (HTTP, reading the body, the hand-off to a thread)`);
console.log('  (autocannon runs on the same machine and takes a core of its own)');
