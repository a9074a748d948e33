/**
 * The values a text input, column or parameter may take (`choices`), each optionally with the
 * words officials use for it: `{ "value": "county", "label": { "zh": "县级", "en": "county level" } }`.
 * A cell or a JSON value may give the value or either label; the engine always works with the
 * value, so formulas (`level == "county"`) and figures do not change with the spelling.
 */
import type { Issue } from '../issues/issue.js';
import { member, type JsonNode } from '../json/read-json.js';
import { issueAt, type SourceDoc } from './source.js';

/** One allowed value of a text input, column or parameter, with its labels if declared. */
export interface ChoiceInfo {
  readonly value: string;
  readonly label?: { readonly zh?: string; readonly en?: string };
}

/** The choices of a declaration: values in order, and each label (Chinese as written, English in lower case) → value. */
export interface Choices {
  readonly values: readonly string[];
  readonly labels: ReadonlyMap<string, string>;
  readonly infos: readonly ChoiceInfo[];
}

const tidy = (s: string): string => s.trim().normalize('NFC');

/**
 * Reads a `choices` list from the rule file. A label that spells another choice's value or label
 * would make a cell mean two things, and is refused (duplicate_name) with its place.
 */
export function readChoices(node: Extract<JsonNode, { type: 'array' }>, pointer: string, doc: SourceDoc, issues: Issue[]): Choices {
  const infos: ChoiceInfo[] = node.items.map((item) => {
    if (item.type === 'string') return { value: tidy(item.value) };
    const v = member(item, 'value');
    const label = member(item, 'label');
    const zh = member(label, 'zh');
    const en = member(label, 'en');
    return {
      value: v?.type === 'string' ? tidy(v.value) : '',
      ...(label ? { label: { ...(zh?.type === 'string' ? { zh: tidy(zh.value) } : {}), ...(en?.type === 'string' ? { en: tidy(en.value) } : {}) } } : {}),
    };
  });
  const values = infos.map((c) => c.value);
  const labels = new Map<string, string>();
  const claim = (spelling: string, value: string, at: string): void => {
    if (spelling === '' || spelling === value) return;
    const other = values.includes(spelling) ? spelling : labels.get(spelling);
    if (other !== undefined && other !== value) issues.push(issueAt(doc, 'duplicate_name', at, { name: spelling, first: `the choice "${other}"` }));
    else labels.set(spelling, value);
  };
  infos.forEach((c, i) => {
    if (c.label?.zh !== undefined) claim(c.label.zh, c.value, `${pointer}/${i}/label/zh`);
    if (c.label?.en !== undefined) claim(c.label.en.toLowerCase(), c.value, `${pointer}/${i}/label/en`);
  });
  return { values, labels, infos };
}

/** The value a text (already trimmed and in NFC) names: a value as written, or a label. */
export function resolveChoice(choices: readonly string[], labels: ReadonlyMap<string, string> | undefined, text: string): string | undefined {
  if (choices.includes(text)) return text;
  return labels?.get(text) ?? labels?.get(text.toLowerCase());
}

/** The choices as a message lists them: "county (县级), town (镇级)". */
export function describeChoices(choices: readonly string[], infos: readonly ChoiceInfo[] | undefined): string {
  return choices
    .map((v, i) => {
      const l = infos?.[i]?.label;
      const words = [l?.zh, l?.en].filter((x): x is string => x !== undefined && x !== '');
      return words.length > 0 ? `${v} (${words.join(' / ')})` : v;
    })
    .join(', ');
}
