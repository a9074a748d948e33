/**
 * The five operations, on the library's public API only: a request read and checked, the
 * library called, its result or issues sent back unchanged as JSON text. Runs in a worker.
 */
import { explain, formatExplanation, readRuleFile, runCases, settle, simulate, type Issue, type Result, type RuleFile, type Settlement } from '../index.js';
import { ruleInfo } from './rule-info.js';
import { clip, issuesDocument, serviceIssue } from './issues.js';
import { readRequest, type RulesChoice, type ServiceRequest } from './request.js';
import type { CatalogEntry, Operation, TaskResult } from './task.js';

/** The catalog's rule files, read once per thread on first use. */
const fromCatalog = new Map<string, Result<RuleFile>>();
/** Rule files sent in requests, by name and text; the least recently used is dropped first. */
const fromRequests = new Map<string, Result<RuleFile>>();
const MAX_FROM_REQUESTS = 32;
/** Larger texts are not kept: 32 of them must not hold a thread's memory (presets are 10–40 kB). */
const MAX_KEPT_TEXT = 1_000_000;

function compile(text: string, file: string): Result<RuleFile> {
  const key = `${file}\n${text}`;
  const hit = fromRequests.get(key);
  if (hit) {
    fromRequests.delete(key);
    fromRequests.set(key, hit);
    return hit;
  }
  const r = readRuleFile(text, { file });
  if (text.length > MAX_KEPT_TEXT) return r;
  if (fromRequests.size >= MAX_FROM_REQUESTS) fromRequests.delete(fromRequests.keys().next().value as string);
  fromRequests.set(key, r);
  return r;
}

const refused = (status: 400 | 422, issues: readonly Issue[], rules?: string): TaskResult => ({
  status,
  body: issuesDocument(issues),
  codes: issues.map((i) => i.code),
  ...(rules === undefined ? {} : { rules }),
});
const answered = (value: unknown, rules: string): TaskResult => ({ status: 200, body: JSON.stringify(value), rules });

/** Runs one operation on a request body's text. */
export function runOperation(op: Operation, text: string, catalog: ReadonlyMap<string, CatalogEntry>): TaskResult {
  const read = readRequest(op, text);
  if (!read.ok) return refused(400, read.issues);
  const req = read.request;
  if (op === 'test') return runTest(req, catalog);
  if (!req.rules) return refused(400, [serviceIssue('missing_property', '', { property: 'rules' })]);
  const rules = loadRules(req.rules, catalog);
  const label = logLabel(req.rules, catalog);
  if (!rules.ok) return refused(422, rules.issues, label);
  const r = rules.value;
  const doc = req.document;
  switch (op) {
    case 'validate':
      return answered({ rule: ruleInfo(r, req.rules.kind === 'id' ? catalog.get(req.rules.id)?.origin ?? 'preset' : 'request') }, label);
    case 'settle': {
      const s = settleRequest(r, req, req.trace);
      return s.ok ? answered(s.value, label) : refused(422, s.issues, label);
    }
    case 'explain': {
      const s = settleRequest(r, req, true);
      if (!s.ok) return refused(422, s.issues, label);
      const name = req.name?.value ?? '';
      const e = explain(s.value, name);
      if (!e) return refused(422, [serviceIssue('unknown_name', '/name', { name: clip(name) }, req.name?.at)], label);
      return answered({ name, value: e.figure.value, explanation: e, text: formatExplanation(e, r.file) }, label);
    }
    case 'simulate': {
      const sim = simulate(r, doc?.text ?? '', { file: doc?.file ?? 'scenario', parameters: req.parameters });
      if (!sim.ok) return refused(422, sim.issues, label);
      const years = req.trace ? sim.value.years : sim.value.years.map((y) => ({ ...y, settlement: withoutTrace(y.settlement) }));
      return answered({ ...sim.value, years }, label);
    }
  }
}

/** How the log names a rule file: its id when the service has it (never text a client made up), else "unknown" or "inline". */
function logLabel(choice: RulesChoice, catalog: ReadonlyMap<string, CatalogEntry>): string {
  if (choice.kind === 'text') return 'inline';
  return catalog.has(choice.id) ? choice.id : 'unknown';
}

function settleRequest(rules: RuleFile, req: ServiceRequest, trace: boolean): Result<Settlement> {
  const doc = req.document;
  const hasTables = Object.keys(req.tables).length > 0;
  return settle(rules, doc?.text ?? '', {
    file: doc?.file ?? 'input',
    trace,
    parameters: req.parameters,
    unknownInputs: req.unknownInputs,
    ...(req.rows === false ? {} : { rows: req.rows }),
    ...(hasTables ? { tables: req.tables } : {}),
  });
}

function withoutTrace(s: Settlement): Settlement {
  return { ...s, figures: {} };
}

function loadRules(choice: RulesChoice, catalog: ReadonlyMap<string, CatalogEntry>): Result<RuleFile> {
  if (choice.kind === 'text') return compile(choice.text, choice.file);
  const entry = catalog.get(choice.id);
  if (!entry) {
    return { ok: false, issues: [serviceIssue('unknown_rules', '/rules', { id: clip(choice.id), expected: [...catalog.keys()].join(', ') }, choice.at)] };
  }
  let r = fromCatalog.get(entry.id);
  if (!r) {
    r = readRuleFile(entry.text, { file: entry.file });
    fromCatalog.set(entry.id, r);
  }
  return r;
}

/** test: the request's rule file, or the one the cases file names ("yangxi.json" → yangxi). */
function runTest(req: ServiceRequest, catalog: ReadonlyMap<string, CatalogEntry>): TaskResult {
  const given = req.rules ? loadRules(req.rules, catalog) : undefined;
  if (given && !given.ok) return refused(422, given.issues);
  const label = req.rules ? logLabel(req.rules, catalog) : 'cases';
  const outcomes = runCases(req.document?.text ?? '', req.document?.file ?? 'cases', (ref) => {
    if (given) return given;
    const id = (ref.split(/[\\/]/).pop() ?? ref).replace(/\.json$/, '');
    return loadRules({ kind: 'id', id, at: { line: 1, column: 1 } }, catalog);
  });
  const passed = outcomes.filter((o) => o.ok).length;
  return answered({ passed, failed: outcomes.length - passed, cases: outcomes }, label);
}
