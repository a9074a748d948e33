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
import type { Result } from '../issues/issue.js';
import type { Settlement } from '../settle/types.js';
import { EXIT, loadRules, printIssues, readText, say, type Output } from './io.js';
import { ProgressMeter, progressWanted } from './progress.js';
import { threadsOf } from './run.js';
import { dateOf, inForceOn } from './in-force.js';
import { commandHelp, usageError } from './help.js';
import { COMMANDS, usageIssue, type Parsed } from './spec.js';

const FILES = { zh: '个文件', en: 'files' };

export function testCommand(p: Parsed, out: Output): number {
  const files = p.positionals.flatMap((x) => (statSync(x, { throwIfNoEntry: false })?.isDirectory() ? readdirSync(x).filter((f) => f.endsWith('.cases.json')).sort().map((f) => join(x, f)) : [x]));
  if (files.length === 0) usageError(usageIssue('arguments', { option: 'test', expected: 'a folder with *.cases.json files, or cases files', received: p.positionals.join(' ') }), commandHelp(COMMANDS.test), out.json);
  const meter = new ProgressMeter(progressWanted(p.values['quiet'] === true), FILES, files.length);
  let passed = 0;
  let failed = 0;
  const date = dateOf(p.values['date'], out, 'test');
  files.forEach((f, k) => {
    const casesText = readText(f, out);
    const ruleRef = date === undefined ? undefined : rulesOfCases(casesText);
    if (ruleRef !== undefined && !inForceOn(loadRules(resolve(dirname(f), ruleRef), out), date)) {
      say(`- ${basename(f)}: not in force on ${date ?? ''} / ${date ?? ''} 不施行\n`, out);
      meter.update(k + 1);
      return;
    }
    const outcomes: CaseOutcome[] = runCases(casesText, f, (ruleRef) => {
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

/**
 * run-all: each rule file of the folder with its example, the reports in file order. With
 * `--threads n` the settlements run on worker threads (yibao-settle/batch, loaded only then); by
 * default in this thread, as a dozen presets settle in less time than threads take to start.
 */
export async function runAllCommand(p: Parsed, out: Output): Promise<number> {
  const dir = p.positionals[0] as string;
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) printIssues([makeIssue('file_unreadable', dir, '', { reason: stat ? 'not a directory: run-all needs the rules directory' : 'no such file or directory' })], out);
  const threads = threadsOf(p.values['threads'], out, 'run-all');
  const date = dateOf(p.values['date'], out, 'run-all');
  const all = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.cases.json')).sort();
  const loaded = all.map((f) => ({ f, rules: loadRules(join(dir, f), out) }));
  // With --date, the files not in force that day are left out, and said so.
  for (const { f, rules } of loaded) if (!inForceOn(rules, date)) say(`${f}: not in force on ${date ?? ''} / ${date ?? ''} 不施行\n`, out);
  const files = loaded.filter(({ rules }) => inForceOn(rules, date)).map(({ f }) => f);
  const jobs = files.map((f) => {
    const path = join(dir, f);
    const inputPath = join(dir, 'examples', `${f.replace(/\.json$/, '')}.input.json`);
    const text = readText(path, out);
    const input = readText(inputPath, out);
    return { path, inputPath, text, input, rules: loadRules(path, out) };
  });
  const meter = new ProgressMeter(progressWanted(p.values['quiet'] === true), FILES, files.length);
  let results: readonly Result<Settlement>[];
  if (threads === 1) {
    results = jobs.map((j, k) => {
      const r = settle(j.rules, j.input, { file: j.inputPath });
      meter.update(k + 1);
      return r;
    });
  } else {
    const { settleGroups } = await import('../batch/batch.js');
    const groups = jobs.map((j) => ({ rule: { text: j.text, file: j.path }, jobs: [{ input: j.input, file: j.inputPath }] }));
    const settled = await settleGroups(groups, { threads, trace: true, whole: true, chunkSize: 1, onProgress: (done) => meter.update(done) });
    if (!settled.ok) return printIssues(settled.issues, out);
    results = settled.value.map((g) => {
      const r = g[0];
      return r?.ok && r.value.settlement ? { ok: true as const, value: r.value.settlement } : (r as Result<Settlement>);
    });
  }
  meter.end();
  let bad = 0;
  jobs.forEach((j, k) => {
    const r = results[k] as Result<Settlement>;
    say(`\n━━ ${j.path} + ${j.inputPath}\n`, out);
    if (!r.ok) {
      bad++;
      for (const line of formatIssues(r.issues)) process.stdout.write(line + '\n');
      return;
    }
    say(formatReport(j.rules, r.value) + '\n', out);
    if (!r.value.checks.every((c) => c.ok)) bad++;
  });
  return bad === 0 ? EXIT.ok : EXIT.checks;
}

/** The rule file a cases file names (its `rules` member), when it can be read. */
function rulesOfCases(text: string): string | undefined {
  try {
    const doc: unknown = JSON.parse(text);
    return doc !== null && typeof doc === 'object' && 'rules' in doc && typeof doc.rules === 'string' ? doc.rules : undefined;
  } catch {
    return undefined;
  }
}
