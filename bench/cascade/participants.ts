/**
 * The cascade benchmark's participants page (bench/cascade/page/) bundled by
 * Vite into a temp dir, served from loopback and opened in Debian's
 * Chromium with the fake camera and microphone: one page for the two
 * publishers, one for the receiving sites (separate browser contexts, so
 * separate renderer processes).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../tests/support/browser.ts';
import { buildPage, serveDirectory } from '../lib/page-server.ts';
import type { ParticipantsPage } from './page/main.ts';

export type { ParticipantsPage };

export interface ParticipantsBrowser {
  publishers: Page;
  receivers: Page;
  close(): Promise<void>;
}

export async function openParticipantsBrowser(work: string): Promise<ParticipantsBrowser> {
  const outDir = join(work, 'participants');
  await buildPage(fileURLToPath(new URL('./page/', import.meta.url)), outDir);
  const { server, url } = await serveDirectory(outDir);
  const browser = await launchChromium({ cameraFps: 30 });
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
