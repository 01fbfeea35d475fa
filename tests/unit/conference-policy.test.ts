import { describe, expect, it } from 'vitest';
import { WEAK_LINK_BITRATE, WeakLinkDetector, linkQuality } from '../../sfu-server/src/conference/link-quality.ts';
import {
  defaultSpatialLayer,
  microphoneCommand,
  planMedia,
  type PolicyInput,
  type ReceiveDecision,
} from '../../sfu-server/src/conference/policy.ts';

const HOST = 'chair';
const sites = (count: number, prefix = 'site') => Array.from({ length: count }, (_, index) => `${prefix}-${index + 1}`);

/** A conference of one host and some sites, one device each; everything else from `change`. */
function input(change: Partial<PolicyInput> & { sites?: string[] } = {}): PolicyInput {
  const { sites: siteIds = sites(5), ...rest } = change;
  return {
    peers: [HOST, ...siteIds].map((userId) => ({ peerId: `peer-of-${userId}`, userId, audioOnly: false })),
    hosts: [HOST],
    stage: [],
    wall: [],
    floorSpeaker: null,
    hostMuted: new Set(),
    share: null,
    ...rest,
  };
}

function decisionOf(policy: PolicyInput, userId: string) {
  const decision = planMedia(policy).peers.get(`peer-of-${userId}`);
  if (!decision) throw new Error(`no decision for ${userId}`);
  return decision;
}

/** What `viewer` receives, as owner → decision, for comparison. */
function received(policy: PolicyInput, viewer: string): Record<string, ReceiveDecision> {
  return Object.fromEntries(decisionOf(policy, viewer).receive);
}

const NOTHING: ReceiveDecision = { audio: false, camera: 'none', screen: false };
const staged: ReceiveDecision = { audio: true, camera: 'high', screen: false };

describe('what each site receives', () => {
  it('every site receives the stage, picture and sound, and never the other sites', () => {
    const policy = input({ stage: ['site-1', 'site-2'] });
    expect(received(policy, 'site-3')).toEqual({
      'site-1': staged,
      'site-2': staged,
      // The host is heard, not shown, while others are on the stage.
      [HOST]: { audio: true, camera: 'none', screen: false },
    });
    expect(received(policy, 'site-1')).toEqual({ 'site-2': staged, [HOST]: { ...NOTHING, audio: true } });
  });

  it('shows the host to everyone while nobody is on the stage, so no site faces a blank screen', () => {
    const policy = input();
    expect(planMedia(policy).shown).toEqual([HOST]);
    for (const site of sites(5)) expect(received(policy, site)).toEqual({ [HOST]: staged });
    expect(received(policy, HOST)).toEqual({});
  });

  it('gives the host the wall’s sites at the thumbnail layer, and the sites nothing of the wall', () => {
    const policy = input({ stage: ['site-1'], wall: ['site-1', 'site-2', 'site-3'] });
    expect(received(policy, HOST)).toEqual({
      'site-1': staged,
      'site-2': { ...NOTHING, camera: 'low' },
      'site-3': { ...NOTHING, camera: 'low' },
    });
    expect(received(policy, 'site-4')).toEqual({ 'site-1': staged, [HOST]: { ...NOTHING, audio: true } });
  });

  it('lets everyone hear the host, the stage and the floor speaker, unless the host muted them', () => {
    const policy = input({ stage: ['site-1', 'site-2'], floorSpeaker: 'site-3', hostMuted: new Set(['site-2']) });
    const heard = (viewer: string) =>
      Object.entries(received(policy, viewer))
        .filter(([, decision]) => decision.audio)
        .map(([owner]) => owner)
        .sort();
    expect(heard('site-4')).toEqual([HOST, 'site-1', 'site-3']);
    expect(heard(HOST)).toEqual(['site-1', 'site-3']);
    // Muted, site-2 is still seen on the stage.
    expect(received(policy, 'site-4')['site-2']).toEqual({ audio: false, camera: 'high', screen: false });
  });

  it('sends an audio-only peer sound and no video, not even the shared screen', () => {
    const policy = input({
      stage: ['site-1'],
      share: 'site-1',
      peers: [...input().peers.filter((peer) => peer.userId !== 'site-3'), { peerId: 'peer-of-site-3', userId: 'site-3', audioOnly: true }],
    });
    expect(received(policy, 'site-3')).toEqual({ 'site-1': { ...NOTHING, audio: true }, [HOST]: { ...NOTHING, audio: true } });
    expect(decisionOf(policy, 'site-3').send.camera).toBe('off');
  });

  it('sends the active screen share to everyone but the one sharing', () => {
    const policy = input({ share: HOST });
    for (const site of sites(5)) expect(received(policy, site)[HOST]).toEqual({ audio: true, camera: 'high', screen: true });
    expect(received(policy, HOST)).toEqual({});
  });

  it('starts a lone stage tile at the top layer, two to four tiles at the middle one, the wall at the lowest', () => {
    expect(defaultSpatialLayer('high', 1)).toBe(2);
    for (const tiles of [2, 3, 4]) expect(defaultSpatialLayer('high', tiles)).toBe(1);
    expect(defaultSpatialLayer('low', 1)).toBe(0);
  });
});

describe('what each peer may send', () => {
  it('a site sends no camera off the stage and off the wall, its lowest layer on the wall, everything on stage', () => {
    const policy = input({ stage: ['site-1'], wall: ['site-2'] });
    expect(decisionOf(policy, 'site-1').send).toEqual({ camera: 'full', microphone: true });
    expect(decisionOf(policy, 'site-2').send).toEqual({ camera: 'low', microphone: false });
    expect(decisionOf(policy, 'site-3').send).toEqual({ camera: 'off', microphone: false });
    expect(decisionOf(policy, HOST).send).toEqual({ camera: 'full', microphone: true });
  });

  it('opens a site’s microphone only on stage or with the floor, and never while host-muted', () => {
    const granted = input({ floorSpeaker: 'site-3' });
    expect(decisionOf(granted, 'site-3').send.microphone).toBe(true);
    expect(decisionOf(granted, 'site-4').send.microphone).toBe(false);
    const muted = input({ stage: ['site-1'], floorSpeaker: 'site-3', hostMuted: new Set(['site-1', 'site-3', HOST]) });
    expect(decisionOf(muted, 'site-1').send).toEqual({ camera: 'full', microphone: false });
    expect(decisionOf(muted, 'site-3').send.microphone).toBe(false);
    expect(decisionOf(muted, HOST).send.microphone).toBe(false);
  });

  it('tells a client to switch its microphone only when what the server forwards changes', () => {
    const closed = { allowed: false, hostMuted: false, hasFloor: false };
    const floor = { allowed: true, hostMuted: false, hasFloor: true };
    const host = { allowed: true, hostMuted: false, hasFloor: false };
    // A client starts unmuted: a site without the floor is told to mute on joining; a host is told nothing.
    expect(microphoneCommand(undefined, closed)).toEqual({ paused: true, reason: 'host' });
    expect(microphoneCommand(undefined, host)).toBeNull();
    expect(microphoneCommand(closed, floor)).toEqual({ paused: false, reason: 'floor' });
    expect(microphoneCommand(floor, closed)).toEqual({ paused: true, reason: 'floor' });
    expect(microphoneCommand(closed, closed)).toBeNull();
    // The floor given to someone already allowed to speak still unmutes them.
    expect(microphoneCommand(host, { ...host, hasFloor: true })).toEqual({ paused: false, reason: 'floor' });
    expect(microphoneCommand(host, { allowed: false, hostMuted: true, hasFloor: false })).toEqual({ paused: true, reason: 'host' });
    expect(microphoneCommand({ allowed: false, hostMuted: true, hasFloor: false }, closed)).toEqual({ paused: false, reason: 'host' });
    // Taken off the stage by the host.
    expect(microphoneCommand(host, closed)).toEqual({ paused: true, reason: 'host' });
  });
});

describe('cost', () => {
  /** Every stream forwarded to every peer. */
  function streams(policy: PolicyInput): number {
    let total = 0;
    for (const decision of planMedia(policy).peers.values()) {
      for (const owner of decision.receive.values()) total += Number(owner.audio) + Number(owner.camera !== 'none') + Number(owner.screen);
    }
    return total;
  }

  it('grows with sites × stage, not sites²: 50 sites and a stage of 2 forward about 50×2×2 streams plus the wall', () => {
    const fifty = sites(50);
    const wall = fifty.slice(10, 22);
    const policy = input({ sites: fifty, stage: ['site-1', 'site-2'], wall });
    const total = streams(policy);
    // 48 sites × 2 tiles × (video + audio), each staged site the other one, the host's voice to 50 sites,
    // and the host's 2 stage tiles with sound and 12 thumbnails.
    expect(total).toBe(48 * 2 * 2 + 2 * 2 + 50 + 2 * 2 + wall.length);
    expect(total).toBeLessThanOrEqual(50 * 2 * 2 + 50 + wall.length);
    expect(total).toBeLessThan(50 * 49);
    const hundred = streams(input({ sites: sites(100), stage: ['site-1', 'site-2'], wall }));
    // Twice the sites, about twice the streams.
    expect(hundred / total).toBeLessThan(2.1);
  });
});

describe('link quality and weak links', () => {
  it('rates a link good, fair or poor from its scores and bandwidth, and unknown before any media', () => {
    expect(linkQuality({ producerScores: [], consumerScores: [], availableBitrate: undefined })).toBeNull();
    expect(linkQuality({ producerScores: [10, 9], consumerScores: [8], availableBitrate: 2_000_000 })).toBe('good');
    expect(linkQuality({ producerScores: [10], consumerScores: [6], availableBitrate: undefined })).toBe('fair');
    expect(linkQuality({ producerScores: [10], consumerScores: [10], availableBitrate: 300_000 })).toBe('fair');
    expect(linkQuality({ producerScores: [3], consumerScores: [10], availableBitrate: 2_000_000 })).toBe('poor');
    expect(linkQuality({ producerScores: [], consumerScores: [], availableBitrate: 100_000 })).toBe('poor');
  });

  it('calls a link weak only after ten seconds below 150 kbit/s in a row', () => {
    const detector = new WeakLinkDetector();
    const low = WEAK_LINK_BITRATE - 1;
    expect(detector.sample(low, 0)).toBe(false);
    expect(detector.sample(low, 8000)).toBe(false);
    // One good sample starts the count again.
    expect(detector.sample(WEAK_LINK_BITRATE, 9000)).toBe(false);
    expect(detector.sample(low, 10_000)).toBe(false);
    expect(detector.sample(low, 19_000)).toBe(false);
    expect(detector.sample(low, 20_000)).toBe(true);
    // Nothing measured (no video flowing) is not weak.
    expect(detector.sample(undefined, 21_000)).toBe(false);
    detector.reset();
    expect(detector.sample(low, 30_000)).toBe(false);
  });
});
