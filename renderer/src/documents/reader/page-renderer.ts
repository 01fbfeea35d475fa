import type { PDFDocumentProxy, PDFPageProxy, RenderTask } from 'pdfjs-dist';
import { CanvasCache, releaseCanvas } from './canvas-cache.ts';

/**
 * Budgets of rendered bitmaps, whatever the page count: a few pages (the
 * visible one and its neighbours, plus recent ones at another zoom) and the
 * thumbnails around the visible part of the strip.
 */
const PAGE_BUDGET = { maxCanvases: 5, maxPixels: 40_000_000 };
const THUMBNAIL_BUDGET = { maxCanvases: 40, maxPixels: 4_000_000 };
/** One page canvas at most (64 MB); above it the page is drawn coarser and stretched (very high zoom on a dense screen). */
const MAX_CANVAS_PIXELS = 16_777_216;
/** Thumbnail width in CSS pixels. */
export const THUMBNAIL_WIDTH = 96;

interface Running {
  kind: 'page' | 'thumbnail';
  key: string;
  pageNumber: number;
  task: RenderTask;
}

interface Job {
  kind: 'page' | 'thumbnail';
  key: string;
  page: PDFPageProxy;
  scale: number;
}

const pageKey = (pageNumber: number, scale: number) => `${pageNumber}@${scale}`;
const pageOfKey = (key: string) => Number.parseInt(key, 10);

function devicePixelRatio(): number {
  return window.devicePixelRatio || 1;
}

/**
 * Renders a document's pages and thumbnails one at a time, most urgent
 * first, into bounded caches. The reader says which pages it wants (the
 * visible page, then its neighbours, which makes turning a page instant)
 * and which thumbnails are in view; a render nobody wants any more is
 * cancelled, and a page whose bitmaps are all gone has its pdf.js resources
 * (operator list, images) cleaned up.
 */
export class PageRenderer {
  readonly #pdf: PDFDocumentProxy;
  readonly #pages = new CanvasCache(PAGE_BUDGET, (key) => this.#afterEviction(pageOfKey(key)));
  readonly #thumbnails = new CanvasCache(THUMBNAIL_BUDGET, () => undefined);
  readonly #proxies = new Map<number, PDFPageProxy>();
  readonly #proxyLoads = new Set<number>();
  readonly #listeners = new Set<() => void>();
  #wantedPages: number[] = [];
  #scaleOf: (page: PDFPageProxy) => number = () => 1;
  #wantedThumbnails: number[] = [];
  #running: Running | null = null;
  #version = 0;
  #destroyed = false;

  constructor(pdf: PDFDocumentProxy) {
    this.#pdf = pdf;
  }

  /** Subscribes to "something new can be shown" (for useSyncExternalStore). */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Changes whenever a page proxy arrives or a canvas is rendered. */
  readonly version = (): number => this.#version;

  get pageCount(): number {
    return this.#pdf.numPages;
  }

  /** The pdf.js page, or undefined while it loads (subscribers hear when it arrives). */
  page(pageNumber: number): PDFPageProxy | undefined {
    const page = this.#proxies.get(pageNumber);
    if (!page) this.#loadPage(pageNumber);
    return page;
  }

  /** The page rendered at exactly this scale, if it is. */
  pageCanvas(pageNumber: number, scale: number): HTMLCanvasElement | undefined {
    return this.#pages.get(pageKey(pageNumber, scale));
  }

  /** The page rendered at any scale, to stretch into place while the exact one renders. */
  anyPageCanvas(pageNumber: number): HTMLCanvasElement | undefined {
    for (const key of this.#pages.keys()) if (pageOfKey(key) === pageNumber) return this.#pages.get(key);
    return undefined;
  }

  thumbnail(pageNumber: number): HTMLCanvasElement | undefined {
    return this.#thumbnails.get(String(pageNumber));
  }

  /** Sizes of the caches and whether a render is under way, for diagnostics and the benchmark. */
  stats(): { pageCanvases: number; pagePixels: number; thumbnails: number; busy: boolean } {
    return { pageCanvases: this.#pages.size, pagePixels: this.#pages.pixels, thumbnails: this.#thumbnails.size, busy: this.#running !== null };
  }

  /**
   * The pages to have rendered, most urgent first (the visible page, then
   * its neighbours), each at the scale `scaleOf` gives for it.
   */
  wantPages(pageNumbers: number[], scaleOf: (page: PDFPageProxy) => number): void {
    this.#wantedPages = pageNumbers.filter((pageNumber) => pageNumber >= 1 && pageNumber <= this.pageCount);
    this.#scaleOf = scaleOf;
    for (const pageNumber of [...this.#wantedPages].reverse()) {
      const page = this.#proxies.get(pageNumber);
      if (page) this.#pages.touch(pageKey(pageNumber, scaleOf(page)));
    }
    this.#pump();
  }

  /** The thumbnails in view (and just around it); the others may be dropped. */
  wantThumbnails(pageNumbers: number[]): void {
    this.#wantedThumbnails = pageNumbers.filter((pageNumber) => pageNumber >= 1 && pageNumber <= this.pageCount);
    for (const pageNumber of this.#wantedThumbnails) this.#thumbnails.touch(String(pageNumber));
    this.#pump();
  }

  destroy(): void {
    this.#destroyed = true;
    this.#running?.task.cancel();
    this.#running = null;
    this.#pages.clear();
    this.#thumbnails.clear();
    this.#listeners.clear();
    // The document may already be destroyed (the loader unmounts first); its pages then have nothing left to free.
    for (const page of this.#proxies.values()) {
      try {
        page.cleanup();
      } catch {
        // already gone with the document
      }
    }
  }

  #changed(): void {
    this.#version += 1;
    for (const listener of [...this.#listeners]) listener();
  }

  #loadPage(pageNumber: number): void {
    if (this.#destroyed || this.#proxyLoads.has(pageNumber) || pageNumber < 1 || pageNumber > this.pageCount) return;
    this.#proxyLoads.add(pageNumber);
    this.#pdf.getPage(pageNumber).then(
      (page) => {
        if (this.#destroyed) return;
        this.#proxies.set(pageNumber, page);
        this.#changed();
        this.#pump();
      },
      () => this.#proxyLoads.delete(pageNumber),
    );
  }

  #wantedKeys(): Set<string> {
    const keys = new Set<string>();
    for (const pageNumber of this.#wantedPages) {
      const page = this.#proxies.get(pageNumber);
      if (page) keys.add(pageKey(pageNumber, this.#scaleOf(page)));
    }
    for (const pageNumber of this.#wantedThumbnails) keys.add(String(pageNumber));
    return keys;
  }

  #nextJob(): Job | null {
    for (const [position, pageNumber] of this.#wantedPages.entries()) {
      const page = this.page(pageNumber);
      // Nothing starts before the visible page can.
      if (!page) {
        if (position === 0) return null;
        continue;
      }
      const scale = this.#scaleOf(page);
      const key = pageKey(pageNumber, scale);
      if (!this.#pages.has(key)) return { kind: 'page', key, page, scale };
    }
    for (const pageNumber of this.#wantedThumbnails) {
      const page = this.page(pageNumber);
      if (!page || this.#thumbnails.has(String(pageNumber))) continue;
      const scale = (THUMBNAIL_WIDTH * devicePixelRatio()) / page.getViewport({ scale: 1 }).width;
      return { kind: 'thumbnail', key: String(pageNumber), page, scale };
    }
    return null;
  }

  #pump(): void {
    if (this.#destroyed) return;
    if (this.#running) {
      if (!this.#wantedKeys().has(this.#running.key)) this.#running.task.cancel();
      return;
    }
    const job = this.#nextJob();
    if (job) this.#start(job);
  }

  #start(job: Job): void {
    const { page } = job;
    const pageNumber = page.pageNumber;
    const viewport = page.getViewport({ scale: job.kind === 'page' ? job.scale : 1 });
    const canvas = document.createElement('canvas');
    let outputScale = job.kind === 'page' ? devicePixelRatio() : job.scale;
    const pixels = viewport.width * viewport.height * outputScale * outputScale;
    if (pixels > MAX_CANVAS_PIXELS) outputScale *= Math.sqrt(MAX_CANVAS_PIXELS / pixels);
    canvas.width = Math.max(1, Math.floor(viewport.width * outputScale));
    canvas.height = Math.max(1, Math.floor(viewport.height * outputScale));
    canvas.className = job.kind === 'page' ? 'reader-canvas' : 'reader-thumbnail-canvas';
    const transform = [canvas.width / viewport.width, 0, 0, canvas.height / viewport.height, 0, 0];
    const task = page.render({ canvas, viewport, transform });
    this.#running = { kind: job.kind, key: job.key, pageNumber, task };
    this.#changed();
    task.promise.then(
      () => {
        this.#running = null;
        if (this.#destroyed) return releaseCanvas(canvas);
        if (job.kind === 'page') {
          this.#pages.put(job.key, canvas, this.#wantedKeys());
          if (!this.#thumbnails.has(String(pageNumber))) this.#thumbnails.put(String(pageNumber), this.#downscale(canvas), this.#wantedKeys());
        } else {
          this.#thumbnails.put(job.key, canvas, this.#wantedKeys());
          this.#afterEviction(pageNumber);
        }
        this.#changed();
        this.#pump();
      },
      () => {
        this.#running = null;
        releaseCanvas(canvas);
        this.#afterEviction(pageNumber);
        this.#pump();
      },
    );
  }

  /** A thumbnail drawn from a freshly rendered page: far cheaper than rendering the page again. */
  #downscale(source: HTMLCanvasElement): HTMLCanvasElement {
    const canvas = document.createElement('canvas');
    canvas.className = 'reader-thumbnail-canvas';
    canvas.width = Math.round(THUMBNAIL_WIDTH * devicePixelRatio());
    canvas.height = Math.max(1, Math.round((canvas.width * source.height) / source.width));
    const context = canvas.getContext('2d');
    if (context) {
      context.imageSmoothingQuality = 'high';
      context.drawImage(source, 0, 0, canvas.width, canvas.height);
    }
    return canvas;
  }

  /** Frees pdf.js's resources of a page that has no page bitmap left and is not being drawn. */
  #afterEviction(pageNumber: number): void {
    if (this.#running?.pageNumber === pageNumber) return;
    for (const key of this.#pages.keys()) if (pageOfKey(key) === pageNumber) return;
    this.#proxies.get(pageNumber)?.cleanup();
  }
}
