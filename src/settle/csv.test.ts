/**
 * CSV tables have two readers: a scanner that reads a plain, valid record straight into a row,
 * and the general RFC 4180 reader that also places every problem at its line and column. The
 * scanner must never change a table or a message: on random CSV texts, full of the things it
 * leaves to the general reader, both give the same rows and the same issues.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../issues/issue.js';
import type { TableValue } from '../formula/types.js';
import { Exact } from '../money/exact.js';
import { printValue } from './print.js';
import { compileRuleFile, type CompiledRuleFile } from './compile.js';
import { readCsvTable } from './csv.js';
import type { InputDecl } from './declarations.js';

const RUNS = Number(process.env['CSV_RUNS'] ?? 1500);

function tableDecl(preset: string, name: string): { rules: CompiledRuleFile; d: Extract<InputDecl, { shape: 'table' }> } {
  const r = compileRuleFile(readFileSync(`rules/${preset}.json`, 'utf8'), `rules/${preset}.json`);
  if (!r.ok) throw new Error(`${preset} does not load`);
  const d = r.value.decls.find((x) => x.name === name);
  if (!d || d.shape !== 'table') throw new Error(`${preset} has no table ${name}`);
  return { rules: r.value, d };
}

/** Rows as printed text and issues as reported: what a caller of either reader can see. */
function read(t: ReturnType<typeof tableDecl>, text: string, general: boolean): { rows?: string[][]; keys?: string[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const table: TableValue | undefined = readCsvTable(t.d, text, 'cases.csv', t.rules.doc, issues, { general });
  const columns = [...t.d.columns.keys()];
  return {
    ...(table ? { rows: table.rows.map((row) => columns.map((c) => { const v = row[c]; return `${c}=${printValue('number', v)}|${v instanceof Exact ? `scale ${v.scale}` : typeof v}`; })) } : {}),
    ...(table?.index ? { keys: [...table.index.keys()] } : {}),
    issues,
  };
}

// Cells that are valid, invalid, or valid only for the general reader (quoted, padded, spelled).
const number = fc.oneof(
  fc.integer({ min: 0, max: 99_999_999 }).map((n) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`),
  fc.integer({ min: 0, max: 99_999 }).map(String),
  fc.constantFrom('', '-1.00', '1.005', '1e3', ' 12.00', '12.00 ', '"12.00"', '0', '-0', '1.', '.5', 'NaN', '１２', '1234567890123456', '12345678901234567890.12'),
);
const text = fc.oneof(fc.constantFrom('H1', 'H2', 'G1', 'G2', 'a', '医院', '', ' H1', 'H1 ', '"H,1"', '"say ""hi"""', '"two\nlines"'), fc.string({ maxLength: 4 }).filter((s) => !/[",\r\n]/.test(s)));
const bool = fc.constantFrom('true', 'false', 'TRUE', 'False', '1', '0', '是', '否', 'yes', 'N', '', 'maybe', ' true', '"true"', 'truee', 'fals');
const eol = fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\n \n');

function csvOf(header: readonly string[], kinds: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<string> {
  const cell = (c: string): fc.Arbitrary<string> => kinds[c] ?? text;
  const record = fc.tuple(...header.map(cell), fc.constantFrom(0, 0, 0, 0, 1, -1)).map((cells) => {
    const shape = cells.pop() as number; // a field too many or too few now and then
    const fields = cells as string[];
    return (shape > 0 ? [...fields, 'x'] : shape < 0 ? fields.slice(0, -1) : fields).join(',');
  });
  return fc.tuple(fc.array(fc.tuple(record, eol), { maxLength: 12 }), fc.boolean(), fc.boolean()).map(
    ([records, bom, lastEol]) => (bom ? '\uFEFF' : '') + header.join(',') + '\n' + records.map(([r, e], k) => r + (k < records.length - 1 || lastEol ? e : '')).join(''),
  );
}

describe('CSV scanner against the general reader', () => {
  it('drg-points cases: the same rows and issues, header in any order, unknown columns too', () => {
    const t = tableDecl('drg-points', 'cases');
    const kinds = { hospital: text, group: text, cost: number, complete: bool, halved: bool, remark: text };
    const header = fc.constantFrom(['hospital', 'group', 'cost', 'complete', 'halved'], ['cost', 'halved', 'hospital', 'complete', 'group'], ['hospital', 'group', 'cost'], ['hospital', 'group', 'cost', 'complete', 'halved', 'remark'], ['hospital', 'group', 'cost', 'cost', 'complete', 'halved']);
    fc.assert(
      fc.property(header.chain((h) => csvOf(h, kinds)), (csv) => {
        expect(read(t, csv, false)).toEqual(read(t, csv, true));
      }),
      { numRuns: RUNS },
    );
  });

  it('keyed members of yangxi: duplicate ids are found and placed alike', () => {
    const t = tableDecl('yangxi', 'members');
    const kinds = { id: fc.constantFrom('a', 'b', 'c', 'a', ' a', '"a"'), level: fc.constantFrom('county', 'town', 'city', ''), spending: number, weight: fc.oneof(number, fc.constantFrom('0', '1', '60')) };
    fc.assert(
      fc.property(csvOf(['id', 'level', 'spending', 'weight'], kinds), (csv) => {
        expect(read(t, csv, false)).toEqual(read(t, csv, true));
      }),
      { numRuns: RUNS },
    );
  });

  it('damaged case lists: the same rows and issues, character edits anywhere', () => {
    const t = tableDecl('drg-points', 'cases');
    const base = 'hospital,group,cost,complete,halved\nH1,G1,1000.00,true,false\nH2,G2,25.5,false,true\r\nH1,G2,7,1,0\n';
    const ch = fc.constantFrom('"', ',', '\n', '\r', ' ', '\t', '0', '9', '.', '-', 'e', 't', 'H', '\uFEFF', '是', '%');
    const edit = fc.tuple(fc.integer({ min: 0, max: 2 }), fc.nat(), ch);
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let csv = base;
        for (const [op, at, c] of edits) {
          const i = at % (csv.length + 1);
          csv = op === 0 ? csv.slice(0, i) + c + csv.slice(i) : op === 1 ? csv.slice(0, i) + csv.slice(i + 1) : csv.slice(0, i) + c + csv.slice(i + 1);
        }
        expect(read(t, csv, false)).toEqual(read(t, csv, true));
      }),
      { numRuns: RUNS },
    );
  });

  it('reads the common record in place and leaves the rest to the general reader', () => {
    const t = tableDecl('drg-points', 'cases');
    const csv = 'hospital,group,cost,complete,halved\r\nH1,G1,1000.00,true,false\r\n\r\n"H2",G1,12.5,1,\nH3,G2,7,false,true';
    const r = read(t, csv, false);
    expect(r.issues).toEqual([]);
    expect(r.rows).toEqual([
      ['hospital=H1|string', 'group=G1|string', 'cost=1000|scale 2', 'complete=true|boolean', 'halved=false|boolean'],
      ['hospital=H2|string', 'group=G1|string', 'cost=12.5|scale 1', 'complete=true|boolean', 'halved=false|boolean'],
      ['hospital=H3|string', 'group=G2|string', 'cost=7|scale 0', 'complete=false|boolean', 'halved=true|boolean'],
    ]);
    // "Aa" and "BB" have the same 31-polynomial hash: each must still be read as itself.
    const same = read(t, 'hospital,group,cost\nAa,BB,1\nBB,Aa,2\nAa,Aa,3', false);
    expect(same.rows?.map((row) => row.slice(0, 2).join(' '))).toEqual(['hospital=Aa|string group=BB|string', 'hospital=BB|string group=Aa|string', 'hospital=Aa|string group=Aa|string']);
    expect(read(t, csv.replace('12.5', '12.555'), false).issues).toMatchObject([{ code: 'money_precision', pointer: '/1/cost', at: { line: 4, column: 9 } }]);
  });
});
