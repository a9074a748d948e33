/**
 * What the Chromium tests of the built playground share: whether they can run (a build in
 * playground-dist/ and Chromium), a page opened on the static server with every console error
 * and every request beyond 127.0.0.1 recorded, waiting for the settle worker, and screenshots.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect as baseExpect } from 'vitest';
import { chromiumOptions, serveDirectory } from './static-server.mjs';

// Polls wait up to 10 s: on a 2-core machine Chromium, its workers and Vitest share the CPU.
const basePoll = baseExpect.poll.bind(baseExpect);
export const expect: typeof baseExpect = Object.assign(
  (actual: unknown, message?: string) => baseExpect(actual, message),
  baseExpect,
  { poll: ((fn, options = {}) => basePoll(fn, { timeout: 10_000, interval: 50, ...options })) as typeof baseExpect.poll },
);

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const shots = `${root}test/browser/screenshots`;
const dist = `${root}playground-dist`;

/** Whether the browser tests can run here; in CI a missing build or browser is an error. */
export function browserReady(): boolean {
  const built = existsSync(`${dist}/index.html`);
  const browserThere = existsSync(chromiumOptions.executablePath);
  if ((!built || !browserThere) && process.env['CI'] !== undefined) {
    throw new Error(`browser tests need ${built ? chromiumOptions.executablePath : 'playground-dist/ (npm run build:playground)'}`);
  }
  if (!built || !browserThere) console.warn(`skipping browser tests: ${built ? 'no Chromium at ' + chromiumOptions.executablePath : 'run npm run build:playground first'}`);
  return built && browserThere;
}

/** A browser on the built playground, and what its pages did that they should not have. */
export interface Session {
  readonly browser: Browser;
  readonly server: { url: string; close: () => Promise<void> };
  readonly consoleErrors: string[];
  readonly foreignRequests: string[];
  /** A new context and page at `viewport`, opened on the playground and settled. */
  open(viewport: { width: number; height: number }, hash?: string): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** Records a page's console errors and uncaught errors, and every request beyond `serverUrl` and 127.0.0.1. */
export function watchPage(page: Page, serverUrl: string, consoleErrors: string[], foreignRequests: string[]): void {
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    const url = r.url();
    const local = url.startsWith(serverUrl) || /^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url);
    if (!local && !url.startsWith('blob:') && !url.startsWith('data:')) foreignRequests.push(url);
  });
}

export async function startSession(): Promise<Session> {
  mkdirSync(shots, { recursive: true });
  const server = await serveDirectory(dist);
  const browser = await chromium.launch(chromiumOptions);
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  const watch = (p: Page): void => watchPage(p, server.url, consoleErrors, foreignRequests);
  return {
    browser,
    server,
    consoleErrors,
    foreignRequests,
    async open(viewport, hash = '') {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1, acceptDownloads: true, locale: 'zh-CN' });
      const page = await context.newPage();
      watch(page);
      await page.goto(server.url + hash);
      await page.getByRole('table', { name: '结算结果' }).or(page.getByRole('table', { name: 'Results' })).waitFor();
      return { context, page };
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Number of answers of the settle worker so far. */
export async function answers(page: Page): Promise<number> {
  return Number.parseInt((await page.locator('.status').getAttribute('data-answers')) ?? '0', 10);
}

/** Waits until the worker has answered after `before` and nothing is pending. */
export async function settled(page: Page, before: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const s = document.querySelector<HTMLElement>('.status');
      return s !== null && Number.parseInt(s.dataset['answers'] ?? '0', 10) > n && s.dataset['state'] === 'idle';
    },
    before,
    { timeout: 60_000 },
  );
}

/** Opens `text` as the file `name` by dropping it on the page, as a person would. */
export async function dropFile(page: Page, name: string, text: string): Promise<void> {
  const before = await answers(page);
  await page.evaluate(
    ([n, t]) => {
      const data = new DataTransfer();
      data.items.add(new File([t], n, { type: 'application/json' }));
      document.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    [name, text] as const,
  );
  await settled(page, before);
}
