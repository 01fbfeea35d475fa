import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeetingDetail } from '#protocol/meetings.ts';
import { demoMeetingId, login } from '../support/api.ts';
import { enterDemoMeeting, launchChromium, openAgendaDocument, signedInPage } from '../support/browser.ts';
import { sessionPaperPdf } from '../support/pdf-files.ts';
import { uploadPdf } from '../support/upload.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

let server: ServerProcess;
let browser: Browser;
let chair: Page;
let delegate: Page;

const pageIndicator = (page: Page) => page.getByTestId('page-indicator').textContent();
const readerTitle = (page: Page) => page.locator('.reader-title').first().textContent();

beforeAll(async () => {
  server = await startServerProcess();
  browser = await launchChromium();
  chair = await signedInPage(browser, server.url, 'chutoa');
  delegate = await signedInPage(browser, server.url, 'daibieu3');
  await enterDemoMeeting(chair);
  await enterDemoMeeting(delegate);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a replaced document', () => {
  it('tells its readers that a newer version exists, and opens it on request', async () => {
    await openAgendaDocument(delegate, 0);
    const { token } = await login(server.url, 'thuky');
    const meetingId = await demoMeetingId(server.url, token);
    const detail = MeetingDetail.parse(await (await fetch(`${server.url}/api/meetings/${meetingId}`, { headers: { authorization: `Bearer ${token}` } })).json());
    const document = detail.agenda[0]?.documents[0];
    if (!document) throw new Error('demo document missing');
    const replacement = await sessionPaperPdf({ title: 'Báo cáo (bản cập nhật số liệu)', pages: 3 });
    const uploaded = await uploadPdf(`${server.url}/api/documents/${document.id}/versions`, token, replacement, { fileName: 'bao-cao-cap-nhat.pdf', title: document.title });
    expect(uploaded.status).toBe(201);
    await expect.poll(() => delegate.getByTestId('newer-version').textContent(), { timeout: 10_000 }).toContain('phiên bản 2');
    await delegate.getByRole('button', { name: 'Mở phiên bản mới' }).click();
    await expect.poll(() => pageIndicator(delegate), { timeout: 15_000 }).toBe('Trang 1/3');
    expect(await delegate.getByTestId('newer-version').count()).toBe(0);
  });
});

describe('presenter sync', () => {
  it('brings followers to the presented document and page', async () => {
    // The delegate is reading something else when the presentation starts.
    await openAgendaDocument(delegate, 2);
    await openAgendaDocument(chair, 1);
    await chair.getByRole('button', { name: 'Trình chiếu tài liệu này' }).click();
    await expect.poll(() => chair.getByTestId('presentation-bar').getAttribute('data-state')).toBe('presenting');
    await expect.poll(() => delegate.getByTestId('presentation-bar').getAttribute('data-state'), { timeout: 10_000 }).toBe('following');
    await expect.poll(() => readerTitle(delegate), { timeout: 10_000 }).toMatch(/^Tờ trình/);
    await chair.getByRole('button', { name: 'Trang sau' }).click();
    await expect.poll(() => pageIndicator(delegate), { timeout: 10_000 }).toBe('Trang 2/2');
  });

  it('lets a follower read on their own, and rejoin the presenter where they are now', async () => {
    await delegate.getByRole('button', { name: 'Tự xem riêng' }).click();
    await chair.getByRole('button', { name: 'Trang trước' }).click();
    await expect.poll(() => delegate.getByTestId('presentation-bar').textContent(), { timeout: 10_000 }).toContain('trang 1');
    expect(await pageIndicator(delegate)).toBe('Trang 2/2');
    await delegate.getByRole('button', { name: 'Theo dõi trình chiếu' }).click();
    await expect.poll(() => pageIndicator(delegate), { timeout: 10_000 }).toBe('Trang 1/2');
  });

  it('stops following when the follower turns the page themself', async () => {
    await delegate.getByRole('button', { name: 'Trang sau' }).click();
    await expect.poll(() => delegate.getByTestId('presentation-bar').getAttribute('data-state')).toBe('not-following');
    await expect.poll(() => pageIndicator(delegate)).toBe('Trang 2/2');
  });

  it('ends for everyone when the presenter stops', async () => {
    await chair.getByRole('button', { name: 'Dừng trình chiếu' }).click();
    await expect.poll(() => delegate.getByTestId('presentation-bar').count(), { timeout: 10_000 }).toBe(0);
  });
});
