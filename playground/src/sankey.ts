/**
 * Lays out a Sankey diagram of a settlement's ledger: accounts are nodes, transfers between the
 * same two accounts are one ribbon. Amounts are read exactly (BigInt fen, see decimal-text.ts);
 * heights are integer pixels proportional to them. Pure: ledger in, geometry out.
 */
import { toScaled } from './decimal-text.js';

export interface FlowInput {
  readonly from: string;
  readonly to: string;
  readonly amount: string;
  readonly value: string;
}

/**
 * What a node stands for: an account; money flowing back to an account it came from (kept
 * apart so the diagram has no cycles); or what an account received and did not pass on.
 */
export type NodeRole = 'account' | 'returned' | 'kept';

export interface SankeyNode {
  readonly id: string;
  /** The account the node stands for. */
  readonly account: string;
  readonly role: NodeRole;
  readonly column: number;
  readonly x: number;
  readonly y: bigint;
  readonly height: bigint;
  /** max(in, out) in fen. */
  readonly fen: bigint;
}

export interface SankeyLink {
  readonly from: string;
  readonly to: string;
  readonly fen: bigint;
  /** The value names of the transfers the ribbon carries. */
  readonly values: readonly string[];
  readonly thickness: bigint;
  /** Top edge of the ribbon where it leaves its source and where it enters its target. */
  readonly sourceTop: bigint;
  readonly targetTop: bigint;
  readonly x0: number;
  readonly x1: number;
}

export interface SankeyLayout {
  readonly nodes: readonly SankeyNode[];
  readonly links: readonly SankeyLink[];
  readonly width: number;
  /** The drawing's height in pixels: at least the requested one, more if tiny flows add up. */
  readonly height: bigint;
  readonly nodeWidth: number;
}

interface Edge {
  from: string;
  to: string;
  fen: bigint;
  values: string[];
}

/** Sums transfers per (from, to), turning a negative transfer around. */
function aggregate(flows: readonly FlowInput[]): Edge[] {
  const edges = new Map<string, Edge>();
  for (const f of flows) {
    const fen = toScaled(f.amount, 2);
    if (fen === undefined || fen === 0n) continue;
    const [from, to, amount] = fen > 0n ? [f.from, f.to, fen] : [f.to, f.from, -fen];
    if (from === to) continue;
    const key = `${from}\u0000${to}`;
    const edge = edges.get(key) ?? { from, to, fen: 0n, values: [] };
    edge.fen += amount;
    if (!edge.values.includes(f.value)) edge.values.push(f.value);
    edges.set(key, edge);
  }
  return [...edges.values()];
}

/**
 * Redirects every edge that closes a cycle (money going back to an account it came from, such as
 * unused reserves returned to the fund) to a separate "returned" node, so the graph is acyclic.
 */
function breakCycles(edges: Edge[], order: readonly string[]): Edge[] {
  const out = new Map<string, Edge[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e]);
  const state = new Map<string, 'open' | 'done'>();
  const back = new Set<Edge>();
  const visit = (node: string): void => {
    state.set(node, 'open');
    for (const e of out.get(node) ?? []) {
      const s = state.get(e.to);
      if (s === 'open') back.add(e);
      else if (s === undefined) visit(e.to);
    }
    state.set(node, 'done');
  };
  const hasIncoming = new Set(edges.map((e) => e.to));
  for (const n of order) if (!hasIncoming.has(n) && !state.has(n)) visit(n);
  for (const n of order) if (!state.has(n)) visit(n);
  return edges.map((e) => (back.has(e) ? { ...e, to: e.to + RETURNED } : e));
}

const RETURNED = '\u21a9';
const KEPT = '\u2193';

/**
 * Adds, for every account that passes money on, a flow of what it keeps (received − paid), so
 * every ribbon's width adds up at every node: the package the community received is then seen
 * splitting into what it spent and the surplus it passed to its members.
 */
function addKept(edges: Edge[]): Edge[] {
  const fenIn = new Map<string, bigint>();
  const fenOut = new Map<string, bigint>();
  for (const e of edges) {
    fenOut.set(e.from, (fenOut.get(e.from) ?? 0n) + e.fen);
    fenIn.set(e.to, (fenIn.get(e.to) ?? 0n) + e.fen);
  }
  const kept: Edge[] = [];
  for (const [id, received] of fenIn) {
    const paid = fenOut.get(id) ?? 0n;
    if (paid > 0n && received > paid) kept.push({ from: id, to: id + KEPT, fen: received - paid, values: [] });
  }
  return [...edges, ...kept];
}

/**
 * The layout of the ledger's flows in a drawing `width` pixels wide; the fullest column is
 * `height` pixels, and every node gets at least `slot` pixels so its two-line label fits.
 */
export function layoutSankey(flows: readonly FlowInput[], width = 880, height = 300, nodeWidth = 12, slot = 26): SankeyLayout {
  const order: string[] = [];
  for (const f of flows) for (const a of [f.from, f.to]) if (!order.includes(a)) order.push(a);
  const edges = addKept(breakCycles(aggregate(flows), order));
  const ids: string[] = [];
  for (const e of edges) for (const a of [e.from, e.to]) if (!ids.includes(a)) ids.push(a);
  if (ids.length === 0) return { nodes: [], links: [], width, height: BigInt(height), nodeWidth };

  // Columns: longest path from a source; then every sink moves to the last column.
  const column = new Map<string, number>(ids.map((id) => [id, 0]));
  for (let pass = 0; pass < ids.length; pass++) {
    let moved = false;
    for (const e of edges) {
      const c = (column.get(e.from) ?? 0) + 1;
      if (c > (column.get(e.to) ?? 0)) {
        column.set(e.to, c);
        moved = true;
      }
    }
    if (!moved) break;
  }
  const last = Math.max(...column.values());
  const hasOut = new Set(edges.map((e) => e.from));
  for (const id of ids) if (!hasOut.has(id)) column.set(id, last);

  const fenIn = new Map<string, bigint>();
  const fenOut = new Map<string, bigint>();
  for (const e of edges) {
    fenOut.set(e.from, (fenOut.get(e.from) ?? 0n) + e.fen);
    fenIn.set(e.to, (fenIn.get(e.to) ?? 0n) + e.fen);
  }
  const nodeFen = (id: string): bigint => {
    const a = fenIn.get(id) ?? 0n;
    const b = fenOut.get(id) ?? 0n;
    return a > b ? a : b;
  };

  // One vertical scale for the whole diagram: the fullest column fills the height.
  const gap = 6n;
  const columns: string[][] = Array.from({ length: last + 1 }, () => []);
  for (const id of ids) columns[column.get(id) ?? 0]?.push(id);
  let scaleNum = 0n;
  let scaleDen = 1n;
  for (const col of columns) {
    const total = col.reduce((a, id) => a + nodeFen(id), 0n);
    const room = BigInt(height) - gap * BigInt(Math.max(col.length - 1, 0));
    // scale = room / total; keep the smallest as a fraction.
    if (total > 0n && (scaleNum === 0n || room * scaleDen < scaleNum * total)) {
      scaleNum = room;
      scaleDen = total;
    }
  }
  const px = (fen: bigint): bigint => {
    const h = (fen * scaleNum) / scaleDen;
    return h < 1n ? 1n : h;
  };

  const step = last === 0 ? 0 : (width - nodeWidth) / last;
  const nodes = new Map<string, SankeyNode>();
  for (const [c, col] of columns.entries()) {
    let y = 0n;
    for (const id of col) {
      const h = px(nodeFen(id));
      const room = h > BigInt(slot) ? h : BigInt(slot);
      const role: NodeRole = id.endsWith(RETURNED) ? 'returned' : id.endsWith(KEPT) ? 'kept' : 'account';
      const account = role === 'account' ? id : id.slice(0, -1);
      nodes.set(id, { id, account, role, column: c, x: c * step, y: y + (room - h) / 2n, height: h, fen: nodeFen(id) });
      y += room + gap;
    }
  }

  // Ribbons leave and enter their nodes stacked in the order of the other end's position.
  const outOffset = new Map<string, bigint>();
  const inOffset = new Map<string, bigint>();
  const sorted = [...edges].sort((a, b) => {
    const ta = nodes.get(a.to);
    const tb = nodes.get(b.to);
    return (ta?.column ?? 0) - (tb?.column ?? 0) || (ta && tb ? (ta.y < tb.y ? -1 : ta.y > tb.y ? 1 : 0) : 0);
  });
  const links: SankeyLink[] = sorted.map((e) => {
    const s = nodes.get(e.from) as SankeyNode;
    const t = nodes.get(e.to) as SankeyNode;
    const thickness = px(e.fen);
    const so = outOffset.get(e.from) ?? 0n;
    const ti = inOffset.get(e.to) ?? 0n;
    outOffset.set(e.from, so + thickness);
    inOffset.set(e.to, ti + thickness);
    return {
      from: e.from,
      to: e.to,
      fen: e.fen,
      values: e.values,
      thickness,
      sourceTop: s.y + so,
      targetTop: t.y + ti,
      x0: s.x + nodeWidth,
      x1: t.x,
    };
  });
  const bottom = [...nodes.values()].reduce((m, n) => (n.y + n.height > m ? n.y + n.height : m), 0n);
  return { nodes: [...nodes.values()], links, width, height: bottom > BigInt(height) ? bottom : BigInt(height), nodeWidth };
}
