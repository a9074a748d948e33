/**
 * Writing a formula in the rule editor, in real Chromium: Ctrl+Space inside a formula offers the
 * functions as well as the names, each with how it is called and what it gives.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserReady, expect, root, shots, startSession, type Session } from './harness.js';

describe.skipIf(!browserReady())('formula help in the rule editor', () => {
  let session: Session;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    session = await startSession();
    ({ context, page } = await session.open({ width: 1280, height: 800 }));
  });

  afterAll(async () => {
    await context?.close();
    await session?.close();
  });

  it('offers rank with its call and meaning while a formula is typed', async () => {
    await page.getByRole('tab', { name: '规则文件' }).click();
    const editor = page.getByRole('textbox', { name: '规则编辑器' });
    await expect.poll(() => editor.count()).toBe(1);
    await editor.focus();
    // The cursor just after "perCapita" in gross's formula, by Monaco's own Go to Line (Ctrl+G).
    const lines = readFileSync(`${root}rules/yangxi.json`, 'utf8').split('\n');
    const n = lines.findIndex((l) => l.includes('"formula": "insured * perCapita"'));
    const column = (lines[n] ?? '').indexOf('perCapita"') + 'perCapita'.length + 1;
    await page.keyboard.press('Control+g');
    await page.keyboard.type(`${n + 1}:${column}`);
    await page.keyboard.press('Enter');
    await page.keyboard.type(' + ran');
    await page.keyboard.press('Control+Space');
    const option = page.getByRole('option', { name: /rank/ });
    await expect.poll(() => option.count()).toBeGreaterThan(0);
    expect(await option.first().textContent()).toContain('排名，同 Excel 的 RANK.EQ');
    await page.locator('.pane.left').screenshot({ path: `${shots}/formula-help.png` });
    await page.keyboard.press('Escape');
  });

  it('made no page errors', () => {
    expect(session.consoleErrors).toEqual([]);
  });
});
