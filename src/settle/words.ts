/**
 * The rule language's words — the enumerations of the rule-file schema — as the literals the
 * engine compares them with. A word read from a file is a new string: comparing it with a
 * literal (`kind === 'money'`, done for every value of a million-row table) compares characters,
 * where two literals compare by reference. The rule file's tree is given the literals once.
 */
import type { JsonNode } from '../json/read-json.js';

const WORDS: ReadonlyMap<string, string> = new Map(
  [
    'money', 'count', 'rate', 'number', 'score', 'boolean', 'text', 'table', 'list', 'group', 'map',
    'UP', 'DOWN', 'CEIL', 'FLOOR', 'HALF_UP', 'HALF_DOWN', 'HALF_EVEN',
    'marginal', 'whole', 'inclusive', 'exclusive', 'sequential', 'pro-rata', 'largest-remainder',
    'equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'in', 'notIn',
    'eq', 'ne', 'lt', 'lte', 'gt', 'gte', '0.01', '0.1', '1', 'yibao-settle/1',
  ].map((w) => [w, w]),
);

/** The words the engine knows (for the test that keeps them in step with the schema). */
export const RULE_WORDS: readonly string[] = [...WORDS.keys()];

/** Replaces every string value of the tree that is a rule-language word by its literal. */
export function useWordLiterals(root: JsonNode): void {
  const stack: JsonNode[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'string') {
      const word = WORDS.get(node.value);
      if (word !== undefined) (node as { value: string }).value = word;
    } else if (node.type === 'object' || node.type === 'array') {
      // One by one: spreading a million children into push() would overflow the call stack.
      for (const child of node.type === 'object' ? node.values : node.items) stack.push(child);
    }
  }
}
