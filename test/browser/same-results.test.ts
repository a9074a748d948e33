/**
 * The browser build settles exactly as the library does. For every preset in rules/ (with its
 * example input) and for generated inputs, the settlement the built playground computes in real
 * headless Chromium is compared with what `settle()` of the built library (dist/index.js) computes
 * in Node: values, ledger, accounts, checks, every figure (value, exact, formula, inputs, pointer,
 * position, rounding, note) and the fingerprints — the whole settlement as JSON, byte for byte.
 * The library and the CLI are compared the same way in test/presets.test.ts; together they cover
 * the hardening issue's "identical run to run and across the library, CLI and browser build".
 *
 * How the browser's result is obtained, without any hook in the playground:
 * - The worker's answer: a page init script (test-side only) records the message events of the
 *   worker the page names `settle` — exactly the structured-clone copy of the settlement that the
 *   page receives and shows. Nothing is sent to the worker that the page did not send itself.
 * - What the person sees and exports: the values in the result table, the fingerprints on the
 *   audit sheet, and the CSV (values with trace, ledger) and XLSX (values, ledger, checks,
 *   accounts, info) downloads, each compared field by field with the Node settlement.
 * Inputs reach the page the way a person gives them: a preset is picked from the menu, a
 * generated input is dropped onto the page as a file, a CSV case list is imported in the grid
 * (and compared with the library reading the same CSV through its `tables` option, as the CLI's
 * `--table` does). Generated inputs are the example inputs with money scaled by seeded random
 * factors, and samples of the reference arbitraries (test/reference) under a fixed seed.
 *
 * The scenario files (rules/examples/*.scenario.json) are not covered: they are for `simulate`
 * (CLI and library), which the playground does not offer.
 *
 * Like playground.test.ts it builds nothing: run `npm run build` (dist/) and `npm run
 * build:playground` (playground-dist/) first, as `npm test` does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import type { Issue, Settlement } from '../../src/index.js';
import { arbitraries } from '../reference/arbitraries.js';
import { chromiumOptions, serveDirectory } from './static-server.mjs';
import { answers as workerAnswers, dropFile, settled as workerSettled } from './harness.js';
import { yangxiWithMembers } from './members-2000.mjs';

type Library = typeof import('../../src/index.js');

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = `${root}playground-dist`;
const library = `${root}dist/index.js`;
const ready = existsSync(`${dist}/index.html`) && existsSync(library) && existsSync(chromiumOptions.executablePath);
if (!ready) {
  const missing = !existsSync(library)
    ? 'dist/ (npm run build)'
    : !existsSync(`${dist}/index.html`)
      ? 'playground-dist/ (npm run build:playground)'
      : chromiumOptions.executablePath;
  if (process.env['CI'] !== undefined) throw new Error(`the browser/library comparison needs ${missing}`);
  console.warn(`skipping the browser/library comparison: no ${missing}`);
}

/** Every preset: rules/<id>.json (rules/<id>.cases.json and the like are not rule files). */
const presetIds = readdirSync(`${root}rules`)
  .filter((f) => /^[^.]+\.json$/.test(f))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();

/** Presets that get generated inputs: a split, tiers, a waterfall, a score, tables and maps. */
const RANDOM_PRESETS = ['yangxi', 'shenzhen', 'ningbo', 'suixi', 'drg-points'] as const;
/** Per preset: this many example inputs with money scaled, and this many from the reference arbitraries. */
const SCALED = 2;
const SAMPLED = 2;
/** Fixed, so every run drops the very same documents; printed in the test names. */
const SEED = 20240917;

const read = (path: string): string => readFileSync(`${root}${path}`, 'utf8');

/** What one settlement run produced, as the worker reports it (playground/src/worker-api.ts). */
type Outcome =
  | { readonly stage: 'rule' | 'settle'; readonly issues: readonly Issue[] }
  | { readonly stage: 'done'; readonly settlement: Settlement };

/** The browser's answer: the worker message's type and stage, and the settlement (or issues) as JSON. */
interface Answer {
  readonly type: string;
  readonly stage: string;
  readonly body: string;
  readonly message?: string;
}

// ——— generated inputs ———

/** mulberry32: a small seeded generator, so the generated inputs are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Declaration {
  readonly kind: string;
  readonly of?: string;
  readonly columns?: Readonly<Record<string, Declaration>>;
  readonly fields?: Readonly<Record<string, Declaration>>;
}

/**
 * The example input with every money amount (top-level, in lists, table columns, groups and maps,
 * as the rule file declares them) scaled by its own factor in [0.2, 3), in exact fen (BigInt), and
 * written with two decimals; counts of 100 or more (insured persons) scaled likewise. Amounts stay
 * ≥ 0 and positive ones stay positive, so the declared minimums hold; ids, rates, weights,
 * scores and flags are kept, so the tables stay consistent.
 */
function scaledInput(example: Json, inputs: Readonly<Record<string, Declaration>>, next: () => number): Json {
  const factor = (): bigint => BigInt(200 + Math.floor(next() * 2800)); // thousandths
  const money = (v: Json): Json => {
    const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(v));
    if (!m || (typeof v !== 'string' && typeof v !== 'number')) return v;
    const fen = BigInt(m[1] ?? '0') * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
    let scaled = (fen * factor()) / 1000n;
    if (fen > 0n && scaled === 0n) scaled = 1n;
    const text = scaled.toString().padStart(3, '0');
    return `${text.slice(0, -2)}.${text.slice(-2)}`;
  };
  const value = (v: Json, d: Declaration | undefined): Json => {
    if (!d || v === null) return v;
    switch (d.kind) {
      case 'money':
        return money(v);
      case 'count':
        return typeof v === 'number' && Number.isInteger(v) && v >= 100 ? Math.round((v * Number(factor())) / 1000) : v;
      case 'list':
        return Array.isArray(v) ? v.map((x) => value(x, { kind: d.of ?? '' })) : v;
      case 'map':
        return typeof v === 'object' && !Array.isArray(v)
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, value(x, { kind: d.of ?? '' })]))
          : v;
      case 'group':
        return typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, value(x, d.fields?.[k])])) : v;
      case 'table':
        return Array.isArray(v)
          ? v.map((row) =>
              row !== null && typeof row === 'object' && !Array.isArray(row)
                ? Object.fromEntries(Object.entries(row).map(([k, x]) => [k, value(x, d.columns?.[k])]))
                : row,
            )
          : v;
      default:
        return v;
    }
  };
  if (example === null || typeof example !== 'object' || Array.isArray(example)) return example;
  return Object.fromEntries(Object.entries(example).map(([k, v]) => [k, value(v, inputs[k])]));
}

/** The generated inputs of one preset: name and text, scaled examples first. */
function generatedInputs(id: string): { name: string; text: string }[] {
  const rule = JSON.parse(read(`rules/${id}.json`)) as { inputs: Record<string, Declaration> };
  const example = JSON.parse(read(`rules/examples/${id}.input.json`)) as Json;
  const next = random(SEED + presetIds.indexOf(id));
  const out: { name: string; text: string }[] = [];
  for (let i = 1; i <= SCALED; i++) {
    out.push({ name: `${id}.scaled-${i}.input.json`, text: JSON.stringify(scaledInput(example, rule.inputs, next), null, 2) + '\n' });
  }
  const arbitrary = arbitraries[id as keyof typeof arbitraries] as fc.Arbitrary<unknown> | undefined;
  if (arbitrary) {
    fc.sample(arbitrary, { seed: SEED, numRuns: SAMPLED }).forEach((doc, i) => {
      out.push({ name: `${id}.sample-${i + 1}.input.json`, text: JSON.stringify(doc, null, 2) + '\n' });
    });
  }
  return out;
}

// ——— reading what the page exports ———

/** RFC 4180 CSV as rows of fields (CRLF or LF line ends, quoted fields with "" escapes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text.charAt(i + 1) === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/**
 * The playground's CSV guard against spreadsheet formula injection (playground/src/export.ts):
 * a field starting with = + - @ tab CR is written with a leading ', unless it is a plain decimal.
 */
function defused(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
}

/** The cells of each row of an XLSX worksheet's XML, as text (inline strings or values). */
function sheetRows(xml: string): string[][] {
  const unescape = (s: string): string => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
  return [...xml.matchAll(/<row r="\d+">([\s\S]*?)<\/row>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<c r="[A-Z]+\d+"[^>]*>(?:<v>([\s\S]*?)<\/v>|<is><t xml:space="preserve">([\s\S]*?)<\/t><\/is>)<\/c>/g)].map((c) =>
      unescape(c[1] ?? c[2] ?? ''),
    ),
  );
}

const KIND_ZH: Readonly<Record<string, string>> = { money: '金额', number: '数值', boolean: '是否', text: '文本' };

/** Value rows as the exports write them (in Chinese), without the label column (it comes from the rule file's labels). */
function valueRows(s: Settlement): string[][] {
  return Object.entries(s.values).map(([name, value]) => {
    const f = s.figures[name];
    return [
      name,
      value,
      f?.formula ?? '',
      KIND_ZH[f?.kind ?? ''] ?? '',
      f ? Object.entries(f.inputs).map(([k, v]) => `${k}=${v}`).join('; ') : '',
      f?.exact ?? '',
      f?.rounding ? `${f.rounding.mode} ${f.rounding.places}` : '',
      f?.pointer ?? '',
      f?.at ? String(f.at.line) : '',
      f?.at ? String(f.at.column) : '',
    ];
  });
}

const withoutLabels = (row: readonly string[]): string[] => row.slice(1);

/** The Chinese half of a "中文 / English" memo, as the Chinese page shows it. */
const memoZh = (memo: string | undefined): string => (memo !== undefined && /^[^/]*[\u4e00-\u9fff][^/]* \/ /.test(memo) ? memo.slice(0, memo.indexOf(' / ')) : (memo ?? ''));

/** Every other column of a row (the label columns of the ledger export sit before each id). */
const ids = (row: readonly string[], at: readonly number[]): string[] => at.map((i) => row[i] ?? '');

// ——— the Node side ———

function nodeOutcome(lib: Library, rule: { file: string; text: string }, input: { file: string; text: string }, tables?: Record<string, { text: string; file: string }>): Outcome {
  const rules = lib.readRuleFile(rule.text, { file: rule.file });
  if (!rules.ok) return { stage: 'rule', issues: rules.issues };
  const r = lib.settle(rules.value, input.text, { file: input.file, trace: true, ...(tables ? { tables } : {}) });
  return r.ok ? { stage: 'done', settlement: r.value } : { stage: 'settle', issues: r.issues };
}

/** The browser's answer against the Node outcome: section by section for a readable diff, then byte for byte. */
function expectSame(answer: Answer, node: Outcome, label: string): void {
  expect(answer.type, `${label}: the worker did not answer with a settlement (${answer.message ?? ''})`).toBe('settled');
  const nodeBody = JSON.stringify(node.stage === 'done' ? node.settlement : node.issues);
  expect(answer.stage, `${label}: stage (node: ${nodeBody.slice(0, 300)})`).toBe(node.stage);
  if (answer.body !== nodeBody) {
    if (node.stage === 'done') {
      const b = JSON.parse(answer.body) as Settlement;
      const n = node.settlement;
      for (const key of ['rule', 'input', 'engine', 'values', 'ledger', 'accounts', 'checks'] as const) expect(b[key], `${label}: ${key}`).toEqual(n[key]);
      expect(Object.keys(b.figures), `${label}: figure names`).toEqual(Object.keys(n.figures));
      for (const name of Object.keys(n.figures)) expect(b.figures[name], `${label}: figure ${name}`).toEqual(n.figures[name]);
    } else {
      expect(JSON.parse(answer.body), `${label}: issues`).toEqual(node.issues);
    }
  }
  expect(answer.body, `${label}: the whole ${node.stage === 'done' ? 'settlement' : 'issue list'} as JSON`).toBe(nodeBody);
}

describe.skipIf(!ready)('the browser build settles exactly like the library', () => {
  let lib: Library;
  let browser: Browser;
  let page: Page;
  let server: { url: string; close: () => Promise<void> };
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];

  const answers = (): Promise<number> => workerAnswers(page);
  const settled = (before: number): Promise<void> => workerSettled(page, before);

  /** The settle worker's newest answer, as recorded by the init script. */
  async function lastAnswer(): Promise<Answer> {
    return page.evaluate(() => {
      type Message = { type: string; id: number; message?: string; figures?: object; outcome?: { stage: string; settlement?: { figures: object }; issues?: unknown } };
      const all = (window as unknown as { __settleAnswers: Message[] }).__settleAnswers;
      const last = [...all].reverse().find((m) => m.type === 'settled' || m.type === 'crashed');
      if (!last) return { type: 'none', stage: '', body: '' };
      const o = last.outcome;
      // A long settlement's figures follow it in chunks (worker-api.ts FIGURE_CHUNK): put them back.
      const chunks = all.filter((m) => m.type === 'figures' && m.id === last.id);
      const settlement = o?.settlement && chunks.length > 0 ? { ...o.settlement, figures: Object.assign({}, ...chunks.map((c) => c.figures)) as object } : o?.settlement;
      return {
        type: last.type,
        stage: o?.stage ?? '',
        body: JSON.stringify(o?.stage === 'done' ? settlement : o?.issues) ?? '',
        ...(last.message !== undefined ? { message: last.message } : {}),
      };
    });
  }

  async function pickPreset(id: string): Promise<void> {
    const before = await answers();
    await page.locator('preset-picker [data-action="presets"]').click();
    await page.locator(`preset-picker button[data-preset="${id}"]`).click();
    await settled(before);
  }

  /** Drops a file onto the page, as a person drags it from the file manager. */
  const drop = (name: string, text: string): Promise<void> => dropFile(page, name, text);

  async function exported(action: 'export-csv' | 'export-ledger' | 'export-xlsx'): Promise<Buffer> {
    await page.locator('[data-action="export-menu"]').click();
    const download = page.waitForEvent('download');
    await page.locator(`[data-action="${action}"]`).click();
    return readFileSync((await (await download).path()) ?? '');
  }

  /**
   * The result table as shown: name and value of every row. An unrounded number is shown with 12
   * decimals and "…", its whole value on hover (the cell's title): that whole value is returned,
   * after checking that the text shown is its first 12 decimals.
   */
  async function shownValues(): Promise<[string, string][]> {
    const rows = await page
      .locator('result-table tr[data-name]')
      .evaluateAll((trs) => trs.map((r): [string, string, string] => [r.getAttribute('data-name') ?? '', r.querySelector('td.value')?.textContent?.trim() ?? '', r.querySelector('td.value')?.getAttribute('title') ?? '']));
    return rows.map(([name, text, whole]): [string, string] => {
      if (whole === '') return [name, text];
      expect(text, name).toBe(`${whole.slice(0, whole.indexOf('.') + 13)}…`);
      return [name, whole];
    });
  }

  /** The table shows every value, in order, as printed (money grouped by thousands). */
  async function expectShown(s: Settlement, label: string): Promise<void> {
    const expected = Object.entries(s.values).map(([name, v]): [string, string] => [name, v]);
    const shown = (await shownValues()).map(([name, text]): [string, string] => [name, s.figures[name]?.kind === 'money' ? text.replace(/,/g, '') : text]);
    expect(shown, `${label}: the result table`).toEqual(expected);
  }

  beforeAll(async () => {
    lib = (await import(pathToFileURL(library).href)) as Library;
    server = await serveDirectory(dist);
    browser = await chromium.launch(chromiumOptions);
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true, locale: 'zh-CN' });
    // Records what the settle worker posts to the page, before any of the page's scripts run.
    await context.addInitScript(() => {
      const answers: unknown[] = [];
      (window as unknown as { __settleAnswers: unknown[] }).__settleAnswers = answers;
      const Native = window.Worker;
      window.Worker = class extends Native {
        constructor(url: string | URL, options?: WorkerOptions) {
          super(url, options);
          if (options?.name === 'settle') this.addEventListener('message', (e: MessageEvent) => answers.push(e.data));
        }
      };
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(server.url) && !url.startsWith('blob:') && !url.startsWith('data:')) foreignRequests.push(url);
    });
    await page.goto(server.url);
    await page.locator('result-table tr[data-name]').first().waitFor();
  });

  afterAll(async () => {
    if (consoleErrors.length > 0) console.log('console errors:', consoleErrors);
    await browser?.close();
    await server?.close();
  });

  it('offers every preset in rules/', async () => {
    await page.locator('preset-picker [data-action="presets"]').click();
    const ids = await page.locator('preset-picker button[data-preset]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-preset') ?? ''));
    await page.locator('preset-picker [data-action="presets"]').click();
    expect([...ids].sort()).toEqual(presetIds);
    expect(presetIds.length).toBeGreaterThanOrEqual(12);
  });

  it.each(presetIds)('%s with its example input: worker answer, table, audit sheet, CSV and XLSX exports', async (id) => {
    const rule = { file: `rules/${id}.json`, text: read(`rules/${id}.json`) };
    const input = { file: `rules/examples/${id}.input.json`, text: read(`rules/examples/${id}.input.json`) };
    const node = nodeOutcome(lib, rule, input);
    if (node.stage !== 'done') throw new Error(`${id}: the library does not settle the example: ${JSON.stringify(node.issues)}`);
    const s = node.settlement;

    await pickPreset(id);
    expectSame(await lastAnswer(), node, id);
    await expectShown(s, id);

    // The audit sheet (print view, drawn while printing) names the same rule, input and engine.
    await page.emulateMedia({ media: 'print' });
    const printed = async (testid: string): Promise<string> => ((await page.locator(`print-view [data-testid=${testid}]`).textContent()) ?? '').trim();
    expect(await printed('rule-fingerprint')).toBe(s.rule.fingerprint);
    expect(await printed('input-fingerprint')).toBe(s.input.fingerprint);
    expect(await printed('engine-version')).toBe(`${s.engine.name} ${s.engine.version}`);
    await page.emulateMedia({ media: 'screen' });

    // Values with their trace, as CSV.
    const csv = (await exported('export-csv')).toString('utf8');
    expect(csv.startsWith('\ufeff'), 'the CSV starts with a byte-order mark').toBe(true);
    const [header, ...rows] = parseCsv(csv.slice(1));
    expect(header).toEqual(['名称', '标识', '数值', '公式', '类型', '输入', '精确值', '舍入', '规则位置', '行', '列']);
    expect(rows.map(withoutLabels), `${id}: values CSV`).toEqual(valueRows(s).map((r) => r.map(defused)));

    // The ledger, as CSV: ids beside the labels, the memo's Chinese half.
    const [ledgerHeader, ...ledgerRows] = parseCsv((await exported('export-ledger')).toString('utf8').slice(1));
    expect(ledgerHeader).toEqual(['付出方', '付出方标识', '收入方', '收入方标识', '金额', '数值', '数值标识', '摘要', '规则位置']);
    const ledger = s.ledger.map((t) => [t.from, t.to, t.amount, t.value, memoZh(t.memo), t.pointer]);
    expect(ledgerRows.map((r) => ids(r, [1, 3, 4, 6, 7, 8])), `${id}: ledger CSV`).toEqual(ledger.map((r) => r.map(defused)));

    // The workbook: values, checks, ledger, accounts, …, and the fingerprints on its last sheet.
    const parts = unzipSync(await exported('export-xlsx'));
    const sheets = Object.keys(parts).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p)).length;
    const sheet = (n: number): string[][] => sheetRows(strFromU8(parts[`xl/worksheets/sheet${n}.xml`] ?? new Uint8Array()));
    expect(sheet(1).slice(1).map(withoutLabels), `${id}: XLSX values`).toEqual(valueRows(s));
    const outcome = (v: string): string => (v === 'true' ? '成立' : v === 'false' ? '不成立' : v);
    expect(sheet(2).slice(1), `${id}: XLSX checks`).toEqual(s.checks.map((c) => [c.label.zh, c.ok ? '✓ 通过' : '✗ 未通过', outcome(c.expected), outcome(c.actual), c.pointer]));
    expect(sheet(3).slice(1).map((r) => ids(r, [1, 3, 4, 6, 7, 8])), `${id}: XLSX ledger`).toEqual(ledger);
    expect(sheet(4).slice(1).map(withoutLabels), `${id}: XLSX accounts`).toEqual(Object.entries(s.accounts).map(([a, b]) => [a, b.received, b.paid, b.net]));
    expect(sheet(sheets).map((r) => r[1]).slice(0, 7), `${id}: XLSX info`).toEqual([
      s.rule.title.zh,
      read(`rules/${id}.json`).match(/"version": "([^"]*)"/)?.[1] ?? '—',
      rule.file,
      s.rule.fingerprint,
      input.file,
      s.input.fingerprint,
      `${s.engine.name} ${s.engine.version}`,
    ]);
  });

  it.each(RANDOM_PRESETS)(`%s with generated inputs dropped onto the page (seed ${SEED})`, async (id) => {
    const rule = { file: `rules/${id}.json`, text: read(`rules/${id}.json`) };
    const inputs = generatedInputs(id);
    expect(inputs.length).toBe(SCALED + SAMPLED);
    await pickPreset(id);
    for (const input of inputs) {
      const node = nodeOutcome(lib, rule, { file: input.name, text: input.text });
      // The generated inputs are valid: the library settles them.
      expect(node.stage === 'done' ? [] : node.issues, `${input.name} is valid`).toEqual([]);
      await drop(input.name, input.text);
      expectSame(await lastAnswer(), node, input.name);
      if (node.stage === 'done') await expectShown(node.settlement, input.name);
    }
  });

  it('yangxi with 2,000 members, whose figures reach the page in chunks', async () => {
    const rule = { file: 'rules/yangxi.json', text: read('rules/yangxi.json') };
    const input = { file: 'yangxi-2000.input.json', text: yangxiWithMembers(root) };
    const node = nodeOutcome(lib, rule, input);
    if (node.stage !== 'done') throw new Error('the library does not settle 2,000 members');
    expect(Object.keys(node.settlement.figures).length).toBeGreaterThan(2000);
    await pickPreset('yangxi');
    await drop(input.file, input.text);
    expectSame(await lastAnswer(), node, input.file);
  });

  /**
   * A CSV case list, as an official exports it from the claims system: the example's cases with
   * the given flag columns written out. The CLI reads it with `--table cases=cases.csv` (the
   * library's `tables` option); the playground imports it into the input document in the table
   * editor. Both must settle alike.
   */
  async function expectCaseListAlike(flags: readonly ('complete' | 'halved')[]): Promise<void> {
    const rule = { file: 'rules/drg-points.json', text: read('rules/drg-points.json') };
    const example = JSON.parse(read('rules/examples/drg-points.input.json')) as Record<string, unknown> & {
      cases: ({ hospital: string; group: string; cost: string } & { complete?: boolean; halved?: boolean })[];
    };
    const columns = ['hospital', 'group', 'cost', ...flags] as const;
    const defaults = { complete: true, halved: false };
    const csv = [columns.join(','), ...example.cases.map((c) => columns.map((k) => String(c[k] ?? defaults[k as keyof typeof defaults])).join(','))].join('\r\n') + '\r\n';
    const { cases, ...withoutCases } = example;
    const node = nodeOutcome(lib, rule, { file: 'drg-points.input.json', text: JSON.stringify(withoutCases, null, 2) }, { cases: { text: csv, file: 'cases.csv' } });
    // The same cases written in the JSON input, for the library itself.
    const inJson = { ...withoutCases, cases: cases.map((c) => Object.fromEntries(Object.entries(c).filter(([k]) => (columns as readonly string[]).includes(k)))) };
    const fromJson = nodeOutcome(lib, rule, { file: 'drg-points.input.json', text: JSON.stringify(inJson, null, 2) });
    if (node.stage !== 'done' || fromJson.stage !== 'done') throw new Error(`the library does not settle the case list: ${JSON.stringify(node)}`);
    expect(node.settlement.values, 'the library: cases from CSV as in JSON').toEqual(fromJson.settlement.values);

    await pickPreset('drg-points');
    await page.locator('settle-app [role=tab][data-key="grid"]').click();
    await page.locator('input-grid select').selectOption('cases');
    const before = await answers();
    await page.locator('input-grid input[type=file]').setInputFiles({ name: 'cases.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await settled(before);
    await page.locator('settle-app [role=tab][data-key="rule"]').click();
    const answer = await lastAnswer();
    expect(answer.type, answer.message).toBe('settled');
    expect(answer.stage === 'done' ? '' : answer.body, 'the browser settles the imported case list').toBe('');
    // The input documents differ (cases in the JSON text, or in a CSV file beside it), so do the
    // input fingerprint and the input figures' pointers and positions; everything else agrees.
    const b = JSON.parse(answer.body) as Settlement;
    const s = node.settlement;
    for (const key of ['rule', 'engine', 'values', 'ledger', 'accounts', 'checks'] as const) expect(b[key], `CSV case list: ${key}`).toEqual(s[key]);
    expect(Object.keys(b.figures)).toEqual(Object.keys(s.figures));
    const traced = (f: Settlement['figures'][string] | undefined): unknown =>
      f && { name: f.name, value: f.value, kind: f.kind, source: f.source, formula: f.formula, inputs: f.inputs, exact: f.exact, rounding: f.rounding, note: f.note };
    for (const name of Object.keys(s.figures)) expect(traced(b.figures[name]), `CSV case list: figure ${name}`).toEqual(traced(s.figures[name]));
    for (const [name, f] of Object.entries(s.figures)) {
      if (f.source !== 'input') expect({ pointer: b.figures[name]?.pointer, at: b.figures[name]?.at }, `CSV case list: figure ${name}'s place`).toEqual({ pointer: f.pointer, at: f.at });
    }
    await expectShown(s, 'CSV case list');
  }

  it('drg-points with a CSV case list (hospital, group, cost) imported in the grid, as the CLI reads it with --table', async () => {
    await expectCaseListAlike([]);
  });

  // Boolean columns: the grid writes true/1/是 as JSON true, as the CLI reads the same CSV.
  it('drg-points with a CSV case list with its flag columns (complete, halved) imported in the grid', async () => {
    await expectCaseListAlike(['complete', 'halved']);
  });

  it('made no console errors and no request beyond the page’s server', () => {
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
