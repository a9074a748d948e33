import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULE_WORDS } from './words.js';

/** Every string a schema enumeration (or const) allows. */
function schemaWords(x: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(x)) for (const v of x) schemaWords(v, out);
  else if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    if (Array.isArray(o['enum'])) for (const v of o['enum']) if (typeof v === 'string') out.add(v);
    if (typeof o['const'] === 'string') out.add(o['const']);
    for (const v of Object.values(o)) schemaWords(v, out);
  }
  return out;
}

describe('rule-language words', () => {
  it('are exactly the words the rule-file schema enumerates', () => {
    const schema = JSON.parse(readFileSync('src/schema/rule-file.schema.json', 'utf8')) as unknown;
    expect([...RULE_WORDS].sort()).toEqual([...schemaWords(schema)].sort());
  });
});
