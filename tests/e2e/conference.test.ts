import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterDemoMeeting, launchChromium, signedInPage } from '../support/browser.ts';
import { audioPacketsOf, expectDecoding, joinConference, stageTile } from '../support/conference-page.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const DONG_NGU = 'Điểm cầu Xã Đông Ngũ';
const HAI_LANG = 'Điểm cầu Xã Hải Lạng';
const DONG_RUI = 'Điểm cầu Xã Đồng Rui';

let server: ServerProcess;
let browser: Browser;
let host: Page;
let dongNgu: Page;
let haiLang: Page;
let dongRui: Page;

const videoConsumers = async (page: Page) => Number(await page.getByTestId('conference').getAttribute('data-video-consumers'));
/** The host's status board row of a site (the board's column already says "Điểm cầu"). */
const boardRow = (name: string) => host.getByTestId('board-row').filter({ has: host.locator('th', { hasText: name.replace(/^Điểm cầu /, '') }) });

beforeAll(async () => {
  server = await startServerProcess({ MEDIASOUP_WORKERS: '1' });
  browser = await launchChromium();
  [host, dongNgu, haiLang, dongRui] = await Promise.all([
    signedInPage(browser, server.url, 'chutoa'),
    signedInPage(browser, server.url, 'dc-dongngu'),
    signedInPage(browser, server.url, 'dc-hailang'),
    signedInPage(browser, server.url, 'dc-dongrui'),
  ]);
  for (const page of [host, dongNgu, haiLang, dongRui]) await enterDemoMeeting(page);
  // Đồng Rui's meeting-room PC talks to H.264 conference equipment: the choice is made before joining and kept on the device.
  await dongRui.getByText('Tùy chọn hình ảnh').click();
  await dongRui.getByLabel('Ưu tiên H.264 (tương thích thiết bị hội nghị)').check();
  for (const page of [host, dongNgu, haiLang, dongRui]) await joinConference(page);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a province-led conference with three commune sites', () => {
  it('shows the site the host puts on screen to every other site, and no other site’s video', async () => {
    await boardRow(DONG_NGU).waitFor({ timeout: 20_000 });
    await expect.poll(() => boardRow(DONG_NGU).getByTestId('board-connection').textContent(), { timeout: 20_000 }).toContain('Đã kết nối');
    await host.getByRole('button', { name: `Đưa ${DONG_NGU} lên màn hình` }).click();

    for (const page of [haiLang, dongRui]) {
      const tile = stageTile(page, DONG_NGU);
      await expectDecoding(tile);
      const size = await tile.locator('video').evaluate((video: HTMLVideoElement) => ({ width: video.videoWidth, height: video.videoHeight }));
      expect(size.width).toBeGreaterThan(0);
      expect(size.height).toBeGreaterThan(0);
      // The stage is the only video this site receives: not the other sites, not the host while someone is staged.
      await expect.poll(() => videoConsumers(page), { timeout: 10_000 }).toBe(1);
      expect(await page.locator('[data-testid=remote-tile][data-has-video=true]').count()).toBe(1);
    }
    // The staged site sees itself as on the main screen, not as a remote tile.
    await expect.poll(() => dongNgu.getByTestId('local-tile').textContent(), { timeout: 10_000 }).toContain('Đang lên màn hình chung');
  });

  it('silences a site the host mutes, for everyone', async () => {
    const tile = stageTile(haiLang, DONG_NGU);
    // Its sound arrives while it is on screen and unmuted.
    await expect.poll(() => tile.getByTestId('mic-muted').count(), { timeout: 10_000 }).toBe(0);
    const flowing = await audioPacketsOf(tile);
    await expect.poll(() => audioPacketsOf(tile), { timeout: 10_000 }).toBeGreaterThan(flowing + 10);

    await host.getByRole('button', { name: `Tắt micro của ${DONG_NGU}` }).click();
    for (const page of [haiLang, dongRui]) {
      await expect.poll(() => stageTile(page, DONG_NGU).getByTestId('mic-muted').count(), { timeout: 10_000 }).toBe(1);
    }
    await expect.poll(() => dongNgu.getByTestId('mic-locked').textContent(), { timeout: 10_000 }).toContain('Điểm cầu chủ trì đã tắt micro của bạn');
    expect(await dongNgu.getByRole('button', { name: 'Bật micro', exact: true }).isDisabled()).toBe(true);
    await expect.poll(() => boardRow(DONG_NGU).getAttribute('data-muted'), { timeout: 10_000 }).toBe('true');

    // No packet arrives any more (allowing for those already on the way).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const silenced = await audioPacketsOf(tile);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await audioPacketsOf(tile)).toBe(silenced);
  });

  it('records a site’s roll-call confirmation on the host’s board', async () => {
    await host.getByRole('button', { name: 'Bắt đầu điểm danh' }).click();
    const confirm = haiLang.getByRole('button', { name: 'Xác nhận: kết nối tốt, âm thanh rõ' });
    await confirm.click({ timeout: 10_000 });
    await expect.poll(() => haiLang.getByTestId('roll-call').textContent(), { timeout: 10_000 }).toContain('Đã xác nhận điểm danh');
    await expect.poll(() => boardRow(HAI_LANG).getByTestId('board-roll-call').getAttribute('data-confirmed'), { timeout: 10_000 }).toBe('true');
    expect(await boardRow(DONG_NGU).getByTestId('board-roll-call').getAttribute('data-confirmed')).toBe('false');
    expect(await host.getByTestId('board-counts').first().textContent()).toMatch(/Đã điểm danh 1\/\d+/);
  });

  it('decodes the H.264 camera of a site that prefers H.264', async () => {
    await host.getByRole('button', { name: `Đưa ${DONG_RUI} lên màn hình` }).click();
    const tile = stageTile(haiLang, DONG_RUI);
    await expectDecoding(tile);
    expect(await tile.getAttribute('data-codec')).toBe('video/H264');
    // The other staged site still sends VP8.
    expect(await stageTile(haiLang, DONG_NGU).getAttribute('data-codec')).toBe('video/VP8');
  });

  it('brings the stage back by itself after the server’s media worker dies', async () => {
    const tile = stageTile(haiLang, DONG_NGU);
    const consumerBefore = await tile.getAttribute('data-consumer-id');
    const pid = server.pid;
    expect(pid).toBeDefined();
    const workers = execFileSync('pgrep', ['-P', String(pid), '-f', 'mediasoup-worker']).toString().trim().split('\n').filter(Boolean);
    expect(workers).toHaveLength(1);
    for (const worker of workers) process.kill(Number(worker), 'SIGKILL');

    // No clicks: the sites rejoin, the host's stage is kept, the picture comes back.
    await expect
      .poll(async () => {
        const consumer = await tile.getAttribute('data-consumer-id');
        return consumer !== null && consumer !== consumerBefore;
      }, { timeout: 25_000 })
      .toBe(true);
    await expectDecoding(tile, 20_000);
    await expectDecoding(stageTile(dongRui, DONG_NGU), 20_000);
    for (const page of [host, dongNgu, haiLang, dongRui]) {
      expect(await page.getByTestId('conference').getAttribute('data-phase')).toBe('joined');
    }
  });

  it('says it is reconnecting while the server is away, and rejoins by itself when it is back', async () => {
    await server.halt();
    await expect.poll(() => haiLang.getByTestId('reconnecting').textContent(), { timeout: 15_000 }).toContain('Đang kết nối lại…');
    await server.resume();
    await expectDecoding(stageTile(haiLang, DONG_NGU), 30_000);
    for (const page of [host, dongNgu, haiLang, dongRui]) {
      await expect.poll(() => page.getByTestId('conference').getAttribute('data-phase'), { timeout: 20_000 }).toBe('joined');
    }
    // The host's decisions outlived the restart: the same two sites are on screen.
    await expect.poll(() => videoConsumers(haiLang), { timeout: 10_000 }).toBe(2);
  });
});
