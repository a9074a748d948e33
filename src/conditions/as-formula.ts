/**
 * A condition in json-rules-engine form written as the formula it means: `{ "fact": "score",
 * "operator": "gte", "value": 90 }` is `score >= 90`; `all`, `any` and `not` are `and`, `or` and
 * `not`; `in` a list is a chain of `==`. A decision over a table's rows tests each row's columns
 * through this formula, compiled like any other in the row's scope.
 */
import { member, type JsonNode } from '../json/read-json.js';

const OPERATORS: Readonly<Record<string, string>> = { eq: '==', ne: '!=', lt: '<', lte: '<=', gt: '>', gte: '>=', equal: '==', notEqual: '!=' };

/** A name as written in a condition (`{f}` filled in by `fill`). */
type Fill = (name: string) => string;

function valueText(value: JsonNode, fill: Fill): string | undefined {
  if (value.type === 'number') return value.raw;
  if (value.type === 'boolean') return value.value ? 'true' : 'false';
  if (value.type === 'string') return /['"\\]/.test(value.value) ? undefined : `'${value.value}'`;
  const other = value.type === 'object' ? member(value, 'fact') : undefined;
  return other?.type === 'string' ? fill(other.value) : undefined;
}

/** Numbers and rates are compared as written (`10%`, `90`); text is quoted. */
function comparison(node: JsonNode, fill: Fill): string | undefined {
  const fact = member(node, 'fact');
  const op = member(node, 'operator');
  const value = member(node, 'value');
  if (fact?.type !== 'string' || op?.type !== 'string' || !value) return undefined;
  const left = fill(fact.value);
  if (op.value === 'in' || op.value === 'notIn') {
    if (value.type !== 'array' || value.items.length === 0) return undefined;
    const items = value.items.map((v) => valueText(v, fill));
    if (items.some((x) => x === undefined)) return undefined;
    const any = `(${items.map((x) => `${left} == ${x as string}`).join(' or ')})`;
    return op.value === 'in' ? any : `not ${any}`;
  }
  const symbol = OPERATORS[op.value];
  const right = value.type === 'string' && symbol !== undefined && op.value !== 'equal' && op.value !== 'notEqual' ? value.value : valueText(value, fill);
  return symbol === undefined || right === undefined ? undefined : `${left} ${symbol} ${right}`;
}

/** The formula a condition means, or undefined when it cannot be written as one. */
export function conditionFormula(node: JsonNode, fill: Fill = (n) => n, depth = 0): string | undefined {
  if (node.type !== 'object' || depth > 32) return undefined;
  for (const [key, join] of [['all', ' and '], ['any', ' or ']] as const) {
    const list = member(node, key);
    if (!list) continue;
    if (list.type !== 'array' || list.items.length === 0) return undefined;
    const parts = list.items.map((c) => conditionFormula(c, fill, depth + 1));
    return parts.some((x) => x === undefined) ? undefined : `(${parts.join(join)})`;
  }
  const not = member(node, 'not');
  if (not) {
    const inner = conditionFormula(not, fill, depth + 1);
    return inner === undefined ? undefined : `not (${inner})`;
  }
  return comparison(node, fill);
}
