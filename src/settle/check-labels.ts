/**
 * The Chinese and English texts of the checks a settlement carries. A check declared in the rule
 * file says what it checks in its own `label`; the checks the engine adds by itself (every split,
 * waterfall and tier table gives back its amount; pass-through accounts close; the ledger
 * balances) are worded here, from the labels the rule file gives its steps, values and accounts,
 * so an auditor reads "结余按县镇分配：各部分之和等于结余" rather than an English identifier.
 */
import { member, nodeAt, type JsonNode } from '../json/read-json.js';
import type { Exact } from '../money/exact.js';
import type { GlobalInfo } from './model.js';
import { substitute } from './template.js';

/** A text in Chinese and English (the same shape as a rule file's `label`). */
export interface CheckLabel {
  readonly zh: string;
  readonly en: string;
}

/** The `{ zh, en }` label object at `node`, with loop variables filled in; undefined if none. */
export function labelAt(node: JsonNode | undefined, vars: ReadonlyMap<string, string> = new Map()): CheckLabel | undefined {
  if (!node || node.type !== 'object') return undefined;
  const zh = member(node, 'zh');
  const en = member(node, 'en');
  if (zh?.type !== 'string' || en?.type !== 'string') return undefined;
  return { zh: substitute(zh.value, vars), en: substitute(en.value, vars) };
}

/** A step's own label (loop variables filled in), else its name (or the text given) in both languages. */
export function stepLabel(label: CheckLabel | undefined, vars: ReadonlyMap<string, string>, fallback: string): CheckLabel {
  return label ? { zh: substitute(label.zh, vars), en: substitute(label.en, vars) } : { zh: fallback, en: fallback };
}

/**
 * The label of the value a formula names, when the formula is one name the rule file labels
 * (a step's output, a parameter, an input); otherwise the formula as written.
 */
export function nameLabel(root: JsonNode, globals: ReadonlyMap<string, GlobalInfo>, formula: string): CheckLabel {
  const name = formula.trim();
  const g = globals.get(name);
  const declared = g ? nodeAt(root, g.pointer) : undefined;
  // What a waterfall's payers leave is named by the step but has no label of its own.
  const rest = declared && member(declared, 'rest');
  if (rest?.type === 'string' && rest.value === name) return { zh: `余下部分（${name}）`, en: `the rest (${name})` };
  // A part of a split or a payer of a waterfall is named (and labelled) inside its step.
  for (const key of ['parts', 'payers']) {
    const list = declared && member(declared, key);
    const item = list?.type === 'array' ? list.items.find((x) => isNamed(x, name)) : undefined;
    if (item) return labelAt(member(item, 'label')) ?? { zh: formula, en: formula };
  }
  return labelAt(declared && member(declared, 'label')) ?? { zh: formula, en: formula };
}

function isNamed(node: JsonNode, name: string): boolean {
  const n = member(node, 'name');
  return n?.type === 'string' && n.value === name;
}

/** The engine's own checks, worded. */
export const CHECK_TEXT = {
  parts: (step: CheckLabel, amount: CheckLabel): CheckLabel => ({
    zh: `${step.zh}：各部分之和等于${amount.zh}`,
    en: `${step.en}: the parts add up to ${amount.en}`,
  }),
  rows: (step: CheckLabel, amount: CheckLabel): CheckLabel => ({
    zh: `${step.zh}：各行分配之和等于${amount.zh}`,
    en: `${step.en}: the rows' shares add up to ${amount.en}`,
  }),
  payers: (step: CheckLabel, amount: CheckLabel): CheckLabel => ({
    zh: `${step.zh}：各承担方与余下部分之和等于${amount.zh}`,
    en: `${step.en}: the payers and the rest add up to ${amount.en}`,
  }),
  bands: (step: CheckLabel, amount: CheckLabel): CheckLabel => ({
    zh: `${step.zh}：各档金额之和等于${amount.zh}（负数按 0）`,
    en: `${step.en}: the band slices add up to ${amount.en} (0 when negative)`,
  }),
  accountCloses: (account: CheckLabel): CheckLabel => ({
    zh: `${account.zh}收支相抵：收入 − 付出 = 0`,
    en: `${account.en} closes: received − paid = 0`,
  }),
  ledgerBalances: {
    zh: '资金台账平衡：各账户（收入 − 付出）之和为 0',
    en: 'the ledger balances: Σ over accounts of (received − paid) = 0',
  },
} as const;

/**
 * An amount a check compares, printed as money is: two decimals, or every digit when the exact
 * amount has more (a tier slice of 5% × a standard may), so nothing is rounded away.
 */
export function checkAmountText(x: Exact): string {
  return x.decimalPlaces() <= 2 ? x.toFixed(2) : x.toFixed();
}
