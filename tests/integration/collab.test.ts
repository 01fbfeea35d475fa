import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { agendaTitle, readAgenda } from '#protocol/collab/agenda.ts';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import { demoMeetingId } from '../support/api.ts';
import { connectCollab, upgradeStatus, waitForDoc } from '../support/collab-client.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { signedIn } from '../support/signed-in.ts';

let server: ServerProcess;
let meetingId: string;
let agendaDoc: string;
// Read at call time: the server restarts in this file (tokens stay valid, the node key is in DATA_DIR).
const people = signedIn(() => server.url);
const { session, token } = people;

beforeAll(async () => {
  server = await startServerProcess();
  await people.signIn('thuky', 'daibieu1', 'daibieu2', 'dc-dongngu');
  meetingId = await demoMeetingId(server.url, token('thuky'));
  agendaDoc = formatDocName({ kind: 'agenda', meetingId });
});
afterAll(() => server.stop());

const collabUrl = (docName: string, token?: string) =>
  `${server.url.replace(/^http/, 'ws')}/collab/${docName}${token ? `?token=${encodeURIComponent(token)}` : ''}`;

function firstItemTitle(doc: Y.Doc): string {
  return readAgenda(doc)[0]?.title ?? '';
}

describe('collaboration endpoint', () => {
  it('syncs a document to a stock y-websocket client with a token', async () => {
    const delegate = await connectCollab(server.url, agendaDoc, token('daibieu1'));
    expect(readAgenda(delegate.doc).map((item) => item.title)).toEqual([
      'Báo cáo tình hình kinh tế – xã hội năm 2026, phương hướng năm 2027',
      'Tờ trình điều chỉnh kế hoạch đầu tư công trung hạn 2026 – 2030',
      'Dự thảo Nghị quyết hỗ trợ chuyển đổi số cho chính quyền cấp xã',
    ]);
    delegate.close();
  });

  it('carries a secretary’s edit to every reader live', async () => {
    const secretary = await connectCollab(server.url, agendaDoc, token('thuky'));
    const delegate = await connectCollab(server.url, agendaDoc, token('daibieu1'));
    const site = await connectCollab(server.url, agendaDoc, token('dc-dongngu'));
    const itemId = readAgenda(secretary.doc)[0]?.id ?? '';
    agendaTitle(secretary.doc, itemId)?.insert(0, '[Sửa] ');
    await waitForDoc(delegate.doc, (doc) => firstItemTitle(doc).startsWith('[Sửa] '));
    await waitForDoc(site.doc, (doc) => firstItemTitle(doc).startsWith('[Sửa] '));
    for (const client of [secretary, delegate, site]) client.close();
  });

  it('refuses the upgrade with 401 without a valid token', async () => {
    expect(await upgradeStatus(collabUrl(agendaDoc))).toBe(401);
    expect(await upgradeStatus(collabUrl(agendaDoc, 'forged.token.value'))).toBe(401);
  });

  it('refuses unknown document names and other people’s private annotations', async () => {
    expect(await upgradeStatus(collabUrl('meeting:nope', token('daibieu1')))).toBe(404);
    const detail = await (await fetch(`${server.url}/api/meetings/${meetingId}`, { headers: { authorization: `Bearer ${token('daibieu1')}` } })).json();
    // Annotations belong to one version's pages: their documents are named by version id.
    const documentId: string = detail.agenda[0].documents[0].versionId;
    const mine = formatDocName({ kind: 'private-annotations', documentId, userId: session('daibieu1').user.id });
    expect(await upgradeStatus(collabUrl(mine, token('daibieu1')))).toBe(101);
    expect(await upgradeStatus(collabUrl(mine, token('daibieu2')))).toBe(403);
    expect(await upgradeStatus(collabUrl(mine, token('thuky')))).toBe(403);
  });

  it('drops a read-only client’s writes: no other client and not the store ever sees them', async () => {
    const secretary = await connectCollab(server.url, agendaDoc, token('thuky'));
    const reader = await connectCollab(server.url, agendaDoc, token('daibieu2'));
    const itemId = readAgenda(reader.doc)[1]?.id ?? '';
    agendaTitle(reader.doc, itemId)?.insert(0, 'GHI TRÁI PHÉP ');
    // A secretary's later edit proves the channel is live and ordered after the forged one.
    agendaTitle(secretary.doc, itemId)?.insert(0, 'Mục 2: ');
    const observer = await connectCollab(server.url, agendaDoc, token('daibieu1'));
    await waitForDoc(observer.doc, (doc) => readAgenda(doc)[1]?.title.startsWith('Mục 2: ') ?? false);
    expect(readAgenda(observer.doc)[1]?.title).not.toContain('GHI TRÁI PHÉP');
    expect(readAgenda(secretary.doc)[1]?.title).not.toContain('GHI TRÁI PHÉP');
    expect(server.logs().some((line) => line.includes('dropped write from read-only connection'))).toBe(true);
    for (const client of [secretary, reader, observer]) client.close();

    await server.restart();
    const afterRestart = await connectCollab(server.url, agendaDoc, token('daibieu1'));
    expect(readAgenda(afterRestart.doc)[1]?.title).toMatch(/^Mục 2: /);
    expect(readAgenda(afterRestart.doc)[1]?.title).not.toContain('GHI TRÁI PHÉP');
    afterRestart.close();
  });

  it('keeps documents across a server restart', async () => {
    const secretary = await connectCollab(server.url, agendaDoc, token('thuky'));
    const itemId = readAgenda(secretary.doc)[2]?.id ?? '';
    agendaTitle(secretary.doc, itemId)?.insert(0, 'Bền vững: ');
    await new Promise((resolve) => setTimeout(resolve, 300));
    secretary.close();
    await server.restart();
    const reader = await connectCollab(server.url, agendaDoc, token('daibieu1'));
    expect(readAgenda(reader.doc)[2]?.title).toMatch(/^Bền vững: Dự thảo Nghị quyết/);
    reader.close();
  });

  it('ignores a malformed frame and keeps the connection and the server working', async () => {
    const socket = new WebSocket(collabUrl(agendaDoc, token('daibieu1')));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(Buffer.from([0x00, 0x02, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
    socket.send(Buffer.from([0x63]));
    socket.send('plain text is not the y-websocket protocol');
    // The same socket still answers a sync step 1 (message 0, sub-message 0, empty state vector).
    const reply = new Promise<Buffer>((resolve) => socket.on('message', (data: Buffer) => data[0] === 0 && data[1] === 1 && resolve(data)));
    socket.send(Buffer.from([0x00, 0x00, 0x01, 0x00]));
    expect((await reply).length).toBeGreaterThan(10);
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close();
    expect(server.logs().some((line) => line.includes('malformed collab frame ignored'))).toBe(true);
    const fresh = await connectCollab(server.url, agendaDoc, token('daibieu1'));
    fresh.close();
  });
});
