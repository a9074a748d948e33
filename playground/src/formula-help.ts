/**
 * Each formula function as the rule editor offers it while a formula is typed: how it is called
 * and what it gives, in Chinese and English (rule-format.md §7 says the same at length). Keyed by
 * the library's own list of functions, so a function added there and not here fails to compile.
 */
import type { FormulaFunction } from 'yibao-settle';

export interface FunctionHelp {
  readonly call: string;
  readonly zh: string;
  readonly en: string;
}

export const FUNCTION_HELP: Readonly<Record<FormulaFunction, FunctionHelp>> = {
  min: { call: 'min(a, b, …)', zh: '最小值，精确比较', en: 'the least, compared exactly' },
  max: { call: 'max(a, b, …)', zh: '最大值，精确比较', en: 'the greatest, compared exactly' },
  abs: { call: 'abs(x)', zh: '绝对值', en: 'absolute value' },
  round: { call: "round(x, places, 'HALF_UP')", zh: '按位数和方式舍入', en: 'rounded to the places and mode given' },
  r2: { call: 'r2(x)', zh: '四舍五入到分', en: 'rounded half up to the fen' },
  if: { call: 'if(condition, then, else)', zh: '条件成立取第二项，否则取第三项', en: 'the second if the condition holds, else the third' },
  sum: { call: 'sum(table, value[, condition])', zh: '对表中（符合条件的）各行求和', en: 'total over the rows (that meet the condition)' },
  count: { call: 'count(table[, condition])', zh: '（符合条件的）行数', en: 'number of rows (that meet the condition)' },
  get: { call: 'get(map, key, default)', zh: '按键取值，没有该键时取默认值', en: 'the value for a key, or the default' },
  has: { call: 'has(map or table, key)', zh: '是否有该键（或该编号的行）', en: 'whether the key (or a row with that id) exists' },
  number: { call: 'number(money)', zh: '把金额当作一般数值', en: 'money read as a plain number' },
  money: { call: 'money(number)', zh: '把一般数值当作金额', en: 'a plain number read as money' },
  median: { call: 'median(table, value[, condition])', zh: '中位数', en: 'the median' },
  mean: { call: 'mean(table, value[, condition])', zh: '平均数（条件可剔除两端）', en: 'the mean (a condition can trim the ends)' },
  weightedMean: { call: 'weightedMean(table, value, weight[, condition])', zh: '加权平均（如三年 2:3:5）', en: 'the weighted mean (three years 2 : 3 : 5)' },
  percentile: { call: "percentile(table, value, p, 'INC'|'EXC'[, condition])", zh: '百分位数，同 Excel 的 PERCENTILE.INC / .EXC', en: "a percentile, as Excel's PERCENTILE.INC / .EXC" },
  quartile: { call: "quartile(table, value, 0–4, 'INC'|'EXC'[, condition])", zh: '四分位数，同 Excel 的 QUARTILE.INC / .EXC', en: "a quartile, as Excel's QUARTILE.INC / .EXC" },
  maxBy: { call: 'maxBy(table, key, value[, condition])', zh: '键最大的那一行的值', en: 'the value of the row with the greatest key' },
  minBy: { call: 'minBy(table, key, value[, condition])', zh: '键最小的那一行的值', en: 'the value of the row with the least key' },
  lookup: { call: 'lookup(map, x)', zh: '分档对照：不大于 x 的最大键对应的值（同 Excel 的 LOOKUP）', en: "a step table: the value at the greatest key not above x (Excel's LOOKUP)" },
  rank: { call: "rank(x, table, value[, 'DESC'|'ASC'][, condition])", zh: '排名，同 Excel 的 RANK.EQ', en: "a rank, as Excel's RANK.EQ" },
};
