/**
 * Monaco for the playground, set up once: its workers bundled by Vite (`?worker`, so the built
 * page loads them from its own origin and needs no CDN), the JSON language with the engine's
 * rule-file schema (completion of step kinds, hover help, squiggles), and completion and hover
 * for the names a rule file defines (parameters, inputs, steps). Only rule-editor imports this.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import { parseTree, findNodeAtLocation, type Node } from 'jsonc-parser';
import { ruleFileSchema } from 'yibao-settle';
import { FUNCTION_HELP } from './formula-help.js';
import type { Locale } from './i18n.js';

/**
 * Fixed model addresses: the schema is bound to the rule model whatever file is open. They
 * mirror the repository's layout, so a rule file's own `"$schema": "../src/schema/…"` resolves
 * to the schema registered below instead of a request that could not be made offline.
 */
export const RULE_URI = monaco.Uri.parse('inmemory://yibao-settle/rules/rule.json');
export const INPUT_URI = monaco.Uri.parse('inmemory://yibao-settle/rules/examples/input.json');
const SCHEMA_URI = 'inmemory://yibao-settle/src/schema/rule-file.schema.json';

self.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string): Worker {
    return label === 'json' ? new JsonWorker({ name: 'monaco-json' }) : new EditorWorker({ name: 'monaco-editor' });
  },
};

const INPUT_SCHEMA_URI = 'inmemory://yibao-settle/input.schema.json';

function setSchemas(inputSchema: Record<string, unknown>): void {
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    trailingCommas: 'error',
    // Never fetch a schema: the page works offline and sends nothing anywhere.
    enableSchemaRequest: false,
    schemaValidation: 'warning',
    schemas: [
      { uri: SCHEMA_URI, fileMatch: [RULE_URI.toString()], schema: ruleFileSchema },
      { uri: INPUT_SCHEMA_URI, fileMatch: [INPUT_URI.toString()], schema: inputSchema },
    ],
  });
}
setSchemas({ type: 'object' });
// The markers are the engine's issues, worded in Chinese and English with where to fix; Monaco's
// JSON worker would add its own, in English only ("Expected comma"), for the same mistakes. No colour
// swatches or document outline either: rule files hold no colours, nothing here shows an outline,
// and building either for a 2,000-member input holds the page for a tenth of a second.
jsonDefaults.setModeConfiguration({ ...jsonDefaults.modeConfiguration, diagnostics: false, colors: false, documentSymbols: false });

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The JSON Schema of one declared value, for completion and hover in the input editor. */
function valueSchema(decl: Json, locale: Locale): Json {
  const label = isObj(decl['label']) ? decl['label'] : {};
  const description = String(label[locale] ?? label['zh'] ?? '') + (decl['kind'] ? ` (${String(decl['kind'])})` : '');
  switch (decl['kind']) {
    case 'boolean':
      return { type: 'boolean', description };
    case 'text':
      return Array.isArray(decl['choices']) ? { enum: decl['choices'], description } : { type: 'string', description };
    case 'count':
      return { type: ['integer', 'string'], description };
    case 'group': {
      const fields = isObj(decl['fields']) ? decl['fields'] : {};
      return { type: 'object', description, additionalProperties: false, required: Object.keys(fields).filter((k) => !isObj(fields[k]) || !('default' in (fields[k] as Json))), properties: Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, valueSchema(isObj(f) ? f : {}, locale)])) };
    }
    case 'table': {
      const cols = isObj(decl['columns']) ? decl['columns'] : {};
      const required = Object.keys(cols).filter((k) => !isObj(cols[k]) || !('default' in (cols[k] as Json)));
      return { type: 'array', description, items: { type: 'object', additionalProperties: false, required, properties: Object.fromEntries(Object.entries(cols).map(([k, c]) => [k, valueSchema(isObj(c) ? c : {}, locale)])) } };
    }
    case 'map':
      return { type: 'object', description, additionalProperties: { type: ['string', 'number'] } };
    case 'list':
      return { type: 'array', description, items: { type: ['string', 'number'] } };
    default:
      return { type: ['string', 'number'], description };
  }
}

let lastInputs = '';
/**
 * Gives the input editor a schema made from the rule file's declared inputs, so input members
 * complete, show their labels on hover, and are flagged when unknown or missing.
 */
export function setInputSchemaFrom(ruleText: string, locale: Locale): void {
  let rule: unknown;
  try {
    rule = JSON.parse(ruleText);
  } catch {
    return; // keep the last schema while the rule file is being edited
  }
  const inputs = isObj(rule) && isObj(rule['inputs']) ? rule['inputs'] : {};
  const key = JSON.stringify(inputs) + locale;
  if (key === lastInputs) return;
  lastInputs = key;
  const required = Object.keys(inputs).filter((k) => !isObj(inputs[k]) || !('default' in (inputs[k] as Json)));
  setSchemas({
    type: 'object',
    additionalProperties: false,
    required,
    properties: { $schema: { type: 'string' }, ...Object.fromEntries(Object.entries(inputs).map(([k, d]) => [k, valueSchema(isObj(d) ? d : {}, locale)])) },
  });
}

/** A name a rule file defines, with what completion and hover show for it. */
interface DefinedName {
  readonly name: string;
  readonly group: 'parameter' | 'input' | 'step';
  readonly label: { zh?: string; en?: string };
  readonly detail: string;
}

function stringAt(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

function labelOf(node: Node | undefined): { zh?: string; en?: string } {
  const label = node && (findNodeAtLocation(node, ['label']) ?? findNodeAtLocation(node, ['title']));
  const zh = stringAt(label && findNodeAtLocation(label, ['zh']));
  const en = stringAt(label && findNodeAtLocation(label, ['en']));
  return { ...(zh !== undefined ? { zh } : {}), ...(en !== undefined ? { en } : {}) };
}

/** The parameters, inputs and step names of a rule text (for completion and hover only). */
export function definedNames(text: string): DefinedName[] {
  const tree = parseTree(text);
  if (!tree) return [];
  const names: DefinedName[] = [];
  for (const group of ['parameters', 'inputs'] as const) {
    const section = findNodeAtLocation(tree, [group]);
    for (const property of section?.type === 'object' ? (section.children ?? []) : []) {
      const key = stringAt(property.children?.[0]);
      const body = property.children?.[1];
      if (key === undefined) continue;
      const kind = stringAt(body && findNodeAtLocation(body, ['kind'])) ?? '';
      const valueNode = body && findNodeAtLocation(body, ['value']);
      const value = valueNode ? text.slice(valueNode.offset, valueNode.offset + valueNode.length) : '';
      names.push({
        name: key,
        group: group === 'parameters' ? 'parameter' : 'input',
        label: labelOf(body),
        detail: [kind, value].filter((s) => s !== '').join(' = '),
      });
      // Columns of a table input can be named in formulas as `table.column`.
      const columns = body && findNodeAtLocation(body, ['columns']);
      for (const column of columns?.type === 'object' ? (columns.children ?? []) : []) {
        const columnKey = stringAt(column.children?.[0]);
        if (columnKey === undefined) continue;
        const columnKind = stringAt(column.children?.[1] && findNodeAtLocation(column.children[1], ['kind'])) ?? '';
        names.push({ name: `${key}.${columnKey}`, group: 'input', label: labelOf(column.children?.[1]), detail: columnKind });
      }
    }
  }
  const steps = findNodeAtLocation(tree, ['steps']);
  for (const step of steps?.type === 'array' ? (steps.children ?? []) : []) {
    const nameNode = findNodeAtLocation(step, ['name']) ?? findNodeAtLocation(step, ['id']);
    const kind = stringAt(findNodeAtLocation(step, ['kind'])) ?? '';
    const stepNames = nameNode?.type === 'array' ? (nameNode.children ?? []).map(stringAt) : [stringAt(nameNode)];
    for (const name of stepNames) {
      if (name !== undefined) names.push({ name, group: 'step', label: labelOf(step), detail: kind });
    }
  }
  return names;
}

/** The language hover and completion texts use; the editor element keeps it current. */
let currentLocale: Locale = 'zh';
export function setEditorLocale(locale: Locale): void {
  currentLocale = locale;
}

const GROUP_TEXT = {
  parameter: { zh: '参数', en: 'parameter' },
  input: { zh: '输入', en: 'input' },
  step: { zh: '步骤', en: 'step' },
} as const;

function describe(n: DefinedName): string {
  const group = GROUP_TEXT[n.group];
  const both = [n.label.zh, n.label.en].filter((s) => s !== undefined).join(' / ');
  return `**${n.name}** — ${group.zh} / ${group.en}${both !== '' ? `\n\n${both}` : ''}${n.detail !== '' ? `\n\n\`${n.detail}\`` : ''}`;
}

monaco.languages.registerCompletionItemProvider('json', {
  triggerCharacters: ['(', ' ', '.', '"', '+', '-', '*', '/', ','],
  provideCompletionItems(model, position) {
    if (model.uri.toString() !== RULE_URI.toString()) return { suggestions: [] };
    // Only inside a string value (formulas, names referenced by steps).
    const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
    const quotes = (line.match(/(?<!\\)"/g) ?? []).length;
    if (quotes % 2 === 0 || !/:\s*"[^"]*$|\[\s*("[^"]*"\s*,\s*)*"[^"]*$/.test(line)) return { suggestions: [] };
    const word = model.getWordUntilPosition(position);
    const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
    const names = definedNames(model.getValue()).map((n) => ({
      label: { label: n.name, description: n.label[currentLocale] ?? n.label.zh ?? '' },
      kind:
        n.group === 'parameter'
          ? monaco.languages.CompletionItemKind.Constant
          : n.group === 'input'
            ? monaco.languages.CompletionItemKind.Field
            : monaco.languages.CompletionItemKind.Variable,
      insertText: n.name,
      detail: `${GROUP_TEXT[n.group][currentLocale]} ${n.detail}`,
      documentation: { value: describe(n) },
      range,
    }));
    // In a formula, the functions too: how each is called, what it gives.
    const inFormula = /"formula"\s*:\s*"[^"]*$|"assert"\s*:\s*"[^"]*$|"otherwise"\s*:\s*"[^"]*$/.test(line);
    const functions = inFormula
      ? Object.entries(FUNCTION_HELP).map(([name, help]) => ({
          label: { label: name, description: help[currentLocale] },
          kind: monaco.languages.CompletionItemKind.Function,
          insertText: `${name}(`,
          detail: help.call,
          documentation: { value: `\`${help.call}\`\n\n${help.zh} / ${help.en}` },
          range,
        }))
      : [];
    return { suggestions: [...names, ...functions] };
  },
});

monaco.languages.registerHoverProvider('json', {
  provideHover(model, position) {
    if (model.uri.toString() !== RULE_URI.toString()) return null;
    const line = model.getLineContent(position.lineNumber);
    // A name may contain dots (`members.spending`): widen the word over them.
    let start = position.column - 1;
    let end = position.column - 1;
    while (start > 0 && /[\w.]/.test(line.charAt(start - 1))) start--;
    while (end < line.length && /[\w.]/.test(line.charAt(end))) end++;
    const word = line.slice(start, end);
    if (word === '') return null;
    const found = definedNames(model.getValue()).filter((n) => n.name === word);
    if (found.length === 0) return null;
    return {
      range: new monaco.Range(position.lineNumber, start + 1, position.lineNumber, end + 1),
      contents: found.map((n) => ({ value: describe(n) })),
    };
  },
});

export { monaco };
