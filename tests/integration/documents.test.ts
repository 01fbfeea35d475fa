import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import { readLatestVersions, readPresentation } from '#protocol/collab/live.ts';
import { ApiError } from '#protocol/errors.ts';
import { DocumentSummary, MeetingDetail } from '#protocol/meetings.ts';
import { demoMeetingId } from '../support/api.ts';
import { connectCollab, upgradeStatus, waitForDoc } from '../support/collab-client.ts';
import { encryptedPdf } from '../support/encrypted-pdf.ts';
import { sessionPaperPdf } from '../support/pdf-files.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { signedIn } from '../support/signed-in.ts';
import { countRows, filesUnder } from '../support/store.ts';
import { uploadPdf } from '../support/upload.ts';

// One server for the whole file. Its upload limit, 1.5 MiB, makes "too large" cheap to reach
// and still lies above the server's 1 MiB limit for JSON bodies, which uploads must not meet.
let server: ServerProcess;
let demo: MeetingDetail;
const people = signedIn(() => server.url);
const { session, token, request: as } = people;

beforeAll(async () => {
  server = await startServerProcess({ MAX_UPLOAD_MB: '1.5' });
  await people.signIn('thuky', 'chutoa', 'daibieu1', 'daibieu2');
  demo = await detailOf(await demoMeetingId(server.url, token('thuky')));
});
afterAll(() => server.stop());

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function detailOf(meetingId: string, username = 'thuky'): Promise<MeetingDetail> {
  const response = await as(username, 'GET', `/api/meetings/${meetingId}`);
  expect(response.status).toBe(200);
  return MeetingDetail.parse(await response.json());
}

function firstItemId(meeting: MeetingDetail): string {
  const item = meeting.agenda[0];
  if (!item) throw new Error('meeting has no agenda');
  return item.id;
}

async function uploadNew(itemId: string, bytes: Uint8Array, fileName: string, title?: string): Promise<DocumentSummary> {
  const response = await uploadPdf(`${server.url}/api/agenda-items/${itemId}/documents`, token('thuky'), bytes, { fileName, title });
  expect(response.status, await response.clone().text()).toBe(201);
  return DocumentSummary.parse(await response.json());
}

async function download(path: string, username: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token(username)}`, ...headers } });
}

async function bytesOf(response: Response): Promise<Buffer> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  return Buffer.from(await response.arrayBuffer());
}

/** What a refused upload must leave untouched. */
async function storeSnapshot() {
  return {
    documents: await countRows(server.dataDir, 'documents'),
    versions: await countRows(server.dataDir, 'document_versions'),
    files: await filesUnder(server.dataDir, 'files'),
    receiving: await filesUnder(server.dataDir, 'uploads'),
  };
}

describe('uploading documents', () => {
  it('stores a valid PDF as version 1 and serves it to participants', async () => {
    const bytes = await sessionPaperPdf({ title: 'Báo cáo thẩm tra', pages: 3 });
    const summary = await uploadNew(firstItemId(demo), bytes, 'Báo cáo thẩm tra của Ban Kinh tế.pdf');
    expect(summary).toMatchObject({
      agendaItemId: firstItemId(demo),
      title: 'Báo cáo thẩm tra của Ban Kinh tế',
      fileName: 'Báo cáo thẩm tra của Ban Kinh tế.pdf',
      version: 1,
      pageCount: 3,
      sizeBytes: bytes.length,
      sha256: sha256(bytes),
    });
    expect((await detailOf(demo.id, 'daibieu1')).agenda[0]?.documents).toContainEqual(summary);

    const latest = await download(`/api/documents/${summary.id}/file`, 'daibieu1');
    expect(latest.headers.get('etag')).toBe(`"${summary.sha256}"`);
    expect(latest.headers.get('content-disposition')).toBe(`inline; filename*=UTF-8''${encodeURIComponent(summary.fileName)}`);
    expect(await bytesOf(latest)).toEqual(bytes);
    expect(await bytesOf(await download(`/api/document-versions/${summary.versionId}/file`, 'daibieu1'))).toEqual(bytes);
    for (const path of [`/api/documents/${summary.id}/file`, `/api/document-versions/${summary.versionId}/file`]) {
      const cached = await download(path, 'daibieu1', { 'if-none-match': `"${summary.sha256}"` });
      expect(cached.status).toBe(304);
    }
  });

  it('accepts a PDF larger than the limit for JSON bodies', async () => {
    const bytes = await sessionPaperPdf({ title: 'Phụ lục số liệu', pages: 2, paddingBytes: 1.25 * 1024 * 1024 });
    expect(bytes.length).toBeGreaterThan(1024 * 1024);
    const summary = await uploadNew(firstItemId(demo), bytes, 'phu-luc-so-lieu.pdf');
    expect(summary).toMatchObject({ sizeBytes: bytes.length, pageCount: 2 });
    expect(await bytesOf(await download(`/api/document-versions/${summary.versionId}/file`, 'daibieu1'))).toEqual(bytes);
  });

  it('takes the title from its header when one is given', async () => {
    const bytes = await sessionPaperPdf({ title: 'Tờ trình' });
    const summary = await uploadNew(firstItemId(demo), bytes, 'to-trinh-118.pdf', 'Tờ trình số 118/TTr-UBND');
    expect(summary).toMatchObject({ title: 'Tờ trình số 118/TTr-UBND', fileName: 'to-trinh-118.pdf' });
  });

  it('makes a replacement version 2, tells open readers at once, and keeps version 1 downloadable', async () => {
    const first = await sessionPaperPdf({ title: 'Dự thảo lần 1' });
    const original = await uploadNew(firstItemId(demo), first, 'du-thao-nghi-quyet.pdf', 'Dự thảo Nghị quyết');
    const live = await connectCollab(server.url, formatDocName({ kind: 'live', meetingId: demo.id }), token('daibieu1'));
    try {
      expect(readLatestVersions(live.doc).get(original.id)).toEqual({ versionId: original.versionId, version: 1 });
      const second = await sessionPaperPdf({ title: 'Dự thảo lần 2', pages: 4 });
      const response = await uploadPdf(`${server.url}/api/documents/${original.id}/versions`, token('thuky'), second, {
        fileName: 'du-thao-nghi-quyet-v2.pdf',
      });
      expect(response.status).toBe(201);
      const replaced = DocumentSummary.parse(await response.json());
      expect(replaced).toMatchObject({ id: original.id, title: original.title, version: 2, pageCount: 4, sha256: sha256(second) });
      expect(replaced.versionId).not.toBe(original.versionId);
      await waitForDoc(live.doc, (doc) => readLatestVersions(doc).get(original.id)?.version === 2);
      expect(readLatestVersions(live.doc).get(original.id)).toEqual({ versionId: replaced.versionId, version: 2 });

      const listed = (await detailOf(demo.id, 'daibieu1')).agenda[0]?.documents.filter((document) => document.id === original.id);
      expect(listed).toEqual([replaced]);
      expect(await bytesOf(await download(`/api/documents/${original.id}/file`, 'daibieu1'))).toEqual(second);
      expect(await bytesOf(await download(`/api/document-versions/${original.versionId}/file`, 'daibieu1'))).toEqual(first);
      expect(await bytesOf(await download(`/api/document-versions/${replaced.versionId}/file`, 'daibieu1'))).toEqual(second);
    } finally {
      live.close();
    }
  });

  it('names annotation documents by version, so ink stays with the pages it was drawn on', async () => {
    const summary = demo.agenda[0]?.documents[0];
    if (!summary) throw new Error('demo document missing');
    const collabUrl = (documentId: string) =>
      `${server.url.replace(/^http/, 'ws')}/collab/${formatDocName({ kind: 'shared-annotations', documentId })}?token=${token('daibieu1')}`;
    expect(await upgradeStatus(collabUrl(summary.versionId))).toBe(101);
    expect(await upgradeStatus(collabUrl(summary.id))).toBe(403);
  });

  it('lets only the meeting’s secretaries upload', async () => {
    const before = await storeSnapshot();
    const bytes = await sessionPaperPdf({ title: 'Không được phép' });
    for (const username of ['daibieu1', 'chutoa']) {
      const response = await uploadPdf(`${server.url}/api/agenda-items/${firstItemId(demo)}/documents`, token(username), bytes, {
        fileName: 'tu-y.pdf',
      });
      expect(response.status).toBe(403);
    }
    const version = await uploadPdf(`${server.url}/api/documents/${demo.agenda[0]?.documents[0]?.id}/versions`, token('daibieu1'), bytes, {
      fileName: 'tu-y.pdf',
    });
    expect(version.status).toBe(403);
    expect(await storeSnapshot()).toEqual(before);
  });
});

describe('refused uploads', () => {
  const validPdf = sessionPaperPdf({ title: 'Tài liệu hợp lệ', pages: 6 });
  const text = (content: string) => async () => new TextEncoder().encode(content);
  const cases: { name: string; status: number; reason: string; bytes: () => Promise<Uint8Array>; streamed?: boolean }[] = [
    { name: 'a file that is not a PDF', status: 422, reason: 'not_pdf', bytes: text('Biên bản họp.docx, không phải PDF') },
    { name: 'an empty file', status: 422, reason: 'not_pdf', bytes: text('') },
    { name: 'a PDF cut off halfway', status: 422, reason: 'truncated', bytes: async () => halfOf(await validPdf) },
    { name: 'a PDF that needs a password', status: 422, reason: 'encrypted', bytes: async () => encryptedPdf('mat-khau-rieng') },
    {
      name: 'a file with a PDF signature that does not parse',
      status: 422,
      reason: 'unreadable',
      bytes: text('%PDF-1.7\nđây không phải là nội dung PDF\n%%EOF\n'),
    },
    { name: 'a file over the size limit', status: 413, reason: 'too_large', bytes: oversized },
    { name: 'a file over the size limit sent without a length', status: 413, reason: 'too_large', bytes: oversized, streamed: true },
  ];

  function halfOf(bytes: Uint8Array): Uint8Array {
    return bytes.slice(0, Math.floor(bytes.length / 2));
  }

  /** 2 MiB (the limit is 1.5 MiB) that starts like a PDF: only its size is wrong. */
  async function oversized(): Promise<Uint8Array> {
    const bytes = new Uint8Array(2 * 1024 * 1024).fill(0x20);
    bytes.set(await validPdf);
    return bytes;
  }

  it.each(cases)('refuses $name ($reason) and stores nothing', async ({ status, reason, bytes, streamed }) => {
    const before = await storeSnapshot();
    const response = await uploadPdf(`${server.url}/api/agenda-items/${firstItemId(demo)}/documents`, token('thuky'), await bytes(), {
      fileName: 'tai-lieu.pdf',
      streamed,
    });
    expect(response.status).toBe(status);
    const { error } = ApiError.parse(await response.json());
    expect(error).toMatchObject({ code: status === 413 ? 'payload_too_large' : 'bad_request', reason });
    expect(error.message).toMatch(/^The .+\.$/);
    expect(await storeSnapshot()).toEqual(before);
    expect(before.receiving).toEqual([]);
    expect(server.logs().some((line) => line.includes('upload refused') && line.includes(`"reason":"${reason}"`))).toBe(true);
  });

  it('refuses a new version that needs a password, and the document keeps its latest version', async () => {
    const summary = demo.agenda[1]?.documents[0];
    if (!summary) throw new Error('demo document missing');
    const before = await storeSnapshot();
    const response = await uploadPdf(`${server.url}/api/documents/${summary.id}/versions`, token('thuky'), encryptedPdf('bi-mat'), {
      fileName: 'ban-moi.pdf',
    });
    expect(response.status).toBe(422);
    expect(ApiError.parse(await response.json()).error.reason).toBe('encrypted');
    expect(await storeSnapshot()).toEqual(before);
    expect((await detailOf(demo.id)).agenda[1]?.documents[0]).toEqual(summary);
  });

  it('refuses uploads without a file name or with a JSON body', async () => {
    const bytes = await validPdf;
    const url = `${server.url}/api/agenda-items/${firstItemId(demo)}/documents`;
    const noName = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token('thuky')}`, 'content-type': 'application/pdf' },
      body: new Uint8Array(bytes),
    });
    expect(noName.status).toBe(400);
    const json = await as('thuky', 'POST', `/api/agenda-items/${firstItemId(demo)}/documents`, { file: 'x' });
    expect(json.status).toBe(400);
  });

  it('keeps serving after every refusal', async () => {
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect((await storeSnapshot()).receiving).toEqual([]);
  });
});

describe('who may download', () => {
  it('serves a document only to participants of its meeting', async () => {
    const created = await as('thuky', 'POST', '/api/meetings', {
      title: 'Họp Thường trực HĐND',
      body: 'Thường trực Hội đồng nhân dân tỉnh Quảng Ninh',
      startsAt: '2026-12-05T14:00:00+07:00',
      location: 'Phòng họp Thường trực',
    });
    const meeting = MeetingDetail.parse(await created.json());
    await as('thuky', 'PUT', `/api/meetings/${meeting.id}/participants`, { accountId: session('daibieu1').user.id, role: 'delegate' });
    const item = { title: 'Nội dung nội bộ', presenter: '', plannedMinutes: 10 };
    const withItem = MeetingDetail.parse(await (await as('thuky', 'POST', `/api/meetings/${meeting.id}/agenda`, item)).json());
    const bytes = await sessionPaperPdf({ title: 'Chỉ dành cho thành viên' });
    const summary = await uploadNew(firstItemId(withItem), bytes, 'noi-bo.pdf');

    for (const path of [`/api/documents/${summary.id}/file`, `/api/document-versions/${summary.versionId}/file`]) {
      expect(await bytesOf(await download(path, 'daibieu1'))).toEqual(bytes);
      const outsider = await download(path, 'daibieu2');
      expect(outsider.status).toBe(404);
      expect(ApiError.parse(await outsider.json()).error.code).toBe('not_found');
      expect((await fetch(`${server.url}${path}`)).status).toBe(401);
    }
  });
});

describe('presenting a document', () => {
  it('lets the chair show a page to everyone through the live document', async () => {
    const document = demo.agenda[2]?.documents[0];
    if (!document) throw new Error('demo document missing');
    const live = await connectCollab(server.url, formatDocName({ kind: 'live', meetingId: demo.id }), token('daibieu1'));
    try {
      const shown = await as('chutoa', 'PUT', `/api/meetings/${demo.id}/presentation`, {
        documentId: document.id,
        versionId: document.versionId,
        page: 2,
      });
      expect(shown.status).toBe(204);
      await waitForDoc(live.doc, (doc) => readPresentation(doc)?.page === 2);
      expect(readPresentation(live.doc)).toEqual({
        documentId: document.id,
        versionId: document.versionId,
        page: 2,
        presenterId: session('chutoa').user.id,
        presenterName: 'Nguyễn Văn Thành',
      });

      const stopped = await as('thuky', 'DELETE', `/api/meetings/${demo.id}/presentation`);
      expect(stopped.status).toBe(204);
      await waitForDoc(live.doc, (doc) => readPresentation(doc) === null);
    } finally {
      live.close();
    }
  });

  it('refuses delegates, pages past the end and versions of other documents', async () => {
    const [first, second] = [demo.agenda[0]?.documents[0], demo.agenda[1]?.documents[0]];
    if (!first || !second) throw new Error('demo documents missing');
    const present = (username: string, body: object) => as(username, 'PUT', `/api/meetings/${demo.id}/presentation`, body);
    expect((await present('daibieu1', { documentId: first.id, versionId: first.versionId, page: 1 })).status).toBe(403);
    expect((await as('daibieu1', 'DELETE', `/api/meetings/${demo.id}/presentation`)).status).toBe(403);
    expect((await present('chutoa', { documentId: first.id, versionId: first.versionId, page: first.pageCount + 1 })).status).toBe(400);
    expect((await present('chutoa', { documentId: first.id, versionId: second.versionId, page: 1 })).status).toBe(404);
    expect((await present('chutoa', { documentId: first.id, versionId: first.versionId, page: 0 })).status).toBe(400);
  });
});
