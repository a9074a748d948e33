/**
 * One chunk of a streamed table settled by a worker thread: its rows read, checked and put
 * through the per-row steps, and summed into fresh running sums that travel back as decimal text
 * (exact sums add in any order, so the calling thread merges them as they come).
 */
import type { Issue, Result } from '../issues/issue.js';
import { Exact } from '../money/exact.js';
import type { TotalSums } from '../settle/plan.js';
import { readRuleFile, type SettleOptions } from '../settle/settle.js';
import { ChunkReader, openStream, runChunk, startSums, type StreamSession } from '../settle/stream.js';
import type { RecordChunk, StreamFormat } from '../settle/stream-records.js';

/** What the calling thread sends: the settlement's parts (each worker opens it once) and one chunk. */
export interface StreamTask {
  readonly rule: { readonly text: string; readonly file: string };
  readonly input: string;
  readonly table: string;
  readonly format: StreamFormat;
  readonly file: string;
  readonly options: Pick<SettleOptions, 'file' | 'parameters' | 'tables' | 'unknownInputs'>;
  /** The CSV header line(s), for CSV. */
  readonly header: string | undefined;
  readonly chunk: RecordChunk;
  /** Rows of the table before this chunk. */
  readonly rowBase: number;
}

/** A total's running sums as text: by key, with the rows counted. */
export interface SumsText {
  readonly index: number;
  readonly sums: readonly (readonly [string, string])[];
  readonly counts: readonly (readonly [string, number])[];
  readonly rows: number;
}

/** A chunk's outcome: its sums, or the problems in it (at their lines in the whole file). */
export type StreamTaskResult = { readonly ok: true; readonly sums: readonly SumsText[] } | { readonly ok: false; readonly issues: readonly Issue[] };

/** Sessions by rule, input and options: a worker opens a settlement once for all its chunks. */
const sessions = new Map<string, Result<StreamSession>>();

function session(task: StreamTask): Result<StreamSession> {
  const key = JSON.stringify([task.rule, task.input, task.table, task.format, task.file, task.options]);
  let s = sessions.get(key);
  if (!s) {
    const rules = readRuleFile(task.rule.text, { file: task.rule.file });
    s = rules.ok ? openStream(rules.value, task.input, { table: task.table, format: task.format, file: task.file }, task.options) : rules;
    if (sessions.size >= 8) sessions.clear();
    sessions.set(key, s);
  }
  return s;
}

/** Settles one chunk's rows into fresh sums. */
export function streamChunk(task: StreamTask): StreamTaskResult {
  const s = session(task);
  if (!s.ok) return { ok: false, issues: s.issues };
  const chunker = new ChunkReader(s.value.run.rules, s.value.decl, task.format, task.file, task.options);
  if (task.header !== undefined) chunker.setHeader(task.header);
  chunker.rows = task.rowBase;
  const issues: Issue[] = [];
  const table = chunker.read(task.chunk, issues);
  if (issues.length > 0) return { ok: false, issues };
  const sums = startSums(s.value);
  if (table) {
    const stop = runChunk(s.value, sums, table, chunker, task.options);
    if (stop) return { ok: false, issues: [stop] };
  }
  return { ok: true, sums: [...sums].map(([index, t]) => sumsText(index, t)) };
}

function sumsText(index: number, t: TotalSums): SumsText {
  return { index, sums: [...t.sums].map(([k, v]) => [k, v.value().toString()] as const), counts: [...t.counts], rows: t.rows };
}

/** Adds a chunk's sums into the calling thread's. */
export function mergeSums(into: ReadonlyMap<number, TotalSums>, parts: readonly SumsText[]): void {
  for (const p of parts) {
    const t = into.get(p.index);
    if (!t) continue;
    for (const [k, v] of p.sums) t.sums.get(k)?.add(new Exact(v));
    for (const [k, n] of p.counts) t.counts.set(k, (t.counts.get(k) ?? 0) + n);
    t.rows += p.rows;
  }
}
