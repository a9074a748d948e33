/**
 * Where to fix a JSON syntax error, in the words of the person who made it. The reader stops at
 * the first character it cannot use and says what it expected there (a key, a comma, a value …);
 * this module looks at the text around that place and names the usual slip: a missing comma at
 * the end of the previous line, a comma after the last item, a bracket never closed, Chinese
 * punctuation typed for JSON's (`，` for `,`), single quotes, a comment. Only failures come here,
 * so nothing in it costs a successful read anything.
 */
import type { ParamsOf } from '../issues/codes.js';
import type { LineIndex } from './locate.js';
import type { JsonProblem } from './read-json.js';

/** The slips a syntax error is put down to; each has a zh and en message (syntax-messages.ts). */
export const SYNTAX_REASONS = [
  'missing_comma',
  'trailing_comma',
  'missing_colon',
  'unquoted_key',
  'single_quotes',
  'fullwidth_punctuation',
  'unclosed_bracket',
  'wrong_bracket',
  'expected_separator',
  'missing_value',
  'not_a_value',
  'bad_literal',
  'bad_number',
  'unclosed_string',
  'control_character',
  'bad_escape',
  'comment',
  'extra_text',
  'expected_key',
] as const;

/** One of SYNTAX_REASONS. */
export type SyntaxReason = (typeof SYNTAX_REASONS)[number];

/** A syntax error explained: the slip, where to fix it, what was found and what belongs there. */
export interface SyntaxHint {
  readonly reason: SyntaxReason;
  /** Offset of the place to fix when it is not where the reader stopped (the previous line's end, a comma). */
  readonly fix?: number;
  /** Offset of the open bracket that an unclosed or mismatched bracket belongs to. */
  readonly open?: number;
  /** The text found where the reader stopped (a word, a number or one character). */
  readonly found: string;
  /** What belongs there instead, as it should be typed. */
  readonly expected?: string;
}

/** Chinese (full-width) punctuation typed where JSON needs its ASCII counterpart. */
const FULLWIDTH: ReadonlyMap<string, string> = new Map([
  ['，', ','],
  ['：', ':'],
  ['“', '"'],
  ['”', '"'],
  ['‘', '"'],
  ['’', '"'],
  ['｛', '{'],
  ['｝', '}'],
  ['［', '['],
  ['］', ']'],
  ['【', '['],
  ['】', ']'],
]);

/** A misspelt or miscased true, false or null (`tru`, `True`, `nul`). */
const LITERAL_START = /^(t(r(ue?)?)?|f(a(l(se?)?)?)?|n(u(ll?)?)?|true|false|null)$/i;

const CLOSER: Readonly<Record<string, string>> = { '{': '}', '[': ']' };

/** The offset just after the last non-whitespace character before `i` (where a line's content ends). */
function contentEnd(text: string, i: number): number {
  let k = i;
  while (k > 0 && /\s/.test(text.charAt(k - 1))) k--;
  return k;
}

/** The token at `i`: a word, a number, or one character. */
function tokenAt(text: string, i: number): string {
  const word = /^[\p{L}_$][\p{L}\p{N}_$]*|^-?[\d.][\w.+-]*/u.exec(text.slice(i, i + 40));
  return word ? word[0] : text.charAt(i);
}

/** The end of the line holding offset `i` (before its line break). */
function lineEnd(text: string, i: number): number {
  const n = text.indexOf('\n', i);
  const end = n < 0 ? text.length : n;
  return text.charAt(end - 1) === '\r' ? end - 1 : end;
}

function stringSlip(text: string, p: JsonProblem): SyntaxHint {
  const c = text.charAt(p.offset);
  if (p.detail === 'unterminated string') return { reason: 'unclosed_string', fix: lineEnd(text, p.offset), found: '"' };
  if (c === '\n' || c === '\r') return { reason: 'unclosed_string', fix: p.offset, found: '"' };
  if (p.detail === 'control character in string') return { reason: 'control_character', found: c === '\t' ? '\\t' : `U+${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}` };
  return { reason: 'bad_escape', found: text.slice(p.offset, p.offset + 2) };
}

function afterComma(text: string, i: number): number | undefined {
  const before = contentEnd(text, i) - 1;
  return text.charAt(before) === ',' ? before : undefined;
}

function valueSlip(text: string, p: JsonProblem, c: string, found: string): SyntaxHint {
  if (c === ']' || c === '}') {
    const comma = afterComma(text, p.offset);
    return comma !== undefined ? { reason: 'trailing_comma', fix: comma, found: c } : { reason: 'missing_value', found: c };
  }
  if (c === ',') return { reason: 'missing_value', found: c };
  if (c === "'") return { reason: 'single_quotes', found: c, expected: '"' };
  if (c === '-' || /\d/.test(c)) return { reason: 'bad_number', found };
  if (LITERAL_START.test(found)) return { reason: 'bad_literal', found };
  return { reason: 'not_a_value', found };
}

/** A number the reader stopped inside (`01`, `1.`, `1,234.00`): its whole text, else undefined. */
function brokenNumber(text: string, i: number, c: string): string | undefined {
  const before = text.charAt(i - 1);
  const joined = /[\d.]/.test(c) && /[\d.]/.test(before);
  const grouped = /\d/.test(c) && before === ',' && /\d/.test(text.charAt(i - 2));
  if (!joined && !grouped) return undefined;
  let start = i;
  while (start > 0 && /[\d.,\-]/.test(text.charAt(start - 1))) start--;
  let end = i;
  while (end < text.length && /[\d.,eE+\-]/.test(text.charAt(end))) end++;
  return text.slice(start, end).replace(/,$/, '');
}

function separatorSlip(text: string, p: JsonProblem, c: string, found: string): SyntaxHint {
  const number = brokenNumber(text, p.offset, c);
  if (number !== undefined) return { reason: 'bad_number', found: number };
  const open = p.open;
  const closer = open === undefined ? undefined : CLOSER[text.charAt(open)];
  if ((c === '}' || c === ']') && closer !== undefined && c !== closer) {
    return { reason: 'wrong_bracket', ...(open !== undefined ? { open } : {}), found: c, expected: closer };
  }
  if (/["{[\d\-tfn']/.test(c) || /[A-Za-z_]/.test(c)) return { reason: 'missing_comma', fix: contentEnd(text, p.offset), found, expected: ',' };
  return { reason: 'expected_separator', found, expected: `,${closer !== undefined ? ` / ${closer}` : ''}` };
}

function keySlip(text: string, p: JsonProblem, c: string, found: string): SyntaxHint {
  const number = brokenNumber(text, p.offset, c);
  if (number !== undefined) return { reason: 'bad_number', found: number };
  if (c === '}' || c === ']') {
    const comma = afterComma(text, p.offset);
    if (comma !== undefined) return { reason: 'trailing_comma', fix: comma, found: c };
  }
  if (c === "'") return { reason: 'single_quotes', found: c, expected: '"' };
  if (/[\p{L}_$]/u.test(c)) return { reason: 'unquoted_key', found, expected: `"${found}"` };
  return { reason: 'expected_key', found };
}

/** Explains a `json_syntax` problem of `text`. */
export function syntaxHint(text: string, p: JsonProblem): SyntaxHint {
  if (p.expected === 'string') return stringSlip(text, p);
  const i = p.offset;
  if (i >= contentEnd(text, text.length) && p.open !== undefined) {
    const closer = CLOSER[text.charAt(p.open)] ?? '}';
    return { reason: 'unclosed_bracket', open: p.open, found: '', expected: closer };
  }
  const c = text.charAt(i);
  const found = tokenAt(text, i);
  if (c === '/' && /[/*]/.test(text.charAt(i + 1))) return { reason: 'comment', found: text.slice(i, i + 2) };
  const ascii = FULLWIDTH.get(c);
  if (ascii !== undefined) return { reason: 'fullwidth_punctuation', found: c, expected: ascii };
  switch (p.expected) {
    case 'separator':
      return separatorSlip(text, p, c, found);
    case 'key':
      return keySlip(text, p, c, found);
    case 'colon':
      return { reason: 'missing_colon', fix: contentEnd(text, i), found, expected: ':' };
    case 'end':
      return { reason: 'extra_text', fix: contentEnd(text, i), found };
    default:
      return valueSlip(text, p, c, found);
  }
}

/**
 * The parameters a `json_syntax` issue's messages word the hint with: the reason, what was found
 * and expected, and the lines (and columns) of the place to fix and of the open bracket.
 */
export function syntaxParams(text: string, p: JsonProblem, lines: LineIndex): ParamsOf<'json_syntax'> {
  const hint = syntaxHint(text, p);
  const at = lines.position(Math.min(p.offset, text.length));
  const fix = hint.fix === undefined ? undefined : lines.position(hint.fix);
  const open = hint.open === undefined ? undefined : lines.position(hint.open);
  return {
    detail: p.detail,
    reason: hint.reason,
    found: hint.found,
    line: at.line,
    column: at.column,
    ...(hint.expected !== undefined ? { expected: hint.expected } : {}),
    ...(fix && hint.fix !== undefined
      ? {
          fixLine: fix.line,
          fixColumn: fix.column,
          // Whether the place to fix ends its line ("第 5 行末尾") or sits inside it ("第 5 行第 9 列").
          fixAtLineEnd: text.slice(hint.fix + (hint.reason === 'trailing_comma' ? 1 : 0), lineEnd(text, hint.fix)).trim() === '' ? 1 : 0,
        }
      : {}),
    ...(open && hint.open !== undefined ? { open: text.charAt(hint.open), openLine: open.line, openColumn: open.column } : {}),
    ...(hint.reason === 'missing_colon' ? { key: lastToken(p.pointer) } : {}),
  };
}

function lastToken(pointer: string): string {
  return pointer.slice(pointer.lastIndexOf('/') + 1).replace(/~1/g, '/').replace(/~0/g, '~');
}
