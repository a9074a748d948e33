/**
 * The declared inputs and parameters as plain data for the playground and documentation: kinds,
 * labels, bounds and choices, so a form or a grid can show and check what the engine will.
 */
import { formatNumber } from '../money/decimal-string.js';
import type { InputInfo, MemberInfo, ValueRules } from './model.js';
import type { InputDecl, ScalarDecl } from './declarations.js';
import { boundsOf } from './rates.js';

/** Bounds and choices of a declaration, only those it has. */
export function valueRules(decl: Pick<ScalarDecl, 'kind' | 'min' | 'max' | 'choiceInfos' | 'choices'>): Partial<ValueRules> {
  const { min, max } = boundsOf(decl);
  const choices = decl.choiceInfos ?? decl.choices?.map((value) => ({ value }));
  return {
    ...(min ? { min: formatNumber(min) } : {}),
    ...(max ? { max: formatNumber(max) } : {}),
    ...(choices ? { choices } : {}),
  };
}

function member(name: string, d: ScalarDecl | { readonly kind: 'map'; readonly label: ScalarDecl['label'] }): MemberInfo {
  return { name, kind: d.kind, ...(d.label ? { label: d.label } : {}), ...(d.kind === 'map' ? {} : valueRules(d)) };
}

/** One declared input as the public RuleFile lists it. */
export function describeInput(d: InputDecl): InputInfo {
  switch (d.shape) {
    case 'scalar':
      return { name: d.name, shape: 'scalar', kind: d.decl.kind, ...(d.decl.label ? { label: d.decl.label } : {}), ...valueRules(d.decl) };
    case 'list':
      return { name: d.name, shape: 'list', kind: d.of, ...(d.label ? { label: d.label } : {}) };
    case 'group':
      return { name: d.name, shape: 'group', ...(d.label ? { label: d.label } : {}), members: [...d.fields].map(([name, f]) => member(name, f)) };
    case 'table':
      return { name: d.name, shape: 'table', ...(d.label ? { label: d.label } : {}), members: [...d.columns].map(([name, c]) => member(name, c)) };
  }
}
