import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterDemoMeeting, launchChromium, openAgendaDocument, signedInPage } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

let server: ServerProcess;
let browser: Browser;
/** The same delegate on two devices, and a second delegate. */
let laptop: Page;
let tablet: Page;
let colleague: Page;

const highlights = (page: Page) => page.getByTestId('annotation-highlight');
const notes = (page: Page) => page.getByTestId('annotation-note');

/** Drags the mouse across a line of the text layer, as a person selects words. */
async function selectWords(page: Page, text: string): Promise<void> {
  const span = page.locator('.textLayer span', { hasText: text }).first();
  const box = await span.boundingBox();
  if (!box) throw new Error(`no text "${text}" on the page`);
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
}

beforeAll(async () => {
  server = await startServerProcess();
  browser = await launchChromium();
  laptop = await signedInPage(browser, server.url, 'daibieu1');
  tablet = await signedInPage(browser, server.url, 'daibieu1');
  colleague = await signedInPage(browser, server.url, 'daibieu2');
  for (const page of [laptop, tablet, colleague]) {
    await enterDemoMeeting(page);
    await openAgendaDocument(page, 0);
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('annotating a session paper', () => {
  it('keeps a highlight private: the delegate’s other device shows it, another delegate does not', async () => {
    await laptop.getByRole('button', { name: 'Tô sáng', exact: true }).click();
    await selectWords(laptop, 'Năm 2026, trong bối cảnh');
    await expect.poll(() => highlights(laptop).count()).toBe(1);
    await expect.poll(() => highlights(tablet).count(), { timeout: 10_000 }).toBe(1);
    // Give the colleague's connection every chance to (wrongly) receive it.
    await laptop.waitForTimeout(1500);
    expect(await highlights(colleague).count()).toBe(0);
  });

  it('shows the highlight to the other delegate, with its author, once shared', async () => {
    await laptop.getByRole('button', { name: 'Chọn', exact: true }).click();
    const box = await highlights(laptop).first().locator('rect').first().boundingBox();
    if (!box) throw new Error('highlight not drawn');
    await laptop.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await laptop.getByRole('button', { name: 'Chia sẻ với cuộc họp' }).click();
    await expect.poll(() => highlights(colleague).count(), { timeout: 10_000 }).toBe(1);
    expect(await highlights(colleague).first().getAttribute('data-author')).toBe('Lê Văn Hùng');
    await expect.poll(() => colleague.locator('.annotation-author').first().textContent()).toBe('Lê Văn Hùng');
  });

  it('keeps a note written while the server is down, and delivers it to the other device when it returns', async () => {
    await server.halt();
    await expect.poll(() => laptop.getByTestId('connection-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('disconnected');
    // Still reading: the page turns without the server.
    await laptop.getByRole('button', { name: 'Trang sau' }).click();
    await expect.poll(() => laptop.getByTestId('page-indicator').textContent()).toBe('Trang 2/2');
    await laptop.getByRole('button', { name: 'Ghi chú', exact: true }).click();
    const page = await laptop.locator('.reader-page[data-rendered=true]').boundingBox();
    if (!page) throw new Error('page not drawn');
    await laptop.mouse.click(page.x + page.width * 0.7, page.y + page.height * 0.3);
    await laptop.getByLabel('Nội dung ghi chú').fill('Hỏi lại số liệu giải ngân vốn đầu tư công');
    await expect.poll(() => notes(laptop).count()).toBe(1);

    await server.resume();
    await tablet.getByRole('button', { name: 'Trang sau' }).click();
    await expect.poll(() => notes(tablet).count(), { timeout: 20_000 }).toBe(1);
    await tablet.getByRole('button', { name: 'Chọn', exact: true }).click();
    const icon = await notes(tablet).first().boundingBox();
    if (!icon) throw new Error('note not drawn');
    await tablet.mouse.click(icon.x + icon.width / 2, icon.y + icon.height / 2);
    await expect.poll(() => tablet.getByLabel('Nội dung ghi chú').inputValue()).toBe('Hỏi lại số liệu giải ngân vốn đầu tư công');
    await expect.poll(() => laptop.getByTestId('connection-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('connected');
  });

  it('exports the delegate’s annotated copy as a PDF', async () => {
    const download = laptop.waitForEvent('download');
    await laptop.getByRole('button', { name: 'Xuất bản có ghi chú' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/ghi chú\.pdf$/);
    const path = await file.path();
    const { readFile } = await import('node:fs/promises');
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await getDocument({ data: new Uint8Array(await readFile(path)), verbosity: 0 }).promise;
    const page2 = await (await pdf.getPage(2)).getTextContent();
    const text = page2.items.map((item) => ('str' in item ? item.str : '')).join(' ');
    expect(text).toContain('Hỏi lại số liệu giải ngân');
  });
});
