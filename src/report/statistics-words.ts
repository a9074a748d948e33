/**
 * The order statistics in words, their per-row arguments read in the table's row: `mean(cases,
 * number(cost), year == 2022 and kept)` → “年度 = 2022 且 计入的病例的病例费用的平均数”. The
 * formula reader hands its own rendering in, so that the two modules import one way.
 */
import type { Ast } from '../formula/parse.js';

type Lang = 'zh' | 'en';
/** What the words are read against: here only the tables whose row is in scope matter. */
interface Scope {
  readonly rows: readonly string[];
}

interface Said {
  readonly text: string;
  readonly prec: number;
  readonly table?: string;
}

type Say<C> = (ast: Ast, ctx: C) => Said;
type Call = Extract<Ast, { t: 'call' }>;

export const STATISTIC_NAMES: ReadonlySet<string> = new Set(['median', 'mean', 'weightedMean', 'percentile', 'quartile', 'maxBy', 'minBy', 'rank']);

const ofText = (a: Ast | undefined): string | undefined => (a?.t === 'str' ? a.value : undefined);

/** The words of an order statistic, or undefined for a call these words do not know. */
export function statisticWords<C extends Scope>(ast: Call, ctx: C, lang: Lang, say: Say<C>, arg: (w: Said) => string): Said | undefined {
  const rank = ast.fn === 'rank';
  const [tableArg, ...rest] = rank ? ast.args.slice(1) : ast.args;
  if (!tableArg) return undefined;
  const over = say(tableArg, ctx);
  if (over.table === undefined) return undefined;
  const inner: C = { ...ctx, rows: [...ctx.rows, over.table] };
  const zh = lang === 'zh';
  const at = (k: number, scope: C = inner): Said | undefined => (rest[k] ? say(rest[k] as Ast, scope) : undefined);
  // The condition, where there is one, is the last argument (after a method or an order written as text).
  const lastIsCondition = rest.length > 0 && ofText(rest[rest.length - 1]) === undefined && rest.length > conditionAt(ast.fn, rest);
  const said = lastIsCondition ? say(rest[rest.length - 1] as Ast, inner) : undefined;
  // A condition of several parts is bracketed in Chinese: “（A 且 B）的病例”.
  const cond = said === undefined ? undefined : zh && said.prec < 4 ? `（${said.text}）` : said.text;
  const rows = zh ? `${cond === undefined ? '' : `${cond}的`}${over.text}` : `${over.text}${cond === undefined ? '' : ` where ${cond}`}`;
  const v = at(0);
  if (!v) return undefined;
  switch (ast.fn) {
    case 'median':
    case 'mean': {
      const what = ast.fn === 'median' ? (zh ? '中位数' : 'median') : zh ? '平均数' : 'mean';
      return { text: zh ? `${rows}的${arg(v)}的${what}` : `the ${what} of ${v.text} over ${rows}`, prec: 0 };
    }
    case 'weightedMean': {
      const w = at(1);
      return w ? { text: zh ? `${rows}的${arg(v)}按${arg(w)}加权的平均数` : `the mean of ${v.text} weighted by ${w.text} over ${rows}`, prec: 0 } : undefined;
    }
    case 'percentile':
    case 'quartile': {
      const p = at(1, ctx);
      const method = ofText(rest[2]) ?? 'INC';
      const excel = `${ast.fn.toUpperCase()}.${method}`;
      if (!p) return undefined;
      const which = ast.fn === 'quartile' ? (zh ? `第 ${p.text} 四分位数` : `quartile ${p.text}`) : zh ? `${p.text} 百分位数` : `${p.text} percentile`;
      return { text: zh ? `${rows}的${arg(v)}的${which}（${excel}）` : `the ${which} (${excel}) of ${v.text} over ${rows}`, prec: 0 };
    }
    case 'maxBy':
    case 'minBy': {
      const value = at(1);
      const most = ast.fn === 'maxBy' ? (zh ? '最大' : 'greatest') : zh ? '最小' : 'least';
      return value ? { text: zh ? `${rows}中${arg(v)}${most}的一行的${arg(value)}` : `the ${value.text} of the row of ${rows} with the ${most} ${v.text}`, prec: 0 } : undefined;
    }
    case 'rank': {
      const x = say(ast.args[0] as Ast, ctx);
      const ascending = ofText(rest[1]) === 'ASC';
      const order = ascending ? (zh ? '从小到大' : 'smallest first') : zh ? '从大到小' : 'largest first';
      return { text: zh ? `${arg(x)}在${rows}的${arg(v)}中的名次（${order}）` : `the rank of ${x.text} among ${v.text} over ${rows} (${order})`, prec: 0 };
    }
    default:
      return undefined;
  }
}

/** How many arguments after the table come before an optional condition. */
function conditionAt(fn: string, rest: readonly Ast[]): number {
  switch (fn) {
    case 'weightedMean':
    case 'maxBy':
    case 'minBy':
      return 2;
    case 'percentile':
    case 'quartile':
      return 3;
    case 'rank':
      return ofText(rest[1]) === undefined ? 1 : 2;
    default:
      return 1;
  }
}
