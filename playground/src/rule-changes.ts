/**
 * What changed between two versions of a rule file, for the audit sheet and the workbook: each
 * parameter whose value changed (`结余分配：县级份额 6 → 7`), each step or check added, removed or
 * rewritten (its formula before and after), and the version. Steps and checks are matched by
 * name, so reordering is not a change; whitespace never is. Display only: values are the texts
 * the files hold, formatted by their declared kind.
 */
import { findNodeAtLocation, getNodeValue, parseTree, type Node } from 'jsonc-parser';
import { formatKind } from './format.js';
import { textAt } from './labels.js';
import { declaredParameters, ruleVersion } from './rule-reading.js';
import type { Text } from './i18n.js';

/** One difference between the baseline rule file and the current one. */
export interface ChangeRow {
  readonly what: 'parameter' | 'step' | 'check' | 'version';
  readonly name: string;
  readonly label: Text;
  /** The baseline's value or formula, as people read it; '' when the item is new. */
  readonly before: string;
  /** The current value or formula; '' when the item was removed. */
  readonly after: string;
}

interface Item {
  readonly label: Text;
  /** What is shown before → after: a compute step's formula, else the item as JSON. */
  readonly shown: string;
  /** The item's content, independent of layout. */
  readonly canonical: string;
}

function stepName(node: Node): string | undefined {
  const name = findNodeAtLocation(node, ['name']);
  if (name?.type === 'string') return name.value as string;
  const names = findNodeAtLocation(node, ['names']);
  return names?.type === 'array' ? (names.children ?? []).map((n) => String(n.value)).join(', ') : undefined;
}

/** Steps (inside `for` groups too) or checks, by name. */
function items(text: string, section: 'steps' | 'checks'): Map<string, Item> {
  const out = new Map<string, Item>();
  const visit = (list: Node | undefined, prefix: string): void => {
    (list?.type === 'array' ? (list.children ?? []) : []).forEach((node, i) => {
      const inner = findNodeAtLocation(node, ['steps']);
      const name = stepName(node) ?? (inner ? undefined : `${prefix}${i + 1}`);
      if (inner && name === undefined) visit(inner, `${prefix}${i + 1}.`);
      if (name === undefined) return;
      const formula = findNodeAtLocation(node, ['formula']) ?? findNodeAtLocation(node, ['assert']);
      const value: unknown = getNodeValue(node);
      out.set(name, {
        label: textAt(findNodeAtLocation(node, ['label'])) ?? { zh: name, en: name },
        shown: formula?.type === 'string' ? (formula.value as string) : JSON.stringify(value),
        canonical: JSON.stringify(value),
      });
    });
  };
  const tree = parseTree(text);
  visit(tree && findNodeAtLocation(tree, [section]), '#');
  return out;
}

function compareItems(what: 'step' | 'check', before: Map<string, Item>, after: Map<string, Item>): ChangeRow[] {
  const rows: ChangeRow[] = [];
  for (const [name, now] of after) {
    const was = before.get(name);
    if (!was) rows.push({ what, name, label: now.label, before: '', after: now.shown });
    else if (was.canonical !== now.canonical) rows.push({ what, name, label: now.label, before: was.shown, after: now.shown });
  }
  for (const [name, was] of before) if (!after.has(name)) rows.push({ what, name, label: was.label, before: was.shown, after: '' });
  return rows;
}

/**
 * The differences from `baselineText` to `currentText`: version, parameters, steps, checks.
 * Either text not being JSON gives what can be read of it (an unreadable side has no items).
 */
export function changeRows(baselineText: string, currentText: string): ChangeRow[] {
  const rows: ChangeRow[] = [];
  const [v0, v1] = [ruleVersion(baselineText), ruleVersion(currentText)];
  if (v0 !== v1) rows.push({ what: 'version', name: 'version', label: { zh: '规则版本', en: 'rule version' }, before: v0 ?? '', after: v1 ?? '' });
  const before = new Map(declaredParameters(baselineText).map((p) => [p.name, p]));
  const after = declaredParameters(currentText);
  for (const p of after) {
    const was = before.get(p.name);
    const now = formatKind(p.value, p.kind);
    const then = was ? formatKind(was.value, was.kind) : '';
    if (then !== now) rows.push({ what: 'parameter', name: p.name, label: p.label, before: then, after: now });
  }
  for (const [name, was] of before) {
    if (!after.some((p) => p.name === name)) rows.push({ what: 'parameter', name, label: was.label, before: formatKind(was.value, was.kind), after: '' });
  }
  rows.push(...compareItems('step', items(baselineText, 'steps'), items(currentText, 'steps')));
  rows.push(...compareItems('check', items(baselineText, 'checks'), items(currentText, 'checks')));
  return rows;
}
