/**
 * yibao-settle — 医共体医保基金结算规则引擎. Settlement of medical-insurance funds for county
 * medical communities from declarative JSON rule files, with exact decimal arithmetic and a
 * trace for every figure.
 *
 * @packageDocumentation
 */
export { readRuleFile, settle, settleWithDecisions, engineVersion, WORK_LIMIT } from './settle/settle.js';
export type { SettleOptions, SettlementWithDecisions, RuleFileObject } from './settle/settle.js';
export type { UnknownInputs } from './settle/declarations.js';
export type { RuleFile, ParameterInfo, InputInfo, MemberInfo, ValueRules, Label } from './settle/compile.js';
export type { Settlement, Figure, RowsUsed, Transfer, Check, AccountBalance, Position, ValueKind, InputDocument, InputValue, DecimalLike, TableRows } from './settle/types.js';
export type { RowSelection } from './settle/row-results.js';
export type { DecisionRecord } from './settle/plan.js';
export type { FormulaFunction } from './formula/context.js';
export type { ConditionJson } from './conditions/conditions.js';
export { readBooleanCell } from './settle/csv.js';
export { readCellText } from './settle/cell-text.js';
export { readHeaderRow, matchHeader as matchHeaderCells } from './settle/csv-header.js';
export type { HeaderColumn, HeaderProblem } from './settle/csv-header.js';
export { decodeCsvBytes } from './settle/encoding.js';
export type { DecodedText, EncodingChoice, TextEncodingName } from './settle/encoding.js';
export type { CellColumn } from './settle/cell-text.js';
export type { ChoiceInfo } from './settle/choices.js';
export { simulate, MAX_YEARS } from './settle/simulate.js';
export { settleStream } from './settle/stream.js';
export type { TableStream, StreamOptions, StreamedSettlement, StreamFormat } from './settle/stream.js';
export { complementInSum, findParameterSums } from './settle/parameter-sums.js';
export type { ParameterSum } from './settle/parameter-sums.js';
export type { Simulation, SimulatedYear } from './settle/simulate.js';
export { makeBundle, readBundle, settleBundle, compareWithBundle, BUNDLE_FORMAT } from './settle/bundle.js';
export type { Bundle, BundleDocument, BundleParts, BundleRun } from './settle/bundle.js';
export { parameterValueText, parameterEntryText } from './report/parameter-text.js';
export type { ParameterValueText, ParameterPlace } from './report/parameter-text.js';
export { explain, formatExplanation } from './settle/explain.js';
export type { Explanation } from './settle/explain.js';
export { runCases } from './report/cases.js';
export type { CaseOutcome, CaseFigure } from './report/cases.js';
export { formatIssue, formatIssues, PRINTED_ISSUES } from './issues/format-issue.js';
export { escapeControls } from './issues/escape.js';
export type { Locale } from './issues/format-issue.js';
export { hasCode, ISSUE_CODES, messageOf } from './issues/issue.js';
export { inForce, isDay, pickInForce, type Effective } from './settle/effective.js';
export type { Issue, IssueCode, IssueFor, IssueOf, IssueParams, IssueParamsByCode, ParamsOf, Problem, ProblemOf, Result } from './issues/issue.js';
export { messagesZh } from './issues/messages-zh.js';
export { messagesEn } from './issues/messages-en.js';
export { split } from './money/split.js';
export type { SplitResult, SplitProblem } from './money/split.js';
export { parseDecimalText, formatMoney, formatNumber } from './money/decimal-string.js';
export type { DecimalString, DecimalParse } from './money/decimal-string.js';
export { Exact } from './money/exact.js';
export type { Rounding } from './money/exact.js';
export { round, r2, ROUNDING_MODES } from './money/round.js';
export type { RoundingMode } from './money/round.js';
export { ruleFileSchema } from './schema/rule-file-schema.js';
export { describeRules } from './report/describe.js';
export type { RuleDescription, RuleSentence, DescribedParameter } from './report/describe.js';
export { formatDescription } from './report/describe-format.js';
export type { DescriptionFormat } from './report/describe-format.js';
export { sweep, MAX_SWEEP_STEPS } from './settle/sweep.js';
export type { Sweep, SweepOptions, SweepPoint, SweepTarget, SweepParty } from './settle/sweep.js';
export { sweepChoices } from './report/sweep-choices.js';
export type { SweepChoices, SweepInputChoice, SweepParameterChoice } from './report/sweep-choices.js';
export { scaleMoney } from './money/scale.js';
export { csvField, toCsv } from './report/csv-text.js';
export { readableFigure, formatReadableExplanation, numberRuns } from './report/readable-trace.js';
export type { ReadableFigure, SplitShare, ExplanationNode, Lang } from './report/readable-trace.js';
