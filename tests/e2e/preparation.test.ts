import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, signedInPage } from '../support/browser.ts';
import { sessionPaperPdf } from '../support/pdf-files.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const MEETING_TITLE = 'Kỳ họp chuyên đề về đầu tư trường học';
const MEETING_BODY = 'Hội đồng nhân dân tỉnh Quảng Ninh, kỳ họp thứ 8';
const ITEM_TITLE = 'Tờ trình phân bổ vốn xây dựng trường học';
const EDITED_ITEM_TITLE = 'Tờ trình phân bổ vốn xây dựng trường học năm 2027';
const PAPER_FILE = 'to-trinh-phan-bo-von.pdf';
const NOT_PDF = 'Tệp này không phải là tệp PDF.';

let server: ServerProcess;
let browser: Browser;
let secretary: Page;

beforeAll(async () => {
  server = await startServerProcess();
  browser = await launchChromium();
  secretary = await signedInPage(browser, server.url, 'thuky');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Every value the upload progress bar showed, recorded in the page so no fast step is missed. */
async function recordUploadProgress(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const seen: number[] = [];
    (globalThis as unknown as { uploadProgressSeen: number[] }).uploadProgressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid=upload-progress]');
      const value = Number(bar?.getAttribute('aria-valuenow'));
      if (bar && seen.at(-1) !== value) seen.push(value);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
  });
  return () => page.evaluate(() => (globalThis as unknown as { uploadProgressSeen: number[] }).uploadProgressSeen);
}

const agendaItem = () => secretary.getByTestId('prep-agenda-item').first();
const documents = () => agendaItem().getByTestId('prep-document');

describe('a secretary prepares a session the night before, and a delegate reads its paper', () => {
  it('creates a meeting from the meeting list and lands on its preparation screen, in Vietnam time', async () => {
    await secretary.getByRole('button', { name: 'Tạo cuộc họp mới' }).click();
    await secretary.getByLabel('Tên cuộc họp').fill(MEETING_TITLE);
    await secretary.getByLabel('Cơ quan triệu tập').fill(MEETING_BODY);
    await secretary.getByLabel('Ngày họp').fill('2026-12-15');
    await secretary.getByLabel('Giờ bắt đầu').fill('08:30');
    await secretary.getByLabel('Địa điểm').fill('Hội trường tầng 3, trụ sở HĐND tỉnh');
    await secretary.getByRole('button', { name: 'Tạo cuộc họp', exact: true }).click();

    await expect.poll(() => secretary.evaluate(() => window.location.hash), { timeout: 10_000 }).toMatch(/^#\/meetings\/[\w-]+\/prepare$/);
    await expect.poll(() => secretary.getByRole('heading', { level: 1 }).textContent()).toContain(MEETING_TITLE);
    await expect.poll(() => secretary.getByTestId('meeting-status').textContent()).toBe('Dự thảo');
    // The time went to the server as +07:00 and comes back as the same wall-clock time.
    expect(await secretary.getByLabel('Ngày họp').inputValue()).toBe('2026-12-15');
    expect(await secretary.getByLabel('Giờ bắt đầu').inputValue()).toBe('08:30');
  });

  it('finds the new meeting in the list with a “Chuẩn bị” link back to its preparation', async () => {
    await secretary.getByRole('link', { name: 'Danh sách cuộc họp' }).click();
    const card = secretary.getByTestId('meeting-card').filter({ hasText: MEETING_TITLE });
    await card.getByRole('link', { name: 'Chuẩn bị' }).click();
    await expect.poll(() => secretary.getByRole('heading', { level: 1 }).textContent()).toContain(MEETING_TITLE);
  });

  it('adds an agenda item, then drafts its title live through the shared agenda document', async () => {
    await secretary.getByRole('textbox', { name: 'Tiêu đề mục mới' }).fill(ITEM_TITLE);
    await secretary.getByRole('textbox', { name: 'Người trình bày', exact: true }).fill('Sở Giáo dục và Đào tạo');
    await secretary.getByRole('spinbutton', { name: 'Thời lượng (phút)', exact: true }).fill('20');
    await secretary.getByRole('button', { name: 'Thêm vào chương trình' }).click();

    const title = secretary.getByRole('textbox', { name: 'Tiêu đề mục 1' });
    // Enabled once the item has arrived through Yjs.
    await expect.poll(() => title.isEnabled(), { timeout: 10_000 }).toBe(true);
    expect(await title.inputValue()).toBe(ITEM_TITLE);
    expect(await secretary.getByRole('textbox', { name: 'Người trình bày mục 1' }).inputValue()).toBe('Sở Giáo dục và Đào tạo');
    await title.click();
    await title.press('End');
    await title.pressSequentially(' năm 2027');
    await expect.poll(() => title.inputValue()).toBe(EDITED_ITEM_TITLE);
  });

  it('invites delegate Lê Văn Hùng as a delegate', async () => {
    await secretary.getByLabel('Người được mời').selectOption({ label: 'Lê Văn Hùng (Đại biểu)' });
    await secretary.getByLabel('Vai trò', { exact: true }).selectOption({ label: 'Đại biểu' });
    await secretary.getByRole('button', { name: 'Mời', exact: true }).click();
    const row = secretary.getByTestId('participant-row').filter({ hasText: 'Lê Văn Hùng' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getByRole('combobox').inputValue()).toBe('delegate');
  });

  it('uploads a PDF through the file chooser with a progress bar that reaches 100%, then lists it as version 1', async () => {
    // A few megabytes over a throttled link, so the bar has steps to show.
    const paper = await sessionPaperPdf({ title: ITEM_TITLE, pages: 2, paddingBytes: 3_000_000 });
    const network = await secretary.context().newCDPSession(secretary);
    await network.send('Network.enable');
    await network.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 1_500_000 });
    const progressSeen = await recordUploadProgress(secretary);

    await secretary.getByLabel('Chọn tệp PDF cho mục 1').setInputFiles({ name: PAPER_FILE, mimeType: 'application/pdf', buffer: paper });
    await expect.poll(() => documents().count(), { timeout: 30_000 }).toBe(1);
    await network.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await network.detach();

    const progress = agendaItem().getByTestId('upload-progress');
    expect(await progress.getAttribute('aria-valuenow')).toBe('100');
    const seen = await progressSeen();
    expect(seen.at(-1)).toBe(100);
    expect(seen.some((percent) => percent > 0 && percent < 100)).toBe(true);
    const listed = await documents().first().textContent();
    expect(listed).toContain(PAPER_FILE);
    expect(listed).toContain('2 trang');
    expect(listed).toContain('phiên bản 1');
  });

  it('refuses files that are not PDFs (named .pdf or not), says why, and keeps the list as it was', async () => {
    const chooser = secretary.getByLabel('Chọn tệp PDF cho mục 1');
    // Named .pdf, so only the server can tell.
    await chooser.setInputFiles({ name: 'ghi-chu.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Ghi chú cuộc họp: đây là văn bản thường.') });
    const refusal = agendaItem().getByTestId('upload-refusal');
    await expect.poll(() => refusal.textContent(), { timeout: 10_000 }).toBe(`ghi-chu.pdf: ${NOT_PDF}`);
    // Refused in the browser, before sending.
    await chooser.setInputFiles({ name: 'bien-ban.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\u0003\u0004') });
    await expect.poll(() => refusal.textContent()).toBe(`bien-ban.docx: ${NOT_PDF}`);
    expect(await documents().count()).toBe(1);
    expect(await documents().first().textContent()).toContain('phiên bản 1');
  });

  it('explains a PDF that was cut off during copying', async () => {
    const whole = await sessionPaperPdf({ title: ITEM_TITLE });
    await secretary
      .getByLabel('Chọn tệp PDF cho mục 1')
      .setInputFiles({ name: 'to-trinh-chua-xong.pdf', mimeType: 'application/pdf', buffer: whole.subarray(0, Math.floor(whole.length / 2)) });
    await expect
      .poll(() => agendaItem().getByTestId('upload-refusal').textContent(), { timeout: 10_000 })
      .toContain('Tệp PDF bị thiếu phần cuối');
    expect(await documents().count()).toBe(1);
  });

  it('replaces the document with a new version, shown as version 2', async () => {
    const revised = await sessionPaperPdf({ title: `${ITEM_TITLE} (sửa đổi)`, pages: 3 });
    await secretary
      .getByLabel('Tải lên phiên bản mới của to-trinh-phan-bo-von')
      .setInputFiles({ name: 'to-trinh-phan-bo-von-sua-doi.pdf', mimeType: 'application/pdf', buffer: revised });
    await expect.poll(() => documents().first().getByTestId('document-version').textContent(), { timeout: 15_000 }).toBe('phiên bản 2');
    expect(await documents().count()).toBe(1);
    expect(await documents().first().textContent()).toContain('3 trang');
    expect(await agendaItem().getByTestId('upload-refusal').count()).toBe(0);
  });

  it('publishes the meeting', async () => {
    await secretary.getByRole('button', { name: 'Công bố' }).click();
    await expect.poll(() => secretary.getByTestId('meeting-status').textContent(), { timeout: 10_000 }).toBe('Đã công bố');
  });

  it('lets the invited delegate, on another device, open the meeting and read the new paper', async () => {
    const delegate = await signedInPage(browser, server.url, 'daibieu1');
    const card = delegate.getByTestId('meeting-card').filter({ hasText: MEETING_TITLE });
    await card.waitFor({ timeout: 10_000 });
    await card.getByRole('link', { name: 'Vào phòng họp' }).click();
    const item = delegate.getByTestId('agenda-item').first();
    await item.waitFor({ timeout: 10_000 });
    await expect.poll(() => item.getByTestId('agenda-title').textContent()).toBe(EDITED_ITEM_TITLE);
    await item.getByRole('button').first().click();
    await delegate.locator('canvas[data-testid=pdf-page]:not([hidden])').waitFor({ timeout: 20_000 });
    expect(await delegate.locator('canvas[data-testid=pdf-page]:not([hidden])').first().isVisible()).toBe(true);
  });
});
