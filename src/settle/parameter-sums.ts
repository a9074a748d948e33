/**
 * Parameters that a rule file says make a whole: a plausibility condition written as a sum of
 * parameters equal to a constant (`countyRatio + townRatio == 10`, the county:town 6:4 split
 * counted in tenths). The condition refuses values that do not add up before any money moves;
 * knowing it as a sum also lets an editor keep a pair whole — an official who sets the county
 * part to 7 means 7:3, and the town part follows, said on screen.
 */
import { parseFormula, type Ast } from '../formula/parse.js';
import type { Exact } from '../money/exact.js';
import { formatNumber, parseDecimalText, type DecimalString } from '../money/decimal-string.js';

/** Parameters whose values must add up to `total` (a plausibility condition of the rule file). */
export interface ParameterSum {
  /** The parameters, in the order the condition names them. */
  readonly names: readonly string[];
  /** What they add up to, as exact decimal text (`"10"`, a rate's `"1"` for 100%). */
  readonly total: string;
  /** JSON Pointer of the condition (`/plausibility/2`). */
  readonly pointer: string;
}

/** The names of a `a + b + …` chain, or undefined when anything else is in it. */
function namesOf(ast: Ast): string[] | undefined {
  if (ast.t === 'name') return [ast.name];
  if (ast.t !== 'bin' || ast.op !== '+') return undefined;
  const left = namesOf(ast.left);
  const right = namesOf(ast.right);
  return left && right ? [...left, ...right] : undefined;
}

/**
 * The plausibility conditions that state a sum of parameters: `p + q (+ …) == constant`, either
 * side, each parameter once and numeric. Others are ordinary conditions and are left out.
 */
export function findParameterSums(conditions: readonly { readonly formula: string; readonly pointer: string }[], numericParameters: ReadonlySet<string>): ParameterSum[] {
  const sums: ParameterSum[] = [];
  for (const c of conditions) {
    const parsed = parseFormula(c.formula);
    if (!parsed.ok || parsed.ast.t !== 'bin' || parsed.ast.op !== '==') continue;
    const { left, right } = parsed.ast;
    const [chain, constant] = left.t === 'num' ? [right, left] : [left, right];
    if (constant.t !== 'num') continue;
    const names = namesOf(chain);
    if (!names || names.length < 2 || new Set(names).size !== names.length || !names.every((n) => numericParameters.has(n))) continue;
    sums.push({ names, total: formatNumber(constant.value), pointer: c.pointer });
  }
  return sums;
}

/**
 * The value that keeps a two-parameter sum whole when one of them is set: `total − value`, exact.
 * `value` is decimal text, or a percentage such as `"70%"` (answered as one). Undefined when the parameter is not
 * in the sum, the sum has more than two parameters (which one would follow is not said), or the
 * text is not a number.
 *
 * @example complementInSum({ names: ['countyRatio', 'townRatio'], total: '10', pointer: '/plausibility/2' }, 'countyRatio', '7')
 * // { name: 'townRatio', value: '3' }
 */
export function complementInSum(sum: ParameterSum, name: string, value: string): { readonly name: string; readonly value: DecimalString } | undefined {
  if (sum.names.length !== 2 || !sum.names.includes(name)) return undefined;
  const other = sum.names[0] === name ? sum.names[1] : sum.names[0];
  const given = parseDecimalText(value.trim(), { percent: true });
  const total = parseDecimalText(sum.total);
  if (other === undefined || !given.ok || !total.ok) return undefined;
  const rest: Exact = total.value.minus(given.value);
  // Given in percent, answered in percent: a rate typed as 70% is followed by 30%.
  return { name: other, value: given.percent ? (`${formatNumber(rest.times(100))}%` as DecimalString) : formatNumber(rest) };
}
