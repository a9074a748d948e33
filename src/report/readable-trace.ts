/**
 * A figure's trace in the auditor's language: what it is called, its formula in words, the same
 * formula with the values filled in, the result before and after rounding and the rounding in
 * words; for a share of a split, the weight, the exact share, the fen it is cut to and who got
 * the leftover fen and why. A rendering of the machine trace (`figures`), which stays as it is.
 */
import { parseFormula } from '../formula/parse.js';
import type { CompiledRuleFile, RuleFile } from '../settle/model.js';
import type { Figure, RowsUsed, Settlement } from '../settle/types.js';
import { member, nodeAt } from '../json/read-json.js';
import { Exact } from '../money/exact.js';
import { vocabulary, type NameEntry, type Vocabulary } from './describe-names.js';
import { formulaWords, roundingWords, type Lang, type WordsContext } from './formula-words.js';
import { groupDigits, shownNumber } from './report-text.js';

/** How a share of a split was cut to the fen (largest remainder). */
export interface SplitShare {
  readonly amount: string;
  readonly weight: string;
  readonly totalWeight: string;
  /** The exact share before it was cut to the fen. */
  readonly exact: string;
  /** The share cut down to the fen. */
  readonly floor: string;
  /** The leftover fen this part received (0.00 or 0.01 …). */
  readonly extra: string;
}

/** One figure in words and numbers people read. */
export interface ReadableFigure {
  readonly name: string;
  readonly label: string;
  /** The value as shown: money with thousands separators, a rate as a percentage. */
  readonly value: string;
  readonly source: Figure['source'];
  /** The formula with labels, where the rule gives one. */
  readonly formula: string | undefined;
  /** The formula with each name replaced by its value. */
  readonly filled: string | undefined;
  /** The exact result before rounding, where rounding changed it. */
  readonly exact: string | undefined;
  /** The rounding in words (四舍五入到分). */
  readonly rounding: string | undefined;
  readonly split: SplitShare | undefined;
  /** Everything above as one sentence. */
  readonly sentence: string;
}

const WORDS = {
  zh: { input: '输入数据', parameter: '规则参数', line: (f: string, l: number) => `${f} 第 ${l} 行`, divisible: '恰好分尽' },
  en: { input: 'input', parameter: 'rule parameter', line: (f: string, l: number) => `${f} line ${l}`, divisible: 'divides exactly' },
} as const;

/** The label of the rule-file node at `pointer`, or of the nearest node above it that has one. */
/** The table a step at (or above) `pointer` works over, row by row, if it does. */
function overTable(rules: RuleFile, pointer: string): string | undefined {
  const root = (rules as CompiledRuleFile).doc.root;
  for (let p = pointer; p.startsWith('/steps/'); p = p.slice(0, p.lastIndexOf('/'))) {
    const over = member(nodeAt(root, p), 'over');
    if (over?.type === 'string') return over.value;
  }
  return undefined;
}

function labelAt(rules: RuleFile, pointer: string, lang: Lang): string | undefined {
  const root = (rules as CompiledRuleFile).doc.root;
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const text = member(member(nodeAt(root, p), 'label'), lang);
    if (text?.type === 'string') return text.value;
    if (p === '') return undefined;
  }
}

function labelOf(rules: RuleFile, vocab: Vocabulary, s: Settlement, name: string, lang: Lang): string {
  const entry = vocab.name(name);
  if (entry) return entry.label[lang];
  const f = s.figures[name];
  const step = f && f.source !== 'input' ? labelAt(rules, f.pointer, lang) : undefined;
  const dot = name.indexOf('.');
  return step ? (dot > 0 ? (lang === 'zh' ? `${step}（${name.slice(dot + 1)}）` : `${step} (${name.slice(dot + 1)})`) : step) : name;
}


/** A value as people read it: a parameter as the rule shows it (2%), a rate in percent, numbers with separators. */
function shown(vocab: Vocabulary, rates: ReadonlySet<string>, name: string, value: string, lang: Lang): string {
  const p = vocab.name(name)?.parameter;
  if (p) return p.shown[lang];
  if (rates.has(name) && /^-?\d+(\.\d+)?$/.test(value)) return `${new Exact(value).times(100).toFixed()}%`;
  return shownNumber(value);
}

/** The names of inputs (and group fields) that are rates. */
function rateInputs(rules: RuleFile): Set<string> {
  const out = new Set<string>();
  for (const i of rules.inputs) {
    if (i.kind === 'rate') out.add(i.name);
    for (const m of i.shape === 'group' ? (i.members ?? []) : []) if (m.kind === 'rate') out.add(`${i.name}.${m.name}`);
  }
  return out;
}

/** A vocabulary in which every name reads as its value, for the filled-in formula. */
function valueVocabulary(vocab: Vocabulary, rates: ReadonlySet<string>, values: Readonly<Record<string, string>>, lang: Lang): Vocabulary {
  return {
    name(name: string): NameEntry | undefined {
      const v = values[name];
      // A table stays a table in words ("成员单位"): its rows are not one value.
      if (v === undefined || /^\[\d+ rows\]$/.test(v)) return vocab.name(name);
      const text = shown(vocab, rates, name, v, lang);
      return { label: { zh: text, en: text }, role: 'input' };
    },
    column: (table, column) => vocab.column(table, column),
    key: (table) => vocab.key(table),
    account: (name) => vocab.account(name),
    loopValue: (value) => vocab.loopValue(value),
    steps: vocab.steps,
  };
}

function cutToFen(exact: string): string {
  return new Exact(exact).toFixed(2, 'FLOOR');
}

/** How a split share was cut: only for a figure that records its amount, weight and total. */
function splitShare(f: Figure): SplitShare | undefined {
  const { amount, weight, totalWeight } = f.inputs;
  if (f.source !== 'split' || amount === undefined || weight === undefined || totalWeight === undefined) return undefined;
  const exact = f.exact ?? f.value;
  const floor = cutToFen(exact);
  return { amount, weight, totalWeight, exact, floor, extra: new Exact(f.value).minus(new Exact(floor)).toFixed(2) };
}

function splitWords(sh: SplitShare, lang: Lang): string {
  if (sh.exact === sh.floor && sh.extra === '0.00') return WORDS[lang].divisible;
  const got = sh.extra !== '0.00';
  // The part of a fen the floor left behind: what the largest-remainder order compares.
  const rem = new Exact(sh.exact).minus(new Exact(sh.floor)).times(100).toFixed();
  if (lang === 'zh') return `按分向下取整为 ${groupDigits(sh.floor)}，余数 ${rem} 分${got ? `较大，另得尾差 ${sh.extra}` : '较小，未得尾差'}；最大余额法`;
  return `cut down to the fen: ${groupDigits(sh.floor)}; its remainder of ${rem} fen ${got ? `was among the largest and received the leftover ${sh.extra}` : 'was too small for a leftover fen'}; largest remainder`;
}

/** The marks around a loop value in labels (describe-names.ts), which no finished text keeps. */
const LOOP_MARKS = /[\ue000\ue001]/g;

/** The figure named, in words and numbers; undefined when the settlement has no such figure. */
export function readableFigure(rules: RuleFile, s: Settlement, name: string, lang: Lang): ReadableFigure | undefined {
  const r = readable(rules, s, name, lang);
  if (!r) return undefined;
  const clean = (t: string | undefined): string | undefined => t?.replace(LOOP_MARKS, '');
  return { ...r, label: clean(r.label) ?? '', formula: clean(r.formula), filled: clean(r.filled), sentence: clean(r.sentence) ?? '' };
}

function readable(rules: RuleFile, s: Settlement, name: string, lang: Lang): ReadableFigure | undefined {
  const f = Object.prototype.hasOwnProperty.call(s.figures, name) ? s.figures[name] : undefined;
  if (!f) return undefined;
  const vocab = vocabulary(rules as CompiledRuleFile);
  const rates = rateInputs(rules);
  const label = labelOf(rules, vocab, s, name, lang);
  const value = f.kind === 'money' ? groupDigits(f.value) : shown(vocab, rates, name, f.value, lang);
  const base = { name, label, value, source: f.source };
  if (f.source === 'input' || f.source === 'parameter') {
    const rows = /^\[(\d+) rows\]$/.exec(f.value)?.[1];
    const value = rows === undefined ? base.value : lang === 'zh' ? `${rows} 行` : `${rows} rows`;
    const where = f.source === 'input' && f.at && f.file ? `，${WORDS[lang].line(f.file, f.at.line)}` : '';
    const sentence = lang === 'zh' ? `${label} = ${value}（${WORDS.zh[f.source]}${where}）` : `${label} = ${value} (${WORDS.en[f.source]}${where.replace('，', ', ')})`;
    return { ...base, value, formula: undefined, filled: undefined, exact: undefined, rounding: undefined, split: undefined, sentence };
  }
  const rounding = f.rounding ? roundingWords(f.rounding.places, f.rounding.mode, f.kind === 'money', lang) : undefined;
  const exact = f.exact !== undefined ? shownNumber(f.exact) : undefined;
  const sh = splitShare(f);
  if (sh) {
    const of = Object.keys(f.inputs).find((k) => k !== 'amount' && k !== 'weight' && k !== 'totalWeight' && f.inputs[k] === sh.amount);
    const filled = `${shownNumber(sh.amount)} × ${shownNumber(sh.weight)} ÷ ${shownNumber(sh.totalWeight)}`;
    const formula = `${of ? labelOf(rules, vocab, s, of, lang) : ''} × ${lang === 'zh' ? '权重' : 'weight'} ÷ ${lang === 'zh' ? '权重合计' : 'total weight'}`.trim();
    const sentence = `${label} = ${of ? `${labelOf(rules, vocab, s, of, lang)} ` : ''}${filled} ${sh.exact === f.value ? `= ${value}` : `= ${shownNumber(sh.exact)} → ${value}`}${lang === 'zh' ? `（${splitWords(sh, lang)}）` : ` (${splitWords(sh, lang)})`}`;
    return { ...base, formula, filled, exact: shownNumber(sh.exact), rounding: splitWords(sh, lang), split: sh, sentence };
  }
  const parsed = parseFormula(f.formula);
  const ctx = (v: Vocabulary, rows: readonly string[] = []): WordsContext => ({ vocab: v, rows, item: false, money: f.kind === 'money', used: new Set<string>() });
  // A per-row step's formula reads its row's columns: named by their labels (the values below).
  const over = overTable(rules, f.pointer);
  const formula = parsed.ok ? formulaWords(parsed.ast, ctx(vocab, over === undefined ? [] : [over]), lang) : f.formula;
  // A value shown rounded but kept exact (a hidden-digits money value) is filled in exactly, as used.
  const used: Record<string, string> = { ...s.values, ...f.inputs };
  for (const k of Object.keys(f.inputs)) {
    const exactInput = Object.prototype.hasOwnProperty.call(s.figures, k) ? s.figures[k]?.exact : undefined;
    if (exactInput !== undefined) used[k] = exactInput;
  }
  const filled = parsed.ok ? formulaWords(parsed.ast, ctx(valueVocabulary(vocab, rates, used, lang)), lang) : undefined;
  const steps = [formula, ...(filled && filled !== formula ? [filled] : []), ...(exact ? [exact] : [])];
  const result = exact ? `→ ${value}` : `= ${value}`;
  // A decision says which rule held (the figure's note: Chinese, then " / " and English).
  const why = f.source === 'decide' && f.note ? (lang === 'zh' ? f.note.split(' / ')[0] : f.note.split(' / ').slice(1).join(' / ')) : undefined;
  // Shown to the fen but not rounded: the next step uses every digit.
  const kept = exact && !rounding ? (lang === 'zh' ? '显示到分，计算用精确值' : 'shown to the fen; the exact value is used') : undefined;
  const taken = (f.rows ?? []).map((u) => rowsWords(u, labelOf(rules, vocab, s, u.table, lang), lang));
  const notes = [rounding, kept, why, ...taken].filter((x): x is string => x !== undefined && x !== '');
  const tail = notes.length > 0 ? (lang === 'zh' ? `（${notes.join('；')}）` : ` (${notes.join('; ')})`) : '';
  const sentence = `${label} = ${steps.join(' = ')} ${result}${tail}`;
  return { ...base, formula, filled, exact, rounding, split: undefined, sentence };
}

/** Row numbers as runs: 1–4, 6, 8–10 (at most 40 runs, then …). */
export function numberRuns(numbers: readonly number[], count: number): string {
  const runs: string[] = [];
  for (let i = 0; i < numbers.length && runs.length < 40; ) {
    let j = i;
    while (j + 1 < numbers.length && (numbers[j + 1] as number) === (numbers[j] as number) + 1) j++;
    runs.push(i === j ? String(numbers[i]) : `${numbers[i]}–${numbers[j]}`);
    i = j + 1;
  }
  const shown = runs.join(', ');
  const all = runs.length < 40 && numbers.length === count;
  return all ? shown : `${shown} …`;
}

/** The aggregates by what they give, for the rows note. */
const AGGREGATE_WORDS: Readonly<Record<string, { readonly zh: string; readonly en: string }>> = {
  sum: { zh: '合计', en: 'total' },
  count: { zh: '计数', en: 'count' },
  median: { zh: '中位数', en: 'median' },
  mean: { zh: '平均数', en: 'mean' },
  weightedMean: { zh: '加权平均数', en: 'weighted mean' },
  percentile: { zh: '百分位数', en: 'percentile' },
  quartile: { zh: '四分位数', en: 'quartile' },
  maxBy: { zh: '最大的一行', en: 'greatest row' },
  minBy: { zh: '最小的一行', en: 'least row' },
  rank: { zh: '名次', en: 'rank' },
};

/** Which rows an aggregate took in: "mean: 9 of the 30 rows of cases (rows 1–4, 6–10)". */
function rowsWords(u: RowsUsed, table: string, lang: Lang): string {
  const runs = numberRuns(u.numbers, u.count);
  const what = AGGREGATE_WORDS[u.function]?.[lang] ?? u.function;
  return lang === 'zh'
    ? `${what}：${table} 共 ${u.of} 行，计入 ${u.count} 行${u.numbers.length > 0 ? `（第 ${runs.replaceAll(', ', '、')} 行）` : ''}`
    : `${what}: ${u.count} of the ${u.of} rows of ${table}${u.numbers.length > 0 ? ` (rows ${runs})` : ''}`;
}

/** The branches of an explanation tree (see explain()), as readable-trace renders them. */
export interface ExplanationNode {
  readonly figure: Figure;
  readonly inputs: readonly ExplanationNode[];
}

export type { Lang } from './formula-words.js';

/**
 * An explanation tree in words: a figure a line, as readableFigure says it, with where it comes
 * from (`@file:line:column`); what it was worked out from indented below it.
 */
export function formatReadableExplanation(rules: RuleFile, s: Settlement, e: ExplanationNode, lang: Lang, ruleFile = rules.file): string {
  const lines: string[] = [];
  const walk = (x: ExplanationNode, prefix: string, last: boolean, top: boolean): void => {
    const f = x.figure;
    const file = f.file ?? ruleFile;
    const where = f.at ? `  @${file}:${f.at.line}:${f.at.column}` : '';
    const text = readableFigure(rules, s, f.name, lang)?.sentence ?? `${f.name} = ${f.value}`;
    lines.push(`${top ? '' : prefix + (last ? '└─ ' : '├─ ')}${text}${where}`);
    const next = top ? '' : prefix + (last ? '   ' : '│  ');
    x.inputs.forEach((c, i) => walk(c, next, i === x.inputs.length - 1, false));
  };
  walk(e, '', true, true);
  return lines.join('\n');
}
