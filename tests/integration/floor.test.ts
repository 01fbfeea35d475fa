import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import { FloorEntry, readFloor, readStage } from '#protocol/collab/live.ts';
import { MeetingDetail } from '#protocol/meetings.ts';
import { ServerTime } from '#protocol/system.ts';
import { demoMeetingId } from '../support/api.ts';
import { connectCollab, waitForDoc, type CollabClient } from '../support/collab-client.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { expectStatus, signedIn } from '../support/signed-in.ts';
import { RawSignalClient } from '../support/signal-client.ts';

let server: ServerProcess;
let meetingId: string;
let live: CollabClient;
const people = signedIn(() => server.url);
const { token, userId, request: as } = people;

const PEOPLE = ['chutoa', 'thuky', 'daibieu1', 'daibieu2', 'daibieu3', 'daibieu4', 'dc-dongngu'];

beforeAll(async () => {
  server = await startServerProcess();
  await people.signIn(...PEOPLE);
  meetingId = await demoMeetingId(server.url, token('chutoa'));
  live = await connectCollab(server.url, formatDocName({ kind: 'live', meetingId }), token('daibieu2'));
});
afterAll(async () => {
  live?.close();
  await server?.stop();
});

async function askForFloor(username: string, kind?: 'speech' | 'debate' | 'question'): Promise<FloorEntry> {
  const body = await expectStatus(await as(username, 'POST', `/api/meetings/${meetingId}/floor/requests`, kind ? { kind } : {}), 201);
  return FloorEntry.parse(body);
}

const floor = () => readFloor(live.doc);
const queuedUsers = () => floor().queue.map((entry) => entry.userId);
const untilFloor = (check: (state: ReturnType<typeof floor>) => boolean) => waitForDoc(live.doc, (doc) => check(readFloor(doc)));

/** One row of the server's store, read beside the running server. */
async function storeRow(sql: string, ...parameters: string[]): Promise<Record<string, unknown> | undefined> {
  const { DatabaseSync } = await import('node:sqlite');
  const db = new DatabaseSync(join(server.dataDir, 'dien-hong.sqlite'), { readOnly: true });
  try {
    return db.prepare(sql).get(...parameters) as Record<string, unknown> | undefined;
  } finally {
    db.close();
  }
}

describe('asking for the floor', () => {
  it('queues a delegate’s request under their name, once, until they withdraw it', async () => {
    const request = await askForFloor('daibieu1', 'debate');
    expect(request).toMatchObject({ userId: userId('daibieu1'), name: 'Lê Văn Hùng', kind: 'debate' });
    await untilFloor((state) => state.queue.some((entry) => entry.requestId === request.requestId));
    expect(floor()).toEqual({ current: null, queue: [request] });

    const twice = await expectStatus(await as('daibieu1', 'POST', `/api/meetings/${meetingId}/floor/requests`, { kind: 'speech' }), 409);
    expect(twice).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/already waiting/) } });
    await expectStatus(await as('daibieu2', 'POST', `/api/floor-requests/${request.requestId}/withdraw`), 403);
    await expectStatus(await as('chutoa', 'POST', `/api/floor-requests/${request.requestId}/withdraw`), 403);

    await expectStatus(await as('daibieu1', 'POST', `/api/floor-requests/${request.requestId}/withdraw`), 204);
    await untilFloor((state) => state.queue.length === 0);
    await expectStatus(await as('daibieu1', 'POST', `/api/floor-requests/${request.requestId}/withdraw`), 409);
    // Withdrawn, they may ask again.
    const again = await askForFloor('daibieu1');
    expect(again.kind).toBe('speech');
    await expectStatus(await as('daibieu1', 'POST', `/api/floor-requests/${again.requestId}/withdraw`), 204);
    await untilFloor((state) => state.queue.length === 0);
  });

  it('lets sites and the chair ask, but not secretaries, and refuses malformed requests', async () => {
    const site = await askForFloor('dc-dongngu', 'question');
    expect(site.name).toBe('Điểm cầu Xã Đông Ngũ');
    const chair = await askForFloor('chutoa');
    await expectStatus(await as('thuky', 'POST', `/api/meetings/${meetingId}/floor/requests`, {}), 403);
    const malformed = await expectStatus(await as('daibieu3', 'POST', `/api/meetings/${meetingId}/floor/requests`, { kind: 'filibuster' }), 400);
    expect(malformed).toMatchObject({ error: { code: 'bad_request', message: expect.stringMatching(/kind/) } });
    await expectStatus(await as('daibieu3', 'POST', `/api/meetings/${meetingId}/floor/requests`, { kind: 'speech', extra: 1 }), 400);
    await expectStatus(await as('daibieu3', 'POST', '/api/floor-requests/no-such-request/withdraw'), 404);
    await expectStatus(await as('daibieu3', 'POST', '/api/floor-requests/not%20an%20id/withdraw'), 400);
    for (const [username, request] of [['dc-dongngu', site], ['chutoa', chair]] as const) {
      await expectStatus(await as(username, 'POST', `/api/floor-requests/${request.requestId}/withdraw`), 204);
    }
    await untilFloor((state) => state.queue.length === 0);
  });

  it('records the agenda item being presented with the request', async () => {
    const detail = MeetingDetail.parse(await expectStatus(await as('chutoa', 'GET', `/api/meetings/${meetingId}`), 200));
    const item = detail.agenda.find((candidate) => candidate.documents.length > 0);
    const document = item?.documents[0];
    if (!item || !document) throw new Error('the demo session has no document');
    const presentation = { documentId: document.id, versionId: document.versionId, page: 1 };
    await expectStatus(await as('chutoa', 'PUT', `/api/meetings/${meetingId}/presentation`, presentation), 204);
    const request = await askForFloor('daibieu3', 'question');
    expect(await storeRow('SELECT agenda_item_id FROM floor_requests WHERE id = ?', request.requestId)).toEqual({ agenda_item_id: item.id });
    await expectStatus(await as('chutoa', 'DELETE', `/api/meetings/${meetingId}/presentation`), 204);
    await expectStatus(await as('daibieu3', 'POST', `/api/floor-requests/${request.requestId}/withdraw`), 204);
    await untilFloor((state) => state.queue.length === 0);
  });
});

describe('the chair runs the floor', () => {
  it('reorders the queue, gives the floor with a time limit and ends the speech, all visible in the live document', async () => {
    const first = await askForFloor('daibieu1');
    const second = await askForFloor('daibieu2', 'debate');
    const third = await askForFloor('daibieu3', 'question');
    await untilFloor((state) => state.queue.length === 3);
    expect(queuedUsers()).toEqual([userId('daibieu1'), userId('daibieu2'), userId('daibieu3')]);
    expect(floor().queue.map((entry) => entry.name)).toEqual(['Lê Văn Hùng', 'Phạm Thị Lan', 'Hoàng Minh Đức']);

    const order = (requestIds: unknown) => ({ requestIds });
    // A delegate neither reorders nor gives nor ends the floor.
    await expectStatus(await as('daibieu1', 'PUT', `/api/meetings/${meetingId}/floor/order`, order([third.requestId, first.requestId, second.requestId])), 403);
    await expectStatus(await as('daibieu1', 'POST', `/api/floor-requests/${first.requestId}/grant`, {}), 403);
    await expectStatus(await as('daibieu1', 'POST', `/api/meetings/${meetingId}/floor/end`), 403);
    await expectStatus(await as('thuky', 'POST', `/api/floor-requests/${first.requestId}/grant`, {}), 403);

    // The order must be exactly the waiting queue.
    await expectStatus(await as('chutoa', 'PUT', `/api/meetings/${meetingId}/floor/order`, order([third.requestId, first.requestId])), 409);
    await expectStatus(await as('chutoa', 'PUT', `/api/meetings/${meetingId}/floor/order`, order([third.requestId, third.requestId, first.requestId])), 400);
    await expectStatus(await as('chutoa', 'PUT', `/api/meetings/${meetingId}/floor/order`, order('all of them')), 400);
    await expectStatus(await as('chutoa', 'PUT', `/api/meetings/${meetingId}/floor/order`, order([third.requestId, first.requestId, second.requestId])), 204);
    await untilFloor((state) => state.queue[0]?.requestId === third.requestId);
    expect(queuedUsers()).toEqual([userId('daibieu3'), userId('daibieu1'), userId('daibieu2')]);

    await expectStatus(await as('chutoa', 'POST', `/api/floor-requests/${third.requestId}/grant`, { limitSeconds: 10 }), 400);
    await expectStatus(await as('chutoa', 'POST', `/api/floor-requests/${third.requestId}/grant`, { limitSeconds: 120 }), 204);
    await untilFloor((state) => state.current?.requestId === third.requestId);
    const speaking = floor().current;
    expect(speaking).toMatchObject({ userId: userId('daibieu3'), name: 'Hoàng Minh Đức', kind: 'question', limitSeconds: 120, warnBeforeSeconds: 30 });
    expect(Math.abs(Date.parse(speaking?.startedAt ?? '') - Date.now())).toBeLessThan(10_000);
    expect(queuedUsers()).toEqual([userId('daibieu1'), userId('daibieu2')]);

    // Giving the floor to the next one ends the current speech; the default time is the kind's.
    await expectStatus(await as('chutoa', 'POST', `/api/floor-requests/${first.requestId}/grant`), 204);
    await untilFloor((state) => state.current?.requestId === first.requestId);
    expect(floor().current).toMatchObject({ name: 'Lê Văn Hùng', kind: 'speech', limitSeconds: 420, warnBeforeSeconds: 30 });
    expect(queuedUsers()).toEqual([userId('daibieu2')]);
    await expectStatus(await as('chutoa', 'POST', `/api/floor-requests/${third.requestId}/grant`), 409);
    await expectStatus(await as('daibieu1', 'POST', `/api/floor-requests/${first.requestId}/withdraw`), 409);
    expect(await storeRow('SELECT status FROM floor_requests WHERE id = ?', third.requestId)).toEqual({ status: 'done' });

    await expectStatus(await as('chutoa', 'POST', `/api/meetings/${meetingId}/floor/end`), 204);
    await untilFloor((state) => state.current === null);
    await expectStatus(await as('chutoa', 'POST', `/api/meetings/${meetingId}/floor/end`), 409);
    await expectStatus(await as('daibieu2', 'POST', `/api/floor-requests/${second.requestId}/withdraw`), 204);
    await untilFloor((state) => state.queue.length === 0);
  });

  it('uses the meeting’s speaking times and warning once the chair changes them', async () => {
    await expectStatus(await as('daibieu1', 'PATCH', `/api/meetings/${meetingId}/settings`, { warnBeforeSeconds: 15 }), 403);
    await expectStatus(await as('chutoa', 'PATCH', `/api/meetings/${meetingId}/settings`, { speakingSeconds: { question: 5 } }), 400);
    await expectStatus(await as('chutoa', 'PATCH', `/api/meetings/${meetingId}/settings`, { speakingSeconds: { rant: 600 } }), 400);
    const changed = await expectStatus(
      await as('chutoa', 'PATCH', `/api/meetings/${meetingId}/settings`, { speakingSeconds: { question: 90 }, warnBeforeSeconds: 15 }),
      200,
    );
    expect(changed).toEqual({ speakingSeconds: { speech: 420, debate: 300, question: 90 }, warnBeforeSeconds: 15, quorum: { numerator: 2, denominator: 3 } });
    expect(await expectStatus(await as('daibieu4', 'GET', `/api/meetings/${meetingId}/settings`), 200)).toEqual(changed);

    const question = await askForFloor('daibieu4', 'question');
    await expectStatus(await as('chutoa', 'POST', `/api/floor-requests/${question.requestId}/grant`, {}), 204);
    await untilFloor((state) => state.current?.requestId === question.requestId);
    expect(floor().current).toMatchObject({ kind: 'question', limitSeconds: 90, warnBeforeSeconds: 15 });
    await expectStatus(await as('chutoa', 'POST', `/api/meetings/${meetingId}/floor/end`), 204);
    await untilFloor((state) => state.current === null);
  });
});

describe('the floor in a video conference', () => {
  it('unmutes the speaker’s microphone and puts them on the stage, then mutes them again when they are done', async () => {
    const speaker = await RawSignalClient.open(server.url, token('daibieu4'));
    try {
      expect(await speaker.request(1, 'join', { meetingId })).toMatchObject({ ok: true });
      const request = await askForFloor('daibieu4');
      await expectStatus(await as('chutoa', 'POST', `/api/floor-requests/${request.requestId}/grant`), 204);
      // Without the floor a delegate's microphone is closed from the start; the floor opens it.
      const closed = await speaker.next((message) => message.type === 'notification' && message.method === 'mediaControl');
      expect(closed).toMatchObject({ data: { source: 'microphone', paused: true } });
      const unmute = await speaker.next(
        (message) => message.type === 'notification' && message.method === 'mediaControl' && !(message.data as { paused: boolean }).paused,
      );
      expect(unmute).toMatchObject({ data: { source: 'microphone', paused: false, reason: 'floor' } });
      await waitForDoc(live.doc, (doc) => readStage(doc).userIds[0] === userId('daibieu4'));
      expect(readStage(live.doc)).toEqual({ userIds: [userId('daibieu4')] });

      await expectStatus(await as('chutoa', 'POST', `/api/meetings/${meetingId}/floor/end`), 204);
      const mute = await speaker.next(
        (message) =>
          message.type === 'notification' &&
          message.method === 'mediaControl' &&
          (message.data as { paused: boolean }).paused &&
          speaker.received.indexOf(message) > speaker.received.indexOf(unmute),
      );
      expect(mute).toMatchObject({ data: { source: 'microphone', paused: true, reason: 'floor' } });
      await waitForDoc(live.doc, (doc) => readStage(doc).userIds.length === 0);
      await untilFloor((state) => state.current === null);
    } finally {
      speaker.close();
    }
  });
});

describe('around the floor', () => {
  it('hides the floor of a meeting from people who are not in it', async () => {
    const draft = { title: 'Phiên giải trình', body: 'Thường trực HĐND tỉnh', startsAt: '2026-12-01T08:00:00+07:00', location: 'Phòng họp 3' };
    const other = MeetingDetail.parse(await expectStatus(await as('thuky', 'POST', '/api/meetings', draft), 201));
    await expectStatus(await as('daibieu1', 'POST', `/api/meetings/${other.id}/floor/requests`, {}), 404);
    await expectStatus(await as('daibieu1', 'PUT', `/api/meetings/${other.id}/floor/order`, { requestIds: [] }), 404);
    await expectStatus(await as('daibieu1', 'GET', `/api/meetings/${other.id}/settings`), 404);
    const request = await askForFloor('daibieu1');
    await expectStatus(await as('daibieu1', 'POST', `/api/floor-requests/${request.requestId}/withdraw`), 204);
  });

  it('tells clients the server’s time without signing in, so countdowns survive wrong clocks', async () => {
    const response = await fetch(`${server.url}/api/time`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { now } = ServerTime.parse(await response.json());
    expect(Math.abs(Date.parse(now) - Date.now())).toBeLessThan(10_000);
  });

  it('audits every floor change in an intact chain, and keeps serving', async () => {
    const verdict = await expectStatus(await as('daibieu1', 'GET', '/api/audit/verify'), 200);
    expect(verdict).toMatchObject({ ok: true });
    const counted = await storeRow(
      `SELECT count(*) AS count FROM audit_log WHERE action IN ('floor.requested', 'floor.withdrawn', 'floor.reordered', 'floor.granted', 'floor.ended', 'settings.changed')`,
    );
    expect(Number(counted?.count)).toBeGreaterThan(20);
    const granted = await storeRow(`SELECT details FROM audit_log WHERE action = 'floor.granted' ORDER BY seq LIMIT 1`);
    expect(JSON.parse(String(granted?.details))).toMatchObject({ userId: userId('daibieu3'), kind: 'question', limitSeconds: 120 });
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
