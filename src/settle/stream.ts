/**
 * Settling with one table read as a stream: a case list of ten million rows is read a chunk at a
 * time, each chunk's rows go through the per-row steps and into the totals, and are dropped, so
 * memory stays bounded whatever the length. Each chunk is read by the same CSV and JSON readers as
 * a whole table, and its problems are reported at their line and row in the whole file.
 */
import type { TableValue, Value } from '../formula/types.js';
import { fail, makeIssue, ok, type Issue, type Result } from '../issues/issue.js';
import { escapePointerToken, member, type JsonObject } from '../json/read-json.js';
import { fileOption, settleArgumentsProblem } from './arguments.js';
import type { CompiledRuleFile, RuleFile } from './model.js';
import type { InputDecl } from './declarations.js';
import { readInputs } from './read-inputs.js';
import { rowSelectionIssues } from './row-results.js';
import { sha256Hex } from './fingerprint.js';
import type { TotalSums } from './plan.js';
import { finishRun, runSteps, startRun, stopIssue, type Run, type RunResult } from './run.js';
import { readSource, sourceFromValue, jsonText, positionOf, type SourceDoc } from './source.js';
import { streamPlan, type StreamPlan } from './stream-plan.js';
import { MAX_RECORD, NotUtf8Error, RecordTooLongError, recordChunks, type RecordChunk, type StreamFormat } from './stream-records.js';
import type { SettleOptions } from './settle.js';
import type { Position } from './types.js';

export type { StreamFormat } from './stream-records.js';

/** A table whose rows arrive as a stream: a file, standard input, an HTTP body. */
export interface TableStream {
  /** The declared table the rows belong to, e.g. `cases`. */
  readonly table: string;
  /** The table's text as it arrives: a Node stream, a web ReadableStream or any async iterable of text or bytes (UTF-8). */
  readonly source: AsyncIterable<string | Uint8Array>;
  /** `csv` (a header row of column names or labels, as `--table` reads) or `ndjson` (one row object a line). Default csv. */
  readonly format?: StreamFormat;
  /** The name used in issues (default `<table>.csv` or `<table>.ndjson`). */
  readonly file?: string;
}

/** Options of settleStream: settle's, and how many rows a chunk holds. */
export interface StreamOptions extends SettleOptions {
  /** Rows read, checked and settled at a time (default 20,000): memory grows with it, not with the table. */
  readonly chunkRows?: number;
  /** Called after each chunk with the rows settled so far. */
  readonly onProgress?: (rows: number) => void;
}

/** A streamed settlement: the settlement and what was read from the stream. */
export interface StreamedSettlement extends RunResult {
  readonly streamed: {
    readonly table: string;
    readonly file: string;
    readonly rows: number;
    /** SHA-256 of the streamed text, where the platform can hash a stream (Node). */
    readonly fingerprint: string | undefined;
  };
}

/** Rows a chunk holds unless `chunkRows` says otherwise. */
export const DEFAULT_CHUNK = 20_000;
/** Problems reported before reading stops. */
export const MAX_ISSUES = 100;

/**
 * Settles `input` with one table read from a stream. The rule must read that table only through
 * per-row steps and totals by key (as a DRG point scheme does); otherwise `stream_needs_rows`
 * names the step that needs the rows whole. Values, figures and checks are those settle() gives
 * for the same rows given whole.
 *
 * @example
 * const r = await settleStream(rules.value, inputText, { table: 'cases', source: createReadStream('cases.csv') });
 * if (r.ok) console.log(r.value.settlement.values['pointValue'], r.value.streamed.rows);
 */
export async function settleStream(rules: RuleFile, input: string | unknown, stream: TableStream, options: StreamOptions = {}): Promise<Result<StreamedSettlement>> {
  const misuse = streamProblem(stream, options);
  if (misuse) return fail([misuse]);
  const opened = openStream(rules, input, stream, options);
  if (!opened.ok) return opened;
  const session = opened.value;
  const fed = await feed(session, stream.source, options);
  if (!fed.ok) return fed;
  return closeStream(session, fed.value.sums, fed.value.rows, fed.value.fingerprint, options);
}

/** A streamed settlement under way: the steps before the table have run; its plan is known. */
export interface StreamSession {
  readonly run: Run;
  readonly plan: StreamPlan;
  readonly decl: Extract<InputDecl, { shape: 'table' }>;
  readonly doc: SourceDoc;
  readonly format: StreamFormat;
  /** The streamed table's file name in issues. */
  readonly file: string;
  /** SHA-256 of the input document. */
  readonly fingerprint: string;
}

/** Checks the arguments, reads the input document and runs the steps before the table's. */
export function openStream(rules: RuleFile, input: string | unknown, stream: Omit<TableStream, 'source'>, options: StreamOptions): Result<StreamSession> {
  const file = fileOption(options, 'input');
  const misuse = settleArgumentsProblem(rules, input, options, file);
  if (misuse) return fail([misuse]);
  const compiled = rules as CompiledRuleFile;
  const planned = streamPlan(compiled, stream.table, options.rows);
  if (!planned.ok) return fail([planned.issue]);
  const src = typeof input === 'string' ? readSource(input, file) : sourceFromValue(input, file);
  if (!src.ok) return fail([src.issue]);
  const format = stream.format ?? 'csv';
  const streamFile = stream.file ?? `${stream.table}.${format}`;
  const twice = givenTwice(src.doc, stream.table, streamFile, options);
  if (twice) return fail([twice]);
  const decl = compiled.decls.find((d) => d.name === stream.table) as Extract<InputDecl, { shape: 'table' }>;
  const others = compiled.decls.filter((d) => d !== decl);
  const read = readInputs(others, src.doc, compiled.doc, options.tables, options.unknownInputs);
  read.issues.push(...rowSelectionIssues(compiled, options.rows, file));
  const started = startRun(compiled, read.values, read.issues, options);
  if (!started.ok) return started;
  const run = started.value;
  run.slots[slotOf(compiled, stream.table)] = { rows: [], index: undefined };
  const before = runSteps(run, 0, planned.plan.first, src.doc, options);
  if (before) return fail([before]);
  const fingerprint = sha256Hex(typeof input === 'string' ? input : jsonText(src.doc.root));
  return ok({ run, plan: planned.plan, decl, doc: src.doc, format, file: streamFile, fingerprint });
}

/** Running sums for each total of the table, empty. */
export function startSums(session: StreamSession): Map<number, TotalSums> {
  const sums = new Map<number, TotalSums>();
  for (const s of session.plan.steps) if (s.role.role === 'total') sums.set(s.index, s.role.start(session.run.rc));
  return sums;
}

/** The totals' figures once every row is in, the steps after them, and the settlement. */
export function closeStream(session: StreamSession, sums: ReadonlyMap<number, TotalSums>, rows: number, streamFingerprint: string | undefined, options: StreamOptions): Result<StreamedSettlement> {
  const { run, plan, doc } = session;
  session.run.slots[slotOf(run.rules, plan.table)] = { rows: [], index: undefined };
  const after = finishSteps(run, plan, sums, doc, options);
  if (after) return fail([after]);
  const done = finishRun(run, doc, options, session.fingerprint, new Map([[plan.table, rows]]));
  if (!done.ok) return done;
  return ok({ ...done.value, streamed: { table: plan.table, file: session.file, rows, fingerprint: streamFingerprint } });
}

/** What is wrong with a stream and its options, if anything (`wrong_type` at the member). */
/** The issue a stream that stops being readable gives: bytes not UTF-8, or a record without end. */
export function streamStop(e: unknown, file: string): Issue {
  if (e instanceof NotUtf8Error) return makeIssue('file_not_text', file, '', {});
  if (e instanceof RecordTooLongError) return makeIssue('json_too_large', file, '', { limit: `${MAX_RECORD / (1 << 20)} MB in one record (from line ${e.line}; is a quote left open?)` }, { line: e.line, column: 1 });
  throw e;
}

export function streamProblem(stream: TableStream, options: StreamOptions): Issue | undefined {
  const wrong = (pointer: string, expected: string): Issue => makeIssue('wrong_type', 'stream', pointer, { expected });
  if (typeof stream !== 'object' || stream === null) return wrong('', 'a stream as { table, source, format?, file? }');
  if (typeof stream.table !== 'string') return wrong('/table', 'the name of a declared table');
  const source = stream.source as unknown;
  if (typeof source !== 'object' || source === null || typeof (source as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function') return wrong('/source', 'an async iterable of text or bytes (a Node stream, a ReadableStream)');
  if (stream.format !== undefined && stream.format !== 'csv' && stream.format !== 'ndjson') return wrong('/format', "'csv' or 'ndjson'");
  if (stream.file !== undefined && typeof stream.file !== 'string') return wrong('/file', 'a file name');
  const n = options.chunkRows;
  if (n !== undefined && (!Number.isInteger(n) || n < 1 || n > 1_000_000)) return makeIssue('wrong_type', 'options', '/chunkRows', { expected: 'a whole number of rows from 1 to 1,000,000' });
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') return makeIssue('wrong_type', 'options', '/onProgress', { expected: 'a function' });
  return undefined;
}

function givenTwice(doc: SourceDoc, table: string, streamFile: string, options: StreamOptions): Issue | undefined {
  const root = doc.root;
  const inDoc = root.type === 'object' && member(root, table) !== undefined;
  const inTables = options.tables !== undefined && Object.prototype.hasOwnProperty.call(options.tables, table);
  if (!inDoc && !inTables) return undefined;
  const first = inDoc ? `${doc.file} /${escapePointerToken(table)}` : (options.tables?.[table]?.file ?? `${table}.csv`);
  const offset = inDoc ? (root as JsonObject).keyOffsets[(root as JsonObject).keys.indexOf(table)] : undefined;
  return makeIssue('table_given_twice', inDoc ? doc.file : streamFile, inDoc ? `/${escapePointerToken(table)}` : '', { table, first, second: streamFile }, inDoc ? positionOf(doc, offset) : undefined);
}

function slotOf(rules: CompiledRuleFile, name: string): number {
  return (rules.globals.get(name) as { slot: number }).slot;
}

interface Fed {
  readonly rows: number;
  readonly sums: ReadonlyMap<number, TotalSums>;
  readonly fingerprint: string | undefined;
}

/** Reads the stream a chunk at a time and runs the table's steps on each chunk's rows. */
async function feed(session: StreamSession, source: AsyncIterable<string | Uint8Array>, options: StreamOptions): Promise<Result<Fed>> {
  const sums = startSums(session);
  const hash = streamHash();
  const chunker = new ChunkReader(session.run.rules, session.decl, session.format, session.file, options);
  const issues: Issue[] = [];
  try {
    for await (const chunk of recordChunks(hashed(source, hash), session.format, options.chunkRows ?? DEFAULT_CHUNK)) {
      const table = chunker.read(chunk, issues);
      if (issues.length >= MAX_ISSUES) break;
      if (!table || issues.length > 0) continue;
      const stop = runChunk(session, sums, table, chunker, options);
      if (stop) return fail([stop]);
      options.onProgress?.(chunker.rows);
    }
  } catch (e) {
    issues.push(streamStop(e, session.file));
  }
  chunker.end(issues);
  if (issues.length > 0) return fail(issues as [Issue, ...Issue[]]);
  return ok({ rows: chunker.rows, sums, fingerprint: hash?.digest() });
}

/** The chunked steps on one chunk's rows; a stop is reported at its row in the whole file. */
export function runChunk(session: StreamSession, sums: ReadonlyMap<number, TotalSums>, table: TableValue, chunker: ChunkReader, options: StreamOptions): Issue | undefined {
  const { run, plan, doc } = session;
  run.slots[slotOf(run.rules, plan.table)] = table;
  run.env.work.n = 0;
  try {
    for (const s of plan.steps) {
      run.current = s.op.pointer;
      if (s.role.role === 'rows') s.op.run(run.rc);
      else s.role.add(run.rc, sums.get(s.index) as TotalSums, table);
    }
    return undefined;
  } catch (e) {
    // The stop names the row it ran for: in the chunk's CSV text, or its JSON list for NDJSON.
    const csv = chunker.lastCsv();
    const where = csv ? stopIssue(run, e, doc, { ...options, tables: { ...options.tables, [plan.table]: csv } }) : stopIssue(run, e, chunker.lastDoc() ?? doc, options);
    return chunker.relocate(where);
  }
}

/** The totals' figures once every chunk is in, then the steps after them. */
function finishSteps(run: Run, plan: StreamPlan, sums: ReadonlyMap<number, TotalSums>, doc: SourceDoc, options: StreamOptions): Issue | undefined {
  try {
    for (const s of plan.steps) {
      run.current = s.op.pointer;
      if (s.role.role === 'total') s.role.finish(run.rc, sums.get(s.index) as TotalSums);
    }
  } catch (e) {
    return stopIssue(run, e, doc, options);
  }
  return runSteps(run, plan.last + 1, run.rules.ops.length, doc, options);
}

/**
 * Reads chunks of records into tables with the whole-table readers: a CSV chunk is the header
 * and its records, an NDJSON chunk a JSON list of its rows, one a line. Problems are moved from
 * the chunk's text to the whole file's lines and rows.
 */
export class ChunkReader {
  rows = 0;
  private header: string | undefined;
  private headerLines = 1;
  private chunkText = '';
  private chunkLine = 1;
  private chunkRowBase = 0;
  private readonly keys = new Map<string, number>();

  constructor(
    private readonly rules: CompiledRuleFile,
    private readonly decl: Extract<InputDecl, { shape: 'table' }>,
    private readonly format: StreamFormat,
    private readonly file: string,
    private readonly options: StreamOptions,
  ) {}

  /** The CSV header (the first chunk of a CSV stream), for a reader that starts further on. */
  setHeader(text: string): void {
    this.header = text;
    this.headerLines = 1 + countLines(text);
  }

  read(chunk: RecordChunk, issues: Issue[]): TableValue | undefined {
    if (this.format === 'csv' && this.header === undefined) {
      this.setHeader(chunk.text);
      return undefined;
    }
    if (chunk.rows === 0) return undefined;
    this.chunkLine = chunk.line;
    this.chunkRowBase = this.rows;
    const table = this.format === 'csv' ? this.readCsv(chunk.text, issues) : this.readNdjson(chunk.text, issues);
    // Rows are counted whether or not the chunk reads, so later problems keep their row numbers.
    this.rows += chunk.rows;
    if (table) this.checkKeys(table, issues);
    return table;
  }

  /** A stream with no rows at all (or only a header) is an empty table. */
  end(issues: Issue[]): void {
    if (issues.length === 0 && this.format === 'csv' && this.header === undefined) issues.push(makeIssue('json_empty', this.file, '', {}));
  }

  /** The last CSV chunk's text, for locating a row in it (undefined for NDJSON). */
  lastCsv(): { readonly text: string; readonly file: string } | undefined {
    return this.format === 'csv' ? { text: this.chunkText, file: this.file } : undefined;
  }

  /** The last NDJSON chunk as a document, for locating a row in it. */
  lastDoc(): SourceDoc | undefined {
    return this.chunkDoc;
  }

  private readCsv(text: string, issues: Issue[]): TableValue | undefined {
    this.chunkText = `${this.header as string}\n${text}`;
    const empty: SourceDoc = { file: this.file, text: '{}', root: { type: 'object', offset: 0, keys: [], keyOffsets: [], values: [] }, lines: undefined };
    return this.readChunk(empty, { [this.decl.name]: { text: this.chunkText, file: this.file } }, issues);
  }

  private readNdjson(text: string, issues: Issue[]): TableValue | undefined {
    // Blank lines carry no row; each row keeps a line of its own, so lines map back one to one.
    const lines: number[] = [];
    const rows: string[] = [];
    text.split('\n').forEach((r, i) => {
      if (r.trim() === '') return;
      rows.push(r);
      lines.push(this.chunkLine + i);
    });
    if (rows.length === 0) return undefined;
    this.ndjsonLines = lines;
    this.chunkText = `{${JSON.stringify(this.decl.name)}:[\n${rows.join(',\n')}\n]}`;
    const src = readSource(this.chunkText, this.file);
    if (!src.ok) {
      issues.push(this.relocate(src.issue));
      return undefined;
    }
    this.chunkDoc = src.doc;
    return this.readChunk(src.doc, undefined, issues);
  }

  private ndjsonLines: readonly number[] = [];
  private chunkDoc: SourceDoc | undefined;

  private readChunk(doc: SourceDoc, tables: Readonly<Record<string, { readonly text: string; readonly file: string }>> | undefined, issues: Issue[]): TableValue | undefined {
    const r = readInputs([this.decl], doc, this.rules.doc, tables, this.options.unknownInputs);
    for (const i of r.issues) issues.push(this.relocate(i));
    const v: Value | undefined = r.values.get(this.decl.name);
    return r.issues.length === 0 ? (v as TableValue | undefined) : undefined;
  }

  /** A key seen in an earlier chunk is a duplicate too. */
  private checkKeys(table: TableValue, issues: Issue[]): void {
    const key = this.decl.table.key;
    if (!key) return;
    table.rows.forEach((row, i) => {
      const k = String(row[key]);
      const first = this.keys.get(k);
      const r = this.chunkRowBase + i;
      if (first !== undefined && first !== r) issues.push(makeIssue('duplicate_key', this.file, `/${r}/${escapePointerToken(key)}`, { key: k, first: first + 1 }));
      else this.keys.set(k, r);
    });
  }

  /** An issue found in the chunk's text, moved to its line and row in the whole file. */
  relocate(issue: Issue): Issue {
    if (issue.file !== this.file) return issue;
    const pointer = this.pointerInFile(issue.pointer);
    const at = issue.at ? this.positionInFile(issue.at) : undefined;
    const params: Record<string, string | number> = { ...issue.params };
    if (typeof params['line'] === 'number' || (typeof params['line'] === 'string' && /^\d+$/.test(params['line']))) params['line'] = this.lineInFile(Number(params['line']));
    if (typeof params['row'] === 'string' && at) params['row'] = `${this.file}:${at.line}`;
    if (issue.code === 'duplicate_key' && typeof params['first'] === 'number') params['first'] += this.chunkRowBase;
    return makeIssue(issue.code, issue.file, pointer, params, at);
  }

  private pointerInFile(pointer: string): string {
    const parts = pointer.split('/');
    // CSV rows are "/r/…"; an NDJSON chunk's are "/<table>/r/…": both become the row in the file.
    const at = this.format === 'csv' ? 1 : 2;
    const r = parts[at];
    if (r === undefined || !/^\d+$/.test(r)) return this.format === 'csv' ? pointer : `/${parts.slice(2).join('/')}`.replace(/^\/$/, '');
    return ['', String(Number(r) + this.chunkRowBase), ...parts.slice(at + 1)].join('/');
  }

  private lineInFile(line: number): number {
    if (this.format === 'csv') return line <= this.headerLines ? line : this.chunkLine + line - 1 - this.headerLines;
    return this.ndjsonLines[line - 2] ?? this.chunkLine;
  }

  private positionInFile(at: Position): Position {
    return { line: this.lineInFile(at.line), column: at.column };
  }
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export interface StreamHash {
  update(bytes: string | Uint8Array): void;
  digest(): string;
}

/** Node's incremental SHA-256 of the streamed text, found as fingerprint.ts finds Node's hash. */
export function streamHash(): StreamHash | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const crypto = proc?.getBuiltinModule?.('node:crypto') as { createHash?: (a: 'sha256') => { update(d: string | Uint8Array): void; digest(e: 'hex'): string } } | undefined;
  if (typeof crypto?.createHash !== 'function') return undefined;
  const h = crypto.createHash('sha256');
  return { update: (b) => h.update(b), digest: () => h.digest('hex') };
}

export async function* hashed(source: AsyncIterable<string | Uint8Array>, hash: StreamHash | undefined): AsyncGenerator<string | Uint8Array> {
  for await (const piece of source) {
    hash?.update(piece);
    yield piece;
  }
}
