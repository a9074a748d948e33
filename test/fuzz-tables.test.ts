/**
 * Fuzzing what a clerk hands the engine besides a JSON document: CSV tables (fields added or
 * dropped, other separators, quotes, duplicated or relabelled headers, grouped and full-width
 * amounts) and parameter values (`--param`). Every outcome must be an exact result or coded
 * issues. A CSV table that settles must settle exactly as the same rows given as JSON, read by
 * a second CSV parser written here — so a shifted column can never pass as money. FUZZ_RUNS
 * raises the count.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Exact, ISSUE_CODES, readRuleFile, settle, type RuleFile } from '../src/index.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 2000);
const known = new Set<string>(ISSUE_CODES.filter((c) => c !== 'internal_error'));

const load = (id: string): RuleFile => {
  const r = readRuleFile(readFileSync(`rules/${id}.json`, 'utf8'), { file: `rules/${id}.json` });
  if (!r.ok) throw new Error(id);
  return r.value;
};
const yangxi = load('yangxi');
const example = JSON.parse(readFileSync('rules/examples/yangxi.input.json', 'utf8')) as { members: Record<string, string | number>[] } & Record<string, unknown>;
const { members, ...scalars } = example;
const HEADER = ['id', 'level', 'spending', 'weight'];
const ROWS = members.map((m) => HEADER.map((c) => String(m[c])));

/** An RFC 4180 reader, independent of src/settle/csv.ts: records of fields, quotes honoured. */
function parseCsv(text: string, delimiter: string): string[][] | undefined {
  const records: string[][] = [];
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) fields.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      records.push(fields);
      (fields = []), (field = '');
    } else field += c;
  }
  if (quoted) return undefined;
  if (field !== '' || fields.length > 0) fields.push(field), records.push(fields);
  return records.filter((r) => !(r.length === 1 && (r[0] as string).trim() === ''));
}

/** One random change to a CSV of the members, as a clerk or a spreadsheet might make it. */
const cellValues = fc.constantFrom('', ' ', '8,600,000.00', '"8,600,000.00"', '"1,23,4"', '８６００', '"８，６００．００"', '县级', '镇级', 'county', 'town', '-1', '1e3', '"', '""', '"a""b"', 'x\ty', '__proto__', '60', '0', '"town-1"', ' town-1 ');
const mutation = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('cell' as const), row: fc.nat(11), col: fc.nat(3), value: cellValues }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('extra field' as const), row: fc.nat(11), value: cellValues }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop field' as const), row: fc.nat(11) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('separator' as const), row: fc.nat(11), value: fc.constantFrom(';', '\t', '，', '|') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('header' as const), col: fc.nat(3), value: fc.constantFrom('id', 'level', 'spending', 'weight', '编号', '层级', '医保基金支出', '分配权重', 'LEVEL', '金额', '', '"id"') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('blank line' as const), row: fc.nat(11), value: fc.constantFrom('', '  ', '\r') }) },
);

function csvWith(changes: readonly { kind: string; row?: number; col?: number; value?: string }[]): string {
  const header = [...HEADER];
  const rows = ROWS.map((r) => [...r]);
  const lines: (string | undefined)[] = [];
  for (const m of changes) {
    const row = rows[(m.row ?? 0) % rows.length] as string[];
    if (m.kind === 'cell') row[m.col ?? 0] = m.value ?? '';
    else if (m.kind === 'extra field') row.push(m.value ?? '');
    else if (m.kind === 'drop field') row.pop();
    else if (m.kind === 'header') header[m.col ?? 0] = m.value ?? '';
  }
  const text = [header.join(','), ...rows.map((r) => r.join(','))];
  for (const m of changes) {
    if (m.kind === 'separator') text[1 + ((m.row ?? 0) % rows.length)] = (text[1 + ((m.row ?? 0) % rows.length)] as string).replace(',', m.value ?? ',');
    if (m.kind === 'blank line') lines[m.row ?? 0] = m.value;
  }
  return text.flatMap((l, k) => (lines[k] !== undefined ? [l, lines[k] as string] : [l])).join('\n');
}

/**
 * A settlement with finite exact values, or coded issues only. A check may fail — a member named
 * "town" is also the town pool's account, and the ledger says so (exit 3) — but never silently:
 * the JSON comparison below holds the CSV to the same checks.
 */
function assertClean(r: ReturnType<typeof settle>, what: string): void {
  if (r.ok) {
    for (const [k, v] of Object.entries(r.value.values)) if (/NaN|Infinity|e[+-]/.test(v)) throw new Error(`${what}: ${k} = ${v}`);
    return;
  }
  for (const i of r.issues) if (!known.has(i.code)) throw new Error(`${what}: ${i.code} ${i.message.en}`);
}

describe('fuzzing CSV tables', () => {
  it('a mutated members CSV settles exactly as its rows given as JSON, or gives coded issues', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (changes) => {
        const csv = csvWith(changes);
        const r = settle(yangxi, scalars, { tables: { members: { text: csv, file: 'members.csv' } } });
        assertClean(r, csv);
        // Without a trace (the one-pass reader, CSV read beside it): the same outcome, figures aside.
        const quick = settle(yangxi, JSON.stringify(scalars), { trace: false, tables: { members: { text: csv, file: 'members.csv' } } });
        if (r.ok && quick.ok) expect(quick.value, csv).toEqual({ ...r.value, figures: {}, input: quick.value.input });
        else expect(quick.ok ? [] : quick.issues.map((i) => [i.code, i.file, i.pointer, i.at]), csv).toEqual(r.ok ? [] : r.issues.map((i) => [i.code, i.file, i.pointer, i.at]));
        if (!r.ok) return;
        // It settled: every row had as many fields as the header, by the second parser too …
        const records = parseCsv(csv, csv.split('\n')[0]?.includes(',') ? ',' : '\t');
        expect(records, csv).toBeDefined();
        const [head, ...body] = records as string[][];
        for (const rec of body) expect(rec.length, csv).toBe((head as string[]).length);
        // … and when the header is written in keys, the same rows as JSON give the same money.
        if ((head as string[]).some((h) => !HEADER.includes(h.trim()))) return;
        const rows = body.map((rec) => Object.fromEntries(rec.flatMap((v, k) => (v === '' ? [] : [[(head as string[])[k]?.trim() as string, v]]))));
        const json = settle(yangxi, { ...scalars, members: rows });
        expect(json.ok, csv).toBe(true);
        if (json.ok) expect({ values: r.value.values, checks: r.value.checks }, csv).toEqual({ values: json.value.values, checks: json.value.checks });
      }),
      { numRuns: RUNS },
    );
  });

  it('an unquoted thousands comma never settles: the row has the wrong number of fields', () => {
    fc.assert(
      fc.property(fc.nat(10), fc.integer({ min: 1000, max: 99_999_999 }), (row, yuan) => {
        const grouped = yuan.toLocaleString('en-US');
        const csv = csvWith([{ kind: 'cell', row, col: 2, value: `${grouped}.00` }]);
        const r = settle(yangxi, scalars, { tables: { members: { text: csv } } });
        expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['csv_field_count']);
        const quoted = settle(yangxi, scalars, { tables: { members: { text: csvWith([{ kind: 'cell', row, col: 2, value: `"${grouped}.00"` }]) } } });
        const plain = settle(yangxi, scalars, { tables: { members: { text: csvWith([{ kind: 'cell', row, col: 2, value: `${yuan}.00` }]) } } });
        expect(quoted.ok && plain.ok && quoted.value.values).toEqual(plain.ok && plain.value.values);
      }),
      { numRuns: Math.min(RUNS, 300) },
    );
  });
});

describe('fuzzing parameter values', () => {
  const ids = ['yangxi', 'beijing-2012', 'ningbo', 'shenzhen', 'guangdong-2025', 'guangyuan-2019'];
  const presets = ids.map((id) => ({ id, rules: load(id), input: readFileSync(`rules/examples/${id}.input.json`, 'utf8') }));
  const values = fc.oneof(
    fc.constantFrom('2', '2%', '0.02', '100%', '101%', '-1%', '-100%', '1', '0', '-0', '1,000', '1,00', '１０％', '２', 'true', 'false', '县级', '全额', 'whole', 'marginal', '', ' ', 'NaN', '1e3', '__proto__', '0.1234567890123456789', '9'.repeat(50)),
    fc.integer({ min: -200, max: 200 }).map((n) => `${n}%`),
    fc.double({ min: -5, max: 5, noNaN: true }).map((x) => String(x)),
  );

  it('every value gives a settlement that keeps the declared bounds and choices, or coded issues', () => {
    const arb = fc.constantFrom(...presets).chain((p) => fc.tuple(fc.constant(p), fc.constantFrom(...p.rules.parameters), values));
    fc.assert(
      fc.property(arb, ([p, param, value]) => {
        const r = settle(p.rules, p.input, { parameters: { [param.name]: value } });
        assertClean(r, `${p.id} ${param.name}=${value}`);
        if (!r.ok) return;
        const used = r.value.figures[param.name]?.value;
        if (used === undefined || param.kind === 'text' || param.kind === 'boolean') {
          if (param.choices && used !== undefined) expect(param.choices.map((c) => c.value)).toContain(used);
          return;
        }
        const v = new Exact(used);
        if (param.min !== undefined) expect(v.gte(new Exact(param.min)), `${param.name}=${value} → ${used} < ${param.min}`).toBe(true);
        if (param.max !== undefined) expect(v.lte(new Exact(param.max)), `${param.name}=${value} → ${used} > ${param.max}`).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
