/**
 * What the calling thread hands a batch worker and what comes back. Rule files travel as text:
 * a compiled rule file holds functions, which cannot cross threads, so each worker compiles a
 * rule once and keeps it for every later chunk that names the same text.
 */
import type { Result } from '../issues/issue.js';
import type { Check, Settlement } from '../settle/types.js';

/** A rule file as text, with the file name its issues and figures carry. */
export interface BatchRule {
  readonly text: string;
  /** Default "rules.json". */
  readonly file?: string;
}

/** One settlement of a batch: an input document (JSON text or a plain JS value) and its options. */
export interface BatchJob {
  readonly input: string | unknown;
  /** The input's file name in issues (default "input"). */
  readonly file?: string;
  /** Parameter values that replace the rule file's, as in `settle`. */
  readonly parameters?: Readonly<Record<string, string | number | boolean>>;
  /** Tables given as CSV text, as in `settle`. */
  readonly tables?: Readonly<Record<string, { readonly text: string; readonly file?: string }>>;
}

/** A chunk of jobs under one rule file, settled by one worker in one go. */
export interface BatchChunk {
  readonly rule: BatchRule;
  readonly jobs: readonly BatchJob[];
  readonly trace: boolean;
  /** Send back the whole settlement, not only its values and failed checks. */
  readonly whole: boolean;
}

/**
 * One job's outcome, kept small: copying a result between threads costs about as much as
 * settling it, so a batch returns the values and the checks that failed unless asked for more.
 */
export interface BatchOutcome {
  /** Every computed value by name, as printed (the settlement's `values`). */
  readonly values: Readonly<Record<string, string>>;
  /** The checks that did not hold; empty when the money adds up. */
  readonly failedChecks: readonly Check[];
  /** SHA-256 of the input, as in the settlement. */
  readonly inputFingerprint: string;
  /** The whole settlement, when the batch was asked for it (`whole: true`). */
  readonly settlement?: Settlement;
}

/** Each job's result, in the chunk's order. */
export type BatchChunkResult = readonly Result<BatchOutcome>[];
