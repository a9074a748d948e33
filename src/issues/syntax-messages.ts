/**
 * The messages of `json_syntax` issues: one per slip the hint module names (src/json/
 * syntax-hint.ts), saying in full, in Chinese and in English, what is wrong and where to fix it —
 * "第 5 行末尾缺少逗号" rather than the reader's "expected ',' or '}'". An issue made without a
 * hint (a JavaScript value handed to the library) keeps the reader's own detail.
 */
import type { SyntaxReason } from '../json/syntax-hint.js';
import type { ParamsOf } from './codes.js';

type SyntaxParams = ParamsOf<'json_syntax'>;

type Words = (x: SyntaxParams) => string;

const v = (x: SyntaxParams, k: keyof SyntaxParams): string => String(x[k] ?? '');
/** "第 3 行第 7 列" of the place the reader stopped. */
const hereZh = (x: SyntaxParams): string => `第 ${v(x, 'line')} 行第 ${v(x, 'column')} 列`;
const hereEn = (x: SyntaxParams): string => `line ${v(x, 'line')}, column ${v(x, 'column')}`;
/** The place to fix: "第 5 行末尾" when it ends its line, else "第 5 行第 9 列". */
const fixZh = (x: SyntaxParams): string => (x.fixAtLineEnd === 1 ? `第 ${v(x, 'fixLine')} 行末尾` : `第 ${v(x, 'fixLine')} 行第 ${v(x, 'fixColumn')} 列`);
const fixEn = (x: SyntaxParams): string => (x.fixAtLineEnd === 1 ? `the end of line ${v(x, 'fixLine')}` : `line ${v(x, 'fixLine')}, column ${v(x, 'fixColumn')}`);
const foundZh = (x: SyntaxParams): string => (v(x, 'found') === '' ? '文件结尾' : `“${v(x, 'found')}”`);
const foundEn = (x: SyntaxParams): string => (v(x, 'found') === '' ? 'the end of the file' : `"${v(x, 'found')}"`);

const zh: Readonly<Record<SyntaxReason, Words>> = {
  missing_comma: (x) => `${fixZh(x)}缺少逗号：这一项和${hereZh(x)}开始的下一项之间要用英文逗号 "," 隔开`,
  trailing_comma: (x) => `${fixZh(x)}多了一个逗号：最后一项后面不能有逗号，请删去它`,
  missing_colon: (x) => `第 ${v(x, 'fixLine')} 行的键 "${v(x, 'key')}" 后面缺少英文冒号 ":"`,
  unquoted_key: (x) => `${hereZh(x)}：键名要用英文双引号括起来，写成 ${v(x, 'expected')}`,
  single_quotes: (x) => `${hereZh(x)}：JSON 只认英文双引号 "，请把单引号 ' 改成双引号`,
  fullwidth_punctuation: (x) => `${hereZh(x)}是中文标点 ${foundZh(x)}，请改成英文的 "${v(x, 'expected')}"（切换到英文输入法再输入）`,
  unclosed_bracket: (x) =>
    `第 ${v(x, 'openLine')} 行第 ${v(x, 'openColumn')} 列的 "${v(x, 'open')}" 没有对应的 "${v(x, 'expected')}"：文件到第 ${v(x, 'line')} 行就结束了，请在该结束的地方补上 "${v(x, 'expected')}"`,
  wrong_bracket: (x) =>
    `${hereZh(x)}的 "${v(x, 'found')}" 与第 ${v(x, 'openLine')} 行的 "${v(x, 'open')}" 不配对：这里应为 "${v(x, 'expected')}"`,
  expected_separator: (x) => `${hereZh(x)}：上一项之后应为逗号 "," 或右括号，实际为 ${foundZh(x)}`,
  missing_value: (x) => `${hereZh(x)}缺少值：这里要写一个值（数字、"文本"、true、false、null、{…} 或 […]），实际为 ${foundZh(x)}`,
  not_a_value: (x) => `${hereZh(x)}的 ${foundZh(x)} 不是 JSON 的值：文本要用英文双引号括起来（如 "${v(x, 'found')}"），数字只能含 0–9、小数点和负号`,
  bad_literal: (x) => `${hereZh(x)}的 ${foundZh(x)} 写错了：应为全小写的 true、false 或 null`,
  bad_number: (x) => `${hereZh(x)}的数字 ${foundZh(x)} 写法不对：不能有多余的前导 0，小数点两边都要有数字（如 0.5、12.00），也不能有千分位逗号`,
  unclosed_string: (x) => `第 ${v(x, 'fixLine')} 行的文本缺少结尾的英文双引号 "：请在文本末尾补上 "`,
  control_character: (x) => `${hereZh(x)}：文本里不能直接有制表符等控制字符（${v(x, 'found')}），请删去或写成 \\t`,
  bad_escape: (x) => `${hereZh(x)}的 ${foundZh(x)} 不是合法的转义：反斜杠 \\ 后只能接 " \\ / b f n r t 或 uXXXX；要写反斜杠本身请写两个 \\\\`,
  comment: (x) => `${hereZh(x)}有注释：JSON 不允许注释（// 或 /* */），请删去`,
  extra_text: (x) => `第 ${v(x, 'fixLine')} 行文档已经结束，${hereZh(x)}多出了 ${foundZh(x)}：可能多了一个 "}" 或 "]"，或把两个文档连在了一起`,
  expected_key: (x) => `${hereZh(x)}：这里应为用英文双引号括起来的键名（如 "name"），实际为 ${foundZh(x)}`,
};

const en: Readonly<Record<SyntaxReason, Words>> = {
  missing_comma: (x) => `missing comma at ${fixEn(x)}: separate that item from the next one (${hereEn(x)}) with ","`,
  trailing_comma: (x) => `extra comma at ${fixEn(x)}: nothing may follow the last item, so delete the comma`,
  missing_colon: (x) => `missing ":" after the key "${v(x, 'key')}" on line ${v(x, 'fixLine')}`,
  unquoted_key: (x) => `${hereEn(x)}: a key must be in double quotes: ${v(x, 'expected')}`,
  single_quotes: (x) => `${hereEn(x)}: JSON takes only double quotes ("), not single quotes (')`,
  fullwidth_punctuation: (x) => `${hereEn(x)} is the Chinese (full-width) ${foundEn(x)}: type the ASCII "${v(x, 'expected')}" instead`,
  unclosed_bracket: (x) =>
    `the "${v(x, 'open')}" on line ${v(x, 'openLine')}, column ${v(x, 'openColumn')} is never closed: the file ends on line ${v(x, 'line')}; add "${v(x, 'expected')}" where it should end`,
  wrong_bracket: (x) => `${hereEn(x)}: "${v(x, 'found')}" does not match the "${v(x, 'open')}" on line ${v(x, 'openLine')}; expected "${v(x, 'expected')}"`,
  expected_separator: (x) => `${hereEn(x)}: expected "," or a closing bracket after the previous item, found ${foundEn(x)}`,
  missing_value: (x) => `${hereEn(x)}: a value is missing (a number, "text", true, false, null, {…} or […]); found ${foundEn(x)}`,
  not_a_value: (x) => `${hereEn(x)}: ${foundEn(x)} is not a JSON value: put text in double quotes ("${v(x, 'found')}"); numbers hold only 0–9, a point and a minus sign`,
  bad_literal: (x) => `${hereEn(x)}: ${foundEn(x)} is misspelt: write true, false or null in lower case`,
  bad_number: (x) => `${hereEn(x)}: the number ${foundEn(x)} is malformed: no extra leading 0, digits on both sides of the point (0.5, 12.00), no thousands separators`,
  unclosed_string: (x) => `the text on line ${v(x, 'fixLine')} has no closing double quote: add " at its end`,
  control_character: (x) => `${hereEn(x)}: text may not contain a tab or other control character (${v(x, 'found')}); delete it or write \\t`,
  bad_escape: (x) => `${hereEn(x)}: ${foundEn(x)} is not a valid escape: after \\ only " \\ / b f n r t or uXXXX may follow; write a backslash itself as \\\\`,
  comment: (x) => `${hereEn(x)}: JSON has no comments (// or /* */); delete it`,
  extra_text: (x) => `the document ended on line ${v(x, 'fixLine')}, but ${hereEn(x)} has more: ${foundEn(x)} (one "}" or "]" too many, or two documents run together?)`,
  expected_key: (x) => `${hereEn(x)}: expected a key in double quotes (such as "name"), found ${foundEn(x)}`,
};

function words(table: Readonly<Record<SyntaxReason, Words>>, x: SyntaxParams): string | undefined {
  const reason = x.reason;
  return typeof reason === 'string' && Object.hasOwn(table, reason) ? table[reason as SyntaxReason](x) : undefined;
}

/** The Chinese message of a json_syntax issue, or undefined when it carries no hint. */
export function syntaxZh(x: SyntaxParams): string | undefined {
  return words(zh, x);
}

/** The English message of a json_syntax issue, or undefined when it carries no hint. */
export function syntaxEn(x: SyntaxParams): string | undefined {
  return words(en, x);
}
