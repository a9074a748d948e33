// A streamed case list on worker threads gives exactly what one thread gives: the same values,
// figures and ledger, and the same problems at the same lines, whatever the chunks.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settleStreamOnThreads } from '../dist/batch/index.js';
import { readRuleFile, settleStream } from '../dist/index.js';

const ruleText = readFileSync('rules/drg-points.json', 'utf8');
const rules = readRuleFile(ruleText, { file: 'rules/drg-points.json' });
if (!rules.ok) throw new Error('drg-points does not read');
const ruleFile = rules.value;
const { cases: _cases, ...rest } = JSON.parse(readFileSync('rules/examples/drg-points.input.json', 'utf8')) as Record<string, unknown>;
const input = JSON.stringify(rest);

const row = fc.tuple(
  fc.constantFrom('county-people', 'county-tcm', 'town-centre', 'nowhere'),
  fc.constantFrom('FR21', 'GB11', 'IC29'),
  fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 9_999_999 }).map((f) => `${Math.floor(f / 100)}.${String(f % 100).padStart(2, '0')}`) }, { weight: 1, arbitrary: fc.constant('1x') }),
  fc.boolean(),
).map(([h, g, c, complete]) => `${h},${g},${c},${complete}`);

async function* text(t: string): AsyncGenerator<string> {
  yield t;
}

function outcome(r: Awaited<ReturnType<typeof settleStream>>): unknown {
  return r.ok ? [r.value.settlement.values, r.value.settlement.figures, r.value.settlement.ledger, r.value.streamed.rows] : r.issues.map((i) => [i.code, i.file, i.pointer, i.at]);
}

describe('settleStreamOnThreads', () => {
  it('agrees with settleStream on one thread, for good lists and bad', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 12 }), async (rows, chunkRows) => {
        const csv = `hospital,group,cost,complete\n${rows.join('\n')}\n`;
        const one = await settleStream(ruleFile, input, { table: 'cases', source: text(csv) }, { chunkRows });
        const two = await settleStreamOnThreads({ text: ruleText, file: 'rules/drg-points.json' }, input, { table: 'cases', source: text(csv) }, { chunkRows, threads: 2 });
        expect(outcome(two)).toEqual(outcome(one));
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('refuses a thread count that is not a whole number from 1 to 64', async () => {
    const r = await settleStreamOnThreads({ text: ruleText }, input, { table: 'cases', source: text('') }, { threads: 0 });
    expect(r.ok || r.issues.map((i) => [i.code, i.pointer])).toEqual([['wrong_type', '/threads']]);
  });
});
