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
  'formula_in_when',
  'condition_in_formula',
  'numeric_operator_on_text',
  'bad_template',
  'too_many_steps',
  'tier_bounds_order',
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
  'no_rules_in_force',
  'rules_in_force_overlap',
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

/**
 * Each code's parameters: the values its messages are made from, typed per code. Reporters
 * give exactly these; the messages (messages-zh.ts, messages-en.ts) read nothing else.
 */
export type IssueParamsByCode = {
  readonly file_unreadable: { readonly reason: string | number };
  readonly file_not_text: { readonly encoding?: string | number };
  readonly json_empty: { readonly [key: string]: never };
  /** Where a JSON syntax error is and what would fix it (see syntax-messages.ts); `detail` is the reader's own words. */
  readonly json_syntax: {
    readonly detail: string | number;
    readonly reason?: string | number;
    readonly found?: string | number;
    readonly expected?: string | number;
    readonly key?: string | number;
    readonly open?: string | number;
    readonly openLine?: string | number;
    readonly openColumn?: string | number;
    readonly line?: string | number;
    readonly column?: string | number;
    readonly fixLine?: string | number;
    readonly fixColumn?: string | number;
    readonly fixAtLineEnd?: string | number;
  };
  readonly json_too_deep: { readonly limit: string | number };
  readonly json_too_large: { readonly limit: string | number };
  readonly json_duplicate_key: { readonly key: string | number };
  readonly json_forbidden_key: { readonly key: string | number };
  readonly missing_property: { readonly property: string | number };
  readonly unknown_property: { readonly property: string | number; readonly expected?: string | number };
  /** `detail`: what was found instead, where the reader can say (a JavaScript value's type). */
  readonly wrong_type: { readonly expected: string | number; readonly detail?: string | number };
  readonly not_allowed_value: { readonly expected: string | number };
  readonly bad_format: { readonly expected: string | number };
  readonly out_of_range: { readonly expected: string | number };
  readonly no_matching_shape: { readonly expected: string | number };
  readonly unknown_name: { readonly name: string | number; readonly suggestion?: string | number };
  readonly duplicate_name: { readonly name: string | number; readonly first: string | number };
  readonly reserved_name: { readonly name: string | number };
  readonly cycle: { readonly cycle: string | number };
  readonly kind_mismatch: { readonly detail: string | number };
  readonly formula_syntax: { readonly detail: string | number };
  readonly formula_too_long: { readonly limit: string | number };
  readonly formula_too_deep: { readonly limit: string | number };
  readonly unknown_function: { readonly name: string | number; readonly expected: string | number };
  readonly wrong_arity: { readonly name: string | number; readonly expected: string | number; readonly actual: string | number };
  readonly unknown_column: { readonly table: string | number; readonly column: string | number };
  /** `expected`: the tables that would do, where there is a choice. */
  readonly unknown_table: { readonly name: string | number; readonly expected?: string | number };
  readonly bad_condition: { readonly detail: string | number };
  /** `formula`: the formula written where a condition object was expected. */
  readonly formula_in_when: { readonly formula: string | number };
  /** `formula`: the condition written as a formula, where it can be (else ''). */
  readonly condition_in_formula: { readonly formula: string | number };
  readonly numeric_operator_on_text: { readonly expected: string | number; readonly operator: string | number };
  readonly bad_template: { readonly detail: string | number; readonly template: string | number };
  readonly too_many_steps: { readonly limit: string | number };
  /** `band`: the band (from 1) whose bound is not above the one before; `bound`, `previous`: the two bounds. */
  readonly tier_bounds_order: { readonly band: string | number; readonly bound: string | number; readonly previous: string | number };
  readonly missing_input: { readonly name: string | number; readonly expected: string | number };
  readonly unknown_input: { readonly name: string | number; readonly expected: string | number };
  readonly not_decimal: { readonly received: string | number };
  readonly too_many_digits: { readonly received: string | number; readonly limit: string | number };
  readonly money_precision: { readonly received: string | number };
  readonly bad_grouping: { readonly received: string | number; readonly expected?: string | number };
  readonly not_integer: { readonly received: string | number };
  readonly negative_count: { readonly received: string | number };
  readonly below_minimum: { readonly received: string | number; readonly limit: string | number };
  readonly above_maximum: { readonly received: string | number; readonly limit: string | number };
  readonly rate_out_of_range: { readonly received: string | number; readonly percent: string | number; readonly min: string | number; readonly max: string | number };
  readonly not_in_choices: { readonly received: string | number; readonly expected: string | number };
  readonly duplicate_key: { readonly key: string | number; readonly first: string | number };
  readonly empty_id: { readonly table: string | number; readonly column: string | number };
  readonly control_character: { readonly received: string | number; readonly character: string | number };
  readonly too_many_rows: { readonly limit: string | number };
  /** `date`: the day asked for; `files`: the folder's rule files with their dates. */
  readonly no_rules_in_force: { readonly date: string | number; readonly files: string | number };
  /** `files`: the rule files in force on `date`, with their dates. */
  readonly rules_in_force_overlap: { readonly date: string | number; readonly files: string | number };
  readonly csv_field_count: { readonly received: string | number; readonly expected: string | number; readonly line: string | number };
  readonly csv_duplicate_header: { readonly header: string | number; readonly column: string | number; readonly first: string | number };
  readonly ambiguous_header: { readonly header: string | number; readonly columns: string | number };
  readonly table_given_twice: { readonly table: string | number; readonly first: string | number; readonly second: string | number };
  readonly stream_needs_rows: { readonly step: string | number; readonly table: string | number; readonly reason: string | number };
  readonly division_by_zero: { readonly detail: string | number };
  readonly weights_all_zero: { readonly amount: string | number };
  readonly negative_weight: { readonly detail: string | number };
  readonly unknown_key: { readonly table: string | number; readonly key: string | number; readonly step?: string | number; readonly row?: string | number };
  readonly work_limit: { readonly limit: string | number };
  readonly not_a_number: { readonly detail: string | number };
  readonly check_failed: { readonly detail: string | number };
  readonly plausibility_failed: { readonly name: string | number; readonly assert: string | number; readonly labelZh: string | number; readonly labelEn: string | number; readonly figures: string | number };
  readonly fingerprint_mismatch: { readonly part: string | number; readonly expected: string | number; readonly actual: string | number };
  readonly result_mismatch: { readonly name: string | number; readonly expected: string | number; readonly actual: string | number };
  readonly write_failed: { readonly reason: string | number };
  readonly bad_usage: { readonly reason: string | number; readonly option?: string | number; readonly received?: string | number; readonly expected?: string | number };
  readonly stale_label_number: { readonly label: string | number; readonly quoted: string | number; readonly current: string | number };
  readonly request_too_large: { readonly limit: string | number };
  readonly unsupported_media_type: { readonly received: string | number; readonly expected?: string | number };
  readonly unauthorized: { readonly [key: string]: never };
  readonly unknown_endpoint: { readonly expected: string | number; readonly method: string | number; readonly path: string | number };
  readonly unknown_rules: { readonly expected: string | number; readonly id: string | number };
  readonly service_busy: { readonly limit: string | number; readonly retryAfter: string | number };
  readonly shutting_down: { readonly [key: string]: never };
  readonly time_limit: { readonly limit: string | number };
  readonly memory_limit: { readonly limit: string | number };
  readonly listen_failed: { readonly address: string | number; readonly reason: string | number };
  readonly internal_error: { readonly detail: string | number };
};

/** The parameters of an issue with code `C`. */
export type ParamsOf<C extends IssueCode> = IssueParamsByCode[C];

/** Named parameters of some issue (any code's). */
export type IssueParams = IssueParamsByCode[IssueCode];

/** A code with its parameters, before the file and place are known: a union keyed on `code`. */
export type Problem = { readonly [C in IssueCode]: { readonly code: C; readonly params: ParamsOf<C> } }[IssueCode];

/** The problems with one of the codes `C`. */
export type ProblemOf<C extends IssueCode> = Extract<Problem, { readonly code: C }>;
