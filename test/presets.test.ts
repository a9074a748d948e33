/**
 * Every preset in rules/ against the independent reference (test/reference): random inputs from
 * fast-check, every named output of PRESETS.md compared as printed text. Also every preset's
 * example input and conservation checks. Seeds are printed by fast-check on failure.
 */
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRuleFile, settle, type RuleFile } from '../src/index.js';
import { arbitraries } from './reference/arbitraries.js';
import { reference } from './reference/presets.js';

const RUNS = Number(process.env['PRESET_RUNS'] ?? 200);

function load(id: string): RuleFile {
  const path = `rules/${id}.json`;
  const r = readRuleFile(readFileSync(path, 'utf8'), { file: path });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.code} ${i.pointer} ${i.message.en}`).join('\n'));
  return r.value;
}

/** The reference prints non-terminating numbers HALF_UP to 20 places; compare at that precision. */
function sameFigure(engine: string, ref: string): boolean {
  if (engine === ref) return true;
  const m = /^-?\d+\.(\d{20})$/.exec(ref);
  if (!m) return false;
  const [i, f = ''] = engine.replace('-', '').split('.');
  if (f.length <= 20) return false;
  const digits = BigInt((i ?? '0') + f.slice(0, 20)) + (Number(f[20]) >= 5 ? 1n : 0n);
  const s = digits.toString().padStart(21, '0');
  const printed = `${engine.startsWith('-') ? '-' : ''}${s.slice(0, -20).replace(/^0+(?=\d)/, '')}.${s.slice(-20)}`;
  return printed === ref;
}

const ids = Object.keys(arbitraries).filter((id) => existsSync(`rules/${id}.json`));

describe.each(ids)('preset %s', (id) => {
  const rules = load(id);
  const ref = reference[id as keyof typeof reference] as (input: unknown) => Record<string, string>;

  it('matches the independent calculation on random inputs', () => {
    fc.assert(
      fc.property(arbitraries[id as keyof typeof arbitraries], (input) => {
        const expected = ref(input);
        const text = JSON.stringify(input);
        const run = settle(rules, text, { trace: false });
        if (!run.ok) throw new Error(run.issues.map((i) => `${i.code} ${i.pointer} ${i.message.en}`).join('\n'));
        for (const [name, want] of Object.entries(expected)) {
          const got = run.value.values[name];
          if (got === undefined || !sameFigure(got, want)) {
            throw new Error(`${name}: engine ${String(got)}, reference ${want}`);
          }
        }
        for (const c of run.value.checks) if (!c.ok) throw new Error(`check failed: ${c.name}`);
      }),
      { numRuns: RUNS },
    );
  });

  it('settles its example input with every check green', () => {
    const path = `rules/examples/${id}.input.json`;
    const run = settle(rules, readFileSync(path, 'utf8'), { file: path });
    expect(run.ok).toBe(true);
    if (run.ok) {
      expect(run.value.checks.filter((c) => !c.ok)).toEqual([]);
      const expected = ref(JSON.parse(readFileSync(path, 'utf8')));
      for (const [name, want] of Object.entries(expected)) expect(sameFigure(run.value.values[name] ?? '', want), name).toBe(true);
    }
  });

  it('gives byte-identical output for the same input', () => {
    const path = `rules/examples/${id}.input.json`;
    const text = readFileSync(path, 'utf8');
    const a = settle(rules, text, { file: path });
    const b = settle(load(id), text, { file: path });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('cases files', () => {
  const withCases = ids.filter((id) => existsSync(`rules/${id}.cases.json`));

  it('every preset has a cases file with at least 5 cases', () => {
    for (const id of ids) {
      expect(existsSync(`rules/${id}.cases.json`), id).toBe(true);
      const cases = JSON.parse(readFileSync(`rules/${id}.cases.json`, 'utf8')) as { cases: unknown[] };
      expect(cases.cases.length, id).toBeGreaterThanOrEqual(5);
    }
  });

  it.each(withCases)('%s: every expectation agrees with the independent calculation', (id) => {
    const ref = reference[id as keyof typeof reference] as (input: unknown) => Record<string, string>;
    const file = JSON.parse(readFileSync(`rules/${id}.cases.json`, 'utf8')) as {
      cases: { name: string; note?: string; input: unknown; parameters?: unknown; expect?: Record<string, string> }[];
    };
    let compared = 0;
    for (const c of file.cases) {
      expect(c.note, `${id} › ${c.name} needs a note of how it was worked out`).toBeTruthy();
      if (!c.expect || c.parameters) continue;
      const expected = ref(c.input);
      for (const [name, want] of Object.entries(c.expect)) {
        if (expected[name] === undefined) continue;
        expect(sameFigure(want, expected[name] as string), `${id} › ${c.name} › ${name}`).toBe(true);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });
});

describe('the CLI and the library agree', () => {
  it.each(ids)('%s: run --json prints exactly the library settlement', async (id) => {
    const { spawnSync } = await import('node:child_process');
    const input = `rules/examples/${id}.input.json`;
    const r = spawnSync(process.execPath, ['dist/cli.js', 'run', `rules/${id}.json`, input, '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const lib = settle(load(id), readFileSync(input, 'utf8'), { file: input });
    expect(lib.ok).toBe(true);
    if (lib.ok) expect(r.stdout).toBe(JSON.stringify(lib.value, null, 2) + '\n');
  });
});
