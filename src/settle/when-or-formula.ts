/**
 * The slip of writing a formula where a condition object goes (`"when": "score >= 90"`) or a
 * condition object where a formula goes (`"formula": { "fact": "score", … }`): the schema says
 * only "wrong type"; this says which is which and how to write it.
 */
import type { ProblemOf } from '../issues/issue.js';
import { member, nodeAt, type JsonNode } from '../json/read-json.js';

/** The members whose value is a formula. */
const FORMULA_KEYS = new Set(['formula', 'otherwise', 'split', 'weight', 'where', 'waterfall', 'cap', 'of', 'base', 'upTo', 'rate', 'assert']);

const OPERATORS: Readonly<Record<string, string>> = { eq: '==', ne: '!=', lt: '<', lte: '<=', gt: '>', gte: '>=', equal: '==', notEqual: '!=' };

/** A simple condition ({fact, operator, value} with a number, text or fact value) as formula text; '' otherwise. */
function asFormula(node: JsonNode): string {
  const fact = member(node, 'fact');
  const op = member(node, 'operator');
  const value = member(node, 'value');
  if (fact?.type !== 'string' || op?.type !== 'string' || !value) return '';
  const symbol = OPERATORS[op.value];
  if (symbol === undefined) return '';
  const other = value.type === 'object' ? member(value, 'fact') : undefined;
  const right = value.type === 'number' ? value.raw : value.type === 'string' ? `'${value.value}'` : other?.type === 'string' ? other.value : undefined;
  return right === undefined ? '' : `${fact.value} ${symbol} ${right}`;
}

/** The clearer problem for a schema `wrong_type` at `pointer`, when it is one of the two slips. */
export function whenOrFormula(root: JsonNode, pointer: string): ProblemOf<'formula_in_when' | 'condition_in_formula'> | undefined {
  const node = nodeAt(root, pointer);
  const key = pointer.slice(pointer.lastIndexOf('/') + 1);
  if (key === 'when' && node?.type === 'string') return { code: 'formula_in_when', params: { formula: node.value } };
  const isCondition = node?.type === 'object' && ['fact', 'all', 'any', 'not'].some((k) => member(node, k) !== undefined);
  if (isCondition && FORMULA_KEYS.has(key)) return { code: 'condition_in_formula', params: { formula: asFormula(node) } };
  return undefined;
}
