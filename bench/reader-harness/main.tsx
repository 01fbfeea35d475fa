/**
 * Benchmark harness: the real DocumentReader (and the app's pdf.js setup,
 * strings and stylesheet) on a PDF fetched from `./document.pdf`, with
 * timing hooks for bench/pdf-reader.ts. Nothing here is in the app bundle.
 */
import { createRoot } from 'react-dom/client';
import { openPdf } from '../../renderer/src/documents/pdfjs.ts';
import { DocumentReader } from '../../renderer/src/documents/reader/DocumentReader.tsx';
import { initI18n } from '../../renderer/src/i18n/index.ts';
import '../../renderer/src/styles/app.css';

export interface ReaderBench {
  /** Milliseconds from this script's start: PDF fetched, opened by pdf.js, first page painted. */
  firstPage: Promise<{ fetchedMs: number; openedMs: number; paintedMs: number }>;
  /** Prepares to time the next key press until page `expected` is painted at the current zoom. */
  armTurn(expected: number): void;
  /** Resolves with key press → painted, in milliseconds, for the armed turn. */
  turnDone(): Promise<number>;
  /** Resolves once the reader has nothing left to render (neighbours pre-rendered) for two frames. */
  settled(): Promise<void>;
  /** The reader's cache sizes (page canvases, thumbnails) as it reports them. */
  caches(): { pages: number; thumbnails: number; canvasesInDom: number };
}

declare global {
  interface Window {
    readerBench: ReaderBench;
  }
}

const started = performance.now();
const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
/** After the frame in which the DOM changed: the next task after rAF runs once that frame is painted. */
const painted = () =>
  new Promise<number>((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(0);
    }),
  );

/** Resolves when page `pageNumber` is shown at the current zoom (the reader sets data-rendered on its page box). */
function whenShown(pageNumber: number): Promise<void> {
  const selector = `.reader-page[data-page-number="${pageNumber}"][data-rendered="true"]`;
  return new Promise((resolve) => {
    if (document.querySelector(selector)) return resolve();
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-rendered', 'data-page-number'] });
  });
}

let keyAt = 0;
let turn: Promise<number> = Promise.resolve(0);
window.addEventListener('keydown', (event) => (keyAt = event.timeStamp), { capture: true });

await initI18n();
const bytes = new Uint8Array(await (await fetch('./document.pdf')).arrayBuffer());
const fetchedMs = performance.now() - started;
const pdf = await openPdf(bytes).promise;
const openedMs = performance.now() - started;
const root = document.getElementById('root');
if (!root) throw new Error('no #root');
createRoot(root).render(<DocumentReader pdf={pdf} title="Tài liệu 300 trang (đo hiệu năng)" />);

window.readerBench = {
  firstPage: whenShown(1)
    .then(painted)
    .then((at) => ({ fetchedMs, openedMs, paintedMs: at - started })),
  armTurn(expected) {
    keyAt = 0;
    turn = whenShown(expected)
      .then(painted)
      .then((at) => at - keyAt);
  },
  turnDone: () => turn,
  async settled() {
    for (let idle = 0; idle < 2; ) {
      await frame();
      idle = document.querySelector('[data-testid=document-reader][data-renderer-busy=false]') ? idle + 1 : 0;
    }
  },
  caches() {
    const reader = document.querySelector('[data-testid=document-reader]');
    return {
      pages: Number(reader?.getAttribute('data-cached-pages') ?? 0),
      thumbnails: Number(reader?.getAttribute('data-cached-thumbnails') ?? 0),
      canvasesInDom: document.querySelectorAll('canvas').length,
    };
  },
};
