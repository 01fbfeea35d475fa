import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDocName } from '#protocol/collab/doc-names.ts';
import { CascadeEnvelope } from '#protocol/cascade.ts';
import { ConferenceRoute, readSites, type SiteStatus } from '#protocol/conference.ts';
import { connectToParent, type SealedChannel } from '../../sfu-server/src/cascade/secure-channel.ts';
import { demoMeetingId } from '../support/api.ts';
import { attend, type Attendee } from '../support/attendee.ts';
import { childEnv, health, pipeOf, prepareNode, startCascade, untilLinked, type Cascade, type PreparedNode } from '../support/cascade.ts';
import { connectCollab, waitForDoc, type CollabClient } from '../support/collab-client.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { expectStatus, signedIn } from '../support/signed-in.ts';

// The province root and the Tiên Yên district node as real processes on
// loopback: routing, what crosses the link (producers made from RTP
// parameters: the counters count producers, no RTP flows here), node loss,
// and the link's authentication. Media decoded in a browser across three
// nodes is in tests/e2e/cascade.test.ts.

let cascade: Cascade;
let probe: PreparedNode;
let meetingId: string;
let live: CollabClient;
const { signIn, token, userId, request: as } = signedIn(() => cascade.root.url);

let commune: PreparedNode;

beforeAll(async () => {
  probe = await prepareNode();
  commune = await prepareNode();
  // Tiên Yên trusts a commune node of its own (depth 2), started by the test that needs it.
  const tienYenChildren = `dong-ngu=${commune.fingerprint}=Xã Đông Ngũ`;
  cascade = await startCascade([{ nodeId: 'tien-yen', units: ['Huyện Tiên Yên'], env: { CASCADE_CHILDREN: tienYenChildren } }], {
    alsoTrusted: [{ nodeId: 'probe', units: ['Huyện Vân Đồn'], fingerprint: probe.fingerprint }],
  });
  await signIn('chutoa', 'dc-dongngu', 'dc-hailang', 'dc-doanket');
  meetingId = await demoMeetingId(cascade.root.url, token('chutoa'));
  live = await connectCollab(cascade.root.url, formatDocName({ kind: 'live', meetingId }), token('chutoa'));
});
afterAll(async () => {
  live?.close();
  await cascade?.stop();
  // The probe's key was never a running node's DATA_DIR.
  if (probe) await rm(probe.dataDir, { recursive: true, force: true });
});

const tienYen = () => cascade.child('tien-yen');
const conference = (path: string) => `/api/meetings/${meetingId}/conference/${path}`;
const route = async (username: string) => ConferenceRoute.parse(await expectStatus(await as(username, 'GET', conference('route')), 200));
/** The node's base URL behind a route's /signal. */
const nodeUrl = (signalUrl: string) => signalUrl.replace(/^ws/, 'http').replace(/\/signal$/, '');
const site = (username: string): SiteStatus | undefined => readSites(live.doc).find((row) => row.userId === userId(username));
const untilSite = (username: string, check: (row: SiteStatus) => boolean) =>
  waitForDoc(live.doc, () => {
    const row = site(username);
    return row !== undefined && check(row);
  }, 15_000);

/** Joins where the root routes this user, with the ticket it gives. */
async function attendRouted(username: string, produce: ('microphone' | 'camera')[] = []): Promise<Attendee> {
  const { signalUrl, ticket } = await route(username);
  return attend(nodeUrl(signalUrl), token(username), meetingId, { ticket, produce });
}

const ids = (producers: { producerId: string }[] | undefined) => (producers ?? []).map((producer) => producer.producerId).sort();
const sentDown = async () => ids((await pipeOf(cascade.root.url, 'tien-yen', meetingId))?.producersSent);
const sentUp = async () => ids((await pipeOf(tienYen().url, 'tinh', meetingId))?.producersSent);

describe('routing participants to the node of their unit', () => {
  it('sends a Tiên Yên commune site to the Tiên Yên node and everyone else to the province, each with a ticket', async () => {
    const dongNgu = await route('dc-dongngu');
    expect(dongNgu).toMatchObject({ nodeId: 'tien-yen', signalUrl: `${tienYen().url.replace(/^http/, 'ws')}/signal` });
    expect(dongNgu.ticket).toBeTruthy();
    // Vân Đồn's node is trusted but not connected: its sites stay on the province node.
    expect(await route('dc-doanket')).toMatchObject({ nodeId: 'tinh', signalUrl: `${cascade.root.url.replace(/^http/, 'ws')}/signal` });
    expect((await route('chutoa')).nodeId).toBe('tinh');
  });

  it('admits a site on the child only with the root’s ticket for itself', async () => {
    const { ticket } = await route('dc-hailang');
    // Hải Lạng's ticket does not admit Đông Ngũ, and the child cannot look anyone up without one.
    await expect(attend(tienYen().url, token('dc-dongngu'), meetingId, { ticket })).rejects.toMatchObject({
      response: { ok: false, error: { code: 'forbidden' } },
    });
    await expect(attend(tienYen().url, token('dc-dongngu'), meetingId)).rejects.toMatchObject({ response: { ok: false, error: { code: 'unauthorized' } } });
    // A token the root did not sign does not even open a socket there.
    await expect(attend(tienYen().url, 'not-a-token', meetingId)).rejects.toThrow();
  });
});

describe('media across the province → district link', () => {
  it('pipes the host down once for two sites, a site up only while it is staged, and shows the sites on the host’s board with their node', async () => {
    const host = await attendRouted('chutoa', ['microphone', 'camera']);
    const dongNgu = await attendRouted('dc-dongngu', ['microphone', 'camera']);
    const haiLang = await attendRouted('dc-hailang', ['microphone', 'camera']);
    try {
      // Both sites on the district node see and hear the host; the host's media crossed once.
      for (const viewer of [dongNgu, haiLang]) {
        for (const source of ['microphone', 'camera'] as const) {
          await viewer.note('newConsumer', (note) => note.producerId === host.producers[source], 0, 10_000);
        }
      }
      await expect.poll(sentDown, { timeout: 10_000 }).toEqual(ids([{ producerId: host.producers.microphone ?? '' }, { producerId: host.producers.camera ?? '' }]));
      expect(await sentUp()).toEqual([]);
      await untilSite('dc-dongngu', (row) => row.connected && row.nodeId === 'tien-yen');
      await untilSite('dc-hailang', (row) => row.connected && row.nodeId === 'tien-yen');

      // Đông Ngũ on the stage: its camera and microphone go up once; the host receives them, Hải Lạng gets them on its own node.
      const hostSince = host.mark();
      await expectStatus(await as('chutoa', 'PUT', conference('stage'), { userIds: [userId('dc-dongngu')] }), 204);
      const staged = [dongNgu.producers.microphone ?? '', dongNgu.producers.camera ?? ''].sort();
      await expect.poll(sentUp, { timeout: 10_000 }).toEqual(staged);
      for (const source of ['microphone', 'camera'] as const) {
        await host.note('newConsumer', (note) => note.producerId === dongNgu.producers[source], hostSince, 10_000);
        await haiLang.note('newConsumer', (note) => note.producerId === dongNgu.producers[source], 0, 10_000);
      }
      // The stage replaced the host's picture: only the host's voice still goes down; Hải Lạng's camera never left its node.
      await expect.poll(sentDown, { timeout: 10_000 }).toEqual([host.producers.microphone]);
      expect((await pipeOf(cascade.root.url, 'tien-yen', meetingId))?.producersReceived.map((producer) => producer.userId).sort()).toEqual(
        [userId('dc-dongngu'), userId('dc-dongngu')],
      );

      // The host mutes Đông Ngũ: its microphone stops crossing; its picture stays.
      await expectStatus(await as('chutoa', 'POST', conference('mute'), { userId: userId('dc-dongngu'), muted: true }), 204);
      await expect.poll(sentUp, { timeout: 10_000 }).toEqual([dongNgu.producers.camera]);
      await untilSite('dc-dongngu', (row) => row.audioMuted);

      // Off the stage, nothing of the district's sites goes up any more.
      await expectStatus(await as('chutoa', 'PUT', conference('stage'), { userIds: [] }), 204);
      await expect.poll(sentUp, { timeout: 10_000 }).toEqual([]);
      await expectStatus(await as('chutoa', 'POST', conference('mute'), { userId: userId('dc-dongngu'), muted: false }), 204);
    } finally {
      for (const attendee of [host, dongNgu, haiLang]) attendee.close();
    }
    await untilSite('dc-dongngu', (row) => !row.connected);
  });
});

describe('a commune node under the district node', () => {
  it('routes the commune’s site to it and feeds it through both links, each crossing once', async () => {
    const tienYenNode = cascade.children.get('tien-yen')?.node;
    if (!tienYenNode) throw new Error('no Tiên Yên node');
    const dongNguNode = await startServerProcess(childEnv({ nodeId: 'dong-ngu', units: [] }, commune, tienYen().url, tienYenNode.fingerprint));
    try {
      await untilLinked(dongNguNode);
      // The root learns of it through Tiên Yên, and routes Đông Ngũ there; Hải Lạng stays on the district node.
      await expect.poll(async () => (await route('dc-dongngu')).nodeId, { timeout: 10_000 }).toBe('dong-ngu');
      expect((await route('dc-dongngu')).signalUrl).toBe(`${dongNguNode.url.replace(/^http/, 'ws')}/signal`);
      expect((await route('dc-hailang')).nodeId).toBe('tien-yen');

      const host = await attendRouted('chutoa', ['microphone', 'camera']);
      const dongNgu = await attendRouted('dc-dongngu', ['microphone', 'camera']);
      try {
        for (const source of ['microphone', 'camera'] as const) {
          await dongNgu.note('newConsumer', (note) => note.producerId === host.producers[source], 0, 10_000);
        }
        const hostMedia = [host.producers.microphone ?? '', host.producers.camera ?? ''].sort();
        await expect.poll(sentDown, { timeout: 10_000 }).toEqual(hostMedia);
        await expect.poll(async () => ids((await pipeOf(tienYen().url, 'dong-ngu', meetingId))?.producersSent), { timeout: 10_000 }).toEqual(hostMedia);
        await untilSite('dc-dongngu', (row) => row.connected && row.nodeId === 'dong-ngu');
        // Staged, the commune's camera climbs both links to the host.
        await expectStatus(await as('chutoa', 'PUT', conference('stage'), { userIds: [userId('dc-dongngu')] }), 204);
        await host.note('newConsumer', (note) => note.producerId === dongNgu.producers.camera, 0, 10_000);
        expect(await sentUp()).toContain(dongNgu.producers.camera);
        await expectStatus(await as('chutoa', 'PUT', conference('stage'), { userIds: [] }), 204);
      } finally {
        host.close();
        dongNgu.close();
      }
    } finally {
      await dongNguNode.stop();
    }
    await expect.poll(async () => (await route('dc-dongngu')).nodeId, { timeout: 10_000 }).toBe('tien-yen');
  });
});

describe('losing a district node', () => {
  it('routes its sites to the province while it is down, tells the host’s board, and back to it once it returns', async () => {
    const dongNgu = await attendRouted('dc-dongngu', ['microphone']);
    await untilSite('dc-dongngu', (row) => row.connected && row.nodeId === 'tien-yen');
    await tienYen().halt();
    // The socket is gone with the node; the root marks the site disconnected and routes it to itself.
    await expect.poll(() => dongNgu.client.socket.readyState, { timeout: 10_000 }).toBe(dongNgu.client.socket.CLOSED);
    await untilSite('dc-dongngu', (row) => !row.connected && row.nodeId === null);
    expect((await route('dc-dongngu')).nodeId).toBe('tinh');
    const rejoined = await attendRouted('dc-dongngu', ['microphone']);
    await untilSite('dc-dongngu', (row) => row.connected && row.nodeId === 'tinh');
    rejoined.close();

    await tienYen().resume();
    await untilLinked(tienYen());
    expect((await route('dc-dongngu')).nodeId).toBe('tien-yen');
  });

  it('tells a district node’s sites to find a new route when the node loses its own parent', async () => {
    const haiLang = await attendRouted('dc-hailang');
    await untilSite('dc-hailang', (row) => row.connected && row.nodeId === 'tien-yen');
    await cascade.root.halt();
    // The district node is alive, but cut off: its sites are told to re-route (their clients then ask the root again).
    expect(await haiLang.note('mediaReset', () => true, 0, 15_000)).toEqual({ reason: 'node_unavailable' });
    expect((await health(tienYen().url)).linked).toBe(false);
    await expect(attend(tienYen().url, token('dc-hailang'), meetingId, { ticket: 'x' })).rejects.toMatchObject({
      response: { ok: false },
    });
    haiLang.close();
    await cascade.root.resume();
    await untilLinked(tienYen());
    live.close();
    live = await connectCollab(cascade.root.url, formatDocName({ kind: 'live', meetingId }), token('chutoa'));
  });
});

describe('authenticating nodes', () => {
  let stranger: ServerProcess | undefined;
  afterAll(async () => stranger?.stop());

  it('refuses a child whose key the root does not list, and both sides say why', async () => {
    const node = await prepareNode();
    stranger = await startServerProcess(childEnv({ nodeId: 'hai-ha', units: [] }, node, cascade.root.url, cascade.rootNode.fingerprint));
    await expect.poll(() => stranger?.logs().join('\n'), { timeout: 15_000 }).toMatch(/cascade link to the parent refused.*not among/);
    expect(stranger.logs().join('\n')).toMatch(/"code":"unknown_node"/);
    await expect.poll(() => cascade.root.logs().join('\n'), { timeout: 5000 }).toMatch(/cascade child refused: node hai-ha with key [0-9a-f]{64} is not among/);
    expect((await health(stranger.url)).linked).toBe(false);
    await stranger.stop();
    stranger = undefined;
  });

  it('keeps a child from linking to a parent whose key is not the one it pins', async () => {
    const node = await prepareNode();
    stranger = await startServerProcess(childEnv({ nodeId: 'tien-yen', units: [] }, node, cascade.root.url, probe.fingerprint));
    await expect.poll(() => stranger?.logs().join('\n'), { timeout: 15_000 }).toMatch(/"code":"parent_key_mismatch".*not the pinned PARENT_KEY_FINGERPRINT/);
    expect((await health(stranger.url)).linked).toBe(false);
    await stranger.stop();
    stranger = undefined;
  });

  describe('on an authenticated link', () => {
    let channel: SealedChannel;
    const received: unknown[] = [];
    beforeAll(async () => {
      ({ channel } = await connectToParent({
        parentUrl: cascade.root.url,
        parentFingerprint: cascade.rootNode.fingerprint,
        key: probe.key,
        nodeId: 'probe',
        publicUrl: 'http://127.0.0.1:9',
      }));
      channel.listen((message) => received.push(message));
    });
    afterAll(() => channel?.close());

    const answer = async (frame: unknown, id: number | null) => {
      const before = received.length;
      channel.send(frame);
      await expect.poll(() => received.slice(before).some((message) => CascadeEnvelope.safeParse(message).data?.type === 'response')).toBe(true);
      const reply = received.slice(before).map((message) => CascadeEnvelope.parse(message)).find((message) => message.type === 'response');
      expect(reply).toMatchObject({ id });
      return reply;
    };

    it('hears first which root it serves under, and what it serves', async () => {
      await expect.poll(() => received.length).toBeGreaterThan(0);
      expect(received[0]).toMatchObject({ type: 'notification', method: 'linked', data: { rootNodeId: 'tinh', units: ['Huyện Vân Đồn'] } });
    });

    it('answers malformed and misdirected messages with an error, and the link stays', async () => {
      expect(await answer({ type: 'request', id: 1, method: 'openMeeting', data: { meetingId: 'no such id!' } }, 1)).toMatchObject({
        ok: false,
        error: { code: 'bad_request' },
      });
      expect(await answer({ hello: 'world' }, null)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(await answer({ type: 'request', id: 2, method: 'launchMissiles', data: {} }, 2)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
      // Only a parent announces the root; only the child side closes meetings it opened.
      expect(await answer({ type: 'notification', method: 'linked', data: { rootNodeId: 'x', rootPublicKey: '', units: [] } }, null)).toMatchObject({
        ok: false,
        error: { code: 'unknown_method' },
      });
      expect(await answer({ type: 'request', id: 3, method: 'openMeeting', data: { meetingId: 'not-a-meeting' } }, 3)).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      // Still linked: a good request is served.
      expect(await answer({ type: 'request', id: 4, method: 'openMeeting', data: { meetingId } }, 4)).toMatchObject({
        ok: true,
        data: { state: { stage: [] } },
      });
      expect(channel.closed).toBe(false);
      await answer({ type: 'request', id: 5, method: 'closeMeeting', data: { meetingId } }, 5);
    });
  });
});
