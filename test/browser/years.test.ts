/**
 * Several years in real Chromium: the Ningbo preset's scenario read year by year. The figures are
 * DOMAIN.md E6's, worked by hand: 151,234,567.00 × 1.10 = 166,358,023.70 for the first year's
 * employee budget; the next year's is 166,358,023.70 × 1.10 = 182,993,826.07, carried from the
 * first; the third 182,993,826.07 × 1.10 = 201,293,208.677 → 201,293,208.68.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserReady, expect, shots, startSession, type Session } from './harness.js';

describe.skipIf(!browserReady())('several years', () => {
  let session: Session;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    session = await startSession();
    ({ context, page } = await session.open({ width: 1280, height: 720 }));
    await page.locator('preset-picker [data-action="presets"]').click();
    await page.locator('preset-picker button[data-preset="ningbo"]').click();
  });

  afterAll(async () => {
    await context?.close();
    await session?.close();
  });

  it("reads Ningbo's three years: each year's budget, and what the first carries into the second", async () => {
    await page.getByRole('tab', { name: '多年度' }).click();
    const table = page.getByRole('table', { name: '各年结果' });
    const row = table.getByRole('row').filter({ hasText: 'budget.employee' }).first();
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('166,358,023.70');
    const cells = (await row.locator('td').allTextContents()).slice(1).map((c) => c.trim());
    expect(cells).toEqual(['166,358,023.70', '182,993,826.07', '201,293,208.68']);
    const carried = table.getByRole('row').filter({ hasText: 'lastYearBudget.employee' }).first();
    expect((await carried.locator('td').allTextContents()).slice(1).map((c) => c.trim())).toEqual(['—', '166,358,023.70', '182,993,826.07']);
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(expect.arrayContaining(['2024', '2025', '2026']));
  });

  it('opens a figure of a year as its sentence', async () => {
    await page.getByRole('button', { name: '2025 budget.employee' }).click();
    await expect.poll(async () => (await page.getByTestId('year-words').textContent()) ?? '').toContain('166,358,023.70 ×（1 + 10%） = 182,993,826.07（四舍五入到分）');
    await page.locator('.pane.right').screenshot({ path: `${shots}/years-ningbo.png` });
  });

  it('exports every year as CSV', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出各年 CSV' }).click();
    const text = readFileSync(await (await download).path(), 'utf8').replace(/^\ufeff/, '');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('名称,2024,2025,2026');
    expect(lines.find((l) => l.startsWith('budget.employee,'))).toBe('budget.employee,166358023.70,182993826.07,201293208.68');
  });

  it('made no page errors', () => {
    expect(session.consoleErrors).toEqual([]);
  });
});
