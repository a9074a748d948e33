#!/usr/bin/env node
/**
 * The command line: `yibao-settle run|validate|explain|test|run-all`. The only module that
 * touches the file system and the process; everything else is pure.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { formatIssue } from './issues/format-issue.js';
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

const USAGE = `yibao-settle — 医共体医保基金结算 / medical-community fund settlement

usage:
  yibao-settle run <rule-file> <input-file> [--json] [--param name=value ...] [--table name=file.csv ...] [--verify-conditions]
  yibao-settle run <workspace.yibao.json> [--json]
  yibao-settle simulate <rule-file> <scenario-file> [--json]
  yibao-settle validate <rule-file>
  yibao-settle explain <rule-file> <input-file> <value-name>
  yibao-settle test <rules-dir | cases-file ...>
  yibao-settle run-all <rules-dir>
  yibao-settle serve [--port 8080] [--host 127.0.0.1] [--rules <folder>] ...   (serve --help; docs/service.md)

exit status: 0 success; 1 invalid rule file or input; 2 bad usage; 3 a check or test failed`;

class Exit {
  constructor(readonly code: number) {}
}

function printIssues(issues: readonly Issue[]): never {
  for (const i of issues) process.stderr.write(formatIssue(i) + '\n');
  throw new Exit(1);
}

function readText(path: string): string {
  let buf: Buffer;
  try {
    if (statSync(path).isDirectory()) printIssues([makeIssue('file_unreadable', path, '', { reason: 'is a directory' })]);
    buf = readFileSync(path);
  } catch (e) {
    if (e instanceof Exit) throw e;
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    return printIssues([makeIssue('file_unreadable', path, '', { reason })]);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return printIssues([makeIssue('file_not_text', path, '')]);
  }
}

function loadRules(path: string): RuleFile {
  const r = readRuleFile(readText(path), { file: path });
  if (!r.ok) printIssues(r.issues);
  return r.value;
}

function parseTables(args: string[]): Record<string, { text: string; file: string }> {
  const out: Record<string, { text: string; file: string }> = Object.create(null) as Record<string, { text: string; file: string }>;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--table') {
      const kv = args[i + 1] ?? '';
      const eq = kv.indexOf('=');
      if (eq <= 0) usage(`--table needs name=file.csv, got "${kv}"`);
      const file = kv.slice(eq + 1);
      out[kv.slice(0, eq)] = { text: readText(file), file };
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

function usage(message?: string): never {
  if (message) process.stderr.write(`${message}\n\n`);
  process.stderr.write(USAGE + '\n');
  throw new Exit(2);
}

/**
 * `run workspace.yibao.json`: settles the bundle's rule file with its input after checking both
 * fingerprints, prints the report, and fails (exit 3) when a figure differs from the stored one.
 */
/** A workspace file: named `*.yibao.json`, or saying so in its `format` (a renamed one). */
function isBundle(path: string): boolean {
  return path.endsWith('.yibao.json') || /^\s*\{\s*"format"\s*:\s*"yibao-settle\/bundle-/.test(readText(path).slice(0, 200));
}

function runBundle(path: string, json: boolean, overrides: boolean): number {
  if (overrides) usage('a .yibao.json workspace file is settled as saved: --param and --table do not apply');
  const r = settleBundle(readText(path), path);
  if (!r.ok) printIssues(r.issues);
  const { rules, settlement, mismatches } = r.value;
  process.stdout.write(json ? JSON.stringify(settlement, null, 2) + '\n' : formatReport(rules, settlement) + '\n');
  for (const i of mismatches) process.stderr.write(formatIssue(i) + '\n');
  return mismatches.length === 0 && settlement.checks.every((c) => c.ok) ? 0 : 3;
}

async function main(argv: string[]): Promise<number> {
  // The service parses its own options and loads its HTTP stack only when asked for.
  if (argv[0] === 'serve') return (await import('./serve/command.js')).serveCommand(argv.slice(1));
  const args = [...argv];
  const flags = new Set<string>(args.filter((a) => a === '--json' || a === '--verify-conditions' || a === '--help' || a === '-h'));
  const params = parseParams(args);
  const tables = parseTables(args);
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
      const r = settleWithDecisions(rules, readText(inputPath), { file: inputPath, parameters: params, tables });
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
      const r = simulate(rules, readText(scenarioPath), { file: scenarioPath, parameters: params });
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
      process.stdout.write(`${rules.title.zh}\n${rules.title.en}\n\n`);
      process.stdout.write(`${''.padEnd(w)}  ${r.value.years.map((y, i) => y.label.padStart(cw[i] ?? 0)).join('  ')}\n`);
      names.forEach((n, k) => process.stdout.write(`${n.padEnd(w)}  ${cols.map((c, i) => (c[k] ?? '').padStart(cw[i] ?? 0)).join('  ')}\n`));
      for (const y of r.value.years) {
        const carried = Object.entries(y.carried).map(([k, v]) => `${k} = ${v}`).join(', ');
        process.stdout.write(`\n${y.label}: ${y.settlement.checks.every((c) => c.ok) ? '✓ all checks' : '✗ a check failed'}, ${y.settlement.ledger.length} transfer${y.settlement.ledger.length === 1 ? '' : 's'}${carried ? `; carried: ${carried}` : ''}\n`);
        for (const t of y.settlement.ledger) process.stdout.write(`  ${t.from} → ${t.to}  ${groupDigits(t.amount)}  ${t.value}\n`);
      }
      return allOk ? 0 : 3;
    }
    case 'validate': {
      if (rest.length !== 1) usage('validate needs <rule-file>');
      const rules = loadRules(rest[0] as string);
      process.stdout.write(`${rest[0]}: ok — ${rules.title.zh} / ${rules.title.en}; ${rules.inputs.length} inputs, ${rules.parameters.length} parameters, ${(rules as CompiledRuleFile).ops.length} steps\n`);
      return 0;
    }
    case 'explain': {
      if (rest.length !== 3) usage('explain needs <rule-file> <input-file> <value-name>');
      const [rulePath, inputPath, name] = rest as [string, string, string];
      const rules = loadRules(rulePath);
      const r = settle(rules, readText(inputPath), { file: inputPath, parameters: params, tables });
      if (!r.ok) printIssues(r.issues);
      const e = explain(r.value, name);
      if (!e) {
        const names = Object.keys(r.value.values);
        process.stderr.write(`${name}: no such value; values are: ${names.join(', ')}\n`);
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
          process.stdout.write(`${o.ok ? '✓' : '✗'} ${basename(f)} › ${o.name}${o.ok ? '' : '\n    ' + o.problems.join('\n    ')}\n`);
        }
      }
      process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
      return failed === 0 ? 0 : 3;
    }
    case 'run-all': {
      if (rest.length !== 1) usage('run-all needs a rules directory');
      const dir = rest[0] as string;
      const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.cases.json')).sort();
      let bad = 0;
      for (const f of files) {
        const id = f.replace(/\.json$/, '');
        const inputPath = join(dir, 'examples', `${id}.input.json`);
        const rules = loadRules(join(dir, f));
        const r = settle(rules, readText(inputPath), { file: inputPath });
        process.stdout.write(`\n━━ ${join(dir, f)} + ${inputPath}\n`);
        if (!r.ok) {
          bad++;
          for (const i of r.issues) process.stdout.write(formatIssue(i) + '\n');
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

// A reader that stops early (| head) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

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
