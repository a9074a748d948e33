/**
 * The fund-flow diagram in real headless Chromium, read as a person reads it: the Yangxi example
 * with every member shown, and a generated Yangxi year with 2,000 members, where each pool
 * shows its ten largest members and "其他 k 家" for the rest, which opens a list. Checked: no
 * label overlaps another or leaves the drawing, amounts carry thousands separators, the colour
 * key names every node in the node's colour, and the amounts shown add up exactly (BigInt fen)
 * to the pool they come from.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserReady, dropFile, expect, root, type Session, shots, startSession } from './harness.js';
import { COUNTY_MEMBERS, TOWN_MEMBERS, yangxiWithMembers } from './members-2000.mjs';

const ready = browserReady();

/** Fen from displayed money ("1,234.56" → 123456n). */
const fen = (text: string): bigint => BigInt(text.replace(/[,.]/g, ''));

interface Box {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly right: number;
  readonly bottom: number;
}

/** The diagram's text boxes and the drawing's own box, in page pixels. */
async function textBoxes(page: Page): Promise<{ boxes: Box[]; svg: Box }> {
  return page.evaluate(() => {
    const svg = document.querySelector('fund-flow')?.shadowRoot?.querySelector('svg');
    if (!svg) throw new Error('no diagram');
    const box = (e: Element, text: string): Box => {
      const r = e.getBoundingClientRect();
      return { text, x: r.left, y: r.top, right: r.right, bottom: r.bottom };
    };
    return { boxes: [...svg.querySelectorAll('text')].map((t) => box(t, t.textContent ?? '')), svg: box(svg, '') };
  });
}

/** The colour key as the reader sees it: name, amount and swatch colour per entry. */
async function key(page: Page): Promise<{ name: string; amount: string; swatch: string }[]> {
  return page.getByRole('list', { name: /图例/ }).getByRole('listitem').evaluateAll((items) =>
    items.map((li) => ({
      name: li.children[1]?.textContent?.trim() ?? '',
      amount: li.children[2]?.textContent?.trim() ?? '',
      swatch: getComputedStyle(li.children[0] as Element).backgroundColor,
    })),
  );
}

function expectNoOverlap(boxes: readonly Box[], svg: Box): void {
  for (const b of boxes) {
    // Inside the drawing: nothing cut off at its edges.
    expect(b.x, b.text).toBeGreaterThanOrEqual(svg.x - 0.5);
    expect(b.right, b.text).toBeLessThanOrEqual(svg.right + 0.5);
    expect(b.y, b.text).toBeGreaterThanOrEqual(svg.y - 0.5);
    expect(b.bottom, b.text).toBeLessThanOrEqual(svg.bottom + 0.5);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i] as Box, boxes[j] as Box];
      // Glyph boxes of adjacent lines may touch by a pixel; text overlaps when they cross by more.
      const overlap = Math.min(a.right, b.right) - Math.max(a.x, b.x) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.y, b.y) > 2;
      expect(overlap, `"${a.text}" overlaps "${b.text}"`).toBe(false);
    }
  }
}

describe.skipIf(!ready)('the fund-flow diagram', () => {
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    session = await startSession();
    ({ page } = await session.open({ width: 1280, height: 720 }));
    await page.getByRole('tab', { name: '资金流向' }).click();
    await page.getByRole('img', { name: /资金流向图/ }).waitFor();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows every Yangxi member with its amount, labels apart, and a colour key', async () => {
    const { boxes, svg } = await textBoxes(page);
    expectNoOverlap(boxes, svg);
    const entries = await key(page);
    // DOMAIN.md E1: town-1 gets 1,859,282.34, the people's hospital 8,229,610.37; no member folded.
    expect(entries).toContainEqual(expect.objectContaining({ name: 'town-1', amount: '1,859,282.34' }));
    expect(entries).toContainEqual(expect.objectContaining({ name: 'county-people', amount: '8,229,610.37' }));
    expect(entries.some((e) => e.name.startsWith('其他'))).toBe(false);
    // Each key entry's colour is its node's colour.
    const fills = await page.evaluate(() =>
      [...(document.querySelector('fund-flow')?.shadowRoot?.querySelectorAll('svg g[data-node] > rect') ?? [])].map((r) => getComputedStyle(r).fill),
    );
    expect(new Set(entries.map((e) => e.swatch))).toEqual(new Set(fills));
    await page.getByRole('region', { name: '结算结果区' }).screenshot({ path: `${shots}/fund-flow-yangxi.png` });
  });

  it('stays readable with 2,000 members: the largest ten of each pool and 其他 k 家, which opens a list', async () => {
    await dropFile(page, 'yangxi-2000.input.json', yangxiWithMembers(root));
    await page.getByRole('button', { name: new RegExp(`^其他 ${COUNTY_MEMBERS - 10} 家`) }).waitFor();
    const { boxes, svg } = await textBoxes(page);
    expectNoOverlap(boxes, svg);
    // 10 + 10 members, two "others", fund, reserves, community, pools, providers, returned: never 2,000 labels.
    expect(boxes.length).toBeLessThan(80);
    const entries = await key(page);
    const townOthers = entries.find((e) => e.name === `其他 ${(TOWN_MEMBERS - 10).toLocaleString('en')} 家`);
    const countyOthers = entries.find((e) => e.name === `其他 ${COUNTY_MEMBERS - 10} 家`);
    expect(townOthers?.amount).toMatch(/^\d{1,3}(,\d{3})*\.\d\d$/);
    // The ten shown and the others add up to the pool, to the fen.
    const pool = (name: string): bigint => fen(entries.find((e) => e.name === name)?.amount ?? 'x');
    const shown = (prefix: string): bigint => entries.filter((e) => e.name.startsWith(prefix)).reduce((a, e) => a + fen(e.amount), 0n);
    expect(entries.filter((e) => e.name.startsWith('county-')).length).toBe(10);
    expect(shown('county-') + fen(countyOthers?.amount ?? 'x')).toBe(pool('县级结余池'));
    expect(shown('town-') + fen(townOthers?.amount ?? 'x')).toBe(pool('镇级结余池'));
    await page.getByRole('region', { name: '结算结果区' }).screenshot({ path: `${shots}/fund-flow-2000.png` });

    // Open the county's others: the 11th largest member on, 50 at a time, largest first.
    await page.getByRole('button', { name: new RegExp(`^其他 ${COUNTY_MEMBERS - 10} 家`) }).click();
    const list = page.getByRole('region', { name: `县级结余池 → 其他 ${COUNTY_MEMBERS - 10} 家（按金额从大到小）` });
    await list.waitFor();
    const rows = await list.getByRole('row').allInnerTexts();
    expect(rows.length).toBe(51);
    expect(rows[1]).toMatch(/^11\s/);
    const amounts = rows.slice(1).map((r) => fen(r.split(/\s+/).pop() ?? 'x'));
    for (let i = 1; i < amounts.length; i++) expect(amounts[i - 1] ?? 0n).toBeGreaterThanOrEqual(amounts[i] ?? 0n);
    expect(await list.getByText(`第 1–50 行，共 ${COUNTY_MEMBERS - 10} 行`).count()).toBe(1);
    await list.getByRole('button', { name: /下一页/ }).click();
    expect((await list.getByRole('row').allInnerTexts())[1]).toMatch(/^61\s/);
    await page.getByRole('region', { name: '结算结果区' }).screenshot({ path: `${shots}/fund-flow-others.png` });
  });

  it('made no console errors and no request beyond 127.0.0.1', () => {
    expect(session.consoleErrors).toEqual([]);
    expect(session.foreignRequests).toEqual([]);
  });
});
