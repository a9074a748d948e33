/**
 * Entering a year as from Excel, in real Chromium: 20 members pasted with their Chinese header,
 * amounts with thousands separators and levels as 县级 / 镇级; the settled spending checked
 * against a sum worked out here in fen; a deleted row taken back with Ctrl+Z; a badly grouped
 * amount shown on its own cell.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { answers, browserReady, expect, settled, shots, startSession, type Session } from './harness.js';

/** 20 members: five county-level, fifteen town-level; amounts 1,000,000.00 + i × 12,345.67. */
const MEMBERS = Array.from({ length: 20 }, (_, i) => ({
  id: `m${String(i + 1).padStart(2, '0')}`,
  level: i < 5 ? '县级' : '镇级',
  fen: 100_000_000n + BigInt(i) * 1_234_567n,
  weight: i + 1,
}));
const grouped = (fen: bigint): string => `${(fen / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(fen % 100n).padStart(2, '0')}`;
const TSV = ['编号\t层级\t医保基金支出\t分配权重', ...MEMBERS.map((m) => `${m.id}\t${m.level}\t${grouped(m.fen)}\t${m.weight}`)].join('\n');
// The example's out-of-county spending, 112,000,000.00, is added to the members' spending.
const SPENDING = grouped(MEMBERS.reduce((s, m) => s + m.fen, 0n) + 11_200_000_000n);

describe.skipIf(!browserReady())('data entry as in Excel', () => {
  let session: Session;
  let context: BrowserContext;
  let page: Page;

  const spendingShown = async (): Promise<string> => ((await page.getByRole('table', { name: '结算结果' }).getByRole('row').filter({ hasText: 'spending' }).first().locator('td').last().textContent()) ?? '').trim();
  const gridRows = (): Promise<number> => page.locator('input-grid tbody tr').count();

  beforeAll(async () => {
    session = await startSession();
    ({ context, page } = await session.open({ width: 1280, height: 720 }));
    await page.getByRole('tab', { name: '表格编辑' }).click();
  });

  afterAll(async () => {
    await context?.close();
    await session?.close();
  });

  it('shows the declared labels as column headers', async () => {
    const headers = await page.locator('input-grid thead th').allTextContents();
    expect(headers.join(' ')).toContain('医保基金支出');
    expect(headers.join(' ')).toContain('分配权重');
  });

  it('pastes 20 rows with a Chinese header, 1,234,567.89 amounts and 县级/镇级: the spending adds up to the fen', async () => {
    const before = await answers(page);
    await page.getByLabel('members[1].id').evaluate((input, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, composed: true, cancelable: true }));
    }, TSV);
    await settled(page, before);
    await expect.poll(gridRows).toBe(20);
    await expect.poll(spendingShown).toBe(SPENDING);
    // Levels are stored as the engine's values and shown as the rule file's labels.
    expect(await page.getByLabel('members[1].level').inputValue()).toBe('县级');
    expect(await page.getByLabel('members[20].level').inputValue()).toBe('镇级');
    await page.locator('.pane.left').screenshot({ path: `${shots}/data-entry.png` });
  });

  it('takes back a deleted row with Ctrl+Z, and brings the deletion back with Ctrl+Y', async () => {
    await page.getByRole('button', { name: '删除这一行 3' }).click();
    await expect.poll(gridRows).toBe(19);
    await page.getByLabel('members[1].id').focus();
    await page.keyboard.press('Control+Z');
    await expect.poll(gridRows).toBe(20);
    await expect.poll(() => page.getByLabel('members[3].id').inputValue()).toBe('m03');
    await page.keyboard.press('Control+Y');
    await expect.poll(gridRows).toBe(19);
    await page.getByRole('button', { name: '撤销' }).click();
    await expect.poll(gridRows).toBe(20);
    await expect.poll(spendingShown).toBe(SPENDING);
  });

  it('shows amounts with separators, and takes the single inputs in a form above the table', async () => {
    expect(await page.getByLabel('members[1].spending').inputValue()).toBe('1,000,000.00');
    const insured = page.getByLabel('参保人数');
    expect(await insured.inputValue()).toBe('400,000');
    const before = await answers(page);
    await insured.fill('410,000');
    await insured.press('Tab');
    await settled(page, before);
    // 410,000 insured × 980.00 per head = 401,800,000.00.
    const gross = page.getByRole('table', { name: '结算结果' }).getByRole('row').filter({ hasText: 'gross' }).first().locator('td').last();
    await expect.poll(async () => ((await gross.textContent()) ?? '').trim()).toBe('401,800,000.00');
    await page.locator('.pane.left').screenshot({ path: `${shots}/data-entry-form.png` });
  });

  it('shows an amount grouped wrongly (1,23,4) on its own cell', async () => {
    const cell = page.getByLabel('members[2].spending');
    const before = await answers(page);
    await cell.fill('1,23,4');
    await cell.press('Tab');
    await settled(page, before);
    await expect.poll(() => cell.getAttribute('aria-invalid')).toBe('true');
    expect(await cell.getAttribute('title')).not.toBe('');
  });

  it('imports a CSV saved by Chinese Excel (GB18030) and says how it was read', async () => {
    // 编号,层级,医保基金支出,分配权重 and 县级 / 镇级 in GB18030 (checked below with the decoder).
    const gb = (hex: string): number[] => hex.match(/../g)?.map((h) => Number.parseInt(h, 16)) ?? [];
    const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));
    const header = [...gb('B1E0BAC5'), 0x2c, ...gb('B2E3BCB6'), 0x2c, ...gb('D2BDB1A3BBF9BDF0D6A7B3F6'), 0x2c, ...gb('B7D6C5E4C8A8D6D8'), 0x0a];
    const row = (id: string, level: string, amount: string, weight: string): number[] => [...ascii(`${id},`), ...gb(level), ...ascii(`,"${amount}",${weight}\n`)];
    const bytes = [...header, ...row('c1', 'CFD8BCB6', '2,000,000.00', '3'), ...row('t1', 'D5F2BCB6', '1,500,000.50', '2'), ...row('t2', 'D5F2BCB6', '999.99', '1')];
    expect(new TextDecoder('gb18030').decode(new Uint8Array(bytes)).split('\n')[0]).toBe('编号,层级,医保基金支出,分配权重');
    const before = await answers(page);
    await page.locator('input-grid input[type=file]').setInputFiles({ name: '成员单位.csv', mimeType: 'text/csv', buffer: Buffer.from(bytes) });
    await settled(page, before);
    await expect.poll(gridRows).toBe(3);
    expect(await page.getByLabel('members[2].spending').inputValue()).toBe('1,500,000.50');
    expect(await page.locator('.notice').textContent()).toContain('GB18030');
    // 2,000,000.00 + 1,500,000.50 + 999.99 + the out-of-county 112,000,000.00.
    await expect.poll(spendingShown).toBe('115,501,000.49');
  });

  it('made no page errors', () => {
    expect(session.consoleErrors).toEqual([]);
  });
});
