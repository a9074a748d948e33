/**
 * The words a rule file gives its names: what the description says instead of `countyRatio` or
 * `members.spending`. Read from the rule file alone — the labels of inputs, table columns,
 * parameters, steps, split parts, waterfall payers, tier bands and accounts — with the values of
 * the parameters printed as people read them (rates in percent, money grouped by thousands).
 */
import { member, type JsonNode, type JsonObject } from '../json/read-json.js';
import type { CompiledRuleFile, Label } from '../settle/compile.js';
import type { ScalarKind } from '../settle/declarations.js';
import { printParameter } from '../settle/print.js';
import { substitute } from '../settle/template.js';
import { groupDigits } from './report-text.js';

/** What a name stands for in sentences. */
export interface NameEntry {
  readonly label: Label;
  readonly role: 'parameter' | 'input' | 'step' | 'table' | 'list';
  /** A parameter's kind and its value as printed in each language. */
  readonly parameter?: { readonly kind: ScalarKind; readonly shown: Label };
}

/** A step of the rule file after `for` expansion, with the loop variables in force. */
export interface StepSite {
  readonly node: JsonObject;
  readonly pointer: string;
  readonly vars: ReadonlyMap<string, string>;
}

/** One element of the file's step list: a step, or a loop and the sites of each of its values. */
export type StepTree =
  | { readonly loop: false; readonly site: StepSite }
  | { readonly loop: true; readonly node: JsonObject; readonly pointer: string; readonly variable: string; readonly values: readonly string[]; readonly vars: ReadonlyMap<string, string>; readonly bodies: readonly (readonly StepTree[])[] };

/** The labels and values of every name of a rule file. */
export interface Vocabulary {
  name(name: string): NameEntry | undefined;
  /** The label of a table's column (declared or added by a step). */
  column(table: string, column: string): Label | undefined;
  /** The key column of a table. */
  key(table: string): string | undefined;
  account(name: string): Label | undefined;
  /** The label of a loop value (`employee` → 职工医保), from the group fields named after it. */
  loopValue(value: string): Label;
  readonly steps: readonly StepTree[];
}

/**
 * Around a loop value in a name's label (“本年总额预算（职工医保）”), so that the sentences of a
 * loop's values can be compared and merged; removed from the finished text.
 */
export const LOOP_OPEN = '\ue000';
export const LOOP_CLOSE = '\ue001';

export const both = (f: (lang: 'zh' | 'en') => string): Label => ({ zh: f('zh'), en: f('en') });

/** A label node's texts, or undefined. */
export function labelNode(n: JsonNode | undefined): Label | undefined {
  if (n?.type !== 'object') return undefined;
  const zh = member(n, 'zh');
  const en = member(n, 'en');
  const z = zh?.type === 'string' ? zh.value : undefined;
  const e = en?.type === 'string' ? en.value : undefined;
  if (z === undefined && e === undefined) return undefined;
  return { zh: z ?? e ?? '', en: e ?? z ?? '' };
}

/**
 * A label as the name of a value: a label written as a formula ("本年总额预算 = 上年预算 × …")
 * names its left side; a trailing bracket that lists a text column's choices is dropped (the
 * sentence says the choice itself).
 */
export function nameFromLabel(label: Label, choices: readonly string[] = []): Label {
  const clean = (s: string): string => {
    const eq = topLevelEquals(s);
    let out = eq > 0 ? s.slice(0, eq).trim() : s.trim();
    if (choices.length > 0) {
      // “层级（county 县级 / town 镇级）”, “分档方式：marginal … / whole …” → 层级, 分档方式.
      const bracket = /\s*[（(]([^（）()]*)[)）]\s*$/.exec(out);
      const colon = /\s*[：:]\s*(.*)$/.exec(out);
      for (const m of [bracket, colon]) if (m && m.index > 0 && choices.every((c) => (m[1] ?? '').includes(c))) out = out.slice(0, m.index);
    }
    return out;
  };
  return { zh: clean(label.zh), en: clean(label.en) };
}

/** Index of the first “ = ” outside brackets (“改革第几年（1 = 首年）” is a name, not a formula), or −1. */
function topLevelEquals(s: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    if (c === '(' || c === '（') depth++;
    else if (c === ')' || c === '）') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === '=' || c === '＝') && s.charAt(i - 1) === ' ' && s.charAt(i + 1) === ' ') return i - 1;
  }
  return -1;
}

const plain = (name: string): Label => ({ zh: name, en: name });

/** The values of a `choices` list, written plainly or as `{ "value": …, "label": … }`. */
function textsOf(n: JsonNode | undefined): string[] {
  if (n?.type !== 'array') return [];
  return n.items.flatMap((c) => {
    if (c.type === 'string') return [c.value];
    const v = c.type === 'object' ? member(c, 'value') : undefined;
    return v?.type === 'string' ? [v.value] : [];
  });
}

/** The step list with `for` loops expanded, keeping the loops (for their own sentences). */
export function stepTree(list: JsonNode | undefined, pointer: string, vars: ReadonlyMap<string, string>): StepTree[] {
  if (list?.type !== 'array') return [];
  return list.items.map((item, i): StepTree => {
    const node = item as JsonObject;
    const p = `${pointer}/${i}`;
    const forNode = member(node, 'for');
    if (forNode?.type !== 'object') return { loop: false, site: { node, pointer: p, vars } };
    const variable = forNode.keys[0] as string;
    const values = textsOf(forNode.values[0]);
    const bodies = values.map((v) => stepTree(member(node, 'steps'), `${p}/steps`, new Map([...vars, [variable, v]])));
    return { loop: true, node, pointer: p, variable, values, vars, bodies };
  });
}

/** Every expanded step site of a tree, in file order. */
export function sitesOf(tree: readonly StepTree[]): StepSite[] {
  return tree.flatMap((t) => (t.loop ? t.bodies.flatMap(sitesOf) : [t.site]));
}

/** The shown value of a parameter in each language: rates in %, money grouped, yes/no in words. */
function shownValue(kind: ScalarKind, exact: Parameters<typeof printParameter>[1]): Label {
  if (typeof exact === 'boolean') return exact ? { zh: '是', en: 'yes' } : { zh: '否', en: 'no' };
  const printed = printParameter(kind, exact);
  return plain(kind === 'money' ? groupDigits(printed) : printed);
}

/** Reads the vocabulary of a compiled rule file. */
export function vocabulary(rules: CompiledRuleFile): Vocabulary {
  const root = rules.doc.root;
  const names = new Map<string, NameEntry>();
  const columns = new Map<string, Map<string, Label>>();
  const keys = new Map<string, string>();
  const loopLabels = new Map<string, Label>();
  const accounts = new Map<string, Label>();
  for (const p of rules.params) names.set(p.name, { label: nameFromLabel(p.label, p.limits.choices ?? []), role: 'parameter', parameter: { kind: p.kind, shown: shownValue(p.kind, p.exact) } });
  readInputs(member(root, 'inputs'), names, columns, keys, loopLabels);
  const accountsNode = member(root, 'accounts');
  if (accountsNode?.type === 'object') accountsNode.keys.forEach((k, i) => accounts.set(k, labelNode(member(accountsNode.values[i], 'label')) ?? plain(k)));
  const steps = stepTree(member(root, 'steps'), '/steps', new Map());
  const loopValue = (v: string): Label => loopLabels.get(v) ?? plain(v);
  const qualify = (label: Label, vars: ReadonlyMap<string, string>): Label => {
    if (vars.size === 0) return label;
    const values = [...vars.values()].map(loopValue);
    return both((l) => `${label[l]}${l === 'zh' ? '（' : ' ('}${values.map((v) => `${LOOP_OPEN}${v[l]}${LOOP_CLOSE}`).join(l === 'zh' ? '，' : ', ')}${l === 'zh' ? '）' : ')'}`);
  };
  const rests = sitesOf(steps).filter((s) => member(s.node, 'rest') !== undefined).length;
  for (const site of sitesOf(steps)) {
    readStepNames(site, { names, columns, rests, label: (l, fallback) => qualify(l ? nameFromLabel(l) : plain(fallback), site.vars) });
  }
  return {
    name: (n) => names.get(n),
    column: (t, c) => columns.get(t)?.get(c),
    key: (t) => keys.get(t),
    account: (a) => accounts.get(a),
    loopValue,
    steps,
  };
}

function readInputs(node: JsonNode | undefined, names: Map<string, NameEntry>, columns: Map<string, Map<string, Label>>, keys: Map<string, string>, loopLabels: Map<string, Label>): void {
  if (node?.type !== 'object') return;
  node.keys.forEach((name, i) => {
    const decl = node.values[i];
    const kind = member(decl, 'kind');
    const label = labelNode(member(decl, 'label'));
    const own = nameFromLabel(label ?? plain(name), textsOf(member(decl, 'choices')));
    if (kind?.type === 'string' && kind.value === 'group') {
      const fields = member(decl, 'fields');
      if (fields?.type !== 'object') return;
      fields.keys.forEach((f, j) => {
        const fl = labelNode(member(fields.values[j], 'label'));
        if (fl && !loopLabels.has(f)) loopLabels.set(f, nameFromLabel(fl));
        const field = nameFromLabel(fl ?? plain(f));
        names.set(`${name}.${f}`, { label: label ? both((l) => `${own[l]}${l === 'zh' ? `（${field[l]}）` : ` (${field[l]})`}`) : field, role: 'input' });
      });
      return;
    }
    const isTable = kind?.type === 'string' && kind.value === 'table';
    names.set(name, { label: own, role: isTable ? 'table' : kind?.type === 'string' && kind.value === 'list' ? 'list' : 'input' });
    if (!isTable) return;
    const cols = new Map<string, Label>();
    const colsNode = member(decl, 'columns');
    if (colsNode?.type === 'object') colsNode.keys.forEach((c, j) => cols.set(c, nameFromLabel(labelNode(member(colsNode.values[j], 'label')) ?? plain(c), textsOf(member(colsNode.values[j], 'choices')))));
    columns.set(name, cols);
    const key = member(decl, 'key');
    if (key?.type === 'string') keys.set(name, key.value);
  });
}

interface StepNames {
  readonly names: Map<string, NameEntry>;
  readonly columns: Map<string, Map<string, Label>>;
  /** How many waterfalls name a rest: with one, it is simply “the shortfall”. */
  readonly rests: number;
  label(label: Label | undefined, fallback: string): Label;
}

/** Registers the names a step defines, labelled by the step, part, payer or band they come from. */
function readStepNames(site: StepSite, w: StepNames): void {
  const n = site.node;
  const str = (k: string, of: JsonNode | undefined = n): string | undefined => {
    const v = member(of, k);
    return v?.type === 'string' ? substitute(v.value, site.vars) : undefined;
  };
  const define = (name: string | undefined, label: Label): void => {
    if (name !== undefined && !name.includes('{')) w.names.set(name, { label, role: 'step' });
  };
  const own = labelNode(member(n, 'label'));
  const addColumn = (table: string | undefined, column: string | undefined): void => {
    if (table === undefined || column === undefined) return;
    const cols = w.columns.get(table) ?? new Map<string, Label>();
    if (!cols.has(column)) cols.set(column, own ? nameFromLabel(own) : plain(column));
    w.columns.set(table, cols);
  };
  const each = (list: string, f: (item: JsonNode, i: number) => void): void => {
    const items = member(n, list);
    if (items?.type === 'array') items.items.forEach(f);
  };
  if (member(n, 'waterfall')) {
    each('payers', (p) => define(str('name', p), w.label(labelNode(member(p, 'label')), str('name', p) ?? '')));
    const amount = w.label(own, str('waterfall') ?? '');
    define(str('rest'), w.rests <= 1 ? { zh: '不足部分', en: 'the shortfall' } : { zh: `${amount.zh}的不足部分`, en: `the shortfall of ${amount.en}` });
  } else if (member(n, 'tiers')) {
    define(str('name'), w.label(own, str('name') ?? ''));
    const bands = member(member(n, 'tiers'), 'bands');
    if (bands?.type === 'array') {
      bands.items.forEach((b, i) => {
        define(str('slice', b), w.label(labelNode(member(b, 'label')) ?? { zh: `第 ${i + 1} 段部分`, en: `band ${i + 1} part` }, ''));
        define(str('amount', b), w.label({ zh: `第 ${i + 1} 段金额`, en: `band ${i + 1} amount` }, ''));
      });
    }
  } else if (member(n, 'total')) {
    addColumn(str('over'), str('column'));
  } else if (member(n, 'split')) {
    each('parts', (p) => define(str('name', p), w.label(labelNode(member(p, 'label')), str('name', p) ?? '')));
    addColumn(str('over'), str('column'));
  } else if (member(n, 'over')) {
    addColumn(str('over'), str('column'));
  } else {
    define(str('name'), w.label(own, str('name') ?? ''));
  }
}
