/**
 * The context every step builder plans with: it compiles a step's formulas and conditions
 * against the rule file's names, records which table columns each step reads, and reports
 * problems at their place in the file.
 */
import { compileCondition } from '../conditions/conditions.js';
import { compileFormula, type Global } from '../formula/compile.js';
import { parseFormula } from '../formula/parse.js';
import type { Issue } from '../issues/issue.js';
import { nodeAt, type JsonNode } from '../json/read-json.js';
import { MAX_DIGITS } from '../money/decimal-string.js';
import { decimalText, type InputDecl } from './declarations.js';
import type { GlobalInfo, PlanContext } from './model.js';
import { issueAt, positionOf, type SourceDoc } from './source.js';
import { substitute } from './template.js';
import type { Position } from './types.js';

/**
 * How a formula reads a value a step named per row (`points.H1`): from the table row, as
 * hospitals['H1'].points, when the step also writes the column; undefined otherwise.
 */
function rowFormOf(name: string, rowNames: PlanContext['rowNames']): string | undefined {
  const dot = name.lastIndexOf('.');
  const row = dot > 0 ? rowNames.get(name.slice(0, dot)) : undefined;
  return row?.column === undefined ? undefined : `${row.table}['${name.slice(dot + 1)}'].${row.column}`;
}

export function newPlanContext(
  doc: SourceDoc,
  globals: Map<string, GlobalInfo>,
  tables: Map<string, Extract<InputDecl, { shape: 'table' }>>,
  issues: Issue[],
): PlanContext {
  const positions = new Map<string, Position | undefined>();
  const ctx: PlanContext = {
    doc,
    globals,
    tables,
    issues,
    text(site, value) {
      return substitute(value, site.vars);
    },
    formula(pointer, text, rows = []) {
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
        const { code, params, pos } = compiled.error;
        const name = code === 'unknown_name' && 'name' in params ? String(params.name) : undefined;
        const rowForm = name === undefined ? undefined : rowFormOf(name, ctx.rowNames);
        issues.push(issueAt(doc, code, pointer, name !== undefined && rowForm ? { name, suggestion: rowForm } : params, offsetOf(pos)));
        return undefined;
      }
      ctx.read(pointer, compiled.value.columns);
      return compiled.value;
    },
    condition(site, pointer, row) {
      const node = nodeAt(doc.root, pointer) as JsonNode;
      // A row's columns are read before the named values, as in a per-row formula; they have no slot.
      const scope = row ? new Map<string, Global>([...globals, ...[...row.columns].map(([c, ty]): [string, Global] => [c, { slot: -1, ty }])]) : globals;
      const c = compileCondition(
        node,
        scope,
        (n) => {
          const t = decimalText(n);
          return t === undefined ? undefined : substitute(t, site.vars);
        },
        (name) => substitute(name, site.vars),
      );
      if (!c.ok) {
        issues.push(issueAt(doc, c.problem.code, pointer, c.problem.params, c.problem.node.offset));
        return undefined;
      }
      return c.value;
    },
    reads: new Map(),
    rowNames: new Map(),
    read(pointer, columns) {
      const step = /^(?:\/steps\/\d+)+/.exec(pointer)?.[0];
      if (step === undefined) return;
      let set = ctx.reads.get(step);
      if (!set) ctx.reads.set(step, (set = new Set()));
      for (const c of columns) set.add(c);
    },
    issue(code, pointer, params) {
      issues.push(issueAt(doc, code, pointer, params));
    },
    at(pointer) {
      // Steps ask at run time too (which rule of a decision held): look each pointer up once.
      if (!positions.has(pointer)) positions.set(pointer, positionOf(doc, nodeAt(doc.root, pointer)?.offset));
      return positions.get(pointer);
    },
  };
  return ctx;
}
