/**
 * Reading request bodies: documents cut out as their exact text (digits kept), refusals as
 * coded issues at their place in the body.
 */
import { describe, expect, it } from 'vitest';
import { positionAt, readEnvelope } from './envelope.js';
import { readRequest } from './request.js';

const body = (o: unknown): string => JSON.stringify(o);

describe('readRequest', () => {
  it('cuts an embedded input out as its exact text, long numbers and all', () => {
    const input = '{ "budget": 12345678901234567.89, "rate": 0.1 }';
    const text = `{"rules":"drg-points","input":${input},"trace":false}`;
    const r = readRequest('settle', text);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    // JSON.parse would have made 12345678901234568 of the budget.
    expect(r.request.document).toEqual({ text: input, file: 'input' });
    expect(r.request.trace).toBe(false);
    expect(r.request.rules).toEqual({ kind: 'id', id: 'drg-points', at: { line: 1, column: 10 } });
  });

  it('takes a document sent as a string as its own text', () => {
    const r = readRequest('settle', body({ rules: 'yangxi', input: '{\n  "insured": 400000\n}' }));
    expect(r.ok && r.request.document).toEqual({ text: '{\n  "insured": 400000\n}', file: 'input' });
  });

  it('tells a rule id from rule-file text by its first character', () => {
    const asText = readRequest('validate', body({ rules: '  {"format": "yibao-settle/1"}' }));
    expect(asText.ok && asText.request.rules).toEqual({ kind: 'text', text: '  {"format": "yibao-settle/1"}', file: 'rules' });
    const asObject = readRequest('validate', '{"rules": {"format":"yibao-settle/1"}}');
    expect(asObject.ok && asObject.request.rules).toEqual({ kind: 'text', text: '{"format":"yibao-settle/1"}', file: 'rules' });
  });

  it('keeps parameter numbers as their digits and booleans as booleans', () => {
    const r = readRequest('settle', '{"rules":"yangxi","input":{},"parameters":{"countyRatio":7.10,"riskRate":"8%","on":true}}');
    expect(r.ok && r.request.parameters).toEqual({ countyRatio: '7.10', riskRate: '8%', on: true });
  });

  it('names CSV tables "tables.<name>"', () => {
    const r = readRequest('settle', body({ rules: 'drg-points', input: {}, tables: { cases: 'hospital,group,cost\nh1,g1,1.00' } }));
    expect(r.ok && r.request.tables).toEqual({ cases: { text: 'hospital,group,cost\nh1,g1,1.00', file: 'tables.cases' } });
  });

  it('refuses a body of the wrong shape with one issue per problem, located in the body', () => {
    const text = '{\n  "rules": "yangxi",\n  "inptu": {},\n  "trace": "no"\n}';
    const r = readRequest('settle', text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.file, i.pointer, i.at, i.params])).toEqual([
      ['missing_property', 'request', '', { line: 1, column: 1 }, { property: 'input' }],
      ['unknown_property', 'request', '/inptu', { line: 3, column: 3 }, { property: 'inptu', expected: 'rules, input, parameters, tables, trace, rows, unknownInputs' }],
      ['wrong_type', 'request', '/trace', { line: 4, column: 12 }, { expected: 'boolean' }],
    ]);
  });

  it('says what a document may be when it is neither text nor an object', () => {
    const r = readRequest('settle', '{"rules": 7, "input": []}');
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.pointer, ('expected' in i.params ? i.params.expected : undefined)])).toEqual([
      ['wrong_type', '/rules', 'string or object'],
      ['wrong_type', '/input', 'string or object'],
    ]);
  });

  it('refuses a parameter that is an object, and a table that is not text', () => {
    const r = readRequest('settle', '{"rules":"x","input":{},"parameters":{"a":{"b":1}},"tables":{"cases":[1]}}');
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.pointer])).toEqual([
      ['wrong_type', '/parameters/a'],
      ['wrong_type', '/tables/cases'],
    ]);
  });
});

describe('readEnvelope', () => {
  const refusal = (text: string): unknown => {
    const r = readEnvelope(text);
    return r.ok ? undefined : [r.issue.code, r.issue.at, r.issue.params];
  };

  it.each([
    ['an empty body', '  ', ['json_empty', { line: 1, column: 1 }, {}]],
    ['a trailing comma', '{"rules":"x",}', ['json_syntax', { line: 1, column: 14 }, { detail: 'expected a key in double quotes' }]],
    ['a comment', '{"rules":"x" // y\n}', ['json_syntax', { line: 1, column: 14 }, { detail: 'comments are not allowed in JSON' }]],
    ['a repeated member', '{"rules":"x",\n "rules":"y"}', ['json_duplicate_key', { line: 2, column: 2 }, { key: 'rules' }]],
    ['__proto__', '{"parameters":{"__proto__":{}}}', ['json_forbidden_key', { line: 1, column: 16 }, { key: '__proto__' }]],
    ['a list', '[1]', ['wrong_type', { line: 1, column: 1 }, { expected: 'object' }]],
    ['deep nesting', `{"input":${'['.repeat(100)}${']'.repeat(100)}}`, ['json_too_deep', { line: 1, column: 74 }, { limit: 65 }]],
  ])('refuses %s', (_, text, expected) => {
    expect(refusal(text)).toEqual(expected);
  });

  it('nests a million brackets deep without overflowing the stack', () => {
    expect(refusal(`{"input":${'['.repeat(1_000_000)}`)).toEqual(['json_too_deep', { line: 1, column: 74 }, { limit: 65 }]);
  });

  it('finds syntax errors inside embedded documents too', () => {
    expect(refusal('{"input":{"a":1,,"b":2}}')).toEqual(['json_syntax', { line: 1, column: 17 }, { detail: 'expected a key in double quotes' }]);
    expect(refusal('{"input":{"a":[1,]}}')).toEqual(['json_syntax', { line: 1, column: 18 }, { detail: 'expected a value' }]);
  });

  it('skips a byte-order mark', () => {
    expect(readEnvelope('\ufeff{"rules":"x"}').ok).toBe(true);
  });
});

describe('positionAt', () => {
  it('counts lines and UTF-16 columns from 1', () => {
    const text = 'ab\n中文\n\ncd';
    expect(positionAt(text, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(text, 4)).toEqual({ line: 2, column: 2 });
    expect(positionAt(text, 7)).toEqual({ line: 4, column: 1 });
  });
});
