/**
 * The cascade benchmark's participants page (bench/cascade/page/) bundled by
 * Vite into a temp dir, served from loopback and opened in Debian's
 * Chromium with the fake camera and microphone: one page for the two
 * publishers, one for the receiving sites (separate browser contexts, so
 * separate renderer processes).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import type { ParticipantsPage } from './page/main.ts';

export type { ParticipantsPage };

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
  // localhost: a secure context, so getUserMedia works.
  return { server, url: `http://localhost:${address.port}/` };
}

export interface ParticipantsBrowser {
  publishers: Page;
  receivers: Page;
  close(): Promise<void>;
}

export async function openParticipantsBrowser(work: string): Promise<ParticipantsBrowser> {
  const outDir = join(work, 'participants');
  await build({
    configFile: false,
    root: fileURLToPath(new URL('./page/', import.meta.url)),
    base: './',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'es2023' },
  });
  const { server, url } = await serve(outDir);
  const browser: Browser = await chromium.launch({
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
    ],
  });
  const open = async (name: string) => {
    const page = await (await browser.newContext()).newPage();
    page.on('pageerror', (error) => console.error(`${name} page error:`, error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') console.error(`${name} page:`, message.text());
    });
    await page.goto(url);
    await page.waitForFunction(() => 'participants' in window);
    return page;
  };
  const publishers = await open('publishers');
  const receivers = await open('receivers');
  return {
    publishers,
    receivers,
    close: async () => {
      await browser.close();
      server.close();
    },
  };
}
