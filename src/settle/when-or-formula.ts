/**
 * The slip of writing a formula where a condition object goes (`"when": "score >= 90"`) or a
 * condition object where a formula goes (`"formula": { "fact": "score", … }`): the schema says
 * only "wrong type"; this says which is which and how to write it.
 */
import type { ProblemOf } from '../issues/issue.js';
import { conditionFormula } from '../conditions/as-formula.js';
import { member, nodeAt, type JsonNode } from '../json/read-json.js';

/** The members whose value is a formula. */
const FORMULA_KEYS = new Set(['formula', 'otherwise', 'split', 'weight', 'where', 'waterfall', 'cap', 'of', 'base', 'upTo', 'rate', 'assert']);

/** The clearer problem for a schema `wrong_type` at `pointer`, when it is one of the two slips. */
export function whenOrFormula(root: JsonNode, pointer: string): ProblemOf<'formula_in_when' | 'condition_in_formula'> | undefined {
  const node = nodeAt(root, pointer);
  const key = pointer.slice(pointer.lastIndexOf('/') + 1);
  if (key === 'when' && node?.type === 'string') return { code: 'formula_in_when', params: { formula: node.value } };
  const isCondition = node?.type === 'object' && ['fact', 'all', 'any', 'not'].some((k) => member(node, k) !== undefined);
  if (isCondition && FORMULA_KEYS.has(key)) return { code: 'condition_in_formula', params: { formula: stripOuter(conditionFormula(node) ?? '') } };
  return undefined;
}

/** `(a and b)` → `a and b`: the outer brackets of a whole formula say nothing. */
function stripOuter(text: string): string {
  if (!text.startsWith('(')) return text;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    depth += text[i] === '(' ? 1 : text[i] === ')' ? -1 : 0;
    if (depth === 0) return i === text.length - 1 ? text.slice(1, -1) : text;
  }
  return text;
}
