/**
 * The plain-data shapes that settle() returns. Everything here survives JSON.stringify and
 * structured clone unchanged, so a settlement can cross a Worker boundary or be printed by the CLI.
 */
import type { DecimalString } from '../money/decimal-string.js';
import type { RoundingMode } from '../money/round.js';

/** A position in a source text, 1-based line and column (column counts UTF-16 code units). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** What kind of quantity a value is; money is printed with two decimals. */
export type ValueKind = 'money' | 'number' | 'boolean' | 'text';

/** One figure of a settlement and everything that explains it. */
export interface Figure {
  /** The value's name, e.g. `countyPool` or `share.h1`. */
  readonly name: string;
  /** The value as printed: money with two decimals, other numbers as exact decimals. */
  readonly value: string;
  readonly kind: ValueKind;
  /** Where the figure comes from: `input`, `parameter` or the step kind that computed it. */
  readonly source: 'input' | 'parameter' | 'compute' | 'decide' | 'split' | 'waterfall' | 'tiers' | 'total';
  /** JSON Pointer of the step (or parameter) in the rule file, or of the value in the input. */
  readonly pointer: string;
  /** Line and column of `pointer` in its file, where the file had a source text. */
  readonly at?: Position;
  /** The file `pointer` and `at` refer to, when it is not the rule file (inputs). */
  readonly file?: string;
  /** The formula as written in the rule file (or a description of the allocation). */
  readonly formula: string;
  /** The named values the formula read, with their printed values. */
  readonly inputs: Readonly<Record<string, string>>;
  /** The exact value before rounding, when rounding changed it or a printed value hides digits. */
  readonly exact?: string;
  /** The rounding the rule applied to this figure. */
  readonly rounding?: { readonly places: number; readonly mode: RoundingMode };
  /** Free text for an auditor, e.g. which condition decided a branch. */
  readonly note?: string;
  /** The rows that the formula's aggregates with a condition took in (`mean(cases, cost, group == id)`). */
  readonly rows?: readonly RowsUsed[];
}

/**
 * The rows of a table that one aggregate with a condition took in, e.g. the cases left within the
 * interquartile fences: an auditor can find each in the input by its number.
 */
export interface RowsUsed {
  /** The function, e.g. `mean`. */
  readonly function: string;
  readonly table: string;
  /** How many rows the table has. */
  readonly of: number;
  /** How many met the condition. */
  readonly count: number;
  /** Their numbers in the table, from 1, in order: the first 1,000 (fewer once a settlement's trace has listed a million). */
  readonly numbers: readonly number[];
}

/** One movement of money between two accounts, made by one step. */
export interface Transfer {
  readonly from: string;
  readonly to: string;
  readonly amount: DecimalString;
  /** The value that is moved. */
  readonly value: string;
  /** JSON Pointer of the step in the rule file. */
  readonly pointer: string;
  readonly memo?: string;
}

/**
 * A check of a settlement: one the rule file declares (`checks`), or one the engine adds by
 * itself (every split, waterfall and tier table gives back exactly its amount; pass-through
 * accounts close; the ledger balances). Amounts are printed as money (two decimals, or every
 * digit when there are more); a declared check compares `true` with its outcome.
 */
export interface Check {
  /** The check's identifier: the rule file's `name`, or the engine's English wording. */
  readonly name: string;
  /** What the check says, for people: the rule file's `label`, or the engine's own wording. */
  readonly label: { readonly zh: string; readonly en: string };
  readonly ok: boolean;
  readonly expected: string;
  readonly actual: string;
  readonly pointer: string;
  /** The identity checked, as a formula over value names. */
  readonly description: string;
}

/** Net position of one ledger account: what it received minus what it paid. */
export interface AccountBalance {
  readonly received: DecimalString;
  readonly paid: DecimalString;
  readonly net: DecimalString;
}

/** The result of one settlement: plain data, stable key order, printable as JSON. */
export interface Settlement {
  readonly rule: { readonly id: string; readonly title: { readonly zh: string; readonly en: string }; readonly fingerprint: string };
  readonly input: { readonly fingerprint: string };
  readonly engine: { readonly name: 'yibao-settle'; readonly version: string };
  /** Every computed value by name, as printed. */
  readonly values: Readonly<Record<string, string>>;
  /** The trace: one figure for each value, input and parameter used. Empty when trace is off. */
  readonly figures: Readonly<Record<string, Figure>>;
  readonly ledger: readonly Transfer[];
  readonly accounts: Readonly<Record<string, AccountBalance>>;
  readonly checks: readonly Check[];
  /**
   * The rows of each table that steps compute columns for, when asked for with the `rows`
   * option: the declared columns as read, then each computed column, as printed (money with two
   * decimals).
   */
  readonly rows?: Readonly<Record<string, TableRows>>;
}

/** A table's rows, declared then computed columns, in the table's order. */
export interface TableRows {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * One value of an input document given as a JavaScript value rather than JSON text: what
 * JSON.parse or a database driver gives. Money and rates are best given as decimal text
 * (`"980.10"`) or as decimal.js values; a JS number is read from its shortest round-trip text
 * (`0.1 + 0.2` is `0.30000000000000004`, which money refuses), a bigint exactly. A property whose
 * value is `undefined` is absent.
 */
export type InputValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | undefined
  | DecimalLike
  | readonly InputValue[]
  | { readonly [key: string]: InputValue };

/** A decimal.js value (of any copy of decimal.js): known by the tag decimal.js gives its values. */
export interface DecimalLike {
  /** All its digits, never in exponent form. */
  readonly toFixed: () => string;
  /** False for NaN and the infinities, which are refused. */
  readonly isFinite: () => boolean;
}

/**
 * An input document as a JavaScript value: the rule file's inputs by name, tables as lists of
 * row objects (e.g. rows straight from a database query).
 */
export type InputDocument = { readonly [name: string]: InputValue };
