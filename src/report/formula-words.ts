/**
 * A formula read aloud: its syntax tree rendered in Chinese or English words, with the labels of
 * names instead of the names, parameters as their values (rates in percent), functions as
 * phrases (`max(balance, 0)` → “结余 与 0 中的较大者”) and brackets exactly where the tree needs
 * them (the parser drops the written ones; they are put back by precedence). Whatever the
 * formula, something faithful comes out: an unknown function is written as it stands.
 */
import type { Ast } from '../formula/parse.js';
import type { RoundingMode } from '../money/round.js';
import type { Label } from '../settle/compile.js';
import type { Vocabulary } from './describe-names.js';
import { STATISTIC_NAMES, statisticWords } from './statistics-words.js';

/** The language a text is written in: Chinese or English. */
export type Lang = 'zh' | 'en';

/** What a formula is read against. */
export interface WordsContext {
  readonly vocab: Vocabulary;
  /** Tables whose current row is in scope, innermost last (row formulas, sum/count arguments). */
  readonly rows: readonly string[];
  /** Whether `item` is in scope (a sum or count over a list). */
  readonly item: boolean;
  /** Whether the value is money (rounding to 2 places reads “to the fen”). */
  readonly money: boolean;
  /** Parameters whose values the words quote, collected as they are read. */
  readonly used: Set<string>;
}

/** Rendered words and how tightly they bind (9 = a single term; 0 = a phrase). */
interface Words {
  readonly text: string;
  readonly prec: number;
  /** The table the words denote (a table name) or whose row they denote (an index into it). */
  readonly table?: string;
  readonly row?: boolean;
}

const PREC: Readonly<Record<string, number>> = { or: 1, and: 2, '==': 4, '!=': 4, '<': 4, '<=': 4, '>': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6 };
const SYMBOL: Readonly<Record<string, string>> = { '+': '+', '-': '−', '*': '×', '/': '÷', '==': '=', '!=': '≠', '<': '<', '<=': '≤', '>': '>', '>=': '≥' };

const open = (lang: Lang): string => (lang === 'zh' ? '（' : '(');
const close = (lang: Lang): string => (lang === 'zh' ? '）' : ')');
const wrap = (w: Words, lang: Lang, when: boolean): string => (when ? `${open(lang)}${w.text}${close(lang)}` : w.text);
/** A phrase's argument: anything but a single term gets brackets, so the phrase stays unambiguous. */
const arg = (w: Words, lang: Lang): string => wrap(w, lang, w.prec < 9);
const quote = (s: string): string => `“${s}”`;

/** Full-width brackets carry their own space: none around them in Chinese. */
export function tidy(text: string, lang: Lang): string {
  return lang === 'zh' ? text.replace(/ ?（ ?/g, '（').replace(/ ?） ?/g, '）').replace(/ ?([，；：]) ?/g, '$1') : text;
}

const MODE_WORDS: Readonly<Record<RoundingMode, Label>> = {
  HALF_UP: { zh: '四舍五入', en: 'rounded half up' },
  HALF_EVEN: { zh: '银行家舍入（四舍六入五成双）', en: 'rounded half to even' },
  HALF_DOWN: { zh: '五舍六入（恰好一半时舍去）', en: 'rounded half down' },
  UP: { zh: '向上进位（远离零）', en: 'rounded up (away from zero)' },
  DOWN: { zh: '向下取整（截去零头）', en: 'rounded down (towards zero)' },
  CEIL: { zh: '向正无穷取整', en: 'rounded towards +∞' },
  FLOOR: { zh: '向负无穷取整', en: 'rounded towards −∞' },
};

/** Rounding in words: “四舍五入到分”, “rounded down to the fen”, “… 到 6 位小数”. */
export function roundingWords(places: number, mode: RoundingMode, money: boolean, lang: Lang): string {
  const unit =
    money && places <= 2
      ? lang === 'zh' ? (['元', '角', '分'][places] as string) : `the ${['yuan', 'jiao', 'fen'][places] as string}`
      : lang === 'zh' ? ` ${places} 位小数` : `${places} decimal place${places === 1 ? '' : 's'}`;
  return lang === 'zh' ? `${MODE_WORDS[mode].zh}到${unit}` : `${MODE_WORDS[mode].en} to ${unit}`;
}

/** The words of a formula in one language. */
export function formulaWords(ast: Ast, ctx: WordsContext, lang: Lang): string {
  return tidy(render(ast, ctx, lang).text, lang);
}

/** The words of a formula as one term: in brackets unless it is a single name or number. */
export function termWords(ast: Ast, ctx: WordsContext, lang: Lang): string {
  return tidy(arg(render(ast, ctx, lang), lang), lang);
}

/** A formula whose outermost step is r2()/round(): its inside and the rounding, for “…，四舍五入到分”. */
export function outerRounding(ast: Ast): { readonly inner: Ast; readonly places: number; readonly mode: RoundingMode } | undefined {
  if (ast.t !== 'call') return undefined;
  const [x, places, mode] = ast.args;
  if (ast.fn === 'r2' && ast.args.length === 1 && x) return { inner: x, places: 2, mode: 'HALF_UP' };
  if (ast.fn === 'round' && x && places?.t === 'num' && (mode === undefined || mode.t === 'str')) {
    return { inner: x, places: Number(places.text), mode: (mode?.value ?? 'HALF_UP') as RoundingMode };
  }
  return undefined;
}

function nameWords(name: string, ctx: WordsContext, lang: Lang): Words {
  if (name === 'item' && ctx.item) return { text: lang === 'zh' ? '该项' : 'the item', prec: 9 };
  for (let i = ctx.rows.length - 1; i >= 0; i--) {
    const col = ctx.vocab.column(ctx.rows[i] as string, name);
    if (col) return { text: col[lang], prec: 9 };
  }
  const entry = ctx.vocab.name(name);
  if (!entry) return { text: name, prec: 9 };
  if (entry.parameter) {
    ctx.used.add(name);
    const { kind, shown } = entry.parameter;
    if (kind === 'text' || kind === 'boolean') {
      const value = kind === 'text' ? quote(shown[lang]) : shown[lang];
      return { text: lang === 'zh' ? `${entry.label.zh}（当前为${value}）` : `${entry.label.en} (now ${value})`, prec: 9 };
    }
    return { text: shown[lang], prec: 9 };
  }
  return entry.role === 'table' ? { text: entry.label[lang], prec: 9, table: name } : { text: entry.label[lang], prec: 9 };
}

function binaryWords(ast: Extract<Ast, { t: 'bin' }>, ctx: WordsContext, lang: Lang): Words {
  const p = PREC[ast.op] ?? 0;
  const left = render(ast.left, ctx, lang);
  const right = render(ast.right, ctx, lang);
  // `a or b and c` is exact but easy to misread: an `and` inside an `or` gets brackets too.
  const l = wrap(left, lang, left.prec < p || (p === 4 && left.prec === 4) || (p === 1 && left.prec === 2));
  const r = wrap(right, lang, right.prec <= p || (p === 1 && right.prec === 2));
  const text = ast.left.t === 'str' || ast.right.t === 'str';
  let op: string;
  if (ast.op === 'and' || ast.op === 'or') op = lang === 'zh' ? (ast.op === 'and' ? ' 且 ' : ' 或 ') : ` ${ast.op} `;
  else if (text && (ast.op === '==' || ast.op === '!=')) op = lang === 'zh' ? (ast.op === '==' ? '为' : '不为') : ast.op === '==' ? ' is ' : ' is not ';
  else op = ` ${SYMBOL[ast.op] ?? ast.op} `;
  return { text: `${l}${op}${r}`, prec: p };
}

function render(ast: Ast, ctx: WordsContext, lang: Lang): Words {
  switch (ast.t) {
    case 'num':
      return { text: ast.text, prec: 9 };
    case 'str':
      return { text: quote(ast.value), prec: 9 };
    case 'bool':
      return { text: lang === 'zh' ? (ast.value ? '是' : '否') : String(ast.value), prec: 9 };
    case 'name':
      return nameWords(ast.name, ctx, lang);
    case 'neg': {
      const x = render(ast.arg, ctx, lang);
      return { text: `−${wrap(x, lang, x.prec < 9)}`, prec: 7 };
    }
    case 'not': {
      const x = render(ast.arg, ctx, lang);
      return { text: lang === 'zh' ? `并非${wrap(x, lang, true)}` : `not ${wrap(x, lang, x.prec < 9)}`, prec: 3 };
    }
    case 'bin':
      return binaryWords(ast, ctx, lang);
    case 'call':
      return callWords(ast, ctx, lang);
    case 'index':
      return indexWords(ast, ctx, lang);
    case 'member': {
      const obj = render(ast.obj, ctx, lang);
      if (obj.row && obj.table !== undefined) {
        const col = ctx.vocab.column(obj.table, ast.name)?.[lang] ?? ast.name;
        return { text: lang === 'zh' ? `${obj.text}的${col}` : `the ${col} of ${obj.text}`, prec: 9 };
      }
      return { text: lang === 'zh' ? `${obj.text}的${ast.name}` : `the ${ast.name} of ${obj.text}`, prec: 9 };
    }
  }
}

function indexWords(ast: Extract<Ast, { t: 'index' }>, ctx: WordsContext, lang: Lang): Words {
  const obj = render(ast.obj, ctx, lang);
  const key = render(ast.key, ctx, lang);
  if (obj.table !== undefined && !obj.row) {
    return { text: lang === 'zh' ? `${obj.text}中编号为${key.text}的一行` : `the ${obj.text} row ${key.text}`, prec: 9, table: obj.table, row: true };
  }
  return { text: lang === 'zh' ? `${obj.text}中${key.text}对应的值` : `${obj.text} for ${key.text}`, prec: 9 };
}

/** sum/count over a table or a list: the rows (or items) are in scope for the other arguments. */
function aggregateWords(ast: Extract<Ast, { t: 'call' }>, ctx: WordsContext, lang: Lang): Words {
  const [source, second, third] = ast.args;
  const over = render(source as Ast, ctx, lang);
  const inner: WordsContext = over.table !== undefined ? { ...ctx, rows: [...ctx.rows, over.table] } : { ...ctx, item: true };
  const table = over.table !== undefined;
  const count = ast.fn === 'count';
  const cond = count ? second : third;
  const value = count ? undefined : second;
  const c = cond ? render(cond, inner, lang).text : undefined;
  const v = value ? render(value, inner, lang) : undefined;
  if (lang === 'en') {
    const where = c === undefined ? '' : ` where ${c}`;
    if (count) return { text: `the number of ${table ? '' : 'items of '}${over.text}${where}`, prec: 0 };
    if (!v) return { text: `the total of ${over.text}`, prec: 0 };
    // Over a list the value comes last: it needs no brackets.
    return { text: table ? `the total of ${v.text} over ${over.text}${where}` : `the total over ${over.text}${where} of ${v.text}`, prec: 0 };
  }
  if (count) return { text: table ? `${c === undefined ? '' : `${c}的`}${over.text}的行数` : `${over.text}${c === undefined ? '的' : `中${c}的`}项数`, prec: 0 };
  // “成员单位的医保基金支出合计” is one noun in Chinese: it needs no brackets as a term of a sum.
  if (!v) return { text: `${over.text}之和`, prec: 8 };
  if (table) return { text: `${c === undefined ? '' : `${c}的`}${over.text}的${arg(v, lang)}合计`, prec: c === undefined && v.prec === 9 ? 8 : 0 };
  return { text: `对${over.text}${c === undefined ? '' : `中${c}`}的每一项计算 ${v.text}，再求和`, prec: 0 };
}

function callWords(ast: Extract<Ast, { t: 'call' }>, ctx: WordsContext, lang: Lang): Words {
  if (ast.fn === 'sum' || ast.fn === 'count') return aggregateWords(ast, ctx, lang);
  if (STATISTIC_NAMES.has(ast.fn)) {
    const said = statisticWords(ast, ctx, lang, (a, c) => render(a, c, lang), (w) => arg(w as Words, lang));
    if (said) return said;
  }
  const rounding = outerRounding(ast);
  if (rounding) {
    const x = render(rounding.inner, ctx, lang);
    return { text: `${arg(x, lang)}${lang === 'zh' ? '' : ' '}${roundingWords(rounding.places, rounding.mode, ctx.money, lang)}`, prec: 0 };
  }
  const args = ast.args.map((a) => render(a, ctx, lang));
  const [a, b, c] = args;
  const zh = lang === 'zh';
  switch (ast.fn) {
    case 'min':
    case 'max': {
      if (args.length === 1 && a) return a;
      const larger = ast.fn === 'max';
      const list = args.map((x) => arg(x, lang));
      if (zh) return { text: `${list.join(args.length === 2 ? ' 与 ' : '、')} 中的${args.length === 2 ? (larger ? '较大者' : '较小者') : larger ? '最大者' : '最小者'}`, prec: 0 };
      const joined = `${list.slice(0, -1).join(', ')} and ${list[list.length - 1] ?? ''}`;
      return { text: `the ${args.length === 2 ? (larger ? 'larger' : 'smaller') : larger ? 'largest' : 'smallest'} of ${joined}`, prec: 0 };
    }
    case 'abs':
      if (a) return { text: zh ? `${arg(a, lang)}的绝对值` : `the absolute value of ${arg(a, lang)}`, prec: 0 };
      break;
    case 'if':
      if (a && b && c) return { text: zh ? `若${a.text}，则 ${b.text}，否则 ${c.text}` : `if ${a.text} then ${b.text}, otherwise ${c.text}`, prec: 0 };
      break;
    case 'number':
    case 'money':
      if (a && args.length === 1) return a;
      break;
    case 'get':
      if (a && b && c) return { text: zh ? `${arg(a, lang)}中${b.text}对应的值（没有时为${c.text}）` : `${arg(a, lang)} for ${b.text} (${c.text} if absent)`, prec: 0 };
      break;
    case 'has':
      if (a && b) return { text: zh ? `${arg(a, lang)}中有${b.text}` : `${arg(a, lang)} has ${b.text}`, prec: 0 };
      break;
    case 'lookup':
      if (a && b) return { text: zh ? `${arg(a, lang)}中 ${b.text} 所在档的值` : `the value of ${arg(a, lang)} for the band of ${b.text}`, prec: 0 };
      break;
  }
  // Anything else is written as it stands, so nothing is ever left out.
  return { text: `${ast.fn}(${args.map((x) => x.text).join(', ')})`, prec: 9 };
}
