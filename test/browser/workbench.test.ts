/**
 * The officials' workbench in real headless Chromium: the Yangxi rule read in the 规则说明 view
 * (a sentence clicked reveals its rule line; a parameter edit rewrites the sentence and flags
 * the stale label), and the 假设分析 view sweeping spending from 80% to 130% of the package.
 * Controls are found by their visible labels and roles. Expected figures are worked by hand
 * from shared/DOMAIN.md E1/E2 and the example input (derivations beside them).
 * Needs `npm run build:playground` first, like playground.test.ts.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from './patient-expect.js';
import { chromiumOptions, serveDirectory } from './static-server.mjs';


const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = `${root}playground-dist`;
const shots = `${root}test/browser/screenshots`;
const ready = existsSync(`${dist}/index.html`) && existsSync(chromiumOptions.executablePath);
if (!ready && process.env['CI'] !== undefined) throw new Error('browser tests need playground-dist/ and Chromium');

/** 1-based line of the first `needle` in the Yangxi rule file. */
function lineOf(needle: string): number {
  const text = readFileSync(`${root}rules/yangxi.json`, 'utf8');
  const offset = text.indexOf(needle);
  expect(offset).toBeGreaterThan(0);
  return text.slice(0, offset).split('\n').length;
}

describe.skipIf(!ready)('the officials’ workbench in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let server: { url: string; close: () => Promise<void> };
  const errors: string[] = [];

  const answers = async (): Promise<number> => Number.parseInt((await page.locator('.status').getAttribute('data-answers')) ?? '0', 10);
  /** Waits until the settle worker has answered after `before` and nothing is pending. */
  const settled = async (before: number): Promise<void> => {
    await page.waitForFunction(
      (n) => {
        const s = document.querySelector<HTMLElement>('.status');
        return s !== null && Number.parseInt(s.dataset['answers'] ?? '0', 10) > n && s.dataset['state'] === 'idle';
      },
      before,
      { timeout: 15_000 },
    );
  };
  const activeLine = (): Promise<string | undefined> => page.evaluate(() => document.querySelector('rule-editor .line-numbers.active-line-number')?.textContent?.trim());

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    server = await serveDirectory(dist);
    browser = await chromium.launch(chromiumOptions);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, acceptDownloads: true, locale: 'zh-CN' });
    page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.locator('result-table tr').first().waitFor();
    await page.getByText('预设方案').click();
    const before = await answers();
    await page.getByRole('button', { name: /^阳西县紧密型县域医共体/ }).click();
    await settled(before);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('reads the Yangxi rule in the 规则说明 view, and a sentence reveals its rule line', async () => {
    await page.getByRole('tab', { name: '规则说明' }).click();
    const view = page.locator('rule-description');
    await expect.poll(() => view.getByRole('heading', { name: /^规则说明/ }).isVisible()).toBe(true);
    // The parameters with their values as officials read them (rates in percent).
    const params = view.getByRole('table', { name: '参数' });
    await expect.poll(() => params.getByRole('row', { name: /调节金比例/ }).textContent()).toContain('2%');
    expect(await params.getByRole('row', { name: /结余分配：县级份额/ }).textContent()).toContain('公开发布');
    // Sentences, read by their visible text.
    const split = view.getByRole('button', { name: /^结余按 县级 6 : 镇级 4 分配，尾差按最大余数法/ });
    expect(await split.isVisible()).toBe(true);
    expect(await view.getByRole('button', { name: /^调节金 = 扣除政策性支出 × 2%，四舍五入到分/ }).isVisible()).toBe(true);
    expect(await view.getByRole('button', { name: /^超支先由风险金（以其余额为限）、再由调节金（以其余额为限）承担，不足部分由财政和医院按 1 : 1 分担/ }).isVisible()).toBe(true);
    await page.locator('.pane.right').screenshot({ path: `${shots}/rule-words.png` });
    // A click shows the step in the rule file: the editor's current line is the step's line.
    const line = lineOf('{ "name": "surplusSplit"');
    expect(await split.textContent()).toContain(`第 ${line} 行`);
    await split.click();
    await expect.poll(activeLine).toBe(String(line));
    expect(await page.getByRole('tab', { name: '规则文件' }).getAttribute('aria-selected')).toBe('true');
    await page.screenshot({ path: `${shots}/rule-words-reveal.png` });
  });

  it('an edited parameter rewrites the sentence at once, and the label that still says 6:4 is flagged', async () => {
    // The official sets the county part in the parameter panel; the town part follows (7 : 3).
    await page.getByRole('tab', { name: '参数设置' }).click();
    const before = await answers();
    const field = page.getByLabel('县级份额');
    await field.fill('7');
    await field.press('Enter');
    await settled(before);
    const view = page.locator('rule-description');
    await expect.poll(() => view.getByRole('button', { name: /^结余按 县级 7 : 镇级 3 分配/ }).isVisible()).toBe(true);
    // The warning: in the problem list, and at the top of the rule in words.
    const warning = page.locator('issue-list').getByRole('button', { name: /stale_label_number/ });
    await expect.poll(() => warning.textContent()).toContain('结余按县镇 6:4 分配');
    expect(await page.locator('.problems h2').textContent()).toMatch(/问题 \(0\) · 提示 \(1\)/);
    expect(await view.getByText(/说明文字“结余按县镇 6:4 分配”中的 6:4 与它所用参数的当前值不符/).isVisible()).toBe(true);
    await page.screenshot({ path: `${shots}/stale-label.png` });
    // Undo puts 6 back; the warning goes.
    const undo = await answers();
    await page.getByRole('tab', { name: '规则文件' }).click();
    await page.locator('rule-editor .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+Z');
    await settled(undo);
    await expect.poll(() => page.locator('issue-list').getByRole('button').count()).toBe(0);
  });

  it('prints the rule in words as a section of the audit sheet', async () => {
    await page.emulateMedia({ media: 'print' });
    const words = page.locator('print-view').getByRole('list').first();
    await expect.poll(() => words.textContent()).toContain('结余按 县级 6 : 镇级 4 分配，尾差按最大余数法');
    await page.emulateMedia({ media: 'screen' });
  });

  it('what-if: spending from 80% to 130% of the package; 105% is DOMAIN.md E2', async () => {
    await page.getByRole('tab', { name: '假设分析' }).click();
    const view = page.locator('what-if-view');
    const target = view.getByLabel('变动项目');
    await expect.poll(async () => (await target.locator('option:checked').textContent()) ?? '').toContain('实际支出（同比例缩放）：成员单位：医保基金支出 + 县域外就医支出');
    await view.getByLabel('以此为 100%').selectOption({ label: '医共体打包总额' });
    expect(await view.getByLabel('起点').inputValue()).toBe('80');
    expect(await view.getByLabel('终点').inputValue()).toBe('130');
    expect(await view.getByLabel('间隔数').inputValue()).toBe('10');
    // 105% of the package 342,216,000.00 is 359,326,800.00: overspend 17,110,800.00, all of it
    // within the risk fund (30,419,200.00), so the fund pays 342,216,000.00 + 17,110,800.00 and
    // neither local finance nor the hospital pays anything; members keep no surplus.
    const row = view.getByRole('row', { name: /^105%/ });
    await expect.poll(() => row.textContent()).toContain('359,326,800.00');
    const cells = await row.getByRole('cell').allTextContents();
    const head = await view.getByRole('row').first().getByRole('columnheader').allTextContents();
    const cell = (name: string): string => (cells[head.findIndex((h) => h.trim() === name)] ?? '').trim();
    expect(cell('调整后合计')).toBe('359,326,800.00');
    expect(cell('医保基金')).toBe('-359,326,800.00');
    expect(cell('医疗费用支出（含县域外就医）')).toBe('359,326,800.00');
    expect(cell('地方财政')).toBe('0.00');
    expect(cell('医院（自担）')).toBe('0.00');
    expect(cell('成员单位')).toBe('0.00');
    // The risk fund's part, as an added column.
    await view.getByLabel('另加一列（并画在图中）').selectOption({ label: '风险金承担' });
    await expect.poll(() => row.textContent()).toContain('17,110,800.00');
    // Pointing at 105% on the chart shows the same exact figures.
    await view.locator('sweep-chart').getByText('105%', { exact: true }).hover();
    const tip = view.getByRole('tooltip');
    await expect.poll(() => tip.textContent()).toContain('-359,326,800.00');
    expect(await tip.textContent()).toContain('调整后合计 359,326,800.00');
    await page.locator('.pane.right').screenshot({ path: `${shots}/what-if.png` });
    // Without the fund and the care paid for, the axis fits the smaller parties.
    await view.getByRole('checkbox', { name: '医保基金' }).uncheck();
    await view.getByRole('checkbox', { name: '医疗费用支出（含县域外就医）' }).uncheck();
    await view.locator('sweep-chart').getByText('120%', { exact: true }).hover();
    // 120%: overspend 68,443,200.00 − reserves 38,024,000.00 = 30,419,200.00, 1:1.
    await expect.poll(() => tip.textContent()).toContain('-15,209,600.00');
    await page.locator('.pane.right').screenshot({ path: `${shots}/what-if-parties.png` });
    // 130%: overspend 102,664,800.00; reserves 38,024,000.00; the rest 64,640,800.00 shared 1:1.
    expect(await view.getByRole('row', { name: /^130%/ }).textContent()).toContain('-32,320,400.00');
    // The table exports as CSV, exactly as shown.
    const download = page.waitForEvent('download');
    await view.getByRole('button', { name: '导出 CSV' }).click();
    const file = await (await download).path();
    const csv = readFileSync(file, 'utf8');
    expect(csv).toContain('105%,359326800.00,-359326800.00,359326800.00,0.00,0.00,0.00,17110800.00,✓');
  });

  it('what-if: the county part from 5 to 8, the town part taking up the rest (the issue’s 7:3)', async () => {
    const view = page.locator('what-if-view');
    await view.getByLabel('变动项目').selectOption({ label: '参数：结余分配：县级份额（6）' });
    await view.getByLabel('另一参数随之调整（两者之和不变）').selectOption({ label: '结余分配：镇级份额（4）' });
    await view.getByLabel('起点').fill('5');
    await view.getByLabel('终点').fill('8');
    await view.getByLabel('间隔数').fill('3');
    await view.getByLabel('另加一列（并画在图中）').selectOption({ label: '县级结余' });
    // surplus 22,860,028.80 × 7/10 = 16,002,020.16
    const row = view.getByRole('row', { name: /^7\b/ });
    await expect.poll(() => row.textContent()).toContain('16,002,020.16');
    // …and drawn: pointing at 7 shows the county pool beside the parties.
    await view.locator('sweep-chart').getByText('7', { exact: true }).hover();
    await expect.poll(() => view.getByRole('tooltip').textContent()).toMatch(/县级结余\s*16,002,020.16/);
    await page.locator('.pane.right').screenshot({ path: `${shots}/what-if-parameter.png` });
    expect(errors).toEqual([]);
  });
});
