/**
 * A table's text as it arrives (bytes or text pieces of any size) cut into chunks of whole
 * records: CSV records may hold quoted line breaks; NDJSON has one row a line. Each chunk knows the
 * line its first record starts on and how many rows came before it, so that a problem in it is
 * reported at its line in the whole file.
 */

/** The formats a streamed table may come in. */
export type StreamFormat = 'csv' | 'ndjson';

/** Whole records of a table's text, in order. */
export interface RecordChunk {
  /** The records, each without its line break; blank ones kept, so lines can be counted. */
  readonly records: readonly string[];
  /** 1-based line of the first record. */
  readonly line: number;
}

/** Bytes that are not UTF-8: the text stops there. */
export class NotUtf8Error extends Error {}

/**
 * Cuts the arriving text into chunks of at most `size` records (a CSV header is a record like
 * any other). Bytes are decoded as UTF-8 (a BOM is dropped); a `\r` before a line break goes.
 */
export async function* recordChunks(source: AsyncIterable<string | Uint8Array>, format: StreamFormat, size: number): AsyncGenerator<RecordChunk> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  let line = 1;
  let records: string[] = [];
  let firstLine = 1;
  let started = false;
  // Quote count of the CSV record being gathered so far (odd: a quoted field is still open).
  let quotes = 0;
  let scanned = 0;
  const take = (record: string, lines: number): void => {
    if (records.length === 0) firstLine = line;
    records.push(record.endsWith('\r') ? record.slice(0, -1) : record);
    line += lines;
  };
  const cut = function* (final: boolean): Generator<RecordChunk> {
    let from = 0;
    let nl = pending.indexOf('\n', scanned);
    while (nl >= 0 || (final && from < pending.length)) {
      const end = nl >= 0 ? nl : pending.length;
      if (format === 'csv') {
        quotes += countQuotes(pending, Math.max(from, scanned), end);
        if (quotes % 2 === 1 && nl >= 0) {
          scanned = nl + 1;
          nl = pending.indexOf('\n', scanned);
          continue;
        }
      }
      const record = pending.slice(from, end);
      take(record, 1 + countLines(record));
      quotes = 0;
      from = end + 1;
      scanned = from;
      if (records.length >= size) {
        yield { records, line: firstLine };
        records = [];
      }
      nl = nl >= 0 ? pending.indexOf('\n', from) : -1;
    }
    pending = pending.slice(Math.min(from, pending.length));
    scanned = Math.max(0, scanned - from);
  };
  for await (const piece of source) {
    let text: string;
    try {
      text = typeof piece === 'string' ? piece : decoder.decode(piece, { stream: true });
    } catch {
      throw new NotUtf8Error('not UTF-8');
    }
    if (!started && text.length > 0) {
      started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    pending += text;
    yield* cut(false);
  }
  try {
    pending += decoder.decode();
  } catch {
    throw new NotUtf8Error('not UTF-8');
  }
  yield* cut(true);
  if (records.length > 0) yield { records, line: firstLine };
}

function countQuotes(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('"', from); i >= 0 && i < to; i = text.indexOf('"', i + 1)) n++;
  return n;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
