/**
 * What the commands share of the process: reading files (or standard input for `-`), printing
 * for people or for programs, and ending with an exit status.
 */
import { readFileSync, statSync } from 'node:fs';
import { escapeControls } from '../issues/escape.js';
import { formatIssues } from '../issues/format-issue.js';
import { makeIssue, type Issue } from '../issues/issue.js';
import { readRuleFile } from '../settle/settle.js';
import type { RuleFile } from '../settle/model.js';
import { decodeCsvBytes, type EncodingChoice, type TextEncodingName } from '../settle/encoding.js';

/** Ends the command with an exit status (thrown, so nested helpers can stop it). */
export class Exit {
  constructor(readonly code: number) {}
}

/** The exit statuses, as docs/command-line.md lists them. */
export const EXIT = { ok: 0, issues: 1, usage: 2, checks: 3, internal: 70 } as const;

/** How this run prints: `--json` makes problems a JSON document too; colour only on a terminal. */
export interface Output {
  readonly json: boolean;
  readonly colour: boolean;
}

/** Colour for people at a terminal, never in a pipe or a file and never with NO_COLOR set. */
export function wantsColour(stream: NodeJS.WriteStream): boolean {
  const noColor = process.env['NO_COLOR'];
  return stream.isTTY === true && (noColor === undefined || noColor === '');
}

/** Writes text for people on stdout, every line with its control characters escaped; ✓ and ✗ in colour where wanted. */
export function say(text: string, out: Output = { json: false, colour: false }): void {
  const safe = text.split('\n').map(escapeControls).join('\n');
  process.stdout.write(out.colour ? safe.replace(/✓/g, '\x1b[32m✓\x1b[0m').replace(/✗/g, '\x1b[31m✗\x1b[0m') : safe);
}

/**
 * Prints issues on stderr — one a line (the first 100), or with `--json` one document
 * `{ "issues": [...] }` — and exits: 3 when plausibility refused the figures, else 1.
 */
export function printIssues(issues: readonly Issue[], out: Output): never {
  if (out.json) process.stderr.write(JSON.stringify({ issues }, null, 2) + '\n');
  else for (const line of formatIssues(issues)) process.stderr.write(line + '\n');
  throw new Exit(issues.every((i) => i.code === 'plausibility_failed') ? EXIT.checks : EXIT.issues);
}

const ENCODING_NAMES: Readonly<Record<TextEncodingName, string>> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE', gb18030: 'GB18030' };

/** Standard input is read once; a second `-` gets the same text. */
let stdinBytes: Buffer | undefined;

/**
 * A file's text; `-` is standard input. Rule files are UTF-8; inputs and tables may be GB18030
 * or UTF-16 when `--encoding gb18030` or `auto` says so, and a notice on stderr says how.
 */
export function readText(path: string, out: Output, encoding: EncodingChoice = 'utf-8'): string {
  const name = path === '-' ? 'stdin' : path;
  let buf: Buffer;
  try {
    if (path === '-') buf = stdinBytes ??= readFileSync(0);
    else {
      if (statSync(path).isDirectory()) printIssues([makeIssue('file_unreadable', path, '', { reason: 'is a directory' })], out);
      buf = readFileSync(path);
    }
  } catch (e) {
    if (e instanceof Exit) throw e;
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    return printIssues([makeIssue('file_unreadable', name, '', { reason })], out);
  }
  const r = decodeCsvBytes(buf, { encoding, file: name });
  if (!r.ok) return printIssues(r.issues, out);
  if (r.value.encoding !== 'utf-8') process.stderr.write(escapeControls(`${name}: 按 ${ENCODING_NAMES[r.value.encoding]} 编码读取 / read as ${ENCODING_NAMES[r.value.encoding]}`) + '\n');
  return r.value.text;
}

/** The name a file is known by in messages: standard input is "stdin". */
export function fileName(path: string): string {
  return path === '-' ? 'stdin' : path;
}

/** Reads and checks a rule file (or exits with its issues). */
export function loadRules(path: string, out: Output): RuleFile {
  const r = readRuleFile(readText(path, out), { file: fileName(path) });
  if (!r.ok) printIssues(r.issues, out);
  return r.value;
}
