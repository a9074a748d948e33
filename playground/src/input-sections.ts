/**
 * The input document as an auditor files it: its single values (with group fields spelled out,
 * `lastYearBudget.employee`) and its tables and lists, each value with the label and kind the
 * rule file declares. Values are the document's exact text; nothing is parsed as a number.
 */
import { parseTree, type Node } from 'jsonc-parser';
import { declaredInputs, entries, rawText, type DeclaredInput } from './rule-reading.js';
import type { Text } from './i18n.js';

/** One single value of the input. */
export interface InputScalar {
  readonly name: string;
  readonly label: Text | undefined;
  readonly kind: string;
  readonly value: string;
}

/** A list of rows (a table, or a list of values as one column). */
export interface InputTableSection {
  readonly name: string;
  readonly label: Text | undefined;
  readonly columns: readonly { readonly name: string; readonly label: Text | undefined; readonly kind: string }[];
  /** Cell text by row, in column order ('' where a row has no such member). */
  readonly rows: readonly (readonly string[])[];
}

export interface InputSections {
  readonly scalars: readonly InputScalar[];
  readonly tables: readonly InputTableSection[];
}

function tableOf(text: string, name: string, list: Node, decl: DeclaredInput | undefined): InputTableSection {
  const items = list.children ?? [];
  if (!items.every((i) => i.type === 'object')) {
    // A list of values: one column, the list's own kind.
    return { name, label: decl?.label, columns: [{ name, label: decl?.label, kind: decl?.kind ?? '' }], rows: items.map((i) => [rawText(text, i)]) };
  }
  const columns = (decl?.members ?? []).map((m) => ({ name: m.name, label: m.label, kind: m.kind }));
  for (const item of items) {
    for (const [key] of entries(item)) if (!columns.some((c) => c.name === key)) columns.push({ name: key, label: undefined, kind: '' });
  }
  const rows = items.map((item) => {
    const cells = new Map(entries(item));
    return columns.map((c) => rawText(text, cells.get(c.name)));
  });
  return { name, label: decl?.label, columns, rows };
}

/** The input text's values and tables, labelled from the rule text; empty when it is not JSON. */
export function inputSections(ruleText: string, inputText: string): InputSections {
  const tree = parseTree(inputText);
  if (tree?.type !== 'object') return { scalars: [], tables: [] };
  const declared = new Map(declaredInputs(ruleText).map((d) => [d.name, d]));
  const scalars: InputScalar[] = [];
  const tables: InputTableSection[] = [];
  for (const [name, node] of entries(tree)) {
    if (name === '$schema') continue;
    const decl = declared.get(name);
    if (node.type === 'array') tables.push(tableOf(inputText, name, node, decl));
    else if (node.type === 'object') {
      for (const [field, value] of entries(node)) {
        const m = decl?.members.find((x) => x.name === field);
        const label = decl?.label && m?.label ? { zh: `${decl.label.zh} · ${m.label.zh}`, en: `${decl.label.en} · ${m.label.en}` } : m?.label;
        scalars.push({ name: `${name}.${field}`, label, kind: m?.kind ?? decl?.kind ?? '', value: rawText(inputText, value) });
      }
    } else scalars.push({ name, label: decl?.label, kind: decl?.kind ?? '', value: rawText(inputText, node) });
  }
  return { scalars, tables };
}
