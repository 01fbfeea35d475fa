import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterDemoMeeting, launchChromium, openCouncilRoom, signedInPage } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

let server: ServerProcess;
let browser: Browser;
let chair: Page;
let secretary: Page;
let delegates: Page[];
let everyone: Page[];

const FIRST_ITEM = 'Báo cáo tình hình kinh tế – xã hội năm 2026, phương hướng năm 2027';
const SECOND_POLL = 'Thông qua Nghị quyết hỗ trợ chuyển đổi số cấp xã';
const SECRET_POLL = 'Bầu Trưởng ban Kinh tế – Ngân sách';

const pollCard = (page: Page, title: string): Locator => page.getByTestId('poll').filter({ hasText: title });
const summaryText = async (page: Page, title: string) => (await pollCard(page, title).getByTestId('poll-result-summary').textContent()) ?? '';

/** Presses a ballot option, then the send button that repeats it. */
async function vote(page: Page, title: string, option: string): Promise<void> {
  const card = pollCard(page, title);
  await card.getByRole('button', { name: option, exact: true }).click();
  await card.getByRole('button', { name: `Gửi phiếu: ${option}` }).click();
  await expect.poll(() => card.getByTestId('my-ballot').textContent(), { timeout: 10_000 }).toContain(`Bạn đã chọn: ${option}`);
}

/** The chair prepares a poll through the room's form and opens it. */
async function createAndOpen(title: string | null, setUp?: (form: Locator) => Promise<void>): Promise<string> {
  await chair.getByRole('button', { name: 'Tạo biểu quyết mới' }).click();
  const form = chair.locator('form.poll-create');
  const question = form.getByLabel('Nội dung biểu quyết');
  if (title !== null) await question.fill(title);
  const created = await question.inputValue();
  await setUp?.(form);
  await form.getByRole('button', { name: 'Tạo biểu quyết' }).click();
  // As a chair would: read the rule the poll passes with, then open it.
  await pollCard(chair, created).getByText('Điều kiện thông qua:').waitFor();
  await pollCard(chair, created).getByRole('button', { name: 'Mở biểu quyết' }).click();
  for (const page of everyone) {
    await expect.poll(() => pollCard(page, created).getAttribute('data-status'), { timeout: 10_000 }).toBe('open');
  }
  return created;
}

async function closePoll(title: string): Promise<void> {
  await pollCard(chair, title).getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
  for (const page of everyone) {
    await expect.poll(() => pollCard(page, title).getAttribute('data-status'), { timeout: 10_000 }).toBe('closed');
  }
}

beforeAll(async () => {
  server = await startServerProcess();
  browser = await launchChromium();
  ({ chair, secretary, delegates, everyone } = await openCouncilRoom(browser, server.url));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a named vote in the meeting room', () => {
  let title = '';

  it('is prepared by the chair about the selected agenda item and opened for everyone', async () => {
    await chair.getByTestId('agenda-item').first().getByRole('button').first().click();
    title = await createAndOpen(null);
    expect(title).toBe(FIRST_ITEM);
    for (const page of everyone) {
      await expect.poll(() => pollCard(page, title).getByTestId('poll-progress').textContent(), { timeout: 10_000 }).toContain('Đã biểu quyết 0/6');
    }
  });

  it('lets delegates vote with the ballot buttons, and shows the count to everyone', async () => {
    for (const page of delegates) await vote(page, title, 'Tán thành');
    for (const page of everyone) {
      await expect.poll(() => pollCard(page, title).getByTestId('poll-progress').textContent(), { timeout: 10_000 }).toContain('Đã biểu quyết 3/6');
    }
    // The secretary follows the vote but holds no ballot.
    const secretaryCard = pollCard(secretary, title);
    expect(await secretaryCard.getByTestId('ballot').count()).toBe(0);
    expect(await secretaryCard.textContent()).toContain('chỉ đại biểu và chủ tọa được bỏ phiếu');
  });

  it('refuses a second ballot from the same delegate with a sentence that says why', async () => {
    // A second device of daibieu1: no ballot remembered there, so the buttons show again.
    const otherDevice = await signedInPage(browser, server.url, 'daibieu1');
    await enterDemoMeeting(otherDevice);
    const card = pollCard(otherDevice, title);
    await card.getByRole('button', { name: 'Không tán thành', exact: true }).click();
    await card.getByRole('button', { name: 'Gửi phiếu: Không tán thành' }).click();
    await expect.poll(() => card.getByRole('alert').textContent(), { timeout: 10_000 }).toContain('Bạn đã biểu quyết trong lần này rồi');
    await otherDevice.context().close();
  });

  it('shows every screen the same result at close: 3 of 6 in favour does not pass', async () => {
    await closePoll(title);
    const expected = await summaryText(chair, title);
    expect(expected).toContain('KHÔNG THÔNG QUA');
    expect(expected).toContain('Cần ít nhất 4 phiếu “Tán thành” (Quá 1/2 tổng số đại biểu)');
    const tally = await pollCard(chair, title).getByTestId('poll-tallies').locator('tbody tr').allTextContents();
    expect(tally).toEqual(['Tán thành350%', 'Không tán thành00%', 'Không biểu quyết00%']);
    for (const page of everyone) {
      expect(await summaryText(page, title)).toBe(expected);
      await expect.poll(() => pollCard(page, title).getByTestId('signature-check').getAttribute('data-verdict'), { timeout: 10_000 }).toBe('valid');
      expect(await pollCard(page, title).getByTestId('signature-check').textContent()).toContain('Chữ ký số: hợp lệ');
      expect(await pollCard(page, title).getByTestId('named-choices').textContent()).toContain('Lê Văn Hùng');
    }
  });

  it('passes a second vote with 4 of 6 in favour, the chair voting too', async () => {
    const second = await createAndOpen(SECOND_POLL);
    for (const page of [...delegates, chair]) await vote(page, second, 'Tán thành');
    for (const page of everyone) {
      await expect.poll(() => pollCard(page, second).getByTestId('poll-progress').textContent(), { timeout: 10_000 }).toContain('Đã biểu quyết 4/6');
    }
    await closePoll(second);
    const expected = await summaryText(chair, second);
    expect(expected).toContain('THÔNG QUA');
    expect(expected).not.toContain('KHÔNG THÔNG QUA');
    expect(expected).toContain('66,67%');
    for (const page of everyone) {
      expect(await summaryText(page, second)).toBe(expected);
      expect(await pollCard(page, second).getByTestId('poll-verdict').getAttribute('data-passed')).toBe('true');
      await expect.poll(() => pollCard(page, second).getByTestId('signature-check').getAttribute('data-verdict'), { timeout: 10_000 }).toBe('valid');
    }
  });
});

describe('a secret ballot', () => {
  it('gives each voter a receipt code, kept across a reload, that the published list contains', async () => {
    const title = await createAndOpen(SECRET_POLL, async (form) => {
      await form.getByLabel('Bỏ phiếu kín').check();
    });
    const choices = ['Tán thành', 'Không tán thành', 'Tán thành'];
    const receipts: string[] = [];
    for (const [index, page] of delegates.entries()) {
      await vote(page, title, choices[index] ?? '');
      const receipt = (await pollCard(page, title).getByTestId('my-receipt').textContent())?.trim() ?? '';
      expect(receipt).not.toBe('');
      expect(await pollCard(page, title).getByTestId('my-ballot').textContent()).toContain('Dùng mã này để kiểm tra phiếu');
      receipts.push(receipt);
    }
    const [firstDelegate] = delegates;
    if (!firstDelegate) throw new Error('no delegate');
    await firstDelegate.reload();
    await expect.poll(() => pollCard(firstDelegate, title).getByTestId('my-receipt').textContent(), { timeout: 15_000 }).toBe(receipts[0]);

    await closePoll(title);
    for (const [index, page] of delegates.entries()) {
      const mine = pollCard(page, title).locator('[data-testid=published-receipt][data-mine=true]');
      await expect.poll(() => mine.textContent(), { timeout: 10_000 }).toContain(receipts[index]);
      expect(await mine.textContent()).toContain(choices[index]);
    }
    // Each screen fetches the published list at its own moment (spread over a few seconds after the close).
    const unpublished = async () => {
      const entries = await pollCard(secretary, title).getByTestId('published-receipt').allTextContents();
      return receipts.filter((receipt) => !entries.some((entry) => entry.includes(receipt)));
    };
    await expect.poll(unpublished, { timeout: 10_000 }).toEqual([]);
    expect(await pollCard(secretary, title).getByTestId('paper-report').textContent()).toContain('Số phiếu hợp lệ');
    // Nobody's name is published with a secret ballot.
    expect(await pollCard(secretary, title).getByTestId('named-choices').count()).toBe(0);
    await expect.poll(() => pollCard(secretary, title).getByTestId('signature-check').getAttribute('data-verdict'), { timeout: 10_000 }).toBe('valid');
  });
});

describe('a cancelled vote', () => {
  it('needs the chair’s reason, given in place, and shows it on every screen', async () => {
    const title = await createAndOpen('Biểu quyết bị hủy vì sự cố kỹ thuật');
    const card = pollCard(chair, title);
    await card.getByRole('button', { name: 'Hủy biểu quyết' }).click();
    await card.getByRole('button', { name: 'Xác nhận hủy' }).click();
    expect(await card.getByRole('alert').textContent()).toContain('Hãy ghi lý do');
    await card.getByLabel('Lý do hủy').fill('Mất kết nối ở hai điểm cầu');
    await card.getByRole('button', { name: 'Xác nhận hủy' }).click();
    for (const page of everyone) {
      await expect.poll(() => pollCard(page, title).getByTestId('poll-cancelled').textContent(), { timeout: 10_000 }).toBe(
        'Đã hủy. Lý do: Mất kết nối ở hai điểm cầu',
      );
      expect(await pollCard(page, title).getByTestId('ballot').count()).toBe(0);
    }
  });
});
