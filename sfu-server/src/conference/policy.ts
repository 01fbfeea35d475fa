/**
 * Who receives what, and who may send what, in a conference: a pure function
 * of the host's decisions and the people in the room. The room enforces the
 * result (consumers, server-side pauses); nothing here touches mediasoup.
 *
 * The rules (DESIGN.md, "Multi-level conferencing"):
 * - Every peer receives what is *shown*: the stage, or the hosts while the
 *   stage is empty (at most four tiles). Never every other site.
 * - Hosts also receive the sites on their wall, at the lowest layer.
 * - Everyone hears the hosts, the stage and the floor speaker, unless the
 *   host muted them; nobody else's microphone is forwarded.
 * - A non-staged site sends its camera only while on the wall, and then only
 *   its lowest layer; staged peers and hosts send every layer.
 * - A site's microphone is allowed only on stage or with the floor (hosts
 *   always), never while host-muted.
 * - Audio-only peers receive and send no video (camera nor screen).
 * - The active screen share goes to everyone.
 *
 * The cost is one entry per peer and shown tile (plus the hosts' audio and
 * the wall for hosts): it grows with sites × stage, not sites².
 */

/** How much of its camera a peer sends upstream. */
export type CameraSend = 'off' | 'low' | 'full';
/** How much of an owner's camera a peer receives: nothing, the wall's thumbnail layer, or a stage tile. */
export type CameraReceive = 'none' | 'low' | 'high';

/** A peer that receives (one device of one user). */
export interface PolicyPeer {
  peerId: string;
  userId: string;
  audioOnly: boolean;
}

/** Everything the decision depends on. User ids throughout, except `peers`. */
export interface PolicyInput {
  peers: readonly PolicyPeer[];
  /** Hosts present in the conference (meeting chair and secretaries), chair first. */
  hosts: readonly string[];
  /** The host's stage, at most four users, in tile order. */
  stage: readonly string[];
  /** The sites on the host's thumbnail wall. */
  wall: readonly string[];
  floorSpeaker: string | null;
  hostMuted: ReadonlySet<string>;
  /** The user whose screen share is shown, if any. */
  share: string | null;
}

/** What one peer receives from one owner's producers. */
export interface ReceiveDecision {
  audio: boolean;
  camera: CameraReceive;
  screen: boolean;
}

/** What a peer may send: its camera's layers, and whether its microphone is forwarded. */
export interface SendDecision {
  camera: CameraSend;
  microphone: boolean;
}

/** One peer's share of the plan. */
export interface PeerDecision {
  /** Owner user id → what flows from that owner to this peer. Owners absent here send this peer nothing. */
  receive: ReadonlyMap<string, ReceiveDecision>;
  send: SendDecision;
}

/** The policy's answer for a whole room. */
export interface MediaPlan {
  /** The users every peer sees large: the stage, or the hosts while it is empty. */
  shown: readonly string[];
  /** Peer id → its decision. */
  peers: ReadonlyMap<string, PeerDecision>;
}

const MAX_TILES = 4;

/** The users on screen for everyone: the stage, or (when nobody is staged) the hosts, so a site never faces a blank screen. */
export function shownUsers(input: Pick<PolicyInput, 'stage' | 'hosts'>): string[] {
  return (input.stage.length > 0 ? input.stage : input.hosts).slice(0, MAX_TILES);
}

/** Hosts, staged people and the floor speaker: who may be heard, present a screen, or be followed onto the stage. */
export function mayPresent(input: Pick<PolicyInput, 'hosts' | 'stage' | 'floorSpeaker'>, userId: string): boolean {
  return input.hosts.includes(userId) || input.stage.includes(userId) || input.floorSpeaker === userId;
}

/** Whether a user's microphone is forwarded: they may present and the host has not muted them. */
export function microphoneAllowed(input: Pick<PolicyInput, 'hosts' | 'stage' | 'floorSpeaker' | 'hostMuted'>, userId: string): boolean {
  return mayPresent(input, userId) && !input.hostMuted.has(userId);
}

/** The camera a user should send (the same for all of that user's devices, unless audio-only). */
export function cameraSend(input: Pick<PolicyInput, 'hosts' | 'stage' | 'wall'>, userId: string, audioOnly: boolean): CameraSend {
  if (audioOnly) return 'off';
  if (input.hosts.includes(userId) || shownUsers(input).includes(userId)) return 'full';
  return input.wall.includes(userId) ? 'low' : 'off';
}

/** Decides, for every peer, what it receives and what it may send. */
export function planMedia(input: PolicyInput): MediaPlan {
  const shown = shownUsers(input);
  const audible = new Set([...input.hosts, ...input.stage, ...(input.floorSpeaker ? [input.floorSpeaker] : [])]);
  for (const userId of audible) if (input.hostMuted.has(userId)) audible.delete(userId);

  const peers = new Map<string, PeerDecision>();
  for (const peer of input.peers) {
    const receive = new Map<string, ReceiveDecision>();
    const entry = (owner: string): ReceiveDecision => {
      let decision = receive.get(owner);
      if (!decision) receive.set(owner, (decision = { audio: false, camera: 'none', screen: false }));
      return decision;
    };
    const video = !peer.audioOnly;
    for (const owner of audible) if (owner !== peer.userId) entry(owner).audio = true;
    if (video) {
      for (const owner of shown) if (owner !== peer.userId) entry(owner).camera = 'high';
      if (input.hosts.includes(peer.userId)) {
        for (const owner of input.wall) {
          if (owner !== peer.userId && !shown.includes(owner)) entry(owner).camera = 'low';
        }
      }
      if (input.share && input.share !== peer.userId) entry(input.share).screen = true;
    }
    peers.set(peer.peerId, {
      receive,
      send: { camera: cameraSend(input, peer.userId, peer.audioOnly), microphone: audible.has(peer.userId) },
    });
  }
  return { shown, peers };
}

/** The simulcast spatial layer a consumer starts on: a lone stage tile is full screen, two to four tiles share it, the wall is thumbnails. */
export function defaultSpatialLayer(camera: Exclude<CameraReceive, 'none'>, shownTiles: number): number {
  if (camera === 'low') return 0;
  return shownTiles <= 1 ? 2 : 1;
}

/** What a peer's client was told, or is to be told, about its microphone. */
export interface MicrophoneStanding {
  /** Forwarded by the server (SendDecision.microphone). */
  allowed: boolean;
  hostMuted: boolean;
  hasFloor: boolean;
}

/**
 * The `mediaControl` a client needs so its microphone button matches what
 * the server forwards, or null when nothing changed for it. A client starts
 * unmuted, so a peer that may not speak is told to mute on joining. Giving the
 * floor always unmutes (even someone already allowed to speak); ending it
 * mutes unless they may still speak. The reason says who decided: the floor,
 * or the host (mute, stage).
 */
export function microphoneCommand(
  before: MicrophoneStanding | undefined,
  now: MicrophoneStanding,
): { paused: boolean; reason: 'floor' | 'host' } | null {
  if (now.hostMuted !== (before?.hostMuted ?? false)) return { paused: now.hostMuted, reason: 'host' };
  const wasAllowed = before?.allowed ?? true;
  if (now.allowed !== wasAllowed) {
    return { paused: !now.allowed, reason: now.hasFloor || before?.hasFloor ? 'floor' : 'host' };
  }
  if (now.allowed && now.hasFloor && !before?.hasFloor) return { paused: false, reason: 'floor' };
  return null;
}
