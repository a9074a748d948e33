/**
 * Pass 1 of planning: every step's static output names (with their kinds) and the columns steps
 * add to tables become known, so that pass 2 compiles each formula against the complete set.
 */
import { MONEY, NUMBER, isNumeric, type Ty } from '../formula/types.js';
import { member, nodeAt, type JsonNode } from '../json/read-json.js';
import { scalarTy, type ScalarKind } from './declarations.js';
import type { PlanContext, StepSite } from './model.js';
import type { Define } from './names.js';
import { stepKind } from './steps/index.js';
import { substitute } from './template.js';

/** Names that would reach an object's prototype if used as a row property. */
const FORBIDDEN_COLUMNS = new Set(['__proto__', 'constructor', 'prototype']);

const STATIC_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

/** Registers a step's static output names (with their kinds) and computed table columns. */
export function declareOutputs(site: StepSite, ctx: PlanContext, define: Define): void {
  const n = site.node;
  const p = site.pointer;
  const staticName = (key: string, pointer: string, ty: Ty, kind: ScalarKind): void => {
    const name = substitute((nodeAt(ctx.doc.root, pointer) as { value: string }).value, site.vars);
    if (!STATIC_NAME.test(name)) {
      ctx.issue('bad_template', pointer, { template: name, detail: `only loop variables can be filled in here (${key})` });
      return;
    }
    const off = nodeAt(ctx.doc.root, pointer)?.offset;
    define(name, ty, kind, 'step', site.pointer, off);
  };
  const kindOf = (): ScalarKind => ((member(n, 'kind') as { value: string } | undefined)?.value ?? 'money') as ScalarKind;
  const column = (tableName: string, col: string, kind: ScalarKind, ty: Ty): void => {
    if (FORBIDDEN_COLUMNS.has(col)) {
      ctx.issue('reserved_name', `${p}/column`, { name: col });
      return;
    }
    const t = ctx.tables.get(tableName);
    if (!t) {
      ctx.issue(ctx.globals.has(tableName) ? 'unknown_table' : 'unknown_name', `${p}/over`, { name: tableName });
      return;
    }
    if (t.columns.has(col) || (t.computed.has(col) && t.computed.get(col) !== kind)) {
      if (t.columns.has(col)) ctx.issue('duplicate_name', `${p}/column`, { name: col, first: `the input table ${tableName}` });
      return;
    }
    t.computed.set(col, kind);
    t.table.columns.set(col, ty);
  };
  switch (stepKind(n)) {
    case 'waterfall':
      (member(n, 'payers') as Extract<JsonNode, { type: 'array' }>).items.forEach((_, i) => staticName('name', `${p}/payers/${i}/name`, MONEY, 'money'));
      if (member(n, 'rest')) staticName('rest', `${p}/rest`, MONEY, 'money');
      return;
    case 'tiers': {
      staticName('name', `${p}/name`, MONEY, 'money');
      const bands = member(member(n, 'tiers'), 'bands') as Extract<JsonNode, { type: 'array' }>;
      bands.items.forEach((b, i) => {
        if (member(b, 'slice')) staticName('slice', `${p}/tiers/bands/${i}/slice`, MONEY, 'money');
        if (member(b, 'amount')) staticName('amount', `${p}/tiers/bands/${i}/amount`, MONEY, 'money');
      });
      return;
    }
    case 'total': {
      const from = ctx.tables.get(ctx.str(site, 'from') as string);
      const col = ctx.str(site, 'total') as string;
      const ty = from?.table.columns.get(col);
      if (!from) ctx.issue('unknown_table', `${p}/from`, { name: ctx.str(site, 'from') as string });
      else if (!ty || !isNumeric(ty)) ctx.issue('unknown_column', `${p}/total`, { table: from.name, column: col });
      else {
        const kind: ScalarKind = ty.k === 'money' ? 'money' : 'number';
        column(ctx.str(site, 'over') as string, ctx.str(site, 'column') as string, kind, ty.k === 'money' ? MONEY : NUMBER);
      }
      return;
    }
    case 'split-parts':
      (member(n, 'parts') as Extract<JsonNode, { type: 'array' }>).items.forEach((_, i) => staticName('name', `${p}/parts/${i}/name`, MONEY, 'money'));
      return;
    case 'split-rows':
      if (member(n, 'column')) column(ctx.str(site, 'over') as string, ctx.str(site, 'column') as string, 'money', MONEY);
      return;
    case 'row-compute': {
      const kind = kindOf();
      column(ctx.str(site, 'over') as string, ctx.str(site, 'column') as string, kind, scalarTy(kind));
      return;
    }
    case 'decide':
    case 'compute': {
      const kind = kindOf();
      staticName('name', `${p}/name`, scalarTy(kind), kind);
    }
  }
}

