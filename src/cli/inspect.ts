/**
 * The commands that look at a rule rather than settle a year: `validate`, `describe`, `explain`,
 * and `simulate` (several years).
 */
import { escapeControls } from '../issues/escape.js';
import { formatIssue } from '../issues/format-issue.js';
import { formatDescription } from '../report/describe-format.js';
import { describeRules } from '../report/describe.js';
import { formatReadableExplanation } from '../report/readable-trace.js';
import { groupDigits } from '../report/report-text.js';
import type { EncodingChoice } from '../settle/encoding.js';
import { explain, formatExplanation } from '../settle/explain.js';
import type { CompiledRuleFile, RuleFile } from '../settle/model.js';
import { settle } from '../settle/settle.js';
import { simulate } from '../settle/simulate.js';
import { EXIT, fileName, loadRules, printIssues, readText, say, type Output } from './io.js';
import { paramsOf, tablesOf } from './run.js';
import type { Parsed } from './spec.js';

function printHints(rules: RuleFile): void {
  for (const h of rules.hints) process.stderr.write(formatIssue(h) + '\n');
}

export function validateCommand(p: Parsed, out: Output): number {
  const path = p.positionals[0] as string;
  const rules = loadRules(path, out);
  if (out.json) {
    const doc = { ok: true, file: fileName(path), id: rules.id, title: rules.title, fingerprint: rules.fingerprint, inputs: rules.inputs.length, parameters: rules.parameters.length, steps: (rules as CompiledRuleFile).ops.length, hints: rules.hints };
    process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
    return EXIT.ok;
  }
  say(`${fileName(path)}: ok — ${rules.title.zh} / ${rules.title.en}; ${rules.inputs.length} inputs, ${rules.parameters.length} parameters, ${(rules as CompiledRuleFile).ops.length} steps\n`, out);
  printHints(rules);
  return EXIT.ok;
}

export function describeCommand(p: Parsed, out: Output): number {
  const path = p.positionals[0] as string;
  const rules = loadRules(path, out);
  const lang = p.values['lang'] === 'en' ? 'en' : 'zh';
  const format = p.values['format'] === 'html' ? 'html' : 'md';
  say(formatDescription(describeRules(rules), { lang, format, file: fileName(path) }), out);
  printHints(rules);
  return EXIT.ok;
}

export function explainCommand(p: Parsed, out: Output): number {
  const [rulePath, inputPath, name] = p.positionals as [string, string, string];
  const encoding = (p.values['encoding'] as EncodingChoice | undefined) ?? 'utf-8';
  const rules = loadRules(rulePath, out);
  const r = settle(rules, readText(inputPath, out, encoding), { file: fileName(inputPath), parameters: paramsOf(p.values['param'] as readonly string[] | undefined, out, 'explain'), tables: tablesOf(p.values['table'] as readonly string[] | undefined, out, encoding, 'explain') });
  if (!r.ok) printIssues(r.issues, out);
  const e = explain(r.value, name);
  if (!e) {
    const names = Object.keys(r.value.values);
    const listed = names.length > 50 ? `${names.slice(0, 50).join(', ')} … (${names.length - 50} more)` : names.join(', ');
    process.stderr.write(escapeControls(`${name}: no such value / 没有这个值; values are: ${listed}`) + '\n');
    return EXIT.issues;
  }
  const lang = p.values['lang'] === 'en' ? 'en' : 'zh';
  const text = p.values['format'] === 'tree' ? formatExplanation(e, fileName(rulePath)) : formatReadableExplanation(rules, r.value, e, lang, fileName(rulePath));
  process.stdout.write(out.json ? JSON.stringify(e, null, 2) + '\n' : text + '\n');
  return EXIT.ok;
}

export function simulateCommand(p: Parsed, out: Output): number {
  const [rulePath, scenarioPath] = p.positionals as [string, string];
  const encoding = (p.values['encoding'] as EncodingChoice | undefined) ?? 'utf-8';
  const rules = loadRules(rulePath, out);
  const r = simulate(rules, readText(scenarioPath, out, encoding), { file: fileName(scenarioPath), parameters: paramsOf(p.values['param'] as readonly string[] | undefined, out, 'simulate') });
  if (!r.ok) printIssues(r.issues, out);
  const years = r.value.years;
  const allOk = years.every((y) => y.settlement.checks.every((c) => c.ok));
  if (out.json) {
    const doc = { rule: r.value.rule, years: years.map((y) => ({ year: y.year, label: y.label, carried: y.carried, values: y.settlement.values, ledger: y.settlement.ledger, accounts: y.settlement.accounts, checks: y.settlement.checks })) };
    process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
    return allOk ? EXIT.ok : EXIT.checks;
  }
  const names = Object.keys(years[0]?.settlement.values ?? {});
  const w = Math.max(...names.map((n) => n.length), 6);
  const cols = years.map((y) => names.map((n) => groupDigits(y.settlement.values[n] ?? '')));
  const cw = cols.map((c, i) => Math.max(...c.map((x) => x.length), years[i]?.label.length ?? 0));
  say(`${rules.title.zh}\n${rules.title.en}\n\n`, out);
  say(`${''.padEnd(w)}  ${years.map((y, i) => y.label.padStart(cw[i] ?? 0)).join('  ')}\n`, out);
  names.forEach((n, k) => say(`${n.padEnd(w)}  ${cols.map((c, i) => (c[k] ?? '').padStart(cw[i] ?? 0)).join('  ')}\n`, out));
  for (const y of years) {
    const carried = Object.entries(y.carried).map(([k, v]) => `${k} = ${v}`).join(', ');
    say(`\n${y.label}: ${y.settlement.checks.every((c) => c.ok) ? '✓ all checks' : '✗ a check failed'}, ${y.settlement.ledger.length} transfer${y.settlement.ledger.length === 1 ? '' : 's'}${carried ? `; carried: ${carried}` : ''}\n`, out);
    for (const t of y.settlement.ledger) say(`  ${t.from} → ${t.to}  ${groupDigits(t.amount)}  ${t.value}\n`, out);
  }
  return allOk ? EXIT.ok : EXIT.checks;
}
