/**
 * One spreadsheet cell read for a column, exactly as the engine reads the same text in a CSV
 * table or an input document (numbers as money/number-text.ts reads them, choices by value or
 * label, text trimmed and in NFC), so the playground's grid and XLSX import accept the cells the
 * command line accepts.
 */
import { makeIssue, type Issue, type Result } from '../issues/issue.js';
import { Exact } from '../money/exact.js';
import { readBooleanCell } from './csv.js';
import type { ChoiceInfo } from './choices.js';
import { parseDecimalText } from '../money/decimal-string.js';
import { plainNumberText } from '../money/number-text.js';
import { readScalar, type ScalarDecl, type ScalarKind } from './declarations.js';
import type { SourceDoc } from './source.js';
import type { Value } from '../formula/types.js';

/** A column (or scalar input, or parameter) as the public RuleFile describes it. */
export interface CellColumn {
  /** The column's name, for messages. */
  readonly name?: string;
  /** money, count, rate, number, score, boolean or text. */
  readonly kind: string;
  /** Declared bounds as decimal text (a rate without them is held to 0–100%). */
  readonly min?: string;
  readonly max?: string;
  readonly choices?: readonly ChoiceInfo[];
}

const KINDS = new Set<string>(['money', 'count', 'rate', 'number', 'score', 'boolean', 'text']);

const decls = new WeakMap<CellColumn, Pick<ScalarDecl, 'kind' | 'min' | 'max' | 'choices' | 'choiceLabels' | 'choiceInfos'>>();

/** The declaration behind a public column description, made once per description. */
function declOf(column: CellColumn): Pick<ScalarDecl, 'kind' | 'min' | 'max' | 'choices' | 'choiceLabels' | 'choiceInfos'> | undefined {
  const known = decls.get(column);
  if (known) return known;
  if (!KINDS.has(column.kind)) return undefined;
  const bound = (t: string | undefined): ReturnType<typeof parseDecimalText> | undefined => (t === undefined ? undefined : parseDecimalText(t, { percent: true }));
  const min = bound(column.min);
  const max = bound(column.max);
  if ((min && !min.ok) || (max && !max.ok)) return undefined;
  const labels = new Map<string, string>();
  for (const c of column.choices ?? []) {
    if (c.label?.zh) labels.set(c.label.zh.trim().normalize('NFC'), c.value);
    if (c.label?.en) labels.set(c.label.en.trim().normalize('NFC').toLowerCase(), c.value);
  }
  const decl = {
    kind: column.kind as ScalarKind,
    min: min?.ok ? min.value : undefined,
    max: max?.ok ? max.value : undefined,
    choices: column.choices?.map((c) => c.value),
    choiceLabels: labels,
    choiceInfos: column.choices,
  };
  decls.set(column, decl);
  return decl;
}

/**
 * Reads one spreadsheet cell's text for a column exactly as the engine reads the same text in a
 * CSV table or an input document, so a grid, an XLSX import and the command line accept the
 * same cells. Returns the text the engine stores for it: a plain decimal for numbers
 * (`"1,234,567.89"` → `"1234567.89"`, `"２％"` → `"2%"`), `"true"`/`"false"` for booleans
 * (true/false, 1/0, 是/否, yes/no, Y/N), the trimmed NFC text — or, for a column with choices,
 * the choice's value (`"县级"` → `"county"`). A blank cell gives `""` (the column's default, if
 * any, applies). Anything else is an issue with the engine's own code: not_decimal,
 * bad_grouping, money_precision, rate_out_of_range, not_in_choices, control_character …
 *
 * @param options.file and options.pointer place the issue (defaults "cell" and "").
 * @example readCellText('8,600,000.00', { kind: 'money', min: '0' }) // { ok: true, value: '8600000.00' }
 * @example readCellText('县级', yangxiLevelColumn) // { ok: true, value: 'county' }
 */
export function readCellText(text: string, column: CellColumn, options: { readonly file?: string; readonly pointer?: string } = {}): Result<string> {
  const file = options.file ?? 'cell';
  const pointer = options.pointer ?? '';
  if (typeof text !== 'string' || typeof column !== 'object' || column === null) {
    return { ok: false, issues: [makeIssue('wrong_type', file, pointer, { expected: 'the cell text and a column from RuleFile.inputs' })] };
  }
  const decl = declOf(column);
  if (!decl) return { ok: false, issues: [makeIssue('wrong_type', file, pointer, { expected: 'a column with a kind of money, count, rate, number, score, boolean or text' })] };
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: '' };
  if (decl.kind === 'boolean') {
    const b = readBooleanCell(trimmed);
    if (b !== undefined) return { ok: true, value: String(b) };
    return { ok: false, issues: [makeIssue('wrong_type', file, pointer, { expected: 'true or false (是/否, 1/0, yes/no)' })] };
  }
  const doc: SourceDoc = { file, text: undefined, root: { type: 'string', offset: 0, value: trimmed, end: 0 }, lines: undefined };
  const issues: Issue[] = [];
  const v: Value | undefined = readScalar(decl, doc.root, doc, pointer, issues);
  if (v === undefined || issues.length > 0) return { ok: false, issues: issues as [Issue, ...Issue[]] };
  if (typeof v === 'string') return { ok: true, value: v };
  // A number: the text as read (separators out, full-width in), which the engine reads exactly.
  const plain = plainNumberText(trimmed);
  return { ok: true, value: plain.ok ? plain.text : v instanceof Exact ? v.toFixed() : String(v) };
}
