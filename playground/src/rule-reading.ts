/**
 * What a rule file declares, read from its text for display only (the audit sheet, the exports):
 * its version and its inputs with their labels, kinds,
 * columns and fields. jsonc-parser keeps every value's exact text; nothing here is computed —
 * the engine reads the same text for the figures.
 */
import { parseTree, findNodeAtLocation, type Node } from 'jsonc-parser';
import { textAt } from './labels.js';
import type { Text } from './i18n.js';

/** A column of a table input, or a field of a group input. */
export interface DeclaredMember {
  readonly name: string;
  readonly kind: string;
  readonly label: Text | undefined;
}

/** An input as the rule file declares it. */
export interface DeclaredInput {
  readonly name: string;
  readonly kind: string;
  readonly label: Text | undefined;
  /** Table columns or group fields, in declaration order. */
  readonly members: readonly DeclaredMember[];
}

function stringOf(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

/** The exact source text of a scalar node (a string's value, a number's digits as written). */
export function rawText(text: string, node: Node | undefined): string {
  if (!node) return '';
  if (node.type === 'string') return node.value as string;
  return text.slice(node.offset, node.offset + node.length);
}

/** The members of an object node as [key, value node] pairs, in order; [] for anything else. */
export function entries(node: Node | undefined): [string, Node][] {
  if (node?.type !== 'object') return [];
  const out: [string, Node][] = [];
  for (const p of node.children ?? []) {
    const key = p.children?.[0]?.value;
    const value = p.children?.[1];
    if (typeof key === 'string' && value) out.push([key, value]);
  }
  return out;
}

/** The rule file's `version` (the presets write the year of the scheme there). */
export function ruleVersion(ruleText: string): string | undefined {
  const tree = parseTree(ruleText);
  return stringOf(tree && findNodeAtLocation(tree, ['version']));
}

/** Every declared input of the rule text, with its columns or fields. */
export function declaredInputs(ruleText: string): DeclaredInput[] {
  const tree = parseTree(ruleText);
  return entries(tree && findNodeAtLocation(tree, ['inputs'])).map(([name, decl]) => {
    const members = entries(findNodeAtLocation(decl, ['columns']) ?? findNodeAtLocation(decl, ['fields'])).map(([m, d]) => ({
      name: m,
      kind: stringOf(findNodeAtLocation(d, ['kind'])) ?? '',
      label: textAt(findNodeAtLocation(d, ['label'])),
    }));
    return { name, kind: stringOf(findNodeAtLocation(decl, ['kind'])) ?? '', label: textAt(findNodeAtLocation(decl, ['label'])), members };
  });
}
