/**
 * One sentence per step of a rule file, by step kind: compute, row compute, decide, split into
 * parts, split over rows, waterfall, tiers and total; a sentence per transfer a step records.
 * Labels name things, parameters show their values, and what a step does is said in words —
 * never the step's own label, which may quote a value the parameters no longer have.
 */
import { parseFormula, type Ast } from '../formula/parse.js';
import { member, type JsonNode } from '../json/read-json.js';
import type { Label } from '../settle/compile.js';
import type { RoundingMode } from '../money/round.js';
import { substitute } from '../settle/template.js';
import { conditionWords } from './condition-words.js';
import { labelNode, nameFromLabel, type StepSite, type Vocabulary } from './describe-names.js';
import { formulaWords, outerRounding, roundingWords, termWords, tidy, type Lang, type WordsContext } from './formula-words.js';

/** One sentence of a rule's description, linked to the element it describes. */
export interface Sentence {
  /** What it describes: a step, a loop over values, a transfer a step records, a check. */
  readonly kind: 'step' | 'loop' | 'transfer' | 'check';
  /** JSON Pointer of that element in the rule file. */
  readonly pointer: string;
  readonly text: Label;
  /** The parameters whose values the sentence quotes. */
  readonly parameters: readonly string[];
}

/** What every step's sentence may need to know about the others. */
export interface DescribeContext {
  readonly vocab: Vocabulary;
  /** Waterfall rests split into parts by a later step: the waterfall's sentence says how. */
  readonly restSplits: ReadonlyMap<string, StepSite>;
}

interface FormulaOptions {
  readonly rows?: readonly string[];
  readonly money?: boolean;
}

/** The formula reader of one sentence in one language; it collects the parameters quoted. */
interface Reader {
  readonly lang: Lang;
  /** A formula (loop variables filled in) in words. */
  f(text: string | undefined, options?: FormulaOptions): string;
  /** A formula as one term (bracketed unless a single name or number). */
  term(text: string | undefined, options?: FormulaOptions): string;
  /** A formula whose outermost r2()/round() is said as a clause: [inside, “，四舍五入到分”]. */
  rounded(text: string | undefined, options?: FormulaOptions): [string, string];
  cond(node: JsonNode | undefined, o?: FormulaOptions): string;
  /** A name's label (a parameter: its value). */
  name(name: string, options?: FormulaOptions): string;
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Builds a sentence from the same function in both languages. */
export function sentence(kind: Sentence['kind'], pointer: string, site: { readonly vars: ReadonlyMap<string, string> }, vocab: Vocabulary, build: (r: Reader) => string): Sentence {
  const used = new Set<string>();
  const reader = (lang: Lang): Reader => {
    const ctx = (o: FormulaOptions = {}): WordsContext => ({ vocab, rows: o.rows ?? [], item: false, money: o.money ?? true, used });
    const parse = (text: string): Ast | undefined => {
      const r = parseFormula(substitute(text, site.vars));
      return r.ok ? r.ast : undefined;
    };
    const words = (text: string | undefined, o: FormulaOptions | undefined, term: boolean): string => {
      if (text === undefined) return '';
      const ast = parse(text);
      if (!ast) return substitute(text, site.vars);
      return term ? termWords(ast, ctx(o), lang) : formulaWords(ast, ctx(o), lang);
    };
    return {
      lang,
      f: (t, o) => words(t, o, false),
      term: (t, o) => words(t, o, true),
      rounded: (t, o) => {
        const ast = t === undefined ? undefined : parse(t);
        const outer = ast && outerRounding(ast);
        if (!outer) return [words(t, o, false), ''];
        return [formulaWords(outer.inner, ctx(o), lang), roundClause(outer.places, outer.mode, o?.money ?? true, lang)];
      },
      cond: (node, o) => conditionWords(node, ctx(o), lang, site.vars),
      name: (n, o) => formulaWords({ t: 'name', pos: 0, name: n }, ctx(o), lang),
    };
  };
  return { kind, pointer, text: { zh: tidy(build(reader('zh')), 'zh'), en: cap(build(reader('en'))) }, parameters: [...used] };
}

function roundClause(places: number, mode: RoundingMode, money: boolean, lang: Lang): string {
  return `${lang === 'zh' ? '，' : ', '}${roundingWords(places, mode, money, lang)}`;
}

/** A step's `round` member as a clause, or ''. */
function stepRounding(node: JsonNode | undefined, money: boolean, lang: Lang): string {
  if (node?.type !== 'object') return '';
  const places = member(node, 'places');
  const mode = member(node, 'mode');
  return roundClause(places?.type === 'number' ? Number(places.raw) : 2, (mode?.type === 'string' ? mode.value : 'HALF_UP') as RoundingMode, money, lang);
}

const ZH_SUFFIXES = ['承担部分', '的份额', '承担', '分担', '部分', '份额', '结余', '分配'];
const ZH_PREFIXES = ['超支由', '由'];
const EN_SUFFIXES = ['pool', 'share', 'part', 'portion', 'surplus'];

/**
 * Names of parts without what they share: “县级结余”, “镇级结余” → 县级, 镇级; “borne by local
 * finance”, “borne by the hospital” → local finance, the hospital. English loses its common
 * leading words and a common last word from a short list; Chinese a common word from a short
 * list (characters alone would cut 县级 to 县, words alone would cut risk fund to risk).
 */
export function distinctNames(labels: readonly Label[], shared: Label | undefined): Label[] {
  if (labels.length < 2) return [...labels];
  const zhWords = [...(shared ? [shared.zh] : []), ...ZH_SUFFIXES];
  const suffix = zhWords.find((s) => s !== '' && labels.every((l) => l.zh.endsWith(s) && l.zh.length > s.length));
  const zh1 = labels.map((l) => (suffix ? l.zh.slice(0, -suffix.length) : l.zh));
  const prefix = ZH_PREFIXES.find((p) => zh1.every((l) => l.startsWith(p) && l.length > p.length));
  const zh = zh1.map((l) => (prefix ? l.slice(prefix.length) : l));
  // English: common leading words go (“borne by”), and a common last word from a short list.
  const words = labels.map((l) => l.en.split(' '));
  const shortest = Math.min(...words.map((w) => w.length));
  let head = 0;
  while (head < shortest - 1 && words.every((w) => w[head] === (words[0] as string[])[head])) head++;
  const last = (words[0] as string[])[(words[0] as string[]).length - 1] ?? '';
  const tail = shortest - head > 1 && EN_SUFFIXES.includes(last) && words.every((w) => w[w.length - 1] === last) ? 1 : 0;
  // “fund's share”, “community's share” → fund, community.
  const en = words.map((w) => w.slice(head, w.length - tail).join(' ').replace(tail > 0 ? /'s$/ : /$^/, ''));
  return labels.map((_, i) => ({ zh: zh[i] as string, en: en[i] as string }));
}

function partList(site: StepSite, vocab: Vocabulary): { names: Label[]; weights: string[] } {
  const parts = member(site.node, 'parts');
  const items = parts?.type === 'array' ? parts.items : [];
  const labels = items.map((p) => {
    const n = member(p, 'name');
    const name = n?.type === 'string' ? substitute(n.value, site.vars) : '';
    const l = labelNode(member(p, 'label'));
    return l ? nameFromLabel(l) : (vocab.name(name)?.label ?? { zh: name, en: name });
  });
  const weights = items.map((p) => {
    const w = member(p, 'weight');
    return w?.type === 'string' ? w.value : w?.type === 'number' ? w.raw : '';
  });
  return { names: labels, weights };
}

/** “县级 6 : 镇级 4” — the parts of a split with their weights (parameters as values). */
function ratio(site: StepSite, dc: DescribeContext, r: Reader, amount: Label | undefined): string {
  const { names, weights } = partList(site, dc.vocab);
  const parts = distinctNames(names, amount);
  return parts.map((p, i) => `${p[r.lang]} ${r.term(weights[i], { money: false })}`).join(' : ');
}

const UNIT_WORDS: Readonly<Record<string, Label>> = { '0.1': { zh: '，以角为单位', en: ', in jiao' }, '1': { zh: '，以元为单位', en: ', in whole yuan' } };
const remainderWords = (r: Reader): string => (r.lang === 'zh' ? '，尾差按最大余数法' : ', the leftover fen by largest remainder');

function unitWords(site: StepSite, r: Reader): string {
  const u = member(site.node, 'unit');
  return u?.type === 'string' ? (UNIT_WORDS[u.value]?.[r.lang] ?? '') : '';
}

/** The text of a string member with loop variables filled in. */
export function str(site: StepSite, key: string, of: JsonNode | undefined = site.node): string | undefined {
  const v = member(of, key);
  return v?.type === 'string' ? substitute(v.value, site.vars) : undefined;
}

function computeSentence(site: StepSite, dc: DescribeContext, r: Reader): string {
  const kind = str(site, 'kind') ?? 'money';
  const money = kind === 'money';
  const name = r.name(str(site, 'name') ?? '');
  const round = member(site.node, 'round');
  if (member(site.node, 'rules')) {
    const rules = member(site.node, 'rules');
    const over = str(site, 'over');
    const rows = over === undefined ? {} : { rows: [over] };
    // Over a table: each row's value in its column ("hospitals每一行：rate：若 …").
    const head = over === undefined ? name : `${r.lang === 'zh' ? `${r.name(over)}每一行：` : `for each row of ${r.name(over)}: `}${dc.vocab.column(over, str(site, 'column') ?? '')?.[r.lang] ?? str(site, 'column') ?? ''}`;
    const branches = (rules?.type === 'array' ? rules.items : []).map((rule, i) => {
      const f = r.f(str(site, 'formula', rule), { money, ...rows });
      if (r.lang === 'zh') return `${i === 0 ? '若' : '否则若'}${r.cond(member(rule, 'when'), rows)}，为 ${f}`;
      return `${i === 0 ? 'if' : 'else if'} ${r.cond(member(rule, 'when'), rows)}, ${f}`;
    });
    const otherwise = r.f(str(site, 'otherwise'), { money, ...rows });
    const sep = r.lang === 'zh' ? '；' : '; ';
    return `${head}${r.lang === 'zh' ? '：' : ': '}${branches.join(sep)}${sep}${r.lang === 'zh' ? `否则为 ${otherwise}` : `otherwise ${otherwise}`}${stepRounding(round, money, r.lang)}`;
  }
  if (member(site.node, 'over')) {
    const table = str(site, 'over') ?? '';
    const column = dc.vocab.column(table, str(site, 'column') ?? '')?.[r.lang] ?? str(site, 'column') ?? '';
    const body = r.f(str(site, 'formula'), { rows: [table], money });
    const t = r.name(table);
    return `${r.lang === 'zh' ? `${t}每一行：` : `for each row of ${t}: `}${column} = ${body}${stepRounding(round, money, r.lang)}`;
  }
  const [body, clause] = round ? [r.f(str(site, 'formula'), { money }), stepRounding(round, money, r.lang)] : r.rounded(str(site, 'formula'), { money });
  return `${name} = ${body}${clause}`;
}

function splitSentence(site: StepSite, dc: DescribeContext, r: Reader): string {
  const amountText = str(site, 'split');
  const amount = r.f(amountText);
  const shares = amountText !== undefined && dc.restSplits.get(amountText.trim()) === site;
  if (member(site.node, 'parts')) {
    const amountLabel = amountText === undefined ? undefined : dc.vocab.name(substitute(amountText, site.vars).trim())?.label;
    const verb = r.lang === 'zh' ? (shares ? '分担' : '分配') : shares ? 'is shared as' : 'is split as';
    const parts = ratio(site, dc, r, amountLabel);
    return r.lang === 'zh' ? `${amount}按 ${parts} ${verb}${unitWords(site, r)}${remainderWords(r)}` : `${amount} ${verb} ${parts}${unitWords(site, r)}${remainderWords(r)}`;
  }
  const table = str(site, 'over') ?? '';
  const t = r.name(table);
  const weight = r.term(str(site, 'weight'), { rows: [table], money: false });
  const whereText = str(site, 'where');
  const where = whereText === undefined ? undefined : r.f(whereText, { rows: [table] });
  if (r.lang === 'zh') return `${amount}按${weight}分配给${where === undefined ? '各' : `${where}的`}${t}${unitWords(site, r)}${remainderWords(r)}`;
  return `${amount} is split among the ${t}${where === undefined ? '' : ` where ${where}`} by ${weight}${unitWords(site, r)}${remainderWords(r)}`;
}

function payerName(site: StepSite, payer: JsonNode, dc: DescribeContext, r: Reader): Label {
  const from = str(site, 'from', payer);
  const account = from === undefined ? undefined : dc.vocab.account(from);
  if (account) return nameFromLabel(account);
  const l = labelNode(member(payer, 'label'));
  const capName = str(site, 'cap', payer)?.trim();
  const capLabel = capName === undefined ? undefined : dc.vocab.name(capName)?.label;
  return l ? nameFromLabel(l) : (capLabel ?? { zh: r.f(capName), en: r.f(capName) });
}

function waterfallSentence(site: StepSite, dc: DescribeContext, r: Reader): string {
  const zh = r.lang === 'zh';
  const amount = r.f(str(site, 'waterfall'));
  const payersNode = member(site.node, 'payers');
  const payers = payersNode?.type === 'array' ? payersNode.items : [];
  const labels = payers.map((p) => payerName(site, p, dc, r));
  const names = distinctNames(labels, undefined).map((l) => l[r.lang]);
  const capWords = payers.map((p, i) => {
    const c = str(site, 'cap', p)?.trim();
    if (c === undefined) return zh ? '承担其余全部' : 'the rest';
    const own = dc.vocab.name(c)?.label[r.lang];
    if (own !== undefined && own === labels[i]?.[r.lang]) return zh ? '以其余额为限' : 'up to its balance';
    return zh ? `以${r.f(c)}为限` : `up to ${r.f(c)}`;
  });
  let text: string;
  if (str(site, 'order') === 'pro-rata') {
    const caps = capWords.map((c) => c.replace(/^以(.*)为限$/, '$1').replace(/^up to /, ''));
    text = zh
      ? `${amount}由${names.join('、')}按各自上限（${caps.join('、')}）的比例分担，各方以其上限为限${remainderWords(r)}`
      : `${amount} is shared by ${names.join(', ')} in proportion to their caps (${caps.join(', ')}), each up to its cap${remainderWords(r)}`;
  } else {
    const steps = names.map((n, i) => (zh ? `${i === 0 ? '先由' : '再由'}${n}（${capWords[i] ?? ''}）` : `${i === 0 ? 'first by' : 'then by'} ${n} (${capWords[i] ?? ''})`));
    text = zh ? `${amount}${steps.join('、')}承担` : `${amount} is covered ${steps.join(', ')}`;
  }
  const rest = str(site, 'rest');
  if (rest === undefined) return text;
  const split = dc.restSplits.get(rest);
  const restLabel = r.name(rest);
  if (!split) return `${text}${zh ? `，其余为${restLabel}` : `, the rest being ${restLabel}`}`;
  const { names: partNames, weights } = partList(split, dc.vocab);
  const parties = distinctNames(partNames, undefined).map((p) => p[r.lang]);
  const w = weights.map((x) => r.term(x, { money: false })).join(' : ');
  const list = parties.length === 2 ? parties.join(zh ? '和' : ' and ') : parties.join(zh ? '、' : ', ');
  return `${text}${zh ? `，${restLabel}由${list}按 ${w} 分担` : `, and ${restLabel} is shared by ${list} ${w}`}`;
}

function bound(site: StepSite, upTo: JsonNode | undefined, r: Reader): string {
  const u = upTo?.type === 'string' ? upTo.value : upTo?.type === 'number' ? upTo.raw : undefined;
  const base = str(site, 'base', member(site.node, 'tiers'));
  if (u === undefined) return '';
  return base === undefined ? r.term(u) : `${r.term(base)} × ${r.term(u, { money: false })}`;
}

function tiersSentence(site: StepSite, _dc: DescribeContext, r: Reader): string {
  const zh = r.lang === 'zh';
  const tiers = member(site.node, 'tiers');
  const of = r.f(str(site, 'of', tiers));
  const over = str(site, 'over');
  // Over a table: each row's result in its column ("hospitals每一行：valued = …").
  const name = over !== undefined ? `${zh ? `${over}每一行：` : `for each row of ${over}: `}${str(site, 'column') ?? ''}` : r.name(str(site, 'name') ?? '');
  const bandsNode = member(tiers, 'bands');
  const bands = bandsNode?.type === 'array' ? bandsNode.items : [];
  const marginal = str(site, 'mode', tiers) !== 'whole';
  const exclusive = str(site, 'upperBound', tiers) === 'exclusive';
  const rounding = member(tiers, 'round');
  const clauses = bands.map((b, i) => {
    const rate = r.term(str(site, 'rate', b) ?? (member(b, 'rate')?.type === 'number' ? (member(b, 'rate') as { raw: string }).raw : ''), { money: false });
    const upper = member(b, 'upTo') ? bound(site, member(b, 'upTo'), r) : undefined;
    const lower = i > 0 ? bound(site, member(bands[i - 1], 'upTo'), r) : undefined;
    if (marginal) {
      const part = upper === undefined ? (lower === undefined ? (zh ? '全部' : 'all of it') : zh ? `超过 ${lower} 的部分` : `the part above ${lower}`) : lower === undefined ? (zh ? `不超过 ${upper} 的部分` : `the part up to ${upper}`) : zh ? `${lower} 至 ${upper} 的部分` : `the part from ${lower} to ${upper}`;
      return zh ? `${part} × ${rate}` : `${part} at ${rate}`;
    }
    const below = exclusive ? (zh ? '低于' : 'below') : zh ? '不超过' : 'up to';
    const above = exclusive ? (zh ? '达到' : 'from') : zh ? '超过' : 'above';
    const range = upper === undefined ? (lower === undefined ? (zh ? '任何金额' : 'any amount') : `${above} ${lower}`) : lower === undefined ? `${below} ${upper}` : zh ? `${above} ${lower} 且${below} ${upper}` : `${above} ${lower} and ${below} ${upper}`;
    return zh ? `${range}时按 ${rate}` : `${range}: ${rate}`;
  });
  const sep = zh ? '；' : '; ';
  if (marginal) {
    const each = rounding ? (zh ? `，每段${stepRounding(rounding, true, 'zh').slice(1)}后相加` : `, each band ${stepRounding(rounding, true, 'en').slice(2)}, then added`) : '';
    return zh ? `${name} = ${of}按超额累进分段计算：${clauses.join(sep)}${each}` : `${name} = ${of} in marginal bands: ${clauses.join(sep)}${each}`;
  }
  return zh ? `${name} = ${of} × 所在档次的比例（全额）：${clauses.join(sep)}${stepRounding(rounding, true, 'zh')}` : `${name} = ${of} × the rate of the band it falls in (whole amount): ${clauses.join(sep)}${stepRounding(rounding, true, 'en')}`;
}

function totalSentence(site: StepSite, dc: DescribeContext, r: Reader): string {
  const from = str(site, 'from') ?? '';
  const over = str(site, 'over') ?? '';
  const column = dc.vocab.column(over, str(site, 'column') ?? '')?.[r.lang] ?? '';
  const total = dc.vocab.column(from, str(site, 'total') ?? '')?.[r.lang] ?? str(site, 'total') ?? '';
  const by = dc.vocab.column(from, str(site, 'by') ?? '')?.[r.lang] ?? str(site, 'by') ?? '';
  const f = r.name(from);
  const o = r.name(over);
  return r.lang === 'zh' ? `${column}：按${by}汇总${f}的${total}，得到每个${o}的合计` : `${column}: the ${total} of ${f} added up by ${by} for each row of ${o}`;
}

/** The sentence of one step (not a loop). */
export function stepSentence(site: StepSite, dc: DescribeContext): Sentence {
  const n = site.node;
  const build = member(n, 'waterfall') ? waterfallSentence : member(n, 'tiers') ? tiersSentence : member(n, 'total') ? totalSentence : member(n, 'split') ? splitSentence : computeSentence;
  return sentence('step', site.pointer, site, dc.vocab, (r) => build(site, dc, r));
}

