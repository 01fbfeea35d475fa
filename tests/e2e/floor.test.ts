import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterDemoMeeting, launchChromium, signedInPage } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

let server: ServerProcess;
let browser: Browser;
let chair: Page;
let hung: Page;
let lan: Page;
let secretary: Page;
let everyone: Page[];

const queueNames = (page: Page) => page.getByTestId('floor-queue-entry').locator('strong').allTextContents();
const speakerIndicator = (page: Page) => page.getByTestId('speaker-indicator');

beforeAll(async () => {
  server = await startServerProcess();
  browser = await launchChromium();
  chair = await signedInPage(browser, server.url, 'chutoa');
  hung = await signedInPage(browser, server.url, 'daibieu1');
  lan = await signedInPage(browser, server.url, 'daibieu2');
  secretary = await signedInPage(browser, server.url, 'thuky');
  everyone = [chair, hung, lan, secretary];
  for (const page of everyone) await enterDemoMeeting(page);
  // One delegate on a tablet: the session is a tab there.
  await lan.setViewportSize({ width: 1024, height: 768 });
  await lan.getByRole('button', { name: 'Phiên họp', exact: true }).click();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('asking for the floor', () => {
  it('puts a delegate’s request in the queue every screen shows, with its kind', async () => {
    await hung.getByTestId('floor').getByRole('button', { name: 'Chất vấn', exact: true }).click();
    await hung.getByRole('button', { name: 'Đăng ký chất vấn' }).click();
    await expect.poll(() => hung.getByTestId('floor').textContent(), { timeout: 10_000 }).toContain('Bạn đang chờ, thứ tự 1.');
    await lan.getByRole('button', { name: 'Đăng ký phát biểu' }).click();
    for (const page of everyone) {
      await expect.poll(() => queueNames(page), { timeout: 10_000 }).toEqual(['Lê Văn Hùng', 'Phạm Thị Lan']);
    }
    expect(await chair.getByTestId('floor-queue-entry').first().textContent()).toContain('Chất vấn');
    // The secretary follows the queue without a request button.
    expect(await secretary.getByRole('button', { name: 'Đăng ký phát biểu' }).count()).toBe(0);
  });

  it('lets the chair reorder the queue for everyone', async () => {
    await chair.getByRole('button', { name: 'Đưa Phạm Thị Lan lên trước' }).click();
    for (const page of everyone) {
      await expect.poll(() => queueNames(page), { timeout: 10_000 }).toEqual(['Phạm Thị Lan', 'Lê Văn Hùng']);
    }
    await expect.poll(() => hung.getByTestId('floor').textContent()).toContain('Bạn đang chờ, thứ tự 2.');
  });

  it('shows the speaker the chair grants the floor to on every screen, with a countdown', async () => {
    await chair.getByRole('button', { name: 'Mời Lê Văn Hùng phát biểu' }).click();
    for (const page of everyone) {
      await expect.poll(() => speakerIndicator(page).textContent(), { timeout: 10_000 }).toContain('Đang phát biểu: Lê Văn Hùng');
      expect(await speakerIndicator(page).getByTestId('speaker-clock').textContent()).toMatch(/^0[23]:\d\d$/);
    }
    await expect.poll(() => hung.getByTestId('floor').textContent()).toContain('Bạn đang phát biểu.');
    await expect.poll(() => queueNames(chair)).toEqual(['Phạm Thị Lan']);
    // The clock runs on every screen.
    const before = await speakerIndicator(secretary).getByTestId('speaker-clock').textContent();
    await expect.poll(() => speakerIndicator(secretary).getByTestId('speaker-clock').textContent(), { timeout: 5_000 }).not.toBe(before);
  });

  it('takes a withdrawn request off every queue', async () => {
    await lan.getByRole('button', { name: 'Rút đăng ký' }).click();
    for (const page of everyone) await expect.poll(() => queueNames(page), { timeout: 10_000 }).toEqual([]);
  });

  it('clears the speaker everywhere when the chair ends the turn', async () => {
    await chair.getByRole('button', { name: 'Kết thúc phát biểu' }).click();
    for (const page of everyone) await expect.poll(() => speakerIndicator(page).count(), { timeout: 10_000 }).toBe(0);
    expect(await hung.getByTestId('floor').textContent()).toContain('Chưa có ai đang phát biểu.');
  });
});
