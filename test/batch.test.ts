// Batch settlement on worker threads gives exactly what `settle` gives in this thread, job for
// job and in order, whatever the thread count and chunk size; problems stay per job.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settleBatch, settleGroups } from '../dist/batch/index.js';
import { readRuleFile, settle } from '../dist/index.js';
import { communityInputs } from './bench/communities.mjs';

const text = readFileSync('rules/yangxi.json', 'utf8');
const read = readRuleFile(text, { file: 'rules/yangxi.json' });
if (!read.ok) throw new Error('yangxi does not read');
const ruleFile = read.value;
const rule = { text, file: 'rules/yangxi.json' };
const inputs: string[] = communityInputs(120);

/** What a batch should give for one input: settle's values, failed checks and fingerprint. */
function expectedOutcome(input: string, whole = false) {
  const r = settle(ruleFile, input, { trace: false });
  if (!r.ok) return r;
  const base = { values: r.value.values, failedChecks: r.value.checks.filter((c) => !c.ok), inputFingerprint: r.value.input.fingerprint };
  return { ok: true, value: whole ? { ...base, settlement: r.value } : base };
}

describe('settleBatch', () => {
  it('agrees with settle for every community, on 2 threads and on 1', async () => {
    const expected = inputs.map((t) => expectedOutcome(t));
    for (const threads of [1, 2]) {
      const r = await settleBatch(rule, inputs, { threads, chunkSize: 7 });
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.value).toEqual(expected);
    }
  });

  it('keeps each job in its place whatever the chunk size and thread count', async () => {
    const expected = inputs.map((t) => expectedOutcome(t));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 90 }), async (chunkSize, threads, count, from) => {
        const r = await settleBatch(rule, inputs.slice(from, from + count), { threads, chunkSize });
        expect(r.ok && r.value).toEqual(expected.slice(from, from + count));
      }),
      { numRuns: 12 },
    );
  });

  it('returns whole settlements when asked, and failed checks by name', async () => {
    const r = await settleBatch(rule, inputs.slice(0, 5), { threads: 2, chunkSize: 2, whole: true });
    expect(r.ok && r.value).toEqual(inputs.slice(0, 5).map((t) => expectedOutcome(t, true)));
    // Settled values as given pass their checks; a batch reports none failed.
    expect(r.ok && r.value.every((x) => x.ok && x.value.failedChecks.length === 0)).toBe(true);
  });

  it('reports a broken input at its job and settles the others', async () => {
    const jobs = [inputs[0] as string, '{"insured": "many"}', { input: JSON.parse(inputs[1] as string), file: 'c2.json' }];
    const r = await settleBatch(rule, jobs, { threads: 2, chunkSize: 1 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((x) => x.ok)).toEqual([true, false, true]);
    const bad = r.value[1];
    if (bad && !bad.ok) expect(bad.issues.map((i) => [i.code, i.pointer])).toContainEqual(['not_decimal', '/insured']);
  });

  it('gives a rule file’s problems for each of its jobs, beside a good group', async () => {
    const r = await settleGroups([{ rule: { text: '{', file: 'broken.json' }, jobs: ['{}', '{}'] }, { rule, jobs: inputs.slice(0, 3) }], { threads: 2, chunkSize: 1 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value[0]?.map((x) => (x.ok ? 'ok' : x.issues[0]?.file))).toEqual(['broken.json', 'broken.json']);
    expect(r.value[1]?.every((x) => x.ok)).toBe(true);
  });

  it('refuses a thread count that is not a whole number from 1 to 64', async () => {
    for (const threads of [0, 1.5, 65, Number.NaN]) {
      const r = await settleBatch(rule, inputs.slice(0, 2), { threads });
      expect(r.ok ? [] : r.issues.map((i) => [i.code, i.pointer])).toEqual([['wrong_type', '/threads']]);
    }
  });

  it('reports progress up to the total', async () => {
    const seen: number[] = [];
    await settleBatch(rule, inputs.slice(0, 10), { threads: 2, chunkSize: 3, onProgress: (done, total) => seen.push(done * 100 + total) });
    // Chunks of 3, 3, 3 and 1 finish in any order: four reports, rising to the total.
    expect(seen.length).toBe(4);
    expect(seen.map((x) => x % 100)).toEqual([10, 10, 10, 10]);
    expect(seen.map((x) => Math.floor(x / 100)).at(-1)).toBe(10);
  });
});
