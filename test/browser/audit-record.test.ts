/**
 * The record an auditor files, in real headless Chromium: the workbook exported and parsed
 * (Chinese headers and labels, money as two-decimal number cells with the #,##0.00 format), the
 * results CSV, and the audit sheet printed to PDF (page.pdf) and read back with pdftotext:
 * parameters, input data, results, checks in Chinese, the change list against a pinned baseline,
 * the SHA-256 fingerprints (computed here with node:crypto), page numbers and signature lines.
 * Controls are found by their visible labels. Expected figures are derived by hand from
 * shared/PRESETS.md's yangxi formulas and shared/DOMAIN.md E1.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Page } from 'playwright-core';
import { browserReady, dropFile, expect, root, type Session, shots, startSession } from './harness.js';
import { readWorkbook, values, type XlsxSheet } from './xlsx-reader.js';

const ready = browserReady();
const pdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
if (ready && !pdftotext && process.env['CI'] !== undefined) throw new Error('the PDF test needs pdftotext (Debian poppler-utils); .ci/run installs it');

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const yangxiRule = readFileSync(`${root}rules/yangxi.json`, 'utf8');
const yangxiInput = readFileSync(`${root}rules/examples/yangxi.input.json`, 'utf8');

/** The sheet named `name`. */
function sheet(sheets: readonly XlsxSheet[], name: string): XlsxSheet {
  const found = sheets.find((s) => s.name === name);
  if (!found) throw new Error(`no sheet ${name} in ${sheets.map((s) => s.name).join(', ')}`);
  return found;
}

/** The row of `rows` whose column `column` is `key`. */
function rowWith(rows: readonly (readonly string[])[], column: number, key: string): readonly string[] {
  const row = rows.find((r) => r[column] === key);
  if (!row) throw new Error(`no row with ${key}`);
  return row;
}

async function download(page: Page, menu: string, item: string): Promise<string> {
  await page.getByText(menu, { exact: true }).click();
  const waiting = page.waitForEvent('download');
  await page.getByRole('button', { name: item }).click();
  return (await (await waiting).path()) ?? '';
}

describe.skipIf(!ready)('the audit record: workbook, CSV and PDF', () => {
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    session = await startSession();
    ({ page } = await session.open({ width: 1280, height: 720 }));
  });

  afterAll(async () => {
    await session?.close();
  });

  it('exports a workbook with Chinese headers and labels, and money as two-decimal numbers', async () => {
    const { sheets, formats } = readWorkbook(readFileSync(await download(page, '导出', 'Excel 工作簿（XLSX）')));
    expect(sheets.map((s) => s.name)).toEqual(['结算结果', '守恒校验', '资金台账', '账户余额', '参数', '输入数据：单项数值', '输入数据：成员单位（11 行）', '信息']);

    const results = sheet(sheets, '结算结果');
    const rows = values(results);
    expect(rows[0]?.slice(0, 5)).toEqual(['名称', '标识', '数值', '公式', '类型']);
    // countyPool = split(surplus 22,860,028.80, [6, 4])[1] = 13,716,017.28 (DOMAIN.md E1).
    expect(rowWith(rows, 1, 'countyPool').slice(0, 3)).toEqual(['县级结余', 'countyPool', '13716017.28']);
    // overspend = max(−balance, 0) = 0: still two decimals.
    expect(rowWith(rows, 1, 'overspend')[2]).toBe('0.00');
    // Every money cell: a number cell with two decimals in a style whose format is #,##0.00 (id 4).
    const money = results.rows.slice(1).filter((r) => r[4]?.value === '金额').map((r) => r[2]);
    expect(money.length).toBeGreaterThan(20);
    for (const cell of money) {
      expect(cell?.type).toBe('number');
      expect(cell?.value).toMatch(/^-?\d+\.\d\d$/);
      expect(formats[cell?.style ?? 0]).toBe('4');
    }

    // Checks in Chinese, their amounts with two decimals.
    const checks = values(sheet(sheets, '守恒校验'));
    expect(checks[0]).toEqual(['核对项', '结果', '应为', '实为', '规则位置']);
    expect(rowWith(checks, 0, '结余按县镇 6:4 分配：各部分之和等于结余').slice(1, 4)).toEqual(['✓ 通过', '22860028.80', '22860028.80']);
    expect(rowWith(checks, 0, '结余与超支不同时出现').slice(1, 4)).toEqual(['✓ 通过', '成立', '成立']);

    // Parameters as people read them: rates in %, published or assumed.
    const parameters = values(sheet(sheets, '参数'));
    expect(rowWith(parameters, 1, 'adjustmentRate').slice(2, 4)).toEqual(['2%', '公开发布']);
    expect(rowWith(parameters, 1, 'financeRatio').slice(2, 4)).toEqual(['1', '假设']);

    // The input data: single values and the members table with the rule file's column labels.
    expect(rowWith(values(sheet(sheets, '输入数据：单项数值')), 1, 'perCapita')).toEqual(['人均筹资标准（元）', 'perCapita', '980.00']);
    const members = values(sheet(sheets, '输入数据：成员单位（11 行）'));
    expect(members[0]).toEqual(['行', '编号', '层级（county 县级 / town 镇级）', '医保基金支出', '分配权重']);
    expect(members[4]).toEqual(['4', 'town-1', 'town', '8600000.00', '1830']);

    // The ledger names accounts by their labels; the info sheet carries the fingerprints.
    const ledger = values(sheet(sheets, '资金台账'));
    expect(ledger[0]).toEqual(['付出方', '付出方标识', '收入方', '收入方标识', '金额', '数值', '数值标识', '摘要', '规则位置']);
    expect(rowWith(ledger, 6, 'countyPool').slice(0, 6)).toEqual(['医共体总医院', 'community', '县级结余池', 'county', '13716017.28', '县级结余']);
    const info = values(sheet(sheets, '信息'));
    expect(rowWith(info, 0, '规则文件指纹 (SHA-256)')[1]).toBe(sha256(yangxiRule));
    expect(rowWith(info, 0, '输入指纹 (SHA-256)')[1]).toBe(sha256(yangxiInput));
    expect(rowWith(info, 0, '规则版本（执行年度）')[1]).toBe('2019');
  });

  it('exports the results as CSV with Chinese headers and two-decimal money', async () => {
    const csv = readFileSync(await download(page, '导出', '结果与追溯 CSV'), 'utf8').replace(/^\ufeff/, '');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('名称,标识,数值,公式,类型,输入,精确值,舍入,规则位置,行,列');
    expect(lines.find((l) => l.startsWith('调节金,adjustmentFund,'))).toMatch(/^调节金,adjustmentFund,7604800\.00,net \* adjustmentRate,金额,"net=380240000\.00; adjustmentRate=0\.02",,HALF_UP 2,\/steps\/2,\d+,\d+$/);
    expect(lines.find((l) => l.includes(',overspend,'))).toContain(',0.00,');
  });

  it('prints the audit sheet to PDF: parameters, inputs, results, checks, changes, fingerprints, pages and signatures', async ({ skip }) => {
    if (!pdftotext) skip();
    // Pin the preset as the baseline, then open a version with the surplus split 7:3.
    await page.getByRole('tab', { name: '方案对比' }).click();
    await page.getByRole('button', { name: '把当前规则固定为基准' }).click();
    const changed = yangxiRule
      .replace(/("countyRatio": \{[^}]*"value": )"6"/, '$1"7"')
      .replace(/("townRatio": \{[^}]*"value": )"4"/, '$1"3"');
    expect(changed).not.toBe(yangxiRule);
    await dropFile(page, 'yangxi-7-3.json', changed);
    await page.emulateMedia({ media: 'print' });
    await page.getByText('负责人：').waitFor();
    await page.screenshot({ path: `${shots}/print-preview.png` });
    const pdf = `${tmpdir()}/yibao-audit-${process.pid}.pdf`;
    await page.pdf({ path: pdf, format: 'A4' });
    await page.emulateMedia({ media: 'screen' });
    // pdftotext lays CJK out without the spaces between words: compare without whitespace.
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, '');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThan(1);
    for (let n = 1; n <= pages; n++) expect(flat).toContain(`第${n}页共${pages}页`);
    expect(flat).toContain('规则版本（执行年度）2019');
    expect(text).toContain(sha256(changed));
    expect(text).toContain(sha256(yangxiInput));
    // Parameters with their provenance; the input data; the results (7:3 of 22,860,028.80).
    expect(flat).toContain('调节金比例（以扣除政策性支出后的总额为基数）adjustmentRate2%公开发布');
    expect(flat).toContain('储备金不足部分：财政份额（假设）financeRatio1假设');
    expect(flat).toContain('人均筹资标准（元）perCapita980.00');
    expect(flat).toContain('输入数据：成员单位（11行）');
    expect(flat).toContain('town-1town8,600,000.001830');
    expect(flat).toContain('县级结余countyPool16,002,020.16');
    expect(flat).toContain('镇级结余townPool6,858,008.64');
    // Checks in Chinese; the change list against the pinned baseline.
    expect(flat).toContain('资金台账平衡：各账户（收入−付出）之和为0✓通过0.000.00');
    expect(flat).toContain('相对基准的变更');
    expect(flat).toContain('参数结余分配：县级份额countyRatio67');
    expect(flat).toContain('参数结余分配：镇级份额townRatio43');
    for (const line of ['制表：', '审核：', '负责人：', '日期：']) expect(flat).toContain(line);
    // The first and last pages as pictures, for the docs.
    for (const n of [1, pages]) {
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(n), '-l', String(n), '-singlefile', pdf, `${shots}/audit-sheet-${n === 1 ? 'first' : 'last'}-page`]);
    }
  });

  it('made no console errors and no request beyond 127.0.0.1', () => {
    expect(session.consoleErrors).toEqual([]);
    expect(session.foreignRequests).toEqual([]);
  });
});
