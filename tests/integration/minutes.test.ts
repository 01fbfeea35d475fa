import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditVerdict } from '#protocol/audit.ts';
import { MeetingDetail } from '#protocol/meetings.ts';
import { PollSummary } from '#protocol/voting.ts';
import { apiRequest, demoMeetingId, login } from '../support/api.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

let server: ServerProcess;
let meetingId: string;
let minutesText: string;
const tokens: Record<string, string> = {};

const as = (username: string, method: string, path: string, body?: unknown) => apiRequest(server.url, tokens[username] ?? '', method, path, body);

async function ok(response: Promise<Response>): Promise<Response> {
  const settled = await response;
  if (!settled.ok) throw new Error(`${settled.status} ${await settled.text()}`);
  return settled;
}

/** All text of a PDF, page by page, as pdf.js extracts it (what a reader can copy and search). */
async function pdfText(bytes: ArrayBuffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const content = await (await pdf.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return pages.join('\n').replace(/\s+/g, ' ');
}

beforeAll(async () => {
  server = await startServerProcess();
  for (const username of ['chutoa', 'thuky', 'daibieu1', 'daibieu2', 'daibieu3', 'daibieu4', 'daibieu5']) tokens[username] = (await login(server.url, username)).token;
  meetingId = await demoMeetingId(server.url, tokens.thuky ?? '');
  const detail = MeetingDetail.parse(await (await ok(as('thuky', 'GET', `/api/meetings/${meetingId}`))).json());
  const item = detail.agenda[0];
  const document = item?.documents[0];
  if (!item || !document) throw new Error('demo agenda missing');

  // A short session: attendance, a presented report with one speaker, one vote on it.
  for (const username of ['chutoa', 'daibieu1', 'daibieu2', 'daibieu3']) {
    await ok(as(username, 'POST', `/api/meetings/${meetingId}/attendance/check-in`, { status: 'present_hall' }));
  }
  const daibieu5 = (await login(server.url, 'daibieu5')).user.id;
  await ok(as('thuky', 'PUT', `/api/meetings/${meetingId}/attendance/${daibieu5}`, { status: 'absent', reason: 'Vắng có lý do: đi công tác' }));
  await ok(as('chutoa', 'PUT', `/api/meetings/${meetingId}/presentation`, { documentId: document.id, versionId: document.versionId, page: 1 }));
  const request = (await (await ok(as('daibieu1', 'POST', `/api/meetings/${meetingId}/floor/requests`, { kind: 'question' }))).json()) as { requestId: string };
  await ok(as('chutoa', 'POST', `/api/floor-requests/${request.requestId}/grant`, {}));
  await ok(as('chutoa', 'POST', `/api/meetings/${meetingId}/floor/end`));
  const poll = PollSummary.parse(
    await (await ok(as('thuky', 'POST', `/api/meetings/${meetingId}/polls`, { agendaItemId: item.id, title: 'Thông qua Báo cáo kinh tế – xã hội năm 2026' }))).json(),
  );
  await ok(as('chutoa', 'POST', `/api/polls/${poll.id}/open`));
  for (const [username, option] of [['chutoa', 0], ['daibieu1', 0], ['daibieu2', 0], ['daibieu3', 1]] as const) {
    await ok(as(username, 'POST', `/api/polls/${poll.id}/ballots`, { option }));
  }
  await ok(as('chutoa', 'POST', `/api/polls/${poll.id}/close`));

  const response = await ok(as('thuky', 'GET', `/api/meetings/${meetingId}/minutes.pdf`));
  expect(response.headers.get('content-type')).toBe('application/pdf');
  minutesText = await pdfText(await response.arrayBuffer());
});
afterAll(() => server.stop());

describe('the session minutes', () => {
  it('are a Vietnamese administrative document about this meeting', () => {
    for (const text of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BIÊN BẢN', 'Kỳ họp thứ 7 (chuyên đề) Hội đồng nhân dân tỉnh khóa XIV', 'HỘI ĐỒNG NHÂN DÂN']) {
      expect(minutesText).toContain(text);
    }
    expect(minutesText).toContain('Chủ tọa: Nguyễn Văn Thành');
    expect(minutesText).toContain('Thư ký: Trần Thị Mai');
  });

  it('record attendance, with the reason for an absence', () => {
    expect(minutesText).toContain('Tổng số đại biểu: 6; có mặt: 4; vắng mặt: 2');
    expect(minutesText).toContain('Đặng Quốc Bảo: vắng mặt (Vắng có lý do: đi công tác)');
    expect(minutesText).toContain('Lê Văn Hùng: có mặt tại hội trường');
  });

  it('list the agenda with the speakers of each item', () => {
    expect(minutesText).toContain('1. Báo cáo tình hình kinh tế – xã hội năm 2026, phương hướng năm 2027');
    expect(minutesText).toContain('Đại biểu Lê Văn Hùng chất vấn');
  });

  it('give every poll with its rule, counts and outcome', () => {
    expect(minutesText).toContain('Biểu quyết: Thông qua Báo cáo kinh tế – xã hội năm 2026 (biểu quyết công khai; điều kiện thông qua: quá 1/2 tổng số đại biểu)');
    expect(minutesText).toContain('Tán thành: 3 phiếu, bằng 50%');
    expect(minutesText).toContain('Không tán thành: 1 phiếu');
    // 3 of 6 is not more than half.
    expect(minutesText).toContain('Kết quả: KHÔNG THÔNG QUA (cần 4 phiếu tán thành trên 6)');
  });

  it('carry the audit fingerprint that the verifier reports', async () => {
    const verdict = AuditVerdict.parse(await (await ok(as('daibieu1', 'GET', '/api/audit/verify'))).json());
    expect(verdict.ok).toBe(true);
    if (verdict.ok) expect(minutesText).toContain(verdict.head);
  });

  it('are made only for the chair and secretaries', async () => {
    expect((await as('daibieu1', 'GET', `/api/meetings/${meetingId}/minutes.pdf`)).status).toBe(403);
  });
});

describe('result exports', () => {
  it('give every closed poll of the meeting as signed JSON and as CSV that Excel reads in Vietnamese', async () => {
    const json = (await (await ok(as('daibieu2', 'GET', `/api/meetings/${meetingId}/results.json`))).json()) as { results: { result: { title: string }; signature: string }[] };
    expect(json.results).toHaveLength(1);
    expect(json.results[0]?.result.title).toBe('Thông qua Báo cáo kinh tế – xã hội năm 2026');
    expect(json.results[0]?.signature.length).toBeGreaterThan(40);
    const csv = Buffer.from(await (await ok(as('daibieu2', 'GET', `/api/meetings/${meetingId}/results.csv`))).arrayBuffer());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8');
    expect(text).toContain('Biểu quyết,Thông qua Báo cáo kinh tế – xã hội năm 2026');
    expect(text).toContain('Kết quả,Không thông qua');
    expect(text).toContain('Tán thành,3,50');
  });
});
