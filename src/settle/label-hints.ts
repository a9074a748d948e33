/**
 * Stale numbers in labels. A label that quotes a parameter's value (`结余按县镇 6:4 分配`) is
 * right the day it is written and wrong the day the parameter changes: the settlement follows the
 * parameter, the label keeps saying 6:4, and an official reading the report believes the label.
 * This module finds such labels and reports each as a `stale_label_number` warning at the label.
 *
 * The heuristic, documented in docs/rule-format.md §5:
 * - which labels: those of steps, split parts, waterfall payers, tier bands, decision rules and
 *   checks, and the memos of their transfers, each judged against the parameters its step (or check) reads, directly or through the
 *   steps it depends on; and those of parameters, judged against every parameter (the file's
 *   description is prose with formulas of its own, and is not judged);
 * - which numbers: percentages (`8%`), ratios (`6:4`, `1 : 1 : 2`) and plain numbers, in half- or
 *   full-width digits — not years (1900–2100), not numbers followed by a unit of time or order
 *   (年 月 日 号 位 级 段 档 条 项 次 期 …), not numbers inside identifiers (`E1`, `tier2`);
 * - when a number is current: it equals a value the element uses — a parameter's value, for a
 *   rate also 100% minus it (a 3% holdback pays 97%), or a literal written in its formulas or
 *   rounding; a ratio is current when it is proportional to the weights of the split it labels,
 *   or when each of its terms is current;
 * - labels of elements that read no parameter are not judged (their numbers are not parameters').
 */
import { parseDecimalText } from '../money/decimal-string.js';
import { Exact } from '../money/exact.js';
import { makeWarning, type Issue } from '../issues/issue.js';
import { escapePointerToken, member, nodeAt, type JsonNode } from '../json/read-json.js';
import { printParameter } from './print.js';
import { positionOf, type SourceDoc } from './source.js';
import type { ScalarKind } from './declarations.js';

/** What the check needs of a compiled rule file (structural, so compile.ts can pass its plan). */
export interface LabelHintPlan {
  readonly doc: SourceDoc;
  readonly params: readonly { readonly name: string; readonly kind: ScalarKind; readonly exact: Exact | string | boolean }[];
  readonly ops: readonly { readonly pointer: string; readonly deps: readonly string[]; readonly outputs: readonly string[]; readonly columnOf: string | undefined }[];
  readonly asserts: readonly { readonly pointer: string; readonly formula: string }[];
}

/** A number quoted in a label: its text and the values (one, or a ratio's terms) it says. */
interface Quote {
  readonly text: string;
  readonly percent: boolean;
  readonly terms: readonly Exact[];
}

/** Members whose strings are formulas or decimal values (not names, labels or memos). */
const FORMULA_KEYS = new Set(['formula', 'otherwise', 'split', 'weight', 'where', 'waterfall', 'cap', 'of', 'base', 'upTo', 'rate', 'assert', 'value']);
const SKIPPED_KEYS = new Set(['label', 'note', '$comment', 'transfer', 'name', 'rest', 'slice', 'amount', 'column', 'over', 'from', 'to', 'by', 'total', 'fact']);

const FULL_WIDTH = /[\uff10-\uff19\uff0e\uff05\uff1a]/g;
/** Units after which a number is a date, an order or a count of something else. */
const UNIT = '年月日号號位级段档条项次期岁名家行列页章节stndrdth';
const NUMBER = String.raw`\d+(?:\.\d+)?`;
const QUOTE = new RegExp(String.raw`(?<![A-Za-z0-9_.{第])(${NUMBER}(?:\s*:\s*${NUMBER})+|${NUMBER}\s*%|${NUMBER})(?![0-9A-Za-z_])`, 'g');
const RANGE = new RegExp(String.raw`^\s*[–~\-至到]\s*${NUMBER}\s*[${UNIT}]`);
const FOLLOWED_BY_UNIT = new RegExp(String.raw`^\s*(?:[${UNIT}]|-?\s*(?:years?|months?|days?|weeks?|times|fold)\b)`, 'i');
/** Words before a number that make it an ordinal (`tier 2`, `第 2 段`), not a quantity. */
const ORDINAL_BEFORE = /(?:\b(?:tier|band|level|step|rule|part|phase|grade|class|type|group|year|month|no\.?)|#|第)\s*$/i;
const LITERAL = /(?<![A-Za-z0-9_.{])(\d+(?:\.\d+)?)(%?)/g;

/** The numbers a label quotes, with full-width digits, ％ and ： read as ASCII. */
export function quotedNumbers(label: string): Quote[] {
  const text = label.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const out: Quote[] = [];
  for (const m of text.matchAll(QUOTE)) {
    const raw = m[1] as string;
    const after = text.slice((m.index ?? 0) + m[0].length);
    if (raw.includes(':')) {
      const terms = raw.split(':').map((t) => parseDecimalText(t.trim()));
      if (terms.every((t) => t.ok)) out.push({ text: raw.replace(/\s+/g, ''), percent: false, terms: terms.map((t) => (t as { value: Exact }).value) });
      continue;
    }
    const percent = raw.endsWith('%');
    const body = percent ? raw.slice(0, -1).trim() : raw;
    if (!percent) {
      if (FOLLOWED_BY_UNIT.test(after) || RANGE.test(after) || ORDINAL_BEFORE.test(text.slice(0, m.index))) continue;
      if (/^\d{4}$/.test(body) && Number(body) >= 1900 && Number(body) <= 2100) continue;
    }
    const v = parseDecimalText(body);
    if (v.ok) out.push({ text: percent ? `${body}%` : body, percent, terms: [percent ? v.value.div(100) : v.value] });
  }
  return out;
}

/** Literal numbers in the formulas and decimal values under a node (not in labels or names). */
function literals(node: JsonNode | undefined, out: Exact[], key = ''): void {
  if (!node) return;
  if (node.type === 'object') {
    node.keys.forEach((k, i) => {
      if (!SKIPPED_KEYS.has(k)) literals(node.values[i], out, k);
    });
  } else if (node.type === 'array') {
    for (const item of node.items) literals(item, out, key);
  } else if (node.type === 'number' && (FORMULA_KEYS.has(key) || key === 'places')) {
    const v = parseDecimalText(node.raw);
    if (v.ok) out.push(v.value);
  } else if (node.type === 'string' && FORMULA_KEYS.has(key)) {
    for (const m of node.value.matchAll(LITERAL)) {
      const v = parseDecimalText(m[1] as string);
      if (v.ok) out.push(m[2] === '%' ? v.value.div(100) : v.value);
    }
  }
}

/** The constant weights of a split-into-parts step: each part's weight a parameter or a literal. */
function splitWeights(step: JsonNode | undefined, values: ReadonlyMap<string, Exact>): Exact[] | undefined {
  const parts = member(step, 'parts');
  if (parts?.type !== 'array') return undefined;
  const weights: Exact[] = [];
  for (const part of parts.items) {
    const w = member(part, 'weight');
    const text = w?.type === 'string' ? w.value.trim() : w?.type === 'number' ? w.raw : undefined;
    if (text === undefined) return undefined;
    const known = values.get(text);
    const literal = known ? undefined : parseDecimalText(text, { percent: true });
    if (known) weights.push(known);
    else if (literal?.ok) weights.push(literal.value);
    else return undefined;
  }
  return weights;
}

function proportional(a: readonly Exact[], b: readonly Exact[]): boolean {
  if (a.length !== b.length || a.length < 2) return false;
  const first = b.findIndex((x) => !x.isZero());
  if (first < 0) return false;
  // a[i] / a[first] == b[i] / b[first], cross-multiplied to stay exact.
  return a.every((x, i) => x.times(b[first] as Exact).eq((b[i] as Exact).times(a[first] as Exact)));
}

/** Whether a quoted number says one of the values in use. */
function isCurrent(q: Quote, used: readonly Exact[], weights: readonly Exact[] | undefined): boolean {
  const matches = (x: Exact, percent: boolean): boolean => used.some((v) => v.eq(x) || (!percent && v.times(100).eq(x)));
  if (q.terms.length > 1) return (weights !== undefined && proportional(q.terms, weights)) || q.terms.every((t) => matches(t, false));
  return matches(q.terms[0] as Exact, q.percent);
}

/** Parameters each step reads, directly or through the steps (and added columns) it reads. */
function parametersByStep(plan: LabelHintPlan): { byPointer: Map<string, Set<string>>; ofName: (name: string) => ReadonlySet<string> } {
  const isParam = new Set(plan.params.map((p) => p.name));
  const producer = new Map<string, number>();
  const columnProducers = new Map<string, number[]>();
  plan.ops.forEach((op, i) => {
    for (const o of op.outputs) producer.set(o, i);
    if (op.columnOf) columnProducers.set(op.columnOf, [...(columnProducers.get(op.columnOf) ?? []), i]);
  });
  const memo = new Map<number, Set<string>>();
  const of = (i: number): Set<string> => {
    const known = memo.get(i);
    if (known) return known;
    const out = new Set<string>();
    memo.set(i, out); // steps are ordered without cycles; this guards a table a step itself extends
    for (const d of (plan.ops[i] as LabelHintPlan['ops'][number]).deps) {
      if (isParam.has(d)) out.add(d);
      const j = producer.get(d);
      for (const k of [...(j === undefined ? [] : [j]), ...(columnProducers.get(d) ?? [])]) if (k !== i) for (const p of of(k)) out.add(p);
    }
    return out;
  };
  const byPointer = new Map<string, Set<string>>();
  plan.ops.forEach((op, i) => {
    const set = byPointer.get(op.pointer) ?? new Set<string>();
    for (const p of of(i)) set.add(p);
    byPointer.set(op.pointer, set);
  });
  const ofName = (name: string): ReadonlySet<string> => {
    const j = producer.get(name);
    return j === undefined ? new Set() : of(j);
  };
  return { byPointer, ofName };
}

/**
 * `stale_label_number` warnings for every label whose numbers match none of the values its
 * element uses (see the module comment for the rule).
 */
export function staleLabelHints(plan: LabelHintPlan): Issue[] {
  const values = new Map<string, Exact>();
  const shown = new Map<string, string>();
  for (const p of plan.params) {
    if (p.exact instanceof Exact) values.set(p.name, p.exact);
    shown.set(p.name, printParameter(p.kind, p.exact));
  }
  const rates = new Set(plan.params.filter((p) => p.kind === 'rate').map((p) => p.name));
  const usedBy = (names: Iterable<string>, extra: readonly Exact[]): Exact[] => {
    const used = [...extra];
    for (const n of names) {
      const v = values.get(n);
      if (!v) continue;
      used.push(v);
      if (rates.has(n)) used.push(new Exact(1).minus(v));
    }
    return used;
  };
  const hints: Issue[] = [];
  // A label's two texts, or a transfer's memo: each judged on its own.
  const texts = (pointer: string): string[] => (pointer.endsWith('/memo') ? [pointer] : [`${pointer}/zh`, `${pointer}/en`]);
  const judge = (labelPointer: string, names: ReadonlySet<string>, used: readonly Exact[], weights?: readonly Exact[]): void => {
    if (names.size === 0) return;
    for (const pointer of texts(labelPointer)) {
      const node = nodeAt(plan.doc.root, pointer);
      if (node?.type !== 'string') continue;
      const stale = quotedNumbers(node.value).filter((q) => !isCurrent(q, used, weights));
      if (stale.length === 0) continue;
      // List the parameters of the quoted kind (rates for a percentage), else all of them.
      const ofKind = [...names].filter((n) => shown.has(n) && rates.has(n) === stale.some((q) => q.percent));
      const current = (ofKind.length > 0 ? ofKind : [...names].filter((n) => shown.has(n))).map((n) => `${n} = ${shown.get(n) ?? ''}`).join(', ');
      hints.push(makeWarning('stale_label_number', plan.doc.file, pointer, { label: node.value, quoted: [...new Set(stale.map((q) => q.text))].join(', '), current }, positionOf(plan.doc, node.offset)));
    }
  };
  const stepParams = parametersByStep(plan);
  for (const [pointer, names] of stepParams.byPointer) {
    const step = nodeAt(plan.doc.root, pointer);
    const lits: Exact[] = [];
    literals(step, lits);
    const used = usedBy(names, lits);
    judge(`${pointer}/label`, names, used, splitWeights(step, values));
    judge(`${pointer}/transfer/memo`, names, used);
    for (const list of ['parts', 'payers', 'rules']) {
      const items = member(step, list);
      if (items?.type !== 'array') continue;
      items.items.forEach((_, i) => {
        judge(`${pointer}/${list}/${i}/label`, names, used);
        judge(`${pointer}/${list}/${i}/transfer/memo`, names, used);
      });
    }
    const bands = member(member(step, 'tiers'), 'bands');
    if (bands?.type === 'array') bands.items.forEach((_, i) => judge(`${pointer}/tiers/bands/${i}/label`, names, used));
  }
  plan.asserts.forEach((a) => {
    const names = new Set<string>();
    for (const m of a.formula.matchAll(/[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*/g)) {
      if (values.has(m[0]) || shown.has(m[0])) names.add(m[0]);
      for (const p of stepParams.ofName(m[0])) names.add(p);
    }
    const lits: Exact[] = [];
    literals(nodeAt(plan.doc.root, a.pointer), lits);
    judge(`${a.pointer}/label`, names, usedBy(names, lits));
  });
  const all = new Set(plan.params.map((p) => p.name));
  const everyValue = usedBy(all, []);
  for (const p of plan.params) judge(`/parameters/${escapePointerToken(p.name)}/label`, all, everyValue);
  return hints;
}
