import { formatMoney, formatNumber } from '../money/decimal-string.js';
import { Exact } from '../money/exact.js';
import type { TableValue, Value } from '../formula/types.js';
import type { ScalarKind } from './declarations.js';
import type { ValueKind } from './types.js';

/** The public kind of a declared kind: money is printed as money, every other number as a number. */
export function valueKind(kind: ScalarKind): ValueKind {
  return kind === 'money' ? 'money' : kind === 'boolean' ? 'boolean' : kind === 'text' ? 'text' : 'number';
}

/** Prints a value for people and programs: money with two decimals, numbers exact. */
export function printValue(kind: ScalarKind | 'table' | 'list' | 'map', v: Value | undefined): string {
  if (v === undefined) return '';
  if (kind === 'table') return `[${(v as TableValue).rows.length} rows]`;
  if (kind === 'list') return `[${(v as readonly Exact[]).map((x) => formatNumber(x)).join(', ')}]`;
  if (kind === 'map') return `{${[...(v as Map<string, Exact>)].map(([k, x]) => `${k}: ${formatNumber(x)}`).join(', ')}}`;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return v;
  if (!(v instanceof Exact)) return '';
  return kind === 'money' ? formatMoney(v) : formatNumber(v);
}

/** The exact text of a money value when printing it with two decimals hides digits. */
export function hiddenDigits(kind: ScalarKind, v: Exact): string | undefined {
  if (kind !== 'money') return undefined;
  return v.decimalPlaces() > 2 ? formatNumber(v) : undefined;
}

/**
 * A parameter's value as people read it in sentences and messages: a rate in percent (`0.02` →
 * `2%`), other numbers exact, true/false and text as they are. Money keeps two decimals.
 */
export function printParameter(kind: ScalarKind, v: Exact | string | boolean): string {
  if (kind === 'rate' && v instanceof Exact) return `${formatNumber(v.times(100))}%`;
  return printValue(kind, v);
}
