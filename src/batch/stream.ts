/**
 * A streamed case list settled on several threads: the calling thread cuts the stream into
 * chunks and hands them out; each worker reads its chunk, runs the per-row steps and returns
 * the chunk's running sums, which are exact and so add up in any order. Values, figures and
 * problems are those of settleStream on one thread (property tests hold the two together).
 */
import { Piscina } from 'piscina';
import { workerOptions } from './worker-options.js';
import { fail, makeIssue, type Issue, type Result } from '../issues/issue.js';
import { readRuleFile } from '../settle/settle.js';
import { closeStream, DEFAULT_CHUNK, hashed, MAX_ISSUES, openStream, settleStream, startSums, streamHash, streamProblem, streamStop, type StreamedSettlement, type StreamOptions, type TableStream } from '../settle/stream.js';
import { recordChunks } from '../settle/stream-records.js';
import type { BatchRule } from './task.js';
import { mergeSums, type StreamTask, type StreamTaskResult } from './stream-chunk.js';

/** settleStream's options, and the threads to use (default 2 where there are 2 cores or more). */
export interface StreamThreadsOptions extends StreamOptions {
  readonly threads?: number;
}

/**
 * Settles `input` with one table read from a stream, its chunks on worker threads. The rule is
 * given as text (each worker compiles it); the input as JSON text. A table with a key column
 * (whose keys must be unique across chunks) is settled on one thread.
 *
 * @example
 * const r = await settleStreamOnThreads({ text: ruleText, file: 'rules/drg-points.json' }, yearText, { table: 'cases', source: createReadStream('cases.csv') }, { threads: 2 });
 */
export async function settleStreamOnThreads(rule: BatchRule, input: string, stream: TableStream, options: StreamThreadsOptions = {}): Promise<Result<StreamedSettlement>> {
  const threads = options.threads ?? 2;
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) return fail([makeIssue('wrong_type', 'options', '/threads', { expected: 'a whole number of threads from 1 to 64' })]);
  if (typeof input !== 'string') return fail([makeIssue('wrong_type', 'input', '', { expected: 'the input document as JSON text' })]);
  const misuse = streamProblem(stream, options);
  if (misuse) return fail([misuse]);
  const ruleFile = rule.file ?? 'rules.json';
  const rules = readRuleFile(rule.text, { file: ruleFile });
  if (!rules.ok) return rules;
  const opened = openStream(rules.value, input, stream, options);
  if (!opened.ok) return opened;
  const session = opened.value;
  if (threads === 1 || session.decl.table.key) return settleStream(rules.value, input, stream, options);
  const pool = new Piscina<StreamTask, StreamTaskResult>({ filename: new URL('./stream-worker.js', import.meta.url).href, minThreads: threads, maxThreads: threads, ...workerOptions() });
  const sums = startSums(session);
  const hash = streamHash();
  const reading: Issue[] = [];
  const stops: Issue[] = [];
  const pending = new Set<Promise<void>>();
  let header: string | undefined;
  let rowBase = 0;
  let done = 0;
  const { onProgress: _p, rows: _r, ...settleOptions } = options;
  try {
    for await (const chunk of recordChunks(hashed(stream.source, hash), session.format, options.chunkRows ?? DEFAULT_CHUNK)) {
      if (session.format === 'csv' && header === undefined) {
        header = chunk.text;
        continue;
      }
      const task: StreamTask = { rule: { text: rule.text, file: ruleFile }, input, table: session.plan.table, format: session.format, file: session.file, options: settleOptions, header, chunk, rowBase };
      rowBase += chunk.rows;
      const p: Promise<void> = pool.run(task).then((r) => {
        if (r.ok) mergeSums(sums, r.sums);
        else (r.issues.length === 1 && !isReading(r.issues[0] as Issue) ? stops : reading).push(...r.issues);
        done += chunk.rows;
        options.onProgress?.(done);
      });
      pending.add(p);
      void p.finally(() => pending.delete(p));
      if (pending.size >= threads * 2) await Promise.race(pending);
      if (reading.length >= MAX_ISSUES) break;
    }
    await Promise.all(pending);
  } catch (e) {
    await Promise.allSettled(pending);
    reading.push(streamStop(e, session.file));
  } finally {
    await pool.destroy();
  }
  if (reading.length === 0 && stops.length === 0 && session.format === 'csv' && header === undefined) reading.push(makeIssue('json_empty', session.file, '', {}));
  const problems = firstProblems(reading, stops);
  if (problems) return fail(problems);
  return closeStream(session, sums, rowBase, hash?.digest(), options);
}

/** A problem found reading a row (as opposed to a stop while settling it): located in the stream's file. */
function isReading(issue: Issue): boolean {
  return issue.code !== 'unknown_key' && issue.code !== 'division_by_zero' && issue.code !== 'work_limit' && issue.code !== 'not_a_number' && issue.code !== 'not_integer';
}

/**
 * What one thread would report: reading goes on after a problem but settling stops, so the
 * first stop counts only when it comes before every reading problem; then it is the only one.
 */
function firstProblems(reading: Issue[], stops: Issue[]): Issue[] | undefined {
  const line = (i: Issue): number => i.at?.line ?? Number.MAX_SAFE_INTEGER;
  reading.sort((a, b) => line(a) - line(b));
  stops.sort((a, b) => line(a) - line(b));
  const stop = stops[0];
  if (stop && (reading.length === 0 || line(stop) < line(reading[0] as Issue))) return [stop];
  return reading.length > 0 ? reading.slice(0, MAX_ISSUES) : undefined;
}
