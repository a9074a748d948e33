/**
 * The OpenAPI document is a valid OpenAPI 3.1 document (swagger-parser), it is built from the
 * schemas the service validates with, and its rule-file schema still means what the library's
 * does. Real answers are held to it in endpoints.test.ts and load.test.ts.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { OpenAPIV3_1 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { ISSUE_CODES } from '../../src/index.js';
import { openApiDocument } from '../../src/serve/openapi.js';
import { requestSchemas } from '../../src/serve/schemas.js';
import { OPERATIONS } from '../../src/serve/task.js';
import { read, ROOT } from './helpers.js';

const doc = (keyed = false): OpenAPIV3_1.Document => structuredClone(openApiDocument(keyed)) as unknown as OpenAPIV3_1.Document;
const schemas = (d: OpenAPIV3_1.Document): Record<string, Record<string, unknown>> => (d.components?.schemas ?? {}) as Record<string, Record<string, unknown>>;

describe('the OpenAPI document', () => {
  it.each([false, true])('is valid OpenAPI 3.1 (with a key: %s)', async (keyed) => {
    const api = await SwaggerParser.validate(doc(keyed));
    expect((api as OpenAPIV3_1.Document).openapi).toBe('3.1.0');
    expect(Object.keys(api.paths ?? {})).toEqual([...OPERATIONS.map((op) => `/v1/${op}`), '/v1/rules', '/v1/rules/{id}', '/healthz', '/v1/openapi.json']);
  });

  it('fails validation when broken (the check can fail)', async () => {
    const broken = doc();
    (schemas(broken)['Settlement'] as { properties: Record<string, unknown> }).properties['values'] = { $ref: '#/components/schemas/NoSuchSchema' };
    await expect(SwaggerParser.validate(broken)).rejects.toThrow(/NoSuchSchema/);
  });

  it('publishes the request schemas: what the service takes, they accept; what it refuses as a typo, they refuse', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema(doc() as unknown as Record<string, unknown>, 'openapi');
    const settleRequest = ajv.compile({ $ref: 'openapi#/components/schemas/SettleRequest' });
    const example = JSON.parse(read('docs/examples/service/settle-yangxi.json')) as Record<string, unknown>;
    expect(settleRequest(example)).toBe(true);
    // A rule file sent as an object is held to the full rule-file schema in the document.
    expect(settleRequest({ ...example, rules: JSON.parse(read('rules/yangxi.json')) as unknown })).toBe(true);
    expect(settleRequest({ ...example, rules: { format: 'yibao-settle/1' } })).toBe(false);
    expect(settleRequest({ ...example, inputs: {} })).toBe(false);
    for (const name of Object.keys(requestSchemas({}))) expect(schemas(doc())[name], name).toBeDefined();
  });

  it('lists every issue code', () => {
    const issue = schemas(doc())['Issue'] as { properties: { code: { enum: string[] } } };
    expect(issue.properties.code.enum).toEqual([...ISSUE_CODES]);
  });

  it('carries the rule-file schema: every preset passes it, a file without steps does not', () => {
    const d = doc();
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema(d as unknown as Record<string, unknown>, 'openapi');
    const validate = ajv.compile({ $ref: 'openapi#/components/schemas/RuleFile' });
    const presets = readdirSync(join(ROOT, 'rules')).filter((f) => f.endsWith('.json') && !f.endsWith('.cases.json'));
    expect(presets.length).toBeGreaterThan(10);
    for (const f of presets) expect(validate(JSON.parse(read(`rules/${f}`))), f).toBe(true);
    const { steps: _steps, ...withoutSteps } = JSON.parse(read('rules/yangxi.json')) as Record<string, unknown>;
    expect(validate(withoutSteps)).toBe(false);
    expect(validate.errors?.some((e) => e.keyword === 'required' && e.params['missingProperty'] === 'steps')).toBe(true);
  });
});
