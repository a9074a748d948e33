/**
 * The steps of a rule file as typed data, written from `schema/rule-file.schema.json`: what the
 * planner reads once the schema has accepted the file. Formulas and names are text; a step's
 * `{var}` loop variables are filled in by the planner (PlanContext.text). Where the JSON tree is
 * still needed — a problem's line and column — the step's pointer finds it.
 */
import type { RoundingMode } from '../money/round.js';
import type { ScalarKind } from './declarations.js';

/** A `{ zh, en }` label. */
export interface LabelJson {
  readonly zh: string;
  readonly en: string;
}

export interface RoundingJson {
  readonly places: number;
  readonly mode?: RoundingMode;
}

export interface TransferJson {
  readonly from: string;
  readonly to: string;
  readonly memo?: string;
}

/** A condition the rule file states about its figures (`checks`, `plausibility`). */
export interface AssertJson {
  readonly name: string;
  readonly assert: string;
  readonly label?: LabelJson;
}

/** What every step may carry. */
interface StepCommon {
  readonly label?: LabelJson;
  readonly note?: string;
}

/** The kind a computed value is declared with (never a table, list or group). */
export type ValueKind = ScalarKind;

export interface ComputeStepJson extends StepCommon {
  readonly name: string;
  readonly kind: ValueKind;
  readonly formula: string;
  readonly round?: RoundingJson;
  /** Decimals a number is shown with (and rounded to, unless `round` says otherwise). */
  readonly display?: number;
  readonly transfer?: TransferJson;
}

export interface RowComputeStepJson extends StepCommon {
  readonly over: string;
  readonly column: string;
  readonly name?: string;
  readonly kind: ValueKind;
  readonly formula: string;
  readonly round?: RoundingJson;
  readonly display?: number;
  readonly transfer?: TransferJson;
}

export interface DecideRuleJson {
  /** A condition in json-rules-engine form, compiled from the tree at its pointer. */
  readonly when: unknown;
  readonly formula: string;
  readonly label?: LabelJson;
}

export interface DecideStepJson extends StepCommon {
  /** The value's name, or over a table a template naming each row's value. */
  readonly name?: string;
  /** Decide for each row of this table; the value goes in `column`. */
  readonly over?: string;
  readonly column?: string;
  readonly kind: ValueKind;
  readonly rules: readonly DecideRuleJson[];
  readonly otherwise: string;
  readonly round?: RoundingJson;
  readonly display?: number;
  readonly transfer?: TransferJson;
}

export interface SplitPartJson {
  readonly name: string;
  readonly weight: string;
  readonly label?: LabelJson;
  readonly transfer?: TransferJson;
}

export interface SplitPartsStepJson extends StepCommon {
  readonly split: string;
  readonly unit?: '0.01' | '0.1' | '1';
  readonly method?: 'largest-remainder';
  readonly name?: string;
  readonly parts: readonly SplitPartJson[];
}

export interface SplitRowsStepJson extends StepCommon {
  readonly split: string;
  readonly unit?: '0.01' | '0.1' | '1';
  readonly method?: 'largest-remainder';
  readonly name?: string;
  readonly over: string;
  readonly weight: string;
  readonly where?: string;
  readonly column?: string;
  readonly transfer?: TransferJson;
}

export interface PayerJson {
  readonly name: string;
  readonly cap?: string;
  readonly from?: string;
  readonly label?: LabelJson;
}

export interface WaterfallStepJson extends StepCommon {
  readonly name?: string;
  readonly waterfall: string;
  readonly order?: 'sequential' | 'pro-rata';
  readonly payers: readonly PayerJson[];
  readonly rest?: string;
  readonly to?: string;
}

export interface BandJson {
  readonly upTo?: string;
  readonly rate: string;
  readonly slice?: string;
  readonly amount?: string;
  readonly label?: LabelJson;
}

export interface TiersStepJson extends StepCommon {
  /** The step's total (one amount), or a template naming each row's result (over a table). */
  readonly name?: string;
  /** What is tiered and what the bands give: money (the default) or a plain number. */
  readonly kind?: 'money' | 'number';
  /** Tier each row of this table; the result goes in `column`. */
  readonly over?: string;
  readonly column?: string;
  readonly transfer?: TransferJson;
  readonly tiers: {
    readonly of: string;
    readonly base?: string;
    readonly mode: 'marginal' | 'whole';
    readonly upperBound?: 'inclusive' | 'exclusive';
    readonly bands: readonly BandJson[];
    readonly round?: RoundingJson;
  };
}

export interface TotalStepJson extends StepCommon {
  readonly total: string;
  readonly from: string;
  readonly by: string;
  readonly over: string;
  readonly column: string;
  readonly name?: string;
}

/** What a step does, known from the member that names it. */
export type StepKind = 'waterfall' | 'tiers' | 'total' | 'split-parts' | 'split-rows' | 'decide' | 'row-compute' | 'compute';

/** Each step kind's shape. */
export interface StepJsonByKind {
  readonly waterfall: WaterfallStepJson;
  readonly tiers: TiersStepJson;
  readonly total: TotalStepJson;
  readonly 'split-parts': SplitPartsStepJson;
  readonly 'split-rows': SplitRowsStepJson;
  readonly decide: DecideStepJson;
  readonly 'row-compute': RowComputeStepJson;
  readonly compute: ComputeStepJson;
}

/** A step of any kind, with its kind: checking `kind` narrows `step`. */
export type KindedStep = { readonly [K in StepKind]: { readonly kind: K; readonly step: StepJsonByKind[K] } }[StepKind];

/**
 * A step's kind, from the member that names it — the same members, in the same order, as the
 * schema's `if`/`then` alternatives decide it.
 */
export function kindOf(step: object): StepKind {
  if ('waterfall' in step) return 'waterfall';
  if ('tiers' in step) return 'tiers';
  if ('total' in step) return 'total';
  if ('split' in step) return 'parts' in step ? 'split-parts' : 'split-rows';
  if ('rules' in step) return 'decide';
  if ('over' in step) return 'row-compute';
  return 'compute';
}

/**
 * A validated step's value with its kind. The schema has checked the shape the kind implies;
 * this is the one place that says so to the type checker.
 */
export function kindedStep(step: object): KindedStep {
  return { kind: kindOf(step), step } as KindedStep;
}
