import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterDemoMeeting, launchChromium, signedInPage } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

let server: ServerProcess;
let browser: Browser;
let delegate: Page;

/** The visible page's canvas, once rendered. */
const shownCanvas = () => delegate.locator('canvas[data-testid=pdf-page]:not([hidden])');
/** The page box once the canvas at the current zoom is in. */
const renderedPage = () => delegate.locator('.reader-page[data-rendered=true]');

async function searchFor(query: string, ignoreDiacritics: boolean): Promise<{ pages: number[]; count: string }> {
  const toggle = delegate.getByTestId('search-ignore-diacritics');
  if ((await toggle.isChecked()) !== ignoreDiacritics) await toggle.click();
  await delegate.getByTestId('search-input').fill(query);
  const panel = delegate.locator(`[data-testid=search-panel][data-state=done][data-ignore-diacritics=${ignoreDiacritics}]`);
  await panel.and(delegate.locator(`[data-query="${query}"]`)).waitFor({ timeout: 15_000 });
  const pages = await delegate.getByTestId('search-result').evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-page'))));
  return { pages, count: (await delegate.getByTestId('search-count').textContent()) ?? '' };
}

beforeAll(async () => {
  server = await startServerProcess();
  browser = await launchChromium();
  delegate = await signedInPage(browser, server.url, 'daibieu1');
  await enterDemoMeeting(delegate);
  await delegate.getByTestId('agenda-item').first().getByRole('button').click();
  await shownCanvas().waitFor({ timeout: 15_000 });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a delegate reading the first agenda item’s document', () => {
  it('shows the page with its Vietnamese text selectable over the drawing', async () => {
    await expect.poll(() => delegate.getByTestId('page-indicator').textContent()).toBe('Trang 1/2');
    await expect.poll(() => delegate.locator('.textLayer').textContent(), { timeout: 10_000 }).toContain('Tình hình thực hiện nhiệm vụ phát triển kinh tế');
    // Selecting the text layer's content yields the document's words, diacritics intact.
    const selected = await delegate.locator('.textLayer').evaluate((layer) => {
      const range = document.createRange();
      range.selectNodeContents(layer);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      const text = selection?.toString() ?? '';
      selection?.removeAllRanges();
      return text;
    });
    expect(selected).toContain('ỦY BAN NHÂN DÂN');
    expect(selected).toContain('Độc lập - Tự do - Hạnh phúc');
  });

  it('finds "đầu tư" and highlights it on the page of the chosen result', async () => {
    await delegate.getByTestId('search-toggle').click();
    const { pages, count } = await searchFor('đầu tư', false);
    expect(pages.length).toBeGreaterThan(0);
    expect(count).toMatch(/^\d+ kết quả trên \d+ trang$/);
    const target = pages.at(-1) ?? 1;
    await delegate.locator(`[data-testid=search-result][data-page="${target}"]`).click();
    await expect.poll(() => delegate.getByTestId('page-indicator').textContent()).toBe(`Trang ${target}/2`);
    await expect.poll(() => delegate.locator('.textLayer .highlight').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const highlighted = await delegate.locator('.textLayer .highlight.selected').allTextContents();
    expect(highlighted.join(' ').toLowerCase()).toContain('đầu');
    await expect.poll(() => delegate.getByTestId('search-position').textContent()).toMatch(/^Kết quả \d+\/\d+$/);
  });

  it('with diacritics ignored, "dau tu" finds the same pages as "đầu tư"; without, it finds nothing', async () => {
    const exact = await searchFor('đầu tư', false);
    const folded = await searchFor('dau tu', true);
    expect(folded.pages).toEqual(exact.pages);
    expect(folded.count).toBe(exact.count);
    const strict = await searchFor('dau tu', false);
    expect(strict.pages).toEqual([]);
    expect(strict.count).toBe('Không tìm thấy kết quả nào.');
    await delegate.getByRole('button', { name: 'Đóng tìm kiếm' }).click();
  });

  it('changes the rendered page size with "fit page" and a percentage', async () => {
    const width = async () => (await shownCanvas().boundingBox())?.width ?? 0;
    const zoom = delegate.getByTestId('zoom-select');
    await zoom.selectOption('fit-width');
    await renderedPage().waitFor();
    const fitWidth = await width();
    await zoom.selectOption('fit-page');
    await expect.poll(width).toBeLessThan(fitWidth - 20);
    await zoom.selectOption('200');
    // 200 %: twice the paper's size at 96 dpi (A4 is 595.28 pt wide).
    await expect.poll(width).toBeCloseTo((595.28 * 96) / 72 * 2, -1);
    await renderedPage().waitFor();
    const pixels = await shownCanvas().evaluate((canvas: HTMLCanvasElement) => canvas.width);
    expect(pixels).toBeGreaterThanOrEqual(1587);
    await zoom.selectOption('fit-width');
    await expect.poll(width).toBeCloseTo(fitWidth, 0);
  });

  it('turns pages with the keyboard', async () => {
    await delegate.getByTestId('document-reader').focus();
    await delegate.keyboard.press('Home');
    await expect.poll(() => delegate.getByTestId('page-indicator').textContent()).toBe('Trang 1/2');
    await delegate.keyboard.press('ArrowRight');
    await expect.poll(() => delegate.getByTestId('page-indicator').textContent()).toBe('Trang 2/2');
    await expect.poll(() => shownCanvas().getAttribute('data-page')).toBe('2');
    await delegate.keyboard.press('ArrowLeft');
    await expect.poll(() => delegate.getByTestId('page-indicator').textContent()).toBe('Trang 1/2');
    await delegate.keyboard.press('End');
    await expect.poll(() => delegate.getByTestId('page-indicator').textContent()).toBe('Trang 2/2');
  });

  it('turns pages with a horizontal swipe on a touch screen', async () => {
    await delegate.keyboard.press('Home');
    await expect.poll(() => delegate.getByTestId('page-indicator').textContent()).toBe('Trang 1/2');
    const stage = await delegate.locator('.reader-stage').boundingBox();
    if (!stage) throw new Error('no stage');
    const cdp = await delegate.context().newCDPSession(delegate);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
    const y = stage.y + stage.height / 2;
    const swipe = async (fromX: number, toX: number) => {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: fromX, y }] });
      for (let step = 1; step <= 5; step += 1) {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: fromX + ((toX - fromX) * step) / 5, y }] });
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    };
    await swipe(stage.x + stage.width * 0.8, stage.x + stage.width * 0.2);
    await expect.poll(() => delegate.getByTestId('page-indicator').textContent()).toBe('Trang 2/2');
    await swipe(stage.x + stage.width * 0.2, stage.x + stage.width * 0.8);
    await expect.poll(() => delegate.getByTestId('page-indicator').textContent()).toBe('Trang 1/2');
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: false });
    await cdp.detach();
  });

  it('shows a thumbnail per page and goes to the page whose thumbnail is clicked', async () => {
    await delegate.keyboard.press('Home');
    const thumbnails = delegate.getByTestId('thumbnail');
    await expect.poll(() => thumbnails.count()).toBe(2);
    // Each thumbnail shows a drawn miniature of its page.
    await expect.poll(() => delegate.locator('[data-testid=thumbnail] canvas').count(), { timeout: 10_000 }).toBe(2);
    const second = delegate.locator('[data-testid=thumbnail][data-page="2"]');
    await second.click();
    await expect.poll(() => delegate.getByTestId('page-indicator').textContent()).toBe('Trang 2/2');
    await expect.poll(() => second.getAttribute('aria-current')).toBe('page');
    await expect.poll(() => shownCanvas().getAttribute('data-page')).toBe('2');
  });
});
