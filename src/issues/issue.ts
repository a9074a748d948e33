import type { Position } from '../settle/types.js';
import { messagesEn } from './messages-en.js';
import { messagesZh } from './messages-zh.js';

export { ISSUE_CODES, type IssueCode, type IssueParams } from './codes.js';
import type { IssueCode, IssueParams } from './codes.js';

/** One problem in a rule file or an input, as data. */
export interface Issue {
  readonly code: IssueCode;
  /** The file the problem is in (as the caller named it). */
  readonly file: string;
  /** JSON Pointer into that file ('' for the whole document). */
  readonly pointer: string;
  /** Line and column in the file's text, where the file had one. */
  readonly at?: Position;
  readonly params: IssueParams;
  readonly message: { readonly zh: string; readonly en: string };
  /**
   * Absent for a problem that stops the work (every code but the warnings); `warning` for a
   * finding that leaves the file usable — a label whose numbers no longer match its parameters.
   */
  readonly severity?: 'warning';
}

/** Either a value or at least one issue. */
export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly [Issue, ...Issue[]] };

/** Builds an issue with its messages from the tables. */
export function makeIssue(
  code: IssueCode,
  file: string,
  pointer: string,
  params: IssueParams = {},
  at?: Position,
): Issue {
  const message = { zh: messagesZh[code](params), en: messagesEn[code](params) };
  return at ? { code, file, pointer, at, params, message } : { code, file, pointer, params, message };
}

/** Builds a warning: an issue that does not stop the work (see Issue.severity). */
export function makeWarning(code: IssueCode, file: string, pointer: string, params: IssueParams = {}, at?: Position): Issue {
  return { ...makeIssue(code, file, pointer, params, at), severity: 'warning' };
}

export function fail<T>(issues: readonly Issue[]): Result<T> {
  if (issues.length === 0) throw new Error('fail() needs at least one issue');
  return { ok: false, issues: issues as readonly [Issue, ...Issue[]] };
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Thrown inside the engine to stop at the first evaluation problem; never leaves the library. */
export class IssueError extends Error {
  constructor(readonly issues: readonly Issue[]) {
    super(issues.map((i) => `${i.code} ${i.pointer}`).join('; '));
  }
}
