/**
 * A settlement as CSV for a spreadsheet: every value with its label (from the rule file) in the
 * chosen language, or a table's computed rows. Money keeps its two decimals as text a
 * spreadsheet reads as a number; labels that look like formulas are neutralised.
 */
import { member, nodeAt } from '../json/read-json.js';
import { toCsv } from '../report/csv-text.js';
import type { CompiledRuleFile, RuleFile } from '../settle/model.js';
import type { Settlement } from '../settle/types.js';

const HEADERS = { zh: ['名称', '说明', '数值'], en: ['name', 'label', 'value'] } as const;

/** The label of the rule-file node at `pointer`, or of the nearest node above it that has one. */
function labelAt(rules: RuleFile, pointer: string, lang: 'zh' | 'en'): string {
  const root = (rules as CompiledRuleFile).doc.root;
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const label = member(nodeAt(root, p), 'label');
    const text = member(label, lang);
    if (text?.type === 'string') return text.value;
    if (p === '') return '';
  }
}

/** name, label, value: one row per value of the settlement. */
export function valuesCsv(rules: RuleFile, s: Settlement, lang: 'zh' | 'en'): string {
  const rows = Object.entries(s.values).map(([name, value]) => {
    const f = s.figures[name];
    const label = f?.source === 'input' ? (rules.inputs.find((i) => i.name === name)?.label?.[lang] ?? '') : f ? labelAt(rules, f.pointer, lang) : '';
    return [name, label, value];
  });
  return toCsv([[...HEADERS[lang]], ...rows]);
}

/** A table's rows as read, then its computed columns (settle's `rows` option). */
export function rowsCsv(s: Settlement, table: string): string {
  const t = s.rows?.[table];
  return t ? toCsv([[...t.columns], ...t.rows]) : '';
}
