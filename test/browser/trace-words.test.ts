/**
 * The trace in the auditor's words, in real Chromium: a town member's share opened from the
 * results table reads as the filled-in formula, with the rounding and the leftover fen in words.
 * Expected numbers are DOMAIN.md E1's: the town pool is 4/10 of the surplus 22,860,028.80 =
 * 9,144,011.52; town-1's weight 1,830 of the towns' 9,000 gives 1,859,282.3424, cut to the fen.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { browserReady, expect, root, shots, startSession, type Session } from './harness.js';

describe.skipIf(!browserReady())('the trace in words', () => {
  let session: Session;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    session = await startSession();
    ({ context, page } = await session.open({ width: 1280, height: 720 }));
  });

  afterAll(async () => {
    await context?.close();
    await session?.close();
  });

  it("reads share.town-1 as 镇级结余 9,144,011.52 × 1,830 ÷ 9,000 = 1,859,282.3424 → 1,859,282.34", async () => {
    const results = page.getByRole('table', { name: '结算结果' });
    await results.getByRole('row').filter({ hasText: 'town-1' }).first().getByRole('button').first().click();
    const words = page.getByText('镇级结余 9,144,011.52 × 1,830 ÷ 9,000 = 1,859,282.3424 → 1,859,282.34');
    await expect.poll(() => words.isVisible()).toBe(true);
    expect(await words.textContent()).toContain('按分向下取整为 1,859,282.34，余数 0.24 分较小，未得尾差；最大余额法');
    await page.locator('.pane.right').screenshot({ path: `${shots}/trace-words.png` });
  });

  it('follows an input to its own sentence, and says a rate as a percentage', async () => {
    await page.getByRole('button', { name: /townPool/ }).first().click();
    await expect.poll(() => page.getByText('镇级结余 = 结余 22,860,028.80 × 4 ÷ 10 = 9,144,011.52（恰好分尽）').isVisible()).toBe(true);
    const results = page.getByRole('table', { name: '结算结果' });
    await results.getByRole('row').filter({ hasText: 'adjustmentFund' }).first().getByRole('button').first().click();
    await expect.poll(() => page.getByText('380,240,000.00 × 2% = 7,604,800.00（四舍五入到分）').isVisible()).toBe(true);
  });

  it("opens the rows a sum adds up, with the subtotal they make", async () => {
    const input = JSON.parse(readFileSync(`${root}rules/examples/yangxi.input.json`, 'utf8')) as { members: { id: string; spending: string }[] };
    const fen = input.members.reduce((s, m) => s + BigInt(m.spending.replace('.', '')), 0n);
    const subtotal = `${(fen / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(fen % 100n).padStart(2, '0')}`;
    const results = page.getByRole('table', { name: '结算结果' });
    await results.getByRole('row').filter({ hasText: 'spending' }).first().getByRole('button').first().click();
    const rows = page.getByRole('table', { name: /参与合计的行：/ });
    await expect.poll(() => rows.getByRole('row').count()).toBe(input.members.length);
    expect(await page.locator('trace-panel section.rows h3').textContent()).toContain(`合计 ${subtotal}`);
    expect(await rows.getByRole('row').filter({ hasText: 'town-1' }).textContent()).toContain('8,600,000.00');
  });

  it('goes from a parameter in the trace to its field in 参数设置', async () => {
    const results = page.getByRole('table', { name: '结算结果' });
    await results.getByRole('row').filter({ hasText: 'adjustmentFund' }).first().getByRole('button').first().click();
    await page.getByRole('button', { name: /adjustmentRate/ }).first().click();
    await page.getByRole('button', { name: '在参数设置中修改' }).click();
    await expect.poll(() => page.getByRole('tab', { name: '参数设置' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.evaluate(() => {
      const panel = document.querySelector('settle-app')?.shadowRoot?.querySelector('parameter-panel') ?? document.querySelector('parameter-panel');
      return panel?.shadowRoot?.activeElement?.closest('li')?.getAttribute('data-name') ?? null;
    })).toBe('adjustmentRate');
  });

  it("goes from a member's share to its row in 表格编辑, and from an input to its field", async () => {
    const results = page.getByRole('table', { name: '结算结果' });
    await results.getByRole('row').filter({ hasText: 'share.town-3' }).first().getByRole('button').first().click();
    await page.getByRole('button', { name: '在表格中查看这一行： town-3' }).click();
    await expect.poll(() => page.getByRole('tab', { name: '表格编辑' }).getAttribute('aria-selected')).toBe('true');
    // town-3 is the sixth member of the example input.
    await expect.poll(() => page.evaluate(() => document.querySelector('settle-app')?.shadowRoot?.querySelector('input-grid')?.shadowRoot?.activeElement?.getAttribute('aria-label') ?? document.querySelector('input-grid')?.shadowRoot?.activeElement?.getAttribute('aria-label') ?? null)).toBe('members[6].id');
    await results.getByRole('row').filter({ hasText: 'gross' }).first().getByRole('button').first().click();
    await page.getByRole('button', { name: /insured/ }).first().click();
    await page.getByRole('button', { name: '在表格编辑中查看' }).click();
    await expect.poll(() => page.getByLabel('参保人数').evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
  });

  it('made no page errors', () => {
    expect(session.consoleErrors).toEqual([]);
  });
});
