/**
 * The order steps run in: each after the steps whose values or table columns it reads, file
 * order otherwise. A cycle is refused, naming the steps on it.
 */
import type { GlobalInfo, PlanContext } from './model.js';
import type { Op } from './plan.js';

/** Orders steps so each runs after the steps it reads; file order otherwise. Refuses cycles. */
export function orderOps(ops: readonly Op[], globals: ReadonlyMap<string, GlobalInfo>, ctx: PlanContext): Op[] | undefined {
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

