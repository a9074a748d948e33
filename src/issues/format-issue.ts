import { escapeControls } from './escape.js';
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
  return escapeControls(`${where}  ${issue.code}  ${text}${path}`);
}

/** How many issues formatIssues prints before it sums up the rest. */
export const PRINTED_ISSUES = 100;

/**
 * Prints issues one a line with formatIssue, at most `limit` of them (default 100), then one
 * line saying how many more there are: 2,000 broken formulas do not flood a terminal. The
 * library's results always carry every issue; only printing is capped.
 *
 * @example formatIssues(r.issues).join('\n') // '…\n… 另有 1900 个问题未列出 / and 1900 more issues'
 */
export function formatIssues(issues: readonly Issue[], options: { readonly locale?: Locale; readonly limit?: number } = {}): string[] {
  const limit = options.limit ?? PRINTED_ISSUES;
  const lines = issues.slice(0, limit).map((i) => formatIssue(i, options));
  const more = issues.length - limit;
  if (more > 0) lines.push(`… 另有 ${more} 个问题未列出 / and ${more} more issue${more === 1 ? '' : 's'}`);
  return lines;
}
