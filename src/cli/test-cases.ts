/**
 * The commands that go through many files: `test` (cases files) and `run-all` (every rule file
 * of a folder with its example), with a progress line on a terminal.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { formatIssues } from '../issues/format-issue.js';
import { makeIssue } from '../issues/issue.js';
import { runCases, type CaseOutcome } from '../report/cases.js';
import { formatReport } from '../report/report-text.js';
import { readRuleFile, settle } from '../settle/settle.js';
import { EXIT, printIssues, readText, say, type Output } from './io.js';
import { ProgressMeter, progressWanted } from './progress.js';
import { loadRules } from './run.js';
import { commandHelp, usageError } from './help.js';
import { COMMANDS, usageIssue, type Parsed } from './spec.js';

const FILES = { zh: '个文件', en: 'files' };

export function testCommand(p: Parsed, out: Output): number {
  const files = p.positionals.flatMap((x) => (statSync(x, { throwIfNoEntry: false })?.isDirectory() ? readdirSync(x).filter((f) => f.endsWith('.cases.json')).sort().map((f) => join(x, f)) : [x]));
  if (files.length === 0) usageError(usageIssue('arguments', { option: 'test', expected: 'a folder with *.cases.json files, or cases files', received: p.positionals.join(' ') }), commandHelp(COMMANDS.test), out.json);
  const meter = new ProgressMeter(progressWanted(p.values['quiet'] === true), FILES, files.length);
  let passed = 0;
  let failed = 0;
  files.forEach((f, k) => {
    const outcomes: CaseOutcome[] = runCases(readText(f, out), f, (ruleRef) => {
      const path = resolve(dirname(f), ruleRef);
      return readRuleFile(readText(path, out), { file: path.startsWith(process.cwd()) ? path.slice(process.cwd().length + 1) : path });
    });
    meter.end();
    for (const o of outcomes) {
      if (o.ok) passed++;
      else failed++;
      say(`${o.ok ? '✓' : '✗'} ${basename(f)} › ${o.name}${o.ok ? '' : '\n    ' + o.problems.join('\n    ')}\n`, out);
    }
    meter.update(k + 1);
  });
  meter.end();
  say(`\n${passed} passed, ${failed} failed\n`, out);
  return failed === 0 ? EXIT.ok : EXIT.checks;
}

export function runAllCommand(p: Parsed, out: Output): number {
  const dir = p.positionals[0] as string;
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) printIssues([makeIssue('file_unreadable', dir, '', { reason: stat ? 'not a directory: run-all needs the rules directory' : 'no such file or directory' })], out);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.cases.json')).sort();
  const meter = new ProgressMeter(progressWanted(p.values['quiet'] === true), FILES, files.length);
  let bad = 0;
  files.forEach((f, k) => {
    const id = f.replace(/\.json$/, '');
    const inputPath = join(dir, 'examples', `${id}.input.json`);
    const rules = loadRules(join(dir, f), out);
    const r = settle(rules, readText(inputPath, out), { file: inputPath });
    meter.end();
    say(`\n━━ ${join(dir, f)} + ${inputPath}\n`, out);
    if (!r.ok) {
      bad++;
      for (const line of formatIssues(r.issues)) process.stdout.write(line + '\n');
    } else {
      say(formatReport(rules, r.value) + '\n', out);
      if (!r.value.checks.every((c) => c.ok)) bad++;
    }
    meter.update(k + 1);
  });
  meter.end();
  return bad === 0 ? EXIT.ok : EXIT.checks;
}
