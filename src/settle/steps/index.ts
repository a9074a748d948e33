/**
 * The step kinds and their builders: each site's kind was decided once when the steps were read
 * (rule-json.ts `kindedStep`); the switch hands each builder its own typed step.
 */
import type { PlanContext, StepSite } from '../model.js';
import type { StepKind } from '../rule-json.js';
import type { Op } from '../plan.js';
import type { Position } from '../types.js';
import { computeOp } from './compute.js';
import { decideOp } from './decide.js';
import { decideRowsOp } from './decide-rows.js';
import { rowComputeOp } from './row-compute.js';
import { splitPartsOp } from './split-parts.js';
import { splitRowsOp } from './split-rows.js';
import { tiersOp } from './tiers.js';
import { tiersRowsOp } from './tiers-rows.js';
import { totalOp } from './total.js';
import { waterfallOp } from './waterfall.js';

export type { StepKind };

/** Compiles one step of its kind (its typed value, at its site) into an operation, or reports why it cannot. */
function build(site: StepSite, ctx: PlanContext): Op | undefined {
  const k = site.kinded;
  switch (k.kind) {
    case 'waterfall':
      return waterfallOp(site, k.step, ctx);
    case 'tiers': {
      const s = k.step;
      if (s.over !== undefined && s.column !== undefined) return tiersRowsOp(site, { ...s, over: s.over, column: s.column }, ctx);
      return s.name === undefined ? undefined : tiersOp(site, { ...s, name: s.name }, ctx);
    }
    case 'total':
      return totalOp(site, k.step, ctx);
    case 'split-parts':
      return splitPartsOp(site, k.step, ctx);
    case 'split-rows':
      return splitRowsOp(site, k.step, ctx);
    case 'decide': {
      const s = k.step;
      if (s.over !== undefined && s.column !== undefined) return decideRowsOp(site, { ...s, over: s.over, column: s.column }, ctx);
      return s.name === undefined ? undefined : decideOp(site, { ...s, name: s.name }, ctx);
    }
    case 'row-compute':
      return rowComputeOp(site, k.step, ctx);
    case 'compute':
      return computeOp(site, k.step, ctx);
  }
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
    const op = build(site, ctx);
    if (op) ops.push(op);
  }
  return ops;
}
