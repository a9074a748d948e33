/**
 * A rule's description as a document: Markdown for the terminal and files, or one
 * self-contained HTML page (no scripts, no external styles) to print or send. One language per
 * document; every sentence keeps the line of the rule file it describes.
 */
import type { Issue } from '../issues/issue.js';
import type { RuleDescription, RuleSentence } from './describe.js';

/** Options of formatDescription. */
export interface DescriptionFormat {
  /** `zh` (default) or `en`. */
  readonly lang?: 'zh' | 'en';
  /** `md` (default) or `html`. */
  readonly format?: 'md' | 'html';
  /** The rule file's name, shown with the line numbers. */
  readonly file?: string;
}

const WORDS = {
  parameters: { zh: '参数', en: 'Parameters' },
  parameter: { zh: '参数', en: 'Parameter' },
  value: { zh: '取值', en: 'Value' },
  provenance: { zh: '来源', en: 'Source' },
  published: { zh: '公开发布', en: 'published' },
  assumed: { zh: '假设', en: 'assumed' },
  unstated: { zh: '未说明', en: 'not stated' },
  steps: { zh: '计算步骤', en: 'Steps' },
  checks: { zh: '核对', en: 'Checks' },
  hints: { zh: '提示', en: 'Warnings' },
  line: { zh: '第 {n} 行', en: 'line {n}' },
  ruleFile: { zh: '规则文件', en: 'Rule file' },
} as const;

type Lang = 'zh' | 'en';

function line(s: RuleSentence, lang: Lang): string {
  return s.at ? WORDS.line[lang].replace('{n}', String(s.at.line)) : '';
}

/** Steps and loops in order, each with the transfers that follow it. */
function grouped(d: RuleDescription): { head: RuleSentence; transfers: RuleSentence[] }[] {
  const out: { head: RuleSentence; transfers: RuleSentence[] }[] = [];
  for (const s of d.sentences) {
    if (s.kind === 'check') continue;
    const last = out[out.length - 1];
    if (s.kind === 'transfer' && last) last.transfers.push(s);
    else out.push({ head: s, transfers: [] });
  }
  return out;
}

const provenance = (published: boolean | undefined, lang: Lang): string => (published === true ? WORDS.published : published === false ? WORDS.assumed : WORDS.unstated)[lang];

function markdownEscape(text: string): string {
  return text.replace(/([\\`*_<>[\]|])/g, '\\$1');
}

function markdown(d: RuleDescription, lang: Lang, file: string | undefined): string {
  const e = markdownEscape;
  const out: string[] = [`# ${e(d.title[lang])}`, ''];
  if (d.description) out.push(e(d.description[lang]), '');
  if (file !== undefined) out.push(`${WORDS.ruleFile[lang]}: \`${file}\``, '');
  if (d.parameters.length > 0) {
    out.push(`## ${WORDS.parameters[lang]}`, '', `| ${WORDS.parameter[lang]} | ${WORDS.value[lang]} | ${WORDS.provenance[lang]} |`, '|---|---:|---|');
    for (const p of d.parameters) out.push(`| ${e(p.label[lang])} \`${p.name}\` | ${e(p.value[lang])} | ${provenance(p.published, lang)} |`);
    out.push('');
  }
  out.push(`## ${WORDS.steps[lang]}`, '');
  grouped(d).forEach(({ head, transfers }, i) => {
    out.push(`${i + 1}. ${e(head.text[lang])} _(${line(head, lang)})_`);
    const indent = ' '.repeat(`${i + 1}. `.length);
    for (const t of transfers) out.push(`${indent}- ${e(t.text[lang])}`);
  });
  const checks = d.sentences.filter((s) => s.kind === 'check');
  if (checks.length > 0) out.push('', `## ${WORDS.checks[lang]}`, '', ...checks.map((c) => `- ${e(c.text[lang])} _(${line(c, lang)})_`));
  if (d.hints.length > 0) out.push('', `## ${WORDS.hints[lang]}`, '', ...d.hints.map((h) => `- ${hintLine(h, lang, e)}`));
  return `${out.join('\n')}\n`;
}

function hintLine(h: Issue, lang: Lang, escape: (s: string) => string): string {
  const where = h.at ? `${h.file}:${h.at.line}:${h.at.column}` : h.file;
  return `${escape(where)} \`${h.code}\` ${escape(h.message[lang])}`;
}

function htmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE = `body{font-family:system-ui,'PingFang SC','Noto Sans CJK SC','Microsoft YaHei',sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#1d2733;line-height:1.6}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em;border-bottom:1px solid #d5dde6}
table{border-collapse:collapse}td,th{border-bottom:1px solid #e3e8ee;padding:2px 10px;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
code,.at{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em;color:#5b6b7c}ol li{margin:.3em 0}ul.transfers{color:#3d4b5c;margin:.1em 0}
.hint{color:#8a5300}@media print{body{margin:0}}`;

function html(d: RuleDescription, lang: Lang, file: string | undefined): string {
  const h = htmlEscape;
  const at = (s: RuleSentence): string => (s.at ? ` <span class="at">${h(line(s, lang))}</span>` : '');
  const out: string[] = [
    '<!doctype html>',
    `<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${h(d.title[lang])}</title><style>${STYLE}</style></head><body>`,
    `<h1>${h(d.title[lang])}</h1>`,
  ];
  if (d.description) out.push(`<p>${h(d.description[lang])}</p>`);
  if (file !== undefined) out.push(`<p>${WORDS.ruleFile[lang]}: <code>${h(file)}</code></p>`);
  if (d.parameters.length > 0) {
    out.push(`<h2>${WORDS.parameters[lang]}</h2><table><thead><tr><th>${WORDS.parameter[lang]}</th><th>${WORDS.value[lang]}</th><th>${WORDS.provenance[lang]}</th></tr></thead><tbody>`);
    for (const p of d.parameters) out.push(`<tr><td>${h(p.label[lang])} <code>${h(p.name)}</code></td><td class="num">${h(p.value[lang])}</td><td>${provenance(p.published, lang)}</td></tr>`);
    out.push('</tbody></table>');
  }
  out.push(`<h2>${WORDS.steps[lang]}</h2><ol>`);
  for (const { head, transfers } of grouped(d)) {
    const sub = transfers.length > 0 ? `<ul class="transfers">${transfers.map((t) => `<li>${h(t.text[lang])}</li>`).join('')}</ul>` : '';
    out.push(`<li>${h(head.text[lang])}${at(head)}${sub}</li>`);
  }
  out.push('</ol>');
  const checks = d.sentences.filter((s) => s.kind === 'check');
  if (checks.length > 0) out.push(`<h2>${WORDS.checks[lang]}</h2><ul>${checks.map((c) => `<li>${h(c.text[lang])}${at(c)}</li>`).join('')}</ul>`);
  if (d.hints.length > 0) out.push(`<h2>${WORDS.hints[lang]}</h2><ul>${d.hints.map((x) => `<li class="hint">${hintLine(x, lang, h)}</li>`).join('')}</ul>`);
  out.push('</body></html>');
  return `${out.join('\n')}\n`;
}

/**
 * A rule's description as Markdown (default) or as one self-contained HTML page, in Chinese
 * (default) or English: title, parameters with their values and provenance, the steps in order
 * with the transfers they record, the checks, and any warnings — each with its rule-file line.
 *
 * @example formatDescription(describeRules(rules), { lang: 'en', format: 'html', file: 'rules/yangxi.json' })
 */
export function formatDescription(d: RuleDescription, options: DescriptionFormat = {}): string {
  const lang = options.lang ?? 'zh';
  return options.format === 'html' ? html(d, lang, options.file) : markdown(d, lang, options.file);
}
