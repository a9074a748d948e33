/**
 * `yibao-settle run`: settle an input (a file, or standard input as `-`) under a rule file, or a
 * saved workspace; print the report, JSON or CSV; a case list may come as a stream.
 */
import { createReadStream, statSync } from 'node:fs';
import { verifyDecisions } from '../conditions/verify.js';
import { formatIssues } from '../issues/format-issue.js';
import { formatReport } from '../report/report-text.js';
import { settleBundle } from '../settle/bundle.js';
import type { RuleFile } from '../settle/model.js';
import { settle, settleWithDecisions, type SettlementWithDecisions } from '../settle/settle.js';
import { settleStream, type StreamFormat } from '../settle/stream.js';
import type { EncodingChoice } from '../settle/encoding.js';
import type { Result } from '../issues/issue.js';
import type { Settlement } from '../settle/types.js';
import { EXIT, Exit, fileName, printIssues, readText, say, type Output } from './io.js';
import { ProgressMeter, progressWanted } from './progress.js';
import { rowsCsv, valuesCsv } from './result-csv.js';
import { commandHelp, usageError } from './help.js';
import { dateOf, ruleInForce } from './in-force.js';
import { COMMANDS, pairs, usageIssue, type CommandName, type Parsed } from './spec.js';

/** `--table name=file.csv` (repeatable) read into the settle option. */
export function tablesOf(list: readonly string[] | undefined, out: Output, encoding: EncodingChoice, command: CommandName): Record<string, { text: string; file: string }> {
  const p = pairs('table', list);
  if (!p.ok) usageError(p.issue, commandHelp(COMMANDS[command]), out.json);
  const tables: Record<string, { text: string; file: string }> = Object.create(null) as Record<string, { text: string; file: string }>;
  for (const [name, file] of Object.entries(p.value)) tables[name] = { text: readText(file, out, encoding), file: fileName(file) };
  return tables;
}

/** `--param name=value` (repeatable). */
export function paramsOf(list: readonly string[] | undefined, out: Output, command: CommandName): Record<string, string> {
  const p = pairs('param', list);
  if (!p.ok) usageError(p.issue, commandHelp(COMMANDS[command]), out.json);
  return p.value;
}

/** A workspace file: named `*.yibao.json`, or saying so in its `format` (a renamed one). */
function isBundle(path: string, out: Output): boolean {
  return path.endsWith('.yibao.json') || (path !== '-' && /^\s*\{\s*"format"\s*:\s*"yibao-settle\/bundle-/.test(readText(path, out).slice(0, 200)));
}

function printSettlement(rules: RuleFile, s: Settlement, v: Parsed['values'], out: Output): void {
  const format = typeof v['format'] === 'string' ? v['format'] : v['json'] ? 'json' : 'text';
  const lang = v['lang'] === 'en' ? 'en' : 'zh';
  const rows = (v['rows'] as readonly string[] | undefined) ?? [];
  if (format === 'json') process.stdout.write(JSON.stringify(s, null, 2) + '\n');
  else if (format === 'csv') process.stdout.write(rows.length > 0 ? rows.map((t) => rowsCsv(s, t)).join('\r\n') : valuesCsv(rules, s, lang));
  else say(formatReport(rules, s) + '\n', out);
}

/** `run <workspace.yibao.json>`: settled as saved; a figure that differs from the stored one fails (exit 3). */
function runBundle(path: string, v: Parsed['values'], out: Output): number {
  if (v['param'] || v['table'] || v['stream']) usageError(usageIssue('unknown_option', { option: '--param / --table / --stream', expected: 'none for a .yibao.json workspace file, settled as saved' }), commandHelp(COMMANDS.run), out.json);
  const r = settleBundle(readText(path, out), fileName(path));
  if (!r.ok) printIssues(r.issues, out);
  const { rules, settlement, mismatches } = r.value;
  printSettlement(rules, settlement, v, out);
  for (const line of formatIssues(mismatches)) process.stderr.write(line + '\n');
  return mismatches.length === 0 && settlement.checks.every((c) => c.ok) ? EXIT.ok : EXIT.checks;
}

/** `--stream name=file`: the table read a chunk at a time, with a progress line on a terminal. */
async function runStream(rules: RuleFile, rulePath: string, input: string, inputPath: string, spec: string, v: Parsed['values'], out: Output, options: Parameters<typeof settleWithDecisions>[2]): Promise<Result<SettlementWithDecisions>> {
  const eq = spec.indexOf('=');
  if (eq <= 0) usageError(usageIssue('option_value', { option: '--stream', expected: 'name=file', received: spec }), commandHelp(COMMANDS.run), out.json);
  const table = spec.slice(0, eq);
  const path = spec.slice(eq + 1);
  const format: StreamFormat = /\.(nd)?jsonl?$/i.test(path) || /\.ndjson$/i.test(path) ? 'ndjson' : 'csv';
  let size: number | undefined;
  try {
    size = path === '-' ? undefined : statSync(path).size;
  } catch {
    printIssues([usageIssue('option_value', { option: '--stream', expected: 'a readable file', received: path })], out);
  }
  const source = path === '-' ? process.stdin : createReadStream(path);
  const meter = new ProgressMeter(progressWanted(v['quiet'] === true), { zh: '字节', en: 'bytes' }, size);
  let bytes = 0;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const piece of source as AsyncIterable<Uint8Array>) {
      bytes += piece.length;
      meter.update(bytes);
      yield piece;
    }
  }
  const streamed = { table, source: counted(), format, file: fileName(path) };
  const how = { ...options, file: fileName(inputPath) };
  const threads = threadsOf(v['threads'], out);
  // Threads pay off on long lists (1.5× on two cores for five million cases); the batch module loads only then.
  const r = threads === 1 ? await settleStream(rules, input, streamed, how) : await (await import('../batch/stream.js')).settleStreamOnThreads({ text: readText(rulePath, out), file: fileName(rulePath) }, input, streamed, { ...how, threads });
  meter.end();
  return r;
}

/** The run command. */
export async function runCommand(p: Parsed, out: Output): Promise<number> {
  const v = p.values;
  const [rulePath, inputPath] = p.positionals as [string, string | undefined];
  if (inputPath === undefined) {
    if (!isBundle(rulePath, out)) usageError(usageIssue('arguments', { option: 'run <rule-file> <input-file>', expected: 'a rule file and an input file, or a .yibao.json workspace file', received: rulePath }), commandHelp(COMMANDS.run), out.json);
    return runBundle(rulePath, v, out);
  }
  const encoding = (v['encoding'] as EncodingChoice | undefined) ?? 'utf-8';
  const { rules, path: rulesFile } = ruleInForce(rulePath, dateOf(v['date'], out, 'run'), out);
  const input = readText(inputPath, out, encoding);
  const rows = v['rows'] as readonly string[] | undefined;
  const options = { file: fileName(inputPath), parameters: paramsOf(v['param'] as readonly string[] | undefined, out, 'run'), tables: tablesOf(v['table'] as readonly string[] | undefined, out, encoding, 'run'), ...(rows ? { rows } : {}) };
  if (v['threads'] !== undefined && typeof v['stream'] !== 'string') usageError(usageIssue('option_value', { option: '--threads', expected: 'a case list given with --stream', received: String(v['threads']) }), commandHelp(COMMANDS.run), out.json);
  // Each row's choice of a decision over rows is kept only when it is to be re-checked: a
  // million cases would otherwise keep a million records nobody reads.
  const settleOnce = (): Result<SettlementWithDecisions> => {
    if (v['verify-conditions']) return settleWithDecisions(rules, input, options);
    const plain = settle(rules, input, options);
    return plain.ok ? { ok: true, value: { settlement: plain.value, decisions: [] } } : plain;
  };
  const r = typeof v['stream'] === 'string' ? await runStream(rules, rulesFile, input, inputPath, v['stream'], v, out, options) : settleOnce();
  if (!r.ok) printIssues(r.issues, out);
  const s = r.value.settlement;
  if (v['verify-conditions']) {
    const bad = await verifyDecisions(r.value.decisions);
    if (bad.length > 0) {
      process.stderr.write(`json-rules-engine disagrees on ${bad.length} decision(s): ${bad.map((b) => b.decision.name).join(', ')}\n`);
      throw new Exit(EXIT.checks);
    }
  }
  printSettlement(rules, s, v, out);
  return s.checks.every((c) => c.ok) ? EXIT.ok : EXIT.checks;
}

/** `--threads n`: a whole number from 1 to 64 (default 1). */
export function threadsOf(value: unknown, out: Output, command: CommandName = 'run'): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) usageError(usageIssue('option_value', { option: '--threads', expected: 'a whole number from 1 to 64', received: String(value) }), commandHelp(COMMANDS[command]), out.json);
  return n;
}
