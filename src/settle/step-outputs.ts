/**
 * Pass 1 of planning: every step's static output names (with their kinds) and the columns steps
 * add to tables become known, so that pass 2 compiles each formula against the complete set.
 */
import { MONEY, NUMBER, isNumeric, type Ty } from '../formula/types.js';
import { nodeAt } from '../json/read-json.js';
import { scalarTy, type ScalarKind } from './declarations.js';
import type { PlanContext, StepSite } from './model.js';
import type { Define } from './names.js';

/** Names that would reach an object's prototype if used as a row property. */
const FORBIDDEN_COLUMNS = new Set(['__proto__', 'constructor', 'prototype']);

const STATIC_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

/** Registers a step's static output names (with their kinds) and computed table columns. */
export function declareOutputs(site: StepSite, ctx: PlanContext, define: Define): void {
  const p = site.pointer;
  const staticName = (key: string, pointer: string, written: string, ty: Ty, kind: ScalarKind): void => {
    const name = ctx.text(site, written);
    if (!STATIC_NAME.test(name)) {
      ctx.issue('bad_template', pointer, { template: name, detail: `only loop variables can be filled in here (${key})` });
      return;
    }
    define(name, ty, kind, 'step', site.pointer, nodeAt(ctx.doc.root, pointer)?.offset);
  };
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
  const k = site.kinded;
  const perRow = k.kind === 'total' || k.kind === 'split-rows' || k.kind === 'row-compute' || k.kind === 'tiers' || k.kind === 'decide' ? k.step : undefined;
  if (perRow?.over !== undefined && perRow.name !== undefined) {
    // A name per row (`points.{id}`): remembered with the column that holds the same value.
    const m = /^([A-Za-z_][A-Za-z0-9_.]*)\.\{[A-Za-z0-9_]+\}$/.exec(ctx.text(site, perRow.name));
    const col = perRow.column;
    if (m) ctx.rowNames.set(m[1] as string, { table: ctx.text(site, perRow.over), column: col === undefined ? undefined : ctx.text(site, col) });
  }
  switch (k.kind) {
    case 'waterfall':
      k.step.payers.forEach((payer, i) => staticName('name', `${p}/payers/${i}/name`, payer.name, MONEY, 'money'));
      if (k.step.rest !== undefined) staticName('rest', `${p}/rest`, k.step.rest, MONEY, 'money');
      return;
    case 'tiers': {
      const kind = k.step.kind ?? 'money';
      const ty = kind === 'money' ? MONEY : NUMBER;
      if (k.step.over !== undefined && k.step.column !== undefined) {
        column(ctx.text(site, k.step.over), ctx.text(site, k.step.column), kind, ty);
        return;
      }
      if (k.step.name !== undefined) staticName('name', `${p}/name`, k.step.name, ty, kind);
      k.step.tiers.bands.forEach((b, i) => {
        if (b.slice !== undefined) staticName('slice', `${p}/tiers/bands/${i}/slice`, b.slice, ty, kind);
        if (b.amount !== undefined) staticName('amount', `${p}/tiers/bands/${i}/amount`, b.amount, ty, kind);
      });
      return;
    }
    case 'total': {
      const fromName = ctx.text(site, k.step.from);
      const from = ctx.tables.get(fromName);
      const col = ctx.text(site, k.step.total);
      const ty = from?.table.columns.get(col);
      if (!from) ctx.issue('unknown_table', `${p}/from`, { name: fromName });
      else if (!ty || !isNumeric(ty)) ctx.issue('unknown_column', `${p}/total`, { table: from.name, column: col });
      else column(ctx.text(site, k.step.over), ctx.text(site, k.step.column), ty.k === 'money' ? 'money' : 'number', ty.k === 'money' ? MONEY : NUMBER);
      return;
    }
    case 'split-parts':
      k.step.parts.forEach((part, i) => staticName('name', `${p}/parts/${i}/name`, part.name, MONEY, 'money'));
      return;
    case 'split-rows':
      if (k.step.column !== undefined) column(ctx.text(site, k.step.over), ctx.text(site, k.step.column), 'money', MONEY);
      return;
    case 'row-compute':
      column(ctx.text(site, k.step.over), ctx.text(site, k.step.column), k.step.kind, scalarTy(k.step.kind));
      return;
    case 'decide':
      if (k.step.over !== undefined && k.step.column !== undefined) column(ctx.text(site, k.step.over), ctx.text(site, k.step.column), k.step.kind, scalarTy(k.step.kind));
      else if (k.step.name !== undefined) staticName('name', `${p}/name`, k.step.name, scalarTy(k.step.kind), k.step.kind);
      return;
    case 'compute':
      staticName('name', `${p}/name`, k.step.name, scalarTy(k.step.kind), k.step.kind);
  }
}
