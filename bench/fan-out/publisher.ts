/**
 * The host: bench/fan-out/publisher/ bundled by Vite into a temp dir,
 * served from loopback, opened in Debian's Chromium with the fake camera
 * and microphone, publishing to both systems.
 */
import type { Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../tests/support/browser.ts';
import { buildPage, serveDirectory } from '../lib/page-server.ts';
import type { JanusPublisher } from './janus-side.ts';
import type { MediasoupSide } from './mediasoup-side.ts';
import type { SendingStats, System } from './publisher/main.ts';

export type { SendingStats, System };

export class Publisher {
  readonly browser: Browser;
  readonly page: Page;
  readonly camera: { width: number; height: number; frameRate: number };
  readonly #server: Server;
  #sending: System | null = null;

  private constructor(browser: Browser, page: Page, server: Server, camera: { width: number; height: number; frameRate: number }) {
    this.browser = browser;
    this.page = page;
    this.#server = server;
    this.camera = camera;
  }

  static async open(work: string, mediasoup: MediasoupSide): Promise<Publisher> {
    const outDir = join(work, 'publisher');
    await buildPage(fileURLToPath(new URL('./publisher/', import.meta.url)), outDir);
    const { server, url } = await serveDirectory(outDir);
    const browser = await launchChromium({ cameraFps: 30 });
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error('publisher page error:', error.message));
    await page.exposeFunction('mediasoupSignal', (method: string, data?: Record<string, unknown>) => mediasoup.signal(method, data));
    await page.goto(url);
    await page.waitForFunction(() => 'publisher' in window);
    const camera = await page.evaluate(() => window.publisher.openCamera());
    return new Publisher(browser, page, server, camera);
  }

  async publishToMediasoup(): Promise<void> {
    await this.page.evaluate(() => window.publisher.publishMediasoup());
    this.#sending = 'mediasoup';
  }

  async publishToJanus(url: string, room: number): Promise<JanusPublisher> {
    const publisher = await this.page.evaluate(({ url, room }) => window.publisher.publishJanus(url, room), { url, room });
    this.#sending = 'janus';
    return publisher;
  }

  stats(system: System): Promise<SendingStats> {
    return this.page.evaluate((system) => window.publisher.stats(system), system);
  }

  /** No media to either system (the senders carry no track, so nothing is encoded). */
  async pause(): Promise<void> {
    if (this.#sending) await this.page.evaluate((system) => window.publisher.setSending(system, false), this.#sending);
    this.#sending = null;
  }

  /**
   * The camera goes to `system` only; returns once its top layer is being
   * sent at full resolution and at least `minFps` (the encoder in steady
   * state), or after `timeoutMs`.
   */
  async sendTo(system: System, { minFps = 20, timeoutMs = 20_000 } = {}): Promise<{ waitedMs: number; steady: boolean }> {
    const started = Date.now();
    if (this.#sending !== system) {
      await this.pause();
      await this.page.evaluate((system) => window.publisher.setSending(system, true), system);
      this.#sending = system;
    }
    let previous = await this.stats(system);
    while (Date.now() - started < timeoutMs) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const now = await this.stats(system);
      const top = now.layers[0];
      const before = previous.layers.find((layer) => layer.rid === top?.rid);
      const fps = top && before ? ((top.framesEncoded - before.framesEncoded) * 1000) / (now.at - previous.at) : 0;
      previous = now;
      if (top && top.width >= this.camera.width && fps >= minFps && now.layers.every((layer) => layer.width > 0)) return { waitedMs: Date.now() - started, steady: true };
    }
    return { waitedMs: Date.now() - started, steady: false };
  }

  async close(): Promise<void> {
    await this.browser.close();
    this.#server.close();
  }
}
