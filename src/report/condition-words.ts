/**
 * A decision condition (json-rules-engine's JSON: all / any / not / fact–operator–value) in
 * words: `{ "fact": "score", "operator": "gte", "value": { "fact": "scoreFloor" } }` → “考核得分
 * ≥ 60”. Facts are named by their labels, parameters by their values, as in formulas.
 */
import { member, type JsonNode } from '../json/read-json.js';
import { substitute } from '../settle/template.js';
import type { Lang, WordsContext } from './formula-words.js';
import { formulaWords } from './formula-words.js';

const SYMBOLS: Readonly<Record<string, string>> = { eq: '=', ne: '≠', lt: '<', lte: '≤', gt: '>', gte: '≥' };
const TEXT_OPS: Readonly<Record<string, { zh: string; en: string }>> = {
  equal: { zh: '为', en: 'is' },
  notEqual: { zh: '不为', en: 'is not' },
  lessThan: { zh: '按文本小于', en: 'is (as text) below' },
  lessThanInclusive: { zh: '按文本不大于', en: 'is (as text) at most' },
  greaterThan: { zh: '按文本大于', en: 'is (as text) above' },
  greaterThanInclusive: { zh: '按文本不小于', en: 'is (as text) at least' },
};

/** A fact's words: its label, or a parameter's value, read like a name in a formula. */
function factWords(name: string, ctx: WordsContext, lang: Lang): string {
  return formulaWords({ t: 'name', pos: 0, name }, ctx, lang);
}

function valueWords(node: JsonNode | undefined, ctx: WordsContext, lang: Lang, vars: ReadonlyMap<string, string>): string {
  if (!node) return '';
  switch (node.type) {
    case 'number':
      return node.raw;
    case 'string':
      return /^-?\d+(\.\d+)?%?$/.test(node.value) ? node.value : `“${substitute(node.value, vars)}”`;
    case 'boolean':
      return lang === 'zh' ? (node.value ? '是' : '否') : String(node.value);
    case 'array':
      return node.items.map((i) => valueWords(i, ctx, lang, vars)).join(lang === 'zh' ? '、' : ', ');
    case 'object': {
      const fact = member(node, 'fact');
      return fact?.type === 'string' ? factWords(substitute(fact.value, vars), ctx, lang) : '';
    }
    case 'null':
      return lang === 'zh' ? '空' : 'nothing';
  }
}

/** The condition at `node` in words; nested any/all inside another get brackets. */
export function conditionWords(node: JsonNode | undefined, ctx: WordsContext, lang: Lang, vars: ReadonlyMap<string, string>, nested = false): string {
  const group = (key: 'all' | 'any'): string | undefined => {
    const list = member(node, key);
    if (list?.type !== 'array') return undefined;
    const parts = list.items.map((c) => conditionWords(c, ctx, lang, vars, true));
    if (parts.length === 1) return parts[0];
    const joined = parts.join(key === 'all' ? (lang === 'zh' ? ' 且 ' : ' and ') : lang === 'zh' ? ' 或 ' : ' or ');
    return nested ? (lang === 'zh' ? `（${joined}）` : `(${joined})`) : joined;
  };
  const grouped = group('all') ?? group('any');
  if (grouped !== undefined) return grouped;
  const not = member(node, 'not');
  if (not) return lang === 'zh' ? `并非（${conditionWords(not, ctx, lang, vars)}）` : `not (${conditionWords(not, ctx, lang, vars)})`;
  const fact = member(node, 'fact');
  const operator = member(node, 'operator');
  const name = fact?.type === 'string' ? substitute(fact.value, vars) : '';
  const op = operator?.type === 'string' ? operator.value : '';
  const f = factWords(name, ctx, lang);
  const v = valueWords(member(node, 'value'), ctx, lang, vars);
  const symbol = SYMBOLS[op];
  if (symbol !== undefined) return `${f} ${symbol} ${v}`;
  if (op === 'in' || op === 'notIn') {
    const neg = op === 'notIn';
    return lang === 'zh' ? `${f}${neg ? '不是' : '是'} ${v} ${neg ? '中的任何一个' : '之一'}` : `${f} is ${neg ? 'none' : 'one'} of ${v}`;
  }
  const words = TEXT_OPS[op];
  return words ? (lang === 'zh' ? `${f}${words.zh}${v}` : `${f} ${words.en} ${v}`) : `${f} ${op} ${v}`;
}
