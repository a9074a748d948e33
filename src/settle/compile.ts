/**
 * Rule file → settlement plan: declarations read, formulas parsed and kind-checked, steps
 * ordered by what they read (cycles refused). Compiled once; settle() then only runs closures.
 */
import { compileCondition } from '../conditions/conditions.js';
import { compileFormula, FUNCTIONS } from '../formula/compile.js';
import { parseFormula } from '../formula/parse.js';
import { MONEY, NUMBER, isNumeric, type TableTy, type Ty } from '../formula/types.js';
import type { Issue } from '../issues/issue.js';
import { escapePointerToken, member, nodeAt, toPlain, type JsonNode, type JsonObject } from '../json/read-json.js';
import { MAX_DIGITS, parseDecimalText } from '../money/decimal-string.js';
import type { Dec } from '../money/decimal.js';
import type { RoundingMode } from '../money/round.js';
import { mapAjvErrors } from '../schema/ajv-issues.js';
import validateRuleFile from '../schema/validate-rule-file.generated.js';
import { decimalText, readScalar, scalarTy, type ColumnDecl, type InputDecl, type ScalarDecl, type ScalarKind } from './declarations.js';
import { buildOps, stepKind } from './steps/index.js';
import type { Op } from './plan.js';
import { compileAsserts, scheduleGuards } from './plausibility.js';
import { readChoices } from './choices.js';
import { describeInput, valueRules } from './input-info.js';
import { substitute } from './template.js';
import { sha256Hex } from './fingerprint.js';
import { printValue } from './print.js';
import { issueAt, jsonText, positionOf, readSource, sourceFromValue, type SourceDoc } from './source.js';
import { useWordLiterals } from './words.js';
import { staleLabelHints } from './label-hints.js';
import { findParameterSums } from './parameter-sums.js';
import type { Position } from './types.js';
import type { CompiledRuleFile, GlobalInfo, Label, ParameterPlan, PlanContext, StepSite } from './model.js';

export type { AssertPlan, CompiledRuleFile, GlobalInfo, InputInfo, Label, MemberInfo, ParameterInfo, ParameterPlan, PlanContext, RuleFile, StepSite, ValueRules } from './model.js';

export const MAX_EXPANDED_STEPS = 10_000;
const RESERVED = new Set<string>([...FUNCTIONS, 'true', 'false', 'and', 'or', 'not', 'item']);

/**
 * Reads and compiles a rule file. Every problem comes back as an issue with the file, JSON
 * path and line:column; nothing is thrown for bad input.
 *
 * @example
 * const rules = readRuleFile(text, { file: 'rules/yangxi.json' });
 * if (!rules.ok) console.error(rules.issues.map((i) => formatIssue(i)).join('\n'));
 */
export function compileRuleFile(text: string, file: string): { ok: true; value: CompiledRuleFile } | { ok: false; issues: Issue[] } {
  const read = readSource(text, file);
  if (!read.ok) return { ok: false, issues: [read.issue] };
  useWordLiterals(read.doc.root);
  return compileDoc(read.doc, sha256Hex(text));
}

/** Compiles a rule file given as a parsed value (no text, so issues carry a pointer but no line). */
export function compileRuleValue(value: unknown, file: string): { ok: true; value: CompiledRuleFile } | { ok: false; issues: Issue[] } {
  const read = sourceFromValue(value, file);
  if (!read.ok) return { ok: false, issues: [read.issue] };
  // The fingerprint is that of the value's compact JSON text, so the same file read either way
  // is told apart from its text only by formatting.
  const fingerprint = sha256Hex(jsonText(read.doc.root));
  useWordLiterals(read.doc.root);
  return compileDoc(read.doc, fingerprint);
}

export function compileDoc(doc: SourceDoc, fingerprint: string): { ok: true; value: CompiledRuleFile } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  const plain = toPlain(doc.root);
  if (!validateRuleFile(plain)) {
    for (const e of mapAjvErrors(validateRuleFile.errors ?? [])) {
      let offset: number | undefined;
      if (e.atKey) {
        const parentPtr = e.pointer.slice(0, e.pointer.lastIndexOf('/'));
        const key = e.pointer.slice(e.pointer.lastIndexOf('/') + 1).replace(/~1/g, '/').replace(/~0/g, '~');
        const parent = nodeAt(doc.root, parentPtr);
        if (parent?.type === 'object') offset = parent.keyOffsets[parent.keys.indexOf(key)];
      }
      issues.push(issueAt(doc, e.code, e.pointer, e.params, offset));
    }
    if (issues.length > 0) return { ok: false, issues };
  }
  const root = doc.root as JsonObject;
  const globals = new Map<string, GlobalInfo>();
  const tables = new Map<string, Extract<InputDecl, { shape: 'table' }>>();
  let slot = 0;
  const defineGlobal = (name: string, ty: Ty, kind: GlobalInfo['kind'], source: GlobalInfo['source'], pointer: string, nameOffset?: number): boolean => {
    if (RESERVED.has(name)) {
      issues.push(issueAt(doc, 'reserved_name', pointer, { name }, nameOffset));
      return false;
    }
    const prev = globals.get(name);
    if (prev) {
      const prevAt = positionOf(doc, nodeAt(doc.root, prev.pointer)?.offset);
      issues.push(issueAt(doc, 'duplicate_name', pointer, { name, first: prevAt ? `${prevAt.line}:${prevAt.column}` : prev.pointer }, nameOffset));
      return false;
    }
    globals.set(name, { slot: slot++, ty, kind, source, pointer });
    return true;
  };
  const labelOf = (n: JsonNode | undefined): Label | undefined => {
    if (!n || n.type !== 'object') return undefined;
    const zh = member(n, 'zh');
    const en = member(n, 'en');
    return { zh: zh?.type === 'string' ? zh.value : '', en: en?.type === 'string' ? en.value : '' };
  };
  const decimalOf = (n: JsonNode | undefined, pointer: string): Dec | undefined => {
    if (!n) return undefined;
    const t = decimalText(n);
    const parsed = t === undefined ? undefined : parseDecimalText(t, { percent: true });
    if (!parsed || !parsed.ok) {
      issues.push(issueAt(doc, parsed?.reason ?? 'not_decimal', pointer, { received: t ?? n.type, limit: MAX_DIGITS }, n.offset));
      return undefined;
    }
    return parsed.value;
  };
  const scalarDecl = (n: JsonObject, pointer: string): ScalarDecl => {
    const kind = (member(n, 'kind') as { value: string }).value as ScalarKind;
    const choicesNode = member(n, 'choices');
    const choices = choicesNode?.type === 'array' ? readChoices(choicesNode, `${pointer}/choices`, doc, issues) : undefined;
    return {
      kind,
      min: decimalOf(member(n, 'min'), `${pointer}/min`),
      max: decimalOf(member(n, 'max'), `${pointer}/max`),
      choices: choices?.values,
      choiceLabels: choices?.labels,
      choiceInfos: choices?.infos,
      defaultNode: member(n, 'default'),
      defaultPointer: `${pointer}/default`,
      label: labelOf(member(n, 'label')),
    };
  };

  // Parameters.
  const parameters: ParameterPlan[] = [];
  const params = member(root, 'parameters');
  if (params?.type === 'object') {
    params.keys.forEach((name, idx) => {
      const n = params.values[idx] as JsonObject;
      const pointer = `/parameters/${escapePointerToken(name)}`;
      const decl = scalarDecl(n, pointer);
      const valueNode = member(n, 'value') as JsonNode;
      const before = issues.length;
      const value = readScalar(decl, valueNode, doc, `${pointer}/value`, issues);
      if (issues.length > before || value === undefined) return;
      if (!defineGlobal(name, scalarTy(decl.kind), decl.kind, 'parameter', pointer, params.keyOffsets[idx])) return;
      const published = member(n, 'published');
      const source = member(n, 'source');
      const note = member(n, 'note');
      parameters.push({
        ...(source?.type === 'string' ? { source: source.value } : {}),
        ...(note?.type === 'string' ? { note: note.value } : {}),
        name,
        kind: decl.kind,
        exact: value as Dec | string | boolean,
        limits: { min: decl.min, max: decl.max, choices: decl.choices, choiceLabels: decl.choiceLabels, choiceInfos: decl.choiceInfos },
        label: labelOf(member(n, 'label')) ?? { zh: name, en: name },
        published: published?.type === 'boolean' ? (published.value as boolean) : undefined,
        pointer,
        at: positionOf(doc, params.keyOffsets[idx]),
      });
    });
  }

  // Inputs.
  const inputs: InputDecl[] = [];
  const inputsNode = member(root, 'inputs') as JsonObject;
  inputsNode.keys.forEach((name, idx) => {
    const n = inputsNode.values[idx] as JsonObject;
    const pointer = `/inputs/${escapePointerToken(name)}`;
    const kind = (member(n, 'kind') as { value: string }).value;
    const keyAt = inputsNode.keyOffsets[idx];
    if (kind === 'group') {
      const fieldsNode = member(n, 'fields') as JsonObject;
      const fields = new Map<string, ScalarDecl>();
      fieldsNode.keys.forEach((f, j) => {
        const d = scalarDecl(fieldsNode.values[j] as JsonObject, `${pointer}/fields/${escapePointerToken(f)}`);
        if (defineGlobal(`${name}.${f}`, scalarTy(d.kind), d.kind, 'input', `${pointer}/fields/${escapePointerToken(f)}`, fieldsNode.keyOffsets[j])) fields.set(f, d);
      });
      inputs.push({ shape: 'group', name, fields, label: labelOf(member(n, 'label')) });
    } else if (kind === 'table') {
      const colsNode = member(n, 'columns') as JsonObject;
      const columns = new Map<string, ColumnDecl>();
      const colTys = new Map<string, Ty>();
      colsNode.keys.forEach((c, j) => {
        const cn = colsNode.values[j] as JsonObject;
        const ck = (member(cn, 'kind') as { value: string }).value;
        if (ck === 'map') {
          const of = (member(cn, 'of') as { value: string }).value as ScalarKind;
          columns.set(c, { kind: 'map', of, label: labelOf(member(cn, 'label')) });
          colTys.set(c, { k: 'map', of: scalarTy(of) });
        } else {
          const d = scalarDecl(cn, `${pointer}/columns/${escapePointerToken(c)}`);
          columns.set(c, d);
          colTys.set(c, scalarTy(d.kind));
        }
      });
      const keyNode = member(n, 'key');
      const key = keyNode?.type === 'string' ? keyNode.value : undefined;
      if (key !== undefined) {
        const kd = columns.get(key);
        if (!kd) issues.push(issueAt(doc, 'unknown_column', `${pointer}/key`, { table: name, column: key }));
        else if (kd.kind !== 'text') issues.push(issueAt(doc, 'kind_mismatch', `${pointer}/key`, { detail: 'the key column must be text' }));
      }
      const table: TableTy = { name, key, columns: colTys };
      const decl = { shape: 'table' as const, name, table, columns, computed: new Map<string, ScalarKind>(), label: labelOf(member(n, 'label')) };
      if (defineGlobal(name, { k: 'table', table }, 'table', 'input', pointer, keyAt)) {
        inputs.push(decl);
        tables.set(name, decl);
      }
    } else if (kind === 'list') {
      const of = (member(n, 'of') as { value: string }).value as ScalarKind;
      const minItems = member(n, 'minItems');
      const maxItems = member(n, 'maxItems');
      if (defineGlobal(name, { k: 'list', of: scalarTy(of) }, 'list', 'input', pointer, keyAt)) {
        inputs.push({
          shape: 'list',
          name,
          of,
          label: labelOf(member(n, 'label')),
          minItems: minItems?.type === 'number' ? Number(minItems.raw) : 0,
          maxItems: maxItems?.type === 'number' ? Number(maxItems.raw) : 1_000_000,
        });
      }
    } else {
      const d = scalarDecl(n, pointer);
      if (d.defaultNode) readScalar(d, d.defaultNode, doc, `${pointer}/default`, issues);
      if (defineGlobal(name, scalarTy(d.kind), d.kind, 'input', pointer, keyAt)) inputs.push({ shape: 'scalar', name, decl: d });
    }
  });

  // Steps: expand `for`, then plan.
  const sites: StepSite[] = [];
  const expand = (list: JsonNode, pointer: string, vars: ReadonlyMap<string, string>): void => {
    (list as Extract<JsonNode, { type: 'array' }>).items.forEach((item, i) => {
      const p = `${pointer}/${i}`;
      const obj = item as JsonObject;
      const forNode = member(obj, 'for');
      if (forNode?.type === 'object') {
        const v = forNode.keys[0] as string;
        if (vars.has(v) || globals.has(v)) issues.push(issueAt(doc, 'duplicate_name', `${p}/for/${v}`, { name: v, first: 'an outer loop or a declared name' }));
        const valuesNode = forNode.values[0] as Extract<JsonNode, { type: 'array' }>;
        for (const val of valuesNode.items) {
          const inner = new Map(vars);
          inner.set(v, (val as { value: string }).value);
          expand(member(obj, 'steps') as JsonNode, `${p}/steps`, inner);
        }
        return;
      }
      if (sites.length >= MAX_EXPANDED_STEPS) return;
      sites.push({ node: obj, pointer: p, vars });
    });
  };
  expand(member(root, 'steps') as JsonNode, '/steps', new Map());
  if (sites.length >= MAX_EXPANDED_STEPS) {
    issues.push(issueAt(doc, 'too_many_steps', '/steps', { limit: MAX_EXPANDED_STEPS }));
    return { ok: false, issues };
  }
  if (issues.length > 0) return { ok: false, issues };

  const positions = new Map<string, Position | undefined>();
  const ctx: PlanContext = {
    doc,
    globals,
    tables,
    issues,
    str(site, key) {
      const n = member(site.node, key);
      return n?.type === 'string' ? substitute(n.value, site.vars) : undefined;
    },
    formula(_site, pointer, text, rows = []) {
      const node = nodeAt(doc.root, pointer);
      const raw = node?.type === 'string' ? node : undefined;
      // Offsets inside the formula map to the file only when the text was not rewritten.
      const exactText = raw !== undefined && raw.value === text && raw.end - raw.offset === text.length + 2;
      const offsetOf = (pos: number): number | undefined => (raw ? (exactText ? raw.offset + 1 + pos : raw.offset) : undefined);
      const parsed = parseFormula(text);
      if (!parsed.ok) {
        const { code, detail } = parsed.error;
        // For too_many_digits the detail is the number as written; the limit is MAX_DIGITS.
        issues.push(issueAt(doc, code, pointer, { detail, limit: code === 'too_many_digits' ? MAX_DIGITS : detail, received: detail }, offsetOf(parsed.error.pos)));
        return undefined;
      }
      const compiled = compileFormula(parsed.ast, globals, rows);
      if (!compiled.ok) {
        issues.push(issueAt(doc, compiled.error.code, pointer, compiled.error.params, offsetOf(compiled.error.pos)));
        return undefined;
      }
      ctx.read(pointer, compiled.value.columns);
      return compiled.value;
    },
    condition(site, pointer) {
      const node = nodeAt(doc.root, pointer) as JsonNode;
      const c = compileCondition(
        node,
        globals,
        (n) => {
          const t = decimalText(n);
          return t === undefined ? undefined : substitute(t, site.vars);
        },
        (name) => substitute(name, site.vars),
      );
      if (!c.ok) {
        const pr = c.problem;
        issues.push(issueAt(doc, pr.code, pointer, pr.params, pr.node.offset));
        return undefined;
      }
      return c.value;
    },
    reads: new Map(),
    read(pointer, columns) {
      const step = /^(?:\/steps\/\d+)+/.exec(pointer)?.[0];
      if (step === undefined) return;
      let set = ctx.reads.get(step);
      if (!set) ctx.reads.set(step, (set = new Set()));
      for (const c of columns) set.add(c);
    },
    issue(code, pointer, params = {}) {
      issues.push(issueAt(doc, code, pointer, params));
    },
    at(pointer) {
      // Steps ask at run time too (which rule of a decision held): look each pointer up once.
      if (!positions.has(pointer)) positions.set(pointer, positionOf(doc, nodeAt(doc.root, pointer)?.offset));
      return positions.get(pointer);
    },
  };

  // Pass 1: every step's static outputs and computed columns become known names.
  for (const site of sites) declareOutputs(site, ctx, defineGlobal);
  if (issues.length > 0) return { ok: false, issues };
  // Pass 2: formulas compiled against the complete set of names.
  const ops = buildOps(sites, ctx);
  if (issues.length > 0) return { ok: false, issues };
  const ordered = orderOps(ops, globals, ctx);
  if (!ordered) return { ok: false, issues };

  const asserts = compileAsserts(root, 'checks', ctx);
  const guardPlans = compileAsserts(root, 'plausibility', ctx);
  const guards = scheduleGuards(ordered, guardPlans);
  if (issues.length > 0) return { ok: false, issues };

  // Multi-year carry: next year's input ← this year's value, of the same kind.
  const carry: { input: string; value: string }[] = [];
  const carryNode = member(root, 'carry');
  if (carryNode?.type === 'object') {
    carryNode.keys.forEach((input, i) => {
      const valueNode = carryNode.values[i] as { value: string };
      const pointer = `/carry/${escapePointerToken(input)}`;
      const target = globals.get(input);
      const from = globals.get(valueNode.value);
      if (!target || target.source !== 'input' || target.kind === 'table' || target.kind === 'list') {
        issues.push(issueAt(doc, 'unknown_input', pointer, { name: input, expected: 'a declared single input or group field' }, carryNode.keyOffsets[i]));
      } else if (!from || from.source !== 'step') {
        issues.push(issueAt(doc, 'unknown_name', pointer, { name: valueNode.value, suggestion: '' }));
      } else if (from.kind !== target.kind && !(isNumeric(from.ty) && isNumeric(target.ty) && from.ty.k === target.ty.k)) {
        issues.push(issueAt(doc, 'kind_mismatch', pointer, { detail: `${input} is ${target.kind} but ${valueNode.value} is ${from.kind}` }));
      } else carry.push({ input, value: valueNode.value });
    });
  }
  if (issues.length > 0) return { ok: false, issues };

  const accounts = new Map<string, Label | undefined>();
  const closing: string[] = [];
  const accountsNode = member(root, 'accounts');
  if (accountsNode?.type === 'object') {
    accountsNode.keys.forEach((k, i) => {
      accounts.set(k, labelOf(member(accountsNode.values[i], 'label')));
      if (member(accountsNode.values[i], 'closes')?.type === 'boolean' && (member(accountsNode.values[i], 'closes') as { value: boolean }).value) closing.push(k);
    });
  }
  if (accounts.size > 0) checkAccounts(sites, accounts, ctx);
  if (issues.length > 0) return { ok: false, issues };
  const str = (k: string): string | undefined => {
    const n = member(root, k);
    return n?.type === 'string' ? n.value : undefined;
  };
  const sourceNode = member(root, 'source');
  return {
    ok: true,
    value: {
      id: str('id') as string,
      title: labelOf(member(root, 'title')) as Label,
      description: labelOf(member(root, 'description')),
      source: sourceNode ? (JSON.parse(JSON.stringify(toPlain(sourceNode))) as Record<string, unknown>) : undefined,
      file: doc.file,
      fingerprint,
      doc,
      decls: inputs,
      inputs: inputs.map(describeInput),
      params: parameters,
      parameters: parameters.map((p) => ({
        name: p.name,
        kind: p.kind,
        value: printValue(p.kind, p.exact),
        label: p.label,
        published: p.published,
        pointer: p.pointer,
        at: p.at,
        ...valueRules({ kind: p.kind, ...p.limits }),
        ...(p.source !== undefined ? { source: p.source } : {}),
        ...(p.note !== undefined ? { note: p.note } : {}),
      })),
      globals,
      carry,
      closing,
      ops: ordered,
      asserts,
      guards,
      accounts,
      hints: staleLabelHints({ doc, params: parameters, ops: ordered, asserts }),
      parameterSums: findParameterSums(guardPlans, new Set(parameters.filter((p) => p.kind !== 'text' && p.kind !== 'boolean').map((p) => p.name))),
    },
  };
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
    for (const list of ['parts', 'payers']) {
      const items = member(site.node, list);
      if (items?.type !== 'array') continue;
      items.items.forEach((_, i) => {
        check(site, `${p}/${list}/${i}/transfer/from`);
        check(site, `${p}/${list}/${i}/transfer/to`);
        check(site, `${p}/${list}/${i}/from`);
      });
    }
  }
}

type Define = (name: string, ty: Ty, kind: GlobalInfo['kind'], source: GlobalInfo['source'], pointer: string, nameOffset?: number) => boolean;

/** Names that would reach an object's prototype if used as a row property. */
const FORBIDDEN_COLUMNS = new Set(['__proto__', 'constructor', 'prototype']);

const STATIC_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

/** Registers a step's static output names (with their kinds) and computed table columns. */
function declareOutputs(site: StepSite, ctx: PlanContext, define: Define): void {
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

/** Orders steps so each runs after the steps it reads; file order otherwise. Refuses cycles. */
function orderOps(ops: readonly Op[], globals: ReadonlyMap<string, GlobalInfo>, ctx: PlanContext): Op[] | undefined {
  const producer = new Map<string, number>();
  const columnProducers = new Map<string, number[]>();
  ops.forEach((op, i) => {
    for (const o of op.outputs) producer.set(o, i);
    if (op.columnOf) {
      const list = columnProducers.get(op.columnOf) ?? [];
      list.push(i);
      columnProducers.set(op.columnOf, list);
    }
  });
  const edges = ops.map((op, i) => {
    const out = new Set<number>();
    for (const d of op.deps) {
      const j = producer.get(d);
      if (j !== undefined && j !== i) out.add(j);
      if (globals.get(d)?.kind === 'table') {
        // Reading a table waits for the steps that add the columns it reads (steps that
        // themselves add a column to it wait for every earlier one: those run in file order).
        for (const k of columnProducers.get(d) ?? []) {
          if (k === i) continue;
          if (op.columnOf === d) {
            if (k < i) out.add(k);
            continue;
          }
          const col = (ops[k] as Op).column;
          if (col === undefined || op.reads.has(`${d}.${col}`)) out.add(k);
        }
      }
    }
    if (op.columnOf) for (const k of columnProducers.get(op.columnOf) ?? []) if (k < i) out.add(k);
    return [...out].sort((a, b) => a - b);
  });
  const state = new Array<number>(ops.length).fill(0); // 0 new, 1 on stack, 2 done
  const order: Op[] = [];
  for (let start = 0; start < ops.length; start++) {
    if (state[start] !== 0) continue;
    const stack: { i: number; next: number }[] = [{ i: start, next: 0 }];
    state[start] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { i: number; next: number };
      const deps = edges[top.i] as number[];
      if (top.next < deps.length) {
        const j = deps[top.next++] as number;
        if (state[j] === 1) {
          const from = stack.findIndex((s) => s.i === j);
          const names = stack.slice(from).map((s) => (ops[s.i] as Op).label);
          names.push((ops[j] as Op).label);
          ctx.issue('cycle', (ops[j] as Op).pointer, { cycle: names.join(' → ') });
          return undefined;
        }
        if (state[j] === 0) {
          state[j] = 1;
          stack.push({ i: j, next: 0 });
        }
      } else {
        state[top.i] = 2;
        order.push(ops[top.i] as Op);
        stack.pop();
      }
    }
  }
  return order;
}

export type { RoundingMode };
