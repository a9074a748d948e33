// A case list read as a stream settles exactly as the same rows given whole, whatever the chunk
// size and however the text arrives in pieces; its problems are reported at their line and row
// in the whole file; a rule that needs the rows again is refused.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRuleFile, settle, settleStream, type RuleFile, type TableStream } from '../src/index.js';

function rule(id: string): RuleFile {
  const r = readRuleFile(readFileSync(`rules/${id}.json`, 'utf8'), { file: `rules/${id}.json` });
  if (!r.ok) throw new Error(`${id} does not read`);
  return r.value;
}

interface Case {
  hospital: string;
  group: string;
  cost: string;
  complete?: boolean;
  halved?: boolean;
}

const drg = rule('drg-points');
const example = JSON.parse(readFileSync('rules/examples/drg-points.input.json', 'utf8')) as { cases: Case[] } & Record<string, unknown>;
const { cases: exampleCases, ...rest } = example;
const COLUMNS = ['hospital', 'group', 'cost', 'complete', 'halved'] as const;

const caseArb: fc.Arbitrary<Case> = fc.record({
  hospital: fc.constantFrom('county-people', 'county-tcm', 'town-centre'),
  group: fc.constantFrom('FR21', 'GB11', 'IC29'),
  cost: fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 99 })).map(([y, f]) => `${y}.${String(f).padStart(2, '0')}`),
  complete: fc.boolean(),
  halved: fc.boolean(),
});

function csvOf(cases: readonly Case[], quoteCost = false): string {
  const cell = (c: Case, k: (typeof COLUMNS)[number]): string => (k === 'cost' && quoteCost ? `"${Number(c.cost).toLocaleString('en-US', { minimumFractionDigits: 2 })}"` : String(c[k] ?? ''));
  return `${COLUMNS.join(',')}\r\n${cases.map((c) => COLUMNS.map((k) => cell(c, k)).join(',')).join('\r\n')}\r\n`;
}

function ndjsonOf(cases: readonly Case[]): string {
  return cases.map((c) => JSON.stringify(c)).join('\n');
}

/** The text in pieces cut at the given places, as a Node stream would hand it over (bytes or text). */
async function* pieces(text: string, cuts: readonly number[], bytes: boolean): AsyncGenerator<string | Uint8Array> {
  const data = bytes ? new TextEncoder().encode(text) : text;
  let from = 0;
  for (const c of [...new Set(cuts.map((x) => Math.floor(x * data.length)))].sort((a, b) => a - b)) {
    yield data.slice(from, c);
    from = c;
  }
  yield data.slice(from);
}

function stream(text: string, format: 'csv' | 'ndjson' = 'csv', cuts: readonly number[] = [], bytes = false): TableStream {
  return { table: 'cases', source: pieces(text, cuts, bytes), format };
}

describe('settleStream', () => {
  it('gives the values, figures, ledger and checks of settle() on the whole list, in any chunks and pieces', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(caseArb, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 25 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
        fc.boolean(),
        fc.constantFrom<'csv' | 'ndjson'>('csv', 'ndjson'),
        async (cases, chunkRows, cuts, bytes, format) => {
          const whole = settle(drg, { ...rest, cases });
          const text = format === 'csv' ? csvOf(cases, bytes) : ndjsonOf(cases);
          const s = await settleStream(drg, rest, stream(text, format, cuts, bytes), { chunkRows });
          expect(s.ok).toBe(whole.ok);
          if (!s.ok || !whole.ok) return;
          const { settlement } = s.value;
          expect(settlement.values).toEqual(whole.value.values);
          expect(settlement.figures).toEqual(whole.value.figures);
          expect(settlement.ledger).toEqual(whole.value.ledger);
          expect(settlement.checks).toEqual(whole.value.checks);
          expect(s.value.streamed.rows).toBe(cases.length);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('reports a bad cell at its line and row in the whole file, whichever chunk it falls in', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(caseArb, { minLength: 2, maxLength: 40 }), fc.nat(), fc.integer({ min: 1, max: 9 }), fc.constantFrom<'csv' | 'ndjson'>('csv', 'ndjson'), async (cases, pick, chunkRows, format) => {
        const i = pick % cases.length;
        const broken = cases.map((c, k) => (k === i ? { ...c, cost: '1x0.00' } : c));
        const s = await settleStream(drg, rest, stream(format === 'csv' ? csvOf(broken) : ndjsonOf(broken), format), { chunkRows });
        expect(s.ok).toBe(false);
        if (s.ok) return;
        // CSV: the header is line 1, row i is line i + 2; NDJSON: row i is line i + 1.
        expect(s.issues.map((x) => [x.code, x.file, x.pointer, x.at?.line])).toEqual([['not_decimal', `cases.${format}`, `/${i}/cost`, format === 'csv' ? i + 2 : i + 1]]);
      }),
      { numRuns: 60 },
    );
  });

  it('names the input row of a key not found, in a later chunk', async () => {
    const cases = [...exampleCases, { hospital: 'county-tcm', group: 'ZZ99', cost: '10.00' }];
    const s = await settleStream(drg, rest, stream(csvOf(cases)), { chunkRows: 5 });
    const line = cases.length + 1;
    expect(s.ok || s.issues.map((x) => [x.code, x.pointer, x.at?.line, ('row' in x.params ? x.params.row : undefined)])).toEqual([['unknown_key', `/${cases.length - 1}`, line, `cases.csv:${line}`]]);
  });

  it('counts the lines of a quoted field that spans lines', async () => {
    const text = 'hospital,group,cost\ncounty-people,FR21,"9,120.40"\n"town\ncentre",IC29,14300.00\ncounty-tcm,GB11,1x\n';
    const s = await settleStream(drg, rest, stream(text, 'csv', [0.3, 0.55]), { chunkRows: 1 });
    expect(s.ok || s.issues.map((x) => [x.code, x.pointer, x.at?.line])).toEqual([
      ['control_character', '/1/hospital', 3],
      ['not_decimal', '/2/cost', 5],
    ]);
  });

  it('takes a byte-order mark and refuses bytes that are not UTF-8', async () => {
    const ok = await settleStream(drg, rest, stream(`\ufeff${csvOf(exampleCases)}`, 'csv', [], true));
    expect(ok.ok && ok.value.settlement.values).toEqual((settle(drg, example) as { value: { values: unknown } }).value.values);
    const bad = await settleStream(drg, rest, { table: 'cases', source: pieces('', [], true), format: 'csv' });
    expect(bad.ok || bad.issues.map((x) => x.code)).toEqual(['json_empty']);
    async function* latin1(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array([0x68, 0x6f, 0x73, 0x70, 0xe9, 0x0a]);
    }
    const notText = await settleStream(drg, rest, { table: 'cases', source: latin1() });
    expect(notText.ok || notText.issues.map((x) => x.code)).toEqual(['file_not_text']);
  });

  it('stops at a quote left open instead of reading the rest of the file into one record', async () => {
    async function* openQuote(): AsyncGenerator<string> {
      yield 'hospital,group,cost\ncounty-people,FR21,9120.40\ncounty-people,"GB11,31204.00\n';
      for (let i = 0; i < 40; i++) yield `county-tcm,IC29,1000.00\n`.repeat(4000);
    }
    const r = await settleStream(drg, rest, { table: 'cases', source: openQuote() });
    expect(r.ok || r.issues.map((x) => [x.code, x.at?.line])).toEqual([['json_too_large', 3]]);
  });

  it('refuses a rule that needs the rows again, naming the step', async () => {
    const yangxi = rule('yangxi');
    const s = await settleStream(yangxi, {}, { table: 'members', source: pieces('id,level,spending,weight\n', [], false) });
    expect(s.ok || s.issues.map((x) => [x.code, x.pointer, ('reason' in x.params ? x.params.reason : undefined)])).toEqual([['stream_needs_rows', '/steps/5', 'step']]);
  });

  it('refuses what cannot be streamed or is given twice', async () => {
    const codes = async (p: Promise<{ ok: boolean; issues?: readonly { code: string; pointer: string }[] }>): Promise<string[]> => ((await p).issues ?? []).map((x) => `${x.code} ${x.pointer}`);
    expect(await codes(settleStream(drg, rest, { table: 'nope', source: pieces('', [], false) }))).toEqual(['unknown_table ']);
    expect(await codes(settleStream(drg, rest, stream(csvOf(exampleCases)), { rows: ['cases'] }))).toEqual(['stream_needs_rows ']);
    expect(await codes(settleStream(drg, example, stream(csvOf(exampleCases))))).toEqual(['table_given_twice /cases']);
    expect(await codes(settleStream(drg, rest, stream(csvOf(exampleCases)), { chunkRows: 0 }))).toEqual(['wrong_type /chunkRows']);
    expect(await codes(settleStream(drg, rest, { table: 'cases', source: 'cases.csv' as unknown as AsyncIterable<string> }))).toEqual(['wrong_type /source']);
  });

  it('says how many rows are settled as it goes', async () => {
    const seen: number[] = [];
    const cases = Array.from({ length: 23 }, (_, i) => exampleCases[i % exampleCases.length] as Case);
    const s = await settleStream(drg, rest, stream(csvOf(cases)), { chunkRows: 10, onProgress: (n) => seen.push(n) });
    expect(s.ok).toBe(true);
    expect(seen).toEqual([10, 20, 23]);
  });
});
