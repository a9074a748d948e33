import type { Position } from '../settle/types.js';
import { messagesEn } from './messages-en.js';
import { messagesZh } from './messages-zh.js';

/**
 * Every problem the library can report, by a stable code. Codes are never renamed; each has a
 * Chinese and an English message and an entry in docs/errors.md.
 */
export const ISSUE_CODES = [
  // reading files
  'file_unreadable',
  'file_not_text',
  'json_empty',
  'json_syntax',
  'json_too_deep',
  'json_too_large',
  'json_duplicate_key',
  'json_forbidden_key',
  // rule-file shape (JSON Schema)
  'missing_property',
  'unknown_property',
  'wrong_type',
  'not_allowed_value',
  'bad_format',
  'out_of_range',
  'no_matching_shape',
  // rule-file meaning
  'unknown_name',
  'duplicate_name',
  'reserved_name',
  'cycle',
  'kind_mismatch',
  'formula_syntax',
  'formula_too_long',
  'formula_too_deep',
  'unknown_function',
  'wrong_arity',
  'unknown_column',
  'unknown_table',
  'bad_condition',
  'numeric_operator_on_text',
  'bad_template',
  'too_many_steps',
  // input documents
  'missing_input',
  'unknown_input',
  'not_decimal',
  'too_many_digits',
  'money_precision',
  'bad_grouping',
  'not_integer',
  'negative_count',
  'below_minimum',
  'above_maximum',
  'rate_out_of_range',
  'not_in_choices',
  'duplicate_key',
  'empty_id',
  'control_character',
  'too_many_rows',
  'csv_field_count',
  'csv_duplicate_header',
  'ambiguous_header',
  'table_given_twice',
  'stream_needs_rows',
  // evaluation
  'division_by_zero',
  'weights_all_zero',
  'negative_weight',
  'unknown_key',
  'work_limit',
  'not_a_number',
  'check_failed',
  'plausibility_failed',
  // saved workspaces (.yibao.json bundles)
  'fingerprint_mismatch',
  'result_mismatch',
  // the command line's output
  'write_failed',
  // warnings: the file is usable, but something in it deserves a look (severity 'warning')
  'stale_label_number',
  // the settlement service (yibao-settle serve)
  'request_too_large',
  'unsupported_media_type',
  'unauthorized',
  'unknown_endpoint',
  'unknown_rules',
  'service_busy',
  'shutting_down',
  'time_limit',
  'memory_limit',
  'listen_failed',
  // anything else is our bug
  'internal_error',
] as const;

/** One of ISSUE_CODES. */
export type IssueCode = (typeof ISSUE_CODES)[number];

/** Named parameters of an issue, used by the message tables. */
export type IssueParams = Readonly<Record<string, string | number>>;

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
