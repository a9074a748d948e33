/**
 * The playground's defences against what others send, in their pure parts (the Chromium tests
 * in test/browser/officials.test.ts show what a person reads): CSV export against formula
 * injection (OWASP), share links capped and inflated as a stream, XLSX read within bounds and
 * without DTDs. Node 20 has the same CompressionStream/DecompressionStream as the browser.
 */
import { deflateRawSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../playground/src/export.js';
import { encodeState, LINK_LIMIT, readSharedState, type SharedState } from '../../playground/src/url-state.js';
import { readXlsx, XLSX_LIMITS } from '../../playground/src/xlsx.js';

describe('CSV export: OWASP CSV injection', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+1', "'+1"],
    ['-2+3+cmd|\' /C calc\'!A0', "'-2+3+cmd|' /C calc'!A0"],
    ['-balance', "'-balance"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1', "\"'\t=1\""],
    ['\r=1', "\"'\r=1\""],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
  ])('%j is written %j (text, never a formula)', (cell, written) => {
    expect(csvField(cell)).toBe(written);
  });

  it.each(['-1234.56', '-3', '0.00', '342216000.00'])('the plain decimal %j stays a number', (n) => {
    expect(csvField(n)).toBe(n);
  });

  it('separators of any locale are quoted: a comma or a semicolon cannot start a new cell', () => {
    expect(csvField('a;=1+1')).toBe('"a;=1+1"');
    expect(toCsv([['x,y', '1'], ['-1.5', '=2']])).toBe('"x,y",1\r\n-1.5,\'=2\r\n');
  });
});

const state: SharedState = {
  rule: { file: 'rules/yangxi.json', text: '{"a":1}' },
  input: { file: 'input.json', text: '{}' },
  figure: undefined,
  locale: 'zh',
  view: 'values',
  preset: 'yangxi',
};

const toBase64Url = (b: Uint8Array): string => Buffer.from(b).toString('base64url');

describe('share links: capped, inflated as a stream', () => {
  it('a state round-trips through its link', async () => {
    const hash = await encodeState(state);
    expect(hash).toMatch(/^#s=/);
    expect(await readSharedState(hash ?? '')).toEqual({ ok: true, state });
  });

  it('a link that inflates beyond the cap (a deflate bomb) is too_large, and is refused fast', async () => {
    // 64 MB of spaces deflate to about 64 kB: a link one can paste, that would fill the tab's memory.
    const bomb = deflateRawSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 });
    expect(bomb.length).toBeLessThan(LINK_LIMIT);
    const t0 = performance.now();
    expect(await readSharedState(`#s=${toBase64Url(bomb)}`)).toEqual({ ok: false, problem: 'too_large' });
    // Not asserted as a speed: only that it stopped far before inflating all 64 MB would matter.
    expect(performance.now() - t0).toBeLessThan(30_000);
  });

  it('a link longer than the cap is too_large before it is decoded at all', async () => {
    expect(await readSharedState(`#s=${'A'.repeat(Math.ceil((LINK_LIMIT * 4) / 3) + 1)}`)).toEqual({ ok: false, problem: 'too_large' });
  });

  it.each([
    ['not base64 deflate', '#s=%%%'],
    ['not JSON', `#s=${toBase64Url(deflateRawSync(Buffer.from('not json')))}`],
    ['JSON of another shape', `#s=${toBase64Url(deflateRawSync(Buffer.from('{"v":1,"r":5}')))}`],
    ['null', `#s=${toBase64Url(deflateRawSync(Buffer.from('null')))}`],
  ])('%s is damaged', async (_, hash) => {
    expect(await readSharedState(hash)).toEqual({ ok: false, problem: 'damaged' });
  });

  it('a state above the cap is not put in a link', async () => {
    const big = { ...state, input: { file: 'input.json', text: 'x'.repeat(LINK_LIMIT + 1) } };
    expect(await encodeState(big)).toBeUndefined();
  });

  it('another hash is no share link', async () => {
    expect(await readSharedState('#top')).toBeUndefined();
  });
});

describe('XLSX import: bounded unzip, no DTDs', () => {
  const workbook = (sheet: Uint8Array, extra: Record<string, Uint8Array> = {}): Uint8Array =>
    zipSync({ 'xl/workbook.xml': strToU8('<workbook><sheets><sheet r:id="rId1"/></sheets></workbook>'), 'xl/worksheets/sheet1.xml': sheet, ...extra }, { level: 9 });

  it('a part that inflates 1000× (a zip bomb) is xlsx_ratio, with the part and the ratio', () => {
    const r = readXlsx(workbook(new Uint8Array(20 * 1024 * 1024).fill(0x3c)));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem).toMatchObject({ code: 'xlsx_ratio', entry: 'xl/worksheets/sheet1.xml', limit: XLSX_LIMITS.ratio });
    expect(r.problem.code === 'xlsx_ratio' && r.problem.ratio).toBeGreaterThan(1000);
  });

  it('more entries than the limit is xlsx_too_many_entries', () => {
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i <= XLSX_LIMITS.entries; i++) many[`xl/media/${i}.bin`] = new Uint8Array(0);
    const r = readXlsx(zipSync(many, { level: 0 }));
    expect(!r.ok && r.problem).toMatchObject({ code: 'xlsx_too_many_entries', limit: XLSX_LIMITS.entries });
  });

  it('a part declaring a DOCTYPE or ENTITY is refused before any XML parser sees it', () => {
    // Node has no DOMParser: reaching the parser would throw, so this also shows it is never reached.
    const xxe = strToU8('<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]><sst><si><t>&x;</t></si></sst>');
    const r = readXlsx(workbook(strToU8('<worksheet/>'), { 'xl/sharedStrings.xml': xxe }));
    expect(r).toEqual({ ok: false, problem: { code: 'xlsx_doctype', entry: 'xl/sharedStrings.xml' } });
  });

  it('bytes that are not a zip are xlsx_not_zip', () => {
    expect(readXlsx(strToU8('id,level\n1,county\n'))).toEqual({ ok: false, problem: { code: 'xlsx_not_zip' } });
  });
});
