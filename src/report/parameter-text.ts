/**
 * A parameter's value as an official reads and types it, and back: a rate is shown and typed in
 * percent (`0.02` and `"2%"` both read `2%`; typing `7` means 7% and is written `"7%"`), money
 * with thousands separators, booleans as 是/否. Pure text functions over the engine's exact
 * decimals: nothing is a float, nothing is rounded, so what is shown is exactly what is settled.
 */
import { makeIssue, type Issue } from '../issues/issue.js';
import { readCellText, type CellColumn } from '../settle/cell-text.js';
import { parseDecimalText } from '../money/decimal-string.js';
import { asPercent } from '../settle/rates.js';
import { groupDigits } from './report-text.js';

/** A parameter's value as people read it and as they edit it. */
export interface ParameterValueText {
  /** As read: `7%`, `2,000,000.00`, `6`, `是`. */
  readonly display: string;
  /** What an editor field holds: `7` for a rate (the field shows the % sign beside it), money grouped. */
  readonly editable: string;
}

/**
 * The value a rule file gives a parameter (`"2%"`, `0.02`, `"6"`, `true`), as people read it.
 * Undefined when it is not a valid value of its kind's form (the engine says why).
 */
export function parameterValueText(kind: string, value: string | number | boolean, locale: 'zh' | 'en'): ParameterValueText | undefined {
  if (typeof value === 'boolean') {
    if (kind !== 'boolean') return undefined;
    const word = value ? (locale === 'zh' ? '是' : 'yes') : locale === 'zh' ? '否' : 'no';
    return { display: word, editable: String(value) };
  }
  const raw = String(value);
  if (kind === 'text') return { display: raw, editable: raw };
  if (kind === 'boolean') return undefined;
  const parsed = parseDecimalText(raw, { percent: kind === 'rate' });
  if (!parsed.ok) return undefined;
  if (kind === 'rate') {
    const display = asPercent(parsed.value);
    return { display, editable: display.slice(0, -1) };
  }
  if (kind === 'money') {
    const grouped = groupDigits(raw);
    return { display: grouped, editable: grouped };
  }
  return { display: raw, editable: raw };
}

/** Where a typed value goes in a rule file: its file and the JSON Pointer of the parameter's value. */
export interface ParameterPlace {
  readonly file: string;
  readonly pointer: string;
}

/**
 * What an official typed into a parameter's field, as the text the rule file gets, read as the
 * engine reads a spreadsheet cell (readCellText): a rate in percent (`7` or `7%` → `"7%"`),
 * money without its thousands separators (`2,000,000.00` → `"2000000.00"`, the grouping checked:
 * `1,23,4` is refused), full-width digits as typed by a Chinese input method. A value that is
 * not a number of that form, or outside the parameter's bounds (`min`/`max`; a rate 0–100%
 * unless declared), comes back as the engine's own issue at the parameter's value
 * (not_decimal, bad_grouping, rate_out_of_range, below_minimum …) and goes nowhere.
 *
 * @example parameterEntryText({ kind: 'rate' }, '7', place) // { ok: true, text: '7%' }
 */
export function parameterEntryText(parameter: CellColumn, typed: string, place: ParameterPlace): { ok: true; text: string } | { ok: false; issue: Issue } {
  const body = typed.trim().replace(/\s+(?=[%％]$)/, '');
  if (body === '') return { ok: false, issue: makeIssue('not_decimal', place.file, place.pointer, { received: '""' }) };
  // A plain number in a rate's field means percent: the field shows the % sign beside it.
  const cell = parameter.kind === 'rate' && !/[%％]$/.test(body) ? `${body}%` : body;
  const r = readCellText(cell, parameter, place);
  return r.ok ? { ok: true, text: r.value } : { ok: false, issue: r.issues[0] };
}
