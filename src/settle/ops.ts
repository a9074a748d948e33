/**
 * Each step kind compiled to an operation: what it reads, what it names, and a run function that
 * computes exactly, writes the named values, and records figures, transfers, checks and decisions.
 */
import type { CompiledCondition, ConditionJson } from '../conditions/conditions.js';
import { factValue } from '../conditions/conditions.js';
import { EvalStop, charge, type Compiled, type Env } from '../formula/compile.js';
import { PLACEHOLDER, substitute } from './template.js';
import { CHECK_TEXT, nameLabel, stepLabel } from './check-labels.js';
import { describeTy, isNumeric, type Row, type TableTy, type TableValue, type Ty, type Value } from '../formula/types.js';
import { member, type JsonNode } from '../json/read-json.js';
import { formatMoney, formatNumber } from '../money/decimal-string.js';
import { D, ZERO, type Dec } from '../money/decimal.js';
import { RunningSum } from '../money/exact.js';
import { setOwn } from './record.js';
import { round as roundTo, type RoundingMode } from '../money/round.js';
import { split } from '../money/split.js';
import type { GlobalInfo, PlanContext, StepSite } from './model.js';
import type { FigureParts, Op, RunCtx, TotalSums } from './plan.js';

export type { DecisionRecord, FigureParts, Op, RunCtx, StreamRole, TotalSums } from './plan.js';
import type { ScalarKind } from './declarations.js';
import type { Figure, Position } from './types.js';

interface Rounding {
  readonly places: number;
  readonly mode: RoundingMode;
}

/** How a split made its parts, for the trace (Chinese / English). */
const LARGEST_REMAINDER_NOTE =
  '最大余额法：每份先取精确份额按分向下取整，剩余的分依次给余数最大的份，余数相同给排在前面的 / largest remainder: each part gets the floor of its exact share in fen; leftover fen go to the largest remainders, ties to the earlier part';

const num = (c: Compiled): ((env: Env) => Dec) => c.fn as (env: Env) => Dec;

function readRounding(n: JsonNode | undefined): Rounding | undefined {
  if (!n || n.type !== 'object') return undefined;
  const places = member(n, 'places') as { raw: string };
  const mode = member(n, 'mode') as { value: string } | undefined;
  return { places: Number(places.raw), mode: (mode?.value ?? 'HALF_UP') as RoundingMode };
}

function applyRounding(v: Dec, r: Rounding | undefined): Dec {
  return r ? roundTo(v, r.places, r.mode) : v.isZero() ? ZERO : v;
}

/** Figure fields that say what rounding did: the exact value when it differs from the printed one. */
function exactness(kind: ScalarKind, exact: Dec, rounded: Dec, r: Rounding | undefined): Pick<Figure, 'exact' | 'rounding'> {
  const out: { exact?: string; rounding?: Rounding } = {};
  if (r) out.rounding = r;
  if (!exact.eq(rounded) || (kind === 'money' && rounded.decimalPlaces() > 2)) out.exact = formatNumber(exact);
  return out;
}

/**
 * `base` and then `extra`, in a new object. Built by assignment: spreading an object whose keys
 * were set by name at run time (as inputsOf's are) costs V8 some microseconds each time.
 */
function inputsWith(base: Readonly<Record<string, string>>, extra: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(base)) setOwn(out, k, base[k] as string);
  for (const k of Object.keys(extra)) setOwn(out, k, extra[k] as string);
  return out;
}

/** Whether a value of static type `ty` may be stored as declared `kind`. */
function assignable(kind: ScalarKind, ty: Ty): boolean {
  if (ty.k === 'const') return kind !== 'boolean' && kind !== 'text';
  if (ty.k === 'money') return kind === 'money';
  if (ty.k === 'number') return kind !== 'money' && kind !== 'boolean' && kind !== 'text';
  if (ty.k === 'boolean') return kind === 'boolean';
  if (ty.k === 'text') return kind === 'text';
  return false;
}

/** A name or account template filled from a row's columns, e.g. "share.{id}". */
function compileTemplate(text: string, table: TableTy, pointer: string, ctx: PlanContext): ((row: Row) => string) | undefined {
  const cols = [...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
  for (const c of cols) {
    const ty = table.columns.get(c);
    if (!ty || !(ty.k === 'text' || isNumeric(ty))) {
      ctx.issue('bad_template', pointer, { template: text, detail: `"${c}" is not a text or number column of ${table.name}` });
      return undefined;
    }
  }
  ctx.read(pointer, cols.map((c) => `${table.name}.${c}`));
  if (cols.length === 0) return () => text;
  // Split once into literal text and column names: filled per row without a regular expression.
  const pieces = text.split(PLACEHOLDER);
  // One text column (`share.{id}`): each id's name is made once and kept, so every settlement of
  // a batch stores the same string, which V8 has already made a property key; hashing and
  // interning a new one in every settlement costs more than this lookup.
  const memo = pieces.length === 3 ? new Map<string, string>() : undefined;
  return (row) => {
    if (memo) {
      const v = row[pieces[1] as string];
      if (typeof v === 'string') {
        let name = memo.get(v);
        if (name === undefined) {
          name = (pieces[0] as string) + v + (pieces[2] as string);
          if (memo.size < 100_000) memo.set(v, name);
        }
        return name;
      }
    }
    let out = pieces[0] as string;
    for (let k = 1; k < pieces.length; k += 2) {
      const v = row[pieces[k] as string];
      out += (typeof v === 'string' ? v : v instanceof D ? formatNumber(v) : '') + (pieces[k + 1] as string);
    }
    return out;
  };
}

function kindCheck(kind: ScalarKind, c: Compiled, pointer: string, ctx: PlanContext): boolean {
  if (assignable(kind, c.ty)) return true;
  ctx.issue('kind_mismatch', pointer, { detail: `the step is declared ${kind} but the formula gives ${describeTy(c.ty)}` });
  return false;
}

function moneyAmount(c: Compiled, pointer: string, ctx: PlanContext): boolean {
  if (c.ty.k === 'money' || c.ty.k === 'const') return true;
  ctx.issue('kind_mismatch', pointer, { detail: `the amount must be money, got ${describeTy(c.ty)}` });
  return false;
}

function numericWeight(c: Compiled, pointer: string, ctx: PlanContext): boolean {
  if (isNumeric(c.ty)) return true;
  ctx.issue('kind_mismatch', pointer, { detail: `a weight must be a number, got ${describeTy(c.ty)}` });
  return false;
}

function splitOrStop(amount: Dec, weights: readonly Dec[], unit: Dec, detail: string, exact = true): { parts: readonly Dec[]; exact: readonly Dec[] } {
  const r = split(amount, weights, unit, { exact });
  if (!r.ok) {
    if (r.problem === 'weights_all_zero') throw new EvalStop('weights_all_zero', { amount: amount.toFixed() });
    throw new EvalStop('negative_weight', { detail: `${detail} #${(r.index ?? 0) + 1} = ${(weights[r.index ?? 0] as Dec).toFixed()}` });
  }
  return r;
}

function sumOf(xs: readonly Dec[]): Dec {
  let s = ZERO;
  for (const x of xs) s = s.plus(x);
  return s;
}

function slotOf(ctx: PlanContext, name: string): number {
  return (ctx.globals.get(name) as GlobalInfo).slot;
}

/** Compiles every step site into an operation. Problems go to ctx.issues. */
export function buildOps(sites: readonly StepSite[], planCtx: PlanContext): Op[] {
  // Positions are looked up while settling (trace on) for branches, parts, payers and bands;
  // each pointer's line:column is found once per rule file, not once per settlement.
  const positions = new Map<string, Position | undefined>();
  const ctx: PlanContext = {
    ...planCtx,
    at(pointer) {
      if (!positions.has(pointer)) positions.set(pointer, planCtx.at(pointer));
      return positions.get(pointer);
    },
  };
  const ops: Op[] = [];
  for (const site of sites) {
    const n = site.node;
    const op = member(n, 'waterfall')
      ? waterfallOp(site, ctx)
      : member(n, 'tiers')
        ? tiersOp(site, ctx)
        : member(n, 'total')
          ? totalOp(site, ctx)
          : member(n, 'split')
            ? member(n, 'parts')
              ? splitPartsOp(site, ctx)
              : splitRowsOp(site, ctx)
            : member(n, 'rules')
              ? decideOp(site, ctx)
              : member(n, 'over')
                ? rowComputeOp(site, ctx)
                : computeOp(site, ctx);
    if (op) ops.push(op);
  }
  return ops;
}

function base(site: StepSite, ctx: PlanContext, label: string, outputs: string[], deps: readonly string[], columnOf?: string, column?: string): Omit<Op, 'run'> {
  const reads = ctx.reads.get(site.pointer) ?? new Set<string>();
  return { pointer: site.pointer, at: ctx.at(site.pointer), label, outputs, deps: [...new Set(deps)], columnOf, column, reads };
}

function transferSpec(site: StepSite, key = 'transfer'): { from: string; to: string; memo: string | undefined } | undefined {
  const t = member(site.node, key);
  if (!t || t.type !== 'object') return undefined;
  const s = (k: string): string | undefined => {
    const v = member(t, k);
    return v?.type === 'string' ? substitute(v.value, site.vars) : undefined;
  };
  return { from: s('from') as string, to: s('to') as string, memo: s('memo') };
}

function computeOp(site: StepSite, ctx: PlanContext): Op | undefined {
  const p = site.pointer;
  const name = ctx.str(site, 'name') as string;
  const kind = ctx.str(site, 'kind') as ScalarKind;
  const text = ctx.str(site, 'formula') as string;
  const f = ctx.formula(site, `${p}/formula`, text);
  if (!f || !kindCheck(kind, f, `${p}/formula`, ctx)) return undefined;
  const r = readRounding(member(site.node, 'round'));
  const slot = slotOf(ctx, name);
  const tr = transferSpec(site);
  const fn = f.fn;
  return {
    ...base(site, ctx, name, [name], f.deps),
    run(rc) {
      const raw = fn(rc.env);
      let v: Dec | string | boolean;
      let parts: FigureParts | undefined;
      if (raw instanceof D) {
        const rounded = applyRounding(raw, r);
        v = rounded;
        if (rc.trace) parts = { name: '', value: '', kind: 'number', source: 'compute', pointer: p, formula: text, inputs: rc.inputsOf(f.deps), ...exactness(kind, raw, rounded, r), ...at(this.at) };
      } else {
        v = raw as string | boolean;
        if (rc.trace) parts = { name: '', value: '', kind: 'number', source: 'compute', pointer: p, formula: text, inputs: rc.inputsOf(f.deps), ...at(this.at) };
      }
      rc.env.slots[slot] = v;
      rc.emit(name, kind, v, parts, r?.places);
      if (tr && v instanceof D) rc.transfer(tr.from, tr.to, v, name, p, tr.memo);
    },
  };
}

function at(pos: Position | undefined): { at?: Position } {
  return pos ? { at: pos } : {};
}

function decideOp(site: StepSite, ctx: PlanContext): Op | undefined {
  const p = site.pointer;
  const name = ctx.str(site, 'name') as string;
  const kind = ctx.str(site, 'kind') as ScalarKind;
  const rulesNode = member(site.node, 'rules') as Extract<JsonNode, { type: 'array' }>;
  const branches: { cond: CompiledCondition; f: Compiled; text: string }[] = [];
  let okAll = true;
  rulesNode.items.forEach((rn, i) => {
    const cond = ctx.condition(site, `${p}/rules/${i}/when`);
    const text = (member(rn, 'formula') as { value: string }).value;
    const sub = substitute(text, site.vars);
    const f = ctx.formula(site, `${p}/rules/${i}/formula`, sub);
    if (!cond || !f || !kindCheck(kind, f, `${p}/rules/${i}/formula`, ctx)) {
      okAll = false;
      return;
    }
    branches.push({ cond, f, text: sub });
  });
  const otherwiseText = ctx.str(site, 'otherwise') as string;
  const other = ctx.formula(site, `${p}/otherwise`, otherwiseText);
  if (!okAll || !other || !kindCheck(kind, other, `${p}/otherwise`, ctx)) return undefined;
  const r = readRounding(member(site.node, 'round'));
  const slot = slotOf(ctx, name);
  const facts = [...new Set(branches.flatMap((b) => b.cond.facts))];
  const deps = [...facts, ...branches.flatMap((b) => b.f.deps), ...other.deps];
  const tr = transferSpec(site);
  return {
    ...base(site, ctx, name, [name], deps),
    run(rc) {
      let chosen = -1;
      for (let i = 0; i < branches.length; i++) {
        if ((branches[i] as (typeof branches)[number]).cond.test(rc.env)) {
          chosen = i;
          break;
        }
      }
      const branch = chosen >= 0 ? (branches[chosen] as (typeof branches)[number]) : undefined;
      const f = branch ? branch.f : other;
      const raw = f.fn(rc.env);
      const v = raw instanceof D ? applyRounding(raw, r) : (raw as string | boolean);
      rc.env.slots[slot] = v;
      const factValues: Record<string, string | boolean> = {};
      for (const fact of facts) {
        const g = ctx.globals.get(fact) as GlobalInfo;
        factValues[fact] = factValue(rc.env.slots[g.slot] as Value, g.ty);
      }
      rc.decision({ pointer: p, name, conditions: branches.map((b) => b.cond.json), facts: factValues, chosen });
      let parts: FigureParts | undefined;
      if (rc.trace) {
        const note = branch
          ? `第 ${chosen + 1} 条规则成立 / rule ${chosen + 1} holds: ${JSON.stringify(branch.cond.json)}`
          : '没有规则成立，取 otherwise / no rule holds: otherwise';
        parts = {
          name: '', value: '', kind: 'number', source: 'decide',
          pointer: chosen >= 0 ? `${p}/rules/${chosen}` : `${p}/otherwise`,
          formula: branch ? branch.text : otherwiseText,
          inputs: rc.inputsOf([...facts, ...f.deps]),
          note,
          ...(raw instanceof D ? exactness(kind, raw, v as Dec, r) : {}),
          ...at(ctx.at(chosen >= 0 ? `${p}/rules/${chosen}` : `${p}/otherwise`)),
        };
      }
      rc.emit(name, kind, v, parts, r?.places);
      if (tr && v instanceof D) rc.transfer(tr.from, tr.to, v, name, p, tr.memo);
    },
  };
}

const unitOf = (site: StepSite): Dec => new D((member(site.node, 'unit') as { value: string } | undefined)?.value ?? '0.01');
const FEN = new D('0.01');

function splitPartsOp(site: StepSite, ctx: PlanContext): Op | undefined {
  const p = site.pointer;
  const amountText = ctx.str(site, 'split') as string;
  const amount = ctx.formula(site, `${p}/split`, amountText);
  const partsNode = member(site.node, 'parts') as Extract<JsonNode, { type: 'array' }>;
  const parts: { name: string; w: Compiled; wText: string; slot: number; tr: ReturnType<typeof transferSpec> }[] = [];
  let ok = amount !== undefined && moneyAmount(amount, `${p}/split`, ctx);
  partsNode.items.forEach((pn, i) => {
    const partSite: StepSite = { node: pn as never, pointer: `${p}/parts/${i}`, vars: site.vars };
    const name = ctx.str(partSite, 'name') as string;
    const wText = ctx.str(partSite, 'weight') as string;
    const w = ctx.formula(partSite, `${p}/parts/${i}/weight`, wText);
    if (!w || !numericWeight(w, `${p}/parts/${i}/weight`, ctx)) {
      ok = false;
      return;
    }
    parts.push({ name, w, wText, slot: slotOf(ctx, name), tr: transferSpec(partSite) });
  });
  if (!ok || !amount) return undefined;
  const unit = unitOf(site);
  const names = parts.map((x) => x.name);
  const label = ctx.str(site, 'name') ?? names.join('+');
  const checkText = CHECK_TEXT.parts(stepLabel(site.node, site.vars, label), nameLabel(ctx.doc.root, ctx.globals, amountText));
  const deps = [...amount.deps, ...parts.flatMap((x) => x.w.deps)];
  const af = num(amount);
  // Per part, what its figure says whatever the numbers: made once when the rule file is read.
  const weightsText = parts.map((y) => y.wText).join(', ');
  const partTrace = parts.map((x, i) => ({
    pointer: `${p}/parts/${i}`,
    formula: `split(${amountText}, [${weightsText}])[${i + 1}]`,
    deps: [...amount.deps, ...x.w.deps],
    where: at(ctx.at(`${p}/parts/${i}`)),
  }));
  return {
    ...base(site, ctx, label, names, deps),
    run(rc) {
      const total = af(rc.env);
      const weights = parts.map((x) => num(x.w)(rc.env));
      const res = splitOrStop(total, weights, unit, 'weight', rc.trace);
      const totalWeight = rc.trace ? formatNumber(sumOf(weights)) : '';
      parts.forEach((x, i) => {
        const v = res.parts[i] as Dec;
        rc.env.slots[x.slot] = v;
        let fig: FigureParts | undefined;
        if (rc.trace) {
          const t = partTrace[i] as (typeof partTrace)[number];
          const exact = res.exact[i] as Dec;
          fig = {
            name: '', value: '', kind: 'number', source: 'split',
            pointer: t.pointer,
            formula: t.formula,
            inputs: Object.assign(rc.inputsOf(t.deps), { amount: formatMoney(total), weight: formatNumber(weights[i] as Dec), totalWeight }),
            ...(exact.eq(v) ? {} : { exact: formatNumber(exact) }),
            note: LARGEST_REMAINDER_NOTE,
            ...t.where,
          };
        }
        rc.emit(x.name, 'money', v, fig);
        if (x.tr) rc.transfer(x.tr.from, x.tr.to, v, x.name, p, x.tr.memo);
      });
      rc.check(`${label}: parts sum to the amount`, total, sumOf(res.parts), p, `Σ ${names.join(' + ')} = ${amountText}`, checkText);
    },
  };
}

function tableSite(site: StepSite, ctx: PlanContext, key: string): Extract<ReturnType<PlanContext['tables']['get']>, object> | undefined {
  const name = ctx.str(site, key) as string;
  const t = ctx.tables.get(name);
  if (!t) ctx.issue(ctx.globals.has(name) ? 'unknown_table' : 'unknown_name', `${site.pointer}/${key}`, { name });
  return t;
}

function splitRowsOp(site: StepSite, ctx: PlanContext): Op | undefined {
  const p = site.pointer;
  const t = tableSite(site, ctx, 'over');
  if (!t) return undefined;
  const amountText = ctx.str(site, 'split') as string;
  const amount = ctx.formula(site, `${p}/split`, amountText);
  const wText = ctx.str(site, 'weight') as string;
  const w = ctx.formula(site, `${p}/weight`, wText, [t.table]);
  const whereText = ctx.str(site, 'where');
  const where = whereText === undefined ? undefined : ctx.formula(site, `${p}/where`, whereText, [t.table]);
  const nameText = ctx.str(site, 'name');
  const nameOf = nameText === undefined ? undefined : compileTemplate(nameText, t.table, `${p}/name`, ctx);
  const tr = transferSpec(site);
  const toOf = tr ? compileTemplate(tr.to, t.table, `${p}/transfer/to`, ctx) : undefined;
  const fromOf = tr ? compileTemplate(tr.from, t.table, `${p}/transfer/from`, ctx) : undefined;
  if (!amount || !w || (whereText !== undefined && !where)) return undefined;
  if (!moneyAmount(amount, `${p}/split`, ctx) || !numericWeight(w, `${p}/weight`, ctx)) return undefined;
  if (where && where.ty.k !== 'boolean') {
    ctx.issue('kind_mismatch', `${p}/where`, { detail: `"where" must be true/false, got ${describeTy(where.ty)}` });
    return undefined;
  }
  if ((nameText !== undefined && !nameOf) || (tr && (!toOf || !fromOf))) return undefined;
  const column = ctx.str(site, 'column');
  const unit = unitOf(site);
  const tslot = slotOf(ctx, t.name);
  const labelNode = member(site.node, 'label');
  const labelEn = labelNode?.type === 'object' ? (member(labelNode, 'en') as { value?: string } | undefined)?.value : undefined;
  const label = labelEn ?? nameText ?? column ?? `split of ${amountText}`;
  const checkText = CHECK_TEXT.rows(stepLabel(site.node, site.vars, label), nameLabel(ctx.doc.root, ctx.globals, amountText));
  const af = num(amount);
  const wf = num(w);
  const whereFn = where?.fn;
  const rowsFormula = `split(${amountText}) over ${t.name}${whereText ? ` where ${whereText}` : ''} by ${wText}`;
  return {
    ...base(site, ctx, label, [], [t.name, ...amount.deps, ...w.deps, ...(where?.deps ?? [])], column === undefined ? undefined : t.name, column),
    run(rc) {
      const table = rc.env.slots[tslot] as TableValue;
      const total = af(rc.env);
      const chosen: Row[] = [];
      const weights: Dec[] = [];
      rc.env.rows = [];
      try {
        for (const row of table.rows) {
          rc.env.rows[0] = row;
          if (whereFn && !whereFn(rc.env)) continue;
          chosen.push(row);
          weights.push(wf(rc.env));
        }
      } finally {
        rc.env.rows = [];
      }
      if (chosen.length === 0 && !total.isZero()) throw new EvalStop('weights_all_zero', { amount: total.toFixed() });
      const res = chosen.length === 0 ? { parts: [], exact: [] } : splitOrStop(total, weights, unit, 'row', rc.trace);
      // What every row's figure shares, made once per run rather than once per row.
      const shared = rc.trace ? Object.assign(rc.inputsOf(amount.deps), { amount: formatMoney(total), weight: '', totalWeight: formatNumber(sumOf(weights)) }) : undefined;
      const where = rc.trace ? at(this.at) : undefined;
      chosen.forEach((row, i) => {
        const v = res.parts[i] as Dec;
        if (column) row[column] = v;
        if (nameOf) {
          const name = nameOf(row);
          let fig: FigureParts | undefined;
          if (shared) {
            const exact = res.exact[i] as Dec;
            fig = {
              name: '', value: '', kind: 'number', source: 'split',
              pointer: p,
              formula: rowsFormula,
              inputs: inputsWith(shared, { weight: formatNumber(weights[i] as Dec) }),
              ...(exact.eq(v) ? {} : { exact: formatNumber(exact) }),
              note: LARGEST_REMAINDER_NOTE,
              ...where,
            };
          }
          rc.emit(name, 'money', v, fig);
          if (tr && toOf && fromOf) rc.transfer(fromOf(row), toOf(row), v, name, p, tr.memo);
        } else if (tr && toOf && fromOf) rc.transfer(fromOf(row), toOf(row), v, label, p, tr.memo);
      });
      rc.check(`${label}: rows sum to the amount`, total, sumOf(res.parts), p, `Σ ${label} over ${t.name} = ${amountText}`, checkText);
    },
  };
}

function waterfallOp(site: StepSite, ctx: PlanContext): Op | undefined {
  const p = site.pointer;
  const amountText = ctx.str(site, 'waterfall') as string;
  const amount = ctx.formula(site, `${p}/waterfall`, amountText);
  const order = ctx.str(site, 'order') ?? 'sequential';
  const payersNode = member(site.node, 'payers') as Extract<JsonNode, { type: 'array' }>;
  const payers: { name: string; cap: Compiled | undefined; capText: string | undefined; from: string | undefined; slot: number }[] = [];
  let ok = amount !== undefined && moneyAmount(amount, `${p}/waterfall`, ctx);
  payersNode.items.forEach((pn, i) => {
    const ps: StepSite = { node: pn as never, pointer: `${p}/payers/${i}`, vars: site.vars };
    const name = ctx.str(ps, 'name') as string;
    const capText = ctx.str(ps, 'cap');
    const cap = capText === undefined ? undefined : ctx.formula(ps, `${p}/payers/${i}/cap`, capText);
    if (capText !== undefined && (!cap || !moneyAmount(cap, `${p}/payers/${i}/cap`, ctx))) ok = false;
    if (capText === undefined && order === 'pro-rata') {
      ctx.issue('missing_property', `${p}/payers/${i}`, { property: 'cap' });
      ok = false;
    }
    payers.push({ name, cap, capText, from: ctx.str(ps, 'from'), slot: slotOf(ctx, name) });
  });
  if (!ok || !amount) return undefined;
  const restName = ctx.str(site, 'rest');
  const restSlot = restName === undefined ? undefined : slotOf(ctx, restName);
  const to = ctx.str(site, 'to');
  const names = [...payers.map((x) => x.name), ...(restName ? [restName] : [])];
  const label = ctx.str(site, 'name') ?? names.join('+');
  const checkText = CHECK_TEXT.payers(stepLabel(site.node, site.vars, label), nameLabel(ctx.doc.root, ctx.globals, amountText));
  const deps = [...amount.deps, ...payers.flatMap((x) => x.cap?.deps ?? [])];
  const af = num(amount);
  return {
    ...base(site, ctx, label, names, deps),
    run(rc) {
      const total = af(rc.env);
      const caps = payers.map((x) => (x.cap ? D.max(num(x.cap)(rc.env), ZERO) : undefined));
      const used: Dec[] = [];
      let remaining = D.max(total, ZERO);
      if (order === 'pro-rata') {
        const capSum = sumOf(caps as Dec[]);
        if (remaining.gte(capSum)) used.push(...(caps as Dec[]));
        else used.push(...splitOrStop(remaining, caps as Dec[], FEN, 'cap', false).parts);
        remaining = remaining.minus(sumOf(used));
      } else {
        for (const cap of caps) {
          const u = cap === undefined ? remaining : D.min(remaining, cap);
          used.push(u);
          remaining = remaining.minus(u);
        }
      }
      const rest = total.lt(0) ? total : remaining;
      const inputs = rc.trace ? rc.inputsOf(deps) : {};
      payers.forEach((x, i) => {
        const v = (used[i] as Dec).isZero() ? ZERO : (used[i] as Dec);
        rc.env.slots[x.slot] = v;
        const fig: FigureParts | undefined = rc.trace
          ? {
              name: '', value: '', kind: 'number', source: 'waterfall',
              pointer: `${p}/payers/${i}`,
              formula:
                order === 'pro-rata'
                  ? `${amountText} shared in proportion to the caps, at most ${x.capText}`
                  : `min(${amountText} − ${payers.slice(0, i).map((y) => y.name).join(' − ') || '0'}, ${x.capText ?? 'no cap'})`,
              inputs: inputsWith(inputs, { amount: formatMoney(total) }),
              ...at(ctx.at(`${p}/payers/${i}`)),
            }
          : undefined;
        rc.emit(x.name, 'money', v, fig);
        if (x.from && to) rc.transfer(x.from, to, v, x.name, p);
      });
      if (restName !== undefined && restSlot !== undefined) {
        rc.env.slots[restSlot] = rest;
        rc.emit(restName, 'money', rest, rc.trace ? {
          name: '', value: '', kind: 'number', source: 'waterfall',
          pointer: p,
          formula: `${amountText} − ${payers.map((y) => y.name).join(' − ')}`,
          inputs: inputsWith(inputs, { amount: formatMoney(total) }),
          ...at(this.at),
        } : undefined);
      }
      rc.check(`${label}: payers and rest sum to the amount`, total, sumOf(used).plus(restName !== undefined ? rest : total.minus(sumOf(used))), p, `Σ ${names.join(' + ')} = ${amountText}`, checkText);
    },
  };
}

function tiersOp(site: StepSite, ctx: PlanContext): Op | undefined {
  const p = site.pointer;
  const tp = `${p}/tiers`;
  const tnode = member(site.node, 'tiers') as JsonNode;
  const tsite: StepSite = { node: tnode as never, pointer: tp, vars: site.vars };
  const name = ctx.str(site, 'name') as string;
  const ofText = ctx.str(tsite, 'of') as string;
  const of = ctx.formula(tsite, `${tp}/of`, ofText);
  const baseText = ctx.str(tsite, 'base');
  const baseF = baseText === undefined ? undefined : ctx.formula(tsite, `${tp}/base`, baseText);
  const mode = ctx.str(tsite, 'mode') as 'marginal' | 'whole';
  const inclusive = (ctx.str(tsite, 'upperBound') ?? 'inclusive') === 'inclusive';
  const r = readRounding(member(tnode, 'round'));
  const bandsNode = member(tnode, 'bands') as Extract<JsonNode, { type: 'array' }>;
  let ok = of !== undefined && moneyAmount(of, `${tp}/of`, ctx) && (baseText === undefined || (baseF !== undefined && moneyAmount(baseF, `${tp}/base`, ctx)));
  const bands: { upTo: Compiled | undefined; upText: string | undefined; rate: Compiled; rateText: string; slice: string | undefined; amount: string | undefined }[] = [];
  bandsNode.items.forEach((bn, i) => {
    const bs: StepSite = { node: bn as never, pointer: `${tp}/bands/${i}`, vars: site.vars };
    const upText = ctx.str(bs, 'upTo');
    const upTo = upText === undefined ? undefined : ctx.formula(bs, `${tp}/bands/${i}/upTo`, upText);
    const rateText = ctx.str(bs, 'rate') as string;
    const rate = ctx.formula(bs, `${tp}/bands/${i}/rate`, rateText);
    if (upText === undefined && i < bandsNode.items.length - 1) {
      ctx.issue('missing_property', `${tp}/bands/${i}`, { property: 'upTo' });
      ok = false;
    }
    if (upText !== undefined && i === bandsNode.items.length - 1) {
      // An amount above the last bound would fall in no band and vanish silently.
      ctx.issue('unknown_property', `${tp}/bands/${i}/upTo`, { property: 'upTo', expected: 'the last band takes everything above the previous bound: leave out its upTo (use rate 0 for "nothing beyond")' });
      ok = false;
    }
    if (!rate || (upText !== undefined && !upTo)) {
      ok = false;
      return;
    }
    const wantBound = baseText === undefined ? 'money' : 'number';
    if (upTo && !(upTo.ty.k === 'const' || upTo.ty.k === wantBound)) {
      ctx.issue('kind_mismatch', `${tp}/bands/${i}/upTo`, { detail: baseText === undefined ? 'without "base", upTo is an amount of money' : 'with "base", upTo is a rate of the base' });
      ok = false;
    }
    if (rate.ty.k === 'money') {
      ctx.issue('kind_mismatch', `${tp}/bands/${i}/rate`, { detail: 'a band rate is a number such as 60%' });
      ok = false;
    }
    bands.push({ upTo, upText, rate, rateText, slice: ctx.str(bs, 'slice'), amount: ctx.str(bs, 'amount') });
  });
  if (!ok || !of) return undefined;
  const outputs = [name, ...bands.flatMap((b) => [b.slice, b.amount].filter((x): x is string => x !== undefined))];
  const deps = [...of.deps, ...(baseF?.deps ?? []), ...bands.flatMap((b) => [...(b.upTo?.deps ?? []), ...b.rate.deps])];
  const slot = slotOf(ctx, name);
  const tr = transferSpec(site);
  const ofFn = num(of);
  const checkText = CHECK_TEXT.bands(stepLabel(site.node, site.vars, name), nameLabel(ctx.doc.root, ctx.globals, ofText));
  return {
    ...base(site, ctx, name, outputs, deps),
    run(rc) {
      // A negative amount falls in no band: both modes give 0 (the marginal slices are empty).
      const x = D.max(ofFn(rc.env), ZERO);
      const b = baseF ? num(baseF)(rc.env) : undefined;
      const uppers = bands.map((band) => (band.upTo ? (b ? num(band.upTo)(rc.env).times(b) : num(band.upTo)(rc.env)) : undefined));
      const rates = bands.map((band) => num(band.rate)(rc.env));
      const inputs = rc.trace ? rc.inputsOf(deps) : {};
      const slices: Dec[] = [];
      const amounts: Dec[] = [];
      let total = ZERO;
      let chosen = -1;
      if (mode === 'marginal') {
        let lower = ZERO;
        bands.forEach((_, i) => {
          const upper = uppers[i];
          const above = D.max(x.minus(lower), ZERO);
          const s = upper === undefined ? above : D.min(above, D.max(upper.minus(lower), ZERO));
          slices.push(s);
          const a = applyRounding(s.times(rates[i] as Dec), r);
          amounts.push(a);
          total = total.plus(a);
          if (upper !== undefined) lower = D.max(lower, upper);
        });
      } else {
        // Whole-amount bands: the band is decided by conditions in json-rules-engine form,
        // recorded so they can be re-checked, then the whole amount takes that band's rate.
        const conditions: ConditionJson[] = [];
        const facts: Record<string, string> = { of: x.toFixed() };
        uppers.forEach((u, i) => {
          if (u !== undefined) facts[`upTo${i + 1}`] = u.toFixed();
        });
        bands.forEach((_, i) => {
          const parts: ConditionJson[] = [];
          if (i > 0) parts.push({ fact: 'of', operator: inclusive ? 'gt' : 'gte', value: { fact: `upTo${i}` } });
          if (uppers[i] !== undefined) parts.push({ fact: 'of', operator: inclusive ? 'lte' : 'lt', value: { fact: `upTo${i + 1}` } });
          conditions.push({ all: parts.length > 0 ? parts : [{ fact: 'of', operator: 'gte', value: { fact: 'of' } }] });
        });
        for (let i = 0; i < bands.length && chosen < 0; i++) {
          const lowOk = i === 0 || (inclusive ? x.gt(uppers[i - 1] as Dec) : x.gte(uppers[i - 1] as Dec));
          const upper = uppers[i];
          const highOk = upper === undefined || (inclusive ? x.lte(upper) : x.lt(upper));
          if (lowOk && highOk) chosen = i;
        }
        rc.decision({ pointer: tp, name, conditions, facts, chosen });
        bands.forEach((_, i) => {
          slices.push(i === chosen ? x : ZERO);
          const a = i === chosen ? applyRounding(x.times(rates[i] as Dec), r) : ZERO;
          amounts.push(a);
          total = total.plus(a);
        });
      }
      bands.forEach((band, i) => {
        const fig = (what: string, formula: string, value: Dec, exact: Dec | undefined): FigureParts | undefined =>
          rc.trace
            ? {
                name: '', value: '', kind: 'number', source: 'tiers',
                pointer: `${tp}/bands/${i}`,
                formula,
                inputs: inputsWith(inputs, uppers[i] ? { of: formatNumber(x), upTo: formatNumber(uppers[i] as Dec), rate: formatNumber(rates[i] as Dec) } : { of: formatNumber(x), rate: formatNumber(rates[i] as Dec) }),
                ...(exact ? exactness('money', exact, value, what === 'amount' ? r : undefined) : {}),
                ...at(ctx.at(`${tp}/bands/${i}`)),
              }
            : undefined;
        const lowerText = i === 0 ? '0' : `${bands[i - 1]?.upText ?? ''}${baseText ? ` × ${baseText}` : ''}`;
        const upperText = band.upText ? `${band.upText}${baseText ? ` × ${baseText}` : ''}` : '∞';
        if (band.slice) {
          rc.env.slots[slotOf(ctx, band.slice)] = slices[i] as Dec;
          rc.emit(band.slice, 'money', slices[i] as Dec, fig('slice', mode === 'marginal' ? `the part of ${ofText} between ${lowerText} and ${upperText}` : `${ofText} if it falls in (${lowerText}, ${upperText}]`, slices[i] as Dec, slices[i]));
        }
        if (band.amount) {
          rc.env.slots[slotOf(ctx, band.amount)] = amounts[i] as Dec;
          rc.emit(band.amount, 'money', amounts[i] as Dec, fig('amount', `${mode === 'marginal' ? 'slice' : ofText} × ${band.rateText}`, amounts[i] as Dec, (slices[i] as Dec).times(rates[i] as Dec)));
        }
      });
      rc.env.slots[slot] = total;
      rc.emit(name, 'money', total, rc.trace ? {
        name: '', value: '', kind: 'number', source: 'tiers',
        pointer: p,
        formula: mode === 'marginal' ? `Σ over bands of ${r ? `round(slice × rate, ${r.places}, ${r.mode})` : 'slice × rate'}` : `${r ? 'round(' : ''}${ofText} × rate of the band it falls in${r ? `, ${r.places}, ${r.mode})` : ''}`,
        inputs: inputsWith(inputs, Object.fromEntries(amounts.map((a, i) => [`band${i + 1}`, formatNumber(a)]))),
        ...(chosen >= 0 ? { note: `第 ${chosen + 1} 档（${inclusive ? '上限含本数' : '上限不含本数'}）/ band ${chosen + 1} (${inclusive ? 'upper bounds inclusive' : 'upper bounds exclusive'})` } : {}),
        ...at(this.at),
      } : undefined);
      if (tr) rc.transfer(tr.from, tr.to, total, name, p, tr.memo);
      if (mode === 'marginal' && uppers[uppers.length - 1] === undefined) {
        rc.check(`${name}: band slices sum to the amount`, D.max(x, ZERO), sumOf(slices), p, `Σ slices = max(${ofText}, 0)`, checkText);
      }
    },
  };
}

function totalOp(site: StepSite, ctx: PlanContext): Op | undefined {
  const p = site.pointer;
  const from = tableSite(site, ctx, 'from');
  const over = tableSite(site, ctx, 'over');
  if (!from || !over) return undefined;
  const col = ctx.str(site, 'total') as string;
  const by = ctx.str(site, 'by') as string;
  const column = ctx.str(site, 'column') as string;
  if (from.table.columns.get(by)?.k !== 'text') {
    ctx.issue('unknown_column', `${p}/by`, { table: from.name, column: by });
    return undefined;
  }
  ctx.read(p, [`${from.name}.${col}`, `${from.name}.${by}`]);
  const key = over.table.key;
  if (!key) {
    ctx.issue('kind_mismatch', `${p}/over`, { detail: `table ${over.name} needs a key column` });
    return undefined;
  }
  const kind = from.computed.get(col) ?? ((from.columns.get(col) as { kind: ScalarKind } | undefined)?.kind as ScalarKind);
  const nameText = ctx.str(site, 'name');
  const nameOf = nameText === undefined ? undefined : compileTemplate(nameText, over.table, `${p}/name`, ctx);
  if (nameText !== undefined && !nameOf) return undefined;
  const fromSlot = slotOf(ctx, from.name);
  const overSlot = slotOf(ctx, over.name);
  const where = at(ctx.at(p));
  const start = (rc: RunCtx): TotalSums => {
    const sums = new Map<string, RunningSum>();
    for (const row of (rc.env.slots[overSlot] as TableValue).rows) sums.set(String(row[key]), new RunningSum(ZERO));
    return { sums, counts: new Map<string, number>(), rows: 0 };
  };
  const add = (rc: RunCtx, acc: TotalSums, src: TableValue): void => {
    charge(rc.env, src.rows.length);
    acc.rows += src.rows.length;
    for (const row of src.rows) {
      const k = row[by] as string;
      const sum = acc.sums.get(k);
      if (sum === undefined) throw new EvalStop('unknown_key', { table: over.name, key: k }, 0, [row]);
      sum.add(row[col] as Dec);
      if (rc.trace) acc.counts.set(k, (acc.counts.get(k) ?? 0) + 1);
    }
  };
  const finish = (rc: RunCtx, acc: TotalSums): void => {
    for (const row of (rc.env.slots[overSlot] as TableValue).rows) {
      const id = String(row[key]);
      const v = (acc.sums.get(id) as RunningSum).value();
      row[column] = v;
      if (nameOf) {
        rc.emit(nameOf(row), kind === 'money' ? 'money' : 'number', v, rc.trace ? {
          name: '', value: '', kind: 'number', source: 'total',
          pointer: p,
          formula: `Σ ${from.name}.${col} where ${from.name}.${by} = ${id}`,
          inputs: { [from.name]: `${acc.counts.get(id) ?? 0} of ${acc.rows} rows` },
          ...where,
        } : undefined);
      }
    }
  };
  return {
    ...base(site, ctx, nameText ?? column, [], [from.name, over.name], over.name, column),
    run(rc) {
      const acc = start(rc);
      add(rc, acc, rc.env.slots[fromSlot] as TableValue);
      finish(rc, acc);
    },
    stream: { role: 'total', table: from.name, start, add, finish },
  };
}

function rowComputeOp(site: StepSite, ctx: PlanContext): Op | undefined {
  const p = site.pointer;
  const t = tableSite(site, ctx, 'over');
  if (!t) return undefined;
  const column = ctx.str(site, 'column') as string;
  const kind = ctx.str(site, 'kind') as ScalarKind;
  const text = ctx.str(site, 'formula') as string;
  const f = ctx.formula(site, `${p}/formula`, text, [t.table]);
  if (!f || !kindCheck(kind, f, `${p}/formula`, ctx)) return undefined;
  const r = readRounding(member(site.node, 'round'));
  const nameText = ctx.str(site, 'name');
  const nameOf = nameText === undefined ? undefined : compileTemplate(nameText, t.table, `${p}/name`, ctx);
  const tr = transferSpec(site);
  const toOf = tr ? compileTemplate(tr.to, t.table, `${p}/transfer/to`, ctx) : undefined;
  const fromOf = tr ? compileTemplate(tr.from, t.table, `${p}/transfer/from`, ctx) : undefined;
  if ((nameText !== undefined && !nameOf) || (tr && (!toOf || !fromOf))) return undefined;
  const tslot = slotOf(ctx, t.name);
  const fn = f.fn;
  return {
    ...base(site, ctx, nameText ?? column, [], [t.name, ...f.deps], t.name, column),
    // A row that names a value or moves money would make output grow with the rows: not streamed.
    ...(nameOf || tr ? {} : { stream: { role: 'rows' as const, table: t.name } }),
    run(rc) {
      const table = rc.env.slots[tslot] as TableValue;
      charge(rc.env, table.rows.length);
      const inputs = rc.trace && nameOf ? rc.inputsOf(f.deps) : {};
      const rows: Row[] = [];
      rc.env.rows = rows;
      try {
        for (const row of table.rows) {
          rows[0] = row;
          const raw = fn(rc.env);
          const v = raw instanceof D ? applyRounding(raw, r) : raw;
          row[column] = v;
          if (nameOf) {
            rc.emit(nameOf(row), kind, v as Dec | string | boolean, rc.trace ? {
              name: '', value: '', kind: 'number', source: 'compute',
              pointer: p,
              formula: text,
              inputs,
              ...(raw instanceof D ? exactness(kind, raw, v as Dec, r) : {}),
              ...at(this.at),
            } : undefined);
          }
          if (tr && toOf && fromOf && v instanceof D) rc.transfer(fromOf(row), toOf(row), v, nameOf ? nameOf(row) : column, p, tr.memo);
        }
      } finally {
        rc.env.rows = [];
      }
    },
  };
}

