/**
 * The JSON Schemas of the service's requests and responses. Requests: request.schema.json,
 * from which the build generates the worker's validators, and which the OpenAPI document
 * publishes; they are closed (an unknown member is a typo to report). Responses: below, for the
 * OpenAPI document and for the tests that hold every real answer to it; they are open, so a
 * later field does not break a client's validation.
 */
import { ISSUE_CODES, ROUNDING_MODES } from '../index.js';
import requestSchema from './request.schema.json' with { type: 'json' };

/** A JSON Schema, as plain data. */
export type Schema = Readonly<Record<string, unknown>>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str = (description?: string): Schema => (description ? { type: 'string', description } : { type: 'string' });
const mapOf = (values: Schema, description?: string): Schema => ({ type: 'object', additionalProperties: values, ...(description ? { description } : {}) });
const obj = (required: readonly string[], properties: Readonly<Record<string, Schema>>, description?: string): Schema => ({
  type: 'object',
  required,
  properties,
  ...(description ? { description } : {}),
});

/**
 * The request schemas by name: request.schema.json's definitions, with references pointing
 * into an OpenAPI document's components, and `ruleFile` in place of the branch marked
 * "rule-file" (the worker's generated validator takes any object there, because the library
 * checks a rule file itself and reports each problem at its line:column).
 */
export function requestSchemas(ruleFile: Schema): Record<string, Schema> {
  return rerooted(requestSchema.definitions, '#/definitions/', '#/components/schemas/', (x) => (x['$comment'] === 'rule-file' ? ruleFile : undefined)) as Record<string, Schema>;
}

/**
 * A copy of a schema whose `$ref`s starting with `from` start with `to` instead (a schema
 * moved into an OpenAPI document), and where `swap` replaces the subschemas it returns one for.
 */
export function rerooted(value: unknown, from: string, to: string, swap: (s: Schema) => Schema | undefined = () => undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => rerooted(v, from, to, swap));
  if (value === null || typeof value !== 'object') return value;
  const swapped = swap(value as Schema);
  if (swapped) return swapped;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(value)) {
    out[k] = k === '$ref' && typeof x === 'string' && x.startsWith(from) ? `${to}${x.slice(from.length)}` : rerooted(x, from, to, swap);
  }
  return out;
}

const decimal: Schema = { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$', description: 'An exact decimal as text, e.g. "342216000.00". Read it as a decimal (Java BigDecimal, C# decimal), never a float.' };
const position: Schema = obj(['line', 'column'], { line: { type: 'integer', minimum: 1 }, column: { type: 'integer', minimum: 1 } });
const label: Schema = obj(['zh', 'en'], { zh: str(), en: str() });

/** The response schemas (and the shapes they share). */
export const responseSchemas: Readonly<Record<string, Schema>> = {
  DecimalString: decimal,
  Position: position,
  Label: label,
  Issue: obj(
    ['code', 'file', 'pointer', 'params', 'message'],
    {
      code: { type: 'string', enum: [...ISSUE_CODES], description: 'A stable code; see docs/errors.md.' },
      file: str('The text the position refers to: "request" (the body), a member such as "input" or "rules" sent as text, "tables.<name>", or the rule file\'s name.'),
      pointer: str('JSON Pointer into that text ("" for the whole).'),
      at: ref('Position'),
      params: mapOf({ anyOf: [{ type: 'string' }, { type: 'number' }] }),
      message: ref('Label'),
    },
    'One problem, as data: code, place, parameters and a message in Chinese and English.',
  ),
  Issues: obj(['issues'], { issues: { type: 'array', minItems: 1, items: ref('Issue') } }, 'The body of every refusal (HTTP 400, 401, 404, 405, 413, 415, 422, 500, 503).'),
  Figure: obj(['name', 'value', 'kind', 'source', 'pointer', 'formula', 'inputs'], {
    name: str(),
    value: str('As printed: money with two decimals, other numbers as exact decimals.'),
    kind: { type: 'string', enum: ['money', 'number', 'boolean', 'text'] },
    source: { type: 'string', enum: ['input', 'parameter', 'compute', 'decide', 'split', 'waterfall', 'tiers', 'total'] },
    pointer: str(),
    at: ref('Position'),
    file: str(),
    formula: str(),
    inputs: mapOf(str()),
    exact: str(),
    rounding: obj(['places', 'mode'], { places: { type: 'integer' }, mode: { type: 'string', enum: [...ROUNDING_MODES] } }),
    note: str(),
  }),
  Transfer: obj(['from', 'to', 'amount', 'value', 'pointer'], { from: str(), to: str(), amount: ref('DecimalString'), value: str(), pointer: str(), memo: str() }),
  Check: obj(['name', 'label', 'ok', 'expected', 'actual', 'pointer', 'description'], { name: str(), label: ref('Label'), ok: { type: 'boolean' }, expected: str('Money with two decimals, or "true" for a check the rule file declares.'), actual: str(), pointer: str(), description: str() }),
  AccountBalance: obj(['received', 'paid', 'net'], { received: ref('DecimalString'), paid: ref('DecimalString'), net: ref('DecimalString') }),
  Settlement: obj(
    ['rule', 'input', 'engine', 'values', 'figures', 'ledger', 'accounts', 'checks'],
    {
      rule: obj(['id', 'title', 'fingerprint'], { id: str(), title: ref('Label'), fingerprint: str() }),
      input: obj(['fingerprint'], { fingerprint: str() }),
      engine: obj(['name', 'version'], { name: { const: 'yibao-settle' }, version: str() }),
      values: mapOf(str(), 'Every named value, as printed.'),
      figures: mapOf(ref('Figure'), 'The trace: a figure per value, input and parameter ({} when trace is off).'),
      ledger: { type: 'array', items: ref('Transfer') },
      accounts: mapOf(ref('AccountBalance')),
      checks: { type: 'array', items: ref('Check'), description: 'Conservation and declared checks; a result with a failed check must not be paid out.' },
      rows: mapOf(
        obj(['columns', 'rows'], { columns: { type: 'array', items: str() }, rows: { type: 'array', items: { type: 'array', items: str() } } }),
        'Only when asked for with "rows": each table\'s rows, the columns as read then the computed ones, as printed.',
      ),
    },
    'The settlement, exactly as the library returns it and `yibao-settle run --json` prints it.',
  ),
  Explanation: obj(['figure', 'inputs'], { figure: ref('Figure'), inputs: { type: 'array', items: ref('Explanation') } }),
  ExplainResponse: obj(['name', 'value', 'explanation', 'text'], {
    name: str(),
    value: str(),
    explanation: ref('Explanation'),
    text: str('The same tree as `yibao-settle explain` prints it.'),
  }),
  SimulatedYear: obj(['year', 'label', 'carried', 'settlement'], { year: { type: 'integer', minimum: 1 }, label: str(), carried: mapOf(str()), settlement: ref('Settlement') }),
  Simulation: obj(['rule', 'years'], { rule: { type: 'object' }, years: { type: 'array', items: ref('SimulatedYear') } }),
  CaseOutcome: obj(['name', 'ok', 'problems'], { name: str(), ok: { type: 'boolean' }, problems: { type: 'array', items: str() } }),
  TestReport: obj(['passed', 'failed', 'cases'], { passed: { type: 'integer' }, failed: { type: 'integer' }, cases: { type: 'array', items: ref('CaseOutcome') } }),
  ParameterInfo: obj(['name', 'kind', 'value', 'label', 'pointer'], { name: str(), kind: str(), value: str(), label: ref('Label'), published: { type: 'boolean' }, pointer: str(), at: ref('Position') }),
  InputInfo: obj(['name', 'shape'], {
    name: str(),
    shape: { type: 'string', enum: ['scalar', 'group', 'table', 'list'] },
    kind: str(),
    members: { type: 'array', items: obj(['name', 'kind'], { name: str(), kind: str() }) },
  }),
  RuleInfo: obj(['id', 'title', 'file', 'fingerprint', 'parameters', 'inputs'], {
    id: str(),
    origin: { type: 'string', enum: ['preset', 'folder', 'request'] },
    title: ref('Label'),
    description: ref('Label'),
    source: { type: 'object' },
    file: str(),
    fingerprint: str('SHA-256 of the rule file\'s text.'),
    parameters: { type: 'array', items: ref('ParameterInfo') },
    inputs: { type: 'array', items: ref('InputInfo') },
  }),
  ValidateResponse: obj(['rule'], { rule: ref('RuleInfo') }),
  RuleList: obj(['rules'], { rules: { type: 'array', items: ref('RuleInfo') } }),
  RuleDetail: {
    allOf: [ref('RuleInfo'), obj(['text'], { text: str('The rule file\'s text.'), example: str('An example input document (JSON text), where the service has one.') })],
  },
  Health: obj(['status', 'version', 'rules', 'concurrency', 'running', 'queued'], {
    status: { type: 'string', enum: ['ok', 'closing'] },
    version: str(),
    uptimeSeconds: { type: 'integer' },
    rules: { type: 'integer', description: 'Rule files loaded (presets and the rules folder).' },
    concurrency: { type: 'integer', description: 'Settlements run at once (worker threads).' },
    running: { type: 'integer' },
    queued: { type: 'integer' },
    queueLimit: { type: 'integer' },
  }),
};
