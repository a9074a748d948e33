import type { Issue } from './issue.js';

/** How formatIssue prints the message: Chinese, English, or both (Chinese first). */
export type Locale = 'zh' | 'en' | 'both';

/**
 * Prints an issue on one line for people: `file:line:column  code  中文 / English`.
 *
 * @example formatIssue(issue) // 'rules/x.json:12:18  unknown_name  未定义的名称 "grss" / unknown name "grss"'
 */
export function formatIssue(issue: Issue, options: { readonly locale?: Locale } = {}): string {
  const locale = options.locale ?? 'both';
  const where = issue.at ? `${issue.file}:${issue.at.line}:${issue.at.column}` : issue.file;
  const path = issue.pointer === '' ? '' : `  (${issue.pointer})`;
  // A warning says so first: it stops nothing, and must not read like an error.
  const warn = issue.severity === 'warning';
  const zh = warn ? `提示：${issue.message.zh}` : issue.message.zh;
  const en = warn ? `warning: ${issue.message.en}` : issue.message.en;
  const text = locale === 'zh' ? zh : locale === 'en' ? en : `${zh} / ${en}`;
  return `${where}  ${issue.code}  ${text}${path}`;
}
