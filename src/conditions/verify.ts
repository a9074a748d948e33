import type { DecisionRecord } from '../settle/plan.js';
import { firstMatchWithRulesEngine } from './rules-engine.js';

/** A decision on which json-rules-engine and the compiled conditions disagree. */
export interface DecisionMismatch {
  readonly decision: DecisionRecord;
  readonly rulesEngine: number;
}

/**
 * Re-evaluates every branch decision of a settlement with json-rules-engine itself (our decimal
 * operators registered) and returns the decisions on which it chose differently — none, if
 * the compiled closures are right.
 *
 * @example const bad = await verifyDecisions(run.value.decisions); // []
 */
export async function verifyDecisions(decisions: readonly DecisionRecord[]): Promise<DecisionMismatch[]> {
  const out: DecisionMismatch[] = [];
  for (const d of decisions) {
    const chosen = await firstMatchWithRulesEngine(d.conditions, d.facts);
    if (chosen !== d.chosen) out.push({ decision: d, rulesEngine: chosen });
  }
  return out;
}
