/**
 * Cases files (`<preset>.cases.json` beside the rule files): inputs with expected values and a
 * note of how each expectation was worked out. Run by `yibao-settle test`.
 */
import type { Issue, Result } from '../issues/issue.js';
import { escapePointerToken, member, type JsonNode } from '../json/read-json.js';
import type { RuleFile } from '../settle/compile.js';
import { settleDoc } from '../settle/settle.js';
import { readSource } from '../settle/source.js';
import { sha256Hex } from '../settle/fingerprint.js';
import { getOwn } from '../settle/record.js';

/** One expected figure of a case beside what the settlement gave (undefined: no such value). */
export interface CaseFigure {
  readonly name: string;
  readonly expected: string;
  readonly actual: string | undefined;
  readonly ok: boolean;
}

/** The outcome of one case of a cases file: passed, or the problems that failed it. */
export interface CaseOutcome {
  readonly name: string;
  readonly ok: boolean;
  /** Each problem in a line (English), as `yibao-settle test` prints it. */
  readonly problems: readonly string[];
  /** Every expected figure with the actual one, for a table of expected against actual. */
  readonly figures?: readonly CaseFigure[];
  /** The issues that stopped the settlement, or that were expected (`expectIssue`). */
  readonly issues?: readonly Issue[];
  /** The engine's checks that failed. */
  readonly failedChecks?: readonly string[];
}

const str = (n: JsonNode | undefined): string | undefined => (n?.type === 'string' ? n.value : n?.type === 'number' ? n.raw : undefined);

/**
 * Runs every case of a cases file (`{ "rules": "yangxi.json", "cases": [{ name, input,
 * parameters?, expect | expectIssue }] }`): each input is settled and every expected value
 * compared as exact text. `loadRules` resolves the file's "rules" reference.
 *
 * @returns One outcome per case; a file that cannot be read gives one failed outcome naming it.
 * @example
 * const outcomes = runCases(casesText, 'rules/yangxi.cases.json', () => readRuleFile(ruleText));
 * outcomes.every((o) => o.ok); // true when every expectation holds
 */
export function runCases(text: string, file: string, loadRules: (ref: string) => Result<RuleFile>): CaseOutcome[] {
  const read = readSource(text, file);
  if (!read.ok) return [{ name: file, ok: false, problems: [`${read.issue.code}: ${read.issue.message.en}`] }];
  const root = read.doc.root;
  const ref = str(member(root, 'rules'));
  const casesNode = member(root, 'cases');
  if (ref === undefined || casesNode?.type !== 'array') {
    return [{ name: file, ok: false, problems: ['a cases file needs "rules" (the rule file, relative to it) and "cases" (a list)'] }];
  }
  const rules = loadRules(ref);
  if (!rules.ok) return [{ name: file, ok: false, problems: rules.issues.map((i: Issue) => `${i.code} ${i.file}${i.at ? `:${i.at.line}:${i.at.column}` : ''} ${i.message.en}`) }];
  return casesNode.items.map((c, idx): CaseOutcome => {
    const name = str(member(c, 'name')) ?? `case ${idx + 1}`;
    const inputNode = member(c, 'input');
    if (!inputNode) return { name, ok: false, problems: ['missing "input"'] };
    const paramsNode = member(c, 'parameters');
    const parameters: Record<string, string> = {};
    if (paramsNode?.type === 'object') paramsNode.keys.forEach((k, i) => (parameters[k] = str(paramsNode.values[i]) ?? ''));
    const doc = { ...read.doc, root: inputNode, file: `${file}#/cases/${idx}/input` };
    const r = settleDoc(rules.value, doc, { parameters, trace: false }, sha256Hex(`${file}#${idx}`));
    const problems: string[] = [];
    const expectIssue = str(member(member(c, 'expectIssue'), 'code'));
    if (expectIssue !== undefined) {
      if (r.ok) problems.push(`expected issue ${expectIssue}, but the settlement succeeded`);
      else if (!r.issues.some((i) => i.code === expectIssue)) problems.push(`expected issue ${expectIssue}, got ${r.issues.map((i) => i.code).join(', ')}`);
      return { name, ok: problems.length === 0, problems, ...(r.ok ? {} : { issues: r.issues }) };
    }
    if (!r.ok) return { name, ok: false, problems: r.issues.map((i) => `${i.code} ${i.pointer} ${i.message.en}`), issues: r.issues };
    const expect = member(c, 'expect');
    if (expect?.type !== 'object' || expect.keys.length === 0) return { name, ok: false, problems: ['missing "expect" (name → value)'] };
    const figures: CaseFigure[] = [];
    expect.keys.forEach((k, i) => {
      const want = str(expect.values[i]) ?? '';
      const got = getOwn(r.value.settlement.values, k);
      figures.push({ name: k, expected: want, actual: got, ok: got === want });
      if (got === undefined) problems.push(`${k}: no such value`);
      else if (got !== want) problems.push(`${k}: expected ${want}, got ${got}  (${file} /cases/${idx}/expect/${escapePointerToken(k)})`);
    });
    const failedChecks = r.value.settlement.checks.filter((ch) => !ch.ok).map((ch) => `${ch.name} (expected ${ch.expected}, got ${ch.actual})`);
    for (const ch of failedChecks) problems.push(`check failed: ${ch}`);
    return { name, ok: problems.length === 0, problems, figures, failedChecks };
  });
}
