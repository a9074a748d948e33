/**
 * The rule file's declarations read into the plan: its parameters (with their values checked
 * against their own bounds) and its inputs (single values, groups, lists and tables). Each
 * declared name is defined once in `names`; every problem is an issue at its place.
 */
import type { TableTy, Ty } from '../formula/types.js';
import type { Issue } from '../issues/issue.js';
import { escapePointerToken, member, type JsonNode, type JsonObject } from '../json/read-json.js';
import { MAX_DIGITS, parseDecimalText } from '../money/decimal-string.js';
import { Exact } from '../money/exact.js';
import { readChoices } from './choices.js';
import { decimalText, readScalar, scalarTy, UNPLANNED, type ColumnDecl, type InputDecl, type ScalarDecl, type ScalarKind } from './declarations.js';
import type { Label, MapParameterPlan, ParameterPlan } from './model.js';
import type { Names } from './names.js';
import { issueAt, positionOf, type SourceDoc } from './source.js';

/** A `{ zh, en }` label as written (a language left out reads as ''). */
export function labelOf(n: JsonNode | undefined): Label | undefined {
  if (!n || n.type !== 'object') return undefined;
  const zh = member(n, 'zh');
  const en = member(n, 'en');
  return { zh: zh?.type === 'string' ? zh.value : '', en: en?.type === 'string' ? en.value : '' };
}

/** A string member's value (the schema has checked its type where it is required). */
export function textOf(n: JsonNode | undefined, key: string): string | undefined {
  const m = member(n, key);
  return m?.type === 'string' ? m.value : undefined;
}

/** Reads declarations of one rule file, collecting issues. */
export class DeclarationReader {
  constructor(
    private readonly doc: SourceDoc,
    private readonly issues: Issue[],
    private readonly names: Names,
  ) {}

  /** A bound (`min`, `max`) written as a decimal or a percentage. */
  private decimalOf(n: JsonNode | undefined, pointer: string): Exact | undefined {
    if (!n) return undefined;
    const t = decimalText(n);
    const parsed = t === undefined ? undefined : parseDecimalText(t, { percent: true });
    if (!parsed || !parsed.ok) {
      this.issues.push(issueAt(this.doc, parsed?.reason ?? 'not_decimal', pointer, { received: t ?? n.type, limit: MAX_DIGITS }, n.offset));
      return undefined;
    }
    return parsed.value;
  }

  /** A single value's declaration: kind, bounds, choices, default and label. */
  scalarDecl(n: JsonObject, pointer: string): ScalarDecl {
    const choicesNode = member(n, 'choices');
    const choices = choicesNode?.type === 'array' ? readChoices(choicesNode, `${pointer}/choices`, this.doc, this.issues) : undefined;
    return {
      kind: (textOf(n, 'kind') ?? 'money') as ScalarKind,
      min: this.decimalOf(member(n, 'min'), `${pointer}/min`),
      max: this.decimalOf(member(n, 'max'), `${pointer}/max`),
      choices: choices?.values,
      choiceLabels: choices?.labels,
      choiceInfos: choices?.infos,
      defaultNode: member(n, 'default'),
      defaultPointer: `${pointer}/default`,
      label: labelOf(member(n, 'label')),
    };
  }

  /** `parameters`: each value read as its kind and checked against its own bounds; maps apart. */
  parameters(root: JsonObject): { params: ParameterPlan[]; maps: MapParameterPlan[] } {
    const out: ParameterPlan[] = [];
    const maps: MapParameterPlan[] = [];
    const params = member(root, 'parameters');
    if (params?.type !== 'object') return { params: out, maps };
    params.keys.forEach((name, idx) => {
      const n = params.values[idx] as JsonObject;
      const pointer = `/parameters/${escapePointerToken(name)}`;
      if (textOf(n, 'kind') === 'map') {
        const map = this.mapParameter(name, n, pointer, params.keyOffsets[idx]);
        if (map) maps.push(map);
        return;
      }
      const decl = this.scalarDecl(n, pointer);
      const before = this.issues.length;
      const value = readScalar(decl, member(n, 'value') as JsonNode, this.doc, `${pointer}/value`, this.issues);
      if (this.issues.length > before || value === undefined) return;
      if (!this.names.define(name, scalarTy(decl.kind), decl.kind, 'parameter', pointer, params.keyOffsets[idx])) return;
      const published = member(n, 'published');
      const source = textOf(n, 'source');
      const note = textOf(n, 'note');
      out.push({
        ...(source !== undefined ? { source } : {}),
        ...(note !== undefined ? { note } : {}),
        name,
        kind: decl.kind,
        exact: value as Exact | string | boolean,
        limits: { min: decl.min, max: decl.max, choices: decl.choices, choiceLabels: decl.choiceLabels, choiceInfos: decl.choiceInfos },
        label: labelOf(member(n, 'label')) ?? { zh: name, en: name },
        published: published?.type === 'boolean' ? published.value === true : undefined,
        pointer,
        at: positionOf(this.doc, params.keyOffsets[idx]),
      });
    });
    return { params: out, maps };
  }

  /** A parameter of values by key: each value read as `of`, within the declared (or a rate's) bounds. */
  private mapParameter(name: string, n: JsonObject, pointer: string, keyAt: number | undefined): MapParameterPlan | undefined {
    const of = textOf(n, 'of') as ScalarKind;
    const decl = { ...this.scalarDecl(n, pointer), kind: of };
    const value = member(n, 'value') as JsonObject;
    const entries = new Map<string, Exact>();
    const before = this.issues.length;
    value.keys.forEach((key, i) => {
      const v = readScalar(decl, value.values[i] as JsonNode, this.doc, `${pointer}/value/${escapePointerToken(key)}`, this.issues);
      if (v instanceof Exact) entries.set(key, v);
    });
    if (this.issues.length > before) return undefined;
    if (!this.names.define(name, { k: 'map', of: scalarTy(of) }, 'map', 'parameter', pointer, keyAt)) return undefined;
    const published = member(n, 'published');
    const source = textOf(n, 'source');
    const note = textOf(n, 'note');
    return {
      ...(source !== undefined ? { source } : {}),
      ...(note !== undefined ? { note } : {}),
      name,
      of,
      entries,
      limits: { min: decl.min, max: decl.max },
      label: labelOf(member(n, 'label')) ?? { zh: name, en: name },
      published: published?.type === 'boolean' ? published.value === true : undefined,
      pointer,
      at: positionOf(this.doc, keyAt),
    };
  }

  /** `inputs`, in the file's order. */
  inputs(root: JsonObject): InputDecl[] {
    const out: InputDecl[] = [];
    const inputsNode = member(root, 'inputs') as JsonObject;
    inputsNode.keys.forEach((name, idx) => {
      const n = inputsNode.values[idx] as JsonObject;
      const pointer = `/inputs/${escapePointerToken(name)}`;
      const keyAt = inputsNode.keyOffsets[idx];
      const kind = textOf(n, 'kind');
      const decl = kind === 'group' ? this.group(name, n, pointer) : kind === 'table' ? this.table(name, n, pointer, keyAt) : kind === 'list' ? this.list(name, n, pointer, keyAt) : this.scalar(name, n, pointer, keyAt);
      if (decl) out.push(decl);
    });
    return out;
  }

  private group(name: string, n: JsonObject, pointer: string): InputDecl {
    const fieldsNode = member(n, 'fields') as JsonObject;
    const fields = new Map<string, ScalarDecl>();
    fieldsNode.keys.forEach((f, j) => {
      const fp = `${pointer}/fields/${escapePointerToken(f)}`;
      const d = this.scalarDecl(fieldsNode.values[j] as JsonObject, fp);
      if (this.names.define(`${name}.${f}`, scalarTy(d.kind), d.kind, 'input', fp, fieldsNode.keyOffsets[j])) fields.set(f, d);
    });
    return { shape: 'group', name, fields, label: labelOf(member(n, 'label')) };
  }

  private table(name: string, n: JsonObject, pointer: string, keyAt: number | undefined): InputDecl | undefined {
    const colsNode = member(n, 'columns') as JsonObject;
    const columns = new Map<string, ColumnDecl>();
    const colTys = new Map<string, Ty>();
    colsNode.keys.forEach((c, j) => {
      const cn = colsNode.values[j] as JsonObject;
      if (textOf(cn, 'kind') === 'map') {
        const of = textOf(cn, 'of') as ScalarKind;
        columns.set(c, { kind: 'map', of, label: labelOf(member(cn, 'label')) });
        colTys.set(c, { k: 'map', of: scalarTy(of) });
      } else {
        const d = this.scalarDecl(cn, `${pointer}/columns/${escapePointerToken(c)}`);
        columns.set(c, d);
        colTys.set(c, scalarTy(d.kind));
      }
    });
    const key = textOf(n, 'key');
    if (key !== undefined) {
      const kd = columns.get(key);
      if (!kd) this.issues.push(issueAt(this.doc, 'unknown_column', `${pointer}/key`, { table: name, column: key }));
      else if (kd.kind !== 'text') this.issues.push(issueAt(this.doc, 'kind_mismatch', `${pointer}/key`, { detail: 'the key column must be text' }));
    }
    const table: TableTy = { name, key, columns: colTys };
    const decl = { shape: 'table' as const, name, table, columns, computed: new Map<string, ScalarKind>(), label: labelOf(member(n, 'label')), reading: UNPLANNED };
    return this.names.define(name, { k: 'table', table }, 'table', 'input', pointer, keyAt) ? decl : undefined;
  }

  private list(name: string, n: JsonObject, pointer: string, keyAt: number | undefined): InputDecl | undefined {
    const of = textOf(n, 'of') as ScalarKind;
    const minItems = member(n, 'minItems');
    const maxItems = member(n, 'maxItems');
    if (!this.names.define(name, { k: 'list', of: scalarTy(of) }, 'list', 'input', pointer, keyAt)) return undefined;
    return {
      shape: 'list',
      name,
      of,
      label: labelOf(member(n, 'label')),
      minItems: minItems?.type === 'number' ? Number(minItems.raw) : 0,
      maxItems: maxItems?.type === 'number' ? Number(maxItems.raw) : 1_000_000,
    };
  }

  private scalar(name: string, n: JsonObject, pointer: string, keyAt: number | undefined): InputDecl | undefined {
    const d = this.scalarDecl(n, pointer);
    if (d.defaultNode) readScalar(d, d.defaultNode, this.doc, `${pointer}/default`, this.issues);
    return this.names.define(name, scalarTy(d.kind), d.kind, 'input', pointer, keyAt) ? { shape: 'scalar', name, decl: d } : undefined;
  }
}
