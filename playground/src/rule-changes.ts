/**
 * What changed between two versions of a rule file, in the official's words: each parameter
 * whose value differs (`县级份额 6 → 7`, compared as values, so `"2%"` and `0.02` are the same),
 * each step added, removed or changed (with the field that changed), and any other section.
 * Spacing, line breaks and key order are not changes. Pure functions of the two texts.
 */
import { parseTree, findNodeAtLocation, getNodeValue, type Node } from 'jsonc-parser';
import { canonicalJson, jsonTree } from './json-edit.js';
import { displayValue, readParameterDecls, type ParameterDecl } from './parameters.js';
import type { Locale, Text } from './i18n.js';

/** One difference between the baseline rule file and the current one. */
export interface RuleChange {
  readonly kind: 'parameter' | 'step' | 'section';
  /** Parameter name, step name (or `#n` for an unnamed step), or top-level section. */
  readonly name: string;
  readonly label: Text;
  /** As it was; undefined when it was added. */
  readonly from: string | undefined;
  /** As it is; undefined when it was removed. */
  readonly to: string | undefined;
  /** JSON Pointer in the current rule file (in the baseline's when it was removed). */
  readonly pointer: string;
}

const SECTION_LABELS: Readonly<Record<string, Text>> = {
  format: { zh: '规则格式', en: 'format' },
  id: { zh: '编号', en: 'id' },
  version: { zh: '版本（有效年度）', en: 'version (effective year)' },
  title: { zh: '标题', en: 'title' },
  description: { zh: '说明', en: 'description' },
  source: { zh: '来源', en: 'source' },
  inputs: { zh: '输入声明', en: 'declared inputs' },
  accounts: { zh: '账户', en: 'accounts' },
  checks: { zh: '核对条件', en: 'checks' },
  carry: { zh: '跨年结转', en: 'carried to next year' },
};

function textAt(node: Node | undefined): Text | undefined {
  const zh = node && findNodeAtLocation(node, ['zh']);
  const en = node && findNodeAtLocation(node, ['en']);
  if (zh?.type !== 'string' && en?.type !== 'string') return undefined;
  const z = zh?.type === 'string' ? (zh.value as string) : undefined;
  const e = en?.type === 'string' ? (en.value as string) : undefined;
  return { zh: z ?? e ?? '', en: e ?? z ?? '' };
}

/** A plain value in short: text as is, a label by its Chinese, anything else as compact JSON, cut at 80 characters. */
function brief(value: unknown): string {
  const label = value !== null && typeof value === 'object' && 'zh' in value ? (value as { zh: unknown }).zh : undefined;
  const text = typeof value === 'string' ? value : typeof label === 'string' ? label : JSON.stringify(value) ?? '';
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** The leaves that differ between two JSON values: `formula: a` / `formula: b` (at most three). */
function leafDifferences(a: unknown, b: unknown, path = '', out: { from: string[]; to: string[] } = { from: [], to: [] }): { from: string[]; to: string[] } {
  if (out.from.length >= 3 || canonicalJson(a) === canonicalJson(b)) return out;
  const bothObjects = a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b);
  if (bothObjects && !(path.endsWith('label') || path.endsWith('title'))) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) leafDifferences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k, out);
    return out;
  }
  const at = path ? `${path}: ` : '';
  out.from.push(a === undefined ? `${at}—` : `${at}${brief(a)}`);
  out.to.push(b === undefined ? `${at}—` : `${at}${brief(b)}`);
  return out;
}

function parameterChanges(base: readonly ParameterDecl[], current: readonly ParameterDecl[], locale: Locale): RuleChange[] {
  const out: RuleChange[] = [];
  const before = new Map(base.map((p) => [p.name, p]));
  const now = new Set(current.map((p) => p.name));
  for (const p of current) {
    const old = before.get(p.name);
    const from = old ? displayValue(old, locale) : undefined;
    const to = displayValue(p, locale);
    if (old && from === to && old.kind === p.kind) continue;
    out.push({ kind: 'parameter', name: p.name, label: p.label, from, to, pointer: p.pointer });
  }
  for (const p of base) if (!now.has(p.name)) out.push({ kind: 'parameter', name: p.name, label: p.label, from: displayValue(p, locale), to: undefined, pointer: p.pointer });
  return out;
}

interface StepInfo {
  readonly key: string;
  readonly value: unknown;
  readonly label: Text;
  readonly pointer: string;
}

function stepsOf(tree: Node): StepInfo[] {
  const steps = findNodeAtLocation(tree, ['steps']);
  if (steps?.type !== 'array') return [];
  // Steps are matched by name; a name used twice (a template such as share.{id} on two levels)
  // by its occurrence, an unnamed step by its position.
  const seen = new Map<string, number>();
  return (steps.children ?? []).map((node, i) => {
    const name = findNodeAtLocation(node, ['name']);
    const base = name?.type === 'string' ? (name.value as string) : `#${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const key = n === 1 ? base : `${base} (${n})`;
    return { key, value: getNodeValue(node) as unknown, label: textAt(findNodeAtLocation(node, ['label'])) ?? { zh: key, en: key }, pointer: `/steps/${i}` };
  });
}

function stepChanges(base: Node, current: Node): RuleChange[] {
  const out: RuleChange[] = [];
  const before = new Map(stepsOf(base).map((s) => [s.key, s]));
  const nowSteps = stepsOf(current);
  const now = new Set(nowSteps.map((s) => s.key));
  for (const s of nowSteps) {
    const old = before.get(s.key);
    if (old && canonicalJson(old.value) === canonicalJson(s.value)) continue;
    const d = old ? leafDifferences(old.value, s.value) : undefined;
    const added = brief((s.value as { formula?: unknown }).formula ?? s.key);
    out.push({ kind: 'step', name: s.key, label: s.label, from: d?.from.join('; '), to: d ? d.to.join('; ') : added, pointer: s.pointer });
  }
  for (const s of before.values()) if (!now.has(s.key)) out.push({ kind: 'step', name: s.key, label: s.label, from: s.key, to: undefined, pointer: s.pointer });
  return out;
}

function sectionChanges(base: Record<string, unknown>, current: Record<string, unknown>): RuleChange[] {
  const keys = [...new Set([...Object.keys(base), ...Object.keys(current)])].filter((k) => k !== 'parameters' && k !== 'steps' && k !== '$schema' && k !== '$comment');
  return keys.flatMap((k): RuleChange[] => {
    const a = base[k];
    const b = current[k];
    if (canonicalJson(a) === canonicalJson(b)) return [];
    const scalar = (v: unknown): string | undefined => (v === undefined ? undefined : typeof v === 'object' && v !== null ? '…' : brief(v));
    return [{ kind: 'section', name: k, label: SECTION_LABELS[k] ?? { zh: k, en: k }, from: scalar(a), to: scalar(b), pointer: `/${k}` }];
  });
}

/**
 * Every difference between `baseText` and `currentText`; undefined when the current text is not
 * valid JSON (nothing can be said then). A baseline that is not valid JSON differs in everything.
 */
export function ruleChanges(baseText: string, currentText: string, locale: Locale): readonly RuleChange[] | undefined {
  // The page asks on every render, with the same texts most of the time.
  if (last.base === baseText && last.current === currentText && last.locale === locale) return last.changes;
  const changes = computeChanges(baseText, currentText, locale);
  Object.assign(last, { base: baseText, current: currentText, locale, changes });
  return changes;
}

const last: { base: string; current: string; locale: Locale; changes: readonly RuleChange[] | undefined } = { base: '', current: '', locale: 'zh', changes: [] };

function computeChanges(baseText: string, currentText: string, locale: Locale): RuleChange[] | undefined {
  const current = jsonTree(currentText);
  if (!current) return undefined;
  const base = jsonTree(baseText) ?? parseTree('{}');
  if (!base) return undefined;
  const asObject = (n: Node): Record<string, unknown> => {
    const v = getNodeValue(n) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  };
  return [
    ...parameterChanges(readParameterDecls(baseText) ?? [], readParameterDecls(currentText) ?? [], locale),
    ...stepChanges(base, current),
    ...sectionChanges(asObject(base), asObject(current)),
  ];
}

/**
 * Whether the rule text differs in meaning from `baseText` (the preset it came from): a text
 * that is not valid JSON is modified; spacing and key order are not.
 */
export function isModified(baseText: string, currentText: string, locale: Locale = 'zh'): boolean {
  if (baseText === currentText) return false;
  const changes = ruleChanges(baseText, currentText, locale);
  return changes === undefined || changes.length > 0;
}
