import { chromium, type Browser, type Page } from 'playwright-core';
import { TEST_PASSWORD } from './server-process.ts';

/**
 * Debian's Chromium with a fake camera and microphone (a moving test pattern
 * and a beep). `cameraFps`: the fake camera's frame rate (Chromium's default
 * is 20).
 */
export function launchChromium(options: { cameraFps?: number } = {}): Promise<Browser> {
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
      options.cameraFps ? `--use-fake-device-for-media-stream=fps=${options.cameraFps}` : '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/** A fresh browser profile (its own storage: another device) signed in through the real login form. */
export async function signedInPage(browser: Browser, baseUrl: string, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN' });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[${username}] page error:`, error.message));
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('user-name').waitFor();
  return page;
}

/** From the meeting list into the (only) demo meeting. */
export async function enterDemoMeeting(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Vào phòng họp' }).click();
  await page.getByTestId('agenda-item').first().waitFor();
}

/** Opens the document of the n-th agenda item (0-based) and waits for its page to be drawn. */
export async function openAgendaDocument(page: Page, index = 0): Promise<void> {
  await page.getByTestId('agenda-item').nth(index).getByRole('button').first().click();
  await page.locator('.reader-page[data-rendered=true]').waitFor({ timeout: 20_000 });
}

/** The demo council in the meeting room, each on their own device: the chair, the secretary and three delegates. */
export interface CouncilRoom {
  chair: Page;
  secretary: Page;
  delegates: Page[];
  everyone: Page[];
}

export async function openCouncilRoom(browser: Browser, baseUrl: string): Promise<CouncilRoom> {
  const chair = await signedInPage(browser, baseUrl, 'chutoa');
  const secretary = await signedInPage(browser, baseUrl, 'thuky');
  const delegates: Page[] = [];
  for (const username of ['daibieu1', 'daibieu2', 'daibieu3']) delegates.push(await signedInPage(browser, baseUrl, username));
  const everyone = [chair, secretary, ...delegates];
  for (const page of everyone) await enterDemoMeeting(page);
  return { chair, secretary, delegates, everyone };
}
