/**
 * Conditions a rule file states about its figures. `checks` are verified after the settlement
 * and reported beside it; `plausibility` conditions run before any money moves: each as soon as
 * every value it reads is known, and the first that fails refuses the settlement with the
 * figures it read (a package below zero is never split among members).
 */
import { describeTy } from '../formula/types.js';
import { makeIssue, type Issue } from '../issues/issue.js';
import { member, toPlain, type JsonObject } from '../json/read-json.js';
import type { AssertPlan, GlobalInfo, PlanContext } from './model.js';
import type { AssertJson } from './rule-json.js';
import type { Op } from './plan.js';
import { printValue } from './print.js';
import type { Value } from '../formula/types.js';
import { positionOf, type SourceDoc } from './source.js';
import { nodeAt } from '../json/read-json.js';

/** Compiles the conditions listed under `key` ("checks" or "plausibility"); problems go to ctx. */
export function compileAsserts(root: JsonObject, key: 'checks' | 'plausibility', ctx: PlanContext): AssertPlan[] {
  const out: AssertPlan[] = [];
  const list = member(root, key);
  if (list?.type !== 'array') return out;
  // The schema has checked each item's shape: a name, an assert formula, maybe a label.
  const items = toPlain(list) as readonly AssertJson[];
  items.forEach((item, i) => {
    const pointer = `/${key}/${i}`;
    const text = item.assert;
    const compiled = ctx.formula(`${pointer}/assert`, text);
    if (!compiled) return;
    if (compiled.ty.k !== 'boolean') {
      ctx.issue('kind_mismatch', `${pointer}/assert`, { detail: `a check must be true/false, got ${describeTy(compiled.ty)}` });
      return;
    }
    out.push({ name: item.name, formula: text, compiled, pointer, label: item.label });
  });
  return out;
}

/**
 * When each plausibility condition runs: entry k lists those to run after the k-th operation
 * (entry 0: before any), i.e. right after the last step that makes a value they read.
 */
export function scheduleGuards(ops: readonly Op[], guards: readonly AssertPlan[]): readonly (readonly AssertPlan[])[] {
  const producedAt = new Map<string, number>();
  ops.forEach((op, k) => {
    for (const o of op.outputs) producedAt.set(o, k + 1);
    // A step that adds a column to a table changes what a condition reading that column sees;
    // one that adds a column it does not name (a split's parts) changes any reading of the table.
    if (op.columnOf !== undefined) {
      const key = op.column === undefined ? op.columnOf : `${op.columnOf}.${op.column}`;
      producedAt.set(key, Math.max(producedAt.get(key) ?? 0, k + 1));
    }
  });
  const schedule: AssertPlan[][] = Array.from({ length: ops.length + 1 }, () => []);
  for (const g of guards) {
    let after = 0;
    for (const d of [...g.compiled.deps, ...g.compiled.columns]) after = Math.max(after, producedAt.get(d) ?? 0);
    (schedule[after] as AssertPlan[]).push(g);
  }
  return schedule;
}

/** The issue for a failed plausibility condition: its name, formula and the figures it read. */
export function plausibilityIssue(doc: SourceDoc, guard: AssertPlan, globals: ReadonlyMap<string, GlobalInfo>, slots: readonly Value[]): Issue {
  const figures = guard.compiled.deps
    .map((d) => {
      const g = globals.get(d);
      return g ? `${d} = ${printValue(g.kind, slots[g.slot])}` : d;
    })
    .join(', ');
  const at = positionOf(doc, nodeAt(doc.root, `${guard.pointer}/assert`)?.offset);
  const params = { name: guard.name, assert: guard.formula, figures, labelZh: guard.label?.zh ?? guard.name, labelEn: guard.label?.en ?? guard.name };
  return makeIssue('plausibility_failed', doc.file, guard.pointer, params, at);
}
