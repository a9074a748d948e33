/**
 * People's names for figures and accounts: the label the rule file gives the step, parameter or
 * input a figure comes from, else the glossary's, else the name itself.
 */
import { parseTree, findNodeAtLocation, type Node } from 'jsonc-parser';
import { glossaryLabel, type Locale, type Text } from './i18n.js';
import type { Figure } from 'yibao-settle';

export type Labels = ReadonlyMap<string, Text>;

/** The `{ zh, en }` label object at `node`, or undefined. */
export function textAt(node: Node | undefined): Text | undefined {
  if (!node || node.type !== 'object') return undefined;
  const zh = findNodeAtLocation(node, ['zh']);
  const en = findNodeAtLocation(node, ['en']);
  if (zh?.type !== 'string' || en?.type !== 'string') return undefined;
  return { zh: zh.value as string, en: en.value as string };
}

function segments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The label of the node at `pointer` (or of its nearest ancestor that has one). */
function labelAtPointer(tree: Node, pointer: string): Text | undefined {
  const path: (string | number)[] = segments(pointer).map((s) => (/^\d+$/.test(s) ? Number.parseInt(s, 10) : s));
  for (let n = path.length; n >= 1; n--) {
    const node = findNodeAtLocation(tree, path.slice(0, n));
    const label = textAt(node && (findNodeAtLocation(node, ['label']) ?? findNodeAtLocation(node, ['title'])));
    if (label) return label;
    // Climb at most from a value to its declaration (…/value → …).
    if (n < path.length - 1) break;
  }
  return undefined;
}

/**
 * Labels for every figure of a settlement. A member-level name (`share.h1`) gets its step's
 * label followed by the member id.
 */
export function labelFigures(ruleText: string, figures: Readonly<Record<string, Figure>>): Labels {
  const tree = parseTree(ruleText);
  const labels = new Map<string, Text>();
  for (const figure of Object.values(figures)) {
    if (figure.source === 'input' || !tree) continue;
    const label = labelAtPointer(tree, figure.pointer);
    if (!label) continue;
    const dot = figure.name.indexOf('.');
    const inputLabel = tree && findNodeAtLocation(tree, ['inputs', figure.name]);
    if (dot > 0 && !inputLabel) {
      const tail = figure.name.slice(dot + 1);
      labels.set(figure.name, { zh: `${label.zh} · ${tail}`, en: `${label.en} · ${tail}` });
    } else {
      labels.set(figure.name, label);
    }
  }
  // Inputs and ledger accounts: their declarations' labels in the rule file.
  for (const section of ['inputs', 'accounts']) {
    const declared = tree && findNodeAtLocation(tree, [section]);
    for (const property of declared?.type === 'object' ? (declared.children ?? []) : []) {
      const key = property.children?.[0]?.value;
      const label = textAt(property.children?.[1] && findNodeAtLocation(property.children[1], ['label']));
      if (typeof key === 'string' && label && !labels.has(key)) labels.set(key, label);
    }
  }
  return labels;
}

/** The label of `name` in `locale`: from the rule file, the glossary, or the name itself. */
export function labelOf(labels: Labels, name: string, locale: Locale): string {
  return labels.get(name)?.[locale] ?? glossaryLabel(name, locale) ?? name;
}
