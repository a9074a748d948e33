/**
 * A request body → what an operation needs: the rule file (an id or its text), the documents
 * (input, scenario, cases) as their exact text, parameters, CSV tables, trace on or off. The
 * body is checked against the request schema first; every refusal is a coded issue located in
 * the body ("request", JSON Pointer, line:column).
 */
import type { ErrorObject } from 'ajv';
import type { Issue, IssueCode, ParamsOf, Position } from '../index.js';
import { memberText, positionAt, readEnvelope, validationView, type Envelope, type Member } from './envelope.js';
import { serviceIssue } from './issues.js';
import type { Schema } from './schemas.js';
import type { Operation } from './task.js';
import * as validators from './validate-request.generated.js';

/** A document of the request as text, with the name its issues and figures carry. */
export interface DocumentText {
  readonly text: string;
  readonly file: string;
}

/** The rule file asked for: by id (a preset or a rules-folder file), or sent in the request. */
export type RulesChoice = { readonly kind: 'id'; readonly id: string; readonly at: Position } | ({ readonly kind: 'text' } & DocumentText);

/** A request body, read and checked. */
export interface ServiceRequest {
  readonly rules: RulesChoice | undefined;
  /** The input, scenario or cases document, whichever the operation takes. */
  readonly document: DocumentText | undefined;
  readonly parameters: Readonly<Record<string, string | boolean>>;
  readonly tables: Readonly<Record<string, DocumentText>>;
  readonly trace: boolean;
  /** settle: the tables whose rows come back (see SettleOptions.rows). */
  readonly rows: boolean | readonly string[];
  readonly unknownInputs: 'error' | 'ignore';
  /** explain: the value's name and where it is in the body. */
  readonly name: { readonly value: string; readonly at: Position } | undefined;
}

/** The validator of each operation's body, generated at build time from request.schema.json. */
const VALIDATOR_OF: Readonly<Record<Operation, typeof validators.SettleRequest>> = {
  settle: validators.SettleRequest,
  validate: validators.ValidateRequest,
  explain: validators.ExplainRequest,
  simulate: validators.SimulateRequest,
  test: validators.TestRequest,
};
const DOCUMENT_OF: Readonly<Record<Operation, string | undefined>> = { settle: 'input', validate: undefined, explain: 'input', simulate: 'scenario', test: 'cases' };


/** Reads and checks a request body for an operation. */
export function readRequest(op: Operation, text: string): { ok: true; request: ServiceRequest } | { ok: false; issues: readonly Issue[] } {
  const read = readEnvelope(text);
  if (!read.ok) return { ok: false, issues: [read.issue] };
  const env = read.envelope;
  // Types are not coerced and nothing is removed or defaulted: a body is taken as written or refused.
  const validate = VALIDATOR_OF[op];
  if (!validate(validationView(env))) return { ok: false, issues: schemaIssues(env, validate.errors ?? []) };
  const m = env.members;
  const docName = DOCUMENT_OF[op];
  const docMember = docName === undefined ? undefined : m.get(docName);
  const nameMember = m.get('name');
  return {
    ok: true,
    request: {
      rules: rulesChoice(env, m.get('rules')),
      document: docMember && docName ? { text: documentText(env, docMember), file: docName } : undefined,
      parameters: parameters(m.get('parameters')),
      tables: tables(m.get('tables')),
      trace: m.get('trace')?.value !== false,
      rows: rowsOf(env, m.get('rows')),
      unknownInputs: m.get('unknownInputs')?.value === 'ignore' ? 'ignore' : 'error',
      name: nameMember ? { value: String(nameMember.value), at: positionAt(text, nameMember.offset) } : undefined,
    },
  };
}

/** A document sent as a string is its own text; one sent as an object is its exact slice of the body. */
function documentText(env: Envelope, m: Member): string {
  return m.type === 'string' ? String(m.value) : memberText(env, m);
}

function rulesChoice(env: Envelope, m: Member | undefined): RulesChoice | undefined {
  if (!m) return undefined;
  const text = documentText(env, m);
  // An id never starts with "{", and rule-file text always does (after blanks or a BOM).
  if (m.type === 'string' && !/^[\s\ufeff]*\{/.test(text)) return { kind: 'id', id: text, at: positionAt(env.text, m.offset) };
  return { kind: 'text', text, file: 'rules' };
}

function parameters(m: Member | undefined): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  // Numbers as their digits: 0.1 stays "0.1", 12345678901234567.89 keeps every digit.
  for (const [k, c] of m?.members ?? []) out[k] = typeof c.value === 'boolean' ? c.value : String(c.value);
  return out;
}

function rowsOf(env: Envelope, m: Member | undefined): boolean | readonly string[] {
  if (!m) return false;
  if (typeof m.value === 'boolean') return m.value;
  // The schema has checked it is a short list of strings.
  const list: unknown = JSON.parse(memberText(env, m));
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : false;
}

function tables(m: Member | undefined): Record<string, DocumentText> {
  const out: Record<string, DocumentText> = {};
  for (const [k, c] of m?.members ?? []) out[k] = { text: String(c.value), file: `tables.${k}` };
  return out;
}

/** ajv's errors → coded issues at the member's place in the body (its key, for an unknown member). */
function schemaIssues(env: Envelope, errors: readonly ErrorObject[]): Issue[] {
  const out: Issue[] = [];
  const seen = new Set<string>();
  const push = <C extends IssueCode>(code: C, pointer: string, params: ParamsOf<C>, offset: number): void => {
    const key = `${code} ${pointer}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(serviceIssue(code, pointer, params, positionAt(env.text, offset)));
  };
  for (const e of errors) {
    const member = memberAt(env, e.instancePath);
    const offset = member?.offset ?? 0;
    if (e.keyword === 'required') push('missing_property', e.instancePath, { property: String(e.params['missingProperty']) }, offset);
    else if (e.keyword === 'additionalProperties') {
      const property = String(e.params['additionalProperty']);
      const allowed = Object.keys((e.parentSchema as Schema | undefined)?.['properties'] ?? {});
      const inner = memberAt(env, `${e.instancePath}/${property}`);
      push('unknown_property', `${e.instancePath}/${property.replace(/~/g, '~0').replace(/\//g, '~1')}`, { property, expected: allowed.join(', ') }, inner?.keyOffset ?? offset);
    } else if (e.keyword === 'anyOf') push('wrong_type', e.instancePath, { expected: expectedTypes(e.schema) }, offset);
    else if (e.keyword === 'type' && !e.schemaPath.includes('/anyOf/')) push('wrong_type', e.instancePath, { expected: String(e.params['type']) }, offset);
  }
  return out;
}

function expectedTypes(anyOf: unknown): string {
  const types = Array.isArray(anyOf) ? anyOf.map((s) => String((s as Schema)['type'])) : [];
  return types.join(' or ');
}

/** The member at a pointer of depth 1 or 2 (keys in the body carry no "/" or "~" needing care here). */
function memberAt(env: Envelope, pointer: string): Member | undefined {
  const [, first, second] = pointer.split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (first === undefined) return undefined;
  const top = env.members.get(first);
  return second === undefined ? top : top?.members?.get(second);
}
