/**
 * The built playground in real headless Chromium (Debian's /usr/bin/chromium through
 * playwright-core). It builds nothing: run `npm run build:playground` first (`npm run
 * test:browser` expects playground-dist/). The page is served from 127.0.0.1 by a tiny static
 * server; every request the page makes is checked to stay there, and every console error fails.
 *
 * The tests run in order on one page, as an official and an auditor would use it: pick yangxi,
 * edit a parameter, break and mend a formula, follow a figure's trace, export, share, compare.
 * Expected figures are derived by hand from shared/PRESETS.md's yangxi formulas and the example
 * input rules/examples/yangxi.input.json (derivations in the comments).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { chromiumOptions, serveDirectory } from './static-server.mjs';
import { answers as workerAnswers, expect, settled as workerSettled, watchPage } from './harness.js';


const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = `${root}playground-dist`;
const shots = `${root}test/browser/screenshots`;
const built = existsSync(`${dist}/index.html`);
const browserThere = existsSync(chromiumOptions.executablePath);
if ((!built || !browserThere) && process.env['CI'] !== undefined) {
  throw new Error(`browser tests need ${built ? chromiumOptions.executablePath : 'playground-dist/ (npm run build:playground)'}`);
}
if (!built || !browserThere) {
  console.warn(`skipping the playground tests: ${built ? 'no Chromium at ' + chromiumOptions.executablePath : 'run npm run build:playground first'}`);
}

describe.skipIf(!built || !browserThere)('playground in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let server: { url: string; close: () => Promise<void> };
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];

  const watch = (p: Page): void => watchPage(p, server.url, consoleErrors, foreignRequests);

  /** Number of worker answers so far (the status element counts them). */
  const answers = (p: Page = page): Promise<number> => workerAnswers(p);

  /** Waits until the worker has answered after `before` and nothing is pending. */
  const settled = (before: number, p: Page = page): Promise<void> => workerSettled(p, before);

  async function value(name: string, p: Page = page): Promise<string> {
    return ((await p.locator(`result-table tr[data-name="${name}"] td.value`).textContent()) ?? '').trim();
  }

  async function ruleText(p: Page = page): Promise<string> {
    return p.evaluate(() => (document.querySelector('settle-app') as (Element & { ruleText?: string }) | null)?.ruleText ?? '');
  }

  /** 1-based line and column of the first `needle` in `text` after `anchor`. */
  function locate(text: string, anchor: string, needle: string): { line: number; column: number } {
    const offset = text.indexOf(needle, text.indexOf(anchor));
    expect(offset, `${needle} after ${anchor}`).toBeGreaterThan(0);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return { line, column: offset - before.lastIndexOf('\n') };
  }

  /** Edits the rule in Monaco with the keyboard: go to line:column, select, type. */
  async function typeAt(at: { line: number; column: number }, select: number, text: string): Promise<void> {
    await page.locator('rule-editor .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+G');
    await page.keyboard.type(`${at.line}:${at.column}`);
    await page.keyboard.press('Enter');
    for (let i = 0; i < select; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.type(text);
  }

  /** A screenshot for test/browser/screenshots: the whole page, or one pane to keep it small. */
  async function shot(name: string, p: Page = page, pane?: 'left' | 'right'): Promise<void> {
    const path = `${shots}/${name}.png`;
    if (pane) await p.locator(`.pane.${pane}`).screenshot({ path });
    else await p.screenshot({ path });
  }

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    server = await serveDirectory(dist);
    browser = await chromium.launch(chromiumOptions);
    context = await browser.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1, acceptDownloads: true, locale: 'zh-CN' });
    page = await context.newPage();
    watch(page);
    await page.goto(server.url);
    await page.locator('result-table tr[data-name="gross"]').waitFor();
  });

  afterAll(async () => {
    if (consoleErrors.length > 0) console.log('console errors:', consoleErrors);
    await browser?.close();
    await server?.close();
  });

  it('opens on the presets and settles yangxi in the worker', async () => {
    // Every rule file in rules/ is a preset (rules/*.cases.json are test cases, not presets).
    await page.locator('preset-picker [data-action="presets"]').click();
    const ids = await page.locator('preset-picker button[data-preset]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-preset')));
    const files = readdirSync(`${root}rules`).filter((f) => /^[^.]+\.json$/.test(f)).map((f) => f.replace(/\.json$/, ''));
    expect([...ids].sort()).toEqual(files.sort());
    const before = await answers();
    await page.locator('preset-picker button[data-preset="yangxi"]').click();
    await settled(before);
    // gross = r2(insured × perCapita) = r2(400000 × 980.00) = 392,000,000.00
    expect(await value('gross')).toBe('392,000,000.00');
    // net = 392,000,000.00 − 11,760,000.00; adjustmentFund = r2(380,240,000.00 × 2%)
    expect(await value('net')).toBe('380,240,000.00');
    expect(await value('adjustmentFund')).toBe('7,604,800.00');
    expect(await page.locator('preset-picker button[data-preset="yangxi"]').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('issue-list p').textContent()).toContain('没有问题');
    // No breakage at 1280×720: nothing scrolls the page sideways or down, all actions visible.
    const layout = await page.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      height: document.documentElement.scrollHeight,
      rightmost: Math.max(...[...document.querySelectorAll('header .actions > *')].map((e) => e.getBoundingClientRect().right)),
    }));
    expect(layout.width).toBeLessThanOrEqual(1280);
    expect(layout.height).toBeLessThanOrEqual(720);
    expect(layout.rightmost).toBeLessThanOrEqual(1280);
    await shot('main-zh');
  });

  it('changing a parameter in the editor recomputes the figures', async () => {
    const text = await ruleText();
    const at = locate(text, '"adjustmentRate"', '"2%"');
    const before = await answers();
    await typeAt({ line: at.line, column: at.column + 1 }, 1, '3');
    await settled(before);
    // adjustmentFund = r2(380,240,000.00 × 3%) = 11,407,200.00
    expect(await value('adjustmentFund')).toBe('11,407,200.00');
    // package = 380,240,000.00 − 11,407,200.00 − riskFund 30,419,200.00 = 338,413,600.00
    expect(await value('package')).toBe('338,413,600.00');
    // balance = 338,413,600.00 − spending 319,355,971.20 = 19,057,628.80 = surplus;
    // countyPool, townPool = split(19,057,628.80, [6, 4]) = 11,434,577.28, 7,623,051.52
    expect(await value('surplus')).toBe('19,057,628.80');
    expect(await value('countyPool')).toBe('11,434,577.28');
    expect(await value('townPool')).toBe('7,623,051.52');
    expect(await ruleText()).toContain('"value": "3%"');
  });

  it('an error in the rule file shows as a marker at its line and in the problem list', async () => {
    const text = await ruleText();
    const at = locate(text, '"name": "adjustmentFund"', 'adjustmentRate"');
    const before = await answers();
    // "net * adjustmentRate" → "net * adjustmentRat": a name that is not defined.
    await typeAt({ line: at.line, column: at.column + 'adjustmentRat'.length }, 1, '');
    await page.keyboard.press('Delete');
    await settled(before);
    const issue = page.locator('issue-list button').first();
    await expect.poll(() => issue.getAttribute('data-line')).toBe(String(at.line));
    expect(await issue.getAttribute('data-code')).toBe('unknown_name');
    expect(await issue.textContent()).toContain(`rules/yangxi.json:${at.line}:`);
    // The results stay, marked stale.
    expect(await page.locator('.stale-note').count()).toBe(1);
    // Clicking the problem reveals its line; Monaco draws the error squiggle on that very line.
    await issue.click();
    const marker = await page.evaluate((line) => {
      // Monaco draws a line number on the first row of each line (later rows are wrapping).
      const top = (n: number): number | undefined => {
        const el = [...document.querySelectorAll<HTMLElement>('rule-editor .margin-view-overlays .line-numbers')].find(
          (e) => e.textContent?.trim() === String(n),
        );
        return el?.parentElement ? Number.parseFloat(el.parentElement.style.top) : undefined;
      };
      const squiggles = [...document.querySelectorAll<HTMLElement>('rule-editor .view-overlays .squiggly-error')].map((e) =>
        Number.parseFloat(e.parentElement?.style.top ?? 'NaN'),
      );
      const active = document.querySelector('rule-editor .line-numbers.active-line-number')?.textContent?.trim();
      return { from: top(line), to: top(line + 1), squiggles, active };
    }, at.line);
    expect(marker.from).toBeDefined();
    expect(marker.to).toBeDefined();
    expect(marker.squiggles.some((y) => y >= (marker.from ?? 0) && y < (marker.to ?? 0))).toBe(true);
    expect(marker.active).toBe(String(at.line));
    await page.mouse.move(10, 700);
    await shot('rule-error');
    // Mend it: the error goes away and the results are current again.
    const again = await answers();
    await typeAt({ line: at.line, column: at.column + 'adjustmentRat'.length }, 0, 'e');
    await settled(again);
    expect(await page.locator('issue-list button').count()).toBe(0);
    expect(await value('adjustmentFund')).toBe('11,407,200.00');
  });

  it('clicking a figure shows its trace, down to its inputs and back to the rule line', async () => {
    await page.locator('result-table tr[data-name="share.county-people"] button').click();
    const trace = page.locator('trace-panel');
    // split(countyPool 11,434,577.28 by 60/25/15): floors in fen 6,860,746.36 (rem .8),
    // 2,858,644.32, 1,715,186.59 (rem .2); the one fen left goes to the largest remainder.
    await expect.poll(() => trace.locator('[data-testid=trace-value]').textContent()).toBe('6,860,746.37');
    expect(await trace.locator('[data-testid=trace-formula]').textContent()).toContain('countyPool');
    expect(await trace.locator('[data-testid=trace-exact]').textContent()).toBe('6860746.368');
    await shot('trace', page, 'right');
    // Follow the input countyPool.
    await trace.locator('button[data-input="countyPool"]').click();
    await expect.poll(() => trace.locator('[data-testid=trace-value]').textContent()).toBe('11,434,577.28');
    // Its rule line reveals in the editor.
    const location = (await trace.locator('[data-testid=trace-location]').textContent())?.trim() ?? '';
    const line = /:(\d+):\d+$/.exec(location)?.[1];
    expect(line).toBeDefined();
    await trace.locator('[data-testid=trace-location]').click();
    await expect
      .poll(() => page.evaluate(() => document.querySelector('rule-editor .line-numbers.active-line-number')?.textContent?.trim()))
      .toBe(line);
    // Back returns to the member's share; the keyboard moves through the results.
    await trace.getByRole('button', { name: /返回/ }).click();
    await expect.poll(() => trace.locator('[data-testid=trace-value]').textContent()).toBe('6,860,746.37');
    await page.locator('result-table tr[data-name="gross"] button').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => trace.locator('[data-testid=trace-value]').textContent()).toBe('380,240,000.00');
  });

  it('exports the values and their trace as CSV', async () => {
    await page.locator('[data-action="export-menu"]').click();
    const download = page.waitForEvent('download');
    await page.locator('[data-action="export-csv"]').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^yangxi-\d{4}-\d\d-\d\d\.csv$/);
    const csv = readFileSync((await file.path()) ?? '', 'utf8');
    const lines = csv.replace(/^\ufeff/, '').split('\r\n');
    // Headers in the page's language (test/browser/audit-record.test.ts checks the whole record).
    expect(lines[0]).toBe('名称,标识,数值,公式,类型,输入,精确值,舍入,规则位置,行,列');
    const row = lines.find((l) => l.startsWith('调节金,adjustmentFund,')) ?? '';
    expect(row).toContain(',11407200.00,net * adjustmentRate,金额,');
    expect(row).toContain('net=380240000.00; adjustmentRate=0.03');
    expect(row).toContain('HALF_UP 2');
    expect(lines.find((l) => l.includes(',share.county-people,'))).toContain(',6860746.37,');
    expect(lines.filter((l) => l !== '').length).toBe(1 + (await page.locator('result-table tr[data-name]').count()));
    // The workbook: money as number cells carrying the printed digits, with the #,##0.00 style.
    await page.locator('[data-action="export-menu"]').click();
    const xlsxDownload = page.waitForEvent('download');
    await page.locator('[data-action="export-xlsx"]').click();
    const parts = unzipSync(readFileSync((await (await xlsxDownload).path()) ?? ''));
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
    expect(sheet).toContain('<c r="C4" s="1"><v>11407200.00</v></c>');
    expect(Object.keys(parts)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/styles.xml', 'xl/worksheets/sheet8.xml']));
  });

  it('a share link reproduces the rules, input, selected figure and language', async () => {
    await page.locator('result-table tr[data-name="countyPool"] button').click();
    await page.locator('[data-action="locale"]').click();
    await expect.poll(() => page.locator('settle-app > header h1').textContent()).toContain('Fund settlement');
    // The hash follows the state all the time (debounced); Share writes it at once and says so.
    await page.locator('[data-action="share"]').click();
    await expect.poll(() => page.locator('.notice').textContent()).toMatch(/link/i);
    const link = page.url();
    expect(link).toContain('#s=');
    const other = await context.newPage();
    watch(other);
    await other.goto(link);
    await other.locator('result-table tr[data-name="gross"]').waitFor();
    await expect.poll(() => value('adjustmentFund', other)).toBe('11,407,200.00');
    expect(await ruleText(other)).toBe(await ruleText());
    expect(await other.locator('settle-app > header h1').textContent()).toContain('Fund settlement');
    expect(await other.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect.poll(() => other.locator('trace-panel [data-testid=trace-value]').textContent()).toBe('11,434,577.28');
    expect(await other.locator('result-table tr[data-name="countyPool"]').getAttribute('class')).toContain('selected');
    await shot('english-shared', other);
    await other.close();
    await page.locator('[data-action="locale"]').click();
  });

  it('shows the fund flow, the ledger with its checks, and prints an audit sheet', async () => {
    await page.locator('trace-panel').getByRole('button', { name: /关闭/ }).click();
    await page.getByRole('tab', { name: '资金流向' }).click();
    await page.locator('fund-flow svg[data-testid=sankey] path.link').first().waitFor({ state: 'attached' });
    expect(await page.locator('fund-flow path.link').count()).toBeGreaterThan(3);
    await shot('fund-flow', page, 'right');
    await page.getByRole('tab', { name: '台账与校验' }).click();
    const checks = page.locator('ledger-view [data-testid=checks] li');
    expect(await checks.count()).toBeGreaterThan(0);
    expect(await page.locator('ledger-view li[data-ok="false"]').count()).toBe(0);
    expect(await page.locator('ledger-view [data-testid=ledger] tbody tr').count()).toBeGreaterThan(0);
    await shot('ledger', page, 'right');
    await page.emulateMedia({ media: 'print' });
    const print = page.locator('print-view');
    // The sheet is drawn when the page turns to print media.
    await print.locator('[data-testid=engine-version]').waitFor();
    expect(await print.isVisible()).toBe(true);
    expect(await print.locator('[data-testid=engine-version]').textContent()).toMatch(/^yibao-settle \d+\.\d+\.\d+/);
    expect(await print.locator('[data-testid=rule-fingerprint]').textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await print.locator('[data-testid=input-fingerprint]').textContent()).toMatch(/^[0-9a-f]{64}$/);
    await page.screenshot({ path: `${shots}/print.png`, fullPage: false });
    await page.emulateMedia({ media: 'screen' });
  });

  it('compares two versions of the rules figure by figure (6:4 against 7:3)', async () => {
    await page.getByRole('tab', { name: '方案对比' }).click();
    await page.locator('compare-view [data-testid=pin]').click();
    const text = await ruleText();
    const county = locate(text, '"countyRatio"', '"6"');
    await typeAt({ line: county.line, column: county.column + 1 }, 1, '7');
    const town = locate(text, '"townRatio"', '"4"');
    const before = await answers();
    await typeAt({ line: town.line, column: town.column + 1 }, 1, '3');
    await settled(before);
    const row = (name: string) => page.locator(`compare-view tr[data-name="${name}"] td`);
    // split(19,057,628.80, [7, 3]) = 13,340,340.16, 5,717,288.64; against 6:4, ±1,905,762.88.
    await expect.poll(async () => (await row('countyPool').nth(2).textContent())?.trim()).toBe('13,340,340.16');
    expect((await row('countyPool').nth(1).textContent())?.trim()).toBe('11,434,577.28');
    expect((await row('countyPool').nth(3).textContent())?.trim()).toBe('1,905,762.88');
    expect((await row('townPool').nth(3).textContent())?.trim()).toBe('-1,905,762.88');
    expect((await row('gross').nth(3).textContent())?.trim()).toBe('');
    // Only the figures the ratio moves: the two pools and every member's share.
    await page.locator('compare-view [data-testid=only-changed]').check();
    const changed = await page.locator('compare-view tr[data-name]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')));
    expect(changed).toContain('countyPool');
    expect(changed).not.toContain('gross');
    expect(changed.every((n) => n === 'countyPool' || n === 'townPool' || n?.startsWith('share.'))).toBe(true);
    await shot('compare', page, 'right');
    // A share link carries the comparison too, pinned rules included.
    await page.locator('[data-action="share"]').click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('方案对比');
    const other = await context.newPage();
    watch(other);
    await other.goto(page.url());
    const otherRow = (name: string) => other.locator(`compare-view tr[data-name="${name}"] td`);
    await expect.poll(async () => (await otherRow('countyPool').nth(2).textContent())?.trim()).toBe('13,340,340.16');
    expect((await otherRow('countyPool').nth(1).textContent())?.trim()).toBe('11,434,577.28');
    expect((await otherRow('townPool').nth(3).textContent())?.trim()).toBe('-1,905,762.88');
    await other.close();
  });

  it('edits the members as a table, and opens a dropped input file', async () => {
    await page.getByRole('tab', { name: '表格编辑' }).click();
    const cell = page.locator('input-grid input[aria-label="members[7].spending"]');
    await cell.waitFor();
    expect(await cell.inputValue()).toBe('5,900,000.00'); // shown with separators, as in Excel
    const before = await answers();
    // town-4 spends 900,000.00 more: spending 320,255,971.20, surplus 18,157,628.80.
    await cell.fill('6800000.00');
    await cell.press('Enter');
    await settled(before);
    await page.getByRole('tab', { name: '结算结果' }).click();
    expect(await value('surplus')).toBe('18,157,628.80');
    await page.getByRole('tab', { name: '表格编辑' }).click();
    await shot('input-grid', page, 'left');
    // Drop an input file: perCapita 1000.00 → gross 400,000,000.00.
    const input = JSON.stringify({ ...JSON.parse(readFileSync(`${root}rules/examples/yangxi.input.json`, 'utf8')), perCapita: '1000.00' });
    const again = await answers();
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'dropped.input.json', { type: 'application/json' }));
      document.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, input);
    await settled(again);
    await page.getByRole('tab', { name: '结算结果' }).click();
    expect(await value('gross')).toBe('400,000,000.00');
    expect(await page.locator('.tabs .file').first().textContent()).toContain('dropped.input.json');
  });

  it('pages through a long table 500 rows at a time and edits a row on the second page', async () => {
    const example = JSON.parse(readFileSync(`${root}rules/examples/yangxi.input.json`, 'utf8')) as Record<string, unknown>;
    const members = Array.from({ length: 600 }, (_, i) => ({ id: `m${i + 1}`, level: i < 300 ? 'county' : 'town', spending: '1000.00', weight: 1 }));
    const before = await answers();
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'long.input.json', { type: 'application/json' }));
      document.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, JSON.stringify({ ...example, members }));
    await settled(before);
    const fen = (text: string | null): bigint => BigInt((text ?? '').replace(/[,.]/g, ''));
    const spending = fen(await value('spending'));
    await page.getByRole('tab', { name: '表格编辑' }).click();
    await expect.poll(() => page.locator('input-grid [data-testid=page]').textContent()).toBe('第 1–500 行，共 600 行');
    await page.locator('input-grid [data-testid=pager] button', { hasText: '下一页' }).click();
    await expect.poll(() => page.locator('input-grid [data-testid=page]').textContent()).toBe('第 501–600 行，共 600 行');
    const cell = page.locator('input-grid input[aria-label="members[501].spending"]');
    expect(await cell.inputValue()).toBe('1,000.00');
    const again = await answers();
    await cell.fill('2000.00');
    await cell.press('Enter');
    await settled(again);
    await page.getByRole('tab', { name: '结算结果' }).click();
    // One member spends 1,000.00 more: total spending moves by exactly 100,000 fen.
    expect(fen(await value('spending')) - spending).toBe(100_000n);
  });

  it('a redraw of the page while a cell is being typed in (an answer, an autosave) leaves the typing alone', async () => {
    await page.getByRole('tab', { name: '表格编辑' }).click();
    const cell = page.locator('input-grid input[aria-label="members[501].spending"]');
    await expect.poll(() => cell.inputValue()).toBe('2,000.00');
    const spending = BigInt((await value('spending')).replace(/[^0-9]/g, ''));
    await cell.fill('2500.00');
    // What a worker's answer or the footer's “saved” line does: the page draws itself again.
    await page.evaluate(() => (document.querySelector('settle-app') as (Element & { requestUpdate(): void }) | null)?.requestUpdate());
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined))));
    expect(await cell.inputValue()).toBe('2500.00');
    const before = await answers();
    await cell.press('Enter');
    await settled(before);
    await page.getByRole('tab', { name: '结算结果' }).click();
    // 500.00 more: 50,000 fen.
    expect(BigInt((await value('spending')).replace(/[^0-9]/g, '')) - spending).toBe(50_000n);
  });

  it('settles every preset with its example input', async () => {
    const ids = await page.locator('preset-picker button[data-preset]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-preset') ?? ''));
    for (const id of ids) {
      const before = await answers();
      await page.locator('preset-picker [data-action="presets"]').click();
      await page.locator(`preset-picker button[data-preset="${id}"]`).click();
      await settled(before);
      // Either figures or the engine's problems, never an empty or crashed page.
      const figures = await page.locator('result-table tr[data-name]').count();
      const problems = Number.parseInt((await page.locator('.problems').getAttribute('data-count')) ?? '0', 10);
      expect(figures + problems, id).toBeGreaterThan(0);
      expect(await page.locator('.problems .bad').count(), `${id}: worker crashed`).toBe(0);
    }
  });

  it('made no console errors and no request beyond 127.0.0.1', () => {
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
