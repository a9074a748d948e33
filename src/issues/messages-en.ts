import { syntaxEn } from './syntax-messages.js';
import type { IssueCode, IssueParams } from './codes.js';

const p = (x: IssueParams, k: string): string => String(x[k] ?? '');

/** English messages, one per code; a missing code fails to compile. */
export const messagesEn: { readonly [C in IssueCode]: (x: IssueParams) => string } = {
  file_unreadable: (x) => `cannot read the file: ${p(x, 'reason')}`,
  file_not_text: (x) =>
    x['encoding'] && x['encoding'] !== 'utf-8'
      ? `the file is not valid ${p(x, 'encoding')} text (a binary file?)`
      : 'the file is not UTF-8 text (a binary file? a GBK/GB18030 CSV saved by Excel can be read with --encoding gb18030)',
  json_empty: () => 'the file is empty; expected one JSON document',
  json_syntax: (x) => `invalid JSON: ${syntaxEn(x) ?? p(x, 'detail')}`,
  json_too_deep: (x) => `JSON nested too deeply (at most ${p(x, 'limit')} levels)`,
  json_too_large: (x) => `the file is too large (limit ${p(x, 'limit')})`,
  json_duplicate_key: (x) => `duplicate key "${p(x, 'key')}"`,
  json_forbidden_key: (x) => `the key "${p(x, 'key')}" is not allowed`,
  missing_property: (x) => `missing required property "${p(x, 'property')}"`,
  unknown_property: (x) => `unknown property "${p(x, 'property')}"${x['expected'] ? `; allowed: ${p(x, 'expected')}` : ''}`,
  wrong_type: (x) => `wrong type: expected ${p(x, 'expected')}`,
  not_allowed_value: (x) => `value not allowed; expected ${p(x, 'expected')}`,
  bad_format: (x) => `bad format: expected ${p(x, 'expected')}`,
  out_of_range: (x) => `out of range: ${p(x, 'expected')}`,
  no_matching_shape: (x) => `matches none of the allowed forms: ${p(x, 'expected')}`,
  unknown_name: (x) => `unknown name "${p(x, 'name')}"${x['suggestion'] ? `; did you mean "${p(x, 'suggestion')}"?` : ''}`,
  duplicate_name: (x) => `the name "${p(x, 'name')}" is already defined at ${p(x, 'first')}`,
  reserved_name: (x) => `"${p(x, 'name')}" is reserved and cannot name a value`,
  cycle: (x) => `formulas refer to each other in a cycle: ${p(x, 'cycle')}`,
  kind_mismatch: (x) => `kinds do not match: ${p(x, 'detail')}`,
  formula_syntax: (x) => `formula syntax error: ${p(x, 'detail')}`,
  formula_too_long: (x) => `formula too long (at most ${p(x, 'limit')} characters)`,
  formula_too_deep: (x) => `formula nested too deeply (at most ${p(x, 'limit')} levels)`,
  unknown_function: (x) => `unknown function "${p(x, 'name')}"; available: ${p(x, 'expected')}`,
  wrong_arity: (x) => `function ${p(x, 'name')} takes ${p(x, 'expected')} arguments, got ${p(x, 'actual')}`,
  unknown_column: (x) => `table "${p(x, 'table')}" has no column "${p(x, 'column')}"`,
  unknown_table: (x) => `"${p(x, 'name')}" is not a table`,
  bad_condition: (x) => `invalid condition: ${p(x, 'detail')}`,
  numeric_operator_on_text: (x) =>
    `"${p(x, 'operator')}" compares numbers as text; use ${p(x, 'expected')}`,
  bad_template: (x) => `name template "${p(x, 'template')}" is invalid: ${p(x, 'detail')}`,
  too_many_steps: (x) => `too many steps (limit ${p(x, 'limit')})`,
  missing_input: (x) => `missing input "${p(x, 'name')}" (${p(x, 'expected')})`,
  unknown_input: (x) => `the rule file declares no input "${p(x, 'name')}"${x['expected'] ? `; declared: ${p(x, 'expected')}` : ''}`,
  not_decimal: (x) => `expected a decimal number such as "980.00", got ${p(x, 'received')}`,
  too_many_digits: (x) => `too many digits (at most ${p(x, 'limit')}): ${p(x, 'received')}`,
  money_precision: (x) => `money has at most two decimals (fen), got ${p(x, 'received')}`,
  bad_grouping: (x) => `${p(x, 'received')} has thousands separators in the wrong places: groups of three, as in ${p(x, 'expected')}, with "." for the decimal point`,
  not_integer: (x) => `expected a whole number, got ${p(x, 'received')}`,
  negative_count: (x) => `a count cannot be negative: ${p(x, 'received')}`,
  below_minimum: (x) => `must be at least ${p(x, 'limit')}, got ${p(x, 'received')}`,
  above_maximum: (x) => `must be at most ${p(x, 'limit')}, got ${p(x, 'received')}`,
  rate_out_of_range: (x) =>
    `the rate ${p(x, 'received')}${x['percent'] === x['received'] ? '' : ` is ${p(x, 'percent')}`}, outside ${p(x, 'min')} to ${p(x, 'max')}. A rate is written 0.02 or 2%: 2 means 200%, 2% is two percent`,
  not_in_choices: (x) => `${p(x, 'received')} is not one of ${p(x, 'expected')}`,
  duplicate_key: (x) => `duplicate id "${p(x, 'key')}" in the table (first at row ${p(x, 'first')})`,
  empty_id: (x) => `the id column ${p(x, 'column')} of table "${p(x, 'table')}" cannot be empty`,
  control_character: (x) => `the text ${p(x, 'received')} holds the control or invisible character ${p(x, 'character')} (NUL, ESC, tab, line break, zero-width …): ids that look the same could differ`,
  too_many_rows: (x) => `too many rows (limit ${p(x, 'limit')})`,
  csv_field_count: (x) =>
    `line ${p(x, 'line')} has ${p(x, 'received')} fields but the header has ${p(x, 'expected')} (a number with thousands commas must be quoted: "8,600,000.00")`,
  csv_duplicate_header: (x) => `the header "${p(x, 'header')}" names column ${p(x, 'column')}, as header cell ${p(x, 'first')} already does`,
  ambiguous_header: (x) => `the header "${p(x, 'header')}" matches more than one column: ${p(x, 'columns')}`,
  stream_needs_rows: (x) => `the table "${p(x, 'table')}" cannot be read a chunk at a time: ${STREAM_REASON_EN[String(x['reason'])] ?? p(x, 'reason')} (${p(x, 'step')}); give it whole (--table) instead`,
  table_given_twice: (x) => `the table "${p(x, 'table')}" is given twice: ${p(x, 'first')} and ${p(x, 'second')}; give it once`,
  division_by_zero: (x) => `division by zero: ${p(x, 'detail')}`,
  weights_all_zero: (x) => `cannot split ${p(x, 'amount')}: all weights are zero`,
  negative_weight: (x) => `split weights cannot be negative: ${p(x, 'detail')}`,
  unknown_key: (x) =>
    `no "${p(x, 'key')}" in "${p(x, 'table')}"${x['row'] ? ` (input row ${p(x, 'row')})` : ''}${x['step'] ? `; looked up by the rule step ${p(x, 'step')}` : ''}`,
  work_limit: (x) => `stopped: the computation exceeded ${p(x, 'limit')} steps`,
  not_a_number: (x) => `the result is not a finite number: ${p(x, 'detail')}`,
  check_failed: (x) => `check failed: ${p(x, 'detail')}`,
  plausibility_failed: (x) => `plausibility check failed, nothing settled: ${p(x, 'labelEn')} (${p(x, 'assert')}); figures: ${p(x, 'figures')}`,
  bad_usage: (x) => `${USAGE_EN[String(x['reason'])] ?? 'bad usage'}${x['option'] ? ` ${p(x, 'option')}` : ''}${x['expected'] ? `: expected ${p(x, 'expected')}` : ''}${x['received'] !== undefined && x['received'] !== '' ? `, got ${p(x, 'received')}` : ''}`,
  write_failed: (x) => `cannot write the output: ${p(x, 'reason')}`,
  stale_label_number: (x) =>
    `the label “${p(x, 'label')}” says ${p(x, 'quoted')}, which does not match the current values of the parameters it uses (${p(x, 'current')}); the rule description shows the parameters' values — correct the label`,
  fingerprint_mismatch: (x) =>
    `the ${p(x, 'part') === 'rule' ? 'rule file' : 'input'} in this bundle was changed after it was saved: its SHA-256 is ${p(x, 'actual')}, the bundle says ${p(x, 'expected')}`,
  result_mismatch: (x) => `"${p(x, 'name')}" settles to ${p(x, 'actual')}, but the bundle stored ${p(x, 'expected')}`,
  request_too_large: (x) => `the request body is larger than the service accepts (${p(x, 'limit')})`,
  unsupported_media_type: (x) => `the request body must be JSON (Content-Type: application/json), got ${p(x, 'received')}`,
  unauthorized: () => 'a valid API key is required (header "Authorization: Bearer <key>" or "X-API-Key: <key>")',
  unknown_endpoint: (x) => `no endpoint ${p(x, 'method')} ${p(x, 'path')}; available: ${p(x, 'expected')}`,
  unknown_rules: (x) => `no rule file "${p(x, 'id')}" here; there are: ${p(x, 'expected')}`,
  service_busy: (x) => `the service is busy (${p(x, 'limit')} requests waiting); retry after ${p(x, 'retryAfter')} s`,
  shutting_down: () => 'the service is shutting down; send the request to another instance or retry shortly',
  time_limit: (x) => `stopped: the request took longer than the service allows (${p(x, 'limit')} ms)`,
  memory_limit: (x) => `stopped: the request needs more memory than the service allows (${p(x, 'limit')} MB)`,
  listen_failed: (x) => `cannot listen on ${p(x, 'address')}: ${p(x, 'reason')}`,
  internal_error: (x) => `internal error, please report: ${p(x, 'detail')}`,
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
