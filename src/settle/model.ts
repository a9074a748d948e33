/**
 * The rule file as the library gives it (RuleFile and what it lists) and the compiled plan behind
 * it, with what the planner hands each step builder (types only).
 */
import type { Effective } from './effective.js';
import type { FastInputPlan } from './fast-input.js';
import type { KindedStep } from './rule-json.js';
import type { CompiledCondition } from '../conditions/conditions.js';
import type { Compiled, Global } from '../formula/compile.js';
import type { TableTy } from '../formula/types.js';
import type { Issue, IssueCode, ParamsOf } from '../issues/issue.js';
import type { Exact } from '../money/exact.js';
import type { ChoiceInfo } from './choices.js';
import type { InputDecl, ScalarDecl, ScalarKind, InputIndex } from './declarations.js';
import type { ParameterSum } from './parameter-sums.js';
import type { Op } from './plan.js';
import type { SourceDoc } from './source.js';
import type { Position } from './types.js';

/** A text in Chinese and English. */
export interface Label {
  readonly zh: string;
  readonly en: string;
}

/** A parameter of the rule file: a value an official edits, with its provenance. */
export interface ParameterInfo {
  readonly name: string;
  /** money, count, rate, number, score, boolean or text. */
  readonly kind: string;
  /** The value as printed (exact decimal text for numbers). */
  readonly value: string;
  readonly label: Label;
  /** true: published in the source; false: an assumption; undefined: not stated. */
  readonly published: boolean | undefined;
  /** JSON Pointer of the parameter in the rule file. */
  readonly pointer: string;
  readonly at: Position | undefined;
  /** Bounds (a rate's are 0 and 1 unless declared) and choices that a value given at settle time must meet. */
  readonly min?: string;
  readonly max?: string;
  readonly choices?: readonly ChoiceInfo[];
  /** The parameter's `source`: where its figure is published. */
  readonly source?: string;
  /** The parameter's `note`: e.g. why a figure is assumed. */
  readonly note?: string;
}

/** A parameter with its exact value, as the engine uses it. */
export interface ParameterPlan extends Omit<ParameterInfo, 'value' | 'kind'> {
  readonly kind: ScalarKind;
  readonly exact: Exact | string | boolean;
  /** The declared limits and choices, which a value given at settle time must also meet. */
  readonly limits: Pick<ScalarDecl, 'min' | 'max' | 'choices' | 'choiceLabels' | 'choiceInfos'>;
}

/**
 * A parameter that is a small table of values by key (`levelRatio`: township 90 %, county 80 %),
 * read in formulas as levelRatio[level].
 */
export interface MapParameterPlan extends Omit<ParameterInfo, 'value' | 'kind'> {
  /** The kind of its values. */
  readonly of: ScalarKind;
  readonly entries: Map<string, Exact>;
  /** The declared bounds each value (a rate's: 0–100 % unless declared) must meet. */
  readonly limits: Pick<ScalarDecl, 'min' | 'max'>;
}

/** A named value the formulas may read (internal). */
export interface GlobalInfo extends Global {
  readonly kind: ScalarKind | 'table' | 'list' | 'map';
  readonly source: 'input' | 'parameter' | 'step';
  /** Where it is declared or computed in the rule file. */
  readonly pointer: string;
}

/** A rule file read and checked by readRuleFile, ready to settle any number of inputs. */
export interface RuleFile {
  readonly id: string;
  readonly title: Label;
  readonly description: Label | undefined;
  /** The rule file's `source` member: where the scheme is documented. */
  readonly source: Readonly<Record<string, unknown>> | undefined;
  readonly file: string;
  /** SHA-256 of the rule file's text. */
  readonly fingerprint: string;
  /** The days the scheme is in force (`effective`), when the file says. */
  readonly effective?: Effective;
  /** The versions this one replaces (`supersedes`). */
  readonly supersedes?: readonly string[];
  readonly parameters: readonly ParameterInfo[];
  /** The declared inputs: name, shape, and the columns of tables or fields of groups. */
  readonly inputs: readonly InputInfo[];
  /** Warnings that do not stop settling, e.g. a label quoting an old parameter value (`stale_label_number`). */
  readonly hints: readonly Issue[];
  /** Parameters a plausibility condition says add up to a whole (`countyRatio + townRatio == 10`). */
  readonly parameterSums: readonly ParameterSum[];
}

/** A declared input of a rule file, as the playground and documentation show it. */
export interface InputInfo extends Partial<ValueRules> {
  readonly name: string;
  readonly shape: 'scalar' | 'group' | 'table' | 'list';
  /** The kind of a scalar or of a list's items. */
  readonly kind?: string;
  readonly label?: Label;
  /** Table columns or group fields: kind, label, bounds and choices of each. */
  readonly members?: readonly MemberInfo[];
}

/**
 * What a value must be to be accepted, as the playground shows and checks it (readCellText):
 * bounds as decimal text (a rate's are 0 and 1 unless the rule file says otherwise) and the
 * allowed values with their labels.
 */
export interface ValueRules {
  readonly min: string;
  readonly max: string;
  readonly choices: readonly ChoiceInfo[];
}

/** A table column or group field of a declared input. */
export interface MemberInfo extends Partial<ValueRules> {
  readonly name: string;
  /** money, count, rate, number, score, boolean, text — or map for a column of keyed numbers. */
  readonly kind: string;
  readonly label?: Label;
}

/** The compiled plan behind a RuleFile (internal). */
/** What reading an input document needs of the rule file, worked out when it is compiled. */
export interface InputReading {
  /** The declared input names, and each one's JSON Pointer in an input document. */
  readonly index: InputIndex;
  /** The one-pass reader's plan (settle/fast-input.ts). */
  readonly fast: FastInputPlan;
  /** Every single input and group field with its slot and pointer, for the trace. */
  readonly inputGlobals: readonly { readonly name: string; readonly g: GlobalInfo; readonly pointer: string }[];
}

export interface CompiledRuleFile extends RuleFile {
  readonly params: readonly ParameterPlan[];
  /** Parameters that are values by key (see MapParameterPlan). */
  readonly mapParams: readonly MapParameterPlan[];
  readonly doc: SourceDoc;
  readonly decls: readonly InputDecl[];
  /** How input documents are read, worked out once: see InputReading. */
  readonly reading: InputReading;
  readonly globals: ReadonlyMap<string, GlobalInfo>;
  readonly ops: readonly Op[];
  readonly asserts: readonly AssertPlan[];
  /** Plausibility conditions by when they run: entry k after the k-th op (0: before any). */
  readonly guards: readonly (readonly AssertPlan[])[];
  readonly accounts: ReadonlyMap<string, Label | undefined>;
  /** Accounts that must net to zero after every settlement (pass-throughs). */
  readonly closing: readonly string[];
  /** Multi-year carry: next year's input ← this year's value. */
  readonly carry: readonly { readonly input: string; readonly value: string }[];
}

/** A check declared in the rule file (internal). */
export interface AssertPlan {
  readonly name: string;
  readonly formula: string;
  readonly compiled: Compiled;
  readonly pointer: string;
  /** The condition's own zh/en label, when it has one. */
  readonly label?: Label | undefined;
}

/** A step after `for` expansion: its node, pointer and the loop variables in force. */
export interface StepSite {
  /** The step as typed data, with its kind (see rule-json.ts). */
  readonly kinded: KindedStep;
  readonly pointer: string;
  readonly vars: ReadonlyMap<string, string>;
}

/** What the planner hands each step builder. */
export interface PlanContext {
  readonly doc: SourceDoc;
  readonly globals: Map<string, GlobalInfo>;
  readonly tables: Map<string, Extract<InputDecl, { shape: 'table' }>>;
  readonly issues: Issue[];
  /** Text of the step (a name, a formula) with the loop variables it is written under filled in. */
  text(site: StepSite, value: string): string;
  /** Parses and compiles a formula at `site`/`key` (or a nested pointer), reporting problems. */
  formula(pointer: string, text: string, rows?: readonly TableTy[]): Compiled | undefined;
  /**
   * A decision's condition, its facts the named values — and, given `row`, that table's columns
   * first (a decision over rows: the condition and its facts for re-checking each row's choice).
   */
  condition(site: StepSite, pointer: string, row?: TableTy): CompiledCondition | undefined;
  /** Table columns ("table.column") each step reads, by step pointer: steps that add a column wait only for their readers. */
  readonly reads: Map<string, Set<string>>;
  /**
   * Names a step gives each row of a table (`points.{id}` over hospitals), by prefix (`points`),
   * with the column that holds the same value: a formula reads it as hospitals['H1'].points.
   */
  readonly rowNames: Map<string, { readonly table: string; readonly column: string | undefined }>;
  /** Records that the step at (or containing) `pointer` reads these "table.column"s. */
  read(pointer: string, columns: Iterable<string>): void;
  issue<C extends IssueCode>(code: C, pointer: string, params: ParamsOf<C>): void;
  at(pointer: string): Position | undefined;
}


