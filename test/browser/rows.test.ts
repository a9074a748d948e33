/**
 * 逐行结果 in real Chromium, as an auditor checks Zhejiang's trimmed base points: which past
 * cases were dropped, and each case's band and points. By hand (docs/presets.md §13): of group A's
 * 2022 cases (rows 1–5) the 5,000.00 one lies outside 600–1,400 and is not kept; of B's 2023 cases
 * (rows 17–20) the 9,000.00 one outside 812.5–7,312.5; the fifth case this year, 852.00 = 0.8 ×
 * 1,065, is 中低倍率 and earns 46.3547 × (0.8 + 0.2) = 46.3547 points.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserReady, expect, shots, startSession, type Session } from './harness.js';

describe.skipIf(!browserReady())('row by row', () => {
  let session: Session;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    session = await startSession();
    ({ context, page } = await session.open({ width: 1280, height: 800 }));
    await page.locator('preset-picker [data-action="presets"]').click();
    await page.locator('preset-picker button[data-preset="zhejiang-drg"]').click();
  });

  afterAll(async () => {
    await context?.close();
    await session?.close();
  });

  const cellsOf = async (table: ReturnType<Page['getByRole']>, n: number): Promise<string[]> =>
    (await table.getByRole('row').nth(n).locator('td').allTextContents()).map((c) => c.trim());

  it('shows which past cases were kept within their fences', async () => {
    await page.getByRole('tab', { name: '逐行结果' }).click();
    await page.getByLabel('表').selectOption({ label: '前三年出院病例 (history)' });
    const table = page.getByRole('table', { name: '前三年出院病例' });
    await expect.poll(async () => table.getByRole('row').count()).toBe(25); // the header and 24 cases
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('病例在本病组当年的界限之内（计入）')]));
    expect(await cellsOf(table, 5)).toEqual(['5', 'A', '2022', '5,000.00', '否']);
    expect(await cellsOf(table, 4)).toEqual(['4', 'A', '2022', '1,100.00', '是']);
    const rows = await Promise.all(Array.from({ length: 24 }, (_, i) => cellsOf(table, i + 1)));
    expect(rows.filter((r) => r[4] === '否').map((r) => r.join(' '))).toEqual(['5 A 2022 5,000.00 否', '20 B 2023 9,000.00 否']);
  });

  it("gives each case this year its band and points", async () => {
    await page.getByLabel('表').selectOption({ label: '本年出院病例 (cases)' });
    const table = page.getByRole('table', { name: '本年出院病例' });
    await expect.poll(async () => table.getByRole('row').count()).toBe(7);
    const fifth = await cellsOf(table, 5);
    expect([fifth[0], fifth[1], fifth[2], fifth[3], fifth[4], fifth[5], fifth[6]]).toEqual(['5', 'H2', 'A', '852.00', '0.8', '中低倍率', '46.3547']);
    expect((await cellsOf(table, 6)).slice(5)).toEqual(['低倍率', '61.45812']);
    await page.locator('.pane.right').screenshot({ path: `${shots}/rows-zhejiang.png` });
  });

  it('downloads the table as CSV for Excel', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载本表 CSV' }).click();
    const text = readFileSync(await (await download).path(), 'utf8').replace(/^\ufeff/, '');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('医院编号 (hospital),病组编码 (group),病例医疗总费用（元） (cost),费用倍率 = 病例费用 ÷ 病组例均费用 (ratio),病例类别 (band),病例点数 (points)');
    expect(lines[5]).toBe('H2,A,852.00,0.8,中低倍率,46.3547');
  });

  it("lists in the trace the rows a group's yearly mean took in", async () => {
    await page.getByRole('tab', { name: '结算结果' }).click();
    const results = page.getByRole('table', { name: '结算结果' });
    await results.getByRole('row').filter({ hasText: 'groupMean1.A' }).first().getByRole('button').first().click();
    await expect.poll(async () => (await page.getByTestId('trace-rows-taken').first().textContent()) ?? '').toContain('4 / 24');
    expect(await page.getByTestId('trace-rows-taken').first().textContent()).toContain('1–4');
  });

  it('made no page errors', () => {
    expect(session.consoleErrors).toEqual([]);
  });
});
