/**
 * The host: bench/fan-out/publisher/ bundled by Vite into a temp dir,
 * served from loopback, opened in Debian's Chromium with the fake camera
 * and microphone, publishing to both systems.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import type { JanusPublisher } from './janus-side.ts';
import type { MediasoupSide } from './mediasoup-side.ts';
import type { SendingStats, System } from './publisher/main.ts';

export type { SendingStats, System };

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript' };

async function serve(directory: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const file = join(directory, path === '/' ? 'index.html' : decodeURIComponent(path));
    if (!file.startsWith(directory)) return void response.writeHead(403).end();
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { server, url: `http://localhost:${address.port}/` };
}

/**
 * The flags of tests/support/browser.ts, with the fake camera at 30 fps
 * (its default is 20; the page asks for 1280×720).
 */
function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-device-for-media-stream=fps=30',
      '--use-fake-ui-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

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
    await build({
      configFile: false,
      root: fileURLToPath(new URL('./publisher/', import.meta.url)),
      base: './',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, target: 'es2023' },
    });
    const { server, url } = await serve(outDir);
    const browser = await launchChromium();
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
