/**
 * Test cases in the playground, in real Chromium: the Yangxi preset's own cases all pass; a
 * cases file with one expected figure changed opens as cases (not as input) and that case fails
 * with expected beside actual; the command line's `test` says the same case by case; the current
 * input and results saved as a new case pass, in the playground and on the command line.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserReady, expect, root, shots, startSession, type Session } from './harness.js';

const CASES = JSON.parse(readFileSync(`${root}rules/yangxi.cases.json`, 'utf8')) as { rules: string; cases: { name: string; expect?: Record<string, string> }[] };
const N = CASES.cases.length;

/** `yibao-settle test` on a cases file written beside a copy of rules/yangxi.json: each case's name and whether it passed. */
function cliOutcomes(text: string): [string, boolean][] {
  const dir = mkdtempSync(join(tmpdir(), 'yibao-cases-'));
  try {
    copyFileSync(`${root}rules/yangxi.json`, join(dir, 'yangxi.json'));
    writeFileSync(join(dir, 'yangxi.cases.json'), text);
    const r = spawnSync(process.execPath, [`${root}dist/cli.js`, 'test', join(dir, 'yangxi.cases.json')], { encoding: 'utf8' });
    return r.stdout.split('\n').flatMap((l): [string, boolean][] => {
      const m = /^([✓✗]) yangxi\.cases\.json › (.*)$/.exec(l);
      return m ? [[m[2] as string, m[1] === '✓']] : [];
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!browserReady())('test cases in the playground', () => {
  let session: Session;
  let context: BrowserContext;
  let page: Page;

  const summary = async (): Promise<string> => ((await page.locator('cases-view .summary strong').textContent()) ?? '').trim();
  const pageOutcomes = async (): Promise<[string, boolean][]> =>
    page.locator('cases-view li').evaluateAll((lis) => lis.map((li): [string, boolean] => [(li.textContent ?? '').replace(/^\s*[✓✗]\s*/, '').split('\n')[0]?.trim() ?? '', li.getAttribute('data-ok') === 'true']));

  beforeAll(async () => {
    session = await startSession();
    ({ context, page } = await session.open({ width: 1280, height: 720 }));
  });

  afterAll(async () => {
    await context?.close();
    await session?.close();
  });

  it("runs the Yangxi preset's own cases: all pass", async () => {
    await page.getByRole('tab', { name: '测试用例' }).click();
    await expect.poll(summary).toBe(`通过 ${N} / ${N}`);
  });

  it('opens a cases file with one expectation changed: that case fails, expected beside actual, as on the command line', async () => {
    const changed = structuredClone(CASES);
    const first = changed.cases[0];
    if (!first?.expect) throw new Error('the first Yangxi case has no expectations');
    first.expect['countyPool'] = '13716017.29';
    const text = JSON.stringify(changed, null, 2);
    await page.evaluate(
      ([n, t]) => {
        const data = new DataTransfer();
        data.items.add(new File([t], n, { type: 'application/json' }));
        document.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      },
      ['yangxi.cases.json', text] as const,
    );
    await expect.poll(summary).toBe(`通过 ${N - 1} / ${N}`);
    const diff = page.getByRole('table', { name: `预期与实际不符: ${first.name}` });
    await expect.poll(() => diff.getByRole('row').filter({ hasText: 'countyPool' }).textContent()).toContain('13,716,017.29');
    expect(await diff.getByRole('row').filter({ hasText: 'countyPool' }).textContent()).toContain('13,716,017.28');
    await page.locator('.pane.right').screenshot({ path: `${shots}/cases-failing.png` });
    expect(await pageOutcomes()).toEqual(cliOutcomes(text));
  });

  it('saves the current input and results as a case; the downloaded file passes it on the command line', async () => {
    await page.getByRole('button', { name: '保存为测试用例' }).click();
    await page.getByLabel('用例名称').fill('阳西示例：审计时的结果');
    await page.getByRole('button', { name: '确认加入' }).click();
    await expect.poll(summary).toBe(`通过 ${N} / ${N + 1}`);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载用例文件' }).click();
    const path = await (await download).path();
    const saved = readFileSync(path, 'utf8');
    const cli = cliOutcomes(saved);
    expect(cli.at(-1)).toEqual(['阳西示例：审计时的结果', true]);
    expect(await pageOutcomes()).toEqual(cli);
  });

  it('made no page errors', () => {
    expect(session.consoleErrors).toEqual([]);
  });
});
