/**
 * The step kinds and their builders, in one table: a step's kind is decided here once, from the
 * members its JSON has, and the planner and the builders both go by it.
 */
import { member, type JsonObject } from '../../json/read-json.js';
import type { PlanContext, StepSite } from '../model.js';
import type { Op } from '../plan.js';
import type { Position } from '../types.js';
import { computeOp } from './compute.js';
import { decideOp } from './decide.js';
import { rowComputeOp } from './row-compute.js';
import { splitPartsOp } from './split-parts.js';
import { splitRowsOp } from './split-rows.js';
import { tiersOp } from './tiers.js';
import { totalOp } from './total.js';
import { waterfallOp } from './waterfall.js';

/** What a step does, known from the member that names it. */
export type StepKind = 'waterfall' | 'tiers' | 'total' | 'split-parts' | 'split-rows' | 'decide' | 'row-compute' | 'compute';

/** Compiles one step of its kind into an operation, or reports why it cannot (to ctx.issues). */
export type StepBuilder = (site: StepSite, ctx: PlanContext) => Op | undefined;

const BUILDERS: Readonly<Record<StepKind, StepBuilder>> = {
  waterfall: waterfallOp,
  tiers: tiersOp,
  total: totalOp,
  'split-parts': splitPartsOp,
  'split-rows': splitRowsOp,
  decide: decideOp,
  'row-compute': rowComputeOp,
  compute: computeOp,
};

/** A step's kind: the schema lets exactly one of these members decide it, in this order. */
export function stepKind(n: JsonObject): StepKind {
  if (member(n, 'waterfall')) return 'waterfall';
  if (member(n, 'tiers')) return 'tiers';
  if (member(n, 'total')) return 'total';
  if (member(n, 'split')) return member(n, 'parts') ? 'split-parts' : 'split-rows';
  if (member(n, 'rules')) return 'decide';
  if (member(n, 'over')) return 'row-compute';
  return 'compute';
}

/** Compiles every step site into an operation. Problems go to ctx.issues. */
export function buildOps(sites: readonly StepSite[], planCtx: PlanContext): Op[] {
  // Positions are looked up while settling (trace on) for branches, parts, payers and bands;
  // each pointer's line:column is found once per rule file, not once per settlement.
  const positions = new Map<string, Position | undefined>();
  const ctx: PlanContext = {
    ...planCtx,
    at(pointer) {
      if (!positions.has(pointer)) positions.set(pointer, planCtx.at(pointer));
      return positions.get(pointer);
    },
  };
  const ops: Op[] = [];
  for (const site of sites) {
    const op = BUILDERS[stepKind(site.node)](site, ctx);
    if (op) ops.push(op);
  }
  return ops;
}
