/**
 * One settlement run: the slots filled from inputs and parameters, the steps run in their planned
 * order with the plausibility conditions between them, then the trace of the source values, the
 * account balances and the checks gathered into a Settlement. Split into start, a range of steps
 * and finish, so that a streamed table can run its steps once per chunk of rows in between.
 */
import { EvalStop, type Env } from '../formula/compile.js';
import type { Value } from '../formula/types.js';
import { fail, makeIssue, ok, type Issue, type Result } from '../issues/issue.js';
import { nodeAt } from '../json/read-json.js';
import { formatMoney } from '../money/decimal-string.js';
import { Exact, ZERO } from '../money/exact.js';
import { ExactRangeError } from '../money/exact.js';
import { CHECK_TEXT, checkAmountText } from './check-labels.js';
import type { CompiledRuleFile, MapParameterPlan } from './model.js';
import { readScalar, type ScalarKind } from './declarations.js';
import { unknownKeyIssue } from './locate-row.js';
import type { DecisionRecord, RunCtx } from './plan.js';
import { plausibilityIssue } from './plausibility.js';
import { hiddenDigits, printValue, valueKind } from './print.js';
import { setOwn } from './record.js';
import { rowResults, type RowSelection } from './row-results.js';
import { issueAt, sourceFromValue, type SourceDoc } from './source.js';
import type { AccountBalance, Check, Figure, Settlement, Transfer } from './types.js';

/** The engine's version, printed in every settlement. */
export const engineVersion = '0.1.0';

/** Upper bound on row evaluations in one settlement (bounded work for hostile files). */
export const WORK_LIMIT = 50_000_000;

const NO_GUARDS: readonly never[] = [];

/** What a run needs of the settle options. */
export interface RunOptions {
  readonly trace?: boolean;
  readonly parameters?: Readonly<Record<string, string | number | boolean>>;
  readonly tables?: Readonly<Record<string, { readonly text: string; readonly file?: string }>>;
  readonly rows?: RowSelection;
  /** Keep each row's choice of a decision over rows, for re-checking with json-rules-engine. */
  readonly rowDecisions?: boolean;
}

/** A settlement in progress. */
export interface Run {
  readonly rules: CompiledRuleFile;
  readonly slots: Value[];
  readonly env: Env;
  readonly rc: RunCtx;
  readonly values: Record<string, string>;
  readonly figures: Record<string, Figure>;
  readonly ledger: Transfer[];
  readonly ledgerAmounts: Exact[];
  readonly checks: Check[];
  readonly decisions: DecisionRecord[];
  readonly overrides: Readonly<Record<string, string | number | boolean>>;
  readonly printGlobal: (name: string) => string;
  /** The pointer of the step running, for the issue an evaluation stop becomes. */
  current: string;
}

/** A SettlementWithDecisions as the run gives it (settle.ts names it for the library). */
export interface RunResult {
  readonly settlement: Settlement;
  readonly decisions: readonly DecisionRecord[];
}

/** The map parameter and key an override such as `levelRatio.county` names, if any. */
function mapEntryOf(rules: CompiledRuleFile, name: string): { map: MapParameterPlan; key: string } | undefined {
  for (const map of rules.mapParams) {
    if (name.startsWith(`${map.name}.`) && map.entries.has(name.slice(map.name.length + 1))) return { map, key: name.slice(map.name.length + 1) };
  }
  return undefined;
}

/** A map parameter's values, with the entries given for this run (`levelRatio.county=85%`) read as its values are. */
function mapWithOverrides(m: MapParameterPlan, overrides: Readonly<Record<string, string | number | boolean>>, issues: Issue[]): Map<string, Exact> {
  const prefix = `${m.name}.`;
  const given = Object.keys(overrides).filter((k) => k.startsWith(prefix) && m.entries.has(k.slice(prefix.length)));
  if (given.length === 0) return m.entries;
  const out = new Map(m.entries);
  for (const k of given) {
    const valueDoc = sourceFromValue(overrides[k], 'parameters');
    const parsed = valueDoc.ok ? readScalar({ kind: m.of, ...m.limits, choices: undefined }, valueDoc.doc.root, { ...valueDoc.doc, file: `parameter ${k}` }, '', issues) : undefined;
    if (parsed instanceof Exact) out.set(k.slice(prefix.length), parsed);
  }
  return out;
}

/** The parameters' values (the rule file's, or those given for this run) in their slots. */
function parameterSlots(rules: CompiledRuleFile, slots: Value[], overrides: Readonly<Record<string, string | number | boolean>>, issues: Issue[]): void {
  for (const k of Object.keys(overrides)) {
    if (!rules.params.some((p) => p.name === k) && !mapEntryOf(rules, k)) issues.push(makeIssue('unknown_name', rules.file, '/parameters', { name: k }));
  }
  for (const m of rules.mapParams) slots[(rules.globals.get(m.name) as { slot: number }).slot] = mapWithOverrides(m, overrides, issues);
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
}

/** Starts a run from inputs already read, or gives every problem with them and the parameters. */
export function startRun(rules: CompiledRuleFile, inputValues: ReadonlyMap<string, Value>, issues: Issue[], options: RunOptions): Result<Run> {
  const slots: Value[] = new Array<Value>(rules.globals.size);
  for (const [name, v] of inputValues) slots[(rules.globals.get(name) as { slot: number }).slot] = v;
  const overrides = options.parameters ?? {};
  parameterSlots(rules, slots, overrides, issues);
  if (issues.length > 0) return fail(issues);
  const env: Env = { slots, rows: [], work: { n: 0, limit: WORK_LIMIT }, used: undefined, listed: 0 };
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
  // Plain objects filled in place: Object.fromEntries of a Map costs more than the arithmetic.
  const parts: Omit<Run, 'rc'> = { rules, slots, env, values: {}, figures: {}, ledger: [], ledgerAmounts: [], checks: [], decisions: [], overrides, printGlobal, current: '' };
  return ok(Object.assign(parts, { rc: runContext(parts, options.trace ?? true, options.rowDecisions ?? false) }));
}

function runContext(run: Omit<Run, 'rc'>, trace: boolean, rowDecisions: boolean): RunCtx {
  const { values, figures, ledger, ledgerAmounts, checks, decisions, printGlobal } = run;
  return {
    env: run.env,
    trace,
    rowDecisions,
    emit(name, kind, value, parts, places) {
      if (Object.prototype.hasOwnProperty.call(values, name)) throw new EvalStop({ code: 'duplicate_name', params: { name, first: 'an earlier step' } });
      if (kind === 'count' && value instanceof Exact && !value.isInteger()) throw new EvalStop({ code: 'not_integer', params: { received: `${name} = ${value.toFixed()}` } });
      // "Rounded to 6 decimals" is shown with 6 decimals (50.000000), as money is with 2.
      const printed = places !== undefined && kind !== 'money' && value instanceof Exact ? value.toFixed(places) : printValue(kind, value);
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
}

/**
 * Runs the planned steps `from` … `to − 1`, each after the plausibility conditions due before
 * it, and (with `guardsAfter`, the default) those due before step `to` — at the end, those due
 * once every step has run. An evaluation stop becomes the issue it means, located at the step (or
 * the input row) that caused it.
 */
export function runSteps(run: Run, from: number, to: number, doc: SourceDoc | undefined, options: RunOptions, guardsAfter = true): Issue | undefined {
  const { rules, env, rc } = run;
  try {
    for (let k = from; k <= to; k++) {
      if (k === to && !guardsAfter) break;
      for (const g of rules.guards[k] ?? NO_GUARDS) {
        if (g.compiled.fn(env) !== true) return plausibilityIssue(rules.doc, g, rules.globals, run.slots);
      }
      const op = rules.ops[k];
      if (!op || k === to) break;
      run.current = op.pointer;
      op.run(rc);
    }
    run.current = '';
    return undefined;
  } catch (e) {
    return stopIssue(run, e, doc, options);
  }
}

/** The issue an evaluation stop (or an exact-range error) in a step means; anything else is rethrown. */
export function stopIssue(run: Run, e: unknown, doc: SourceDoc | undefined, options: RunOptions): Issue {
  const { rules, current } = run;
  if (e instanceof ExactRangeError) return issueAt(rules.doc, 'not_a_number', current, { detail: e.message });
  if (e instanceof EvalStop) {
    const problem = e.problem;
    if (problem.code === 'unknown_key') return unknownKeyIssue(rules, problem.params, e.rows, current, run.slots, doc, options.tables);
    return issueAt(rules.doc, problem.code, current, problem.params);
  }
  throw e;
}

/** The checks the rule file declares, evaluated on the finished values. */
function declaredChecks(run: Run): void {
  for (const a of run.rules.asserts) {
    const holds = a.compiled.fn(run.env) === true;
    run.checks.push({ name: a.name, label: a.label ?? { zh: a.name, en: a.name }, ok: holds, expected: 'true', actual: String(holds), pointer: a.pointer, description: a.formula });
  }
}

/**
 * Figures for the inputs and parameters that formulas read, so a trace ends at source values.
 * `rowCounts` gives the printed size of tables whose rows are no longer held (streamed).
 */
function sourceFigures(run: Run, doc: SourceDoc, rowCounts: ReadonlyMap<string, number>): void {
  const { rules, figures, overrides, printGlobal, slots } = run;
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
  for (const m of rules.mapParams) {
    const changed = Object.keys(overrides).some((k) => k.startsWith(`${m.name}.`));
    setOwn(figures, m.name, {
      name: m.name,
      value: printGlobal(m.name),
      kind: 'number',
      source: 'parameter',
      pointer: m.pointer,
      formula: `parameter: ${m.label.zh} / ${m.label.en}${changed ? ` (set for this run; the rule file says ${printValue('map', m.entries)})` : m.published === false ? ' (assumed)' : m.published ? ' (published)' : ''}`,
      inputs: {},
      ...(m.at ? { at: m.at } : {}),
    });
  }
  for (const { name, g, pointer } of rules.reading.inputGlobals) {
    if (Object.prototype.hasOwnProperty.call(figures, name)) continue;
    const node = nodeAt(doc.root, pointer)?.offset;
    const v = slots[g.slot];
    const exact = v instanceof Exact && g.kind !== 'table' && g.kind !== 'list' ? hiddenDigits(g.kind as ScalarKind, v) : undefined;
    const streamed = rowCounts.get(name);
    setOwn(figures, name, {
      name,
      value: streamed === undefined ? printGlobal(name) : `[${streamed} rows]`,
      kind: g.kind === 'table' || g.kind === 'list' || g.kind === 'map' ? 'number' : valueKind(g.kind),
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

/** Ends a run: declared checks, source figures, balances and the engine's own checks. */
export function finishRun(run: Run, doc: SourceDoc | undefined, options: RunOptions, fingerprint: string, rowCounts: ReadonlyMap<string, number> = new Map()): Result<RunResult> {
  const { rules, checks, ledger, ledgerAmounts } = run;
  try {
    declaredChecks(run);
  } catch (e) {
    return fail([stopIssue(run, e, doc, options)]);
  }
  if ((options.trace ?? true) && doc) sourceFigures(run, doc, rowCounts);
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
    values: run.values,
    figures: run.figures,
    ledger,
    accounts,
    checks,
    ...(options.rows ? { rows: rowResults(rules, run.slots, options.rows) } : {}),
  };
  return ok({ settlement, decisions: run.decisions });
}


function balances(ledger: readonly Transfer[], amounts: readonly Exact[]): { accounts: Record<string, AccountBalance>; net: Exact } {
  // One entry per account, listed in the order accounts first appear, the payer before the payee.
  const sums = new Map<string, { received: Exact; paid: Exact }>();
  const entry = (k: string): { received: Exact; paid: Exact } => {
    let e = sums.get(k);
    if (!e) sums.set(k, (e = { received: ZERO, paid: ZERO }));
    return e;
  };
  for (let i = 0; i < ledger.length; i++) {
    const t = ledger[i] as Transfer;
    const x = amounts[i] as Exact;
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
