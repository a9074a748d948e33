/**
 * Runs the engine off the main thread, so typing in the editor never waits for a settlement.
 * Requests are answered in order; the client sends a new one only when the last is answered
 * (latest wins), so a burst of keystrokes costs one settlement, not one per key.
 */
import { describeRules, readRuleFile, settle, sweep, sweepChoices, type Issue } from 'yibao-settle';
import { differenceText } from './decimal-text.js';
import { unreachable, type CompareRow, type Outcome, type SourceText, type WorkerRequest, type WorkerResponse } from './worker-api.js';

function run(rule: SourceText, input: SourceText, hints: Issue[] = []): Outcome {
  const rules = readRuleFile(rule.text, { file: rule.file });
  if (!rules.ok) return { stage: 'rule', issues: rules.issues };
  hints.push(...rules.value.hints);
  const result = settle(rules.value, input.text, { file: input.file, trace: true });
  if (!result.ok) return { stage: 'settle', issues: result.issues };
  return { stage: 'done', settlement: result.value };
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

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  let response: WorkerResponse;
  try {
    response = handle(event.data);
  } catch (error) {
    response = { type: 'crashed', id: event.data.id, message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  self.postMessage(response);
});
