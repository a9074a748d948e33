/**
 * The parameters of a rule file as officials see them, read from the rule text itself (so the
 * panel follows every keystroke in the editor, even while the engine refuses the file): label,
 * kind, the value as written, published or assumed, source note, bounds and choices. Values are
 * shown through the library's parameterValueText (rates in %, money grouped), never re-computed
 * here. Pure functions, shared by the parameter panel, the results, the print and the exports.
 */
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import { findParameterSums, parameterEntryText, parameterValueText, type Issue, type ParameterSum } from 'yibao-settle';
import { jsonTree, valueEdit, type Edit, type JsonLiteral } from './json-edit.js';
import type { Locale, Text } from './i18n.js';

/** One choice of a text parameter: its value and, when the rule file gives one, its label. */
export interface Choice {
  readonly value: string;
  readonly label?: Text;
}

/** A parameter as declared in the rule text. */
export interface ParameterDecl {
  readonly name: string;
  readonly kind: string;
  /** The value as written (`"2%"`, `0.02`, `true`); undefined when it is missing or not a scalar. */
  readonly value: string | number | boolean | undefined;
  /** Whether the value is written as a JSON number (an edit keeps it one when it can). */
  readonly numberLiteral: boolean;
  readonly label: Text;
  readonly published: boolean | undefined;
  readonly source: string | undefined;
  readonly note: string | undefined;
  readonly min: string | undefined;
  readonly max: string | undefined;
  readonly choices: readonly Choice[] | undefined;
  /** JSON Pointer of the parameter (`/parameters/countyRatio`), or of one value of a map parameter. */
  readonly pointer: string;
  /** Where its value is in the rule file: `parameters.<name>.value`, or `….value.<key>` for one value of a map. */
  readonly path: readonly string[];
}

function member(node: Node | undefined, key: string): Node | undefined {
  return node?.type === 'object' ? findNodeAtLocation(node, [key]) : undefined;
}

const str = (node: Node | undefined): string | undefined => (node?.type === 'string' ? (node.value as string) : undefined);

function textOf(node: Node | undefined): Text | undefined {
  const zh = str(member(node, 'zh'));
  const en = str(member(node, 'en'));
  return zh !== undefined || en !== undefined ? { zh: zh ?? en ?? '', en: en ?? zh ?? '' } : undefined;
}

/** A bound as written: text, or a number's own digits from the source (never through a float). */
function boundOf(node: Node | undefined, text: string): string | undefined {
  if (node?.type === 'string') return node.value as string;
  if (node?.type === 'number') return text.slice(node.offset, node.offset + node.length);
  return undefined;
}

function choicesOf(node: Node | undefined): Choice[] | undefined {
  if (node?.type !== 'array') return undefined;
  return (node.children ?? []).flatMap((c): Choice[] => {
    if (c.type === 'string') return [{ value: c.value as string }];
    const value = str(member(c, 'value'));
    const label = textOf(member(c, 'label'));
    return value === undefined ? [] : [label ? { value, label } : { value }];
  });
}

const escapeToken = (name: string): string => name.replace(/~/g, '~0').replace(/\//g, '~1');

/** The last few texts read: every render asks again for the same one or two texts (current, baseline). */
const recent = new Map<string, readonly ParameterDecl[] | undefined>();

/** Every parameter of the rule text in file order; undefined when the text is not valid JSON. */
export function readParameterDecls(ruleText: string): readonly ParameterDecl[] | undefined {
  if (recent.has(ruleText)) return recent.get(ruleText);
  const decls = readDecls(ruleText);
  if (recent.size >= 4) recent.delete(recent.keys().next().value as string);
  recent.set(ruleText, decls);
  return decls;
}

function readDecls(ruleText: string): ParameterDecl[] | undefined {
  const tree = jsonTree(ruleText);
  if (!tree) return undefined;
  const params = member(tree, 'parameters');
  if (params?.type !== 'object') return [];
  return (params.children ?? []).flatMap((prop): ParameterDecl[] => {
    const name = prop.children?.[0]?.value;
    const decl = prop.children?.[1];
    if (typeof name !== 'string' || decl?.type !== 'object') return [];
    const published = member(decl, 'published');
    const base = {
      label: textOf(member(decl, 'label')) ?? { zh: name, en: name },
      published: published?.type === 'boolean' ? (published.value as boolean) : undefined,
      source: str(member(decl, 'source')),
      note: str(member(decl, 'note')),
      min: boundOf(member(decl, 'min'), ruleText),
      max: boundOf(member(decl, 'max'), ruleText),
      choices: choicesOf(member(decl, 'choices')),
    };
    const kind = str(member(decl, 'kind')) ?? 'number';
    const v = member(decl, 'value');
    if (kind === 'map' && v?.type === 'object') return mapEntries(name, str(member(decl, 'of')) ?? 'number', v, base, ruleText);
    return [{ ...base, name, kind, value: valueOf(v, ruleText), numberLiteral: v?.type === 'number', pointer: `/parameters/${escapeToken(name)}`, path: ['parameters', name, 'value'] }];
  });
}

/** A scalar value as written: a number's own digits, text, true/false; undefined otherwise. */
function valueOf(v: Node | undefined, ruleText: string): string | number | boolean | undefined {
  if (v?.type === 'number') return ruleText.slice(v.offset, v.offset + v.length);
  return v?.type === 'string' || v?.type === 'boolean' ? (v.value as string | boolean) : undefined;
}

/** Each value of a map parameter (`levelRatio`: county 80 %) as a field of its own, `levelRatio.county`. */
function mapEntries(name: string, of: string, value: Node, base: Omit<ParameterDecl, 'name' | 'kind' | 'value' | 'numberLiteral' | 'pointer' | 'path'>, ruleText: string): ParameterDecl[] {
  return (value.children ?? []).flatMap((prop): ParameterDecl[] => {
    const key = prop.children?.[0]?.value;
    const v = prop.children?.[1];
    if (typeof key !== 'string') return [];
    return [
      {
        ...base,
        name: `${name}.${key}`,
        kind: of,
        value: valueOf(v, ruleText),
        numberLiteral: v?.type === 'number',
        label: { zh: `${base.label.zh}：${key}`, en: `${base.label.en}: ${key}` },
        pointer: `/parameters/${escapeToken(name)}/value/${escapeToken(key)}`,
        path: ['parameters', name, 'value', key],
      },
    ];
  });
}

/** The rule file's own `source.note` (which figures are published, which assumed), if it has one. */
export function ruleSourceNote(ruleText: string): string | undefined {
  const tree = jsonTree(ruleText);
  return str(tree && findNodeAtLocation(tree, ['source', 'note']));
}

/** A parameter's value as people read it (`7%`, `2,000,000.00`, `是`), or as written when it is not valid. */
export function displayValue(p: Pick<ParameterDecl, 'kind' | 'value'>, locale: Locale): string {
  if (p.value === undefined) return '';
  return parameterValueText(p.kind, p.value, locale)?.display ?? String(p.value);
}

/** One parameter as a row of the results, the print and the exports. */
export interface ParameterRow {
  readonly name: string;
  readonly label: string;
  /** As people read it: `7%`, `2,000,000.00`. */
  readonly value: string;
  /** `published`, `assumed` or `` when the rule file does not say. */
  readonly status: 'published' | 'assumed' | '';
  /** The parameter's own source and note, joined. */
  readonly source: string;
}

const lastRows: { text: string; locale: Locale; rows: readonly ParameterRow[] } = { text: '', locale: 'zh', rows: [] };

/**
 * The rule text's parameters as rows in `locale` (empty when the text is not valid JSON). The
 * same text gives the same array, so an element given it is not redrawn for nothing.
 */
export function parameterRows(ruleText: string, locale: Locale): readonly ParameterRow[] {
  if (lastRows.text !== ruleText || lastRows.locale !== locale) Object.assign(lastRows, { text: ruleText, locale, rows: rowsOf(ruleText, locale) });
  return lastRows.rows;
}

function rowsOf(ruleText: string, locale: Locale): ParameterRow[] {
  return (readParameterDecls(ruleText) ?? []).map((p) => ({
    name: p.name,
    label: p.label[locale],
    value: displayValue(p, locale),
    status: p.published === true ? 'published' : p.published === false ? 'assumed' : '',
    source: [p.source, p.note].filter((x): x is string => x !== undefined && x !== '').join(' · '),
  }));
}

/** A parameter as the library's cell reader sees it: kind, declared bounds and choices. */
function column(p: ParameterDecl): { kind: string; min?: string; max?: string; choices?: readonly Choice[] } {
  return { kind: p.kind, ...(p.min !== undefined ? { min: p.min } : {}), ...(p.max !== undefined ? { max: p.max } : {}), ...(p.choices ? { choices: p.choices } : {}) };
}

/**
 * The minimal edit of the rule text that gives parameter `p` the value an official typed (a
 * rate in percent, money with or without separators; a boolean or a choice as chosen). A typed
 * text that is not a number of that form comes back as the library's coded issue instead.
 */
export function parameterEdit(ruleText: string, ruleFile: string, p: ParameterDecl, typed: string | boolean): { ok: true; edit: Edit; text: string } | { ok: false; issue: Issue | undefined } {
  let value: JsonLiteral;
  let text = String(typed);
  if (typeof typed === 'boolean') value = { boolean: typed };
  else {
    const entry = parameterEntryText(column(p), typed, { file: ruleFile, pointer: `${p.pointer}/value` });
    if (!entry.ok) return { ok: false, issue: entry.issue };
    text = entry.text;
    const plainNumber = p.numberLiteral && /^-?\d+(\.\d+)?$/.test(entry.text);
    value = plainNumber ? { number: entry.text } : { text: entry.text };
  }
  const edit = valueEdit(ruleText, p.path, value);
  return edit ? { ok: true, edit, text } : { ok: false, issue: undefined };
}

/**
 * The parameters the rule file's plausibility conditions say make a whole
 * (`countyRatio + townRatio == 10`), read from the rule text as the library reads them.
 */
export function parameterSums(ruleText: string): readonly ParameterSum[] {
  const tree = jsonTree(ruleText);
  const list = tree && findNodeAtLocation(tree, ['plausibility']);
  if (list?.type !== 'array') return [];
  const conditions = (list.children ?? []).flatMap((c, i) => {
    const formula = str(member(c, 'assert'));
    return formula === undefined ? [] : [{ formula, pointer: `/plausibility/${i}` }];
  });
  const numeric = new Set((readParameterDecls(ruleText) ?? []).filter((d) => d.kind !== 'text' && d.kind !== 'boolean').map((d) => d.name));
  return findParameterSums(conditions, numeric);
}
