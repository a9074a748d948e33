import { EvalStop, type Env } from '../formula/compile.js';
import { nodeAt } from '../json/read-json.js';
import type { Value } from '../formula/types.js';
import { fail, makeIssue, ok, type Issue, type Result } from '../issues/issue.js';
import { formatMoney } from '../money/decimal-string.js';
import { D, ZERO, type Dec } from '../money/decimal.js';
import { ExactRangeError } from '../money/exact.js';
import { fileOption, ruleTextProblem, settleArgumentsProblem } from './arguments.js';
import { CHECK_TEXT, checkAmountText } from './check-labels.js';
import { compileRuleFile, compileRuleValue, type CompiledRuleFile, type GlobalInfo, type RuleFile } from './compile.js';
import { rowResults, rowSelectionIssues, type RowSelection } from './row-results.js';
import { readInputs, readScalar, type ScalarKind, type UnknownInputs } from './declarations.js';
import { readInputsFast } from './fast-input.js';
import { sha256Hex } from './fingerprint.js';
import type { DecisionRecord, FigureParts, RunCtx } from './ops.js';
import { hiddenDigits, printValue, valueKind } from './print.js';
import { unknownKeyIssue } from './locate-row.js';
import { plausibilityIssue } from './plausibility.js';
import { setOwn } from './record.js';
import { issueAt, jsonText, readSource, sourceFromValue, type SourceDoc } from './source.js';
import type { AccountBalance, Check, Figure, InputDocument, Settlement, Transfer } from './types.js';

const NO_GUARDS: readonly never[] = [];

/** The engine's version, printed in every settlement. */
export const engineVersion = '0.1.0';

/** Upper bound on row evaluations in one settlement (bounded work for hostile files). */
export const WORK_LIMIT = 50_000_000;

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
  const r = settleWithDecisions(rules, input, options);
  return r.ok ? ok(r.value.settlement) : r;
}

/** {@link settle}, also returning the branch decisions (see verifyDecisions). */
export function settleWithDecisions(rules: RuleFile, input: string | unknown, options: SettleOptions = {}): Result<SettlementWithDecisions> {
  const file = fileOption(options, 'input');
  const misuse = settleArgumentsProblem(rules, input, options, file);
  if (misuse) return fail([misuse]);
  try {
    return run(rules as CompiledRuleFile, input, options, file);
  } catch (e) {
    return fail([internal(file, e)]);
  }
}

function run(rules: CompiledRuleFile, input: string | unknown, options: SettleOptions, file: string): Result<SettlementWithDecisions> {
  // Without a trace nothing points into the input, so a document with nothing wrong in it is
  // read in one pass with no tree; any problem sends it to the general reader, which reports it.
  if (typeof input === 'string' && options.trace === false && options.tables === undefined) {
    const values = readInputsFast(rules.decls, input);
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

/** Settles an input already read into a SourceDoc (e.g. a part of a cases file). */
export function settleDoc(rules: RuleFile, doc: SourceDoc, options: SettleOptions, fingerprint: string): Result<SettlementWithDecisions> {
  try {
    return runDoc(rules as CompiledRuleFile, doc, options, fingerprint);
  } catch (e) {
    return fail([internal(doc.file, e)]);
  }
}

function runDoc(rules: CompiledRuleFile, doc: SourceDoc, options: SettleOptions, fingerprint: string): Result<SettlementWithDecisions> {
  const { values, issues } = readInputs(rules.decls, doc, rules.doc, options.tables, options.unknownInputs);
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
  const slots: Value[] = new Array<Value>(rules.globals.size);
  for (const [name, v] of inputValues) slots[(rules.globals.get(name) as { slot: number }).slot] = v;
  const overrides = options.parameters ?? {};
  for (const k of Object.keys(overrides)) {
    if (!rules.params.some((p) => p.name === k)) issues.push(makeIssue('unknown_name', rules.file, '/parameters', { name: k }));
  }
  for (const p of rules.params) {
    let v: Value = p.exact;
    if (Object.prototype.hasOwnProperty.call(overrides, p.name)) {
      const given = overrides[p.name];
      // On the command line every value is text; true/false are the booleans' spelling.
      const o = p.kind === 'boolean' && (given === 'true' || given === 'false') ? given === 'true' : given;
      const valueDoc = sourceFromValue(o, 'parameters');
      const parsed = valueDoc.ok ? readScalar({ kind: p.kind, ...p.limits }, valueDoc.doc.root, { ...valueDoc.doc, file: `parameter ${p.name}` }, '', issues) : undefined;
      if (parsed !== undefined) v = parsed;
    }
    slots[(rules.globals.get(p.name) as { slot: number }).slot] = v;
  }
  issues.push(...rowSelectionIssues(rules, options.rows, fileOption(options, 'input')));
  if (issues.length > 0) return fail(issues);

  const trace = options.trace ?? true;
  const env: Env = { slots, rows: [], work: { n: 0, limit: WORK_LIMIT } };
  // Plain objects filled in place: Object.fromEntries of a Map costs more than the arithmetic.
  const values: Record<string, string> = {};
  const figures: Record<string, Figure> = {};
  const ledger: Transfer[] = [];
  const ledgerAmounts: Dec[] = [];
  const checks: Check[] = [];
  const decisions: DecisionRecord[] = [];
  // A value read by many formulas is printed once for all their traces.
  const printed = new Map<string, { readonly v: Value | undefined; readonly text: string }>();
  const printGlobal = (name: string): string => {
    const g = rules.globals.get(name);
    if (!g) return '';
    const v = slots[g.slot];
    const hit = printed.get(name);
    if (hit && hit.v === v) return hit.text;
    const text = printValue(g.kind, v);
    printed.set(name, { v, text });
    return text;
  };
  let current = '';
  const rc: RunCtx = {
    env,
    trace,
    emit(name, kind, value, parts, places) {
      if (Object.prototype.hasOwnProperty.call(values, name)) throw new EvalStop('unknown_key', { table: 'duplicate name', key: name });
      if (kind === 'count' && value instanceof D && !value.isInteger()) throw new EvalStop('not_integer', { received: `${name} = ${value.toFixed()}` });
      // "Rounded to 6 decimals" is shown with 6 decimals (50.000000), as money is with 2.
      const printed = places !== undefined && kind !== 'money' && value instanceof D ? value.toFixed(places) : printValue(kind, value);
      setOwn(values, name, printed);
      if (parts) {
        parts.name = name;
        parts.value = printed;
        parts.kind = valueKind(kind);
        setOwn(figures, name, parts);
      }
    },
    transfer(from, to, amount, value, pointer, memo) {
      if (amount.isZero()) return;
      const negative = amount.isNegative();
      const x = negative ? amount.neg() : amount;
      const t: { -readonly [K in keyof Transfer]: Transfer[K] } = { from: negative ? to : from, to: negative ? from : to, amount: formatMoney(x), value, pointer };
      if (memo) t.memo = memo;
      ledger.push(t);
      ledgerAmounts.push(x);
    },
    check(name, expected, actual, pointer, description, label) {
      const holds = expected.eq(actual);
      const text = checkAmountText(expected); // equal values print alike: one text for both when the check holds
      checks.push({ name, label, ok: holds, expected: text, actual: holds ? text : checkAmountText(actual), pointer, description });
    },
    decision(d) {
      decisions.push(d);
    },
    inputsOf(deps) {
      const out: Record<string, string> = {};
      for (const d of deps) out[d] = printGlobal(d);
      return out;
    },
  };
  try {
    const ops = rules.ops;
    for (let k = 0; k <= ops.length; k++) {
      for (const g of rules.guards[k] ?? NO_GUARDS) {
        if (g.compiled.fn(env) !== true) return fail([plausibilityIssue(rules.doc, g, rules.globals, slots)]);
      }
      const op = ops[k];
      if (!op) break;
      current = op.pointer;
      op.run(rc);
    }
    current = '';
    for (const a of rules.asserts) {
      const holds = a.compiled.fn(env) === true;
      checks.push({ name: a.name, label: a.label ?? { zh: a.name, en: a.name }, ok: holds, expected: 'true', actual: String(holds), pointer: a.pointer, description: a.formula });
    }
  } catch (e) {
    if (e instanceof ExactRangeError) return fail([issueAt(rules.doc, 'not_a_number', current, { detail: e.message })]);
    if (e instanceof EvalStop) {
      if (e.code === 'unknown_key' && e.params['table'] !== 'duplicate name') return fail([unknownKeyIssue(rules, e, current, slots, doc, options.tables)]);
      const code = e.params['table'] === 'duplicate name' ? 'duplicate_name' : e.code;
      const params = code === 'duplicate_name' ? { name: String(e.params['key']), first: 'an earlier step' } : e.params;
      return fail([issueAt(rules.doc, code, current, params)]);
    }
    throw e;
  }

  // Figures for the inputs and parameters that formulas read, so a trace ends at source values.
  if (trace && doc) {
    for (const p of rules.params) {
      setOwn(figures, p.name, {
        name: p.name,
        value: printGlobal(p.name),
        kind: valueKind(p.kind),
        source: 'parameter',
        pointer: p.pointer,
        formula: `parameter: ${p.label.zh} / ${p.label.en}${Object.prototype.hasOwnProperty.call(overrides, p.name) ? ` (set for this run; the rule file says ${printValue(p.kind, p.exact)})` : p.published === false ? ' (assumed)' : p.published ? ' (published)' : ''}`,
        inputs: {},
        ...(p.at ? { at: p.at } : {}),
      });
    }
    for (const { name, g, pointer } of inputGlobals(rules)) {
      if (Object.prototype.hasOwnProperty.call(figures, name)) continue;
      const node = nodeAt(doc.root, pointer)?.offset;
      const v = slots[g.slot];
      const exact = v instanceof D && g.kind !== 'table' && g.kind !== 'list' ? hiddenDigits(g.kind as ScalarKind, v) : undefined;
      setOwn(figures, name, {
        name,
        value: printGlobal(name),
        kind: g.kind === 'table' || g.kind === 'list' ? 'number' : valueKind(g.kind),
        source: 'input',
        pointer,
        formula: `input ${name}`,
        inputs: {},
        file: doc.file,
        ...(exact ? { exact } : {}),
        ...(node !== undefined && doc.lines ? { at: doc.lines.position(node) } : {}),
      });
    }
  }

  const { accounts, net } = balances(ledger, ledgerAmounts);
  for (const a of rules.closing) {
    const bal = accounts[a];
    const n = bal ? bal.net : '0.00';
    const label = CHECK_TEXT.accountCloses(rules.accounts.get(a) ?? { zh: a, en: a });
    checks.push({ name: `account ${a} closes`, label, ok: n === '0.00', expected: '0.00', actual: n, pointer: `/accounts/${a}`, description: `what ${a} receives it pays on: received − paid = 0` });
  }
  checks.push({ name: 'ledger balances', label: CHECK_TEXT.ledgerBalances, ok: net.isZero(), expected: '0.00', actual: checkAmountText(net), pointer: '', description: 'Σ over accounts of (received − paid) = 0' });

  const settlement: Settlement = {
    rule: { id: rules.id, title: rules.title, fingerprint: rules.fingerprint },
    input: { fingerprint },
    engine: { name: 'yibao-settle', version: engineVersion },
    values,
    figures,
    ledger,
    accounts,
    checks,
    ...(options.rows ? { rows: rowResults(rules, slots, options.rows) } : {}),
  };
  return ok({ settlement, decisions });
}


const inputGlobalsCache = new WeakMap<CompiledRuleFile, readonly { name: string; g: GlobalInfo; pointer: string }[]>();

/** The rule file's inputs with the JSON Pointer of each in an input document, listed once. */
function inputGlobals(rules: CompiledRuleFile): readonly { name: string; g: GlobalInfo; pointer: string }[] {
  let list = inputGlobalsCache.get(rules);
  if (!list) {
    list = [...rules.globals].filter(([, g]) => g.source === 'input').map(([name, g]) => ({ name, g, pointer: '/' + name.split('.').join('/') }));
    inputGlobalsCache.set(rules, list);
  }
  return list;
}

function balances(ledger: readonly Transfer[], amounts: readonly Dec[]): { accounts: Record<string, AccountBalance>; net: Dec } {
  // One entry per account, listed in the order accounts first appear, the payer before the payee.
  const sums = new Map<string, { received: Dec; paid: Dec }>();
  const entry = (k: string): { received: Dec; paid: Dec } => {
    let e = sums.get(k);
    if (!e) sums.set(k, (e = { received: ZERO, paid: ZERO }));
    return e;
  };
  for (let i = 0; i < ledger.length; i++) {
    const t = ledger[i] as Transfer;
    const x = amounts[i] as Dec;
    const from = entry(t.from);
    from.paid = from.paid.plus(x);
    const to = entry(t.to);
    to.received = to.received.plus(x);
  }
  const out: Record<string, AccountBalance> = {};
  let net = ZERO;
  for (const [k, { received, paid }] of sums) {
    const n = received.minus(paid);
    net = net.plus(n);
    const r = formatMoney(received);
    // An account that passes on what it receives (most do) prints one text twice and a zero.
    setOwn(out, k, { received: r, paid: n.isZero() ? r : formatMoney(paid), net: formatMoney(n) });
  }
  return { accounts: out, net };
}

export type { FigureParts };
