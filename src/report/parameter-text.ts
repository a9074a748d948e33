/**
 * A parameter's value as an official reads and types it, and back: a rate is shown and typed in
 * percent (`0.02` and `"2%"` both read `2%`; typing `7` means 7% and is written `"7%"`), money
 * with thousands separators, booleans as 是/否. Pure text functions over the engine's exact
 * decimals: nothing is a float, nothing is rounded, so what is shown is exactly what is settled.
 */
import { makeIssue, type Issue } from '../issues/issue.js';
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

const FULL_WIDTH = /[\uff10-\uff19\uff0c\uff0e\uff05\uff0d]/g;

/** Full-width digits, comma, point, percent and minus (a Chinese input method's) as ASCII. */
function halfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Where a typed value goes in a rule file: its file and the JSON Pointer of the parameter's value. */
export interface ParameterPlace {
  readonly file: string;
  readonly pointer: string;
}

/**
 * What an official typed into a parameter's field, as the text the rule file gets: a rate in
 * percent (`7` or `7%` → `"7%"`), money without its thousands separators (`2,000,000.00` →
 * `"2000000.00"`, the grouping checked: `1,23,4` is refused), other numbers as typed. Text that
 * is not a number of that form is a `not_decimal` issue at the parameter's value; whether the
 * number suits the kind and the declared bounds is the engine's to say, as for any rule file.
 */
export function parameterEntryText(kind: string, typed: string, place: ParameterPlace): { ok: true; text: string } | { ok: false; issue: Issue } {
  const refuse = (): { ok: false; issue: Issue } => ({
    ok: false,
    issue: makeIssue('not_decimal', place.file, place.pointer, { received: JSON.stringify(typed.length > 40 ? `${typed.slice(0, 40)}…` : typed) }),
  });
  if (kind === 'text') return { ok: true, text: typed };
  let body = halfWidth(typed.trim());
  const percent = body.endsWith('%');
  if (percent) {
    if (kind !== 'rate') return refuse();
    body = body.slice(0, -1).trim();
  }
  if (body.includes(',')) {
    if (!/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(body)) return refuse();
    body = body.replace(/,/g, '');
  }
  if (!parseDecimalText(body).ok) return refuse();
  return { ok: true, text: kind === 'rate' ? `${body}%` : body };
}
