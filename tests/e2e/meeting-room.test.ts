import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterDemoMeeting, launchChromium, signedInPage } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

let server: ServerProcess;
let browser: Browser;
let secretary: Page;
let delegate: Page;

beforeAll(async () => {
  server = await startServerProcess();
  browser = await launchChromium();
  secretary = await signedInPage(browser, server.url, 'thuky');
  delegate = await signedInPage(browser, server.url, 'daibieu1');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('two participants in the same meeting room', () => {
  it('both see the session and its agenda after signing in', async () => {
    for (const page of [secretary, delegate]) {
      await enterDemoMeeting(page);
      await expect.poll(() => page.getByTestId('agenda-item').count()).toBe(3);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Kỳ họp thứ 7');
      await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-status')).toBe('connected');
    }
  });

  it('shows the secretary’s agenda edit on the delegate’s screen', async () => {
    const title = secretary.getByLabel('Tiêu đề mục 2');
    await title.fill('Tờ trình điều chỉnh kế hoạch đầu tư công (đã cập nhật số liệu)');
    await expect
      .poll(() => delegate.getByTestId('agenda-title').nth(1).textContent(), { timeout: 10_000 })
      .toBe('Tờ trình điều chỉnh kế hoạch đầu tư công (đã cập nhật số liệu)');
  });

  it('renders the selected item’s PDF for the delegate', async () => {
    await delegate.getByTestId('agenda-item').first().getByRole('button').click();
    await delegate.locator('canvas[data-testid=pdf-page]:not([hidden])').waitFor({ timeout: 15_000 });
    await expect.poll(() => delegate.getByTestId('page-indicator').textContent()).toBe('Trang 1/2');
    // The canvas holds a rendered page: not blank white.
    const inkedPixels = await delegate.getByTestId('pdf-page').evaluate((canvas: HTMLCanvasElement) => {
      const context = canvas.getContext('2d');
      const { data } = context?.getImageData(0, 0, canvas.width, canvas.height) ?? { data: [] };
      let dark = 0;
      for (let index = 0; index < data.length; index += 4) if ((data[index] ?? 255) < 128) dark += 1;
      return dark;
    });
    expect(inkedPixels).toBeGreaterThan(1000);
    await delegate.getByRole('button', { name: 'Trang sau' }).click();
    await expect.poll(() => delegate.getByTestId('page-indicator').textContent()).toBe('Trang 2/2');
  });

  it('decodes the secretary’s camera on the delegate’s page', async () => {
    await secretary.getByRole('button', { name: 'Tham gia hội nghị' }).click();
    await delegate.getByRole('button', { name: 'Tham gia hội nghị' }).click();
    const remote = delegate.getByTestId('remote-tile').filter({ hasText: 'Trần Thị Mai' });
    // data-frames-decoded mirrors inbound-rtp framesDecoded (probator excluded), refreshed every second.
    await expect.poll(async () => Number(await remote.getAttribute('data-frames-decoded')), { timeout: 20_000 }).toBeGreaterThan(10);
    const size = await remote.locator('video').evaluate((video: HTMLVideoElement) => ({ width: video.videoWidth, height: video.videoHeight }));
    expect(size.width).toBeGreaterThan(0);
    expect(size.height).toBeGreaterThan(0);
  });

  it('shows the delegate as muted on the secretary’s screen after muting', async () => {
    // A delegate in the hall is heard in the conference once the host puts them on screen.
    await secretary.getByRole('button', { name: 'Đưa Lê Văn Hùng lên màn hình' }).click();
    const delegateTile = secretary.locator('[data-testid=remote-tile][data-place=stage]').filter({ hasText: 'Lê Văn Hùng' });
    await expect.poll(() => delegateTile.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => delegateTile.getByTestId('mic-muted').count(), { timeout: 10_000 }).toBe(0);
    await delegate.getByRole('button', { name: 'Tắt micro' }).click();
    await expect.poll(() => delegateTile.getByTestId('mic-muted').count(), { timeout: 10_000 }).toBe(1);
  });
});
