/**
 * Settles a chunk of jobs in the current thread: the one settlement path (`readRuleFile`, then
 * `settle` per job), shared by the in-process batch and every worker thread.
 */
import { ok, type Result } from '../issues/issue.js';
import { readRuleFile, settle } from '../settle/settle.js';
import type { RuleFile } from '../settle/compile.js';
import type { Settlement } from '../settle/types.js';
import type { BatchChunk, BatchChunkResult, BatchOutcome, BatchRule } from './task.js';

/** Compiled rule files by text; a batch names a handful, `run-all` one per preset. */
export type RuleCache = Map<string, Result<RuleFile>>;

const CACHE_LIMIT = 64;

function compiled(rule: BatchRule, cache: RuleCache): Result<RuleFile> {
  const key = `${rule.file ?? ''}\u0000${rule.text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const r = readRuleFile(rule.text, rule.file === undefined ? {} : { file: rule.file });
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, r);
  return r;
}

/** Settles every job of the chunk; a rule file with problems gives its issues for each job. */
export function runChunk(chunk: BatchChunk, cache: RuleCache): BatchChunkResult {
  const rules = compiled(chunk.rule, cache);
  return chunk.jobs.map((job): Result<BatchOutcome> => {
    if (!rules.ok) return rules;
    const r = settle(rules.value, job.input, {
      trace: chunk.trace,
      ...(job.file === undefined ? {} : { file: job.file }),
      ...(job.parameters === undefined ? {} : { parameters: job.parameters }),
      ...(job.tables === undefined ? {} : { tables: job.tables }),
    });
    return r.ok ? ok(outcome(r.value, chunk.whole)) : r;
  });
}

function outcome(s: Settlement, whole: boolean): BatchOutcome {
  const base = { values: s.values, failedChecks: s.checks.filter((c) => !c.ok), inputFingerprint: s.input.fingerprint };
  return whole ? { ...base, settlement: s } : base;
}
