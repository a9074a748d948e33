/**
 * What a planned step is and what it may do while it runs: the contract between the planner,
 * the step builders and a settlement run (types only).
 */
import type { ConditionJson } from '../conditions/conditions.js';
import type { Env } from '../formula/compile.js';
import type { TableValue } from '../formula/types.js';
import type { Exact } from '../money/exact.js';
import type { RunningSum } from '../money/exact.js';
import type { ScalarKind } from './declarations.js';
import type { Check, Figure, Position } from './types.js';

/** Everything an operation may record while it runs. */
export interface RunCtx {
  readonly env: Env;
  readonly trace: boolean;
  /** Whether each row's choice of a decision over rows is kept for re-checking (one record a row). */
  readonly rowDecisions: boolean;
  /** Records a named value (and its figure when tracing). Throws on a duplicate dynamic name. */
  /** `places`: a rounded non-money value is printed with the places it was rounded to. */
  emit(name: string, kind: ScalarKind, value: Exact | string | boolean, figure: FigureParts | undefined, places?: number): void;
  transfer(from: string, to: string, amount: Exact, value: string, pointer: string, memo?: string): void;
  check(name: string, expected: Exact, actual: Exact, pointer: string, description: string, label: Check['label']): void;
  decision(d: DecisionRecord): void;
  /** The printed values of named values, for a figure's inputs: a new object the caller may add to. */
  inputsOf(deps: readonly string[]): Record<string, string>;
}

/**
 * A figure as a step builds it: name, value and kind come first (so they print first) and are
 * filled in by emit(), which writes them in place rather than copying the whole figure.
 */
export type FigureParts = { -readonly [K in 'name' | 'value' | 'kind']: Figure[K] } & Omit<Figure, 'name' | 'value' | 'kind'>;

/** One branch decision, kept so it can be re-checked with json-rules-engine. */
export interface DecisionRecord {
  readonly pointer: string;
  readonly name: string;
  readonly conditions: readonly ConditionJson[];
  readonly facts: Readonly<Record<string, string | boolean>>;
  /** Index of the first condition that held, or -1 when none did. */
  readonly chosen: number;
}

export interface Op {
  readonly pointer: string;
  readonly at: Position | undefined;
  /** A short name for messages (the first output, or the step's pointer). */
  readonly label: string;
  readonly outputs: readonly string[];
  readonly deps: readonly string[];
  /** The table this step adds a column to. */
  readonly columnOf: string | undefined;
  /** The column it adds. */
  readonly column: string | undefined;
  /** The table columns it reads, as "table.column". */
  readonly reads: ReadonlySet<string>;
  readonly run: (ctx: RunCtx) => void;
  /** How the step can take a table's rows a chunk at a time (a streamed case list), if it can. */
  readonly stream?: StreamRole;
}

/**
 * A step's part in settling a table whose rows arrive in chunks: a per-row step runs as it is on
 * each chunk; a total adds each chunk to running sums and gives its figures once all are in.
 */
export type StreamRole =
  | { readonly role: 'rows'; readonly table: string }
  | {
      readonly role: 'total';
      readonly table: string;
      start(rc: RunCtx): TotalSums;
      add(rc: RunCtx, sums: TotalSums, rows: TableValue): void;
      finish(rc: RunCtx, sums: TotalSums): void;
    };

/** The running sums of a total: by key of the table summed into, with rows counted. */
export interface TotalSums {
  readonly sums: Map<string, RunningSum>;
  readonly counts: Map<string, number>;
  rows: number;
}

