/**
 * Runs the engine off the main thread, so typing in the editor never waits for a settlement.
 * Requests are answered in order; the client sends a new one only when the last is answered
 * (latest wins), so a burst of keystrokes costs one settlement, not one per key.
 */
import { describeRules, readableFigure, readRuleFile, runCases, settle, simulate, sweep, sweepChoices, type Issue, type RuleFile, type Settlement, type TableRows } from 'yibao-settle';
import { differenceText } from './decimal-text.js';
import { rowPage, rowTableCsv, rowTableHeads } from './row-tables.js';
import { FIGURE_CHUNK, unreachable, type CompareRow, type Outcome, type SourceText, type WorkerRequest, type WorkerResponse } from './worker-api.js';

function run(rule: SourceText, input: SourceText, hints: Issue[] = []): Outcome {
  const rules = readRuleFile(rule.text, { file: rule.file });
  if (!rules.ok) return { stage: 'rule', issues: rules.issues };
  hints.push(...rules.value.hints);
  const result = settle(rules.value, input.text, { file: input.file, trace: true });
  if (!result.ok) return { stage: 'settle', issues: result.issues };
  return { stage: 'done', settlement: result.value };
}

/** The last settlement made with a trace, so that reading its figures as sentences settles nothing again. */
let last: { readonly rule: string; readonly input: string; readonly rules: RuleFile; readonly settlement: Settlement } | undefined;

function traced(rule: SourceText, input: SourceText): { rules: RuleFile; settlement: Settlement } | undefined {
  if (last && last.rule === rule.text && last.input === input.text) return last;
  const rules = readRuleFile(rule.text, { file: rule.file });
  if (!rules.ok) return undefined;
  const result = settle(rules.value, input.text, { file: input.file, trace: true });
  if (!result.ok) return undefined;
  last = { rule: rule.text, input: input.text, rules: rules.value, settlement: result.value };
  return last;
}

/** The last settlement made with its tables' rows, so that paging through them settles nothing again. */
let lastRows: { readonly rule: string; readonly input: string; readonly rows: Readonly<Record<string, TableRows>>; readonly issues: readonly Issue[] } | undefined;

function withRows(rule: SourceText, input: SourceText): NonNullable<typeof lastRows> {
  if (lastRows && lastRows.rule === rule.text && lastRows.input === input.text) return lastRows;
  const rules = readRuleFile(rule.text, { file: rule.file });
  const result = rules.ok ? settle(rules.value, input.text, { file: input.file, trace: false, rows: true }) : rules;
  lastRows = { rule: rule.text, input: input.text, rows: result.ok ? (result.value.rows ?? {}) : {}, issues: result.ok ? [] : result.issues };
  return lastRows;
}

function compareRows(baseline: Outcome, current: Outcome): CompareRow[] {
  const left = baseline.stage === 'done' ? baseline.settlement : undefined;
  const right = current.stage === 'done' ? current.settlement : undefined;
  const names: string[] = [];
  const seen = new Set<string>();
  for (const s of [right, left]) {
    for (const name of Object.keys(s?.values ?? {})) {
      if (!seen.has(name)) {
        seen.add(name);
        names.push(name);
      }
    }
  }
  return names.map((name) => {
    const a = left?.values[name];
    const b = right?.values[name];
    const kind = right?.figures[name]?.kind ?? left?.figures[name]?.kind ?? 'number';
    const difference = a !== undefined && b !== undefined ? differenceText(a, b) : undefined;
    return { name, kind, baseline: a, current: b, difference, changed: a !== b };
  });
}

function handle(request: WorkerRequest): WorkerResponse {
  const started = performance.now();
  switch (request.type) {
    case 'settle': {
      const hints: Issue[] = [];
      const outcome = run(request.rule, request.input, hints);
      return { type: 'settled', id: request.id, outcome, hints, ms: performance.now() - started };
    }
    case 'describe': {
      const rules = readRuleFile(request.rule.text, { file: request.rule.file });
      return rules.ok
        ? { type: 'described', id: request.id, rule: request.rule, description: describeRules(rules.value), choices: sweepChoices(rules.value) }
        : { type: 'described', id: request.id, rule: request.rule, description: undefined, choices: undefined };
    }
    case 'sweep': {
      const rules = readRuleFile(request.rule.text, { file: request.rule.file });
      const result = rules.ok ? sweep(rules.value, request.input.text, { ...request.options, file: request.input.file }) : rules;
      const ms = performance.now() - started;
      return result.ok ? { type: 'swept', id: request.id, sweep: result.value, issues: [], ms } : { type: 'swept', id: request.id, sweep: undefined, issues: result.issues, ms };
    }
    case 'simulate': {
      const rules = readRuleFile(request.rule.text, { file: request.rule.file });
      const r = rules.ok ? simulate(rules.value, request.scenario.text, { file: request.scenario.file, trace: true }) : rules;
      if (!r.ok || !rules.ok) return { type: 'simulated', id: request.id, rule: request.rule, scenario: request.scenario, years: undefined, issues: r.ok ? [] : r.issues, words: [] };
      // Each year's figures in words, for the year's trace (a scenario has a few years and values).
      const words = r.value.years.map((y) => {
        const out: Record<string, { zh: string; en: string }> = {};
        for (const name of Object.keys(y.settlement.values).slice(0, 300)) {
          const zh = readableFigure(rules.value, y.settlement, name, 'zh');
          const en = readableFigure(rules.value, y.settlement, name, 'en');
          if (zh && en) out[name] = { zh: zh.sentence, en: en.sentence };
        }
        return out;
      });
      return { type: 'simulated', id: request.id, rule: request.rule, scenario: request.scenario, years: r.value.years, issues: [], words };
    }
    case 'cases': {
      // The file's own "rules" reference is the rule being edited: cases test the rule on the page.
      const outcomes = runCases(request.cases.text, request.cases.file, () => readRuleFile(request.rule.text, { file: request.rule.file }));
      return { type: 'cased', id: request.id, rule: request.rule, cases: request.cases, outcomes };
    }
    case 'words': {
      const t = traced(request.rule, request.input);
      const words: Record<string, { zh: string; en: string }> = {};
      for (const name of request.names) {
        const zh = t ? readableFigure(t.rules, t.settlement, name, 'zh') : undefined;
        const en = t ? readableFigure(t.rules, t.settlement, name, 'en') : undefined;
        if (zh && en) words[name] = { zh: zh.sentence, en: en.sentence };
      }
      return { type: 'worded', id: request.id, rule: request.rule, input: request.input, words };
    }
    case 'rows': {
      const r = withRows(request.rule, request.input);
      const heads = rowTableHeads(request.rule.text, r.rows);
      const table = request.table ?? heads[0]?.name;
      const head = heads.find((h) => h.name === table);
      const all = table !== undefined && Object.prototype.hasOwnProperty.call(r.rows, table) ? r.rows[table] : undefined;
      const csv = request.csv && head && all ? { table: head.name, text: rowTableCsv(head, all, request.csv) } : undefined;
      const page = table === undefined ? undefined : rowPage(r.rows, table, request.from);
      return { type: 'rowed', id: request.id, rule: request.rule, input: request.input, heads, page, csv, issues: r.issues };
    }
    case 'compare': {
      const baseline = run(request.baseline, request.input);
      const current = run(request.current, request.input);
      const rows = compareRows(baseline, current);
      return { type: 'compared', id: request.id, baseline, current, rows, ms: performance.now() - started };
    }
    default:
      return unreachable(request);
  }
}

/** Posts an answer; a settlement with many figures goes first without them, then its figures in chunks. */
function post(response: WorkerResponse): void {
  if (response.type !== 'settled' || response.outcome.stage !== 'done') {
    self.postMessage(response);
    return;
  }
  const { settlement } = response.outcome;
  const figures = Object.entries(settlement.figures);
  if (figures.length <= FIGURE_CHUNK) {
    self.postMessage(response);
    return;
  }
  const chunks = Math.ceil(figures.length / FIGURE_CHUNK);
  self.postMessage({ ...response, outcome: { stage: 'done', settlement: { ...settlement, figures: {} } }, figureChunks: chunks } satisfies WorkerResponse);
  for (let i = 0; i < chunks; i++) {
    const part = Object.fromEntries(figures.slice(i * FIGURE_CHUNK, (i + 1) * FIGURE_CHUNK));
    self.postMessage({ type: 'figures', id: response.id, figures: part } satisfies WorkerResponse);
  }
}

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  let response: WorkerResponse;
  try {
    response = handle(event.data);
  } catch (error) {
    response = { type: 'crashed', id: event.data.id, message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  post(response);
});
