import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openCouncilRoom } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

let server: ServerProcess;
let browser: Browser;
let chair: Page;
let secretary: Page;
let delegates: Page[];
let everyone: Page[];

const quorum = (page: Page) => page.getByTestId('quorum').textContent();
const attendanceRow = (page: Page, name: string) => page.getByTestId('attendance-row').filter({ hasText: name });

beforeAll(async () => {
  server = await startServerProcess();
  browser = await launchChromium();
  ({ chair, secretary, delegates, everyone } = await openCouncilRoom(browser, server.url));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('check-in and the quorum', () => {
  it('starts without a quorum on every screen', async () => {
    for (const page of everyone) {
      await expect.poll(() => quorum(page), { timeout: 10_000 }).toBe('Có mặt 0/6 · cần 4 · Chưa đủ số lượng');
      expect(await page.getByTestId('quorum').getAttribute('data-reached')).toBe('false');
    }
  });

  it('reaches the quorum on every screen once four of six check in, in the hall or online', async () => {
    const [hung, lan, duc] = delegates;
    if (!hung || !lan || !duc) throw new Error('three delegates expected');
    // One of them on a tablet, where the session is a tab.
    await duc.setViewportSize({ width: 1024, height: 768 });
    await duc.getByRole('button', { name: 'Phiên họp', exact: true }).click();
    await duc.getByRole('button', { name: 'Có mặt trực tuyến' }).click();
    await expect.poll(() => duc.getByTestId('my-attendance').textContent(), { timeout: 10_000 }).toBe('Trạng thái của bạn: Có mặt trực tuyến');
    for (const page of [chair, hung, lan]) await page.getByRole('button', { name: 'Có mặt tại hội trường' }).click();
    for (const page of everyone) {
      await expect.poll(() => quorum(page), { timeout: 10_000 }).toBe('Có mặt 4/6 · cần 4 · Đủ số lượng');
      expect(await page.getByTestId('quorum').getAttribute('data-reached')).toBe('true');
    }
    await expect.poll(() => attendanceRow(secretary, 'Hoàng Minh Đức').getAttribute('data-status'), { timeout: 10_000 }).toBe('present_remote');
    await expect.poll(() => attendanceRow(secretary, 'Lê Văn Hùng').getAttribute('data-status')).toBe('present_hall');
  });

  it('lets the secretary record an absence with its reason, and correct a check-in, which everyone’s quorum follows', async () => {
    await secretary.getByRole('button', { name: 'Sửa điểm danh của Vũ Thị Hương' }).click();
    const absence = secretary.getByRole('form', { name: 'Sửa điểm danh của Vũ Thị Hương' });
    await absence.getByLabel('Trạng thái mới').selectOption('absent');
    // Without a reason nothing is sent.
    await absence.getByRole('button', { name: 'Lưu' }).click();
    expect(await absence.getByRole('alert').textContent()).toContain('Hãy ghi lý do');
    await absence.getByLabel('Lý do vắng').fill('Vắng có lý do: đi công tác');
    await absence.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => attendanceRow(secretary, 'Vũ Thị Hương').textContent(), { timeout: 10_000 }).toContain('Vắng có lý do: đi công tác');
    expect(await attendanceRow(secretary, 'Vũ Thị Hương').getAttribute('data-status')).toBe('absent');

    // Hoàng Minh Đức left the session: the quorum is lost again, on every screen.
    await secretary.getByRole('button', { name: 'Sửa điểm danh của Hoàng Minh Đức' }).click();
    const correction = secretary.getByRole('form', { name: 'Sửa điểm danh của Hoàng Minh Đức' });
    await correction.getByLabel('Trạng thái mới').selectOption('absent');
    await correction.getByLabel('Lý do vắng').fill('Rời phiên họp lúc 10 giờ');
    await correction.getByRole('button', { name: 'Lưu' }).click();
    for (const page of everyone) {
      await expect.poll(() => quorum(page), { timeout: 10_000 }).toBe('Có mặt 3/6 · cần 4 · Chưa đủ số lượng');
    }
    const duc = delegates[2];
    await expect.poll(() => duc?.getByTestId('my-attendance').textContent(), { timeout: 10_000 }).toBe('Trạng thái của bạn: Vắng');
  });
});
