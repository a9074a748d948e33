/**
 * The engine's number type. {@link Exact} keeps a BigInt coefficient and a power of ten, so
 * additions, multiplications and comparisons are exact integer operations; division goes to
 * decimal.js at 100 significant digits. Every value is exact unless a quotient does not
 * terminate: inputs are capped at 40 significant digits, so sums and products of them stay exact.
 */
import { Exact } from './exact.js';

export { Exact } from './exact.js';
export const D = Exact;

/** An exact decimal number inside the engine. */
export type Dec = Exact;

export const ZERO: Dec = new D(0);
