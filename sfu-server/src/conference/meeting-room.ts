import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type { types as ms } from 'mediasoup';
import type { LinkQuality } from '#protocol/conference.ts';
import type { MediaSource, PeerInfo, SignalResponseData } from '#protocol/signaling.ts';
import { wire } from '../media/wire.ts';
import type { WorkerPool } from '../media/worker-pool.ts';
import type { ConferenceState } from './conference-state.ts';
import { linkQuality } from './link-quality.ts';
import type { ConsumerAppData, Peer, ProducerAppData, TransportAppData } from './peer.ts';
import {
  cameraSend,
  defaultSpatialLayer,
  mayPresent,
  microphoneAllowed,
  microphoneCommand,
  planMedia,
  type PolicyInput,
  type ReceiveDecision,
} from './policy.ts';
import { RouterSlot } from './router-slot.ts';
import { SignalError } from './signal-error.ts';

/** How WebRTC transports listen and what one client may send. */
export interface TransportSettings {
  listenIp: string;
  announcedIp: string | undefined;
  /** Cap on what one client may send, in bits per second. */
  maxIncomingBitrate: number;
}

/**
 * Whoever sends a producer into the room: a local peer, or (cascade) a
 * participant whose media arrives from another node.
 */
export interface ProducerOwner {
  peerId: string;
  userId: string;
  displayName: string;
  host: boolean;
}

/** A person connected to this room, for the status board (several devices of one person merge). */
export interface ConnectedUser {
  userId: string;
  displayName: string;
  audioOnly: boolean;
  quality: LinkQuality | null;
  /** Cascade: the node their media goes through, when not this one. */
  nodeId?: string;
}

/** A producer of a local peer, as the cascade offers it to other nodes. */
export interface LocalProducer {
  producer: ms.Producer;
  owner: ProducerOwner;
  source: MediaSource;
}

/** Where a router's load stands: for operators and tests. */
export interface RouterLoad {
  routerId: string;
  workerPid: number;
  consumers: number;
  peers: number;
}

/** What a room tells the live publication (and, later, a cascade link). */
export interface MeetingRoomEvents {
  /** Someone joined or left, or switched audio-only: the status board changes. */
  presence: [];
  /** Link qualities changed (at most every QUALITY_PUBLISH_MS). */
  quality: [];
  activeSpeaker: [userId: string | null];
  /** Follow-the-speaker: this user should now be the single stage tile (the stage command writes it). */
  speakerToStage: [userId: string];
  /** Whose screen share everyone sees now. */
  share: [owner: { userId: string; displayName: string } | null];
  /** The media was rebuilt after a worker died; every peer was told to rejoin and adopted producers are gone. */
  reset: [];
  /** Cascade: the host's state changed (`update`), to be pushed to child nodes. */
  state: [ConferenceState];
  /** Cascade: a local peer's producer appeared (offered to other nodes). */
  producer: [LocalProducer];
  /** Cascade: the host removed this user (they may be connected on another node). */
  removed: [userId: string];
  /** The last peer left. */
  empty: [];
  closed: [];
}

interface MeetingRoomInit {
  meetingId: string;
  pool: WorkerPool;
  transport: TransportSettings;
  /** MAX_CONSUMERS_PER_ROUTER: a router takes new peers while it carries fewer consumers. */
  consumerBudget: number;
  state: ConferenceState;
  log: FastifyBaseLogger;
}

interface RoomProducer {
  producer: ms.Producer;
  owner: ProducerOwner;
  source: MediaSource;
  slot: RouterSlot;
  /** The local peer that sends it; undefined for an adopted producer, which its own node pauses. */
  peer: Peer | undefined;
  /** The owner's own pause (mute button, camera off). */
  clientPaused: boolean;
  /** The policy lets it through. Paused on the server unless both allow. */
  allowed: boolean;
  /** Pipe producers on other routers of this room, by router id. */
  pipes: Map<string, Promise<ms.Producer>>;
  /** Creation order: the newest screen share wins. */
  order: number;
}

/** Link sampling period (status board quality, weak-link detection). */
const LINK_SAMPLE_MS = 2000;
/** Quality reaches the status board at most this often. */
export const QUALITY_PUBLISH_MS = 5000;
/** Follow-the-speaker keeps a speaker on the stage at least this long (ms), so a cough does not cut the picture. */
export const FOLLOW_HOLD_MS = 2000;

/**
 * A meeting's media on this node. It owns its routers (one per worker it
 * spans), the peers, the pipes between its routers and the active speaker
 * observers, and `close()` releases all of them.
 *
 * Every change (join, leave, produce, the host's state, audio-only, shares)
 * schedules one reconciliation: the policy (policy.ts) is evaluated for
 * everyone, then consumers are created or closed to match it, producers the
 * owner may not send are paused on the server, and each client is told its
 * send policy (`sendPolicy`, `mediaControl`). Reconciliations never overlap.
 *
 * Inputs: peers (join/leave), the host's state (`update`, read from the live
 * document by the conference commands), and producers: local ones through
 * `produce`, remote ones (cascade) through `adoptProducer`.
 */
export class MeetingRoom extends EventEmitter<MeetingRoomEvents> {
  readonly meetingId: string;
  readonly peers = new Map<string, Peer>();
  readonly #pool: WorkerPool;
  readonly #transport: TransportSettings;
  readonly #consumerBudget: number;
  readonly #log: FastifyBaseLogger;
  #slots: RouterSlot[] = [];
  #growing: Promise<RouterSlot> | undefined;
  readonly #producers = new Map<string, RoomProducer>();
  #producerOrder = 0;
  /** Remote participants (cascade) by peer id, announced while they have producers here. */
  readonly #remoteOwners = new Map<string, ProducerOwner>();
  /** Users let in while the conference was open (or hosts): "people already in" stay admitted when it is locked. */
  readonly #admitted = new Set<string>();
  /** Cascade: people connected on other nodes, by the link that reports them. */
  readonly #remoteUsers = new Map<string, ConnectedUser[]>();
  /** Cascade: links that keep this room open while it has no peer. */
  readonly #holds = new Set<string>();
  #state: ConferenceState;
  #share: RoomProducer | undefined;
  #activeSpeaker: string | null = null;
  #followedAt = 0;
  #followTimer: NodeJS.Timeout | undefined;
  #reconciling: Promise<void> | undefined;
  #dirty = false;
  readonly #linkTimer: NodeJS.Timeout;
  #qualityDirty = false;
  #qualityPublishedAt = 0;
  #closed = false;

  private constructor(init: MeetingRoomInit) {
    super();
    this.meetingId = init.meetingId;
    this.#pool = init.pool;
    this.#transport = init.transport;
    this.#consumerBudget = init.consumerBudget;
    this.#state = init.state;
    this.#log = init.log;
    this.#linkTimer = setInterval(() => {
      this.#sampleLinks().catch((error: unknown) => this.#log.warn({ err: error }, 'link sampling failed'));
    }, LINK_SAMPLE_MS);
    this.#linkTimer.unref();
  }

  /** A room with its first router on the pool's next worker. */
  static async create(init: MeetingRoomInit): Promise<MeetingRoom> {
    const room = new MeetingRoom({ ...init, log: init.log.child({ meetingId: init.meetingId }) });
    try {
      room.#slots.push(await room.#createSlot(init.pool.next()));
    } catch (error) {
      room.close();
      throw error;
    }
    return room;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get state(): ConferenceState {
    return this.#state;
  }

  /** The user the active speaker observers hear most now, if anyone. */
  get activeSpeaker(): string | null {
    return this.#activeSpeaker;
  }

  /** The live routers, oldest first (a cascade link attaches its PipeTransport to one of them). */
  get routers(): ms.Router[] {
    return this.#slots.filter((slot) => !slot.closed).map((slot) => slot.router);
  }

  /** Whether any of this room's routers lives on `worker`. */
  usesWorker(worker: ms.Worker): boolean {
    return this.#slots.some((slot) => slot.worker === worker);
  }

  /** Each live router's consumers and peers. */
  routerLoad(): RouterLoad[] {
    return this.#slots
      .filter((slot) => !slot.closed)
      .map((slot) => ({
        routerId: slot.router.id,
        workerPid: slot.worker.pid,
        consumers: slot.consumers,
        peers: [...this.peers.values()].filter((peer) => peer.slot === slot).length,
      }));
  }

  /** Whether a user's microphone is forwarded now (host, staged or floor, and not muted). */
  microphoneAllowed(userId: string): boolean {
    return microphoneAllowed(this.#policyBase(), userId);
  }

  /** The people connected here, one entry per user. */
  connectedUsers(): ConnectedUser[] {
    const users = new Map<string, ConnectedUser>();
    const rank = (quality: LinkQuality | null) => (quality === null ? 3 : ['poor', 'fair', 'good'].indexOf(quality));
    for (const peer of this.peers.values()) {
      const known = users.get(peer.userId);
      if (!known) {
        users.set(peer.userId, { userId: peer.userId, displayName: peer.displayName, audioOnly: peer.audioOnly, quality: peer.quality });
        continue;
      }
      // Several devices: the person is audio-only if any device is, and as good as their worst link.
      known.audioOnly ||= peer.audioOnly;
      if (rank(peer.quality) < rank(known.quality)) known.quality = peer.quality;
    }
    // Someone connected here and elsewhere is shown as connected here.
    for (const remote of this.#remoteUsers.values()) {
      for (const user of remote) if (!users.has(user.userId)) users.set(user.userId, { ...user });
    }
    return [...users.values()];
  }

  /**
   * Cascade: the people a link reports connected below it (replacing its
   * earlier report). They appear on the status board and count as admitted.
   */
  setRemoteUsers(source: string, users: readonly ConnectedUser[]): void {
    if (users.length === 0) this.#remoteUsers.delete(source);
    else this.#remoteUsers.set(source, [...users]);
    for (const user of users) this.#admitted.add(user.userId);
    this.emit('presence');
  }

  /** Cascade: users the conference let in elsewhere (a locked conference keeps admitting them here too). */
  admit(userIds: Iterable<string>): void {
    for (const userId of userIds) this.#admitted.add(userId);
  }

  admittedUsers(): string[] {
    return [...this.#admitted];
  }

  /** Cascade: keeps the room open while `key` (a link) needs it, even with no peer. */
  hold(key: string): void {
    this.#holds.add(key);
  }

  release(key: string): void {
    if (this.#holds.delete(key) && this.idle) this.emit('empty');
  }

  /** No peer and no link needs the room. */
  get idle(): boolean {
    return this.peers.size === 0 && this.#holds.size === 0;
  }

  /** Participants a joining peer is told about: every other local peer and every remote owner. */
  #peerInfos(except: Peer): PeerInfo[] {
    const local = [...this.peers.values()].filter((peer) => peer !== except).map((peer) => peer.info);
    const remote = [...this.#remoteOwners.values()].map(({ peerId, userId, displayName }) => ({ peerId, userId, displayName }));
    return [...local, ...remote];
  }

  /**
   * Admits a peer: refused while the conference is locked unless a host or
   * someone already admitted. A peer of the same user on the same device is
   * replaced (told `removed: replaced`). Returns the others in the room.
   */
  async join(peer: Peer): Promise<PeerInfo[]> {
    try {
      return await this.#admit(peer);
    } catch (error) {
      // A room opened for a refused join has nobody to wait for.
      if (this.idle) this.emit('empty');
      throw error;
    }
  }

  async #admit(peer: Peer): Promise<PeerInfo[]> {
    if (this.#closed) throw new SignalError('unavailable', 'the conference is closing; join again');
    if (this.#state.settings.locked && !peer.host && !this.#admitted.has(peer.userId)) {
      throw new SignalError('forbidden', 'the conference is locked: the host admits no new participants now');
    }
    peer.slot = await this.#slotForNewPeer();
    if (this.#closed) throw new SignalError('unavailable', 'the conference is closing; join again');
    const others = this.#peerInfos(peer);
    for (const other of this.peers.values()) other.notify('peerJoined', peer.info);
    this.peers.set(peer.id, peer);
    this.#admitted.add(peer.userId);
    for (const other of [...this.peers.values()]) {
      if (other !== peer && other.userId === peer.userId && other.device === peer.device) {
        this.#evict(other, () => other.notify('removed', { reason: 'replaced' }));
      }
    }
    this.#log.info({ peerId: peer.id, userId: peer.userId, routerId: peer.slot.router.id }, 'peer joined');
    this.#presenceChanged();
    return others.filter((info) => this.peers.has(info.peerId) || this.#remoteOwners.has(info.peerId));
  }

  /** The peer's connection left (or closed). */
  leave(peer: Peer): void {
    if (this.#evict(peer, undefined)) this.#log.info({ peerId: peer.id }, 'peer left');
  }

  /** The host removed a user: each of their peers is told `removed` and closed. Returns whether anyone was connected. */
  remove(userId: string): boolean {
    this.#admitted.delete(userId);
    let removed = [...this.#remoteUsers.values()].some((users) => users.some((user) => user.userId === userId));
    this.emit('removed', userId);
    for (const peer of [...this.peers.values()]) {
      if (peer.userId !== userId) continue;
      removed = this.#evict(peer, () => peer.notify('removed', { reason: 'host' })) || removed;
    }
    return removed;
  }

  /** Takes a peer out; `notice` tells it why before its connection forgets it. */
  #evict(peer: Peer, notice: (() => void) | undefined): boolean {
    if (!this.peers.delete(peer.id)) return false;
    peer.close();
    notice?.();
    peer.detach();
    for (const other of this.peers.values()) other.notify('peerLeft', { peerId: peer.id });
    this.#presenceChanged();
    return true;
  }

  #presenceChanged(): void {
    if (this.#activeSpeaker && !this.#present(this.#activeSpeaker)) this.#setActiveSpeaker(null);
    this.emit('presence');
    this.#schedule();
    if (this.idle) this.emit('empty');
  }

  #present(userId: string): boolean {
    for (const peer of this.peers.values()) if (peer.userId === userId) return true;
    for (const owner of this.#remoteOwners.values()) if (owner.userId === userId) return true;
    for (const users of this.#remoteUsers.values()) if (users.some((user) => user.userId === userId)) return true;
    return false;
  }

  /** The host's state changed (read from the live document): enforce it. */
  update(state: ConferenceState): void {
    const following = state.settings.followSpeaker && !this.#state.settings.followSpeaker;
    this.#state = state;
    this.#schedule();
    if (following) this.#followSpeaker();
    this.emit('state', state);
  }

  async createTransport(peer: Peer, direction: 'send' | 'recv'): Promise<SignalResponseData<'createWebRtcTransport'>> {
    const router = this.#slotOf(peer).router;
    const transport = await router.createWebRtcTransport<TransportAppData>({
      listenIps: [{ ip: this.#transport.listenIp, announcedIp: this.#transport.announcedIp }],
      enableUdp: true,
      // TCP is the fallback for halls whose firewalls drop UDP.
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 1_000_000,
      appData: { direction },
    });
    if (direction === 'send') await transport.setMaxIncomingBitrate(this.#transport.maxIncomingBitrate);
    peer.transports.set(transport.id, transport);
    transport.observer.on('close', () => peer.transports.delete(transport.id));
    return {
      transportId: transport.id,
      ...wire.transport({
        iceParameters: transport.iceParameters,
        iceCandidates: transport.iceCandidates,
        dtlsParameters: transport.dtlsParameters,
      }),
    };
  }

  /** The RTP capabilities of the router a peer is on (every router of a room offers the same codecs). */
  rtpCapabilitiesOf(peer: Peer): ms.RtpCapabilities {
    return this.#slotOf(peer).router.rtpCapabilities;
  }

  /** The peer's device is loaded: it starts receiving what the policy gives it. */
  ready(peer: Peer, rtpCapabilities: ms.RtpCapabilities): void {
    if (!peer.receiveTransport()) throw new SignalError('conflict', 'create a receive transport before ready');
    peer.rtpCapabilities = rtpCapabilities;
    this.#schedule();
  }

  async produce(
    peer: Peer,
    request: { transportId: string; kind: ms.MediaKind; rtpParameters: ms.RtpParameters; source: MediaSource },
  ): Promise<string> {
    const transport = peer.transport(request.transportId);
    if (transport.appData.direction !== 'send') throw new SignalError('bad_request', 'produce needs a send transport');
    const expectedKind = request.source === 'microphone' ? 'audio' : 'video';
    if (request.kind !== expectedKind) throw new SignalError('bad_request', `${request.source} must be ${expectedKind}`);
    const slot = this.#slotOf(peer);
    const allowed = this.#mayProduce(peer, request.source);
    // Starts paused when the policy forbids it, so nothing leaks before the next reconciliation.
    const producer = await transport.produce<ProducerAppData>({
      kind: request.kind,
      rtpParameters: request.rtpParameters,
      paused: !allowed,
      appData: { source: request.source, peerId: peer.id },
    });
    peer.producers.set(producer.id, producer);
    const owner = { peerId: peer.id, userId: peer.userId, displayName: peer.displayName, host: peer.host };
    this.#register({ producer, owner, source: request.source, slot, peer, clientPaused: false, allowed });
    producer.observer.once('close', () => peer.producers.delete(producer.id));
    return producer.id;
  }

  /**
   * Cascade: takes in a producer that reached one of this room's `routers`
   * from another node (e.g. through a PipeTransport on it). It is consumed
   * by whoever the policy says, piped to the room's other routers on demand,
   * and heard by the active speaker observer; its owner appears to the local
   * peers (`peerJoined`) until their last producer here closes. Pausing it is
   * the sending node's business. A media reset (`reset` event) drops it.
   */
  adoptProducer(producer: ms.Producer, owner: ProducerOwner, source: MediaSource, router: ms.Router): void {
    const slot = this.#slots.find((candidate) => candidate.router === router && !candidate.closed);
    if (!slot) throw new Error('the router does not belong to this room');
    if (!this.#remoteOwners.has(owner.peerId)) {
      this.#remoteOwners.set(owner.peerId, owner);
      const info = { peerId: owner.peerId, userId: owner.userId, displayName: owner.displayName };
      for (const peer of this.peers.values()) peer.notify('peerJoined', info);
    }
    this.#register({ producer, owner, source, slot, peer: undefined, clientPaused: false, allowed: true });
    producer.observer.once('close', () => {
      const stillSending = [...this.#producers.values()].some((entry) => entry.owner.peerId === owner.peerId);
      if (stillSending || !this.#remoteOwners.delete(owner.peerId)) return;
      for (const peer of this.peers.values()) peer.notify('peerLeft', { peerId: owner.peerId });
      this.#presenceChanged();
    });
  }

  #register(entry: Omit<RoomProducer, 'pipes' | 'order'>): void {
    const registered: RoomProducer = { ...entry, pipes: new Map(), order: (this.#producerOrder += 1) };
    const { producer } = entry;
    this.#producers.set(producer.id, registered);
    producer.observer.once('close', () => {
      this.#producers.delete(producer.id);
      this.#schedule();
    });
    void entry.slot.observe(producer);
    this.#schedule();
    if (entry.peer) this.emit('producer', { producer, owner: entry.owner, source: entry.source });
  }

  /** Cascade: the producers of this room's own peers (not adopted ones). */
  localProducers(): LocalProducer[] {
    return [...this.#producers.values()]
      .filter((entry) => entry.peer !== undefined && !entry.producer.closed)
      .map(({ producer, owner, source }) => ({ producer, owner, source }));
  }

  /** Whether a producer (local or adopted) is in this room now. */
  hasProducer(producerId: string): boolean {
    return this.#producers.has(producerId);
  }

  /**
   * Cascade: makes a producer of this room available on `router` (one of
   * `routers`), piping it there once if it lives on another router, so a
   * link's PipeTransport on that router can consume it.
   */
  async bringTo(producerId: string, router: ms.Router): Promise<void> {
    const entry = this.#producers.get(producerId);
    const slot = this.#slots.find((candidate) => candidate.router === router && !candidate.closed);
    if (!entry || !slot) throw new SignalError('not_found', `no producer ${producerId} in this room`);
    await this.#bringTo(entry, slot);
  }

  /** The client paused or resumed its own producer; the server keeps it paused while the policy forbids it. */
  async setProducerPaused(peer: Peer, producerId: string, paused: boolean): Promise<void> {
    const producer = peer.producer(producerId);
    const entry = this.#producers.get(producer.id);
    if (!entry) return;
    entry.clientPaused = paused;
    await this.#enforcePause(entry);
    // A share paused or resumed may change which share everyone sees.
    if (entry.source === 'screen') this.#schedule();
  }

  closeProducer(peer: Peer, producerId: string): void {
    peer.producer(producerId).close();
  }

  async resumeConsumer(peer: Peer, consumerId: string): Promise<void> {
    await peer.consumer(consumerId).resume();
  }

  /** Audio only, by hand or for a weak link: video consumers close and the camera is not wanted. Switching back is by hand only. */
  setAudioOnly(peer: Peer, enabled: boolean, reason: 'user' | 'weak_link'): void {
    if (!this.peers.has(peer.id)) return;
    const changed = peer.audioOnly !== enabled;
    peer.audioOnly = enabled;
    if (!enabled) peer.weakLink.reset();
    peer.notify('audioOnly', { enabled, reason });
    if (!changed) return;
    this.#log.info({ peerId: peer.id, enabled, reason }, 'audio-only changed');
    this.emit('presence');
    this.#schedule();
  }

  /** Resolves once no reconciliation is pending (tests, and callers that want the result in place). */
  async settled(): Promise<void> {
    while (this.#reconciling) await this.#reconciling;
  }

  /**
   * A worker under one of this room's routers died (the pool has replaced
   * it): every router is rebuilt on live workers, and every peer is told
   * `mediaReset` and forgotten, so it joins again from scratch. Host state,
   * admissions and the live document are kept.
   */
  async recover(): Promise<void> {
    if (this.#closed) return;
    this.#log.warn({ peers: this.peers.size }, 'a media worker of this meeting died; rebuilding its routers');
    const evicted = [...this.peers.values()];
    this.peers.clear();
    for (const slot of this.#slots) slot.close();
    this.#slots = [];
    this.#producers.clear();
    this.#remoteOwners.clear();
    this.#setShare(undefined);
    this.#setActiveSpeaker(null);
    try {
      await this.#slotForNewPeer();
    } catch (error) {
      // The next join tries again.
      this.#log.error({ err: error }, 'could not rebuild a router after a worker died');
    }
    for (const peer of evicted) {
      peer.close();
      peer.notify('mediaReset', { reason: 'worker_restarted' });
      peer.detach();
    }
    this.emit('reset');
    this.#presenceChanged();
  }

  /**
   * Closes the room and everything it owns. With a reason (cascade: this node
   * lost its parent), every peer is first told `mediaReset`, so its client
   * asks for a new route and joins wherever that leads.
   */
  close(reason?: 'node_unavailable'): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#linkTimer);
    clearTimeout(this.#followTimer);
    for (const peer of this.peers.values()) {
      peer.close();
      if (!reason) continue;
      peer.notify('mediaReset', { reason });
      peer.detach();
    }
    this.peers.clear();
    this.#remoteUsers.clear();
    for (const slot of this.#slots) slot.close();
    this.#slots = [];
    this.#producers.clear();
    this.#remoteOwners.clear();
    this.emit('closed');
  }

  // --- routers -------------------------------------------------------------

  #slotOf(peer: Peer): RouterSlot {
    if (!peer.slot || peer.slot.closed) throw new SignalError('unavailable', 'media is restarting; join again');
    return peer.slot;
  }

  #createSlot(worker: ms.Worker): Promise<RouterSlot> {
    return RouterSlot.create(worker, (producerId) => this.#onDominantSpeaker(producerId));
  }

  /**
   * The router a new peer goes to: the first with room in its consumer
   * budget; otherwise a new router on a worker this meeting does not use yet.
   * Once the meeting spans every worker the budget bends: the least loaded
   * router takes the peer (two routers of one meeting on one worker could not
   * be piped together: a piped producer keeps its id).
   */
  async #slotForNewPeer(): Promise<RouterSlot> {
    while (this.#growing) await this.#growing.catch(() => undefined);
    const live = this.#slots.filter((slot) => !slot.closed);
    const roomy = live.find((slot) => slot.consumers < this.#consumerBudget);
    if (roomy) return roomy;
    const worker = this.#pool.unused(new Set(live.map((slot) => slot.worker)));
    if (!worker && live.length > 0) {
      this.#log.warn({ routers: live.length, budget: this.#consumerBudget }, 'every worker carries this meeting; over the consumer budget');
      return live.reduce((least, slot) => (slot.consumers < least.consumers ? slot : least));
    }
    let target: ms.Worker;
    try {
      target = worker ?? this.#pool.next();
    } catch {
      throw new SignalError('unavailable', 'media is restarting; join again in a moment');
    }
    this.#growing = this.#createSlot(target);
    try {
      const slot = await this.#growing;
      if (this.#closed) {
        slot.close();
        throw new SignalError('unavailable', 'the conference is closing; join again');
      }
      this.#slots.push(slot);
      this.#log.info({ routerId: slot.router.id, workerPid: target.pid, routers: this.#slots.length }, 'meeting router added');
      return slot;
    } finally {
      this.#growing = undefined;
    }
  }

  /** The producer as it exists on `slot`'s router: the original, or a pipe producer (created once, then cached). */
  async #bringTo(entry: RoomProducer, slot: RouterSlot): Promise<void> {
    if (entry.slot === slot) return;
    const routerId = slot.router.id;
    let pipe = entry.pipes.get(routerId);
    if (!pipe) {
      pipe = (async () => {
        const { pipeProducer, pipeConsumer } = await entry.slot.router.pipeToRouter({ producerId: entry.producer.id, router: slot.router });
        if (!pipeProducer || !pipeConsumer) throw new Error('pipeToRouter returned no producer');
        entry.slot.track(pipeConsumer);
        pipeProducer.observer.once('close', () => entry.pipes.delete(routerId));
        await slot.observe(pipeProducer);
        return pipeProducer;
      })();
      entry.pipes.set(routerId, pipe);
      pipe.catch(() => entry.pipes.delete(routerId));
    }
    await pipe;
  }

  // --- policy --------------------------------------------------------------

  /** Hosts in the conference, the chair first, then by arrival; remote hosts (cascade) after. */
  #hosts(): string[] {
    const local = [...this.peers.values()].filter((peer) => peer.host);
    local.sort((a, b) => Number(b.role === 'chair') - Number(a.role === 'chair'));
    const remote = [...this.#remoteOwners.values()].filter((owner) => owner.host);
    return [...new Set([...local.map((peer) => peer.userId), ...remote.map((owner) => owner.userId)])];
  }

  #policyBase(): Omit<PolicyInput, 'peers' | 'share'> {
    const { stage, wall, floorSpeaker, hostMuted } = this.#state;
    return { hosts: this.#hosts(), stage, wall, floorSpeaker, hostMuted };
  }

  #mayProduce(peer: Peer, source: MediaSource): boolean {
    const base = this.#policyBase();
    if (source === 'microphone') return microphoneAllowed(base, peer.userId);
    if (source === 'camera') return cameraSend(base, peer.userId, peer.audioOnly) !== 'off';
    return !peer.audioOnly && mayPresent(base, peer.userId);
  }

  /** The newest unpaused screen share of someone who may present. */
  #chooseShare(base: Omit<PolicyInput, 'peers' | 'share'>): RoomProducer | undefined {
    let chosen: RoomProducer | undefined;
    for (const entry of this.#producers.values()) {
      if (entry.source !== 'screen' || entry.producer.closed || entry.clientPaused) continue;
      if (!mayPresent(base, entry.owner.userId) || (entry.peer?.audioOnly ?? false)) continue;
      if (!chosen || entry.order > chosen.order) chosen = entry;
    }
    return chosen;
  }

  #setShare(entry: RoomProducer | undefined): void {
    const before = this.#share?.owner.userId;
    this.#share = entry;
    if (entry?.owner.userId === before) return;
    this.emit('share', entry ? { userId: entry.owner.userId, displayName: entry.owner.displayName } : null);
  }

  #onDominantSpeaker(producerId: string): void {
    const entry = this.#producers.get(producerId);
    if (entry) this.#setActiveSpeaker(entry.owner.userId);
  }

  #setActiveSpeaker(userId: string | null): void {
    if (userId === this.#activeSpeaker) return;
    this.#activeSpeaker = userId;
    this.emit('activeSpeaker', userId);
    this.#followSpeaker();
  }

  /**
   * With `followSpeaker` on, asks for the dominant speaker as the single
   * stage tile, if they may speak (a host, someone staged, the floor speaker,
   * not muted: a muted site cannot grab the stage), at most every
   * FOLLOW_HOLD_MS; a change inside that hold is looked at again when it ends.
   */
  #followSpeaker(): void {
    clearTimeout(this.#followTimer);
    this.#followTimer = undefined;
    const speaker = this.#activeSpeaker;
    const { settings, stage } = this.#state;
    if (this.#closed || !settings.followSpeaker || !speaker || !this.microphoneAllowed(speaker)) return;
    if (stage.length === 1 && stage[0] === speaker) return;
    const wait = this.#followedAt + FOLLOW_HOLD_MS - Date.now();
    if (wait > 0) {
      this.#followTimer = setTimeout(() => this.#followSpeaker(), wait);
      this.#followTimer.unref();
      return;
    }
    this.#followedAt = Date.now();
    this.emit('speakerToStage', speaker);
  }

  // --- reconciliation ------------------------------------------------------

  /** Asks for a reconciliation; changes arriving while one runs are folded into the next. */
  #schedule(): void {
    this.#dirty = true;
    if (this.#reconciling || this.#closed) return;
    this.#reconciling = (async () => {
      // After the current request's response has gone out: clients learn their peer before its consumers.
      await new Promise((resolve) => setImmediate(resolve));
      while (this.#dirty && !this.#closed) {
        this.#dirty = false;
        await this.#reconcile();
      }
    })()
      .catch((error: unknown) => this.#log.error({ err: error }, 'conference reconciliation failed'))
      .finally(() => {
        this.#reconciling = undefined;
      });
  }

  async #reconcile(): Promise<void> {
    const base = this.#policyBase();
    const share = this.#chooseShare(base);
    this.#setShare(share);
    const peers = [...this.peers.values()];
    const plan = planMedia({
      ...base,
      share: share?.owner.userId ?? null,
      peers: peers.map((peer) => ({ peerId: peer.id, userId: peer.userId, audioOnly: peer.audioOnly })),
    });

    // Sending: what each client is told, and what the server lets through.
    for (const peer of peers) {
      const send = plan.peers.get(peer.id)?.send;
      if (!send) continue;
      const microphone = {
        allowed: send.microphone,
        hostMuted: base.hostMuted.has(peer.userId),
        hasFloor: base.floorSpeaker === peer.userId,
      };
      if (peer.told?.camera !== send.camera || peer.told.microphone.allowed !== send.microphone) {
        peer.notify('sendPolicy', { camera: send.camera, microphone: send.microphone });
      }
      const command = microphoneCommand(peer.told?.microphone, microphone);
      if (command) peer.notify('mediaControl', { source: 'microphone', ...command });
      peer.told = { camera: send.camera, microphone };
    }
    for (const entry of [...this.#producers.values()]) {
      if (!entry.peer) continue;
      const send = plan.peers.get(entry.peer.id)?.send;
      if (!send) continue;
      entry.allowed =
        entry.source === 'microphone' ? send.microphone : entry.source === 'camera' ? send.camera !== 'off' : entry === share;
      await this.#enforcePause(entry);
    }

    // Receiving: consumers follow the plan.
    const byOwner = new Map<string, RoomProducer[]>();
    for (const entry of this.#producers.values()) {
      const list = byOwner.get(entry.owner.userId) ?? [];
      list.push(entry);
      byOwner.set(entry.owner.userId, list);
    }
    for (const peer of peers) {
      const decision = plan.peers.get(peer.id);
      if (!decision || !peer.rtpCapabilities || !this.peers.has(peer.id)) continue;
      await this.#applyReceive(peer, decision.receive, plan.shown.length, byOwner, share);
    }
  }

  async #enforcePause(entry: RoomProducer): Promise<void> {
    const paused = entry.clientPaused || !entry.allowed;
    if (entry.producer.closed || entry.producer.paused === paused) return;
    // A producer closing meanwhile is not a failure.
    await (paused ? entry.producer.pause() : entry.producer.resume()).catch(() => undefined);
  }

  async #applyReceive(
    peer: Peer,
    receive: ReadonlyMap<string, ReceiveDecision>,
    tiles: number,
    byOwner: ReadonlyMap<string, RoomProducer[]>,
    share: RoomProducer | undefined,
  ): Promise<void> {
    const wanted = new Map<string, { entry: RoomProducer; layer: number | null }>();
    for (const [owner, decision] of receive) {
      for (const entry of byOwner.get(owner) ?? []) {
        if (entry.source === 'microphone' && decision.audio) wanted.set(entry.producer.id, { entry, layer: null });
        if (entry.source === 'camera' && decision.camera !== 'none') {
          wanted.set(entry.producer.id, { entry, layer: defaultSpatialLayer(decision.camera, tiles) });
        }
        if (entry.source === 'screen' && decision.screen && entry === share) wanted.set(entry.producer.id, { entry, layer: null });
      }
    }
    for (const consumer of [...peer.consumers.values()]) {
      if (wanted.has(consumer.appData.producerId)) continue;
      peer.consumers.delete(consumer.id);
      consumer.close();
      peer.notify('consumerClosed', { consumerId: consumer.id });
    }
    for (const [producerId, { entry, layer }] of wanted) {
      if (!this.peers.has(peer.id) || entry.producer.closed) continue;
      const existing = peer.consumerOf(producerId);
      try {
        if (!existing) await this.#consume(peer, entry, layer);
        else if (layer !== null && existing.appData.defaultLayer !== null && existing.appData.defaultLayer !== layer) {
          // The tile changed size: start it on its new layer (the client may ask for another).
          existing.appData.defaultLayer = layer;
          await existing.setPreferredLayers({ spatialLayer: layer });
        }
      } catch (error) {
        // A peer or producer that left meanwhile: the next reconciliation sees it gone.
        this.#log.debug({ err: error, peerId: peer.id, producerId }, 'consumer not created');
      }
    }
  }

  async #consume(peer: Peer, entry: RoomProducer, layer: number | null): Promise<void> {
    const transport = peer.receiveTransport();
    const rtpCapabilities = peer.rtpCapabilities;
    const slot = peer.slot;
    if (!transport || !rtpCapabilities || !slot || slot.closed) return;
    const producerId = entry.producer.id;
    await this.#bringTo(entry, slot);
    // mediasoup forwards, it does not transcode: an H.264 camera reaches only devices that decode H.264.
    if (!slot.router.canConsume({ producerId, rtpCapabilities })) {
      if (!peer.undecodable.has(producerId)) {
        peer.undecodable.add(producerId);
        const codec = entry.producer.rtpParameters.codecs[0]?.mimeType;
        this.#log.warn({ peerId: peer.id, producerId, codec }, 'peer cannot decode this producer’s codec; not sent to it');
      }
      return;
    }
    const layered = entry.producer.type !== 'simple';
    // Paused until the client has attached the track and asks to resume, so the first keyframe is not lost.
    const consumer = await transport.consume<ConsumerAppData>({
      producerId,
      rtpCapabilities,
      paused: true,
      ...(layered && layer !== null && { preferredLayers: { spatialLayer: layer } }),
      appData: { producerId, source: entry.source, defaultLayer: layered ? layer : null },
    });
    slot.track(consumer);
    if (!this.peers.has(peer.id) || transport.closed) {
      consumer.close();
      return;
    }
    peer.consumers.set(consumer.id, consumer);
    consumer.on('producerclose', () => {
      peer.consumers.delete(consumer.id);
      peer.notify('consumerClosed', { consumerId: consumer.id });
    });
    consumer.on('transportclose', () => peer.consumers.delete(consumer.id));
    consumer.on('producerpause', () => peer.notify('consumerPaused', { consumerId: consumer.id, paused: true }));
    consumer.on('producerresume', () => peer.notify('consumerPaused', { consumerId: consumer.id, paused: false }));
    peer.notify('newConsumer', {
      consumerId: consumer.id,
      producerId,
      peerId: entry.owner.peerId,
      kind: consumer.kind,
      source: entry.source,
      rtpParameters: wire.rtpParameters(consumer.rtpParameters),
      producerPaused: consumer.producerPaused,
    });
  }

  // --- links ---------------------------------------------------------------

  /**
   * Every LINK_SAMPLE_MS: each peer's quality from its scores and its receive
   * transport's downstream estimate (link-quality.ts), and the weak-link
   * switch to audio only.
   */
  async #sampleLinks(): Promise<void> {
    const now = Date.now();
    for (const peer of [...this.peers.values()]) {
      const flowing = [...peer.consumers.values()].filter((consumer) => !consumer.paused && !consumer.producerPaused);
      const transport = peer.receiveTransport();
      let bitrate: number | undefined;
      if (flowing.some((consumer) => consumer.kind === 'video') && transport && !transport.closed) {
        const [stats] = await transport.getStats().catch(() => []);
        bitrate = stats?.availableOutgoingBitrate;
      }
      if (!this.peers.has(peer.id)) continue;
      const producerScores = [...peer.producers.values()]
        .filter((producer) => !producer.paused && producer.score.length > 0)
        // Simulcast: the best layer arriving is what the link carries.
        .map((producer) => Math.max(...producer.score.map((stream) => stream.score)));
      const quality = linkQuality({ producerScores, consumerScores: flowing.map((consumer) => consumer.score.score), availableBitrate: bitrate });
      if (quality !== peer.quality) {
        peer.quality = quality;
        this.#qualityDirty = true;
      }
      if (peer.weakLink.sample(bitrate, now) && !peer.audioOnly) {
        this.#log.info({ peerId: peer.id, bitrate }, 'weak link: switching the peer to audio only');
        this.setAudioOnly(peer, true, 'weak_link');
      }
    }
    if (this.#qualityDirty && now - this.#qualityPublishedAt >= QUALITY_PUBLISH_MS) {
      this.#qualityDirty = false;
      this.#qualityPublishedAt = now;
      this.emit('quality');
    }
  }
}
