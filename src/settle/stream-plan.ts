/**
 * Whether a table can be settled a chunk of rows at a time, and how: the steps before it run
 * once, then its per-row steps and totals run on each chunk, then the rest once. A rule that needs
 * the rows again (a split over them, a check reading them, …) is refused with the step that does.
 */
import { makeIssue, type Issue } from '../issues/issue.js';
import { nodeAt } from '../json/read-json.js';
import type { CompiledRuleFile } from './model.js';
import type { Op, StreamRole } from './plan.js';
import { positionOf } from './source.js';

/** The steps of a streamed table: `first` … `last` run on each chunk (none when first > last). */
export interface StreamPlan {
  readonly table: string;
  readonly first: number;
  readonly last: number;
  readonly steps: readonly { readonly index: number; readonly op: Op; readonly role: StreamRole }[];
}

type Reason = 'step' | 'named' | 'order' | 'check' | 'rows';

function refuse(rules: CompiledRuleFile, table: string, reason: Reason, pointer: string, label: string): Issue {
  const at = positionOf(rules.doc, nodeAt(rules.doc.root, pointer)?.offset);
  const step = `${rules.file}${at ? `:${at.line}:${at.column}` : ''} ${pointer || label}`;
  return makeIssue('stream_needs_rows', rules.file, pointer, { table, reason, step }, at);
}

/**
 * The plan for streaming `table`, or why it cannot be streamed. `rows` is the settle option
 * asking for tables' rows in the result: a streamed table's rows are not kept.
 */
export function streamPlan(rules: CompiledRuleFile, table: string, rows: boolean | readonly string[] | undefined): { ok: true; plan: StreamPlan } | { ok: false; issue: Issue } {
  const d = rules.decls.find((x) => x.shape === 'table' && x.name === table);
  if (!d) {
    const tables = rules.decls.filter((x) => x.shape === 'table').map((x) => x.name);
    return { ok: false, issue: makeIssue('unknown_table', 'stream', '', { name: table, expected: tables.join(', ') }) };
  }
  if (rows === true || (Array.isArray(rows) && rows.includes(table))) return { ok: false, issue: refuse(rules, table, 'rows', '', 'rows') };
  const steps: { index: number; op: Op; role: StreamRole }[] = [];
  let totalSeen = false;
  for (let k = 0; k < rules.ops.length; k++) {
    const op = rules.ops[k] as Op;
    if (!op.deps.includes(table)) continue;
    const role = op.stream;
    if (!role || role.table !== table) {
      // A per-row step over the table without a role names values or moves money per row.
      const named = op.columnOf === table && op.deps[0] === table && !role;
      return { ok: false, issue: refuse(rules, table, named ? 'named' : 'step', op.pointer, op.label) };
    }
    const previous = steps[steps.length - 1];
    if ((previous && previous.index !== k - 1) || (role.role === 'rows' && totalSeen)) return { ok: false, issue: refuse(rules, table, 'order', op.pointer, op.label) };
    if (role.role === 'total') totalSeen = true;
    steps.push({ index: k, op, role });
  }
  const first = steps[0]?.index ?? rules.ops.length;
  const last = steps[steps.length - 1]?.index ?? rules.ops.length - 1;
  // Conditions due between two chunked steps would see one chunk only; checks at the end, none.
  for (let k = first + 1; k <= last; k++) {
    const g = rules.guards[k]?.[0];
    if (g) return { ok: false, issue: refuse(rules, table, 'check', g.pointer, g.name) };
  }
  for (const a of [...rules.asserts, ...rules.guards.flat()]) {
    if (a.compiled.deps.includes(table)) return { ok: false, issue: refuse(rules, table, 'check', a.pointer, a.name) };
  }
  return { ok: true, plan: { table, first, last, steps } };
}
