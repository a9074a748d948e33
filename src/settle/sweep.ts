/**
 * What-if: the same rule and data settled again and again while one thing moves — spending
 * scaled from 80% to 130% of the package, or a parameter swept from one value to another — and,
 * at every point, who ends up paying and who ends up keeping what, read off the ledger's
 * accounts. Every point is a full settlement by the engine; every amount is exact.
 */
import { fail, makeIssue, ok, type Issue, type Result } from '../issues/issue.js';
import { member, type JsonNode } from '../json/read-json.js';
import { parseDecimalText, formatMoney, formatNumber, type DecimalString } from '../money/decimal-string.js';
import { Exact, ZERO } from '../money/exact.js';
import { round } from '../money/round.js';
import { split } from '../money/split.js';
import type { CompiledRuleFile, RuleFile } from './model.js';
import { sha256Hex } from './fingerprint.js';
import { parties, type SweepParty } from './sweep-parties.js';
import { settleDoc } from './settle.js';
import { readSource, type SourceDoc } from './source.js';
import type { Settlement } from './types.js';

export type { SweepParty } from './sweep-parties.js';

/** What moves: money inputs scaled together, or one parameter. */
export type SweepTarget =
  | {
      /** Money inputs scaled together: single inputs (`outOfCountySpending`), group fields (`budget.employee`) or table columns (`members.spending`, every row). */
      readonly inputs: readonly string[];
      /** A money value of the settlement whose value as entered is 100% (e.g. `package`); default: the inputs' own total as entered. */
      readonly relativeTo?: string;
    }
  | {
      readonly parameter: string;
      /** A second parameter that takes up the difference, so the two keep their sum (county part 5–8 of 10, town part 5–2). */
      readonly balance?: string;
    };

/** Options of sweep(). */
export interface SweepOptions {
  readonly target: SweepTarget;
  /** The first point: a factor for inputs (`80%`, `0.8`), a value for a parameter (`5`, `50%`). */
  readonly from: string;
  /** The last point, as `from`. */
  readonly to: string;
  /** Equal intervals between from and to: steps + 1 points, 1 ≤ steps ≤ MAX_SWEEP_STEPS. */
  readonly steps: number;
  /** The input's file name for messages (default "input"). */
  readonly file?: string;
}

/** One point of a sweep: the settlement's parties and values, or why it could not be settled. */
export interface SweepPoint {
  /** The swept value as used: a factor (`1.05`, or `105%` when the ends were written in %) or the parameter's value (`7`, `50%`). */
  readonly x: string;
  /** Scaled inputs: their total at this point (x × the 100% amount, rounded half up to the fen). */
  readonly amount?: DecimalString;
  /** A balancing parameter's value at this point. */
  readonly balance?: string;
  /** Each party's net (received − paid; negative: it pays), by party key. */
  readonly nets?: Readonly<Record<string, DecimalString>>;
  /** Every named value of the settlement, as printed. */
  readonly values?: Readonly<Record<string, string>>;
  /** Whether every check of the rule file held. */
  readonly checksOk?: boolean;
  /** Why this point could not be settled (a parameter outside its bounds, a division by zero …). */
  readonly issues?: readonly Issue[];
}

/** A sweep's points and the parties they are read for. */
export interface Sweep {
  readonly target: SweepTarget;
  /** Scaled inputs: the amount that is 100%. */
  readonly reference?: DecimalString;
  readonly parties: readonly SweepParty[];
  readonly points: readonly SweepPoint[];
}

/** The most intervals of one sweep (bounded work: each point is a settlement). */
export const MAX_SWEEP_STEPS = 200;

/** A money cell of the input document that a sweep scales: its path and its value as entered. */
interface Cell {
  readonly path: readonly (string | number)[];
  readonly value: Exact;
}

function replaceAt(node: JsonNode, path: readonly (string | number)[], value: JsonNode): JsonNode {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (node.type === 'array' && typeof head === 'number') {
    const items = [...node.items];
    items[head] = replaceAt(items[head] as JsonNode, rest, value);
    return { ...node, items };
  }
  if (node.type === 'object' && typeof head === 'string') {
    const i = node.keys.indexOf(head);
    const values = [...node.values];
    values[i] = replaceAt(values[i] as JsonNode, rest, value);
    return { ...node, values };
  }
  return node;
}

function decimalOf(node: JsonNode | undefined): Exact | undefined {
  const text = node?.type === 'number' ? node.raw : node?.type === 'string' ? node.value : undefined;
  const parsed = text === undefined ? undefined : parseDecimalText(text);
  return parsed?.ok ? parsed.value : undefined;
}

/** The cells of the named money inputs present in the document (absent ones keep their default). */
function cellsOf(rules: CompiledRuleFile, root: JsonNode, names: readonly string[], file: string): Cell[] | Issue {
  const cells: Cell[] = [];
  for (const name of names) {
    const [head = '', field] = name.split('.') as [string, string | undefined];
    const decl = rules.decls.find((d) => d.name === head);
    const kind = !decl ? undefined : decl.shape === 'scalar' ? (field === undefined ? decl.decl.kind : undefined) : decl.shape === 'group' ? decl.fields.get(field ?? '')?.kind : decl.shape === 'table' ? decl.columns.get(field ?? '')?.kind : undefined;
    if (!decl || kind === undefined) return makeIssue('unknown_input', file, '/target/inputs', { name, expected: rules.decls.map((d) => d.name).join(', ') });
    if (kind !== 'money') return makeIssue('kind_mismatch', file, '/target/inputs', { detail: `${name} is ${kind}; only money inputs can be scaled` });
    const place = member(root, head);
    if (decl.shape === 'table' && place?.type === 'array') {
      place.items.forEach((row, i) => {
        const v = decimalOf(member(row, field ?? ''));
        if (v) cells.push({ path: [head, i, field ?? ''], value: v });
      });
    } else {
      const v = decimalOf(field === undefined ? place : member(place, field));
      if (v) cells.push({ path: field === undefined ? [head] : [head, field], value: v });
    }
  }
  return cells;
}

/** The points from `from` to `to`: exact where the division ends, else rounded half up to `places`. */
function axis(from: Exact, to: Exact, steps: number, places: number): Exact[] {
  const out: Exact[] = [];
  for (let i = 0; i <= steps; i++) out.push(round(from.plus(to.minus(from).times(i).div(steps)), places, 'HALF_UP'));
  return out;
}

/**
 * Settles the rule file again at every point of a sweep and reads who pays and who keeps what.
 * Inputs are scaled exactly: at factor x their new total is x × the 100% amount rounded half up
 * to the fen, split over the cells in proportion to their values as entered by the largest
 * remainder method (cells all zero: equally), so the cells add up to the total to the fen. A
 * parameter takes each value in turn (points rounded half up to the parameter's precision:
 * fen for money, whole numbers for counts, else 4 places more than `from` and `to` have).
 * Parties are the ledger's accounts that do not close (pass-through accounts net to zero), and
 * the accounts a table row step makes (one per member) as one party named after the table.
 *
 * @returns The points in order; a point that cannot be settled carries its issues. Fails only
 *   on bad options or an input that cannot be settled as it is.
 * @example
 * const s = sweep(rules, inputText, { target: { inputs: ['members.spending', 'outOfCountySpending'], relativeTo: 'package' }, from: '80%', to: '130%', steps: 10 });
 * if (s.ok) s.value.points[5]?.nets?.['fund']; // '-359326800.00' at 105%
 */
export function sweep(rules: RuleFile, input: string, options: SweepOptions): Result<Sweep> {
  const compiled = rules as CompiledRuleFile;
  const file = options.file ?? 'input';
  const bad = (code: Issue['code'], pointer: string, params: Record<string, string | number>): Result<Sweep> => fail([makeIssue(code, 'sweep', pointer, params)]);
  if (!Number.isInteger(options.steps) || options.steps < 1 || options.steps > MAX_SWEEP_STEPS) return bad('out_of_range', '/steps', { expected: `a whole number from 1 to ${MAX_SWEEP_STEPS}` });
  const from = parseDecimalText(options.from.trim(), { percent: true });
  const to = parseDecimalText(options.to.trim(), { percent: true });
  if (!from.ok) return bad(from.reason, '/from', { received: options.from, limit: 40 });
  if (!to.ok) return bad(to.reason, '/to', { received: options.to, limit: 40 });
  const src = readSource(input, file);
  if (!src.ok) return fail([src.issue]);
  const doc = src.doc;
  const fingerprint = sha256Hex(input);
  const settleAt = (root: JsonNode, parameters: Record<string, string>, i: number): Result<Settlement> => {
    const r = settleDoc(compiled, { ...doc, root } as SourceDoc, { trace: false, parameters, file }, sha256Hex(`${fingerprint}#${i}`));
    return r.ok ? ok(r.value.settlement) : r;
  };
  const base = settleAt(doc.root, {}, -1);
  if (!base.ok) return base;
  const places = Math.max(from.value.decimalPlaces(), to.value.decimalPlaces()) + 4;
  // Points are printed the way the ends were written: `105%` when `from` was `80%`.
  const percent = from.percent || to.percent;
  const points: { x: Exact; run: Result<Settlement>; extra: Partial<SweepPoint> }[] = [];
  let reference: Exact | undefined;
  const { target } = options;
  if ('inputs' in target) {
    const cells = cellsOf(compiled, doc.root, target.inputs, 'sweep');
    if (!Array.isArray(cells)) return fail([cells]);
    if (target.relativeTo !== undefined) {
      const g = compiled.globals.get(target.relativeTo);
      const v = base.value.values[target.relativeTo];
      if (!g || g.kind !== 'money' || v === undefined) return bad('unknown_name', '/target/relativeTo', { name: target.relativeTo, suggestion: '' });
      reference = new Exact(v);
    } else reference = cells.reduce((s, c) => s.plus(c.value), ZERO);
    const weights = cells.some((c) => !c.value.isZero()) ? cells.map((c) => c.value) : cells.map(() => new Exact(1));
    axis(from.value, to.value, options.steps, places).forEach((x, i) => {
      const amount = round(x.times(reference as Exact), 2, 'HALF_UP');
      const parts = cells.length > 0 ? split(amount, weights, new Exact('0.01'), { exact: false }) : undefined;
      if (parts && !parts.ok) {
        points.push({ x, run: fail([makeIssue(parts.problem, 'sweep', '/target/inputs', { amount: formatMoney(amount), detail: 'a scaled input is negative' })]), extra: { amount: formatMoney(amount) } });
        return;
      }
      let root = doc.root;
      cells.forEach((c, k) => {
        const v = formatMoney((parts as { parts: readonly Exact[] }).parts[k] as Exact);
        root = replaceAt(root, c.path, { type: 'string', offset: 0, value: v, end: 0 });
      });
      points.push({ x, run: settleAt(root, {}, i), extra: { amount: formatMoney(amount) } });
    });
  } else {
    const p = compiled.params.find((q) => q.name === target.parameter);
    const b = target.balance === undefined ? undefined : compiled.params.find((q) => q.name === target.balance);
    if (!p || !(p.exact instanceof Exact)) return bad('unknown_name', '/target/parameter', { name: target.parameter, suggestion: compiled.params.filter((q) => q.exact instanceof Exact).map((q) => q.name).join(', ') });
    if (target.balance !== undefined && (!b || !(b.exact instanceof Exact))) return bad('unknown_name', '/target/balance', { name: target.balance, suggestion: '' });
    const precision = p.kind === 'money' ? 2 : p.kind === 'count' ? 0 : places;
    const total = b ? (p.exact as Exact).plus(b.exact as Exact) : undefined;
    axis(from.value, to.value, options.steps, precision).forEach((x, i) => {
      const overrides: Record<string, string> = { [p.name]: formatNumber(x) };
      if (b && total) overrides[b.name] = formatNumber(total.minus(x));
      points.push({ x, run: settleAt(doc.root, overrides, i), extra: b ? { balance: overrides[b.name] as string } : {} });
    });
  }
  const settled = points.flatMap((pt) => (pt.run.ok ? [pt.run.value] : []));
  const who = parties(compiled, [base.value, ...settled]);
  return ok({
    target,
    ...(reference ? { reference: formatMoney(reference) } : {}),
    parties: who.list,
    points: points.map((pt): SweepPoint => {
      const x = percent ? `${formatNumber(pt.x.times(100))}%` : formatNumber(pt.x);
      if (!pt.run.ok) return { x, ...pt.extra, issues: pt.run.issues };
      const s = pt.run.value;
      return { x, ...pt.extra, nets: who.nets(s), values: s.values, checksOk: s.checks.every((c) => c.ok) };
    }),
  });
}
