/**
 * What a what-if can move in a rule file, by the labels people know: its money inputs (single,
 * group fields, table columns), its numeric parameters, and the money values a scaled input can
 * be measured against. Read from the rule file alone.
 */
import type { CompiledRuleFile, Label, RuleFile } from '../settle/compile.js';
import { both, vocabulary } from './describe-names.js';

/** A money input, group field or table column a sweep can scale. */
export interface SweepInputChoice {
  /** `outOfCountySpending`, `budget.employee`, `members.spending`. */
  readonly name: string;
  readonly label: Label;
}

/** A numeric parameter a sweep can move. */
export interface SweepParameterChoice {
  readonly name: string;
  readonly label: Label;
  /** money, count, rate, number or score. */
  readonly kind: string;
  /** The value in the rule file as read: a rate in percent. */
  readonly value: Label;
}

/** Everything a what-if can move or measure against in one rule file. */
export interface SweepChoices {
  readonly inputs: readonly SweepInputChoice[];
  readonly parameters: readonly SweepParameterChoice[];
  /**
   * The inputs a “spending” what-if scales unless told otherwise: the money columns and inputs
   * read by the first step that totals a money column of a table (Yangxi: every member's fund
   * spending and the out-of-county spending).
   */
  readonly spending: readonly string[];
  /** Money values of a settlement (steps) that can stand for 100%. */
  readonly values: readonly SweepInputChoice[];
}

/**
 * What a what-if can move in a rule file, with labels.
 *
 * @example sweepChoices(rules).spending // ['members.spending', 'outOfCountySpending'] for Yangxi
 */
export function sweepChoices(rules: RuleFile): SweepChoices {
  const plan = rules as CompiledRuleFile;
  const vocab = vocabulary(plan);
  const inputs: SweepInputChoice[] = [];
  const label = (name: string): Label => vocab.name(name)?.label ?? { zh: name, en: name };
  for (const d of plan.decls) {
    if (d.shape === 'scalar' && d.decl.kind === 'money') inputs.push({ name: d.name, label: label(d.name) });
    if (d.shape === 'group') for (const [f, decl] of d.fields) if (decl.kind === 'money') inputs.push({ name: `${d.name}.${f}`, label: label(`${d.name}.${f}`) });
    if (d.shape === 'table') {
      for (const [c, decl] of d.columns) {
        if (decl.kind !== 'money') continue;
        const t = label(d.name);
        const col = vocab.column(d.name, c) ?? { zh: c, en: c };
        inputs.push({ name: `${d.name}.${c}`, label: both((l) => (l === 'zh' ? `${t.zh}：${col.zh}` : `${t.en}: ${col.en}`)) });
      }
    }
  }
  const moneyInputs = new Set(inputs.map((i) => i.name));
  // The first whole-value step that reads a money column of a table, then any step that does.
  const reading = (op: CompiledRuleFile['ops'][number]): string[] => [...op.reads].filter((c) => moneyInputs.has(c));
  const first = plan.ops.find((op) => op.columnOf === undefined && reading(op).length > 0) ?? plan.ops.find((op) => reading(op).length > 0);
  const spending = first ? [...reading(first), ...first.deps.filter((d) => moneyInputs.has(d))] : [];
  const parameters = plan.params.flatMap((p): SweepParameterChoice[] => {
    const shown = vocab.name(p.name)?.parameter?.shown;
    return p.kind === 'text' || p.kind === 'boolean' || !shown ? [] : [{ name: p.name, label: p.label, kind: p.kind, value: shown }];
  });
  const values = [...plan.globals].flatMap(([name, g]) => (g.source === 'step' && g.kind === 'money' ? [{ name, label: label(name) }] : []));
  return { inputs, parameters, spending, values };
}
