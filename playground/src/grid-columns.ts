/**
 * What the rule file says of each table column — label, kind, bounds, choices with their labels —
 * read from its text, and a pasted or imported block read as the engine reads a CSV table: a
 * header row by key or label (zh or en) in any order, each cell by the library's own cell reader
 * (thousands separators, full-width digits, 县级 for county …).
 */
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { matchHeaderCells, readCellText, type CellColumn, type ChoiceInfo, type Issue } from 'yibao-settle';

/** A declared column: its key and what the grid and the cell reader need of it. */
export interface GridColumn extends CellColumn {
  readonly name: string;
  readonly label?: { readonly zh: string; readonly en: string };
}

function text(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

function labelOf(node: Node | undefined): { zh: string; en: string } | undefined {
  const zh = text(node && findNodeAtLocation(node, ['zh']));
  const en = text(node && findNodeAtLocation(node, ['en']));
  return zh !== undefined || en !== undefined ? { zh: zh ?? en ?? '', en: en ?? zh ?? '' } : undefined;
}

function choicesOf(node: Node | undefined): ChoiceInfo[] | undefined {
  if (node?.type !== 'array') return undefined;
  return (node.children ?? []).flatMap((c): ChoiceInfo[] => {
    if (c.type === 'string') return [{ value: c.value as string }];
    const value = text(findNodeAtLocation(c, ['value']));
    const label = labelOf(findNodeAtLocation(c, ['label']));
    return value === undefined ? [] : [label ? { value, label } : { value }];
  });
}

/** Bounds are decimal text; a JSON number's text is taken as written. */
function bound(ruleText: string, node: Node | undefined): string | undefined {
  if (node?.type === 'string') return node.value as string;
  if (node?.type === 'number') return ruleText.slice(node.offset, node.offset + node.length);
  return undefined;
}

/** The declared columns of every table input, by table name. */
export function gridColumns(ruleText: string): Map<string, GridColumn[]> {
  const out = new Map<string, GridColumn[]>();
  const tree = parseTree(ruleText);
  const inputs = tree && findNodeAtLocation(tree, ['inputs']);
  for (const property of inputs?.type === 'object' ? (inputs.children ?? []) : []) {
    const table = text(property.children?.[0]);
    const columns = property.children?.[1] && findNodeAtLocation(property.children[1], ['columns']);
    if (table === undefined || columns?.type !== 'object') continue;
    out.set(
      table,
      (columns.children ?? []).flatMap((c): GridColumn[] => {
        const name = text(c.children?.[0]);
        const decl = c.children?.[1];
        if (name === undefined || !decl) return [];
        const label = labelOf(findNodeAtLocation(decl, ['label']));
        const choices = choicesOf(findNodeAtLocation(decl, ['choices']));
        const min = bound(ruleText, findNodeAtLocation(decl, ['min']));
        const max = bound(ruleText, findNodeAtLocation(decl, ['max']));
        return [{ name, kind: text(findNodeAtLocation(decl, ['kind'])) ?? 'text', ...(label ? { label } : {}), ...(choices ? { choices } : {}), ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) }];
      }),
    );
  }
  return out;
}

const SCALAR_KINDS = new Set(['money', 'count', 'rate', 'number', 'score', 'boolean', 'text']);

/** A single input of the rule file (参保人数, 人均筹资标准 …), with its place in the input document. */
export interface GridScalar extends GridColumn {
  /** Its JSON path in the input: `[name]`, or `[group, field]` for a field of a group. */
  readonly path: readonly string[];
}

/** The rule file's single inputs and the fields of its groups, in the order declared. */
export function gridScalars(ruleText: string): GridScalar[] {
  const tree = parseTree(ruleText);
  const inputs = tree && findNodeAtLocation(tree, ['inputs']);
  const out: GridScalar[] = [];
  const scalar = (decl: Node, name: string, path: string[]): void => {
    const kind = text(findNodeAtLocation(decl, ['kind'])) ?? '';
    if (!SCALAR_KINDS.has(kind)) return;
    const label = labelOf(findNodeAtLocation(decl, ['label']));
    const choices = choicesOf(findNodeAtLocation(decl, ['choices']));
    const min = bound(ruleText, findNodeAtLocation(decl, ['min']));
    const max = bound(ruleText, findNodeAtLocation(decl, ['max']));
    out.push({ name, path, kind, ...(label ? { label } : {}), ...(choices ? { choices } : {}), ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) });
  };
  for (const property of inputs?.type === 'object' ? (inputs.children ?? []) : []) {
    const name = text(property.children?.[0]);
    const decl = property.children?.[1];
    if (name === undefined || !decl) continue;
    const fields = findNodeAtLocation(decl, ['fields']);
    if (fields?.type === 'object') {
      for (const f of fields.children ?? []) {
        const field = text(f.children?.[0]);
        if (field !== undefined && f.children?.[1]) scalar(f.children[1], `${name}.${field}`, [name, field]);
      }
    } else scalar(decl, name, [name]);
  }
  return out;
}

/** A choice as people read it (县级 for county), where the rule file labels its choices. */
export function choiceLabel(cell: string, column: GridColumn | undefined, locale: 'zh' | 'en'): string {
  const label = column?.choices?.find((c) => c.value === cell)?.label;
  return label?.[locale] ?? label?.zh ?? cell;
}

/** A number as people read it in a cell: money and numbers with thousands separators. */
export function displayCell(cell: string, kind: string | undefined): string {
  if (kind !== 'money' && kind !== 'number' && kind !== 'count' && kind !== 'score') return cell;
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(cell);
  return m ? `${m[1] ?? ''}${(m[2] as string).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}` : cell;
}

/**
 * A block's first row read as a header when every filled cell names a column (by key or label,
 * as CSV headers are read): the key of each cell; undefined when it is data, not a header.
 */
export function headerKeys(cells: readonly string[], columns: readonly GridColumn[], table: string): (string | undefined)[] | undefined {
  if (columns.length === 0 || cells.every((c) => c.trim() === '')) return undefined;
  const matched = matchHeaderCells(cells, columns.map((c) => ({ key: c.name, ...(c.label ? { label: c.label } : {}) })), table);
  const filled = cells.filter((c) => c.trim() !== '').length;
  const named = matched.keys.filter((k) => k !== undefined).length;
  return named === filled ? [...matched.keys] : undefined;
}

/** One cell as the engine will read it (`8,600,000.00` → `8600000.00`, `县级` → `county`), or its issue. */
export function normalCell(cell: string, column: GridColumn | undefined): { readonly text: string; readonly issue?: Issue } {
  if (!column || cell.trim() === '') return { text: cell };
  const r = readCellText(cell, column, { file: 'cell', pointer: `/${column.name}` });
  return r.ok ? { text: r.value } : { text: cell, issue: r.issues[0] };
}
