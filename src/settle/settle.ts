import type { Value } from '../formula/types.js';
import { fail, makeIssue, ok, type Issue, type Result } from '../issues/issue.js';
import { ExactRangeError } from '../money/exact.js';
import { fileOption, ruleTextProblem, settleArgumentsProblem } from './arguments.js';
import { compileRuleFile, compileRuleValue, type CompiledRuleFile, type RuleFile } from './compile.js';
import { rowSelectionIssues, type RowSelection } from './row-results.js';
import type { InputDecl, UnknownInputs } from './declarations.js';
import { readCsvTable } from './csv.js';
import { readInputs } from './read-inputs.js';
import { readInputsFast } from './fast-input.js';
import { sha256Hex } from './fingerprint.js';
import type { DecisionRecord, FigureParts } from './plan.js';
import { finishRun, runSteps, startRun, type RunOptions } from './run.js';
import { jsonText, readSource, sourceFromValue, type SourceDoc } from './source.js';
import type { InputDocument, Settlement } from './types.js';

export { engineVersion, WORK_LIMIT } from './run.js';

/** Options of settle(). */
export interface SettleOptions {
  /** The input's file name for messages (default "input"). */
  readonly file?: string;
  /**
   * Record a figure for every value (default true). Off is faster for bulk runs: the values,
   * ledger, accounts and checks are the same, and an input document without a problem is read
   * in one pass (a document with one is read the general way, which reports it with its place).
   */
  readonly trace?: boolean;
  /** Parameter values that replace the rule file's, as decimal text ("0.03", "3%"). */
  readonly parameters?: Readonly<Record<string, string | number | boolean>>;
  /** Tables given as CSV text (header row of column names) instead of in the input document. */
  readonly tables?: Readonly<Record<string, { readonly text: string; readonly file?: string }>>;
  /**
   * An input, group field or table column the rule file does not declare is an error
   * (`unknown_input`, once per column; the default) or is passed over (`'ignore'`): rows read
   * from a database often carry columns the scheme does not use.
   */
  readonly unknownInputs?: UnknownInputs;
  /**
   * Return the columns steps compute for each row (`true`: every table that has some; or the
   * tables named) in `Settlement.rows`: each DRG case's points, each member's share. Off by
   * default, as a case list of a million rows gives a million rows back.
   */
  readonly rows?: RowSelection;
}

/** A rule file already parsed from its JSON text (a plain object; its schema is checked as the text's is). */
export type RuleFileObject = { readonly [key: string]: unknown };

/** A settlement plus the branch decisions taken, for re-checking with json-rules-engine. */
export interface SettlementWithDecisions {
  readonly settlement: Settlement;
  readonly decisions: readonly DecisionRecord[];
}

/**
 * Reads and validates a rule file from its JSON text, or from the object JSON.parse (or a
 * database's JSON column) gave; text is better, as only text gives issues a line:column.
 *
 * @param text The rule file's text (a UTF-8 BOM is accepted), or its parsed object.
 * @param options.file The file name used in issues (default "rules.json").
 * @returns The compiled rule file, or every problem found with its file, JSON path and line:column.
 * @example
 * const rules = readRuleFile(readFileSync('rules/yangxi.json', 'utf8'), { file: 'rules/yangxi.json' });
 * if (!rules.ok) for (const i of rules.issues) console.error(formatIssue(i));
 */
export function readRuleFile(text: string | RuleFileObject, options: { readonly file?: string } = {}): Result<RuleFile> {
  const file = fileOption(options, 'rules.json');
  const misuse = ruleTextProblem(text, file);
  if (misuse) return fail([misuse]);
  try {
    const r = typeof text === 'string' ? compileRuleFile(text, file) : compileRuleValue(text, file);
    return r.ok ? ok(r.value) : fail(r.issues);
  } catch (e) {
    return fail([internal(file, e)]);
  }
}

function internal(file: string, e: unknown): Issue {
  if (e instanceof ExactRangeError) return makeIssue('not_a_number', file, '', { detail: e.message });
  if (e instanceof RangeError) return makeIssue('json_too_large', file, '', { limit: 'memory or stack' });
  return makeIssue('internal_error', file, '', { detail: e instanceof Error ? e.message : String(e) });
}

/**
 * Settles one input under a rule file: every named value, the trace of each figure, the ledger
 * of transfers and the conservation checks. Money is computed exactly and printed with two
 * decimals; rounding happens only where the rule file says.
 *
 * @param rules A rule file from {@link readRuleFile}.
 * @param input The input document as JSON text (numbers keep their exact text) or as an
 *   {@link InputDocument} value: database rows, bigint counts and decimal.js amounts are read exactly.
 * @returns The settlement, or issues (missing or malformed inputs, division by zero, …).
 * @example
 * const run = settle(rules.value, inputText, { file: 'input.json' });
 * if (run.ok) console.log(run.value.values['package']); // "342216000.00"
 */
export function settle(rules: RuleFile, input: string | InputDocument | unknown, options: SettleOptions = {}): Result<Settlement> {
  const r = settleKeeping(rules, input, options, false);
  return r.ok ? ok(r.value.settlement) : r;
}

/**
 * {@link settle}, also returning the branch decisions (see verifyDecisions): every decision, and
 * for a decision over a table's rows each row's choice.
 */
export function settleWithDecisions(rules: RuleFile, input: string | unknown, options: SettleOptions = {}): Result<SettlementWithDecisions> {
  return settleKeeping(rules, input, options, true);
}

function settleKeeping(rules: RuleFile, input: string | unknown, options: SettleOptions, rowDecisions: boolean): Result<SettlementWithDecisions> {
  const file = fileOption(options, 'input');
  const misuse = settleArgumentsProblem(rules, input, options, file);
  if (misuse) return fail([misuse]);
  try {
    return run(rules as CompiledRuleFile, input, rowDecisions ? { ...options, rowDecisions } : options, file);
  } catch (e) {
    return fail([internal(file, e)]);
  }
}

function run(rules: CompiledRuleFile, input: string | unknown, options: SettleOptions & RunOptions, file: string): Result<SettlementWithDecisions> {
  // Without a trace nothing points into the input, so a document with nothing wrong in it is
  // read in one pass with no tree; any problem sends it to the general reader, which reports it.
  if (typeof input === 'string' && options.trace === false) {
    const values = readFast(rules, input, options);
    if (values) {
      const r = settleInputs(rules, values, [], undefined, options, sha256Hex(input));
      // A key not found names its input row's line, which only the general reader knows.
      if (r.ok || r.issues[0].code !== 'unknown_key') return r;
    }
  }
  const src = typeof input === 'string' ? readSource(input, file) : sourceFromValue(input, file);
  if (!src.ok) return fail([src.issue]);
  const fingerprint = sha256Hex(typeof input === 'string' ? input : jsonText(src.doc.root));
  return runDoc(rules, src.doc, options, fingerprint);
}

/**
 * The document read in one pass, with its CSV tables read beside it, when neither has a problem;
 * undefined otherwise (the general reader then reads both and says what is wrong).
 */
function readFast(rules: CompiledRuleFile, input: string, options: SettleOptions): Map<string, Value> | undefined {
  const csv = options.tables ?? {};
  const names = Object.keys(csv);
  const tables = names.map((n) => rules.decls.find((d): d is Extract<InputDecl, { shape: 'table' }> => d.name === n && d.shape === 'table'));
  if (tables.some((d) => d === undefined)) return undefined;
  const values = readInputsFast(rules.reading.fast, input, new Set(names));
  if (!values) return undefined;
  for (const d of tables) {
    if (!d) return undefined;
    const given = csv[d.name] as { readonly text: string; readonly file?: string };
    const issues: Issue[] = [];
    const table = readCsvTable(d, given.text, given.file ?? `${d.name}.csv`, rules.doc, issues, { unknownInputs: options.unknownInputs ?? 'error' });
    if (!table || issues.length > 0) return undefined;
    values.set(d.name, table);
  }
  return values;
}

/** Settles an input already read into a SourceDoc (e.g. a part of a cases file). */
export function settleDoc(rules: RuleFile, doc: SourceDoc, options: SettleOptions, fingerprint: string): Result<SettlementWithDecisions> {
  try {
    return runDoc(rules as CompiledRuleFile, doc, options, fingerprint);
  } catch (e) {
    return fail([internal(doc.file, e)]);
  }
}

function runDoc(rules: CompiledRuleFile, doc: SourceDoc, options: SettleOptions, fingerprint: string): Result<SettlementWithDecisions> {
  const { values, issues } = readInputs(rules.decls, doc, rules.doc, options.tables, options.unknownInputs, rules.reading.index);
  return settleInputs(rules, values, issues, doc, options, fingerprint);
}

/** The settlement of inputs already read; `doc` is where they came from (for the trace). */
function settleInputs(
  rules: CompiledRuleFile,
  inputValues: ReadonlyMap<string, Value>,
  issues: Issue[],
  doc: SourceDoc | undefined,
  options: SettleOptions,
  fingerprint: string,
): Result<SettlementWithDecisions> {
  issues.push(...rowSelectionIssues(rules, options.rows, fileOption(options, 'input')));
  const started = startRun(rules, inputValues, issues, options);
  if (!started.ok) return started;
  const run = started.value;
  const stop = runSteps(run, 0, rules.ops.length, doc, options);
  if (stop) return fail([stop]);
  return finishRun(run, doc, options, fingerprint);
}

export type { FigureParts };
