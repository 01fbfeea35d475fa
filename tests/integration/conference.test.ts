import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '#protocol/auth.ts';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import { readStage } from '#protocol/collab/live.ts';
import { ConferenceRoute, readConferenceSettings, readShare, readSites, readWall, type SiteStatus } from '#protocol/conference.ts';
import { MeetingDetail } from '#protocol/meetings.ts';
import { Health } from '#protocol/system.ts';
import { apiRequest, demoMeetingId, login } from '../support/api.ts';
import { attend as attendOn, rtpParametersFor, type AttendOptions } from '../support/attendee.ts';
import { connectCollab, waitForDoc, type CollabClient } from '../support/collab-client.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { RawSignalClient } from '../support/signal-client.ts';

// Host control of the conference over REST, seen in the live document and on
// raw /signal connections (producers made from RTP parameters; no media flows).

let server: ServerProcess;
let meetingId: string;
let live: CollabClient;
const sessions: Record<string, LoginResponse> = {};
const PEOPLE = ['chutoa', 'thuky', 'daibieu1', 'dc-dongngu', 'dc-hailang', 'dc-dongrui', 'dc-doanket', 'dc-binhdan', 'dc-halong'];

beforeAll(async () => {
  // One worker: killing it must hit the meeting's router.
  server = await startServerProcess({ MEDIASOUP_WORKERS: '1' });
  for (const username of PEOPLE) sessions[username] = await login(server.url, username);
  meetingId = await demoMeetingId(server.url, token('chutoa'));
  live = await connectCollab(server.url, formatDocName({ kind: 'live', meetingId }), token('chutoa'));
});
afterAll(async () => {
  live?.close();
  await server?.stop();
});

function session(username: string): LoginResponse {
  const value = sessions[username];
  if (!value) throw new Error(`not signed in: ${username}`);
  return value;
}
const token = (username: string) => session(username).token;
const userId = (username: string) => session(username).user.id;
const as = (username: string, method: string, path: string, body?: unknown) => apiRequest(server.url, token(username), method, path, body);
const conference = (path: string) => `/api/meetings/${meetingId}/conference/${path}`;

async function expectStatus(response: Response, status: number): Promise<unknown> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return text ? JSON.parse(text) : undefined;
}

const attend = (username: string, options: AttendOptions = {}) => attendOn(server.url, token(username), meetingId, options);

const site = (username: string): SiteStatus | undefined => readSites(live.doc).find((row) => row.userId === userId(username));
const untilSite = (username: string, check: (row: SiteStatus) => boolean) =>
  waitForDoc(live.doc, () => {
    const row = site(username);
    return row !== undefined && check(row);
  });

describe('who may host', () => {
  it('refuses host control to delegates and sites (403) and hides it from people outside the meeting (404)', async () => {
    const someone = userId('dc-dongngu');
    const commands: [string, string, unknown][] = [
      ['PUT', 'stage', { userIds: [someone] }],
      ['PUT', 'wall', { userIds: [someone] }],
      ['POST', 'mute', { userId: someone, muted: true }],
      ['POST', 'mute-all', { muted: true }],
      ['PATCH', 'settings', { locked: true }],
      ['POST', 'remove', { userId: someone }],
    ];
    for (const [method, path, body] of commands) {
      await expectStatus(await as('daibieu1', method, conference(path), body), 403);
      await expectStatus(await as('dc-dongngu', method, conference(path), body), 403);
    }
    await expectStatus(await as('daibieu1', 'POST', conference('roll-call/confirm')), 403);
    await expectStatus(await as('chutoa', 'POST', conference('roll-call/confirm')), 403);

    const draft = { title: 'Hội nghị giao ban', body: 'UBND tỉnh', startsAt: '2026-12-01T08:00:00+07:00', location: 'Phòng họp trực tuyến' };
    const other = MeetingDetail.parse(await expectStatus(await as('thuky', 'POST', '/api/meetings', draft), 201));
    const elsewhere = (path: string) => `/api/meetings/${other.id}/conference/${path}`;
    await expectStatus(await as('daibieu1', 'PUT', elsewhere('stage'), { userIds: [] }), 404);
    await expectStatus(await as('daibieu1', 'GET', elsewhere('route')), 404);
    await expectStatus(await as('dc-dongngu', 'POST', elsewhere('roll-call/confirm')), 404);

    // Malformed requests and people outside the meeting are refused clearly.
    await expectStatus(await as('chutoa', 'PUT', conference('stage'), { userIds: ['a', 'b', 'c', 'd', 'e'] }), 400);
    await expectStatus(await as('chutoa', 'PATCH', conference('settings'), { recording: true }), 400);
    const stranger = await expectStatus(await as('chutoa', 'PUT', conference('stage'), { userIds: ['not-in-this-meeting'] }), 400);
    expect(stranger).toMatchObject({ error: { message: expect.stringMatching(/not participants/) } });
    await expectStatus(await as('chutoa', 'POST', conference('mute'), { userId: 'not-in-this-meeting', muted: true }), 404);
  });
});

describe('the host runs the conference', () => {
  it('puts a site on the stage, a site on the wall and mutes a site, and every site’s media follows', async () => {
    const host = await attend('chutoa', { produce: ['microphone', 'camera'] });
    const staged = await attend('dc-dongngu', { produce: ['microphone', 'camera'] });
    const walled = await attend('dc-hailang', { produce: ['microphone', 'camera'] });
    try {
      // Joining off the stage, a site is asked for nothing and its microphone stays closed.
      expect(await staged.note('sendPolicy')).toEqual({ camera: 'off', microphone: false });
      expect(await staged.note('mediaControl')).toEqual({ source: 'microphone', paused: true, reason: 'host' });
      expect(await host.note('sendPolicy')).toEqual({ camera: 'full', microphone: true });
      // Sites see the host while nobody is staged.
      await walled.note('newConsumer', (note) => note.producerId === host.producers.camera);

      let since = staged.mark();
      const walledSince = walled.mark();
      await expectStatus(await as('chutoa', 'PUT', conference('stage'), { userIds: [userId('dc-dongngu')] }), 204);
      await waitForDoc(live.doc, (doc) => readStage(doc).userIds[0] === userId('dc-dongngu'));
      expect(await staged.note('sendPolicy', () => true, since)).toEqual({ camera: 'full', microphone: true });
      expect(await staged.note('mediaControl', () => true, since)).toEqual({ source: 'microphone', paused: false, reason: 'host' });
      for (const source of ['camera', 'microphone'] as const) {
        const note = await walled.note('newConsumer', (candidate) => candidate.producerId === staged.producers[source], walledSince);
        expect(note).toMatchObject({ peerId: staged.peerId, source, producerPaused: false });
      }

      since = walled.mark();
      await expectStatus(await as('thuky', 'PUT', conference('wall'), { userIds: [userId('dc-hailang')] }), 204);
      await waitForDoc(live.doc, (doc) => readWall(doc).includes(userId('dc-hailang')));
      expect(await walled.note('sendPolicy', () => true, since)).toEqual({ camera: 'low', microphone: false });
      await host.note('newConsumer', (note) => note.producerId === walled.producers.camera);

      since = staged.mark();
      const hostSince = host.mark();
      await expectStatus(await as('chutoa', 'POST', conference('mute'), { userId: userId('dc-dongngu'), muted: true }), 204);
      await untilSite('dc-dongngu', (row) => row.audioMuted);
      expect(await staged.note('mediaControl', () => true, since)).toEqual({ source: 'microphone', paused: true, reason: 'host' });
      // Silenced on the server: the host's consumer of that microphone goes away, whatever the site's client does.
      await host.note('consumerClosed', () => true, hostSince);
      await staged.call('setProducerPaused', { producerId: staged.producers.microphone, paused: false });

      since = staged.mark();
      await expectStatus(await as('chutoa', 'POST', conference('mute'), { userId: userId('dc-dongngu'), muted: false }), 204);
      await untilSite('dc-dongngu', (row) => !row.audioMuted);
      expect(await staged.note('mediaControl', () => true, since)).toEqual({ source: 'microphone', paused: false, reason: 'host' });
      await host.note('newConsumer', (note) => note.producerId === staged.producers.microphone, hostSince);

      // The host shares a screen: everyone is told who shares, and receives it.
      const screen = await host.call('produce', {
        transportId: (await host.call('createWebRtcTransport', { direction: 'send' })).transportId,
        kind: 'video',
        rtpParameters: rtpParametersFor('screen'),
        source: 'screen',
      });
      await waitForDoc(live.doc, (doc) => readShare(doc)?.userId === userId('chutoa'));
      expect(readShare(live.doc)).toEqual({ userId: userId('chutoa'), name: 'Nguyễn Văn Thành' });
      await walled.note('newConsumer', (note) => note.producerId === screen.producerId && note.source === 'screen');
    } finally {
      for (const attendee of [host, staged, walled]) attendee.close();
    }
    await waitForDoc(live.doc, (doc) => readShare(doc) === null);
    await expectStatus(await as('chutoa', 'PUT', conference('stage'), { userIds: [] }), 204);
    await expectStatus(await as('chutoa', 'PUT', conference('wall'), { userIds: [] }), 204);
  });

  it('shows every expected site on the status board, connected or not, and each connected person', async () => {
    const host = await attend('chutoa');
    const commune = await attend('dc-dongrui');
    try {
      await untilSite('dc-dongrui', (row) => row.connected);
      const sites = readSites(live.doc);
      expect(sites.filter((row) => row.name.startsWith('Điểm cầu'))).toHaveLength(6);
      expect(site('dc-dongrui')).toMatchObject({ connected: true, nodeId: 'main', audioOnly: false, unitId: session('dc-dongrui').user.unitId });
      expect(site('dc-binhdan')).toMatchObject({ connected: false, nodeId: null, quality: null });
      await untilSite('chutoa', (row) => row.connected);

      await commune.call('setAudioOnly', { enabled: true });
      await untilSite('dc-dongrui', (row) => row.audioOnly);
    } finally {
      commune.close();
    }
    await untilSite('dc-dongrui', (row) => !row.connected && !row.audioOnly);
    host.close();
    // Someone neither expected nor connected leaves the board.
    await waitForDoc(live.doc, () => site('chutoa') === undefined);
  });

  it('mutes everyone but the hosts at once, and unmutes them', async () => {
    const host = await attend('chutoa');
    const delegate = await attend('daibieu1');
    try {
      const since = delegate.mark();
      await expectStatus(await as('chutoa', 'POST', conference('mute-all'), { muted: true }), 204);
      await untilSite('dc-halong', (row) => row.audioMuted);
      await untilSite('daibieu1', (row) => row.audioMuted);
      expect(readSites(live.doc).filter((row) => row.name.startsWith('Điểm cầu')).every((row) => row.audioMuted)).toBe(true);
      expect(site('chutoa')?.audioMuted).toBe(false);
      expect(await delegate.note('mediaControl', () => true, since)).toEqual({ source: 'microphone', paused: true, reason: 'host' });

      await expectStatus(await as('chutoa', 'POST', conference('mute-all'), { muted: false }), 204);
      await waitForDoc(live.doc, () => readSites(live.doc).every((row) => !row.audioMuted));
    } finally {
      host.close();
      delegate.close();
    }
  });

  it('runs a roll call: sites confirm for themselves only while it is open, and opening again clears the answers', async () => {
    await expectStatus(await as('dc-binhdan', 'POST', conference('roll-call/confirm')), 409);
    const opened = await expectStatus(await as('chutoa', 'PATCH', conference('settings'), { rollCallOpen: true }), 200);
    expect(opened).toEqual({ locked: false, followSpeaker: false, rollCallOpen: true });
    await expectStatus(await as('dc-binhdan', 'POST', conference('roll-call/confirm')), 204);
    await untilSite('dc-binhdan', (row) => row.rollCallConfirmed);
    expect(site('dc-halong')?.rollCallConfirmed).toBe(false);

    await expectStatus(await as('chutoa', 'PATCH', conference('settings'), { rollCallOpen: false }), 200);
    expect(site('dc-binhdan')?.rollCallConfirmed).toBe(true);
    await expectStatus(await as('chutoa', 'PATCH', conference('settings'), { rollCallOpen: true }), 200);
    await untilSite('dc-binhdan', (row) => !row.rollCallConfirmed);
    await expectStatus(await as('chutoa', 'PATCH', conference('settings'), { rollCallOpen: false, followSpeaker: true }), 200);
    expect(readConferenceSettings(live.doc)).toEqual({ locked: false, followSpeaker: true, rollCallOpen: false });
    await expectStatus(await as('chutoa', 'PATCH', conference('settings'), { followSpeaker: false }), 200);
  });

  it('locks the conference: no new site gets in, those already in and the host do; a removed site cannot come back', async () => {
    const inside = await attend('dc-hailang');
    const host = await attend('chutoa');
    try {
      await expectStatus(await as('chutoa', 'PATCH', conference('settings'), { locked: true }), 200);
      const newcomer = await RawSignalClient.open(server.url, token('dc-doanket'));
      const refused = await newcomer.request(1, 'join', { meetingId });
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/locked/) } });
      newcomer.close();
      // A site already in reconnects (a new socket replaces the old one) and a secretary joins.
      const reconnected = await attend('dc-hailang');
      expect(await inside.note('removed')).toEqual({ reason: 'replaced' });
      const secretary = await attend('thuky');

      await expectStatus(await as('chutoa', 'POST', conference('remove'), { userId: userId('dc-hailang') }), 204);
      expect(await reconnected.note('removed')).toEqual({ reason: 'host' });
      await expect(attend('dc-hailang', { client: reconnected.client })).rejects.toMatchObject({
        response: { ok: false, error: { code: 'forbidden' } },
      });
      secretary.close();
      reconnected.close();
    } finally {
      await expectStatus(await as('chutoa', 'PATCH', conference('settings'), { locked: false }), 200);
      inside.close();
      host.close();
    }
  });
});

describe('routing', () => {
  it('tells a participant where its media connects, with a ticket that join accepts for that person only', async () => {
    const route = ConferenceRoute.parse(await expectStatus(await as('dc-dongngu', 'GET', conference('route')), 200));
    expect(route.nodeId).toBe('main');
    expect(route.signalUrl).toBe(`${server.url.replace(/^http/, 'ws')}/signal`);
    const attendee = await attend('dc-dongngu', { ticket: route.ticket });
    attendee.close();

    const other = await RawSignalClient.open(server.url, token('dc-halong'));
    expect(await other.request(1, 'join', { meetingId, ticket: route.ticket })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await other.request(2, 'join', { meetingId, ticket: 'not.a.ticket' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    // A login token is not a ticket.
    expect(await other.request(3, 'join', { meetingId, ticket: token('dc-halong') })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    other.close();
  });
});

describe('a media worker dies', () => {
  it('tells every connected client to set up its media again, lets it rejoin, and keeps the full worker count', async () => {
    const host = await attend('chutoa', { produce: ['microphone'] });
    const commune = await attend('dc-dongngu', { produce: ['microphone', 'camera'] });
    try {
      const pid = server.pid;
      if (!pid) throw new Error('server not running');
      const workers = execFileSync('pgrep', ['-P', String(pid), '-f', 'mediasoup-worker']).toString().trim().split('\n').map(Number);
      expect(workers).toHaveLength(1);
      process.kill(workers[0] ?? 0, 'SIGKILL');

      expect(await host.note('mediaReset')).toEqual({ reason: 'worker_restarted' });
      expect(await commune.note('mediaReset')).toEqual({ reason: 'worker_restarted' });
      // The same sockets join again from scratch.
      const rejoined = await attend('chutoa', { client: host.client, produce: ['microphone'] });
      const communeAgain = await attend('dc-dongngu', { client: commune.client });
      await communeAgain.note('newConsumer', (note) => note.producerId === rejoined.producers.microphone);
      const health = Health.parse(await (await fetch(`${server.url}/api/health`)).json());
      expect(health.workers).toBe(1);
      const replaced = execFileSync('pgrep', ['-P', String(pid), '-f', 'mediasoup-worker']).toString().trim().split('\n').map(Number);
      expect(replaced).toHaveLength(1);
      expect(replaced[0]).not.toBe(workers[0]);
    } finally {
      host.close();
      commune.close();
    }
  });
});
