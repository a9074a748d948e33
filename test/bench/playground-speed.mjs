#!/usr/bin/env node
// The static build at real sizes, in headless Chromium:
// 1. time to the first figure: a fresh browser context opens the built page and the page marks
//    (performance.mark 'yibao:first-figure', set by <settle-app>) when the first settlement is
//    on it — from navigation start, Monaco loading after it; the median of several openings;
// 2. Yangxi with 2,000 members: the worker's recompute (readRuleFile + settle with the trace),
//    after each edit of a parameter in the editor, and keystroke → new figure on the page;
// 3. the longest main-thread task (PerformanceObserver 'longtask', tasks over 50 ms) while
//    loading, and while working with the 2,000 members: opening the input, recomputing, switching
//    to the fund flow, the ledger and the table editor, and scrolling the results.
//
//   npm run build:playground && node test/bench/playground-speed.mjs [openings] [rounds]
//
// It prints numbers; it asserts none (timings differ between machines).
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromiumOptions, serveDirectory } from '../browser/static-server.mjs';
import { yangxiWithMembers } from '../browser/members-2000.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const openings = Number.parseInt(process.argv[2] ?? '7', 10);
const rounds = Number.parseInt(process.argv[3] ?? '12', 10);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${ms.toFixed(0)} ms`;

/** Records long tasks from the first script on, with the phase they fall in. */
function recordLongTasks() {
  const tasks = [];
  window.__longTasks = tasks;
  window.__phase = 'load';
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push({ phase: window.__phase, start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

async function firstFigure(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(recordLongTasks);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('yibao:first-figure').length > 0, undefined, { timeout: 30_000 });
  await page.locator('rule-editor .monaco-editor').waitFor({ timeout: 30_000 });
  const result = await page.evaluate(() => ({
    first: performance.getEntriesByName('yibao:first-figure')[0].startTime,
    editor: performance.now(),
    longest: Math.max(0, ...window.__longTasks.map((t) => t.ms)),
  }));
  await context.close();
  return result;
}

/** Edits the adjustment rate (2% ↔ 3%) in the editor; resolves to [worker ms, keystroke → figure ms]. */
async function recompute(page, at, digit) {
  await page.locator('rule-editor .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+G');
  await page.keyboard.type(`${at.line}:${at.column}`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+ArrowRight');
  const answers = Number(await page.locator('.status').getAttribute('data-answers'));
  const previous = await page.evaluate(() => document.querySelector('result-table')?.shadowRoot?.querySelector('tr[data-name="adjustmentFund"] td.value')?.textContent?.trim());
  const t0 = await page.evaluate(() => performance.now());
  await page.keyboard.type(digit);
  await page.waitForFunction(
    ([n, before]) => {
      const s = document.querySelector('.status');
      const v = document.querySelector('result-table')?.shadowRoot?.querySelector('tr[data-name="adjustmentFund"] td.value')?.textContent?.trim();
      return Number(s?.dataset.answers) > n && s?.dataset.state === 'idle' && v !== before;
    },
    [answers, previous],
    { timeout: 30_000, polling: 'raf' },
  );
  const t1 = await page.evaluate(() => performance.now());
  const ms = Number.parseFloat((await page.locator('.status').getAttribute('data-ms')) ?? 'NaN');
  return [ms, t1 - t0];
}

const server = await serveDirectory(`${root}playground-dist`);
const browser = await chromium.launch(chromiumOptions);
try {
  // 1. First figure, fresh contexts (nothing cached), the first one also warming the machine.
  const opened = [];
  for (let i = 0; i < openings + 1; i++) opened.push(await firstFigure(browser, server.url));
  const runs = opened.slice(1);

  // 2 and 3. One page, 2,000 members.
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(recordLongTasks);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.locator('rule-editor .monaco-editor').waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
  const phase = (name) => page.evaluate((n) => (window.__phase = n), name);
  await phase('open 2,000 members');
  const before = Number(await page.locator('.status').getAttribute('data-answers'));
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'yangxi-2000.input.json', { type: 'application/json' }));
    document.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, yangxiWithMembers(root));
  await page.waitForFunction((n) => Number(document.querySelector('.status')?.dataset.answers) > n && document.querySelector('.status')?.dataset.state === 'idle', before, { timeout: 30_000 });
  await page.getByRole('tab', { name: '规则文件' }).click();
  const rule = await page.evaluate(() => document.querySelector('settle-app').ruleText);
  const offset = rule.indexOf('"2%"', rule.indexOf('"adjustmentRate"')) + 1;
  const head = rule.slice(0, offset);
  const at = { line: head.split('\n').length, column: offset - head.lastIndexOf('\n') };
  await page.waitForTimeout(500);
  await phase('recompute');
  const worker = [];
  const screen = [];
  for (let i = 0; i < rounds + 2; i++) {
    const [ms, total] = await recompute(page, at, i % 2 === 0 ? '3' : '2');
    if (i >= 2) {
      worker.push(ms);
      screen.push(total);
    }
  }
  for (const tab of ['资金流向', '台账与校验', '结算结果']) {
    await phase(tab);
    await page.getByRole('tab', { name: tab }).click();
    await page.waitForTimeout(400);
  }
  await phase('scroll the results');
  for (let y = 0; y < 8; y++) {
    await page.locator('.view').evaluate((v, top) => (v.scrollTop = top), y * 2000);
    await page.waitForTimeout(80);
  }
  await phase('表格编辑');
  await page.getByRole('tab', { name: '表格编辑' }).click();
  await page.waitForTimeout(400);
  const tasks = await page.evaluate(() => window.__longTasks);
  if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
  const during = tasks.filter((t) => t.phase !== 'load');
  const phases = [...new Set(during.map((t) => t.phase))];
  const debounce = /SETTLE_DEBOUNCE_MS = (\d+)/.exec(readFileSync(`${root}playground/src/settle-app.ts`, 'utf8'))?.[1];

  console.log(`playground at real sizes — static build, Chromium ${browser.version()}`);
  console.log(`  first figure from navigation start: median ${fmt(median(runs.map((r) => r.first)))} (${runs.map((r) => r.first.toFixed(0)).join(', ')} ms over ${runs.length} fresh openings); editor ready at median ${fmt(median(runs.map((r) => r.editor)))}`);
  console.log(`  yangxi, 2,000 members, ${rounds} edits of a parameter:`);
  console.log(`    worker recompute (readRuleFile + settle, trace on): median ${fmt(median(worker))}, max ${fmt(Math.max(...worker))}`);
  console.log(`    keystroke → new figure on the page: median ${fmt(median(screen))} (includes the ${debounce} ms typing debounce)`);
  console.log(`  longest main-thread task while loading: median ${fmt(median(runs.map((r) => r.longest)))} (Monaco's evaluation, after the first figure)`);
  console.log(`  longest main-thread task with 2,000 members: ${during.length === 0 ? 'none over 50 ms' : fmt(Math.max(...during.map((t) => t.ms)))}`);
  for (const p of phases) {
    const ms = during.filter((t) => t.phase === p).map((t) => t.ms.toFixed(0));
    console.log(`    ${p}: ${ms.length} task(s) over 50 ms (${ms.join(', ')} ms)`);
  }
} finally {
  await browser.close();
  await server.close();
}
