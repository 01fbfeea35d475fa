import { randomUUID } from 'node:crypto';
import { createSocket } from 'node:dgram';
import Fastify from 'fastify';
import type { types as ms } from 'mediasoup';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingRole } from '#protocol/meetings.ts';
import type { SignalNotification, SignalNotificationData } from '#protocol/signaling.ts';
import { EMPTY_CONFERENCE_STATE, type ConferenceState } from '../../sfu-server/src/conference/conference-state.ts';
import { MeetingRoom } from '../../sfu-server/src/conference/meeting-room.ts';
import { Peer } from '../../sfu-server/src/conference/peer.ts';
import { WorkerPool } from '../../sfu-server/src/media/worker-pool.ts';

// The meeting room in-process, on real mediasoup workers: routers, pipes,
// consumers and server-side pauses, with producers made from RTP parameters
// (no browser needed to create them; no RTP flows).

const log = Fastify({ logger: { level: 'silent' } }).log;
let pool: WorkerPool;
const rooms: MeetingRoom[] = [];

beforeAll(async () => {
  pool = await WorkerPool.create({ size: 2, rtcMinPort: 47000, rtcMaxPort: 47999, logLevel: 'warn' }, log);
});
afterEach(() => {
  for (const room of rooms.splice(0)) room.close();
});
afterAll(() => pool?.close());

async function openRoom(consumerBudget = 500, state: Partial<ConferenceState> = {}): Promise<MeetingRoom> {
  const room = await MeetingRoom.create({
    meetingId: randomUUID(),
    pool,
    transport: { listenIp: '127.0.0.1', announcedIp: undefined, maxIncomingBitrate: 3_000_000 },
    consumerBudget,
    state: { ...EMPTY_CONFERENCE_STATE, ...state },
    log,
  });
  rooms.push(room);
  return room;
}

interface Note {
  method: SignalNotification;
  data: unknown;
}

/** A participant's device as a client would drive it, keeping every notification it got. */
interface Device {
  peer: Peer;
  notes: Note[];
  sendTransportId: string;
  /** Notifications of one kind, in order. */
  got<N extends SignalNotification>(method: N): SignalNotificationData<N>[];
}

let ssrc = 10_000;

async function connect(
  room: MeetingRoom,
  userId: string,
  role: MeetingRole,
  rtpCapabilities?: (router: ms.RtpCapabilities) => ms.RtpCapabilities,
): Promise<Device> {
  const notes: Note[] = [];
  const peer = new Peer({
    id: randomUUID(),
    userId,
    displayName: userId,
    role,
    device: `device-of-${userId}`,
    notify: (method, data) => notes.push({ method, data }),
    detach: () => undefined,
  });
  await room.join(peer);
  const { transportId: sendTransportId } = await room.createTransport(peer, 'send');
  await room.createTransport(peer, 'recv');
  const capabilities = room.rtpCapabilitiesOf(peer);
  room.ready(peer, rtpCapabilities ? rtpCapabilities(capabilities) : capabilities);
  await room.settled();
  return {
    peer,
    notes,
    sendTransportId,
    got: <N extends SignalNotification>(method: N) =>
      notes.filter((note) => note.method === method).map((note) => note.data as SignalNotificationData<N>),
  };
}

async function produce(room: MeetingRoom, device: Device, source: 'microphone' | 'camera' | 'screen', codec: 'VP8' | 'H264' = 'VP8') {
  const kind = source === 'microphone' ? 'audio' : 'video';
  const codecs =
    kind === 'audio'
      ? [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }]
      : codec === 'VP8'
        ? [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }]
        : [{ mimeType: 'video/H264', payloadType: 102, clockRate: 90000, parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f' } }];
  // A camera in VP8 sends three simulcast layers, like the renderer's.
  const layers = source === 'camera' && codec === 'VP8' ? 3 : 1;
  const encodings = Array.from({ length: layers }, () => ({ ssrc: (ssrc += 1) }));
  const producerId = await room.produce(device.peer, {
    transportId: device.sendTransportId,
    kind,
    rtpParameters: { codecs, encodings, headerExtensions: [], rtcp: { cname: device.peer.userId } },
    source,
  });
  await room.settled();
  return producerId;
}

/** The producers a device consumes (open consumers only). */
const consumed = (device: Device) => [...device.peer.consumers.values()].map((consumer) => consumer.appData.producerId).sort();
const producer = (device: Device, id: string) => device.peer.producer(id);

describe('one meeting across workers', () => {
  it('moves new peers to a router on the next worker once a router’s consumer budget is used up, piping each producer there once', async () => {
    const room = await openRoom(4);
    const host = await connect(room, 'chair', 'chair');
    const microphone = await produce(room, host, 'microphone');
    const camera = await produce(room, host, 'camera');
    const first = await connect(room, 'site-1', 'site');
    const second = await connect(room, 'site-2', 'site');
    expect(room.routerLoad()).toEqual([expect.objectContaining({ consumers: 4, peers: 3 })]);

    // The first router is full: the next site starts a router on the other worker and the host's media is piped there.
    const third = await connect(room, 'site-3', 'site');
    const fourth = await connect(room, 'site-4', 'site');
    const [home, spill] = room.routerLoad();
    expect(room.routerLoad()).toHaveLength(2);
    expect(home?.workerPid).not.toBe(spill?.workerPid);
    // Two pipe consumers (microphone, camera) on the first router, once for both sites on the second.
    expect(home).toMatchObject({ consumers: 4 + 2, peers: 3 });
    expect(spill).toMatchObject({ consumers: 4, peers: 2 });
    for (const site of [first, second, third, fourth]) expect(consumed(site)).toEqual([microphone, camera].sort());
    expect(third.got('newConsumer').map((note) => note.peerId)).toEqual([host.peer.id, host.peer.id]);

    // The host's camera goes away: every consumer of it closes, the pipe too.
    room.closeProducer(host.peer, camera);
    await room.settled();
    for (const site of [first, second, third, fourth]) expect(consumed(site)).toEqual([microphone]);
    expect(fourth.got('consumerClosed')).toHaveLength(1);
    // The pipe consumer learns of it from its worker a moment later.
    await expect.poll(() => room.routerLoad().map((load) => load.consumers)).toEqual([3, 2]);

    room.close();
    expect(room.routers).toEqual([]);
  });
});

describe('enforcing the conference policy', () => {
  it('sends sites only the stage, lets through only what each may send, and re-decides on every change', async () => {
    const room = await openRoom();
    const host = await connect(room, 'chair', 'chair');
    const hostMicrophone = await produce(room, host, 'microphone');
    const hostCamera = await produce(room, host, 'camera');
    const [first, second, third] = [await connect(room, 'site-1', 'site'), await connect(room, 'site-2', 'site'), await connect(room, 'site-3', 'site')];
    const media = new Map<Device, { microphone: string; camera: string }>();
    for (const site of [first, second, third]) media.set(site, { microphone: await produce(room, site, 'microphone'), camera: await produce(room, site, 'camera') });
    const of = (site: Device) => media.get(site) ?? { microphone: '', camera: '' };

    // Nobody staged: every site sees and hears the host only, and sends nothing the server would forward.
    for (const site of [first, second, third]) {
      expect(consumed(site)).toEqual([hostMicrophone, hostCamera].sort());
      expect(site.got('sendPolicy').at(-1)).toEqual({ camera: 'off', microphone: false });
      expect(site.got('mediaControl').at(-1)).toEqual({ source: 'microphone', paused: true, reason: 'host' });
      expect(producer(site, of(site).microphone).paused).toBe(true);
      expect(producer(site, of(site).camera).paused).toBe(true);
    }
    expect(host.got('sendPolicy').at(-1)).toEqual({ camera: 'full', microphone: true });
    expect(consumed(host)).toEqual([]);
    expect(second.peer.consumerOf(hostCamera)?.preferredLayers?.spatialLayer).toBe(2);

    // The host stages site 1: its camera and microphone are let through and everyone receives them on a full-size tile.
    room.update({ ...room.state, stage: [first.peer.userId] });
    await room.settled();
    expect(first.got('sendPolicy').at(-1)).toEqual({ camera: 'full', microphone: true });
    expect(first.got('mediaControl').at(-1)).toEqual({ source: 'microphone', paused: false, reason: 'host' });
    expect(producer(first, of(first).microphone).paused).toBe(false);
    expect(producer(first, of(first).camera).paused).toBe(false);
    for (const viewer of [host, second, third]) {
      expect(viewer.peer.consumerOf(of(first).camera)?.preferredLayers?.spatialLayer).toBe(2);
      expect(viewer.peer.consumerOf(of(first).microphone)).toBeDefined();
    }
    // Sites no longer see the host (the stage is shown instead) but still hear them.
    expect(consumed(second)).toEqual([hostMicrophone, of(first).microphone, of(first).camera].sort());
    expect(second.got('consumerClosed')).toHaveLength(1);

    // Two tiles share the screen: the middle layer. The host's wall gets site 3's lowest layer, and site 3 is asked for it.
    room.update({ ...room.state, stage: [first.peer.userId, second.peer.userId], wall: [third.peer.userId] });
    await room.settled();
    expect(third.peer.consumerOf(of(first).camera)?.preferredLayers?.spatialLayer).toBe(1);
    expect(host.peer.consumerOf(of(third).camera)?.preferredLayers?.spatialLayer).toBe(0);
    expect(third.got('sendPolicy').at(-1)).toEqual({ camera: 'low', microphone: false });
    expect(producer(third, of(third).camera).paused).toBe(false);
    expect(first.peer.consumerOf(of(third).camera)).toBeUndefined();

    // A client may still ask for another layer.
    const tile = third.peer.consumerOf(of(first).camera);
    await tile?.setPreferredLayers({ spatialLayer: 0 });
    expect(tile?.preferredLayers?.spatialLayer).toBe(0);

    // The host mutes site 1: silenced for everyone, whatever its client does.
    room.update({ ...room.state, hostMuted: new Set([first.peer.userId]) });
    await room.settled();
    expect(first.got('mediaControl').at(-1)).toEqual({ source: 'microphone', paused: true, reason: 'host' });
    expect(producer(first, of(first).microphone).paused).toBe(true);
    await room.setProducerPaused(first.peer, of(first).microphone, false);
    expect(producer(first, of(first).microphone).paused).toBe(true);
    expect(third.peer.consumerOf(of(first).microphone)).toBeUndefined();
    expect(third.peer.consumerOf(of(first).camera)).toBeDefined();

    // The floor goes to site 3 (not staged): its microphone opens, everyone hears it.
    room.update({ ...room.state, hostMuted: new Set(), floorSpeaker: third.peer.userId });
    await room.settled();
    expect(third.got('mediaControl').at(-1)).toEqual({ source: 'microphone', paused: false, reason: 'floor' });
    expect(producer(third, of(third).microphone).paused).toBe(false);
    expect(second.peer.consumerOf(of(third).microphone)).toBeDefined();
  });

  it('closes an audio-only peer’s video and stops wanting its camera, until it switches back by hand', async () => {
    const room = await openRoom(500, { stage: ['site-1'] });
    const host = await connect(room, 'chair', 'chair');
    await produce(room, host, 'microphone');
    const site = await connect(room, 'site-1', 'site');
    const camera = await produce(room, site, 'camera');
    const hostCamera = await produce(room, host, 'camera');
    expect(host.peer.consumerOf(camera)).toBeDefined();
    expect(site.peer.consumerOf(hostCamera)).toBeUndefined();

    room.setAudioOnly(site.peer, true, 'weak_link');
    await room.settled();
    expect(site.got('audioOnly').at(-1)).toEqual({ enabled: true, reason: 'weak_link' });
    expect(site.got('sendPolicy').at(-1)).toEqual({ camera: 'off', microphone: true });
    expect(producer(site, camera).paused).toBe(true);
    expect([...site.peer.consumers.values()].every((consumer) => consumer.kind === 'audio')).toBe(true);

    room.setAudioOnly(site.peer, false, 'user');
    await room.settled();
    expect(site.got('sendPolicy').at(-1)).toEqual({ camera: 'full', microphone: true });
    expect(producer(site, camera).paused).toBe(false);
  });

  it('shows the newest screen share of someone who may present to everyone, and holds back anyone else’s', async () => {
    const room = await openRoom();
    const host = await connect(room, 'chair', 'chair');
    const site = await connect(room, 'site-1', 'site');
    const other = await connect(room, 'site-2', 'site');
    const shares: unknown[] = [];
    room.on('share', (share) => shares.push(share));
    const siteScreen = await produce(room, site, 'screen');
    expect(producer(site, siteScreen).paused).toBe(true);
    expect(host.peer.consumerOf(siteScreen)).toBeUndefined();

    const hostScreen = await produce(room, host, 'screen');
    expect(shares).toEqual([{ userId: 'chair', displayName: 'chair' }]);
    expect(site.peer.consumerOf(hostScreen)).toBeDefined();
    expect(other.peer.consumerOf(hostScreen)).toBeDefined();

    // Staged, the site may present: when it shares again, its newer share replaces the host's.
    room.update({ ...room.state, stage: ['site-1'] });
    room.closeProducer(site.peer, siteScreen);
    const newerScreen = await produce(room, site, 'screen');
    expect(shares.at(-1)).toEqual({ userId: 'site-1', displayName: 'site-1' });
    expect(producer(site, newerScreen).paused).toBe(false);
    expect(producer(host, hostScreen).paused).toBe(true);
    expect(host.peer.consumerOf(newerScreen)).toBeDefined();
    expect(other.peer.consumerOf(newerScreen)).toBeDefined();
    expect(other.peer.consumerOf(hostScreen)).toBeUndefined();
  });
});

describe('codecs', () => {
  it('sends an H.264 camera to a VP8-preferring device that decodes H.264, and not to one that cannot (no transcoding)', async () => {
    const room = await openRoom();
    const host = await connect(room, 'chair', 'chair');
    const vp8First = await connect(room, 'site-1', 'site');
    const vp8Only = await connect(room, 'site-2', 'site', (router) => {
      const h264 = router.codecs?.filter((codec) => codec.mimeType === 'video/H264').map((codec) => codec.preferredPayloadType);
      const decodable = (codec: ms.RtpCodecCapability) =>
        codec.mimeType !== 'video/H264' && !(codec.mimeType === 'video/rtx' && h264?.includes(Number(codec.parameters?.apt)));
      return { ...router, codecs: router.codecs?.filter(decodable) };
    });
    const camera = await produce(room, host, 'camera', 'H264');
    const microphone = await produce(room, host, 'microphone');
    const videoCodecs = vp8First.peer.rtpCapabilities?.codecs?.filter((codec) => codec.kind === 'video').map((codec) => codec.mimeType);
    expect(videoCodecs?.[0]).toBe('video/VP8');
    expect(vp8First.peer.consumerOf(camera)?.rtpParameters.codecs[0]?.mimeType).toBe('video/H264');
    expect(consumed(vp8Only)).toEqual([microphone]);
  });
});

describe('cascade', () => {
  it('takes in a producer arriving from another node and forwards it like a local one, its owner shown as a participant', async () => {
    const room = await openRoom();
    const site = await connect(room, 'site-1', 'site');
    const [router] = room.routers;
    if (!router) throw new Error('no router');
    const link = await router.createDirectTransport();
    const remoteMicrophone = await link.produce({
      kind: 'audio',
      rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: 4242 }] },
    });
    const owner = { peerId: randomUUID(), userId: 'province-chair', displayName: 'Chủ tọa tỉnh', host: true };
    room.adoptProducer(remoteMicrophone, owner, 'microphone', router);
    await room.settled();
    expect(site.got('peerJoined')).toContainEqual({ peerId: owner.peerId, userId: owner.userId, displayName: owner.displayName });
    expect(site.got('newConsumer').at(-1)).toMatchObject({ producerId: remoteMicrophone.id, peerId: owner.peerId, source: 'microphone' });

    remoteMicrophone.close();
    await room.settled();
    expect(consumed(site)).toEqual([]);
    expect(site.got('peerLeft')).toContainEqual({ peerId: owner.peerId });
  });
});

describe('who is in', () => {
  it('replaces a peer of the same user and device, and keeps a locked conference closed to newcomers but not to those already in', async () => {
    const room = await openRoom();
    const first = await connect(room, 'site-1', 'site');
    const again = await connect(room, 'site-1', 'site');
    expect(first.got('removed')).toEqual([{ reason: 'replaced' }]);
    expect([...room.peers.values()].map((peer) => peer.id)).toEqual([again.peer.id]);

    room.update({ ...room.state, settings: { ...room.state.settings, locked: true } });
    await expect(connect(room, 'site-2', 'site')).rejects.toMatchObject({ code: 'forbidden' });
    await connect(room, 'site-1', 'site');
    await connect(room, 'secretary', 'secretary');
    expect(room.connectedUsers().map((user) => user.userId).sort()).toEqual(['secretary', 'site-1']);

    expect(room.remove('site-1')).toBe(true);
    await expect(connect(room, 'site-1', 'site')).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('the active speaker', () => {
  /**
   * A remote participant (cascade) speaking into the room: opus RTP with the
   * audio-level header extension, 50 packets a second, through a PlainTransport.
   */
  async function speaker(room: MeetingRoom, userId: string, host: boolean, loudness: () => number) {
    const [router] = room.routers;
    if (!router) throw new Error('no router');
    const link = await router.createPlainTransport({ listenIp: '127.0.0.1', comedia: true, rtcpMux: true });
    const microphone = await link.produce({
      kind: 'audio',
      rtpParameters: {
        codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }],
        headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 1 }],
        encodings: [{ ssrc: (ssrc += 1) }],
      },
    });
    room.adoptProducer(microphone, { peerId: randomUUID(), userId, displayName: userId, host }, 'microphone', router);
    const socket = createSocket('udp4');
    let sequence = 0;
    const timer = setInterval(() => {
      const packet = Buffer.alloc(12 + 8 + 40);
      packet[0] = 0x90; // RTP version 2, with a header extension
      packet[1] = 100;
      packet.writeUInt16BE((sequence += 1) & 0xffff, 2);
      packet.writeUInt32BE((sequence * 960) >>> 0, 4);
      packet.writeUInt32BE(microphone.rtpParameters.encodings?.[0]?.ssrc ?? 0, 8);
      packet.writeUInt16BE(0xbede, 12); // one-byte header extensions, one word
      packet.writeUInt16BE(1, 14);
      packet[16] = 1 << 4; // id 1, one byte
      packet[17] = 0x80 | loudness(); // voice, level in -dBov (0 loudest, 127 silence)
      socket.send(packet, link.tuple.localPort, '127.0.0.1');
    }, 20);
    return () => {
      clearInterval(timer);
      socket.close();
      link.close();
    };
  }

  const talking = () => 5 + Math.floor(Math.random() * 20);
  const silent = () => 127;

  // Generous waits: the observer needs a few of its intervals of speech before it switches, and the sender's
  // 20 ms timer slips when the machine is busy with the other test files.
  it('hears who speaks, and with follow-the-speaker stages them only if they may speak', { timeout: 40_000 }, async () => {
    const room = await openRoom(500, { settings: { locked: false, followSpeaker: true, rollCallOpen: false } });
    const heard: (string | null)[] = [];
    const staged: string[] = [];
    room.on('activeSpeaker', (userId) => heard.push(userId));
    room.on('speakerToStage', (userId) => staged.push(userId));

    const stopChair = await speaker(room, 'province-chair', true, silent);
    // A site off the stage talks: it is heard as the loudest, but it cannot take the stage.
    const stopSite = await speaker(room, 'commune-site', false, talking);
    await expect.poll(() => heard.at(-1), { timeout: 15_000 }).toBe('commune-site');
    expect(staged).not.toContain('commune-site');
    stopSite();

    const stopSecretary = await speaker(room, 'province-secretary', true, talking);
    await expect.poll(() => staged.at(-1), { timeout: 15_000 }).toBe('province-secretary');
    expect(heard.at(-1)).toBe('province-secretary');
    stopSecretary();
    stopChair();
  });
});

