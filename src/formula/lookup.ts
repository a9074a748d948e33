/**
 * lookup(map, x): the value at the greatest key not above x, the keys read as numbers — a step
 * table (a score of 90 and above → 100 %, from 80 → 95 %, below → 90 %) as Excel's LOOKUP, or
 * VLOOKUP with an approximate match, gives it. An x below every key, or a key that is not a
 * number, stops the settlement with the reason.
 */
import { compareSettled } from '../money/cut-quotients.js';
import { parseDecimalText } from '../money/decimal-string.js';
import type { Exact } from '../money/exact.js';
import { arity, numericArg, type Call, type CompileNode, type Compiled1 } from './call-args.js';
import { EvalStop, fail, type Scope } from './context.js';
import { describeTy } from './types.js';
import type { Ast } from './parse.js';

type Steps = { readonly keys: readonly Exact[]; readonly values: readonly Exact[] } | { readonly bad: string };

/** Each map's keys read and sorted once: a map is a parameter's value, the same for every row. */
const read = new WeakMap<ReadonlyMap<string, Exact>, Steps>();

function stepsOf(map: ReadonlyMap<string, Exact>): Steps {
  const known = read.get(map);
  if (known) return known;
  const pairs: [Exact, Exact][] = [];
  let steps: Steps | undefined;
  for (const [key, value] of map) {
    const k = parseDecimalText(key, { percent: true });
    if (!k.ok) {
      steps = { bad: `lookup: the key "${key.slice(0, 40)}" is not a number` };
      break;
    }
    pairs.push([k.value, value]);
  }
  if (!steps) {
    pairs.sort((a, b) => a[0].comparedTo(b[0]));
    steps = { keys: pairs.map((p) => p[0]), values: pairs.map((p) => p[1]) };
  }
  read.set(map, steps);
  return steps;
}

export function lookupCall(ast: Call, scope: Scope, node: CompileNode): Compiled1 {
  arity(ast, 2, 2, '2 (map, number)');
  const m = node(ast.args[0] as Ast, scope);
  if (m.ty.k !== 'map') return fail('kind_mismatch', ast.pos, { detail: `lookup() needs a map of values by threshold first, got ${describeTy(m.ty)}` });
  const x = numericArg(ast.args[1] as Ast, scope, 'lookup', node);
  const mf = m.fn;
  const xf = x.fn;
  return {
    fn: (env) => {
      const steps = stepsOf(mf(env) as ReadonlyMap<string, Exact>);
      if ('bad' in steps) throw new EvalStop({ code: 'not_a_number', params: { detail: steps.bad } });
      const v = xf(env);
      // The greatest key not above v, by halving.
      let lo = 0;
      let hi = steps.keys.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (compareSettled(steps.keys[mid] as Exact, v) <= 0) lo = mid + 1;
        else hi = mid;
      }
      if (lo === 0) throw new EvalStop({ code: 'not_a_number', params: { detail: `lookup: ${v.toFixed()} is below the smallest key${steps.keys.length > 0 ? ` ${(steps.keys[0] as Exact).toFixed()}` : ''}` } });
      return steps.values[lo - 1] as Exact;
    },
    ty: m.ty.of,
  };
}
