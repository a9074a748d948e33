/**
 * The playground on the screens people use, in real headless Chromium: a 390×844 phone (panes
 * stacked, results first, nothing wider than the screen), 1280×720 with the keyboard (Tab
 * reaches every pane and leaves the editor again), a JSON slip in the editor explained in
 * Chinese with where to fix it, and Monaco's own menu in Chinese. Controls are found by their
 * visible labels; screenshots go to test/browser/screenshots.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { answers, browserReady, expect, type Session, settled, shots, startSession } from './harness.js';

const ready = browserReady();

/** The label of the page region (pane, header, footer) that holds the focused element. */
async function focusedRegion(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    for (let node: Node | null = el; node; node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null)) {
      if (node instanceof HTMLElement) {
        if (node.matches('section.pane')) return node.getAttribute('aria-label') ?? '';
        if (node.matches('header, footer')) return node.tagName.toLowerCase();
      }
    }
    return el === document.body || el === null ? 'body' : 'elsewhere';
  });
}

describe.skipIf(!ready)('the screens people use', () => {
  let session: Session;

  beforeAll(async () => {
    session = await startSession();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('a 390×844 phone shows the results first, without scrolling sideways', async () => {
    const { context, page } = await session.open({ width: 390, height: 844 });
    const results = page.getByRole('table', { name: '结算结果' });
    // gross = r2(400,000 × 980.00) = 392,000,000.00 (PRESETS.md yangxi), on the first screen.
    const gross = results.getByRole('row').filter({ hasText: '按人头计算的基金总额' });
    await expect.poll(() => gross.innerText()).toContain('392,000,000.00');
    const box = await gross.boundingBox();
    expect(box && box.y + box.height).toBeLessThan(844);
    expect(box && box.x + box.width).toBeLessThanOrEqual(390);
    const layout = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      results: document.querySelector('section.pane.right')?.getBoundingClientRect().top ?? -1,
      editor: document.querySelector('section.pane.left')?.getBoundingClientRect().top ?? -1,
    }));
    expect(layout.page).toBeLessThanOrEqual(390);
    expect(layout.results).toBeLessThan(layout.editor);
    await page.screenshot({ path: `${shots}/phone-390.png` });
    // The other views fit too.
    await page.getByRole('tab', { name: '台账与校验' }).click();
    await page.getByText('资金台账平衡：各账户（收入 − 付出）之和为 0').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${shots}/phone-390-ledger.png` });
    await context.close();
  });

  it('at 1280×720 Tab reaches every pane and leaves the editor again', async () => {
    const { context, page } = await session.open({ width: 1280, height: 720 });
    await page.getByRole('textbox', { name: /规则编辑器/ }).waitFor({ state: 'attached' });
    const visited: string[] = [];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const region = await focusedRegion(page);
      if (visited[visited.length - 1] !== region) visited.push(region);
    }
    // header → editing pane (tabs, the editor, problems) → results pane → footer, and on round.
    expect(visited).toEqual(expect.arrayContaining(['header', '编辑区', '结算结果区']));
    const editor = visited.indexOf('编辑区');
    expect(visited.slice(editor + 1)).toContain('结算结果区');
    // In the editor, Tab moves on rather than typing a tab.
    await page.getByRole('textbox', { name: /规则编辑器/ }).focus();
    const before = await page.evaluate(() => (document.querySelector('settle-app') as Element & { ruleText: string }).ruleText);
    await page.keyboard.press('Tab');
    expect(await focusedRegion(page)).not.toBe('elsewhere');
    expect(await page.evaluate(() => (document.querySelector('settle-app') as Element & { ruleText: string }).ruleText)).toBe(before);
    await context.close();
  });

  it('explains a JSON slip in Chinese with where to fix it, and Monaco speaks Chinese', async () => {
    const { context, page } = await session.open({ width: 1280, height: 720 });
    const editor = page.getByRole('textbox', { name: /规则编辑器/ });
    await editor.waitFor({ state: 'attached' });
    // Line 4 of rules/yangxi.json is `  "id": "yangxi",`: delete its comma.
    const text = await page.evaluate(() => (document.querySelector('settle-app') as Element & { ruleText: string }).ruleText);
    expect(text.split('\n')[3]).toBe('  "id": "yangxi",');
    await page.locator('rule-editor .view-lines').click();
    await page.keyboard.press('Control+G');
    await page.keyboard.type('4:19');
    await page.keyboard.press('Enter');
    const before = await answers(page);
    await page.keyboard.press('Backspace');
    await settled(page, before);
    const problem = page.getByRole('list', { name: '问题' }).getByRole('button');
    await expect.poll(() => problem.first().innerText()).toContain('json_syntax');
    expect(await problem.first().innerText()).toContain('JSON 格式错误，第 4 行末尾缺少逗号');
    // The marker's hover in the editor says the same (the problem puts the cursor on it; Ctrl+K Ctrl+I shows the hover).
    await problem.first().click();
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover').filter({ hasText: '缺少逗号' });
    await hover.first().waitFor();
    await page.screenshot({ path: `${shots}/json-error-zh.png` });
    // Monaco's own context menu in Chinese.
    await page.locator('rule-editor .view-lines').click({ button: 'right', position: { x: 120, y: 120 } });
    const menu = page.locator('.monaco-menu');
    await expect.poll(() => menu.innerText()).toContain('命令面板');
    expect(await menu.innerText()).toContain('复制');
    await page.keyboard.press('Escape');
    await context.close();
  });

  it('made no console errors and no request beyond 127.0.0.1', () => {
    expect(session.consoleErrors).toEqual([]);
    expect(session.foreignRequests).toEqual([]);
  });
});
