/**
 * Lays out a Sankey diagram of a settlement's ledger: accounts are nodes, transfers between the
 * same two accounts are one ribbon. Amounts are read exactly (BigInt fen, see decimal-text.ts);
 * heights are integer pixels proportional to them. Readable at any size: an account that pays
 * many final recipients (a pool paying 1,700 members) shows its largest ten and one node for the
 * rest ("其他 k 家"), and the columns are set apart by the widths of their labels, so no label
 * overlaps another or is cut off. Pure: ledger and label sizes in, geometry out.
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
 * apart so the diagram has no cycles); what an account received and did not pass on; or the
 * smaller recipients of one account, together.
 */
export type NodeRole = 'account' | 'returned' | 'kept' | 'others';

export interface SankeyNode {
  readonly id: string;
  /** The account the node stands for (for `others`, the account that pays them). */
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

/** One recipient folded into an `others` node. */
export interface GroupedRecipient {
  readonly account: string;
  readonly fen: bigint;
  readonly values: readonly string[];
}

export interface SankeyLayout {
  readonly nodes: readonly SankeyNode[];
  readonly links: readonly SankeyLink[];
  /** The drawing's width in pixels, labels included: at least the requested one. */
  readonly width: number;
  /** The drawing's height in pixels: at least the requested one, more if tiny flows add up. */
  readonly height: bigint;
  readonly nodeWidth: number;
  /** Per `others` node: the recipients it stands for, largest first. */
  readonly groups: ReadonlyMap<string, readonly GroupedRecipient[]>;
  /** Where each node's label goes: left of the first column, right of the node elsewhere. */
  readonly labelSide: (node: SankeyNode) => 'left' | 'right';
}

/** A label's size: its widest line in pixels and its number of lines. */
export interface LabelSize {
  readonly width: number;
  readonly lines: number;
}

export interface LayoutOptions {
  /** The width to fill (the drawing gets wider when its labels need it). */
  readonly width?: number;
  /** The fullest column's height in pixels. */
  readonly height?: number;
  readonly nodeWidth?: number;
  /** Recipients of one account shown one by one before the rest are folded together. */
  readonly keep?: number;
  /** The size of a node's label (its name and amount), for spacing. */
  readonly labelSize?: (node: Pick<SankeyNode, 'id' | 'account' | 'role' | 'fen'>, others: number) => LabelSize;
}

interface Edge {
  from: string;
  to: string;
  fen: bigint;
  values: string[];
}

/** Final recipients of one account drawn one by one; the rest are folded into "其他 k 家". */
export const KEEP_RECIPIENTS = 10;

const RETURNED = '\u21a9';
const KEPT = '\u2193';
const OTHERS = '\u2026';
/** Pixels per label line (11px text) and between nodes; room a ribbon needs between columns. */
const LINE = 14;
const GAP = 6n;
const RIBBON_ROOM = 36;

/** Items by key, in order (one pass; a ledger has thousands of transfers). */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
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
  const out = groupBy(edges, (e) => e.from);
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

function totals(edges: readonly Edge[]): { fenIn: Map<string, bigint>; fenOut: Map<string, bigint> } {
  const fenIn = new Map<string, bigint>();
  const fenOut = new Map<string, bigint>();
  for (const e of edges) {
    fenOut.set(e.from, (fenOut.get(e.from) ?? 0n) + e.fen);
    fenIn.set(e.to, (fenIn.get(e.to) ?? 0n) + e.fen);
  }
  return { fenIn, fenOut };
}

/**
 * Adds, for every account that passes money on, a flow of what it keeps (received − paid), so
 * every ribbon's width adds up at every node: the package the community received is then seen
 * splitting into what it spent and the surplus it passed to its members.
 */
function addKept(edges: Edge[]): Edge[] {
  const { fenIn, fenOut } = totals(edges);
  const kept: Edge[] = [];
  for (const [id, received] of fenIn) {
    const paid = fenOut.get(id) ?? 0n;
    if (paid > 0n && received > paid) kept.push({ from: id, to: id + KEPT, fen: received - paid, values: [] });
  }
  return [...edges, ...kept];
}

/**
 * Folds the smaller final recipients of an account that pays more than `keep + 2` of them into
 * one `others` node per account: its largest `keep` stay (larger amount first, ties in ledger
 * order). A recipient paid by two accounts, or passing money on, is never folded.
 */
function foldRecipients(edges: Edge[], keep: number): { edges: Edge[]; groups: Map<string, GroupedRecipient[]> } {
  const payers = new Map<string, number>();
  const passesOn = new Set(edges.map((e) => e.from));
  for (const e of edges) payers.set(e.to, (payers.get(e.to) ?? 0) + 1);
  const finals = groupBy(
    edges.filter((e) => !passesOn.has(e.to) && payers.get(e.to) === 1),
    (e) => e.from,
  );
  const folded = new Set<Edge>();
  const groups = new Map<string, GroupedRecipient[]>();
  const extra: Edge[] = [];
  for (const [from, list] of finals) {
    if (list.length <= keep + 2) continue;
    const ranked = list.map((e, i) => ({ e, i })).sort((a, b) => (a.e.fen === b.e.fen ? a.i - b.i : a.e.fen > b.e.fen ? -1 : 1));
    const rest = ranked.slice(keep).map((x) => x.e);
    for (const e of rest) folded.add(e);
    groups.set(from + OTHERS, rest.map((e) => ({ account: e.to, fen: e.fen, values: e.values })));
    extra.push({ from, to: from + OTHERS, fen: rest.reduce((a, e) => a + e.fen, 0n), values: [] });
  }
  return { edges: [...edges.filter((e) => !folded.has(e)), ...extra], groups };
}

function roleOf(id: string): NodeRole {
  return id.endsWith(RETURNED) ? 'returned' : id.endsWith(KEPT) ? 'kept' : id.endsWith(OTHERS) ? 'others' : 'account';
}

/** Columns: longest path from a source; then every sink moves to the last column. */
function columnsOf(ids: readonly string[], edges: readonly Edge[]): Map<string, number> {
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
  return column;
}

/**
 * Orders each column by where its money comes from (the amount-weighted mean position of the
 * sources), so ribbons run mostly level instead of crossing the diagram: reserves returned to
 * the fund sit beside the reserves, a pool's members beside the pool. Ties keep ledger order.
 */
function orderColumns(columns: string[][], edges: readonly Edge[]): void {
  const pos = new Map<string, number>();
  const place = (col: readonly string[]): void => col.forEach((id, i) => pos.set(id, col.length > 1 ? i / (col.length - 1) : 0.5));
  place(columns[0] ?? []);
  const incoming = groupBy(edges, (e) => e.to);
  for (const col of columns.slice(1)) {
    const key = new Map<string, number>();
    for (const id of col) {
      let weight = 0n;
      let sum = 0;
      for (const e of incoming.get(id) ?? []) {
        const p = pos.get(e.from);
        if (p === undefined) continue;
        weight += e.fen;
        sum += p * Number(e.fen);
      }
      key.set(id, weight > 0n ? sum / Number(weight) : 1);
    }
    col.sort((a, b) => (key.get(a) ?? 1) - (key.get(b) ?? 1));
    place(col);
  }
}

/** One vertical scale for the whole diagram, as a fraction: the fullest column fills the height. */
function scaleOf(columns: readonly string[][], nodeFen: (id: string) => bigint, height: number): (fen: bigint) => bigint {
  let num = 0n;
  let den = 1n;
  for (const col of columns) {
    const total = col.reduce((a, id) => a + nodeFen(id), 0n);
    const room = BigInt(height) - GAP * BigInt(Math.max(col.length - 1, 0));
    if (total > 0n && (num === 0n || room * den < num * total)) {
      num = room;
      den = total;
    }
  }
  return (fen) => {
    const h = (fen * num) / den;
    return h < 1n ? 1n : h;
  };
}

/** A label's size when the caller does not measure: two lines of 12 characters. */
const DEFAULT_LABEL: LabelSize = { width: 90, lines: 2 };

/**
 * The layout of the ledger's flows. Columns stand apart by their labels' widths; every node gets
 * the height its label's lines need; the fullest column's ribbons fill `height` pixels.
 */
export function layoutSankey(flows: readonly FlowInput[], options: LayoutOptions = {}): SankeyLayout {
  const { width = 880, height = 300, nodeWidth = 12, keep = KEEP_RECIPIENTS } = options;
  const order = [...new Set(flows.flatMap((f) => [f.from, f.to]))];
  const { edges, groups } = foldRecipients(addKept(breakCycles(aggregate(flows), order)), keep);
  const ids = [...new Set(edges.flatMap((e) => [e.from, e.to]))];
  const labelSide = (n: SankeyNode): 'left' | 'right' => (n.column === 0 ? 'left' : 'right');
  if (ids.length === 0) return { nodes: [], links: [], width, height: BigInt(height), nodeWidth, groups, labelSide };

  const column = columnsOf(ids, edges);
  const last = Math.max(...column.values());
  const { fenIn, fenOut } = totals(edges);
  const nodeFen = (id: string): bigint => {
    const a = fenIn.get(id) ?? 0n;
    const b = fenOut.get(id) ?? 0n;
    return a > b ? a : b;
  };
  const columns: string[][] = Array.from({ length: last + 1 }, () => []);
  for (const id of ids) columns[column.get(id) ?? 0]?.push(id);
  orderColumns(columns, edges);
  const px = scaleOf(columns, nodeFen, height);
  const size = (id: string): LabelSize => {
    const role = roleOf(id);
    const account = role === 'account' ? id : id.slice(0, -1);
    return options.labelSize?.({ id, account, role, fen: nodeFen(id) }, groups.get(id)?.length ?? 0) ?? DEFAULT_LABEL;
  };

  // Horizontal: the first column's labels left of it, every other column's right of its nodes.
  const room = columns.map((col) => Math.max(0, ...col.map((id) => size(id).width)) + 8);
  const left = room[0] ?? 0;
  const gaps = columns.slice(0, -1).map((_, c) => nodeWidth + (c === 0 ? 0 : (room[c] ?? 0)) + RIBBON_ROOM);
  const needed = left + gaps.reduce((a, g) => a + g, 0) + nodeWidth + (last > 0 ? (room[last] ?? 0) : 0);
  const spare = gaps.length > 0 ? Math.max(0, width - needed) / gaps.length : 0;
  const xs = [left];
  for (const g of gaps) xs.push((xs[xs.length - 1] ?? 0) + g + spare);

  // Vertical: each node in a space tall enough for its label (descenders included), centred in it.
  const nodes = new Map<string, SankeyNode>();
  let bottom = 0n;
  for (const [c, col] of columns.entries()) {
    let y = 0n;
    for (const id of col) {
      const h = px(nodeFen(id));
      const slot = BigInt(size(id).lines * LINE + 6);
      const space = h > slot ? h : slot;
      const role = roleOf(id);
      const account = role === 'account' ? id : id.slice(0, -1);
      nodes.set(id, { id, account, role, column: c, x: xs[c] ?? 0, y: y + (space - h) / 2n, height: h, fen: nodeFen(id) });
      if (y + space > bottom) bottom = y + space;
      y += space + GAP;
    }
  }
  const links = ribbons(edges, nodes, px, nodeWidth);
  return { nodes: [...nodes.values()], links, width: Math.max(width, Math.ceil(needed)), height: bottom > BigInt(height) ? bottom : BigInt(height), nodeWidth, groups, labelSide };
}

/** Ribbons leave and enter their nodes stacked in the order of the other end's position. */
function ribbons(edges: readonly Edge[], nodes: ReadonlyMap<string, SankeyNode>, px: (fen: bigint) => bigint, nodeWidth: number): SankeyLink[] {
  const outOffset = new Map<string, bigint>();
  const inOffset = new Map<string, bigint>();
  const sorted = [...edges].sort((a, b) => {
    const ta = nodes.get(a.to);
    const tb = nodes.get(b.to);
    return (ta?.column ?? 0) - (tb?.column ?? 0) || (ta && tb ? (ta.y < tb.y ? -1 : ta.y > tb.y ? 1 : 0) : 0);
  });
  return sorted.map((e) => {
    const s = nodes.get(e.from) as SankeyNode;
    const t = nodes.get(e.to) as SankeyNode;
    const thickness = px(e.fen);
    const so = outOffset.get(e.from) ?? 0n;
    const ti = inOffset.get(e.to) ?? 0n;
    outOffset.set(e.from, so + thickness);
    inOffset.set(e.to, ti + thickness);
    return { from: e.from, to: e.to, fen: e.fen, values: e.values, thickness, sourceTop: s.y + so, targetTop: t.y + ti, x0: s.x + nodeWidth, x1: t.x };
  });
}
