#!/usr/bin/env node
/**
 * The command line: `yibao-settle run|validate|explain|test|run-all`. The only module that
 * touches the file system and the process; everything else is pure.
 */
import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { escapeControls } from './issues/escape.js';
import { formatIssue, formatIssues } from './issues/format-issue.js';
import { makeIssue, type Issue } from './issues/issue.js';
import { formatReport } from './report/report-text.js';
import { runCases, type CaseOutcome } from './report/cases.js';
import { explain, formatExplanation } from './settle/explain.js';
import { readRuleFile, settle, settleWithDecisions } from './settle/settle.js';
import { simulate } from './settle/simulate.js';
import { settleBundle } from './settle/bundle.js';
import { groupDigits } from './report/report-text.js';
import type { CompiledRuleFile, RuleFile } from './settle/compile.js';
import { verifyDecisions } from './conditions/verify.js';
import { describeRules } from './report/describe.js';
import { formatDescription } from './report/describe-format.js';
import { decodeCsvBytes, type EncodingChoice, type TextEncodingName } from './settle/encoding.js';

const USAGE = `yibao-settle — 医共体医保基金结算 / medical-community fund settlement

usage:
  yibao-settle run <rule-file> <input-file> [--json] [--param name=value ...] [--table name=file.csv ...] [--encoding utf-8|gb18030|auto] [--verify-conditions]
  yibao-settle run <workspace.yibao.json> [--json]
  yibao-settle simulate <rule-file> <scenario-file> [--json]
  yibao-settle validate <rule-file>
  yibao-settle describe <rule-file> [--lang zh|en] [--format md|html]
  yibao-settle explain <rule-file> <input-file> <value-name>
  yibao-settle test <rules-dir | cases-file ...>
  yibao-settle run-all <rules-dir>
  yibao-settle serve [--port 8080] [--host 127.0.0.1] [--rules <folder>] ...   (serve --help; docs/service.md)

exit status: 0 success; 1 invalid rule file or input; 2 bad usage; 3 a check, a plausibility condition or a test failed`;

/** Writes text for people on stdout, every line with its control characters escaped. */
function say(text: string): void {
  process.stdout.write(text.split('\n').map(escapeControls).join('\n'));
}

class Exit {
  constructor(readonly code: number) {}
}

/** Prints issues (the first 100) on stderr and exits: 3 when plausibility refused the figures, else 1. */
function printIssues(issues: readonly Issue[]): never {
  for (const line of formatIssues(issues)) process.stderr.write(line + '\n');
  throw new Exit(issues.every((i) => i.code === 'plausibility_failed') ? 3 : 1);
}

const ENCODING_NAMES: Readonly<Record<TextEncodingName, string>> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE', gb18030: 'GB18030' };

/**
 * A file's text. Rule files are UTF-8; inputs and tables may be GB18030 or UTF-16 when
 * `--encoding gb18030` or `auto` says so, and a notice on stderr says how a file was read.
 */
function readText(path: string, encoding: EncodingChoice = 'utf-8'): string {
  let buf: Buffer;
  try {
    if (statSync(path).isDirectory()) printIssues([makeIssue('file_unreadable', path, '', { reason: 'is a directory' })]);
    buf = readFileSync(path);
  } catch (e) {
    if (e instanceof Exit) throw e;
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    return printIssues([makeIssue('file_unreadable', path, '', { reason })]);
  }
  const r = decodeCsvBytes(buf, { encoding, file: path });
  if (!r.ok) return printIssues(r.issues);
  if (r.value.encoding !== 'utf-8') process.stderr.write(escapeControls(`${path}: 按 ${ENCODING_NAMES[r.value.encoding]} 编码读取 / read as ${ENCODING_NAMES[r.value.encoding]}`) + '\n');
  return r.value.text;
}

/** The value of `--encoding`, taken out of the arguments (default utf-8). */
function parseEncoding(args: string[]): EncodingChoice {
  const i = args.indexOf('--encoding');
  if (i < 0) return 'utf-8';
  const v = args[i + 1] ?? '';
  if (v !== 'utf-8' && v !== 'gb18030' && v !== 'auto') usage(`--encoding needs utf-8, gb18030 or auto, got "${v}"`);
  args.splice(i, 2);
  return v;
}

function loadRules(path: string): RuleFile {
  const r = readRuleFile(readText(path), { file: path });
  if (!r.ok) printIssues(r.issues);
  return r.value;
}

function parseTables(args: string[], encoding: EncodingChoice): Record<string, { text: string; file: string }> {
  const out: Record<string, { text: string; file: string }> = Object.create(null) as Record<string, { text: string; file: string }>;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--table') {
      const kv = args[i + 1] ?? '';
      const eq = kv.indexOf('=');
      if (eq <= 0) usage(`--table needs name=file.csv, got "${kv}"`);
      const file = kv.slice(eq + 1);
      out[kv.slice(0, eq)] = { text: readText(file, encoding), file };
      args.splice(i, 2);
      i--;
    }
  }
  return out;
}

function parseParams(args: string[]): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--param') {
      const kv = args[i + 1] ?? '';
      const eq = kv.indexOf('=');
      if (eq <= 0) usage(`--param needs name=value, got "${kv}"`);
      out[kv.slice(0, eq)] = kv.slice(eq + 1);
      args.splice(i, 2);
      i--;
    }
  }
  return out;
}

/** Takes `--name value` (or `--name=value`) out of args; the value must be one of `allowed`. */
function takeOption<T extends string>(args: string[], name: string, allowed: readonly T[]): T | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a !== `--${name}` && !a.startsWith(`--${name}=`)) continue;
    const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : (args[i + 1] ?? '');
    args.splice(i, a.includes('=') ? 1 : 2);
    if (!(allowed as readonly string[]).includes(value)) usage(`--${name} must be ${allowed.join(' or ')}, got "${value}"`);
    return value as T;
  }
  return undefined;
}

function printHints(rules: RuleFile): void {
  for (const h of rules.hints) process.stderr.write(formatIssue(h) + '\n');
}

function usage(message?: string): never {
  if (message) process.stderr.write(`${message}\n\n`);
  process.stderr.write(USAGE + '\n');
  throw new Exit(2);
}

/** A workspace file: named `*.yibao.json`, or saying so in its `format` (a renamed one). */
function isBundle(path: string): boolean {
  return path.endsWith('.yibao.json') || /^\s*\{\s*"format"\s*:\s*"yibao-settle\/bundle-/.test(readText(path).slice(0, 200));
}

/**
 * `run workspace.yibao.json`: settles the bundle's rule file with its input after checking both
 * fingerprints, prints the report, and fails (exit 3) when a figure differs from the stored one.
 */
function runBundle(path: string, json: boolean, overrides: boolean): number {
  if (overrides) usage('a .yibao.json workspace file is settled as saved: --param and --table do not apply');
  const r = settleBundle(readText(path), path);
  if (!r.ok) printIssues(r.issues);
  const { rules, settlement, mismatches } = r.value;
  process.stdout.write(json ? JSON.stringify(settlement, null, 2) + '\n' : formatReport(rules, settlement) + '\n');
  for (const line of formatIssues(mismatches)) process.stderr.write(line + '\n');
  return mismatches.length === 0 && settlement.checks.every((c) => c.ok) ? 0 : 3;
}

async function main(argv: string[]): Promise<number> {
  // The service parses its own options and loads its HTTP stack only when asked for.
  if (argv[0] === 'serve') return (await import('./serve/command.js')).serveCommand(argv.slice(1));
  const args = [...argv];
  const flags = new Set<string>(args.filter((a) => a === '--json' || a === '--verify-conditions' || a === '--help' || a === '-h'));
  const params = parseParams(args);
  const encoding = parseEncoding(args);
  const tables = parseTables(args, encoding);
  const lang = takeOption(args, 'lang', ['zh', 'en'] as const);
  const format = takeOption(args, 'format', ['md', 'html'] as const);
  const pos = args.filter((a) => !flags.has(a));
  const [cmd, ...rest] = pos;
  if (flags.has('--help') || flags.has('-h') || cmd === undefined) usage();
  const unknownFlag = rest.find((a) => a.startsWith('--'));
  if (unknownFlag) usage(`unknown option ${unknownFlag}`);
  switch (cmd) {
    case 'run': {
      if (rest.length === 1 && isBundle(rest[0] as string)) return runBundle(rest[0] as string, flags.has('--json'), Object.keys(params).length + Object.keys(tables).length > 0);
      if (rest.length !== 2) usage('run needs <rule-file> <input-file>, or a .yibao.json workspace file');
      const [rulePath, inputPath] = rest as [string, string];
      const rules = loadRules(rulePath);
      const r = settleWithDecisions(rules, readText(inputPath, encoding), { file: inputPath, parameters: params, tables });
      if (!r.ok) printIssues(r.issues);
      const s = r.value.settlement;
      if (flags.has('--verify-conditions')) {
        const bad = await verifyDecisions(r.value.decisions);
        if (bad.length > 0) {
          process.stderr.write(`json-rules-engine disagrees on ${bad.length} decision(s): ${bad.map((b) => b.decision.name).join(', ')}\n`);
          return 3;
        }
      }
      process.stdout.write(flags.has('--json') ? JSON.stringify(s, null, 2) + '\n' : formatReport(rules, s) + '\n');
      return s.checks.every((c) => c.ok) ? 0 : 3;
    }
    case 'simulate': {
      if (rest.length !== 2) usage('simulate needs <rule-file> <scenario-file>');
      const [rulePath, scenarioPath] = rest as [string, string];
      const rules = loadRules(rulePath);
      const r = simulate(rules, readText(scenarioPath, encoding), { file: scenarioPath, parameters: params });
      if (!r.ok) printIssues(r.issues);
      const allOk = r.value.years.every((y) => y.settlement.checks.every((c) => c.ok));
      if (flags.has('--json')) {
        const doc = { rule: r.value.rule, years: r.value.years.map((y) => ({ year: y.year, label: y.label, carried: y.carried, values: y.settlement.values, ledger: y.settlement.ledger, accounts: y.settlement.accounts, checks: y.settlement.checks })) };
        process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
        return allOk ? 0 : 3;
      }
      const names = Object.keys(r.value.years[0]?.settlement.values ?? {});
      const w = Math.max(...names.map((n) => n.length), 6);
      const cols = r.value.years.map((y) => names.map((n) => groupDigits(y.settlement.values[n] ?? '')));
      const cw = cols.map((c, i) => Math.max(...c.map((x) => x.length), r.value.years[i]?.label.length ?? 0));
      say(`${rules.title.zh}\n${rules.title.en}\n\n`);
      say(`${''.padEnd(w)}  ${r.value.years.map((y, i) => y.label.padStart(cw[i] ?? 0)).join('  ')}\n`);
      names.forEach((n, k) => say(`${n.padEnd(w)}  ${cols.map((c, i) => (c[k] ?? '').padStart(cw[i] ?? 0)).join('  ')}\n`));
      for (const y of r.value.years) {
        const carried = Object.entries(y.carried).map(([k, v]) => `${k} = ${v}`).join(', ');
        say(`\n${y.label}: ${y.settlement.checks.every((c) => c.ok) ? '✓ all checks' : '✗ a check failed'}, ${y.settlement.ledger.length} transfer${y.settlement.ledger.length === 1 ? '' : 's'}${carried ? `; carried: ${carried}` : ''}\n`);
        for (const t of y.settlement.ledger) say(`  ${t.from} → ${t.to}  ${groupDigits(t.amount)}  ${t.value}\n`);
      }
      return allOk ? 0 : 3;
    }
    case 'validate': {
      if (rest.length !== 1) usage('validate needs <rule-file>');
      const rules = loadRules(rest[0] as string);
      say(`${rest[0]}: ok — ${rules.title.zh} / ${rules.title.en}; ${rules.inputs.length} inputs, ${rules.parameters.length} parameters, ${(rules as CompiledRuleFile).ops.length} steps\n`);
      printHints(rules);
      return 0;
    }
    case 'describe': {
      if (rest.length !== 1) usage('describe needs <rule-file>');
      const rules = loadRules(rest[0] as string);
      say(formatDescription(describeRules(rules), { lang: lang ?? 'zh', format: format ?? 'md', file: rest[0] as string }));
      printHints(rules);
      return 0;
    }
    case 'explain': {
      if (rest.length !== 3) usage('explain needs <rule-file> <input-file> <value-name>');
      const [rulePath, inputPath, name] = rest as [string, string, string];
      const rules = loadRules(rulePath);
      const r = settle(rules, readText(inputPath, encoding), { file: inputPath, parameters: params, tables });
      if (!r.ok) printIssues(r.issues);
      const e = explain(r.value, name);
      if (!e) {
        const names = Object.keys(r.value.values);
        const listed = names.length > 50 ? `${names.slice(0, 50).join(', ')} … (${names.length - 50} more)` : names.join(', ');
        process.stderr.write(escapeControls(`${name}: no such value / 没有这个值; values are: ${listed}`) + '\n');
        return 1;
      }
      process.stdout.write(formatExplanation(e, rulePath) + '\n');
      return 0;
    }
    case 'test': {
      if (rest.length === 0) usage('test needs a rules directory or cases files');
      const files = rest.flatMap((p) => (statSync(p, { throwIfNoEntry: false })?.isDirectory() ? readdirSync(p).filter((f) => f.endsWith('.cases.json')).sort().map((f) => join(p, f)) : [p]));
      if (files.length === 0) usage(`no *.cases.json files in ${rest.join(' ')}`);
      let passed = 0;
      let failed = 0;
      for (const f of files) {
        const outcomes: CaseOutcome[] = runCases(readText(f), f, (ruleRef) => {
          const path = resolve(dirname(f), ruleRef);
          return readRuleFile(readText(path), { file: path.startsWith(process.cwd()) ? path.slice(process.cwd().length + 1) : path });
        });
        for (const o of outcomes) {
          if (o.ok) passed++;
          else failed++;
          say(`${o.ok ? '✓' : '✗'} ${basename(f)} › ${o.name}${o.ok ? '' : '\n    ' + o.problems.join('\n    ')}\n`);
        }
      }
      say(`\n${passed} passed, ${failed} failed\n`);
      return failed === 0 ? 0 : 3;
    }
    case 'run-all': {
      if (rest.length !== 1) usage('run-all needs a rules directory');
      const dir = rest[0] as string;
      const stat = statSync(dir, { throwIfNoEntry: false });
      if (!stat?.isDirectory()) printIssues([makeIssue('file_unreadable', dir, '', { reason: stat ? 'not a directory: run-all needs the rules directory' : 'no such file or directory' })]);
      const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.cases.json')).sort();
      let bad = 0;
      for (const f of files) {
        const id = f.replace(/\.json$/, '');
        const inputPath = join(dir, 'examples', `${id}.input.json`);
        const rules = loadRules(join(dir, f));
        const r = settle(rules, readText(inputPath), { file: inputPath });
        say(`\n━━ ${join(dir, f)} + ${inputPath}\n`);
        if (!r.ok) {
          bad++;
          for (const line of formatIssues(r.issues)) process.stdout.write(line + '\n');
          continue;
        }
        process.stdout.write(formatReport(rules, r.value) + '\n');
        if (!r.value.checks.every((c) => c.ok)) bad++;
      }
      return bad === 0 ? 0 : 3;
    }
    default:
      return usage(`unknown command "${cmd}"`);
  }
}

/** Reports that the output cannot be written, on one coded line, and ends with status 1. */
function writeFailed(reason: string): never {
  try {
    process.stderr.write(formatIssue(makeIssue('write_failed', 'stdout', '', { reason })) + '\n');
  } catch {
    // stderr is gone too: the exit status is all that is left to say it.
  }
  process.exit(1);
}

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  // A reader that stops early (| head -1) has all it wanted: end quietly.
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  writeFailed(e.code === 'ENOSPC' ? 'no space left on the device (ENOSPC)' : `${e.code ?? ''} ${e.message}`.trim());
});
process.stderr.on('error', () => {
  // Nowhere left to report to; the exit status still tells.
});

/**
 * Node gives a process started with stdout closed (`>&-`) /dev/null in its place, opened for
 * reading and writing; a shell's `> /dev/null` opens it for writing only. Results written there
 * would vanish with status 0, so a closed stdout is refused up front (Linux, where /proc says).
 */
function stdoutWasClosed(): boolean {
  try {
    if (readlinkSync('/proc/self/fd/1') !== '/dev/null') return false;
    const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync('/proc/self/fdinfo/1', 'utf8'))?.[1];
    return flags !== undefined && (parseInt(flags, 8) & 3) === 2;
  } catch {
    return false;
  }
}

if (stdoutWasClosed()) writeFailed('standard output is closed');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof Exit) {
      process.exitCode = e.code;
      return;
    }
    process.stderr.write(formatIssue(makeIssue('internal_error', 'yibao-settle', '', { detail: e instanceof Error ? e.message : String(e) })) + '\n');
    process.exitCode = 70;
  },
);
