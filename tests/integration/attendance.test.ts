import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttendanceEntry, AttendanceRecord } from '#protocol/attendance.ts';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import { readAttendance, readQuorum, type Quorum } from '#protocol/collab/live.ts';
import { demoMeetingId } from '../support/api.ts';
import { connectCollab, waitForDoc, type CollabClient } from '../support/collab-client.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { expectStatus, signedIn } from '../support/signed-in.ts';

let server: ServerProcess;
let meetingId: string;
let live: CollabClient;
const people = signedIn(() => server.url);
const { token, userId, request: as } = people;

const PEOPLE = ['chutoa', 'thuky', 'daibieu1', 'daibieu2', 'daibieu3', 'daibieu4', 'daibieu5', 'dc-dongngu'];

beforeAll(async () => {
  server = await startServerProcess();
  await people.signIn(...PEOPLE);
  meetingId = await demoMeetingId(server.url, token('thuky'));
  live = await connectCollab(server.url, formatDocName({ kind: 'live', meetingId }), token('daibieu5'));
});
afterAll(async () => {
  live?.close();
  await server?.stop();
});

const attendancePath = (suffix = '') => `/api/meetings/${meetingId}/attendance${suffix}`;

async function checkIn(username: string, status: 'present_hall' | 'present_remote' = 'present_hall'): Promise<AttendanceEntry> {
  return AttendanceEntry.parse(await expectStatus(await as(username, 'POST', attendancePath('/check-in'), { status }), 200));
}

/** Waits until the published quorum matches, then returns it. */
async function quorumBecomes(expected: Partial<Quorum>): Promise<Quorum | null> {
  await waitForDoc(live.doc, (doc) => {
    const quorum = readQuorum(doc);
    return quorum !== null && Object.entries(expected).every(([key, value]) => quorum[key as keyof Quorum] === value);
  });
  return readQuorum(live.doc);
}

/** Audit rows of one action, read beside the running server. */
async function auditRows(action: string): Promise<{ actor_id: string; details: string }[]> {
  const { DatabaseSync } = await import('node:sqlite');
  const db = new DatabaseSync(join(server.dataDir, 'dien-hong.sqlite'), { readOnly: true });
  try {
    return db.prepare('SELECT actor_id, details FROM audit_log WHERE action = ? ORDER BY seq').all(action) as { actor_id: string; details: string }[];
  } finally {
    db.close();
  }
}

describe('điểm danh and quorum', () => {
  it('starts with nobody recorded and the quorum not reached', async () => {
    expect(await quorumBecomes({ present: 0 })).toEqual({ present: 0, total: 6, required: 4, reached: false });
    const record = AttendanceRecord.parse(await expectStatus(await as('daibieu1', 'GET', attendancePath()), 200));
    expect(record.entries.map((entry) => entry.name)).toEqual([
      'Nguyễn Văn Thành',
      'Đặng Quốc Bảo',
      'Hoàng Minh Đức',
      'Lê Văn Hùng',
      'Phạm Thị Lan',
      'Vũ Thị Hương',
    ]);
    expect(record.entries.every((entry) => entry.status === null && entry.updatedAt === null)).toBe(true);
    // Sites see the list too; they are not on it.
    await expectStatus(await as('dc-dongngu', 'GET', attendancePath()), 200);
  });

  it('reaches the quorum at the fourth of six check-ins, in the hall or remotely', async () => {
    const first = await checkIn('daibieu1');
    expect(first).toMatchObject({ accountId: userId('daibieu1'), status: 'present_hall', reason: null, updatedBy: 'Lê Văn Hùng' });
    await checkIn('daibieu2', 'present_remote');
    await checkIn('chutoa');
    expect(await quorumBecomes({ present: 3 })).toEqual({ present: 3, total: 6, required: 4, reached: false });
    await checkIn('daibieu3', 'present_remote');
    expect(await quorumBecomes({ present: 4 })).toEqual({ present: 4, total: 6, required: 4, reached: true });

    const published = readAttendance(live.doc);
    expect(Object.fromEntries(published)).toEqual({
      [userId('daibieu1')]: 'present_hall',
      [userId('daibieu2')]: 'present_remote',
      [userId('chutoa')]: 'present_hall',
      [userId('daibieu3')]: 'present_remote',
    });
    // Checking in again the same way changes nothing and records nothing.
    const before = (await auditRows('attendance.checked_in')).length;
    await checkIn('daibieu1');
    expect((await auditRows('attendance.checked_in')).length).toBe(before);
    expect(before).toBe(4);
  });

  it('checks in only delegates and the chair, themselves, with a valid status', async () => {
    await expectStatus(await as('thuky', 'POST', attendancePath('/check-in'), { status: 'present_hall' }), 403);
    await expectStatus(await as('dc-dongngu', 'POST', attendancePath('/check-in'), { status: 'present_remote' }), 403);
    const absent = await expectStatus(await as('daibieu4', 'POST', attendancePath('/check-in'), { status: 'absent' }), 400);
    expect(absent).toMatchObject({ error: { code: 'bad_request', message: expect.stringMatching(/status/) } });
    await expectStatus(await as('daibieu4', 'POST', attendancePath('/check-in'), { status: 'present_hall', accountId: userId('daibieu5') }), 400);
    await expectStatus(await as('daibieu4', 'POST', attendancePath('/check-in'), 'present'), 400);
    expect(readQuorum(live.doc)?.present).toBe(4);
  });

  it('lets a secretary record an absence with its reason, which drops the quorum and is audited', async () => {
    const reason = 'Vắng có lý do: đi công tác';
    const corrected = AttendanceEntry.parse(
      await expectStatus(await as('thuky', 'PUT', attendancePath(`/${userId('daibieu3')}`), { status: 'absent', reason }), 200),
    );
    expect(corrected).toMatchObject({ status: 'absent', reason, updatedBy: 'Trần Thị Mai' });
    expect(await quorumBecomes({ present: 3 })).toEqual({ present: 3, total: 6, required: 4, reached: false });
    await waitForDoc(live.doc, (doc) => readAttendance(doc).get(userId('daibieu3')) === 'absent');

    const [entry] = await auditRows('attendance.corrected');
    expect(entry?.actor_id).toBe(userId('thuky'));
    expect(JSON.parse(entry?.details ?? '{}')).toEqual({ accountId: userId('daibieu3'), from: 'present_remote', to: 'absent', reason });
    expect(await expectStatus(await as('daibieu2', 'GET', '/api/audit/verify'), 200)).toMatchObject({ ok: true });

    const record = AttendanceRecord.parse(await expectStatus(await as('daibieu5', 'GET', attendancePath()), 200));
    expect(record.entries.find((candidate) => candidate.accountId === userId('daibieu3'))).toMatchObject({ status: 'absent', reason });
  });

  it('refuses corrections from delegates, without a reason, or for someone who does not attend', async () => {
    const path = attendancePath(`/${userId('daibieu2')}`);
    await expectStatus(await as('daibieu1', 'PUT', path, { status: 'absent', reason: 'vắng' }), 403);
    await expectStatus(await as('chutoa', 'PUT', path, { status: 'absent', reason: 'vắng' }), 403);
    await expectStatus(await as('thuky', 'PUT', path, { status: 'absent' }), 400);
    await expectStatus(await as('thuky', 'PUT', path, { status: 'absent', reason: '   ' }), 400);
    await expectStatus(await as('thuky', 'PUT', path, { status: 'asleep', reason: 'ngủ gật' }), 400);
    const site = await expectStatus(await as('thuky', 'PUT', attendancePath(`/${userId('dc-dongngu')}`), { status: 'present_remote', reason: 'dự' }), 404);
    expect(site).toMatchObject({ error: { code: 'not_found', message: expect.stringMatching(/not a delegate/) } });
    expect(readQuorum(live.doc)?.present).toBe(3);
  });

  it('recomputes the quorum when the chair changes the fraction', async () => {
    await expectStatus(await as('daibieu1', 'PATCH', `/api/meetings/${meetingId}/settings`, { quorum: { numerator: 1, denominator: 2 } }), 403);
    await expectStatus(await as('thuky', 'PATCH', `/api/meetings/${meetingId}/settings`, { quorum: { numerator: 3, denominator: 2 } }), 400);
    await expectStatus(await as('thuky', 'PATCH', `/api/meetings/${meetingId}/settings`, { quorum: { numerator: 1 } }), 400);
    await expectStatus(await as('chutoa', 'PATCH', `/api/meetings/${meetingId}/settings`, { quorum: { numerator: 1, denominator: 2 } }), 200);
    expect(await quorumBecomes({ required: 3 })).toEqual({ present: 3, total: 6, required: 3, reached: true });
    const [change] = await auditRows('settings.changed');
    expect(JSON.parse(change?.details ?? '{}')).toMatchObject({ change: { quorum: { numerator: 1, denominator: 2 } } });
  });

  it('recomputes the quorum when a delegate leaves the meeting', async () => {
    await expectStatus(await as('thuky', 'DELETE', `/api/meetings/${meetingId}/participants/${userId('daibieu1')}`), 200);
    // 5 delegates, half of them rounded up: 3; two are present now.
    expect(await quorumBecomes({ total: 5 })).toEqual({ present: 2, total: 5, required: 3, reached: false });
    await waitForDoc(live.doc, (doc) => !readAttendance(doc).has(userId('daibieu1')));
    await expectStatus(await as('thuky', 'PUT', `/api/meetings/${meetingId}/participants`, { accountId: userId('daibieu1'), role: 'delegate' }), 200);
    expect(await quorumBecomes({ total: 6 })).toEqual({ present: 3, total: 6, required: 3, reached: true });
  });

  it('keeps the chain intact and the server serving', async () => {
    const actions = ['attendance.checked_in', 'attendance.corrected', 'settings.changed'];
    expect((await Promise.all(actions.map(auditRows))).map((rows) => rows.length)).toEqual([4, 1, 1]);
    expect(await expectStatus(await as('daibieu1', 'GET', '/api/audit/verify'), 200)).toMatchObject({ ok: true });
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
