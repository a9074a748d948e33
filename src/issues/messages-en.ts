import { syntaxEn } from './syntax-messages.js';
import type { IssueCode, ParamsOf } from './codes.js';

const t = (v: string | number | undefined): string => String(v ?? '');

/** English messages, one per code; a missing code fails to compile. */
export const messagesEn: { readonly [C in IssueCode]: (x: ParamsOf<C>) => string } = {
  file_unreadable: (x) => `cannot read the file: ${t(x.reason)}`,
  file_not_text: (x) =>
    x.encoding && x.encoding !== 'utf-8'
      ? `the file is not valid ${t(x.encoding)} text (a binary file?)`
      : 'the file is not UTF-8 text (a binary file? a GBK/GB18030 CSV saved by Excel can be read with --encoding gb18030)',
  json_empty: () => 'the file is empty; expected one JSON document',
  json_syntax: (x) => `invalid JSON: ${syntaxEn(x) ?? t(x.detail)}`,
  json_too_deep: (x) => `JSON nested too deeply (at most ${t(x.limit)} levels)`,
  json_too_large: (x) => `the file is too large (limit ${t(x.limit)})`,
  json_duplicate_key: (x) => `duplicate key "${t(x.key)}"`,
  json_forbidden_key: (x) => `the key "${t(x.key)}" is not allowed`,
  missing_property: (x) => `missing required property "${t(x.property)}"`,
  unknown_property: (x) => `unknown property "${t(x.property)}"${x.expected ? `; allowed: ${t(x.expected)}` : ''}`,
  wrong_type: (x) => `wrong type: expected ${t(x.expected)}`,
  not_allowed_value: (x) => `value not allowed; expected ${t(x.expected)}`,
  bad_format: (x) => `bad format: expected ${t(x.expected)}`,
  out_of_range: (x) => `out of range: ${t(x.expected)}`,
  no_matching_shape: (x) => `matches none of the allowed forms: ${t(x.expected)}`,
  unknown_name: (x) => `unknown name "${t(x.name)}"${x.suggestion ? `; did you mean "${t(x.suggestion)}"?` : ''}`,
  duplicate_name: (x) => `the name "${t(x.name)}" is already defined at ${t(x.first)}`,
  reserved_name: (x) => `"${t(x.name)}" is reserved and cannot name a value`,
  cycle: (x) => `formulas refer to each other in a cycle: ${t(x.cycle)}`,
  kind_mismatch: (x) => `kinds do not match: ${t(x.detail)}`,
  formula_syntax: (x) => `formula syntax error: ${t(x.detail)}`,
  formula_too_long: (x) => `formula too long (at most ${t(x.limit)} characters)`,
  formula_too_deep: (x) => `formula nested too deeply (at most ${t(x.limit)} levels)`,
  unknown_function: (x) => `unknown function "${t(x.name)}"; available: ${t(x.expected)}`,
  wrong_arity: (x) => `function ${t(x.name)} takes ${t(x.expected)} arguments, got ${t(x.actual)}`,
  unknown_column: (x) => `table "${t(x.table)}" has no column "${t(x.column)}"`,
  unknown_table: (x) => `"${t(x.name)}" is not a table`,
  bad_condition: (x) => `invalid condition: ${t(x.detail)}`,
  formula_in_when: (x) =>
    `"when" takes a condition object such as {"fact": "score", "operator": "gte", "value": 90}, not a formula ("${t(x.formula)}"). To decide by a formula, write if(${t(x.formula)}, …, …) in "formula"`,
  condition_in_formula: (x) =>
    `a formula (text) is expected here, not a condition object: a condition object goes in "when" of a decide step${x.formula ? `; as a formula this condition is ${t(x.formula)}, e.g. if(${t(x.formula)}, …, …)` : ''}`,
  numeric_operator_on_text: (x) =>
    `"${t(x.operator)}" compares numbers as text; use ${t(x.expected)}`,
  bad_template: (x) => `name template "${t(x.template)}" is invalid: ${t(x.detail)}`,
  tier_bounds_order: (x) => `the bound of band ${t(x.band)} (${t(x.bound)}) is not above the bound of the band before (${t(x.previous)}): bands go up, each upTo above the last`,
  too_many_steps: (x) => `too many steps (limit ${t(x.limit)})`,
  missing_input: (x) => `missing input "${t(x.name)}" (${t(x.expected)})`,
  unknown_input: (x) => `the rule file declares no input "${t(x.name)}"${x.expected ? `; declared: ${t(x.expected)}` : ''}`,
  not_decimal: (x) => `expected a decimal number such as "980.00", got ${t(x.received)}`,
  too_many_digits: (x) => `too many digits (at most ${t(x.limit)}): ${t(x.received)}`,
  money_precision: (x) => `money has at most two decimals (fen), got ${t(x.received)}`,
  bad_grouping: (x) => `${t(x.received)} has thousands separators in the wrong places: groups of three, as in ${t(x.expected)}, with "." for the decimal point`,
  not_integer: (x) => `expected a whole number, got ${t(x.received)}`,
  negative_count: (x) => `a count cannot be negative: ${t(x.received)}`,
  below_minimum: (x) => `must be at least ${t(x.limit)}, got ${t(x.received)}`,
  above_maximum: (x) => `must be at most ${t(x.limit)}, got ${t(x.received)}`,
  rate_out_of_range: (x) =>
    `the rate ${t(x.received)}${x.percent === x.received ? '' : ` is ${t(x.percent)}`}, outside ${t(x.min)} to ${t(x.max)}. A rate is written 0.02 or 2%: 2 means 200%, 2% is two percent`,
  not_in_choices: (x) => `${t(x.received)} is not one of ${t(x.expected)}`,
  duplicate_key: (x) => `duplicate id "${t(x.key)}" in the table (first at row ${t(x.first)})`,
  empty_id: (x) => `the id column ${t(x.column)} of table "${t(x.table)}" cannot be empty`,
  control_character: (x) => `the text ${t(x.received)} holds the control or invisible character ${t(x.character)} (NUL, ESC, tab, line break, zero-width …): ids that look the same could differ`,
  too_many_rows: (x) => `too many rows (limit ${t(x.limit)})`,
  no_rules_in_force: (x) => `no rule file is in force on ${t(x.date)}: ${t(x.files)}`,
  rules_in_force_overlap: (x) => `more than one rule file is in force on ${t(x.date)}: ${t(x.files)}. Give each version its own "effective" dates, or name the file`,
  csv_field_count: (x) =>
    `line ${t(x.line)} has ${t(x.received)} fields but the header has ${t(x.expected)} (a number with thousands commas must be quoted: "8,600,000.00")`,
  csv_duplicate_header: (x) => `the header "${t(x.header)}" names column ${t(x.column)}, as header cell ${t(x.first)} already does`,
  ambiguous_header: (x) => `the header "${t(x.header)}" matches more than one column: ${t(x.columns)}`,
  stream_needs_rows: (x) => `the table "${t(x.table)}" cannot be read a chunk at a time: ${STREAM_REASON_EN[String(x.reason)] ?? t(x.reason)} (${t(x.step)}); give it whole (--table) instead`,
  table_given_twice: (x) => `the table "${t(x.table)}" is given twice: ${t(x.first)} and ${t(x.second)}; give it once`,
  division_by_zero: (x) => `division by zero: ${t(x.detail)}`,
  weights_all_zero: (x) => `cannot split ${t(x.amount)}: all weights are zero`,
  negative_weight: (x) => `split weights cannot be negative: ${t(x.detail)}`,
  unknown_key: (x) =>
    `no "${t(x.key)}" in "${t(x.table)}"${x.row ? ` (input row ${t(x.row)})` : ''}${x.step ? `; looked up by the rule step ${t(x.step)}` : ''}`,
  work_limit: (x) => `stopped: the computation exceeded ${t(x.limit)} steps`,
  not_a_number: (x) => `the result is not a finite number: ${t(x.detail)}`,
  check_failed: (x) => `check failed: ${t(x.detail)}`,
  plausibility_failed: (x) => `plausibility check failed, nothing settled: ${t(x.labelEn)} (${t(x.assert)}); figures: ${t(x.figures)}`,
  bad_usage: (x) => `${USAGE_EN[String(x.reason)] ?? 'bad usage'}${x.option ? ` ${t(x.option)}` : ''}${x.expected ? `: expected ${t(x.expected)}` : ''}${x.received !== undefined && x.received !== '' ? `, got ${t(x.received)}` : ''}`,
  write_failed: (x) => `cannot write the output: ${t(x.reason)}`,
  stale_label_number: (x) =>
    `the label “${t(x.label)}” says ${t(x.quoted)}, which does not match the current values of the parameters it uses (${t(x.current)}); the rule description shows the parameters' values — correct the label`,
  fingerprint_mismatch: (x) =>
    `the ${t(x.part) === 'rule' ? 'rule file' : 'input'} in this bundle was changed after it was saved: its SHA-256 is ${t(x.actual)}, the bundle says ${t(x.expected)}`,
  result_mismatch: (x) => `"${t(x.name)}" settles to ${t(x.actual)}, but the bundle stored ${t(x.expected)}`,
  request_too_large: (x) => `the request body is larger than the service accepts (${t(x.limit)})`,
  unsupported_media_type: (x) => `the request body must be JSON (Content-Type: application/json), got ${t(x.received)}`,
  unauthorized: () => 'a valid API key is required (header "Authorization: Bearer <key>" or "X-API-Key: <key>")',
  unknown_endpoint: (x) => `no endpoint ${t(x.method)} ${t(x.path)}; available: ${t(x.expected)}`,
  unknown_rules: (x) => `no rule file "${t(x.id)}" here; there are: ${t(x.expected)}`,
  service_busy: (x) => `the service is busy (${t(x.limit)} requests waiting); retry after ${t(x.retryAfter)} s`,
  shutting_down: () => 'the service is shutting down; send the request to another instance or retry shortly',
  time_limit: (x) => `stopped: the request took longer than the service allows (${t(x.limit)} ms)`,
  memory_limit: (x) => `stopped: the request needs more memory than the service allows (${t(x.limit)} MB)`,
  listen_failed: (x) => `cannot listen on ${t(x.address)}: ${t(x.reason)}`,
  internal_error: (x) => `internal error, please report: ${t(x.detail)}`,
};

/** Why a table cannot be streamed (stream_needs_rows), by reason code. */
const STREAM_REASON_EN: Readonly<Record<string, string>> = {
  step: 'a step needs all its rows at once (a split over its rows, a lookup or a formula over the table)',
  named: 'a per-row step names a value or moves money for each row, so the output would grow with the rows',
  order: 'a per-row step comes after a total of the table, or other steps run between them',
  check: 'a check or plausibility condition reads the table',
  rows: 'its rows were asked for in the result (rows option)',
};

/** What is wrong with a command line (bad_usage), by reason code. */
const USAGE_EN: Readonly<Record<string, string>> = {
  unknown_command: 'no such command:',
  unknown_option: 'this command has no option',
  option_value: 'a wrong value for',
  arguments: 'wrong arguments',
  no_value: 'a value is missing after',
};
