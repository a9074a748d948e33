import type { Position } from '../settle/types.js';
import { messagesEn } from './messages-en.js';
import { messagesZh } from './messages-zh.js';

export { ISSUE_CODES, type IssueCode, type IssueParams, type IssueParamsByCode, type ParamsOf, type Problem, type ProblemOf } from './codes.js';
import type { IssueCode, ParamsOf } from './codes.js';

/** An issue with code `C`: its parameters are that code's (see IssueParamsByCode). */
export interface IssueOf<C extends IssueCode> {
  readonly code: C;
  /** The file the problem is in (as the caller named it). */
  readonly file: string;
  /** JSON Pointer into that file ('' for the whole document). */
  readonly pointer: string;
  /** Line and column in the file's text, where the file had one. */
  readonly at?: Position;
  readonly params: ParamsOf<C>;
  /** The messages, made from `code` and `params` (see messageOf). */
  readonly message: { readonly zh: string; readonly en: string };
  /**
   * Absent for a problem that stops the work (every code but the warnings); `warning` for a
   * finding that leaves the file usable — a label whose numbers no longer match its parameters.
   */
  readonly severity?: 'warning';
}

/**
 * One problem in a rule file or an input, as data: a union keyed on `code`, so that checking the
 * code narrows `params` to that code's fields.
 *
 * @example if (issue.code === 'below_minimum') console.log(issue.params.limit);
 */
export type Issue = { readonly [C in IssueCode]: IssueOf<C> }[IssueCode];

/** The issue made for code `C`: for a union of codes, the union of their issues. */
export type IssueFor<C extends IssueCode> = C extends IssueCode ? IssueOf<C> : never;

/**
 * Whether the issue has code `code`; its parameters are then that code's.
 *
 * @example const miss = r.issues.find((i) => hasCode(i, 'missing_input')); miss?.params.name
 */
export function hasCode<C extends IssueCode>(issue: Issue, code: C): issue is IssueFor<C> {
  return issue.code === code;
}

/** An issue's message in one language, made from its code and parameters. */
export function messageOf<C extends IssueCode>(issue: { readonly code: C; readonly params: ParamsOf<C> }, lang: 'zh' | 'en'): string {
  const table = lang === 'zh' ? messagesZh : messagesEn;
  return (table[issue.code] as (x: ParamsOf<C>) => string)(issue.params);
}

/** Either a value or at least one issue. */
export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly [Issue, ...Issue[]] };

/** Builds an issue with its messages from the tables. */
export function makeIssue<C extends IssueCode>(code: C, file: string, pointer: string, params: ParamsOf<C>, at?: Position): IssueFor<C> {
  const message = { zh: messageOf({ code, params }, 'zh'), en: messageOf({ code, params }, 'en') };
  const issue: IssueOf<C> = at ? { code, file, pointer, at, params, message } : { code, file, pointer, params, message };
  // The code and its parameters were given together: the issue is that code's.
  return issue as IssueFor<C>;
}

/** Builds a warning: an issue that does not stop the work (see Issue.severity). */
export function makeWarning<C extends IssueCode>(code: C, file: string, pointer: string, params: ParamsOf<C>, at?: Position): IssueFor<C> {
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
