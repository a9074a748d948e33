/**
 * The only json-rules-engine import. Runs conditions through json-rules-engine itself, with our
 * decimal-aware operators registered, to verify the compiled closures decide the same way.
 */
import { Engine } from 'json-rules-engine';
import { Exact } from '../money/exact.js';
import { DECIMAL_OPERATORS, decimalCompare, type ConditionJson } from './conditions.js';

/**
 * Evaluates an ordered list of condition sets with json-rules-engine and returns the index of
 * the first that holds, or -1. Facts are decimal strings (numbers), text or booleans.
 */
export async function firstMatchWithRulesEngine(
  conditions: readonly ConditionJson[],
  facts: Readonly<Record<string, string | boolean>>,
): Promise<number> {
  const engine = new Engine([], { allowUndefinedFacts: false });
  for (const op of DECIMAL_OPERATORS) {
    engine.addOperator(op, (a: unknown, b: unknown) => {
      if (typeof a !== 'string' || typeof b !== 'string') return false;
      return decimalCompare(op, new Exact(a), new Exact(b));
    });
  }
  conditions.forEach((c, index) => {
    const top = 'all' in c || 'any' in c || 'not' in c ? c : { all: [c] };
    engine.addRule({ conditions: top as never, event: { type: 'match', params: { index } }, priority: 1 });
  });
  const { events } = await engine.run({ ...facts });
  const indexes = events.map((e) => Number((e.params as { index: number }).index));
  return indexes.length === 0 ? -1 : Math.min(...indexes);
}
