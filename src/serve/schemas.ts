/**
 * The JSON Schemas of the service's requests and responses. One source for three uses: the
 * worker validates request bodies with them (ajv), the OpenAPI document publishes them, and
 * the tests hold every real response to them. Requests are closed (an unknown member is a typo
 * to report); responses are open, so a later field does not break a client's validation.
 */
import { ISSUE_CODES, ROUNDING_MODES } from '../index.js';

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
 * The request schemas. `ruleFile` is the schema a rule file sent as an object must meet: the
 * OpenAPI document passes the full rule-file schema; the worker passes `{ type: 'object' }`,
 * because the library checks the rule file itself and reports each problem at its line:column.
 */
export function requestSchemas(ruleFile: Schema): Record<string, Schema> {
  const rules: Schema = {
    description:
      'The rule file: the id of a preset or of a file in the service\'s rules folder (GET /v1/rules), the rule file\'s JSON text, or the rule file as an object. 规则文件：预设或规则文件夹中的编号、规则文件的 JSON 文本，或规则文件对象。',
    anyOf: [str('an id such as "yangxi", or the rule file as JSON text'), ruleFile],
  };
  const document = (what: string): Schema => ({
    description: `${what} as an object, or as JSON text (then line:column in issues refer to that text). Numbers keep their exact digits either way.`,
    anyOf: [str(), { type: 'object' }],
  });
  const parameters: Schema = mapOf(
    { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    'Parameter values that replace the rule file\'s, e.g. { "countyRatio": 7, "riskRate": "8%" }. 覆盖规则文件中的参数值。',
  );
  const trace: Schema = { type: 'boolean', description: 'Record a figure (trace) for every value; default true. Off is faster for bulk runs. 是否记录每个数字的来源。' };
  const tables: Schema = mapOf(str(), 'Tables as CSV text (a header row of column names), e.g. { "cases": "hospital,group,cost\\n…" }; issues name them "tables.<name>". 以 CSV 文本提供的表。');
  const closed = (required: readonly string[], properties: Readonly<Record<string, Schema>>): Schema => ({ ...obj(required, properties), additionalProperties: false });
  return {
    SettleRequest: closed(['rules', 'input'], { rules, input: document('The input document'), parameters, tables, trace }),
    ValidateRequest: closed(['rules'], { rules }),
    ExplainRequest: closed(['rules', 'input', 'name'], {
      rules,
      input: document('The input document'),
      parameters,
      tables,
      name: str('The value to explain, e.g. "countyPool" or "share.h1". 要追溯的数值名称。'),
    }),
    SimulateRequest: closed(['rules', 'scenario'], {
      rules,
      scenario: document('The scenario { "years": [ {input}, … ], "labels"?: [ … ] }'),
      parameters,
      trace,
    }),
    TestRequest: closed(['cases'], {
      rules: { ...rules, description: `${String(rules['description'])} Without it, the cases file's own "rules" names a rule file of the service (e.g. "yangxi.json").` },
      cases: document('The cases file { "rules", "cases": [ { name, input, parameters?, expect | expectIssue } ] }'),
    }),
  };
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
  Check: obj(['name', 'ok', 'expected', 'actual', 'pointer', 'description'], { name: str(), ok: { type: 'boolean' }, expected: str(), actual: str(), pointer: str(), description: str() }),
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
