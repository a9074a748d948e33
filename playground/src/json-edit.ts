/**
 * Minimal edits of a JSON text: one value replaced in place, everything else — indentation, key
 * order, line breaks, the other values' spelling — left byte for byte as it was. The parameter
 * panel edits the rule file this way, so the JSON stays the single source of truth, a diff shows
 * one changed value, and the editor's undo takes back exactly that edit. Pure functions.
 */
import { applyEdits, findNodeAtLocation, modify, parseTree, type Edit, type Node, type ParseError } from 'jsonc-parser';

export type { Edit };

/** The text's syntax tree, or undefined when it is not valid JSON (no edit is made then). */
export function jsonTree(text: string): Node | undefined {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  return errors.length === 0 ? tree : undefined;
}

/** A value's new spelling: text goes in quotes, a boolean as a word, a number as its exact digits. */
export type JsonLiteral = { readonly text: string } | { readonly boolean: boolean } | { readonly number: string };

function literal(value: JsonLiteral): string {
  if ('boolean' in value) return value.boolean ? 'true' : 'false';
  if ('number' in value) return value.number;
  return JSON.stringify(value.text);
}

/**
 * The edit that sets the value at `path` to `value`, replacing only that value's characters;
 * undefined when the text is not valid JSON. A member that is not there yet is added by
 * jsonc-parser's `modify`, in the file's own indentation.
 */
export function valueEdit(text: string, path: readonly (string | number)[], value: JsonLiteral): Edit | undefined {
  const tree = jsonTree(text);
  if (!tree) return undefined;
  const node = findNodeAtLocation(tree, [...path]);
  if (node) return { offset: node.offset, length: node.length, content: literal(value) };
  const tabSize = /\n( +)"/.exec(text)?.[1]?.length ?? 2;
  // A number goes in as its digits in quotes, which every numeric kind accepts: never through a float.
  const plain = 'boolean' in value ? value.boolean : 'number' in value ? value.number : value.text;
  return modify(text, [...path], plain, { formattingOptions: { tabSize, insertSpaces: true } })[0];
}

/** The text with one edit applied. */
export function applyEdit(text: string, edit: Edit): string {
  return applyEdits(text, [edit]);
}

/** Several edits made against the same text (at places that do not overlap), applied at once. */
export function applyAll(text: string, edits: readonly Edit[]): string {
  return applyEdits(text, [...edits]);
}

/** A JSON value with its object keys sorted: two texts that differ only in spacing or key order give the same string. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
