// yibao-settle/presets: every preset of rules/ loads without a file system, its text exactly
// the file's, and settles its example as the file does.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRuleFile, settle } from '../src/index.js';
import { loadPreset, presetExample, presetIds, presetText } from '../src/presets/index.js';
import { text as generated } from '../src/presets/generate.mjs';

const FILES = readdirSync('rules').filter((f) => f.endsWith('.json') && !/\.(cases|input|scenario)\.json$/.test(f)).map((f) => f.replace(/\.json$/, '')).sort();

describe('yibao-settle/presets', () => {
  it('holds exactly the files of rules/ (the generated module is up to date)', () => {
    expect(presetIds()).toEqual(FILES);
    expect(readFileSync('src/presets/texts.generated.ts', 'utf8')).toBe(generated);
  });

  it.each(FILES)('%s: the text of rules/%s.json, and its example settles as from the file', (id) => {
    expect(presetText(id)).toBe(readFileSync(`rules/${id}.json`, 'utf8'));
    const loaded = loadPreset(id);
    expect(loaded.ok).toBe(true);
    const example = presetExample(id);
    if (!loaded.ok || example === undefined) return;
    expect(example).toBe(readFileSync(`rules/examples/${id}.input.json`, 'utf8'));
    const fromFile = readRuleFile(readFileSync(`rules/${id}.json`, 'utf8'), { file: `rules/${id}.json` });
    if (!fromFile.ok) throw new Error(`${id} does not read`);
    const a = settle(fromFile.value, example);
    const b = settle(loaded.value, example);
    expect(b.ok && b.value.values).toEqual(a.ok && a.value.values);
  });

  it('an unknown id (or __proto__) is unknown_rules listing the ids', () => {
    for (const id of ['nope', '__proto__', 'toString']) {
      const r = loadPreset(id);
      expect(r.ok || r.issues.map((i) => [i.code, ('expected' in i.params ? i.params.expected : undefined)])).toEqual([['unknown_rules', FILES.join(', ')]]);
      expect(presetText(id)).toBe(undefined);
    }
  });
});
