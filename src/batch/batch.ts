/**
 * Many settlements at once on all cores: a year's communities under one scheme, or every preset
 * of a folder. Jobs go to worker threads in chunks (one message per chunk, not per settlement);
 * each thread compiles a rule file once. Results come back in the jobs' order and are the very
 * figures `settle` gives in this thread — a worker runs the same `readRuleFile` and `settle`.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { workerOptions } from './worker-options.js';
import { fail, makeIssue, ok, type Result } from '../issues/issue.js';
import { runChunk, type RuleCache } from './run-chunk.js';
import type { BatchChunk, BatchChunkResult, BatchJob, BatchOutcome, BatchRule } from './task.js';

export type { BatchJob, BatchOutcome, BatchRule } from './task.js';

/** How a batch runs. */
export interface BatchOptions {
  /** Worker threads (default: every core, `os.availableParallelism()`); 1 settles in this thread. */
  readonly threads?: number;
  /** Record figures (default false: a batch wants values, ledger and checks). */
  readonly trace?: boolean;
  /** Return each whole settlement (ledger, accounts, checks, figures), not only values and failed checks. */
  readonly whole?: boolean;
  /** Jobs per message to a worker (default: the batch cut in about eight pieces per thread, at most 256). */
  readonly chunkSize?: number;
  /** Called after each chunk with the jobs settled so far and the total, e.g. for a progress bar. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** One rule file and the jobs to settle under it. */
export interface BatchGroup {
  readonly rule: BatchRule;
  readonly jobs: readonly (BatchJob | string)[];
}

/** The most threads a batch starts, whatever the machine says. */
export const MAX_THREADS = 64;

/**
 * Settles every job under one rule file.
 *
 * @returns The results in the jobs' order, or the issue with the options themselves.
 * @example
 * const r = await settleBatch({ text: readFileSync('rules/yangxi.json', 'utf8') }, inputTexts);
 * if (r.ok) for (const one of r.value) if (one.ok) console.log(one.value.values['package']);
 */
export async function settleBatch(rule: BatchRule, jobs: readonly (BatchJob | string)[], options: BatchOptions = {}): Promise<Result<readonly Result<BatchOutcome>[]>> {
  const r = await settleGroups([{ rule, jobs }], options);
  return r.ok ? ok(r.value[0] ?? []) : r;
}

/** Settles several groups (rule file and its jobs) together; results per group, in order. */
export async function settleGroups(groups: readonly BatchGroup[], options: BatchOptions = {}): Promise<Result<readonly (readonly Result<BatchOutcome>[])[]>> {
  const pool = openBatchPool(options);
  if (!pool.ok) return pool;
  try {
    return await pool.value.settleGroups(groups, options);
  } finally {
    await pool.value.close();
  }
}

/**
 * Worker threads kept for many batches. A fresh thread runs its first thousands of settlements
 * on unoptimised code, so a service or a nightly job that settles batch after batch keeps one
 * pool open instead of paying that start each time.
 */
export interface BatchPool {
  readonly threads: number;
  /** Settles several groups on this pool; results per group, in order. */
  settleGroups(groups: readonly BatchGroup[], options?: BatchOptions): Promise<Result<readonly (readonly Result<BatchOutcome>[])[]>>;
  /** Stops the threads once the batches in flight are done. */
  close(): Promise<void>;
}

/** Opens a pool of `options.threads` worker threads (default: every core). */
export function openBatchPool(options: Pick<BatchOptions, 'threads'> = {}): Result<BatchPool> {
  const threads = options.threads ?? Math.min(availableParallelism(), MAX_THREADS);
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) return fail([makeIssue('wrong_type', 'options', '/threads', { expected: `a whole number of threads from 1 to ${MAX_THREADS}` })]);
  // One thread settles here: a worker would add copying and gain nothing.
  const pool = threads === 1 ? undefined : new Piscina<BatchChunk, BatchChunkResult>({ filename: new URL('./worker.js', import.meta.url).href, minThreads: threads, maxThreads: threads, ...workerOptions() });
  const cache: RuleCache = new Map();
  const run = (chunk: BatchChunk): Promise<BatchChunkResult> => (pool ? pool.run(chunk) : Promise.resolve(runChunk(chunk, cache)));
  return ok({
    threads,
    settleGroups: (groups, how = {}) => runGroups(groups, how, threads, run),
    close: async () => {
      await pool?.close();
    },
  });
}

async function runGroups(
  groups: readonly BatchGroup[],
  options: BatchOptions,
  threads: number,
  run: (chunk: BatchChunk) => Promise<BatchChunkResult>,
): Promise<Result<readonly (readonly Result<BatchOutcome>[])[]>> {
  const total = groups.reduce((n, g) => n + g.jobs.length, 0);
  const size = options.chunkSize ?? Math.max(1, Math.min(256, Math.ceil(total / (threads * 8))));
  if (!Number.isInteger(size) || size < 1) return fail([makeIssue('wrong_type', 'options', '/chunkSize', { expected: 'a whole number of jobs, at least 1' })]);
  const results = groups.map((g) => new Array<Result<BatchOutcome>>(g.jobs.length));
  let done = 0;
  const chunks = cut(groups, size, { trace: options.trace ?? false, whole: options.whole ?? false });
  await Promise.all(
    chunks.map(async (c) => {
      const r = await run(c.chunk);
      const into = results[c.group] as Result<BatchOutcome>[];
      r.forEach((one, i) => (into[c.start + i] = one));
      done += r.length;
      options.onProgress?.(done, total);
    }),
  );
  return ok(results);
}

interface Placed {
  readonly group: number;
  readonly start: number;
  readonly chunk: BatchChunk;
}

function cut(groups: readonly BatchGroup[], size: number, how: { readonly trace: boolean; readonly whole: boolean }): Placed[] {
  const out: Placed[] = [];
  groups.forEach((g, group) => {
    for (let start = 0; start < g.jobs.length; start += size) {
      const jobs = g.jobs.slice(start, start + size).map((j) => (typeof j === 'string' ? { input: j } : j));
      out.push({ group, start, chunk: { rule: g.rule, jobs, ...how } });
    }
  });
  return out;
}
