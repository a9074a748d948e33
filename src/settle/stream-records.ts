/**
 * A table's text as it arrives (bytes or text pieces of any size) cut into chunks of whole
 * records: CSV records may hold quoted line breaks; NDJSON has one row a line. Each chunk knows the
 * line its first record starts on and how many rows came before it, so that a problem in it is
 * reported at its line in the whole file.
 */

/** The formats a streamed table may come in. */
export type StreamFormat = 'csv' | 'ndjson';

/** Whole records of a table's text, in order, as one text. */
export interface RecordChunk {
  /** The records as they were written, line breaks between them, none after the last. */
  readonly text: string;
  /** Records in the text, blank lines included. */
  readonly records: number;
  /** Records that are not blank: the table's rows (a CSV header counts as one). */
  readonly rows: number;
  /** 1-based line of the first record. */
  readonly line: number;
}

/** Bytes that are not UTF-8: the text stops there. */
export class NotUtf8Error extends Error {}

/** The most characters one record may hold: an unclosed quote must not pull a whole file into memory. */
export const MAX_RECORD = 1 << 20;

/** A record longer than MAX_RECORD (most often a quote never closed): reading stops there. */
export class RecordTooLongError extends Error {
  constructor(readonly line: number) {
    super('record too long');
  }
}

/**
 * Cuts the arriving text into chunks of at most `size` records; a CSV header comes as a chunk of
 * its own. Bytes are decoded as UTF-8 (a BOM is dropped). Each record is found with one search
 * for its line break; a CSV record goes on past a break while a quoted field is open.
 */
export async function* recordChunks(source: AsyncIterable<string | Uint8Array>, format: StreamFormat, size: number): AsyncGenerator<RecordChunk> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const cutter = new Cutter(format, size);
  let started = false;
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
    yield* cutter.add(text, false);
  }
  let last: string;
  try {
    last = decoder.decode();
  } catch {
    throw new NotUtf8Error('not UTF-8');
  }
  yield* cutter.add(last, true);
}

class Cutter {
  private pending = '';
  /** Where the chunk being gathered starts in `pending`, and where its next record starts. */
  private chunkStart = 0;
  private recordStart = 0;
  /** How far quotes of the open record have been counted, and how many (odd: a field is open). */
  private scanned = 0;
  private quotes = 0;
  private records = 0;
  private rows = 0;
  private line = 1;
  private chunkLine = 1;
  private headerDone: boolean;
  /** The next quote at or after where counting goes on: -1 none in `pending`, -2 not looked for. */
  private nextQuote = -2;

  constructor(
    private readonly format: StreamFormat,
    private readonly size: number,
  ) {
    this.headerDone = format !== 'csv';
  }

  *add(text: string, final: boolean): Generator<RecordChunk> {
    this.pending += text;
    this.nextQuote = -2;
    const p = this.pending;
    let nl = p.indexOf('\n', this.scanned);
    while (nl >= 0 || (final && this.recordStart < p.length)) {
      const end = nl >= 0 ? nl : p.length;
      if (this.format === 'csv') {
        this.quotes += this.quotesIn(p, this.scanned, end);
        this.scanned = end + 1;
        if (this.quotes % 2 === 1 && nl >= 0) {
          nl = p.indexOf('\n', this.scanned);
          continue;
        }
      }
      this.endRecord(p, end);
      if (this.records >= (this.headerDone ? this.size : 1)) {
        yield this.flush(p, end);
        this.headerDone = true;
      }
      nl = nl >= 0 ? p.indexOf('\n', this.recordStart) : -1;
    }
    if (final) {
      if (this.records > 0) yield this.flush(p, p.length);
      return;
    }
    if (p.length - this.recordStart > MAX_RECORD) throw new RecordTooLongError(this.line);
    // Keep only the records not yet given out.
    this.pending = p.slice(this.chunkStart);
    this.recordStart -= this.chunkStart;
    this.scanned = Math.max(this.recordStart, this.scanned - this.chunkStart);
    this.chunkStart = 0;
    this.nextQuote = -2;
  }

  /** Quotes in pending[from, to), each found once however many lines lie between them. */
  private quotesIn(p: string, from: number, to: number): number {
    if (this.nextQuote !== -1 && this.nextQuote < from) this.nextQuote = p.indexOf('"', from);
    let n = 0;
    while (this.nextQuote >= 0 && this.nextQuote < to) {
      n++;
      this.nextQuote = p.indexOf('"', this.nextQuote + 1);
    }
    return n;
  }

  private endRecord(p: string, end: number): void {
    const blank = end === this.recordStart || (end === this.recordStart + 1 && p.charCodeAt(this.recordStart) === 13);
    if (this.records === 0) this.chunkLine = this.line;
    this.records++;
    if (!blank && (this.format === 'csv' || p.slice(this.recordStart, end).trim() !== '')) this.rows++;
    this.line += 1 + countLines(p, this.recordStart, end);
    this.recordStart = end + 1;
    this.scanned = this.recordStart;
    this.quotes = 0;
  }

  private flush(p: string, end: number): RecordChunk {
    const chunk = { text: p.slice(this.chunkStart, end), records: this.records, rows: this.rows, line: this.chunkLine };
    this.chunkStart = Math.min(end + 1, p.length);
    this.records = 0;
    this.rows = 0;
    return chunk;
  }
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
