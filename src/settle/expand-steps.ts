/**
 * `steps` with every `for` loop unrolled: one site per step, with the loop variables it is
 * written under. A loop variable may not shadow an outer one or a declared name.
 */
import type { Issue } from '../issues/issue.js';
import { member, toPlain, type JsonNode, type JsonObject } from '../json/read-json.js';
import { kindedStep } from './rule-json.js';
import type { StepSite } from './model.js';
import { issueAt, type SourceDoc } from './source.js';

export const MAX_EXPANDED_STEPS = 10_000;

/** The step sites, or undefined (with too_many_steps) when the loops make more than the limit. */
export function expandSteps(doc: SourceDoc, root: JsonObject, declared: ReadonlyMap<string, unknown>, issues: Issue[]): StepSite[] | undefined {
  const sites: StepSite[] = [];
  const expand = (list: JsonNode, pointer: string, vars: ReadonlyMap<string, string>): void => {
    if (list.type !== 'array') return;
    list.items.forEach((item, i) => {
      const p = `${pointer}/${i}`;
      const obj = item as JsonObject;
      const forNode = member(obj, 'for');
      if (forNode?.type === 'object') {
        const v = forNode.keys[0] as string;
        if (vars.has(v) || declared.has(v)) issues.push(issueAt(doc, 'duplicate_name', `${p}/for/${v}`, { name: v, first: 'an outer loop or a declared name' }));
        const valuesNode = forNode.values[0];
        for (const val of valuesNode?.type === 'array' ? valuesNode.items : []) {
          const inner = new Map(vars);
          inner.set(v, val.type === 'string' ? val.value : '');
          expand(member(obj, 'steps') as JsonNode, `${p}/steps`, inner);
        }
        return;
      }
      if (sites.length >= MAX_EXPANDED_STEPS) return;
      sites.push({ kinded: kindedStep(toPlain(obj) as object), pointer: p, vars });
    });
  };
  expand(member(root, 'steps') as JsonNode, '/steps', new Map());
  if (sites.length < MAX_EXPANDED_STEPS) return sites;
  issues.push(issueAt(doc, 'too_many_steps', '/steps', { limit: MAX_EXPANDED_STEPS }));
  return undefined;
}
