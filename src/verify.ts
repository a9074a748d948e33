/**
 * yibao-settle/verify — re-checks a settlement's branch decisions with json-rules-engine itself.
 * A subpath of its own, so that a program (or a browser bundle) that only settles never loads
 * json-rules-engine.
 *
 * @example
 * import { settleWithDecisions } from 'yibao-settle';
 * import { verifyDecisions } from 'yibao-settle/verify';
 * const run = settleWithDecisions(rules.value, input);
 * if (run.ok) console.log(await verifyDecisions(run.value.decisions)); // []
 *
 * @packageDocumentation
 */
export { verifyDecisions } from './conditions/verify.js';
export type { DecisionMismatch } from './conditions/verify.js';
export type { DecisionRecord } from './settle/plan.js';
