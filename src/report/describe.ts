/**
 * A rule file read as sentences, in Chinese and English, from the rule file alone: every step,
 * loop, transfer and check, in file order, each with the JSON Pointer and line:column of what it
 * describes. Parameters appear as their current values (rates in percent), so a sentence is
 * never stale the way a hand-written label can be.
 */
import type { Issue } from '../issues/issue.js';
import { member, nodeAt, type JsonNode } from '../json/read-json.js';
import type { CompiledRuleFile, Label, RuleFile } from '../settle/compile.js';
import { positionOf } from '../settle/source.js';
import type { Position } from '../settle/types.js';
import { LOOP_CLOSE, LOOP_OPEN, labelNode, nameFromLabel, sitesOf, vocabulary, type StepSite, type StepTree, type Vocabulary } from './describe-names.js';
import { sentence, stepSentence, str, type DescribeContext, type Sentence } from './describe-steps.js';

/** One sentence of a rule's description, with where its element is in the rule file. */
export interface RuleSentence {
  /** What it describes: a step, a loop over values, a transfer a step records, a check. */
  readonly kind: 'step' | 'loop' | 'transfer' | 'check';
  /** JSON Pointer of the element in the rule file (a step inside a loop: its one place in the file). */
  readonly pointer: string;
  /** Line and column of the element in the rule file's text. */
  readonly at: Position | undefined;
  readonly text: Label;
  /** Names of the parameters whose values the sentence quotes. */
  readonly parameters: readonly string[];
}

/** A parameter as the description lists it: label, value as people read it, provenance. */
export interface DescribedParameter {
  readonly name: string;
  readonly label: Label;
  /** The value as read: a rate in percent (`2%`), money grouped (`2,000,000.00`), yes/no. */
  readonly value: Label;
  /** true: published in the source; false: assumed; undefined: not stated. */
  readonly published: boolean | undefined;
  readonly pointer: string;
  readonly at: Position | undefined;
}

/** A rule file described in words. */
export interface RuleDescription {
  readonly id: string;
  readonly title: Label;
  readonly description: Label | undefined;
  readonly parameters: readonly DescribedParameter[];
  readonly sentences: readonly RuleSentence[];
  /** The rule file's warnings (e.g. a label that quotes an old parameter value). */
  readonly hints: readonly Issue[];
}

/** How many loop values a collapsed sentence lists in full before “…”. */
const LISTED_VALUES = 4;

function listValues(values: readonly Label[], lang: 'zh' | 'en'): string {
  const texts = values.map((v) => v[lang]);
  const shown = texts.length > LISTED_VALUES ? [...texts.slice(0, 2), '…', texts[texts.length - 1] as string] : texts;
  return shown.join(lang === 'zh' ? '、' : ', ');
}

/**
 * The sentences of each loop value, merged where they say the same thing for every value:
 * “12 月预拨额（职工医保、居民医保）= …” once rather than once per fund. Sentences that differ
 * (a growth rate of 10% and of 5%) stay one per value, step by step.
 */
function mergeLoop(values: readonly Label[], lists: readonly (readonly Sentence[])[]): Sentence[] {
  const first = lists[0] ?? [];
  if (lists.some((l) => l.length !== first.length)) return lists.flat();
  const MARK = '\u0001';
  const marked = (s: Sentence, i: number, lang: 'zh' | 'en'): string => s.text[lang].split(`${LOOP_OPEN}${(values[i] as Label)[lang]}${LOOP_CLOSE}`).join(MARK);
  const out: Sentence[] = [];
  first.forEach((s, j) => {
    const same = (['zh', 'en'] as const).every((lang) => lists.every((l, i) => marked(l[j] as Sentence, i, lang) === marked(s, 0, lang)));
    if (!same) {
      for (const l of lists) out.push(l[j] as Sentence);
      return;
    }
    const text = { zh: marked(s, 0, 'zh').split(MARK).join(listValues(values, 'zh')), en: marked(s, 0, 'en').split(MARK).join(listValues(values, 'en')) };
    out.push({ ...s, text, parameters: [...new Set(lists.flatMap((l) => (l[j] as Sentence).parameters))] });
  });
  return out;
}

function memoOf(text: string | undefined): Label | undefined {
  if (text === undefined || text === '') return undefined;
  const slash = text.indexOf(' / ');
  return slash < 0 ? { zh: text, en: text } : { zh: text.slice(0, slash).trim(), en: text.slice(slash + 3).trim() };
}

/** An account in words; `{column}` in a row step names an account per row. */
function accountWords(name: string, table: string | undefined, vocab: Vocabulary, lang: 'zh' | 'en'): string {
  const template = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(name);
  if (template && table !== undefined) {
    const col = template[1] as string;
    const colLabel = vocab.column(table, col)?.[lang] ?? col;
    const t = vocab.name(table)?.label[lang] ?? table;
    if (vocab.key(table) === col) return lang === 'zh' ? `该${t}` : `that row's own account (${colLabel})`;
    return lang === 'zh' ? `其“${colLabel}”所指的账户` : `the account its ${colLabel} names`;
  }
  return vocab.account(name)?.[lang] ?? name;
}

/** The sentences of the transfers a step records: its own, its parts', its payers'. */
function transferSentences(site: StepSite, vocab: Vocabulary): Sentence[] {
  const out: Sentence[] = [];
  const table = str(site, 'over');
  const say = (pointer: string, value: Label, from: string | undefined, to: string | undefined, memo: string | undefined): void => {
    if (from === undefined || to === undefined) return;
    const m = memoOf(memo);
    out.push(
      sentence('transfer', pointer, site, vocab, (r) => {
        const f = accountWords(from, table, vocab, r.lang);
        const t = accountWords(to, table, vocab, r.lang);
        const note = m ? (r.lang === 'zh' ? `（${m.zh}）` : ` (${m.en})`) : '';
        return r.lang === 'zh' ? `记账：${value.zh}从${f}转入${t}${note}` : `ledger: ${value.en} from ${f} to ${t}${note}`;
      }),
    );
  };
  const own = labelNode(member(site.node, 'label'));
  const stepValue = (): Label => {
    const t = table === undefined ? undefined : vocab.name(table)?.label;
    if (t && member(site.node, 'split')) return { zh: `每个${t.zh}的份额`, en: `the share of each row of ${t.en}` };
    if (t) return { zh: `每个${t.zh}的${own ? nameFromLabel(own).zh : str(site, 'column') ?? ''}`, en: `${own ? nameFromLabel(own).en : str(site, 'column') ?? ''} of each row of ${t.en}` };
    const name = str(site, 'name');
    return (name === undefined ? undefined : vocab.name(name)?.label) ?? (own ? nameFromLabel(own) : { zh: name ?? '', en: name ?? '' });
  };
  const transfer = member(site.node, 'transfer');
  if (transfer) say(`${site.pointer}/transfer`, stepValue(), str(site, 'from', transfer), str(site, 'to', transfer), str(site, 'memo', transfer));
  const each = (list: string, f: (item: JsonNode, i: number) => void): void => {
    const items = member(site.node, list);
    if (items?.type === 'array') items.items.forEach(f);
  };
  each('parts', (p, i) => {
    const tr = member(p, 'transfer');
    const name = str(site, 'name', p) ?? '';
    if (tr) say(`${site.pointer}/parts/${i}/transfer`, vocab.name(name)?.label ?? { zh: name, en: name }, str(site, 'from', tr), str(site, 'to', tr), str(site, 'memo', tr));
  });
  each('payers', (p, i) => {
    const name = str(site, 'name', p) ?? '';
    say(`${site.pointer}/payers/${i}`, vocab.name(name)?.label ?? { zh: name, en: name }, str(site, 'from', p), str(site, 'to'), undefined);
  });
  return out;
}

function treeSentences(tree: readonly StepTree[], dc: DescribeContext): Sentence[] {
  return tree.flatMap((t): Sentence[] => {
    if (!t.loop) return [stepSentence(t.site, dc), ...transferSentences(t.site, dc.vocab)];
    const values = t.values.map((v) => dc.vocab.loopValue(v));
    const label = labelNode(member(t.node, 'label'));
    const header = sentence('loop', t.pointer, t, dc.vocab, (r) => {
      const list = values.map((v) => v[r.lang]).join(r.lang === 'zh' ? '、' : ', ');
      const own = label ? (r.lang === 'zh' ? `（${label.zh}）` : ` (${label.en})`) : '';
      return r.lang === 'zh' ? `对${list}分别计算${own}：` : `for each of ${list}${own}:`;
    });
    return [header, ...mergeLoop(values, t.bodies.map((b) => treeSentences(b, dc)))];
  });
}

function checkSentences(rules: CompiledRuleFile, vocab: Vocabulary): Sentence[] {
  const checks = member(rules.doc.root, 'checks');
  if (checks?.type !== 'array') return [];
  return checks.items.map((c, i) => {
    const site: StepSite = { node: c as StepSite['node'], pointer: `/checks/${i}`, vars: new Map() };
    const name = str(site, 'name') ?? '';
    const label = labelNode(member(c, 'label')) ?? { zh: name, en: name };
    return sentence('check', site.pointer, site, vocab, (r) => `${r.lang === 'zh' ? `核对（${label.zh}）：` : `check (${label.en}): `}${r.f(str(site, 'assert'))}`);
  });
}

/**
 * Describes a rule file in plain Chinese and English: one sentence for every step, loop,
 * transfer and check, in file order, with labels instead of names and the parameters' values
 * (rates in percent) instead of their names; rounding and splits in words
 * (`调节金 = 扣除政策性支出 × 2%，四舍五入到分`; `结余按 县级 6 : 镇级 4 分配，尾差按最大余数法`).
 * Each sentence carries the JSON Pointer and line:column of its element, and the names of the
 * parameters it quotes. Pure: the same rule file gives the same sentences.
 *
 * @param rules A rule file from {@link readRuleFile}.
 * @returns The title, the parameters as read, the sentences, and the file's warnings.
 * @example
 * const rules = readRuleFile(text, { file: 'rules/yangxi.json' });
 * if (rules.ok) for (const s of describeRules(rules.value).sentences) console.log(s.text.zh);
 */
export function describeRules(rules: RuleFile): RuleDescription {
  const plan = rules as CompiledRuleFile;
  const vocab = vocabulary(plan);
  const sites = sitesOf(vocab.steps);
  const rests = new Set(sites.flatMap((s) => (member(s.node, 'waterfall') ? [str(s, 'rest') ?? ''] : [])));
  const restSplits = new Map<string, StepSite>();
  for (const s of sites) {
    const amount = member(s.node, 'parts') ? str(s, 'split')?.trim() : undefined;
    if (amount !== undefined && rests.has(amount) && !restSplits.has(amount)) restSplits.set(amount, s);
  }
  const dc: DescribeContext = { vocab, restSplits };
  const at = (pointer: string): Position | undefined => positionOf(plan.doc, nodeAt(plan.doc.root, pointer)?.offset);
  const unmark = (t: string): string => t.replace(/[\ue000\ue001]/g, '');
  const sentences = [...treeSentences(vocab.steps, dc), ...checkSentences(plan, vocab)].map(
    (s): RuleSentence => ({ ...s, text: { zh: unmark(s.text.zh), en: unmark(s.text.en) }, at: at(s.pointer) }),
  );
  return {
    id: rules.id,
    title: rules.title,
    description: rules.description,
    parameters: plan.params.map((p) => ({
      name: p.name,
      label: p.label,
      value: vocab.name(p.name)?.parameter?.shown ?? { zh: '', en: '' },
      published: p.published,
      pointer: p.pointer,
      at: p.at,
    })),
    sentences,
    hints: rules.hints,
  };
}
