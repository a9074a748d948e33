#!/usr/bin/env node
// Recompute time after an edit, in the built playground in headless Chromium: yangxi with 150
// members. Each round types one character into the rule editor (the adjustment rate, 2% ↔ 3%)
// and times, inside the page, from the keydown to the moment the results table shows the new
// adjustmentFund. That time includes the editor's debounce (SETTLE_DEBOUNCE_MS in
// playground/src/settle-app.ts), posting to the worker, readRuleFile + settle there, and the
// Lit update. The worker's own time for readRuleFile + settle is reported beside it.
// Then the same for an edit in the 参数设置 panel (县级份额 6 ↔ 7, committed with Enter): the
// panel edits the rule text and settles at once, with no debounce, from the Enter key to the
// new countyPool on screen.
//
//   npm run build:playground && node test/bench/playground-recompute.mjs [rounds]
//
// It prints numbers; it asserts none (timings differ between machines).
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromiumOptions, serveDirectory } from '../browser/static-server.mjs';
import { yangxiWithMembers } from '../browser/members-2000.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const rounds = Number.parseInt(process.argv[2] ?? '30', 10);
const MEMBERS = 150;

/** The example input with 150 members: 30 county, 120 town, 400,000.00 … 1,300,000.00 yuan each. */
const input150 = () => yangxiWithMembers(root, 30, 120, 40_000_000, 90_000_000);

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p90: at(0.9), min: s[0], max: s[s.length - 1] };
}

const fmt = (ms) => `${ms.toFixed(1)} ms`;

const server = await serveDirectory(`${root}playground-dist`);
const browser = await chromium.launch(chromiumOptions);
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.locator('result-table tr[data-name="gross"]').waitFor();
  await page.locator('preset-picker [data-action="presets"]').click();
  await page.locator('preset-picker button[data-preset="yangxi"]').click();

  // Open the 150-member input by dropping it on the page, as a person would.
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'yangxi-150.input.json', { type: 'application/json' }));
    document.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, input150());
  await page.waitForFunction(
    (n) => document.querySelector('result-table')?.shadowRoot?.querySelectorAll('tr[data-name^="share."]').length === n,
    MEMBERS,
    { timeout: 30_000 },
  );
  await page.getByRole('tab', { name: '规则文件' }).click();

  // Where the adjustment rate's digit is in the rule text.
  const rule = await page.evaluate(() => document.querySelector('settle-app').ruleText);
  const offset = rule.indexOf('"2%"', rule.indexOf('"adjustmentRate"')) + 1;
  const before = rule.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');

  // In the page: keydown time, and the time the adjustmentFund cell shows a new value.
  await page.evaluate(() => {
    const bench = { t0: 0, t1: 0, previous: '', name: 'adjustmentFund' };
    window.__bench = bench;
    document.addEventListener('keydown', () => (bench.t0 = performance.now()), true);
    const cell = () => document.querySelector('result-table')?.shadowRoot?.querySelector(`tr[data-name="${bench.name}"] td.value`);
    new MutationObserver(() => {
      const text = cell()?.textContent?.trim() ?? '';
      if (bench.t1 === 0 && bench.t0 > 0 && text !== bench.previous) bench.t1 = performance.now();
    }).observe(document.querySelector('result-table').shadowRoot, { subtree: true, childList: true, characterData: true });
    bench.arm = (name = 'adjustmentFund') => {
      bench.name = name;
      bench.previous = cell()?.textContent?.trim() ?? '';
      bench.t0 = 0;
      bench.t1 = 0;
    };
  });

  const totals = [];
  const engine = [];
  for (let i = 0; i < rounds + 3; i++) {
    await page.locator('rule-editor .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+G');
    await page.keyboard.type(`${line}:${column}`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+ArrowRight');
    await page.evaluate(() => window.__bench.arm());
    await page.keyboard.type(i % 2 === 0 ? '3' : '2');
    await page.waitForFunction(() => window.__bench.t1 > 0, undefined, { timeout: 15_000, polling: 'raf' });
    await page.waitForFunction(() => document.querySelector('.status')?.dataset.state === 'idle');
    const { t0, t1 } = await page.evaluate(() => ({ t0: window.__bench.t0, t1: window.__bench.t1 }));
    const ms = Number.parseFloat((await page.locator('.status').getAttribute('data-ms')) ?? 'NaN');
    if (i >= 3) {
      // the first rounds warm up the JIT and the worker
      totals.push(t1 - t0);
      engine.push(ms);
    }
  }
  // The parameter panel: fill 县级份额, then time from the Enter key to the new county pool.
  await page.getByRole('tab', { name: '参数设置' }).click();
  const field = page.getByLabel('县级份额');
  const panel = [];
  for (let i = 0; i < rounds + 3; i++) {
    await field.fill(i % 2 === 0 ? '7' : '6');
    await page.evaluate(() => window.__bench.arm('countyPool'));
    await field.press('Enter');
    await page.waitForFunction(() => window.__bench.t1 > 0, undefined, { timeout: 15_000, polling: 'raf' });
    await page.waitForFunction(() => document.querySelector('.status')?.dataset.state === 'idle');
    const { t0, t1 } = await page.evaluate(() => ({ t0: window.__bench.t0, t1: window.__bench.t1 }));
    if (i >= 3) panel.push(t1 - t0);
  }
  if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
  const debounce = /SETTLE_DEBOUNCE_MS = (\d+)/.exec(readFileSync(`${root}playground/src/settle-app.ts`, 'utf8'))?.[1];
  const t = stats(totals);
  const e = stats(engine);
  console.log(`playground recompute after an edit — yangxi, ${MEMBERS} members, ${rounds} rounds, Chromium ${browser.version()}`);
  console.log(`  keystroke → new figure on screen: median ${fmt(t.median)}, p90 ${fmt(t.p90)}, min ${fmt(t.min)}, max ${fmt(t.max)} (includes the ${debounce} ms typing debounce)`);
  console.log(`  without the debounce:             median ${fmt(t.median - Number.parseFloat(debounce))}`);
  console.log(`  in the worker (readRuleFile + settle): median ${fmt(e.median)}, p90 ${fmt(e.p90)}, min ${fmt(e.min)}, max ${fmt(e.max)}`);
  const pp = stats(panel);
  console.log(`  parameter panel edit → new figure (no debounce): median ${fmt(pp.median)}, p90 ${fmt(pp.p90)}, min ${fmt(pp.min)}, max ${fmt(pp.max)} (target < 50 ms median)`);
} finally {
  await browser.close();
  await server.close();
}
