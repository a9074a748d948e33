/**
 * The OpenAPI 3.1 document of the service, generated from the same JSON Schemas that validate
 * requests (schemas.ts) and rule files (the library's rule-file schema), and served at
 * GET /v1/openapi.json so Java and .NET clients can be generated from it.
 */
import { engineVersion, ruleFileSchema } from '../index.js';
import { requestSchemas, rerooted, responseSchemas, type Schema } from './schemas.js';
import { OPERATIONS, type Operation } from './task.js';

const RULE_FILE_REF = '#/components/schemas/RuleFile';

/**
 * The rule-file schema placed at components/schemas/RuleFile: its `#/definitions/…` references
 * rewritten to point there, and `$schema`/`$id` dropped (inside an OpenAPI document the
 * document's own dialect and base apply).
 */
function embeddedRuleFileSchema(): Schema {
  // Only the top level's: "$schema" is also the name of a property a rule file may have.
  const { $schema: _dialect, $id: _id, ...schema } = rerooted(ruleFileSchema, '#/', `${RULE_FILE_REF}/`) as Record<string, unknown>;
  return schema;
}

const json = (schema: Schema, description: string): Schema => ({ description, content: { 'application/json': { schema } } });
const issues = (description: string): Schema => json({ $ref: '#/components/schemas/Issues' }, description);
const retryAfter: Schema = { 'Retry-After': { description: 'Seconds to wait before retrying (queue full).', schema: { type: 'integer', minimum: 1 } } };

const OPERATION_DOC: Readonly<Record<Operation, { summary: string; response: string; description: string }>> = {
  settle: { summary: 'Settle one input under a rule file / 结算', response: 'Settlement', description: 'Every named value, the trace of each figure (trace on), the ledger of transfers, account balances and checks — the same document as `yibao-settle run --json`.' },
  validate: { summary: 'Read and check a rule file / 校验规则文件', response: 'ValidateResponse', description: 'The rule file\'s title, parameters (values and provenance) and declared inputs, or every problem with its line:column.' },
  explain: { summary: 'Explain one figure / 追溯一个数字', response: 'ExplainResponse', description: 'The tree of figures behind one named value, down to inputs and parameters, as data and as the text `yibao-settle explain` prints.' },
  simulate: { summary: 'Settle several years / 多年模拟', response: 'Simulation', description: 'One settlement per year of a scenario, carrying values into the next year as the rule file declares.' },
  test: { summary: 'Run a cases file / 运行测试用例', response: 'TestReport', description: 'Every case of a cases file settled and its expected values compared as exact text. Failed cases are part of a 200 answer.' },
};

function postOperation(op: Operation): Schema {
  const d = OPERATION_DOC[op];
  const name = `${op[0]?.toUpperCase() ?? ''}${op.slice(1)}Request`;
  return {
    post: {
      operationId: op,
      summary: d.summary,
      description: d.description,
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } },
      responses: {
        '200': json({ $ref: `#/components/schemas/${d.response}` }, 'Done.'),
        '400': issues('The body is not JSON, or not the shape this endpoint takes (issues in file "request").'),
        '401': issues('An API key is required and was missing or wrong (unauthorized).'),
        '413': issues('The body is larger than the service accepts (request_too_large).'),
        '415': issues('The body is not sent as application/json (unsupported_media_type).'),
        '422': issues('The rule file, input, scenario or cases have problems; each issue has its file, JSON Pointer and line:column.'),
        '500': issues('A bug in yibao-settle (internal_error).'),
        '503': { ...issues('Busy (service_busy, with Retry-After), shutting down (shutting_down), or stopped at the time limit (time_limit).'), headers: retryAfter },
      },
    },
  };
}

/** The OpenAPI document; `keyed` adds the API-key security the service was started with. */
export function openApiDocument(keyed: boolean): Schema {
  const open = { security: [] as unknown[] };
  const paths: Record<string, Schema> = {};
  for (const op of OPERATIONS) paths[`/v1/${op}`] = postOperation(op);
  paths['/v1/rules'] = {
    get: { operationId: 'listRules', summary: 'Rule files of this service / 可用规则文件', responses: { '200': json({ $ref: '#/components/schemas/RuleList' }, 'Presets and the rules folder.'), '401': issues('API key missing or wrong.') } },
  };
  paths['/v1/rules/{id}'] = {
    get: {
      operationId: 'getRule',
      summary: 'One rule file with its text and example input / 规则文件全文及示例输入',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { '200': json({ $ref: '#/components/schemas/RuleDetail' }, 'The rule file.'), '401': issues('API key missing or wrong.'), '404': issues('No rule file of that id (unknown_rules).') },
    },
  };
  paths['/healthz'] = {
    get: { operationId: 'health', summary: 'Liveness and load / 健康检查', ...open, responses: { '200': json({ $ref: '#/components/schemas/Health' }, 'Serving.'), '503': json({ $ref: '#/components/schemas/Health' }, 'Shutting down.') } },
  };
  paths['/v1/openapi.json'] = { get: { operationId: 'openapi', summary: 'This document', ...open, responses: { '200': json({ type: 'object' }, 'OpenAPI 3.1.') } } };
  return {
    openapi: '3.1.0',
    info: {
      title: 'yibao-settle service / 医共体医保基金结算服务',
      version: engineVersion,
      description:
        'Settlement of medical-insurance funds for county medical communities over HTTP: the same values, figures, ledger, checks and coded issues (zh + en) as the yibao-settle library. Money is exact decimal text; read it as BigDecimal / decimal, never as a floating-point number. See docs/service.md.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    ...(keyed ? { security: [{ bearer: [] }, { apiKey: [] }] } : {}),
    paths,
    components: {
      schemas: { ...requestSchemas({ $ref: RULE_FILE_REF }), ...responseSchemas, RuleFile: embeddedRuleFileSchema() },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <key>' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      },
    },
  };
}
