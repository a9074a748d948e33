/**
 * The bytes of a CSV file as text. Chinese Excel saves "CSV" in GB18030/GBK and "Unicode text"
 * in UTF-16 with a byte-order mark; other tools write UTF-8 with or without one. Decoding uses the
 * platform's TextDecoder (Node with full ICU, every browser), strictly: bytes that are not valid
 * in the encoding chosen are refused, never replaced by look-alike characters.
 */
import { makeIssue, type Result } from '../issues/issue.js';

/** An encoding decodeCsvBytes recognises. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** Text decoded from bytes, and how. */
export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncodingName;
  /** Whether the bytes began with a byte-order mark (removed from the text). */
  readonly bom: boolean;
}

/**
 * Which encodings to accept: `utf-8` only (the default: anything else is refused), or `auto`
 * (also written `gb18030`): UTF-16 with a byte-order mark, else UTF-8 when the bytes are valid
 * UTF-8, else GB18030 when they are valid GB18030. UTF-8 is tried first because Chinese text in
 * UTF-8 also decodes as GB18030 — into other characters.
 */
export type EncodingChoice = 'utf-8' | 'auto' | 'gb18030';

function decode(encoding: TextEncodingName, bytes: Uint8Array): string | undefined {
  try {
    // ignoreBOM: a byte-order mark has been looked at (and skipped) by the caller.
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Decodes a CSV file's bytes into text and says which encoding it was in.
 *
 * @param options.encoding 'utf-8' (default), or 'auto' / 'gb18030' to accept GB18030 and UTF-16.
 * @param options.file The file name for the issue.
 * @returns The text and its encoding, or file_not_text when the bytes are none of those accepted.
 * @example decodeCsvBytes(readFileSync('members.csv'), { encoding: 'auto' }) // { ok: true, value: { text: '编号,层级…', encoding: 'gb18030', bom: false } }
 */
export function decodeCsvBytes(bytes: Uint8Array, options: { readonly encoding?: EncodingChoice; readonly file?: string } = {}): Result<DecodedText> {
  const file = options.file ?? 'table.csv';
  const choice = options.encoding ?? 'utf-8';
  if (!(bytes instanceof Uint8Array)) return { ok: false, issues: [makeIssue('wrong_type', file, '', { expected: 'the file as bytes (a Uint8Array)' })] };
  const b0 = bytes[0];
  const b1 = bytes[1];
  const found = (text: string | undefined, encoding: TextEncodingName, bom: boolean): Result<DecodedText> =>
    text === undefined || text.includes('\u0000')
      ? { ok: false, issues: [makeIssue('file_not_text', file, '', { encoding })] }
      : { ok: true, value: { text, encoding, bom } };
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return found(decode('utf-8', bytes.subarray(3)), 'utf-8', true);
  if (choice !== 'utf-8' && b0 === 0xff && b1 === 0xfe) return found(decode('utf-16le', bytes.subarray(2)), 'utf-16le', true);
  if (choice !== 'utf-8' && b0 === 0xfe && b1 === 0xff) return found(decode('utf-16be', bytes.subarray(2)), 'utf-16be', true);
  const utf8 = decode('utf-8', bytes);
  if (utf8 !== undefined || choice === 'utf-8') return found(utf8, 'utf-8', false);
  return found(decode('gb18030', bytes), 'gb18030', false);
}
