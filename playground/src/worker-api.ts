/**
 * The typed message union between the page and the settle worker. Everything here is plain
 * data (structured-clone safe): the worker owns the engine, the page only shows results.
 */
import type { CaseOutcome, SimulatedYear, Figure, Issue, RuleDescription, Settlement, Sweep, SweepChoices, SweepOptions } from 'yibao-settle';
import type { RowPage, RowTableHead } from './row-tables.js';

/** A document as the engine sees it: its text and the file name issues will carry. */
export interface SourceText {
  readonly file: string;
  readonly text: string;
}

export type WorkerRequest =
  | { readonly type: 'settle'; readonly id: number; readonly rule: SourceText; readonly input: SourceText }
  | {
      readonly type: 'compare';
      readonly id: number;
      readonly baseline: SourceText;
      readonly current: SourceText;
      readonly input: SourceText;
    }
  /** The rule read as sentences, and what a what-if can move in it. */
  | { readonly type: 'describe'; readonly id: number; readonly rule: SourceText }
  /** A what-if: the rule settled at every point of a sweep. */
  | { readonly type: 'sweep'; readonly id: number; readonly rule: SourceText; readonly input: SourceText; readonly options: SweepOptions }
  /** A scenario of several years (carry) settled year by year, each figure also as a sentence. */
  | { readonly type: 'simulate'; readonly id: number; readonly rule: SourceText; readonly scenario: SourceText }
  /** A cases file run against the current rule text, case by case (as `yibao-settle test` runs it). */
  | { readonly type: 'cases'; readonly id: number; readonly rule: SourceText; readonly cases: SourceText }
  /** Figures read as sentences with their values filled in (the trace in the auditor's words). */
  | { readonly type: 'words'; readonly id: number; readonly rule: SourceText; readonly input: SourceText; readonly names: readonly string[] }
  /** The computed rows of the rule's tables: a page of one of them from row `from`, or, with `csv`, all of it as CSV. */
  | { readonly type: 'rows'; readonly id: number; readonly rule: SourceText; readonly input: SourceText; readonly table: string | undefined; readonly from: number; readonly csv?: 'zh' | 'en' };

/** What one settlement run produced: issues of the stage that stopped it, or the settlement. */
export type Outcome =
  | { readonly stage: 'rule'; readonly issues: readonly Issue[] }
  | { readonly stage: 'settle'; readonly issues: readonly Issue[] }
  | { readonly stage: 'done'; readonly settlement: Settlement };

/** One named value under the baseline and the current rules. */
export interface CompareRow {
  readonly name: string;
  readonly kind: string;
  readonly baseline: string | undefined;
  readonly current: string | undefined;
  /** current − baseline, exact; undefined when either side is missing or not a number. */
  readonly difference: string | undefined;
  readonly changed: boolean;
}

/**
 * A settlement's figures are sent after it in chunks of at most this many: a page receiving the
 * trace of 2,000 members in one message would spend one long task reading it.
 */
export const FIGURE_CHUNK = 250;

export type WorkerResponse =
  /**
   * `hints`: the rule file's warnings (they stop nothing), when it could be read.
   * `figureChunks`: the settlement's figures follow in that many `figures` messages.
   */
  | { readonly type: 'settled'; readonly id: number; readonly outcome: Outcome; readonly hints: readonly Issue[]; readonly ms: number; readonly figureChunks?: number }
  /** Part of the figures of the settlement answered under the same id, in order. */
  | { readonly type: 'figures'; readonly id: number; readonly figures: Readonly<Record<string, Figure>> }
  | {
      readonly type: 'described';
      readonly id: number;
      /** The rule text described (the page shows a description only with its text). */
      readonly rule: SourceText;
      readonly description: RuleDescription | undefined;
      readonly choices: SweepChoices | undefined;
    }
  | { readonly type: 'swept'; readonly id: number; readonly sweep: Sweep | undefined; readonly issues: readonly Issue[]; readonly ms: number }
  | {
      readonly type: 'compared';
      readonly id: number;
      readonly baseline: Outcome;
      readonly current: Outcome;
      readonly rows: readonly CompareRow[];
      readonly ms: number;
    }
  /** The years of a scenario, or the problems that stopped it; `words[year][name]` each figure in words. */
  | {
      readonly type: 'simulated';
      readonly id: number;
      readonly rule: SourceText;
      readonly scenario: SourceText;
      readonly years: readonly SimulatedYear[] | undefined;
      readonly issues: readonly Issue[];
      readonly words: readonly Readonly<Record<string, { readonly zh: string; readonly en: string }>>[];
    }
  /** Each case's outcome, for the rule and cases texts named. */
  | { readonly type: 'cased'; readonly id: number; readonly rule: SourceText; readonly cases: SourceText; readonly outcomes: readonly CaseOutcome[] }
  /** Each figure asked for as a sentence in Chinese and English, for the rule and input named. */
  | { readonly type: 'worded'; readonly id: number; readonly rule: SourceText; readonly input: SourceText; readonly words: Readonly<Record<string, { readonly zh: string; readonly en: string }>> }
  /** The tables with computed rows, a page of the one asked for, and its CSV when asked. */
  | {
      readonly type: 'rowed';
      readonly id: number;
      readonly rule: SourceText;
      readonly input: SourceText;
      readonly heads: readonly RowTableHead[];
      readonly page: RowPage | undefined;
      readonly csv: { readonly table: string; readonly text: string } | undefined;
      readonly issues: readonly Issue[];
    }
  /** The engine threw: a bug in the engine, reported rather than swallowed. */
  | { readonly type: 'crashed'; readonly id: number; readonly message: string };

/** Exhaustiveness guard for switches over the unions above. */
export function unreachable(x: never): never {
  throw new Error(`unexpected message ${JSON.stringify(x)}`);
}
