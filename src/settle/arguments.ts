/**
 * The public verbs called the wrong way — from JavaScript, which checks no types, or from a
 * caller who passed the wrong thing. Each mistake is a `wrong_type` issue that says what was
 * expected, never a TypeError surfacing as internal_error.
 */
import { makeIssue, type Issue } from '../issues/issue.js';
import type { CompiledRuleFile } from './model.js';

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : typeof v === 'string' ? 'text' : String(typeof v));

const wrong = (file: string, pointer: string, expected: string, got: unknown): Issue => makeIssue('wrong_type', file, pointer, { expected: `${expected} (got ${describe(got)})` });

/** The file name a caller gave in options, or the default. */
export function fileOption(options: unknown, fallback: string): string {
  if (typeof options !== 'object' || options === null) return fallback;
  const file = (options as { file?: unknown }).file;
  return typeof file === 'string' ? file : fallback;
}

/** What is wrong with readRuleFile's arguments, if anything. */
export function ruleTextProblem(text: unknown, file: string): Issue | undefined {
  if (typeof text === 'string' || (typeof text === 'object' && text !== null && !Array.isArray(text))) return undefined;
  return wrong(file, '', "the rule file's JSON text (a string) or its parsed object", text);
}

/** Whether a value is a rule file made by readRuleFile (what settle needs of it). */
export function isRuleFile(rules: unknown): rules is CompiledRuleFile {
  if (typeof rules !== 'object' || rules === null) return false;
  const r = rules as Partial<CompiledRuleFile>;
  return Array.isArray(r.ops) && Array.isArray(r.decls) && Array.isArray(r.params) && r.globals instanceof Map && Array.isArray(r.guards);
}

/** What is wrong with the arguments of settle(), settleWithDecisions() or simulate(), if anything. */
export function settleArgumentsProblem(rules: unknown, input: unknown, options: unknown, file: string): Issue | undefined {
  if (!isRuleFile(rules)) return wrong(file, '', 'a rule file from readRuleFile() as the first argument', rules);
  if (input === undefined || typeof input === 'function' || typeof input === 'symbol') {
    return wrong(file, '', 'the input document as JSON text or an object', input);
  }
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return wrong(file, '', 'options as an object', options);
  const { parameters, tables, trace, unknownInputs } = options as { parameters?: unknown; tables?: unknown; trace?: unknown; unknownInputs?: unknown };
  if (trace !== undefined && typeof trace !== 'boolean') return wrong(file, '', 'options.trace as true or false', trace);
  const { rows } = options as { rows?: unknown };
  if (rows !== undefined && typeof rows !== 'boolean' && !(Array.isArray(rows) && rows.every((t) => typeof t === 'string'))) return wrong(file, '', 'options.rows as true, false or a list of table names', rows);
  if (unknownInputs !== undefined && unknownInputs !== 'error' && unknownInputs !== 'ignore') return wrong(file, '', "options.unknownInputs as 'error' or 'ignore'", unknownInputs);
  if (parameters !== undefined) {
    if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) return wrong(file, '', 'options.parameters as an object of name → value', parameters);
    for (const [k, v] of Object.entries(parameters)) {
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return wrong(`parameter ${k}`, '', 'a parameter value as text, a number or true/false', v);
    }
  }
  if (tables !== undefined) {
    if (typeof tables !== 'object' || tables === null || Array.isArray(tables)) return wrong(file, '', 'options.tables as an object of table name → { text, file? }', tables);
    for (const [k, t] of Object.entries(tables)) {
      const text = typeof t === 'object' && t !== null ? (t as { text?: unknown }).text : undefined;
      if (typeof text !== 'string') return wrong(`table ${k}`, '', 'a table as { text: CSV text, file?: name }', t);
      const tf = (t as { file?: unknown }).file;
      if (tf !== undefined && typeof tf !== 'string') return wrong(`table ${k}`, '', 'the file name of a table as text', tf);
    }
  }
  return undefined;
}
