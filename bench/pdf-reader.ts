/**
 * `node bench/pdf-reader.ts`: the document reader on a 300-page Vietnamese
 * PDF in Chromium. Builds bench/reader-harness (the real DocumentReader
 * loading a PDF from a URL) with Vite into a temp dir, serves it with the
 * PDF from a loopback static server, then, three times in fresh browser
 * contexts:
 *
 * - time to first page (script start → page 1 painted), split into fetch,
 *   pdf.js open and first render;
 * - page turns 1 → 300 with ArrowRight, key press → new page painted,
 *   reading pace (each turn waits until the reader has pre-rendered the
 *   neighbours, as a person reading would) and flipping pace (the next key
 *   as soon as the page shows);
 * - JS heap (CDP JSHeapUsedSize) at start, sampled while paging, and at the
 *   end, plus after forced garbage collection, the reader's cache sizes and
 *   the renderer process's resident memory (canvas bitmaps live there);
 * - a diacritic-insensitive search of the whole document ("dau tu").
 *
 * Writes bench/results/pdf-reader.json and prints a summary.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { DEMO_DOCUMENTS } from '../sfu-server/src/demo/agenda-documents.ts';
import { PdfWriter } from '../sfu-server/src/documents/pdf-writer.ts';
import { launchChromium } from '../tests/support/browser.ts';
import { buildPage, serveDirectory } from './lib/page-server.ts';
import { acrossRuns, round, spread } from './lib/stats.ts';

const PAGES = 300;
const RUNS = 3;
const VIEWPORT = { width: 1400, height: 900 };
const HEAP_SAMPLE_EVERY = 10;
const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));

/** A 300-page document in the layout of the demo papers: every page a heading and three paragraphs of the demo texts. */
async function writeDocument(path: string): Promise<number> {
  const writer = await PdfWriter.create({ title: 'Tài liệu 300 trang', author: 'Diên Hồng bench' });
  const paragraphs = DEMO_DOCUMENTS.flatMap((document) => document.sections.flatMap((section) => section.paragraphs));
  for (let page = 1; page <= PAGES; page += 1) {
    if (page > 1) writer.newPage();
    writer.text(`PHỤ LỤC ${page}. TỔNG HỢP Ý KIẾN VỀ KẾ HOẠCH ĐẦU TƯ CÔNG`, { style: 'bold', align: 'left', spaceAfter: 6 });
    for (let index = 0; index < 3; index += 1) writer.text(paragraphs[(page * 3 + index) % paragraphs.length] ?? '', { indent: true });
  }
  const bytes = await writer.save();
  if (writer.pdf.getPageCount() !== PAGES) throw new Error(`expected ${PAGES} pages, wrote ${writer.pdf.getPageCount()}`);
  await writeFile(path, bytes);
  return bytes.byteLength;
}

async function heapMB(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20;
}

/**
 * The pdf.js worker's JS heap, read through the page's CDP session: the
 * worker target is attached without flattening and spoken to through
 * Target.sendMessageToTarget.
 */
class WorkerHeap {
  readonly #cdp: CDPSession;
  readonly #waiting = new Map<number, (result: unknown) => void>();
  #session: string | null = null;
  #nextId = 1;

  private constructor(cdp: CDPSession) {
    this.#cdp = cdp;
  }

  static async attach(cdp: CDPSession): Promise<WorkerHeap> {
    const probe = new WorkerHeap(cdp);
    cdp.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
      if (targetInfo.type === 'worker') probe.#session = sessionId;
    });
    cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
      const reply = JSON.parse(message) as { id: number; result?: unknown };
      probe.#waiting.get(reply.id)?.(reply.result);
      probe.#waiting.delete(reply.id);
    });
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    return probe;
  }

  async #call(method: string): Promise<unknown> {
    if (!this.#session) return null;
    const id = this.#nextId++;
    const reply = new Promise<unknown>((resolve) => this.#waiting.set(id, resolve));
    await this.#cdp.send('Target.sendMessageToTarget', { sessionId: this.#session, message: JSON.stringify({ id, method }) });
    return reply;
  }

  async usedMB(): Promise<number> {
    const usage = (await this.#call('Runtime.getHeapUsage')) as { usedSize: number } | null;
    return usage ? usage.usedSize / 2 ** 20 : 0;
  }

  async collectGarbage(): Promise<void> {
    await this.#call('HeapProfiler.collectGarbage');
  }
}

/** Resident memory of the largest renderer process (the page under test), in MB; null where the platform cannot tell. */
async function rendererRssMB(browser: Browser): Promise<number | null> {
  try {
    const session = await browser.newBrowserCDPSession();
    const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
    await session.detach();
    let largest = 0;
    for (const { type, id } of processInfo) {
      if (type !== 'renderer') continue;
      const status = readFileSync(`/proc/${id}/status`, 'utf8');
      largest = Math.max(largest, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    }
    return largest || null;
  } catch {
    return null;
  }
}

/** Turns from page 1 to the last with ArrowRight, timing each turn and sampling memory. */
async function pageThrough(page: Page, cdp: CDPSession, worker: WorkerHeap, browser: Browser, pace: 'reading' | 'flipping') {
  await page.keyboard.press('Home');
  await page.evaluate(() => window.readerBench.settled());
  const turns: number[] = [];
  const heap: number[] = [await heapMB(cdp)];
  const workerHeap: number[] = [await worker.usedMB()];
  const rss: number[] = [];
  let maxPages = 0;
  let maxThumbnails = 0;
  let maxCanvasesInDom = 0;
  for (let target = 2; target <= PAGES; target += 1) {
    if (pace === 'reading') await page.evaluate(() => window.readerBench.settled());
    await page.evaluate((expected) => window.readerBench.armTurn(expected), target);
    await page.keyboard.press('ArrowRight');
    turns.push(await page.evaluate(() => window.readerBench.turnDone()));
    const caches = await page.evaluate(() => window.readerBench.caches());
    maxPages = Math.max(maxPages, caches.pages);
    maxThumbnails = Math.max(maxThumbnails, caches.thumbnails);
    maxCanvasesInDom = Math.max(maxCanvasesInDom, caches.canvasesInDom);
    if (target % HEAP_SAMPLE_EVERY === 0) {
      heap.push(await heapMB(cdp));
      workerHeap.push(await worker.usedMB());
      rss.push((await rendererRssMB(browser)) ?? 0);
    }
  }
  await page.evaluate(() => window.readerBench.settled());
  return {
    turnMs: spread(turns),
    peakHeapMB: round(Math.max(...heap)),
    peakWorkerHeapMB: round(Math.max(...workerHeap)),
    peakRendererRssMB: round(Math.max(...rss)),
    rendererRssSamplesMB: rss.map(round),
    caches: { maxPageCanvases: maxPages, maxThumbnails, maxCanvasesInDom },
  };
}

/** A diacritic-insensitive search of the whole, freshly opened document (no page text extracted yet). */
async function searchWholeDocument(page: Page): Promise<{ ms: number; results: string }> {
  await page.getByTestId('search-toggle').click();
  await page.getByTestId('search-ignore-diacritics').check();
  const started = Date.now();
  await page.getByTestId('search-input').fill('dau tu');
  await page.locator('[data-testid=search-panel][data-state=done][data-query="dau tu"]').waitFor({ timeout: 120_000 });
  // The search starts after a 250 ms typing pause, which is not search time.
  const ms = Date.now() - started - 250;
  const results = (await page.getByTestId('search-count').textContent()) ?? '';
  await page.getByTestId('search-toggle').click();
  return { ms, results };
}

async function run(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'vi-VN' });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const worker = await WorkerHeap.attach(cdp);
  await page.goto(url);
  await page.waitForFunction(() => 'readerBench' in window, undefined, { timeout: 120_000 });
  const firstPage = await page.evaluate(() => window.readerBench.firstPage);
  await page.evaluate(() => window.readerBench.settled());
  const memory = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await worker.collectGarbage();
    return { heapMB: round(await heapMB(cdp)), workerHeapMB: round(await worker.usedMB()), rendererRssMB: round((await rendererRssMB(browser)) ?? 0) };
  };
  const opened = await memory();
  const search = await searchWholeDocument(page);
  const searched = await memory();
  await page.getByTestId('document-reader').focus();
  const reading = await pageThrough(page, cdp, worker, browser, 'reading');
  const flipping = await pageThrough(page, cdp, worker, browser, 'flipping');
  const paged = await memory();
  await context.close();
  return {
    firstPage: { fetchedMs: round(firstPage.fetchedMs), openedMs: round(firstPage.openedMs), paintedMs: round(firstPage.paintedMs) },
    search,
    reading,
    flipping,
    /** After garbage collection: once page 1 shows, after the search (page texts indexed), after paging through twice. */
    memory: { opened, searched, paged },
  };
}

function chromiumVersion(): string {
  const result = spawnSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8' });
  return result.stdout.trim() || 'unknown';
}

const work = await mkdtemp(join(tmpdir(), 'dien-hong-bench-reader-'));
let server: Server | undefined;
let browser: Browser | undefined;
try {
  const harness = join(work, 'harness');
  await buildPage(join(BENCH_DIR, 'reader-harness'), harness, [react()]);
  const bytes = await writeDocument(join(harness, 'document.pdf'));
  const served = await serveDirectory(harness);
  server = served.server;
  browser = await launchChromium();
  const runs = [];
  for (let index = 0; index < RUNS; index += 1) {
    process.stderr.write(`[pdf-reader] run ${index + 1}/${RUNS}\n`);
    runs.push(await run(browser, served.url));
  }

  const summary = {
    firstPagePaintedMs: acrossRuns(runs.map((one) => one.firstPage.paintedMs)),
    firstPageRenderMs: acrossRuns(runs.map((one) => one.firstPage.paintedMs - one.firstPage.openedMs)),
    readingTurnMs: {
      median: acrossRuns(runs.map((one) => one.reading.turnMs.median)),
      p95: acrossRuns(runs.map((one) => one.reading.turnMs.p95)),
      max: acrossRuns(runs.map((one) => one.reading.turnMs.max)),
    },
    flippingTurnMs: {
      median: acrossRuns(runs.map((one) => one.flipping.turnMs.median)),
      p95: acrossRuns(runs.map((one) => one.flipping.turnMs.p95)),
      max: acrossRuns(runs.map((one) => one.flipping.turnMs.max)),
    },
    heapMB: {
      opened: acrossRuns(runs.map((one) => one.memory.opened.heapMB)),
      peakWhilePaging: acrossRuns(runs.map((one) => Math.max(one.reading.peakHeapMB, one.flipping.peakHeapMB))),
      afterPaging: acrossRuns(runs.map((one) => one.memory.paged.heapMB)),
    },
    workerHeapMB: {
      opened: acrossRuns(runs.map((one) => one.memory.opened.workerHeapMB)),
      peakWhilePaging: acrossRuns(runs.map((one) => Math.max(one.reading.peakWorkerHeapMB, one.flipping.peakWorkerHeapMB))),
      afterPaging: acrossRuns(runs.map((one) => one.memory.paged.workerHeapMB)),
    },
    rendererRssMB: {
      opened: acrossRuns(runs.map((one) => one.memory.opened.rendererRssMB)),
      peakWhilePaging: acrossRuns(runs.map((one) => Math.max(one.reading.peakRendererRssMB, one.flipping.peakRendererRssMB))),
      afterPaging: acrossRuns(runs.map((one) => one.memory.paged.rendererRssMB)),
    },
    maxPageCanvases: Math.max(...runs.map((one) => Math.max(one.reading.caches.maxPageCanvases, one.flipping.caches.maxPageCanvases))),
    maxThumbnails: Math.max(...runs.map((one) => Math.max(one.reading.caches.maxThumbnails, one.flipping.caches.maxThumbnails))),
    maxCanvasesInDom: Math.max(...runs.map((one) => Math.max(one.reading.caches.maxCanvasesInDom, one.flipping.caches.maxCanvasesInDom))),
    coldSearchMs: acrossRuns(runs.map((one) => one.search.ms)),
  };
  const result = {
    benchmark: 'pdf-reader',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version, chromium: chromiumVersion() },
    setup: { pages: PAGES, pdfBytes: bytes, viewport: VIEWPORT, deviceScaleFactor: 1, readerBox: '720×860 CSS px (the room’s document column)', zoom: 'fit width', thumbnails: 'open', runs: RUNS },
    summary,
    runs,
  };
  await mkdir(join(BENCH_DIR, 'results'), { recursive: true });
  await writeFile(join(BENCH_DIR, 'results', 'pdf-reader.json'), `${JSON.stringify(result, null, 2)}\n`);

  const range = (value: { median: number; min: number; max: number }, unit: string) => `${value.median} ${unit} [${value.min}–${value.max}]`;
  console.log(`
Document reader, ${PAGES}-page Vietnamese PDF (${(bytes / 2 ** 20).toFixed(1)} MB), ${RUNS} runs, ${result.machine.chromium}
(median across runs, range in brackets)
  first page painted        ${range(summary.firstPagePaintedMs, 'ms')} from script start; its render alone ${range(summary.firstPageRenderMs, 'ms')}
  page turn, reading pace   median ${range(summary.readingTurnMs.median, 'ms')}, p95 ${range(summary.readingTurnMs.p95, 'ms')}, max ${range(summary.readingTurnMs.max, 'ms')}
  page turn, flipping pace  median ${range(summary.flippingTurnMs.median, 'ms')}, p95 ${range(summary.flippingTurnMs.p95, 'ms')}, max ${range(summary.flippingTurnMs.max, 'ms')}
  JS heap, page             opened ${range(summary.heapMB.opened, 'MB')}, peak while paging ${range(summary.heapMB.peakWhilePaging, 'MB')}, after paging ${range(summary.heapMB.afterPaging, 'MB')} (after GC)
  JS heap, pdf.js worker    opened ${range(summary.workerHeapMB.opened, 'MB')}, peak while paging ${range(summary.workerHeapMB.peakWhilePaging, 'MB')}, after paging ${range(summary.workerHeapMB.afterPaging, 'MB')} (after GC)
  renderer process RSS      opened ${range(summary.rendererRssMB.opened, 'MB')}, peak while paging ${range(summary.rendererRssMB.peakWhilePaging, 'MB')}, after paging ${range(summary.rendererRssMB.afterPaging, 'MB')}
  bitmaps kept              ≤ ${summary.maxPageCanvases} page canvases, ≤ ${summary.maxThumbnails} thumbnails, ≤ ${summary.maxCanvasesInDom} canvases in the DOM
  cold search "dau tu"      ${range(summary.coldSearchMs, 'ms')} over ${PAGES} pages (${runs[0]?.search.results})
Wrote bench/results/pdf-reader.json`);
} finally {
  await browser?.close();
  server?.close();
  await rm(work, { recursive: true, force: true });
}
