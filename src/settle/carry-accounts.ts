/**
 * The rule file's `carry` (next year's input ← this year's value) and `accounts` (the ledger's
 * named accounts, with which of them close at year end), read once the steps are known.
 */
import { isNumeric } from '../formula/types.js';
import { escapePointerToken, member, nodeAt, type JsonObject } from '../json/read-json.js';
import type { GlobalInfo, Label, PlanContext, StepSite } from './model.js';
import { labelOf } from './read-declarations.js';
import { issueAt } from './source.js';
import { substitute } from './template.js';

/** Multi-year carry: each target a declared single input, each source a step value of the same kind. */
export function readCarry(root: JsonObject, globals: ReadonlyMap<string, GlobalInfo>, ctx: PlanContext): { input: string; value: string }[] {
  const carry: { input: string; value: string }[] = [];
  const carryNode = member(root, 'carry');
  if (carryNode?.type !== 'object') return carry;
  carryNode.keys.forEach((input, i) => {
    const valueNode = carryNode.values[i];
    const value = valueNode?.type === 'string' ? valueNode.value : '';
    const pointer = `/carry/${escapePointerToken(input)}`;
    const target = globals.get(input);
    const from = globals.get(value);
    if (!target || target.source !== 'input' || target.kind === 'table' || target.kind === 'list') {
      ctx.issues.push(issueAt(ctx.doc, 'unknown_input', pointer, { name: input, expected: 'a declared single input or group field' }, carryNode.keyOffsets[i]));
    } else if (!from || from.source !== 'step') {
      ctx.issue('unknown_name', pointer, { name: value, suggestion: '' });
    } else if (from.kind !== target.kind && !(isNumeric(from.ty) && isNumeric(target.ty) && from.ty.k === target.ty.k)) {
      ctx.issue('kind_mismatch', pointer, { detail: `${input} is ${target.kind} but ${value} is ${from.kind}` });
    } else carry.push({ input, value });
  });
  return carry;
}

/** The declared accounts with their labels, and those that close at year end; transfers checked against them. */
export function readAccounts(root: JsonObject, sites: readonly StepSite[], ctx: PlanContext): { accounts: Map<string, Label | undefined>; closing: string[] } {
  const accounts = new Map<string, Label | undefined>();
  const closing: string[] = [];
  const accountsNode = member(root, 'accounts');
  if (accountsNode?.type === 'object') {
    accountsNode.keys.forEach((k, i) => {
      const account = accountsNode.values[i];
      accounts.set(k, labelOf(member(account, 'label')));
      const closes = member(account, 'closes');
      if (closes?.type === 'boolean' && closes.value) closing.push(k);
    });
  }
  if (accounts.size > 0) checkAccounts(sites, accounts, ctx);
  return { accounts, closing };
}

/** When a rule file declares its accounts, every transfer must name declared ones (typos). */
function checkAccounts(sites: readonly StepSite[], accounts: ReadonlyMap<string, Label | undefined>, ctx: PlanContext): void {
  const check = (site: StepSite, pointer: string): void => {
    const n = nodeAt(ctx.doc.root, pointer);
    if (n?.type !== 'string') return;
    const name = substitute(n.value, site.vars);
    if (name.includes('{') || accounts.has(name)) return;
    ctx.issue('unknown_name', pointer, { name, suggestion: [...accounts.keys()].join(', ') });
  };
  for (const site of sites) {
    const p = site.pointer;
    check(site, `${p}/transfer/from`);
    check(site, `${p}/transfer/to`);
    check(site, `${p}/to`);
    const k = site.kinded;
    const lists: readonly (readonly [string, readonly unknown[]])[] = k.kind === 'split-parts' ? [['parts', k.step.parts]] : k.kind === 'waterfall' ? [['payers', k.step.payers]] : [];
    for (const [list, items] of lists) {
      items.forEach((_, i) => {
        check(site, `${p}/${list}/${i}/transfer/from`);
        check(site, `${p}/${list}/${i}/transfer/to`);
        check(site, `${p}/${list}/${i}/from`);
      });
    }
  }
}

