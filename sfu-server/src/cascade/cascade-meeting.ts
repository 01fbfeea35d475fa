import type { FastifyBaseLogger } from 'fastify';
import type { PipeEndpoint, ProducerOffer, RemoteUser, WireConferenceState } from '#protocol/cascade.ts';
import type { ConferenceState } from '../conference/conference-state.ts';
import type { MeetingRoom } from '../conference/meeting-room.ts';
import { mayPresent, planMedia } from '../conference/policy.ts';
import { SignalError } from '../conference/signal-error.ts';
import type { CascadeLink } from './cascade-link.ts';
import { MeetingBridge, type PipeSettings } from './meeting-bridge.ts';

/** A producer that a link asked for must reach this room within this time. */
const ACQUIRE_TIMEOUT_MS = 10_000;

/** The host's state as it travels on a link. */
export function stateToWire(state: ConferenceState): WireConferenceState {
  return { settings: state.settings, stage: [...state.stage], wall: [...state.wall], floorSpeaker: state.floorSpeaker, hostMuted: [...state.hostMuted] };
}

export function stateFromWire(state: WireConferenceState): ConferenceState {
  return { ...state, hostMuted: new Set(state.hostMuted) };
}

/** The room's key for what a link holds or reports. */
const linkKey = (link: CascadeLink) => `cascade:${link.nodeId}`;

interface CatalogEntry {
  offer: ProducerOffer;
  /** Where it comes from: this room's own peers (null) or a link. */
  origin: MeetingBridge | null;
}

/**
 * One meeting on this node, seen from the cascade: its room, the pipe to
 * the parent node (on a child) and the pipes to child nodes that serve
 * people in it. It decides what crosses each pipe:
 *
 * - every producer this node has or is offered (its own peers', and those
 *   offered by each link) is offered to every other link: metadata only;
 * - it subscribes to an offered producer when a peer here needs it (the
 *   same policy as the room: planMedia over the local peers, with the hosts
 *   of the whole tree) or another link subscribed to it here. So a stream
 *   crosses a link once however many receivers are behind it, and a
 *   producer nobody above needs (a site that is neither staged nor on the
 *   wall) never leaves its node;
 * - the host's state, removals and media resets go down; presence goes up.
 *
 * Every change (peers, the host's state, offers, subscriptions, local
 * producers and their pauses) schedules one re-evaluation; they never overlap.
 */
export class CascadeMeeting {
  readonly room: MeetingRoom;
  readonly #nodeId: string;
  readonly #pipe: PipeSettings;
  readonly #log: FastifyBaseLogger;
  /** On a child node: the pipe to the parent (replaced after a media reset). */
  #parent: { link: CascadeLink; bridge: MeetingBridge | undefined } | undefined;
  /** Child nodes that opened this meeting, with their pipe once connected. */
  readonly #children = new Map<string, { link: CascadeLink; bridge: MeetingBridge | undefined }>();
  readonly #arrivals = new Map<string, Set<() => void>>();
  #running: Promise<void> | undefined;
  #dirty = false;
  #presenceQueued = false;
  #closed = false;

  constructor(init: { room: MeetingRoom; nodeId: string; pipe: PipeSettings; log: FastifyBaseLogger }) {
    this.room = init.room;
    this.#nodeId = init.nodeId;
    this.#pipe = init.pipe;
    this.#log = init.log.child({ meetingId: init.room.meetingId });
    const { room } = this;
    room.on('producer', ({ producer }) => {
      producer.observer.on('pause', () => this.schedule());
      producer.observer.on('resume', () => this.schedule());
      producer.observer.once('close', () => this.schedule());
      this.schedule();
    });
    for (const { producer } of room.localProducers()) {
      producer.observer.on('pause', () => this.schedule());
      producer.observer.on('resume', () => this.schedule());
      producer.observer.once('close', () => this.schedule());
    }
    room.on('presence', () => {
      this.schedule();
      this.#reportPresence();
    });
    room.on('quality', () => this.#reportPresence());
    room.on('state', (state) => {
      for (const { link } of this.#children.values()) {
        link.notify('meetingState', { meetingId: room.meetingId, state: stateToWire(state), admitted: room.admittedUsers() });
      }
      this.schedule();
    });
    room.on('removed', (userId) => {
      for (const { link } of this.#children.values()) link.notify('removeUser', { meetingId: room.meetingId, userId });
    });
    room.on('reset', () => void this.#rebuildPipes());
  }

  get meetingId(): string {
    return this.room.meetingId;
  }

  #bridges(): MeetingBridge[] {
    const bridges = [...this.#children.values()].map((child) => child.bridge);
    return [this.#parent?.bridge, ...bridges].filter((bridge): bridge is MeetingBridge => bridge !== undefined && !bridge.closed);
  }

  /** The pipe of a link with this id, or an error for a stale or unknown one. */
  bridgeOf(link: CascadeLink, pipeId: string): MeetingBridge {
    const bridge = link.peer === 'parent' ? this.#parent?.bridge : this.#children.get(link.nodeId)?.bridge;
    if (!bridge || bridge.link !== link || bridge.pipeId !== pipeId || bridge.closed) {
      throw new SignalError('conflict', `no pipe ${pipeId} of meeting ${this.meetingId} on this link`);
    }
    return bridge;
  }

  #newBridge(link: CascadeLink, pipeId: string): Promise<MeetingBridge> {
    return MeetingBridge.create({
      link,
      meetingId: this.meetingId,
      pipeId,
      room: this.room,
      pipe: this.#pipe,
      changed: (arrived) => {
        if (arrived) this.#arrived(arrived);
        this.schedule();
      },
      log: this.#log,
    });
  }

  // --- the parent's side of a link -------------------------------------------

  /** A child node opened this meeting: it gets the host's state from now on. */
  addChild(link: CascadeLink): void {
    const known = this.#children.get(link.nodeId);
    if (known?.link === link) return;
    known?.bridge?.close();
    this.#children.set(link.nodeId, { link, bridge: undefined });
    this.room.hold(linkKey(link));
  }

  /** The child connects its pipe (again): a new PipeTransport here replaces the earlier one. */
  async connectChild(link: CascadeLink, pipeId: string, remote: PipeEndpoint): Promise<PipeEndpoint> {
    const child = this.#children.get(link.nodeId);
    if (!child || child.link !== link) throw new SignalError('conflict', 'open the meeting before connecting its pipe');
    child.bridge?.close();
    child.bridge = undefined;
    const bridge = await this.#newBridge(link, pipeId);
    if (this.#children.get(link.nodeId) !== child || this.#closed) {
      bridge.close();
      throw new SignalError('conflict', 'the meeting closed on this link meanwhile');
    }
    await bridge.connect(remote);
    child.bridge = bridge;
    this.schedule();
    return bridge.endpoint;
  }

  /** The child closed the meeting, or its link is gone: its pipe closes and its people leave the board. */
  removeChild(link: CascadeLink): void {
    const child = this.#children.get(link.nodeId);
    if (!child || child.link !== link) return;
    this.#children.delete(link.nodeId);
    child.bridge?.close();
    this.room.setRemoteUsers(linkKey(link), []);
    this.room.release(linkKey(link));
    this.schedule();
  }

  /** A child reports who is connected below it. */
  childPresence(link: CascadeLink, users: RemoteUser[]): void {
    if (this.#children.get(link.nodeId)?.link !== link) return;
    this.room.setRemoteUsers(linkKey(link), users);
  }

  // --- the child's side of its parent link -----------------------------------

  /** Connects (or reconnects, after a media reset on either side) this meeting's pipe to the parent. */
  async connectParent(link: CascadeLink): Promise<void> {
    this.#parent?.bridge?.close();
    const parent: { link: CascadeLink; bridge: MeetingBridge | undefined } = { link, bridge: undefined };
    this.#parent = parent;
    const bridge = await this.#newBridge(link, crypto.randomUUID());
    if (this.#parent !== parent || this.#closed) return bridge.close();
    // Known before the request: the parent's offers may come right behind its answer.
    parent.bridge = bridge;
    try {
      const { endpoint } = await link.request('connectPipe', { meetingId: this.meetingId, pipeId: bridge.pipeId, endpoint: bridge.endpoint });
      await bridge.connect(endpoint);
    } catch (error) {
      bridge.close();
      throw error;
    }
    this.schedule();
    this.#reportPresence();
  }

  /** The parent's state for this meeting. */
  parentState(state: WireConferenceState, admitted: string[]): void {
    this.room.admit(admitted);
    this.room.update(stateFromWire(state));
  }

  // --- what crosses -----------------------------------------------------------

  /** Producers known here: the room's own, then each link's offers. */
  #catalog(): Map<string, CatalogEntry> {
    const catalog = new Map<string, CatalogEntry>();
    for (const { producer, owner, source } of this.room.localProducers()) {
      catalog.set(producer.id, { offer: { producerId: producer.id, kind: producer.kind, source, owner: { ...owner }, paused: producer.paused }, origin: null });
    }
    for (const bridge of this.#bridges()) {
      for (const offer of bridge.offersIn.values()) if (!catalog.has(offer.producerId)) catalog.set(offer.producerId, { offer, origin: bridge });
    }
    return catalog;
  }

  /** Offered producers some peer of this room needs, by the room's own policy. */
  #localNeeds(catalog: Map<string, CatalogEntry>): Set<string> {
    const peers = [...this.room.peers.values()];
    const needs = new Set<string>();
    if (peers.length === 0) return needs;
    const localHosts = peers.filter((peer) => peer.host).sort((a, b) => Number(b.role === 'chair') - Number(a.role === 'chair'));
    const remoteHosts = [...catalog.values()].filter((entry) => entry.origin && entry.offer.owner.host).map((entry) => entry.offer.owner.userId);
    const hosts = [...new Set([...localHosts.map((peer) => peer.userId), ...remoteHosts])];
    const { stage, wall, floorSpeaker, hostMuted } = this.room.state;
    const plan = planMedia({
      peers: peers.map((peer) => ({ peerId: peer.id, userId: peer.userId, audioOnly: peer.audioOnly })),
      hosts,
      stage,
      wall,
      floorSpeaker,
      hostMuted,
      share: null,
    });
    for (const [producerId, { offer, origin }] of catalog) {
      if (!origin) continue;
      const owner = offer.owner.userId;
      if (offer.source === 'screen') {
        // Every share that may be shown comes in; the room shows the newest.
        const watched = peers.some((peer) => !peer.audioOnly && peer.userId !== owner);
        if (!offer.paused && watched && mayPresent({ hosts, stage, floorSpeaker }, owner)) needs.add(producerId);
        continue;
      }
      for (const decision of plan.peers.values()) {
        const receive = decision.receive.get(owner);
        if (receive && (offer.source === 'microphone' ? receive.audio : receive.camera !== 'none')) {
          needs.add(producerId);
          break;
        }
      }
    }
    return needs;
  }

  /** Asks for a re-evaluation; changes arriving meanwhile fold into the next pass. */
  schedule(): void {
    this.#dirty = true;
    if (this.#running || this.#closed) return;
    this.#running = (async () => {
      await new Promise((resolve) => setImmediate(resolve));
      while (this.#dirty && !this.#closed) {
        this.#dirty = false;
        this.#evaluate();
      }
    })()
      .catch((error: unknown) => this.#log.error({ err: error }, 'cascade evaluation failed'))
      .finally(() => {
        this.#running = undefined;
      });
  }

  #evaluate(): void {
    const catalog = this.#catalog();
    const bridges = this.#bridges();
    for (const bridge of bridges) {
      bridge.sendOffers([...catalog.values()].filter((entry) => entry.origin !== bridge).map((entry) => entry.offer));
    }
    const needs = this.#localNeeds(catalog);
    for (const [producerId, { origin }] of catalog) {
      if (!origin) continue;
      const wanted = needs.has(producerId) || bridges.some((bridge) => bridge !== origin && bridge.wantedOut.has(producerId));
      if (wanted) origin.want(producerId);
      else if (origin.receives(producerId)) origin.unwant(producerId);
    }
  }

  /**
   * A link asked for a producer: resolves with its offer once it is in the
   * room (at once for local ones; piped in from its origin otherwise).
   */
  async acquire(producerId: string): Promise<ProducerOffer> {
    const entry = this.#catalog().get(producerId);
    if (!entry) throw new SignalError('not_found', `producer ${producerId} is not offered here`);
    if (!this.room.hasProducer(producerId)) {
      await new Promise<void>((resolve, reject) => {
        const waiters = this.#arrivals.get(producerId) ?? new Set();
        this.#arrivals.set(producerId, waiters);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(done);
          reject(new SignalError('unavailable', `producer ${producerId} did not arrive`));
        }, ACQUIRE_TIMEOUT_MS);
        waiters.add(done);
        this.schedule();
      });
    }
    return entry.offer;
  }

  #arrived(producerId: string): void {
    const waiters = this.#arrivals.get(producerId);
    if (!waiters) return;
    this.#arrivals.delete(producerId);
    for (const resolve of waiters) resolve();
  }

  // --- presence and resets ----------------------------------------------------

  /** Tells the parent who is connected here and below (coalesced within a tick). */
  #reportPresence(): void {
    const parent = this.#parent;
    if (!parent || this.#presenceQueued) return;
    this.#presenceQueued = true;
    setImmediate(() => {
      this.#presenceQueued = false;
      if (this.#closed || parent.link.closed) return;
      const users = this.room.connectedUsers().map((user) => ({
        userId: user.userId,
        displayName: user.displayName,
        audioOnly: user.audioOnly,
        quality: user.quality,
        nodeId: user.nodeId ?? this.#nodeId,
      }));
      parent.link.notify('presence', { meetingId: this.meetingId, users });
    });
  }

  /**
   * The room's media was rebuilt (a worker died here): every pipe is set up
   * again on the new routers. Children are told to reconnect theirs; the
   * pipe to the parent is reconnected from here.
   */
  async #rebuildPipes(): Promise<void> {
    for (const child of this.#children.values()) {
      child.bridge?.close();
      child.bridge = undefined;
      child.link.notify('meetingReset', { meetingId: this.meetingId });
    }
    await this.reconnectParent();
  }

  /** The parent's media of this meeting was rebuilt, or ours was: a new pipe to the parent. */
  async reconnectParent(): Promise<void> {
    const parent = this.#parent;
    if (!parent || this.#closed || parent.link.closed) return;
    try {
      await this.connectParent(parent.link);
      this.#log.info('pipe to the parent node reconnected');
    } catch (error) {
      this.#log.error({ err: error }, 'could not reconnect the pipe to the parent node');
    }
  }

  /** Pipe statuses for the operators' counters. */
  pipes(): { link: CascadeLink; bridge: MeetingBridge }[] {
    return this.#bridges().map((bridge) => ({ link: bridge.link, bridge }));
  }

  /** The meeting left this node (its room closed): every pipe closes. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const bridge of this.#bridges()) bridge.close();
    this.#children.clear();
    this.#parent = undefined;
  }
}
