/**
 * Rule file → settlement plan: declarations read, formulas parsed and kind-checked, steps
 * ordered by what they read (cycles refused). Compiled once; settle() then only runs closures.
 */
import type { Issue } from '../issues/issue.js';
import { member, nodeAt, toPlain, type JsonObject } from '../json/read-json.js';
import type { RoundingMode } from '../money/round.js';
import { mapAjvErrors } from '../schema/ajv-issues.js';
import validateRuleFile from '../schema/validate-rule-file.generated.js';
import { readAccounts, readCarry } from './carry-accounts.js';
import { tableReading } from './declarations.js';
import { readEffective } from './effective.js';
import { expandSteps } from './expand-steps.js';
import { fastInputPlan } from './fast-input.js';
import { sha256Hex } from './fingerprint.js';
import { describeInput, valueRules } from './input-info.js';
import { staleLabelHints } from './label-hints.js';
import type { AssertPlan, CompiledRuleFile, MapParameterPlan, ParameterPlan, PlanContext, StepSite } from './model.js';
import { newNames, type Names } from './names.js';
import { orderOps } from './order-steps.js';
import { findParameterSums } from './parameter-sums.js';
import type { Op } from './plan.js';
import { newPlanContext } from './plan-context.js';
import { compileAsserts, scheduleGuards } from './plausibility.js';
import { printValue } from './print.js';
import { DeclarationReader, labelOf, textOf } from './read-declarations.js';
import { inputIndex } from './read-inputs.js';
import { issueAt, jsonText, readSource, sourceFromValue, type SourceDoc } from './source.js';
import { declareOutputs } from './step-outputs.js';
import { buildOps } from './steps/index.js';
import { whenOrFormula } from './when-or-formula.js';
import { useWordLiterals } from './words.js';

export type { AssertPlan, CompiledRuleFile, GlobalInfo, InputInfo, Label, MemberInfo, ParameterInfo, ParameterPlan, PlanContext, RuleFile, StepSite, ValueRules } from './model.js';

export { MAX_EXPANDED_STEPS } from './expand-steps.js';

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
  const issues = validationIssues(doc);
  if (issues.length > 0) return { ok: false, issues };
  const root = doc.root as JsonObject;
  const names = newNames(doc, issues);
  const reader = new DeclarationReader(doc, issues, names);
  const { params: parameters, maps: mapParameters } = reader.parameters(root);
  const inputs = reader.inputs(root);
  const tables = new Map(inputs.flatMap((d) => (d.shape === 'table' ? [[d.name, d] as const] : [])));
  const sites = expandSteps(doc, root, names.globals, issues);
  if (!sites || issues.length > 0) return { ok: false, issues };
  const ctx = newPlanContext(doc, names.globals, tables, issues);
  const planned = planSteps(root, sites, ctx, names);
  if (!planned) return { ok: false, issues };
  const carry = readCarry(root, names.globals, ctx);
  if (issues.length > 0) return { ok: false, issues };
  const { accounts, closing } = readAccounts(root, sites, ctx);
  const effective = readEffective(doc, root, issues);
  if (issues.length > 0) return { ok: false, issues };
  const { ops, asserts, guards, guardPlans } = planned;
  // Every computed column is known now: each table's row template and fast columns, once.
  const decls = inputs.map((d) => (d.shape === 'table' ? { ...d, reading: tableReading(d) } : d));
  return {
    ok: true,
    value: {
      ...header(root),
      ...(effective ? { effective } : {}),
      file: doc.file,
      fingerprint,
      doc,
      decls,
      reading: {
        index: inputIndex(decls),
        fast: fastInputPlan(decls, doc),
        inputGlobals: [...names.globals].filter(([, g]) => g.source === 'input').map(([name, g]) => ({ name, g, pointer: '/' + name.split('.').join('/') })),
      },
      inputs: decls.map(describeInput),
      params: parameters,
      mapParams: mapParameters,
      parameters: [...parameters.map(parameterInfo), ...mapParameters.map(mapParameterInfo)],
      globals: names.globals,
      carry,
      closing,
      ops,
      asserts,
      guards,
      accounts,
      hints: staleLabelHints({ doc, params: parameters, ops, asserts }),
      parameterSums: findParameterSums(guardPlans, new Set(parameters.filter((p) => p.kind !== 'text' && p.kind !== 'boolean').map((p) => p.name))),
    },
  };
}

/** The schema's verdict on the file, each problem at its place (a misspelt key at the key). */
function validationIssues(doc: SourceDoc): Issue[] {
  if (validateRuleFile(toPlain(doc.root))) return [];
  return mapAjvErrors(validateRuleFile.errors ?? []).map((e) => {
    let offset: number | undefined;
    if (e.atKey) {
      const parentPtr = e.pointer.slice(0, e.pointer.lastIndexOf('/'));
      const key = e.pointer.slice(e.pointer.lastIndexOf('/') + 1).replace(/~1/g, '/').replace(/~0/g, '~');
      const parent = nodeAt(doc.root, parentPtr);
      if (parent?.type === 'object') offset = parent.keyOffsets[parent.keys.indexOf(key)];
    }
    const clearer = e.code === 'wrong_type' ? whenOrFormula(doc.root, e.pointer) : undefined;
    if (clearer) return issueAt(doc, clearer.code, e.pointer, clearer.params);
    return issueAt(doc, e.code, e.pointer, e.params, offset);
  });
}

/**
 * The steps planned in two passes — outputs first, so a formula may read a value a later step
 * makes — then ordered by what they read, with the checks and plausibility conditions.
 */
function planSteps(root: JsonObject, sites: readonly StepSite[], ctx: PlanContext, names: Names): { ops: Op[]; asserts: AssertPlan[]; guards: CompiledRuleFile['guards']; guardPlans: AssertPlan[] } | undefined {
  for (const site of sites) declareOutputs(site, ctx, names.define);
  if (ctx.issues.length > 0) return undefined;
  const built = buildOps(sites, ctx);
  if (ctx.issues.length > 0) return undefined;
  const ops = orderOps(built, names.globals, ctx);
  if (!ops) return undefined;
  const asserts = compileAsserts(root, 'checks', ctx);
  const guardPlans = compileAsserts(root, 'plausibility', ctx);
  const guards = scheduleGuards(ops, guardPlans);
  return ctx.issues.length > 0 ? undefined : { ops, asserts, guards, guardPlans };
}

/** The file's id, title, description and source note. */
function header(root: JsonObject): Pick<CompiledRuleFile, 'id' | 'title' | 'description' | 'source' | 'supersedes'> {
  const sourceNode = member(root, 'source');
  const supersedes = member(root, 'supersedes');
  return {
    id: textOf(root, 'id') ?? '',
    title: labelOf(member(root, 'title')) ?? { zh: '', en: '' },
    description: labelOf(member(root, 'description')),
    source: sourceNode ? (JSON.parse(JSON.stringify(toPlain(sourceNode))) as Record<string, unknown>) : undefined,
    ...(supersedes?.type === 'array' ? { supersedes: supersedes.items.flatMap((n) => (n.type === 'string' ? [n.value] : [])) } : {}),
  };
}

/** A parameter of values by key as the results show it: `{county: 0.8, township: 0.9}`. */
function mapParameterInfo(p: MapParameterPlan): CompiledRuleFile['parameters'][number] {
  return {
    name: p.name,
    kind: 'map',
    value: printValue('map', p.entries),
    label: p.label,
    published: p.published,
    pointer: p.pointer,
    at: p.at,
    ...valueRules({ kind: p.of, ...p.limits, choices: undefined }),
    ...(p.source !== undefined ? { source: p.source } : {}),
    ...(p.note !== undefined ? { note: p.note } : {}),
  };
}

/** A parameter as the results and the playground's panel show it. */
function parameterInfo(p: ParameterPlan): CompiledRuleFile['parameters'][number] {
  return {
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
  };
}

export type { RoundingMode };
