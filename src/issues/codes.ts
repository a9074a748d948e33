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

/** A parameter's value: text, or a number as it is printed. */
type V = string | number;

/** Where a JSON or CSV syntax error is, and what would fix it (see syntax-messages.ts). */
type SyntaxParams = {
  readonly detail: V;
  readonly reason?: V;
  readonly found?: V;
  readonly expected?: V;
  readonly key?: V;
  readonly open?: V;
  readonly openLine?: V;
  readonly openColumn?: V;
  readonly line?: V;
  readonly column?: V;
  readonly fixLine?: V;
  readonly fixColumn?: V;
  readonly fixAtLineEnd?: V;
};

type Expected = { readonly expected: V };
type Limit = { readonly limit: V };
type Detail = { readonly detail: V };
type Received = { readonly received: V };
type Name = { readonly name: V };
type NONE = { readonly [k: string]: never };

/**
 * Each code's parameters: the values its messages are made from, typed per code. Reporters
 * give exactly these; the messages (messages-zh.ts, messages-en.ts) read nothing else.
 */
export type IssueParamsByCode = {
  readonly file_unreadable: { readonly reason: V };
  readonly file_not_text: { readonly encoding?: V };
  readonly json_empty: NONE;
  readonly json_syntax: SyntaxParams;
  readonly json_too_deep: Limit;
  readonly json_too_large: Limit;
  readonly json_duplicate_key: { readonly key: V };
  readonly json_forbidden_key: { readonly key: V };
  readonly missing_property: { readonly property: V };
  readonly unknown_property: { readonly property: V; readonly expected?: V };
  /** `detail`: what was found instead, where the reader can say (a JavaScript value's type). */
  readonly wrong_type: Expected & { readonly detail?: V };
  readonly not_allowed_value: Expected;
  readonly bad_format: Expected;
  readonly out_of_range: Expected;
  readonly no_matching_shape: Expected;
  readonly unknown_name: Name & { readonly suggestion?: V };
  readonly duplicate_name: Name & { readonly first: V };
  readonly reserved_name: Name;
  readonly cycle: { readonly cycle: V };
  readonly kind_mismatch: Detail;
  readonly formula_syntax: Detail;
  readonly formula_too_long: Limit;
  readonly formula_too_deep: Limit;
  readonly unknown_function: Name & Expected;
  readonly wrong_arity: Name & Expected & { readonly actual: V };
  readonly unknown_column: { readonly table: V; readonly column: V };
  /** `expected`: the tables that would do, where there is a choice. */
  readonly unknown_table: Name & { readonly expected?: V };
  readonly bad_condition: Detail;
  readonly numeric_operator_on_text: Expected & { readonly operator: V };
  readonly bad_template: Detail & { readonly template: V };
  readonly too_many_steps: Limit;
  readonly missing_input: Name & Expected;
  readonly unknown_input: Name & Expected;
  readonly not_decimal: Received;
  readonly too_many_digits: Received & Limit;
  readonly money_precision: Received;
  readonly bad_grouping: Received & { readonly expected?: V };
  readonly not_integer: Received;
  readonly negative_count: Received;
  readonly below_minimum: Received & Limit;
  readonly above_maximum: Received & Limit;
  readonly rate_out_of_range: Received & { readonly percent: V; readonly min: V; readonly max: V };
  readonly not_in_choices: Received & Expected;
  readonly duplicate_key: { readonly key: V; readonly first: V };
  readonly empty_id: { readonly table: V; readonly column: V };
  readonly control_character: Received & { readonly character: V };
  readonly too_many_rows: Limit;
  readonly csv_field_count: Received & Expected & { readonly line: V };
  readonly csv_duplicate_header: { readonly header: V; readonly column: V; readonly first: V };
  readonly ambiguous_header: { readonly header: V; readonly columns: V };
  readonly table_given_twice: { readonly table: V; readonly first: V; readonly second: V };
  readonly stream_needs_rows: { readonly step: V; readonly table: V; readonly reason: V };
  readonly division_by_zero: Detail;
  readonly weights_all_zero: { readonly amount: V };
  readonly negative_weight: Detail;
  readonly unknown_key: { readonly table: V; readonly key: V; readonly step?: V; readonly row?: V };
  readonly work_limit: Limit;
  readonly not_a_number: Detail;
  readonly check_failed: Detail;
  readonly plausibility_failed: { readonly assert: V; readonly labelZh: V; readonly labelEn: V; readonly figures: V };
  readonly fingerprint_mismatch: { readonly part: V; readonly expected: V; readonly actual: V };
  readonly result_mismatch: Name & { readonly expected: V; readonly actual: V };
  readonly write_failed: { readonly reason: V };
  readonly bad_usage: { readonly reason: V; readonly option?: V; readonly received?: V; readonly expected?: V };
  readonly stale_label_number: { readonly label: V; readonly quoted: V; readonly current: V };
  readonly request_too_large: Limit;
  readonly unsupported_media_type: Received & { readonly expected?: V };
  readonly unauthorized: NONE;
  readonly unknown_endpoint: Expected & { readonly method: V; readonly path: V };
  readonly unknown_rules: Expected & { readonly id: V };
  readonly service_busy: Limit & { readonly retryAfter: V };
  readonly shutting_down: NONE;
  readonly time_limit: Limit;
  readonly memory_limit: Limit;
  readonly listen_failed: { readonly address: V; readonly reason: V };
  readonly internal_error: Detail;
};

/** The parameters of an issue with code `C`. */
export type ParamsOf<C extends IssueCode> = IssueParamsByCode[C];

/** Named parameters of some issue (any code's). */
export type IssueParams = IssueParamsByCode[IssueCode];

/** A code with its parameters, before the file and place are known: a union keyed on `code`. */
export type Problem = { readonly [C in IssueCode]: { readonly code: C; readonly params: ParamsOf<C> } }[IssueCode];

/** The problems with one of the codes `C`. */
export type ProblemOf<C extends IssueCode> = Extract<Problem, { readonly code: C }>;
