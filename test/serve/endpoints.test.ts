/**
 * Every endpoint and every refusal of `yibao-settle serve`, over real HTTP on a loopback port.
 * Figures are DOMAIN.md's worked numbers (Yangxi E1) or worked out by hand in the comments;
 * every answer is also held to the OpenAPI document the service serves.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRuleFile, settle } from '../../src/index.js';
import { CLI, codes, conformance, get, post, read, ROOT, serve, yangxiRequest, type Answer, type Served } from './helpers.js';

let svc: Served;
let conforms: (method: string, path: string, a: Answer) => void;

beforeAll(async () => {
  if (!existsSync(CLI)) execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
  svc = await serve(['--concurrency', '2']);
  conforms = conformance((await get(svc.url, '/v1/openapi.json')).json);
});

afterAll(async () => {
  expect(await svc.stop()).toBe(0);
});

/** POSTs and checks the answer against the OpenAPI document. */
async function call(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const a = await post(svc.url, path, body, headers);
  conforms('post', path, a);
  return a;
}

const values = (a: Answer): Record<string, string> => a.json['values'] as Record<string, string>;

describe('POST /v1/settle', () => {
  it('settles Yangxi E1 by preset id: package 342,216,000.00, surplus 22,860,028.80 split 6:4', async () => {
    const a = await call('/v1/settle', yangxiRequest());
    expect(a.status).toBe(200);
    // 400,000 × 980.00 = 392,000,000.00; − 11,760,000.00 = 380,240,000.00; reserves 2% and 8%.
    expect(values(a)).toMatchObject({
      gross: '392000000.00',
      net: '380240000.00',
      adjustmentFund: '7604800.00',
      riskFund: '30419200.00',
      package: '342216000.00',
      surplus: '22860028.80',
      // 22,860,028.80 × 6/10 and × 4/10.
      countyPool: '13716017.28',
      townPool: '9144011.52',
      overspend: '0.00',
    });
  });

  it('answers exactly what the library returns for the same rule file and input', async () => {
    const a = await call('/v1/settle', yangxiRequest());
    const rules = readRuleFile(read('rules/yangxi.json'), { file: 'rules/yangxi.json' });
    if (!rules.ok) throw new Error('yangxi does not load');
    // An input sent as an object is its JSON text from "{" to "}": the file without its last newline.
    const lib = settle(rules.value, read('rules/examples/yangxi.input.json').trimEnd(), { file: 'input' });
    expect(a.json).toEqual(JSON.parse(JSON.stringify(lib.ok && lib.value)));
    expect(Object.keys(a.json['figures'] as object).length).toBeGreaterThan(20);
  });

  it('keeps every digit of a number sent as a JSON number (no float on the way)', async () => {
    const input = read('rules/examples/yangxi.input.json').replace('"112000000.00"', '12345678901234567.89').replace('"980.00"', '980.10');
    const a = await call('/v1/settle', `{"rules":"yangxi","trace":false,"input":${input}}`);
    expect(a.status).toBe(200);
    // gross 400,000 × 980.10 = 392,040,000.00; net 380,280,000.00; reserves 7,605,600.00 + 30,422,400.00;
    // package 342,252,000.00; spending 207,355,971.20 + 12,345,678,901,234,567.89;
    // overspend = 12,345,678,901,234,567.89 − (342,252,000.00 − 207,355,971.20) = 12,345,678,766,338,539.09.
    expect(values(a)).toMatchObject({ gross: '392040000.00', package: '342252000.00', overspend: '12345678766338539.09' });
    expect(a.json['figures']).toEqual({});
  });

  it('takes the input as text, with line:column in that text', async () => {
    const text = read('rules/examples/yangxi.input.json').replace('"980.00"', '"980.001"');
    const a = await call('/v1/settle', { rules: 'yangxi', input: text });
    expect(a.status).toBe(422);
    const line = text.split('\n').findIndex((l) => l.includes('980.001'));
    expect(a.json.issues?.[0]).toMatchObject({ code: 'money_precision', file: 'input', pointer: '/perCapita', at: { line: line + 1 }, params: { received: '"980.001"' } });
    expect(a.json.issues?.[0]?.message.zh).not.toBe(a.json.issues?.[0]?.message.en);
  });

  it('applies parameters: county:town 7:3 gives 16,002,020.16 and 6,858,008.64', async () => {
    const a = await call('/v1/settle', yangxiRequest({ parameters: { countyRatio: 7, townRatio: '3' }, trace: false }));
    // 22,860,028.80 × 7/10 = 16,002,020.16; × 3/10 = 6,858,008.64.
    expect(values(a)).toMatchObject({ countyPool: '16002020.16', townPool: '6858008.64' });
  });

  it('reads a case list sent as CSV text', async () => {
    const { cases: _c, ...input } = JSON.parse(read('rules/examples/drg-points.input.json')) as Record<string, unknown>;
    const csv = 'hospital,group,cost\ncounty-people,FR21,9120.40\ntown-centre,IC29,14300.00';
    const a = await call('/v1/settle', { rules: 'drg-points', input, tables: { cases: csv }, trace: false });
    expect(a.status).toBe(200);
    // Points 96.5 × 1.08 = 104.22 and 184.2 × 0.88 = 162.096 (total 266.316); distributable
    // 4,800,000.00 − 5% = 4,560,000.00 split 104.22 : 0 : 162.096 in fen: exact shares
    // 178,450,862.88… and 277,549,137.11… fen; the odd fen to the larger remainder (.88).
    expect(values(a)).toMatchObject({
      totalPoints: '266.316',
      distributable: '4560000.00',
      'payment.county-people': '1784508.63',
      'payment.county-tcm': '0.00',
      'payment.town-centre': '2775491.37',
      pointValue: '17122.516109',
    });
  });

  it('returns each case with its points when asked for rows, and passes over extra database columns on request', async () => {
    const { cases: _c, ...input } = JSON.parse(read('rules/examples/drg-points.input.json')) as Record<string, unknown>;
    const cases = [
      { hospital: 'county-people', group: 'FR21', cost: '9120.40', ward: '3' },
      { hospital: 'town-centre', group: 'IC29', cost: '14300.00', ward: '1' },
    ];
    const refused = await call('/v1/settle', { rules: 'drg-points', input: { ...input, cases }, trace: false });
    expect(refused.status).toBe(422);
    expect(codes(refused)).toEqual(['unknown_input']);
    const a = await call('/v1/settle', { rules: 'drg-points', input: { ...input, cases }, trace: false, rows: ['cases'], unknownInputs: 'ignore' });
    expect(a.status).toBe(200);
    // 96.5 × 1.08 = 104.22 and 184.2 × 0.88 = 162.096, both complete cases at full points.
    expect(a.json['rows']).toEqual({
      cases: {
        columns: ['hospital', 'group', 'cost', 'complete', 'halved', 'fullPoints', 'groupMean', 'rule', 'points'],
        rows: [
          ['county-people', 'FR21', '9120.40', 'true', 'false', '104.22', '8900.00', '完整病例', '104.22'],
          ['town-centre', 'IC29', '14300.00', 'true', 'false', '162.096', '16990.00', '完整病例', '162.096'],
        ],
      },
    });
  });

  it('locates a CSV problem in "tables.<name>" by its line', async () => {
    const { cases: _c, ...input } = JSON.parse(read('rules/examples/drg-points.input.json')) as Record<string, unknown>;
    const a = await call('/v1/settle', { rules: 'drg-points', input, tables: { cases: 'hospital,group,cost\ncounty-people,FR21,9120.401' } });
    expect(a.status).toBe(422);
    expect(a.json.issues?.[0]).toMatchObject({ code: 'money_precision', file: 'tables.cases', at: { line: 2 } });
  });

  it('takes a rule file sent as text or as an object, and locates its problems in it', async () => {
    const text = read('rules/yangxi.json').replace('insured * perCapita', 'insured * perCapta');
    const offset = text.indexOf('perCapta');
    const line = text.slice(0, offset).split('\n').length;
    const column = offset - text.lastIndexOf('\n', offset - 1);
    for (const rules of [text, JSON.parse(text) as unknown]) {
      const a = await call('/v1/settle', { rules, input: {} });
      expect(a.status).toBe(422);
      expect(a.json.issues?.[0]).toMatchObject({ code: 'unknown_name', file: 'rules', pointer: '/steps/0/formula', params: { name: 'perCapta', suggestion: 'perCapita' } });
      // As text, the place is in the text sent; as an object, in its JSON as re-serialised here.
      if (typeof rules === 'string') expect(a.json.issues?.[0]?.at).toEqual({ line, column });
    }
    const ok = await call('/v1/settle', { rules: JSON.parse(read('rules/yangxi.json')) as unknown, input: JSON.parse(read('rules/examples/yangxi.input.json')) as unknown, trace: false });
    expect(values(ok)['package']).toBe('342216000.00');
  });

  it('refuses an unknown rule id with the ids it has', async () => {
    const a = await call('/v1/settle', { rules: 'yangxii', input: {} });
    expect(a.status).toBe(422);
    expect(a.json.issues?.[0]).toMatchObject({ code: 'unknown_rules', file: 'request', pointer: '/rules', at: { line: 1, column: 10 }, params: { id: 'yangxii' } });
    expect(String(a.json.issues?.[0]?.params['expected'])).toContain('yangxi');
    // What a client sent is quoted, not echoed whole: 80 characters and an ellipsis.
    const long = await call('/v1/settle', { rules: 'x'.repeat(10_000), input: {} });
    expect(long.json.issues?.[0]?.params['id']).toBe(`${'x'.repeat(80)}…`);
  });
});

describe('the other operations', () => {
  it('validate: a preset\'s parameters with their values', async () => {
    const a = await call('/v1/validate', { rules: 'yangxi' });
    expect(a.status).toBe(200);
    const rule = a.json['rule'] as { id: string; origin: string; parameters: { name: string; value: string }[] };
    expect(rule.id).toBe('yangxi');
    expect(rule.origin).toBe('preset');
    expect(rule.parameters.find((p) => p.name === 'adjustmentRate')?.value).toBe('0.02');
    const bad = await call('/v1/validate', { rules: '{"format": "yibao-settle/1"}' });
    expect(bad.status).toBe(422);
    expect(codes(bad)).toContain('missing_property');
  });

  it('explain: the tree behind countyPool, as data and as text', async () => {
    const a = await call('/v1/explain', yangxiRequest({ name: 'countyPool' }));
    expect(a.status).toBe(200);
    expect(a.json['value']).toBe('13716017.28');
    const tree = a.json['explanation'] as { figure: { name: string }; inputs: { figure: { name: string } }[] };
    expect(tree.figure.name).toBe('countyPool');
    expect(tree.inputs.map((i) => i.figure.name)).toContain('surplus');
    expect(String(a.json['text'])).toMatch(/^countyPool = 13716017\.28/);
    const unknown = await call('/v1/explain', yangxiRequest({ name: 'countyPol' }));
    expect(unknown.status).toBe(422);
    expect(unknown.json.issues?.[0]).toMatchObject({ code: 'unknown_name', file: 'request', pointer: '/name', params: { name: 'countyPol' } });
  });

  it('simulate: Ningbo over three years carries each budget into the next', async () => {
    const a = await call('/v1/simulate', { rules: 'ningbo', scenario: read('rules/examples/ningbo.scenario.json'), trace: false });
    expect(a.status).toBe(200);
    const years = a.json['years'] as { carried: Record<string, string>; settlement: { values: Record<string, string>; figures: object } }[];
    // 151,234,567.00 × 1.10 = 166,358,023.70; × 1.10 = 182,993,826.07; × 1.10 = 201,293,208.677 → .68.
    expect(years.map((y) => y.settlement.values['budget.employee'])).toEqual(['166358023.70', '182993826.07', '201293208.68']);
    expect(years[1]?.carried['lastYearBudget.employee']).toBe('166358023.70');
    expect(years[0]?.settlement.figures).toEqual({});
  });

  it('test: a preset\'s cases file passes; a broken expectation fails that case only', async () => {
    const text = read('rules/yangxi.cases.json');
    const count = (JSON.parse(text) as { cases: unknown[] }).cases.length;
    const a = await call('/v1/test', { cases: text });
    expect(a.json).toMatchObject({ passed: count, failed: 0 });
    const broken = text.replace('"countyPool": "13716017.28"', '"countyPool": "13716017.29"');
    expect(broken).not.toBe(text);
    const b = await call('/v1/test', { rules: 'yangxi', cases: broken });
    expect(b.json).toMatchObject({ passed: count - 1, failed: 1 });
    const failed = (b.json['cases'] as { ok: boolean; problems: string[] }[]).filter((c) => !c.ok);
    expect(failed[0]?.problems.join(' ')).toContain('13716017.29');
  });
});

describe('GET', () => {
  it('/v1/rules lists every preset of rules/', async () => {
    const a = await get(svc.url, '/v1/rules');
    conforms('get', '/v1/rules', a);
    const ids = readdirSync(join(ROOT, 'rules')).filter((f) => f.endsWith('.json') && !f.endsWith('.cases.json')).map((f) => f.replace(/\.json$/, ''));
    expect((a.json['rules'] as { id: string }[]).map((r) => r.id).sort()).toEqual(ids.sort());
  });

  it('/v1/rules/{id} gives the text and example input; an unknown id is 404', async () => {
    const a = await get(svc.url, '/v1/rules/yangxi');
    conforms('get', '/v1/rules/{id}', a);
    expect(a.json['text']).toBe(read('rules/yangxi.json'));
    expect(a.json['example']).toBe(read('rules/examples/yangxi.input.json'));
    const b = await get(svc.url, '/v1/rules/nope');
    conforms('get', '/v1/rules/{id}', b);
    expect([b.status, codes(b)]).toEqual([404, ['unknown_rules']]);
  });

  it('/healthz reports the service and its load', async () => {
    const a = await get(svc.url, '/healthz');
    conforms('get', '/healthz', a);
    expect(a.json).toMatchObject({ status: 'ok', concurrency: 2, rules: 13, running: 0, queued: 0 });
  });
});

describe('refusals: coded issues, never a stack trace', () => {
  it.each([
    ['a syntax error', '{"rules": "yangxi",}', 400, ['json_syntax']],
    ['an empty body', '', 400, ['json_empty']],
    ['a member the endpoint does not take', '{"rules": "yangxi", "input": {}, "inputs": {}}', 400, ['unknown_property']],
    ['a missing member', '{"input": {}}', 400, ['missing_property']],
    ['a document of the wrong type', '{"rules": "yangxi", "input": 42}', 400, ['wrong_type']],
    ['a repeated member', '{"rules": "yangxi", "rules": "sanming", "input": {}}', 400, ['json_duplicate_key']],
    ['__proto__', '{"rules": "yangxi", "input": {}, "parameters": {"__proto__": {"x": 1}}}', 400, ['json_forbidden_key']],
  ])('%s → %i', async (_, body, status, expected) => {
    const a = await call('/v1/settle', body);
    expect([a.status, codes(a)]).toEqual([status, expected]);
    expect(a.json.issues?.[0]?.file).toBe('request');
    expect(a.text).not.toMatch(/\bat .+:\d+:\d+\)/);
  });

  it('refuses bytes that are not UTF-8', async () => {
    const a = await call('/v1/settle', new Uint8Array([0x7b, 0x22, 0xc4, 0xe3, 0x22, 0x3a, 0x31, 0x7d]));
    expect([a.status, codes(a)]).toEqual([400, ['file_not_text']]);
  });

  it('refuses a body that is not sent as JSON (415)', async () => {
    const a = await call('/v1/settle', 'rules=yangxi', { 'content-type': 'text/plain' });
    expect([a.status, codes(a)]).toEqual([415, ['unsupported_media_type']]);
  });

  it('refuses an unknown path (404) and a wrong method (405 with Allow)', async () => {
    const a = await get(svc.url, '/v1/setle');
    expect([a.status, codes(a)]).toEqual([404, ['unknown_endpoint']]);
    const b = await get(svc.url, '/v1/settle');
    expect([b.status, codes(b), b.headers.get('allow')]).toEqual([405, ['unknown_endpoint'], 'POST']);
  });
});

describe('the request log', () => {
  it('has one JSON line per request, with its id, status and issue codes, and none of its data', async () => {
    await call('/v1/settle', yangxiRequest(), { 'x-request-id': 'his-2024-0042' });
    const bad = read('rules/examples/yangxi.input.json').replace('"980.00"', '"980.001"');
    await call('/v1/settle', `{"rules":"yangxi","input":${bad}}`, { 'x-request-id': 'his-2024-0043' });
    await new Promise((r) => setTimeout(r, 100));
    const lines = svc.log().filter((l) => l.event === 'request');
    expect(lines.find((l) => l['id'] === 'his-2024-0042')).toMatchObject({ method: 'POST', path: '/v1/settle', status: 200, rules: 'yangxi' });
    expect(lines.find((l) => l['id'] === 'his-2024-0043')).toMatchObject({ status: 422, codes: ['money_precision'] });
    const all = JSON.stringify(svc.log());
    for (const data of ['980.001', '12345678901234567.89', 'county-people', '98000000.00', '9120.40']) expect(all).not.toContain(data);
  });
});

describe('a service with an API key and a rules folder', () => {
  const KEY = 'k3y-for-the-tests-0123456789';
  let dir = '';
  let keyed: Served;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yibao-serve-'));
    // A county's own copy of Yangxi with 7:3 between the levels, under its own id.
    const own = read('rules/yangxi.json')
      .replace('"id": "yangxi"', '"id": "yangxi-7-3"')
      .replace('"countyRatio": { "kind": "number", "value": "6"', '"countyRatio": { "kind": "number", "value": "7"')
      .replace('"townRatio": { "kind": "number", "value": "4"', '"townRatio": { "kind": "number", "value": "3"');
    expect(own.match(/"value": "[73]"/g)).toHaveLength(2);
    writeFileSync(join(dir, 'yangxi-7-3.json'), own);
    // Inputs beside the rule file, and an example input as in rules/: none is read as a rule file.
    writeFileSync(join(dir, 'yangxi-7-3.input.json'), read('rules/examples/yangxi.input.json'));
    mkdirSync(join(dir, 'examples'));
    writeFileSync(join(dir, 'examples', 'yangxi-7-3.input.json'), read('rules/examples/yangxi.input.json'));
    keyed = await serve(['--rules', dir], { YIBAO_API_KEY: KEY });
  });

  afterAll(async () => {
    await keyed.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a request without the key or with a wrong one (401), and takes either header', async () => {
    const none = await post(keyed.url, '/v1/settle', yangxiRequest());
    expect([none.status, codes(none), none.headers.get('www-authenticate')]).toEqual([401, ['unauthorized'], 'Bearer']);
    const wrong = await post(keyed.url, '/v1/settle', yangxiRequest(), { authorization: `Bearer ${KEY}x` });
    expect([wrong.status, codes(wrong)]).toEqual([401, ['unauthorized']]);
    const bearer = await post(keyed.url, '/v1/settle', yangxiRequest(), { authorization: `Bearer ${KEY}` });
    const header = await post(keyed.url, '/v1/settle', yangxiRequest(), { 'x-api-key': KEY });
    expect([bearer.status, header.status]).toEqual([200, 200]);
    expect(JSON.stringify(keyed.log())).not.toContain(KEY);
  });

  it('leaves /healthz and the OpenAPI document open, and the document says a key is needed', async () => {
    expect((await get(keyed.url, '/healthz')).status).toBe(200);
    const doc = await get(keyed.url, '/v1/openapi.json');
    expect(doc.json['security']).toEqual([{ bearer: [] }, { apiKey: [] }]);
  });

  it('serves the folder\'s rule file beside the presets', async () => {
    const h = { 'x-api-key': KEY };
    const list = await get(keyed.url, '/v1/rules', h);
    const rules = list.json['rules'] as { id: string; origin: string }[];
    expect(rules.filter((r) => r.origin === 'folder').map((r) => r.id)).toEqual(['yangxi-7-3']);
    expect((await get(keyed.url, '/v1/rules/yangxi-7-3', h)).json['example']).toBe(read('rules/examples/yangxi.input.json'));
    const a = await post(keyed.url, '/v1/settle', yangxiRequest({ trace: false }).replace('"rules":"yangxi"', '"rules":"yangxi-7-3"'), h);
    // 22,860,028.80 × 7/10 and × 3/10.
    expect(values(a)).toMatchObject({ countyPool: '16002020.16', townPool: '6858008.64' });
  });

  it('does not start with a broken rule file in the folder: exit 1 and the issue on stderr', async () => {
    writeFileSync(join(dir, 'broken.json'), '{ "format": "yibao-settle/1", "id": "broken", }');
    const failed = serve(['--rules', dir]);
    await expect(failed).rejects.toThrow(/exited with 1: .*broken\.json:1:\d+ {2}json_syntax/);
    rmSync(join(dir, 'broken.json'));
  });
});
