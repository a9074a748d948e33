/**
 * The engine's number type. {@link Exact} keeps a BigInt coefficient and a power of ten, so
 * additions, multiplications and comparisons are exact integer operations; a quotient is taken
 * to 100 significant digits (integer long division for coefficients below 2^53, decimal.js for
 * larger ones). Every value is exact unless a quotient does not
 * terminate: inputs are capped at 40 significant digits, so sums and products of them stay exact.
 */
import { Exact } from './exact.js';

export { Exact } from './exact.js';
export const D = Exact;

/** An exact decimal number inside the engine. */
export type Dec = Exact;

export const ZERO: Dec = new D(0);
