/**
 * The issue codes and their parameters: what the message tables and every reporter share, with
 * nothing that renders them, so that neither depends on the other.
 */
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
  'bad_usage',
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
