/**
 * Conditions in json-rules-engine's JSON form ({ all | any | not, fact, operator, value }),
 * compiled once to synchronous closures. Numbers are compared as exact decimals by our own
 * operators (eq, ne, lt, lte, gt, gte): json-rules-engine's built-in numeric operators would
 * compare decimal strings as text ("9" > "10"), so they are refused for numeric facts.
 * `rules-engine.ts` evaluates the same JSON with json-rules-engine itself, and the tests keep
 * both in agreement.
 */
import type { ParamsOf } from '../issues/codes.js';
import { parseDecimalText } from '../money/decimal-string.js';
import { Exact } from '../money/exact.js';
import type { Env, Global } from '../formula/compile.js';
import { describeTy, isNumeric, type Ty, type Value } from '../formula/types.js';
import type { JsonNode, JsonObject } from '../json/read-json.js';
import { member } from '../json/read-json.js';
import { compareSettled } from '../money/cut-quotients.js';

/** Our decimal-aware operators, registered with json-rules-engine under the same names. */
export const DECIMAL_OPERATORS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte'] as const;
export type DecimalOperator = (typeof DECIMAL_OPERATORS)[number];
/** json-rules-engine's built-ins that are safe for text and true/false facts. */
export const TEXT_OPERATORS = ['equal', 'notEqual', 'in', 'notIn'] as const;
const BUILTIN_NUMERIC = ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'];

/** A condition as plain JSON, exactly as json-rules-engine reads it (numbers as decimal text). */
export type ConditionJson =
  | { readonly all: readonly ConditionJson[] }
  | { readonly any: readonly ConditionJson[] }
  | { readonly not: ConditionJson }
  | { readonly fact: string; readonly operator: string; readonly value: string | boolean | readonly (string | boolean)[] | { readonly fact: string } };

type ConditionCode = 'bad_condition' | 'unknown_name' | 'numeric_operator_on_text' | 'not_decimal' | 'too_many_digits' | 'kind_mismatch';

export interface ConditionProblem {
  readonly code: ConditionCode;
  readonly node: JsonNode;
  readonly params: ParamsOf<ConditionCode>;
}

export interface CompiledCondition {
  readonly test: (env: Env) => boolean;
  /** The condition as json-rules-engine JSON, numbers as exact decimal strings. */
  readonly json: ConditionJson;
  /** Names of the facts it reads. */
  readonly facts: readonly string[];
}

class Stop {
  constructor(readonly problem: ConditionProblem) {}
}

export function decimalCompare(op: DecimalOperator, a: Exact, b: Exact): boolean {
  const c = compareSettled(a, b);
  switch (op) {
    case 'eq':
      return c === 0;
    case 'ne':
      return c !== 0;
    case 'lt':
      return c < 0;
    case 'lte':
      return c <= 0;
    case 'gt':
      return c > 0;
    case 'gte':
      return c >= 0;
  }
}

/** Compiles a condition node of a rule file against the named values. */
export function compileCondition(
  node: JsonNode,
  globals: ReadonlyMap<string, Global>,
  factText: (node: JsonNode) => string | undefined,
  fillName: (name: string) => string = (name) => name,
): { ok: true; value: CompiledCondition } | { ok: false; problem: ConditionProblem } {
  const facts: string[] = [];
  const stop = (code: ConditionProblem['code'], at: JsonNode, params: ConditionProblem['params']): never => {
    throw new Stop({ code, node: at, params });
  };
  const factOf = (at: JsonNode, name: string): Global & { name: string } => {
    const g = globals.get(name);
    if (!g) return stop('unknown_name', at, { name });
    if (!facts.includes(name)) facts.push(name);
    return { ...g, name };
  };
  const walk = (n: JsonNode, depth: number): { test: (env: Env) => boolean; json: ConditionJson } => {
    if (depth > 32) stop('bad_condition', n, { detail: 'nested more than 32 levels' });
    if (n.type !== 'object') return stop('bad_condition', n, { detail: 'expected an object with all, any, not or fact' });
    const obj = n as JsonObject;
    const all = member(obj, 'all');
    const any = member(obj, 'any');
    const not = member(obj, 'not');
    if (all || any) {
      const list = (all ?? any) as JsonNode;
      if (list.type !== 'array' || list.items.length === 0) stop('bad_condition', list, { detail: '"all"/"any" needs a non-empty list' });
      const parts = (list as Extract<JsonNode, { type: 'array' }>).items.map((c) => walk(c, depth + 1));
      const tests = parts.map((p) => p.test);
      if (all) return { test: (env) => tests.every((t) => t(env)), json: { all: parts.map((p) => p.json) } };
      return { test: (env) => tests.some((t) => t(env)), json: { any: parts.map((p) => p.json) } };
    }
    if (not) {
      const inner = walk(not, depth + 1);
      const t = inner.test;
      return { test: (env) => !t(env), json: { not: inner.json } };
    }
    const factNode = member(obj, 'fact');
    const opNode = member(obj, 'operator');
    const valueNode = member(obj, 'value');
    if (!factNode || factNode.type !== 'string') return stop('bad_condition', n, { detail: 'a condition needs "fact" (a value name), "operator" and "value"' });
    if (!opNode || opNode.type !== 'string') return stop('bad_condition', n, { detail: 'missing "operator"' });
    if (!valueNode) return stop('bad_condition', n, { detail: 'missing "value"' });
    const fact = factOf(factNode, fillName(factNode.value));
    const op = opNode.value;
    const slot = fact.slot;
    if (isNumeric(fact.ty)) {
      if (BUILTIN_NUMERIC.includes(op) || op === 'equal' || op === 'notEqual') {
        stop('numeric_operator_on_text', opNode, { operator: op, expected: DECIMAL_OPERATORS.join(', ') });
      }
      if (!(DECIMAL_OPERATORS as readonly string[]).includes(op)) {
        stop('bad_condition', opNode, { detail: `unknown operator "${op}" for a number; use ${DECIMAL_OPERATORS.join(', ')}` });
      }
      const dop = op as DecimalOperator;
      const ref = valueNode.type === 'object' ? member(valueNode, 'fact') : undefined;
      if (ref) {
        if (ref.type !== 'string') return stop('bad_condition', valueNode, { detail: '"value": { "fact": name }' });
        const other = factOf(ref, fillName(ref.value));
        if (!isNumeric(other.ty) || (other.ty.k !== fact.ty.k && fact.ty.k !== 'const' && other.ty.k !== 'const')) {
          stop('kind_mismatch', ref, { detail: `comparing ${describeTy(fact.ty)} with ${describeTy(other.ty)}` });
        }
        const os = other.slot;
        return {
          test: (env) => decimalCompare(dop, env.slots[slot] as Exact, env.slots[os] as Exact),
          json: { fact: fact.name, operator: dop, value: { fact: other.name } },
        };
      }
      const text = factText(valueNode);
      if (text === undefined) return stop('not_decimal', valueNode, { received: 'a non-number' });
      const parsed = parseDecimalText(text, { percent: true });
      if (!parsed.ok) return stop(parsed.reason, valueNode, { received: text, limit: 40 });
      const v = parsed.value;
      return {
        test: (env) => decimalCompare(dop, env.slots[slot] as Exact, v),
        json: { fact: fact.name, operator: dop, value: v.toFixed() },
      };
    }
    return textComparison(fact, op, opNode, valueNode);
  };
  try {
    const { test, json } = walk(node, 0);
    return { ok: true, value: { test, json, facts } };
  } catch (e) {
    if (e instanceof Stop) return { ok: false, problem: e.problem };
    throw e;
  }
}

/** A condition on a text or true/false fact: json-rules-engine's equality and membership, exact here. */
function textComparison(fact: Global & { name: string }, op: string, opNode: JsonNode, valueNode: JsonNode): { test: (env: Env) => boolean; json: ConditionJson } {
  const stop = (code: ConditionProblem['code'], at: JsonNode, params: ConditionProblem['params']): never => {
    throw new Stop({ code, node: at, params });
  };
  const slot = fact.slot;
  // Text and true/false facts: json-rules-engine's equality and membership are exact here.
  if (!(TEXT_OPERATORS as readonly string[]).includes(op)) {
    stop('bad_condition', opNode, { detail: `operator "${op}" cannot test ${describeTy(fact.ty)}; use ${TEXT_OPERATORS.join(', ')}` });
  }
  const scalar = (v: JsonNode): string | boolean => {
    if (fact.ty.k === 'boolean' && v.type === 'boolean') return v.value as boolean;
    if (fact.ty.k === 'text' && v.type === 'string') return v.value;
    return stop('kind_mismatch', v, { detail: `the value must be ${describeTy(fact.ty)}` });
  };
  if (op === 'in' || op === 'notIn') {
    if (valueNode.type !== 'array') return stop('bad_condition', valueNode, { detail: `"${op}" needs a list` });
    const set = valueNode.items.map(scalar);
    const has = (env: Env): boolean => set.includes(env.slots[slot] as string | boolean);
    return { test: op === 'in' ? has : (env) => !has(env), json: { fact: fact.name, operator: op, value: set } };
  }
  const want = scalar(valueNode);
  return {
    test: op === 'equal' ? (env) => env.slots[slot] === want : (env) => env.slots[slot] !== want,
    json: { fact: fact.name, operator: op, value: want },
  };
}

/** Fact values for json-rules-engine: numbers as exact decimal strings. */
export function factValue(v: Value, ty: Ty): string | boolean {
  if (isNumeric(ty)) return (v as Exact).toFixed();
  return v as string | boolean;
}

