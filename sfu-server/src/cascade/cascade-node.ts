import type { KeyObject } from 'node:crypto';
import { once } from 'node:events';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { CASCADE_PARENT_LOST_CLOSE, type CascadeLinks } from '#protocol/cascade.ts';
import { verifyToken, type TokenVerifier } from '../auth/tokens.ts';
import type { ConferenceState } from '../conference/conference-state.ts';
import type { MeetingRoom } from '../conference/meeting-room.ts';
import type { RoomRegistry } from '../conference/room-registry.ts';
import { SignalError } from '../conference/signal-error.ts';
import { verifyTicket, type TicketVerifier } from '../conference/tickets.ts';
import { HttpError } from '../http/errors.ts';
import type { NodeKey } from '../identity/node-key.ts';
import { CascadeLink, CascadeRequestError } from './cascade-link.ts';
import { CascadeMeeting, stateFromWire, stateToWire } from './cascade-meeting.ts';
import type { PipeSettings } from './meeting-bridge.ts';
import { NodeDirectory } from './node-directory.ts';
import { CascadeRefusedError, acceptChild, connectToParent } from './secure-channel.ts';
import { keyFingerprint, publicKeyFromBase64, publicKeyToBase64, type TrustedChild } from './trust.ts';

/** Waits between attempts to reach the parent, in ms (the last one repeats). */
const RECONNECT_DELAYS = [1000, 2000, 4000, 8000, 10_000];

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * This node's place in a cascade of SFU nodes (DESIGN.md, "Cascade across
 * nodes"): the link to its parent (a child node), the links of the children
 * it trusts, one CascadeMeeting per open room, and the directory of nodes
 * below it (the root routes participants with it).
 *
 * The root holds the store and the host's state; a child holds neither: it
 * learns the root's public key over its authenticated link (it checks user
 * tokens and conference tickets with it), opens a meeting by asking its
 * parent, and enforces the state the parent pushes. When the link to its
 * parent goes, a child tells its peers `mediaReset {node_unavailable}`
 * (their clients ask the root for a new route), closes the links of its own
 * children (so the whole subtree re-routes) and tries to reconnect.
 */
export class CascadeNode {
  readonly nodeId: string;
  readonly directory: NodeDirectory;
  readonly #key: NodeKey;
  readonly #rooms: RoomRegistry;
  readonly #pipe: PipeSettings;
  readonly #trusted: readonly TrustedChild[];
  readonly #parentConfig: { url: string; fingerprint: string } | null;
  readonly #publicUrl: () => string;
  readonly #meetingExists: ((meetingId: string) => Promise<boolean>) | undefined;
  readonly #log: FastifyBaseLogger;
  readonly #meetings = new Map<string, CascadeMeeting>();
  readonly #children = new Map<string, CascadeLink>();
  /** Who admitted whom, from the parent's openMeeting, until the room exists. */
  readonly #admittedOnOpen = new Map<string, string[]>();
  #parent: { link: CascadeLink; linked: boolean } | undefined;
  /** The root's identity: this node's own key on the root; learned from the parent on a child. */
  #root: { nodeId: string; publicKey: KeyObject } | undefined;
  #stopped = false;
  #wakeReconnect: (() => void) | undefined;

  constructor(init: {
    nodeId: string;
    key: NodeKey;
    rooms: RoomRegistry;
    pipe: PipeSettings;
    trusted: readonly TrustedChild[];
    parent: { url: string; fingerprint: string } | null;
    /** This node's public base URL (known once it listens). */
    publicUrl: () => string;
    /** On the root: a child may open only meetings that exist. */
    meetingExists?: (meetingId: string) => Promise<boolean>;
    log: FastifyBaseLogger;
  }) {
    this.nodeId = init.nodeId;
    this.#key = init.key;
    this.#rooms = init.rooms;
    this.#pipe = init.pipe;
    this.#trusted = init.trusted;
    this.#parentConfig = init.parent;
    this.#publicUrl = init.publicUrl;
    this.#meetingExists = init.meetingExists;
    this.#log = init.log;
    this.directory = new NodeDirectory({ selfId: init.nodeId, trusted: init.trusted, log: init.log });
    if (!init.parent) this.#root = { nodeId: init.nodeId, publicKey: init.key.publicKey };
    this.directory.on('changed', () => this.#announceNodes());
    init.rooms.on('opened', (room) => this.#track(room));
  }

  get isRoot(): boolean {
    return this.#parentConfig === null;
  }

  get fingerprint(): string {
    return keyFingerprint(this.#key.publicKey);
  }

  /** Whether this node can serve participants now: the root always; a child while linked to its parent. */
  get serving(): boolean {
    return this.isRoot || (this.#parent?.linked ?? false);
  }

  /** User tokens are the root's: checked with its public key (a child learns it from its parent). */
  readonly tokens: TokenVerifier = {
    verify: async (token) => (this.#root ? verifyToken(token, this.#root.publicKey) : null),
  };

  /** Conference tickets are the root's too. */
  readonly tickets: TicketVerifier = {
    verify: async (ticket) => (this.#root ? verifyTicket(ticket, this.#root.publicKey) : null),
  };

  // --- rooms ------------------------------------------------------------------

  /** A child node's RoomRegistry.loadState: the parent opens the meeting and answers with the host's state. */
  async loadStateFromParent(meetingId: string): Promise<ConferenceState> {
    const parent = this.#parent;
    if (!parent?.linked) throw new SignalError('unavailable', 'this node has no link to its parent now; ask for a new route');
    try {
      const { state, admitted } = await parent.link.request('openMeeting', { meetingId });
      this.#admittedOnOpen.set(meetingId, admitted);
      return stateFromWire(state);
    } catch (error) {
      if (error instanceof CascadeRequestError) throw new SignalError(error.code, `the parent node: ${error.message}`);
      throw error;
    }
  }

  #track(room: MeetingRoom): void {
    const meeting = new CascadeMeeting({ room, nodeId: this.nodeId, pipe: this.#pipe, log: this.#log });
    this.#meetings.set(room.meetingId, meeting);
    room.admit(this.#admittedOnOpen.get(room.meetingId) ?? []);
    this.#admittedOnOpen.delete(room.meetingId);
    room.once('closed', () => {
      meeting.close();
      if (this.#meetings.get(room.meetingId) === meeting) this.#meetings.delete(room.meetingId);
      const parent = this.#parent;
      if (parent?.linked && !parent.link.closed) {
        parent.link.request('closeMeeting', { meetingId: room.meetingId }).catch((error: unknown) => {
          this.#log.debug({ err: error, meetingId: room.meetingId }, 'closeMeeting not confirmed');
        });
      }
    });
    const parent = this.#parent;
    if (parent?.linked) void this.#pipeToParent(meeting, parent.link);
  }

  /** Connects a meeting's pipe to the parent, trying again a few times while the link stands. */
  async #pipeToParent(meeting: CascadeMeeting, link: CascadeLink): Promise<void> {
    for (let attempt = 0; attempt < 5 && !link.closed && !meeting.room.closed; attempt += 1) {
      try {
        await meeting.connectParent(link);
        return;
      } catch (error) {
        this.#log.warn({ err: error, meetingId: meeting.meetingId, attempt }, 'could not connect the meeting’s pipe to the parent node');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  /** The meeting's cascade state, where the link names it. */
  #meeting(meetingId: string): CascadeMeeting {
    const meeting = this.#meetings.get(meetingId);
    if (!meeting) throw new SignalError('not_found', `meeting ${meetingId} is not open on node ${this.nodeId}`);
    return meeting;
  }

  // --- the link to the parent (child nodes) -------------------------------------

  /** Starts linking to the parent (a child node): reconnects until `close`. */
  start(): void {
    if (this.#parentConfig) void this.#keepParentLink(this.#parentConfig);
  }

  async #keepParentLink(config: { url: string; fingerprint: string }): Promise<void> {
    let failures = 0;
    while (!this.#stopped) {
      try {
        const { channel, parent } = await connectToParent({
          parentUrl: config.url,
          parentFingerprint: config.fingerprint,
          key: this.#key,
          nodeId: this.nodeId,
          publicUrl: this.#publicUrl(),
        });
        const link = new CascadeLink({ channel, nodeId: parent.nodeId, fingerprint: parent.fingerprint, peer: 'parent', log: this.#log });
        this.#attachParent(link);
        failures = 0;
        await once(link, 'closed');
        this.#parentLost(link);
      } catch (error) {
        failures += 1;
        if (error instanceof CascadeRefusedError && error.code !== 'closed') {
          this.#log.error({ code: error.code, parentUrl: config.url }, `cascade link to the parent refused: ${error.message}`);
        } else {
          this.#log.warn({ err: error, parentUrl: config.url }, 'cannot reach the parent node');
        }
      }
      if (this.#stopped) return;
      const delay = RECONNECT_DELAYS[Math.min(failures, RECONNECT_DELAYS.length - 1)] ?? 10_000;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.#wakeReconnect = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  #attachParent(link: CascadeLink): void {
    const parent = { link, linked: false };
    this.#parent = parent;
    link.listen('linked', ({ rootNodeId, rootPublicKey, units }) => {
      let publicKey: KeyObject;
      try {
        publicKey = publicKeyFromBase64(rootPublicKey);
      } catch {
        this.#log.error('the parent sent an unreadable root key; dropping the link');
        return link.close(1008, 'bad root key');
      }
      this.#root = { nodeId: rootNodeId, publicKey };
      parent.linked = true;
      this.#log.info({ parentNodeId: link.nodeId, rootNodeId, units }, 'linked to the parent node');
      this.#announceNodes();
    });
    link.listen('meetingState', ({ meetingId, state, admitted }) => {
      void this.#rooms.current(meetingId).then(() => this.#meetings.get(meetingId)?.parentState(state, admitted));
    });
    link.listen('meetingReset', ({ meetingId }) => void this.#meetings.get(meetingId)?.reconnectParent());
    link.listen('removeUser', ({ meetingId, userId }) => void this.#meetings.get(meetingId)?.room.remove(userId));
    this.#pipeHandlers(link);
    link.start();
  }

  /** The parent is gone: every peer here and every child below must find another route. */
  #parentLost(link: CascadeLink): void {
    if (this.#parent?.link !== link) return;
    this.#parent = undefined;
    if (this.#stopped) return;
    const peers = [...this.#meetings.values()].reduce((count, meeting) => count + meeting.room.peers.size, 0);
    this.#log.warn({ parentNodeId: link.nodeId, peers, children: this.#children.size }, 'lost the link to the parent node; sending every participant to a new route');
    void this.#rooms.close('node_unavailable');
    for (const child of [...this.#children.values()]) child.close(CASCADE_PARENT_LOST_CLOSE, 'parent unavailable');
  }

  #announceNodes(): void {
    const parent = this.#parent;
    if (parent?.linked) parent.link.notify('nodes', { nodes: this.directory.announcements() });
  }

  // --- links of children (parent nodes) ----------------------------------------

  /** `/cascade`: a child node links up; refused unless its key is among CASCADE_CHILDREN under its node id. */
  async #acceptChild(socket: WebSocket, address: string): Promise<void> {
    let accepted;
    try {
      accepted = await acceptChild(socket, {
        key: this.#key,
        nodeId: this.nodeId,
        admit: ({ nodeId, fingerprint }) => {
          const trusted = this.#trusted.find((child) => child.fingerprint === fingerprint);
          if (!trusted) return { code: 'unknown_node', message: `node ${nodeId} with key ${fingerprint} is not among this node’s CASCADE_CHILDREN` };
          if (trusted.nodeId !== nodeId) return { code: 'unknown_node', message: `key ${fingerprint} belongs to node ${trusted.nodeId}, not ${nodeId}` };
          if (!this.serving) return { code: 'no_root', message: `node ${this.nodeId} has no link to its own parent now; try again later` };
          return null;
        },
      });
    } catch (error) {
      const code = error instanceof CascadeRefusedError ? error.code : 'error';
      this.#log.warn({ address, code }, `cascade child refused: ${(error as Error).message}`);
      return;
    }
    const { channel, child } = accepted;
    const link = new CascadeLink({ channel, nodeId: child.nodeId, fingerprint: child.fingerprint, peer: 'child', log: this.#log });
    const earlier = this.#children.get(child.nodeId);
    this.#children.set(child.nodeId, link);
    earlier?.close(1000, 'replaced by a newer link of the same node');
    this.#childHandlers(link);
    link.once('closed', () => this.#childLost(link));
    const trusted = this.#trusted.find((entry) => entry.nodeId === child.nodeId);
    const root = this.#root;
    if (!root) return link.close(CASCADE_PARENT_LOST_CLOSE, 'no root');
    link.start();
    link.notify('linked', { rootNodeId: root.nodeId, rootPublicKey: publicKeyToBase64(root.publicKey), units: trusted?.units ?? [] });
    this.directory.childUp(child.nodeId, child.publicUrl);
    this.#log.info({ childNodeId: child.nodeId, address, publicUrl: child.publicUrl, fingerprint: child.fingerprint }, 'cascade child linked');
  }

  #childLost(link: CascadeLink): void {
    for (const meeting of this.#meetings.values()) meeting.removeChild(link);
    if (this.#children.get(link.nodeId) !== link) return;
    this.#children.delete(link.nodeId);
    this.directory.childDown(link.nodeId);
    this.#log.warn({ childNodeId: link.nodeId }, 'cascade child node down; its sites are routed to this node or above');
  }

  #childHandlers(link: CascadeLink): void {
    link.handle('openMeeting', async ({ meetingId }) => {
      if (this.#meetingExists && !(await this.#meetingExists(meetingId))) throw new SignalError('not_found', `no meeting ${meetingId}`);
      const room = await this.#rooms.open(meetingId);
      if (link.closed) throw new SignalError('unavailable', 'the link closed');
      const meeting = this.#meeting(meetingId);
      meeting.addChild(link);
      return { state: stateToWire(room.state), admitted: room.admittedUsers() };
    });
    link.handle('connectPipe', async ({ meetingId, pipeId, endpoint }) => ({
      endpoint: await this.#meeting(meetingId).connectChild(link, pipeId, endpoint),
    }));
    link.handle('closeMeeting', async ({ meetingId }) => {
      this.#meetings.get(meetingId)?.removeChild(link);
      return {};
    });
    link.listen('presence', ({ meetingId, users }) => this.#meetings.get(meetingId)?.childPresence(link, users));
    link.listen('nodes', ({ nodes }) => this.directory.childAnnounced(link.nodeId, nodes));
    this.#pipeHandlers(link);
  }

  /** What either side of a link may say about a meeting's pipe. */
  #pipeHandlers(link: CascadeLink): void {
    link.handle('subscribe', async ({ meetingId, pipeId, producerId }) => {
      const meeting = this.#meeting(meetingId);
      return meeting.bridgeOf(link, pipeId).serve(producerId, (id) => meeting.acquire(id));
    });
    link.handle('unsubscribe', async ({ meetingId, pipeId, producerId }) => {
      this.#meeting(meetingId).bridgeOf(link, pipeId).unserve(producerId);
      return {};
    });
    link.listen('offers', ({ meetingId, pipeId, producers }) => {
      const meeting = this.#meetings.get(meetingId);
      if (!meeting) return;
      try {
        meeting.bridgeOf(link, pipeId).applyOffers(producers);
        meeting.schedule();
      } catch {
        // A pipe replaced meanwhile: its offers no longer matter.
      }
    });
    link.listen('producerPaused', ({ meetingId, pipeId, producerId, paused }) => {
      try {
        this.#meetings.get(meetingId)?.bridgeOf(link, pipeId).setRemotePaused(producerId, paused);
      } catch {
        // As above.
      }
    });
  }

  // --- operators -----------------------------------------------------------------

  /** Every link of this node with each meeting's pipe counters. */
  async status(): Promise<CascadeLinks> {
    const links = [...(this.#parent ? [this.#parent.link] : []), ...this.#children.values()];
    const pipes = [...this.#meetings.values()].flatMap((meeting) => meeting.pipes());
    return {
      nodeId: this.nodeId,
      role: this.isRoot ? 'root' : 'child',
      keyFingerprint: this.fingerprint,
      links: await Promise.all(
        links.map(async (link) => ({
          nodeId: link.nodeId,
          keyFingerprint: link.fingerprint,
          peer: link.peer,
          connectedAt: link.connectedAt.toISOString(),
          pipes: await Promise.all(pipes.filter((pipe) => pipe.link === link).map(({ bridge }) => bridge.status())),
        })),
      ),
      nodes: this.directory.list(),
    };
  }

  /**
   * `/cascade` (the children's links) and GET /api/cascade/links (loopback
   * callers, or an administrator's token: the counters name meetings).
   */
  registerRoutes(app: FastifyInstance): void {
    app.get('/cascade', { websocket: true }, (socket: WebSocket, request) => {
      void this.#acceptChild(socket, request.ip);
    });
    app.get('/api/cascade/links', async (request: FastifyRequest): Promise<CascadeLinks> => {
      if (!LOOPBACK.has(request.ip)) {
        const header = request.headers.authorization;
        const principal = await this.tokens.verify(header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined);
        if (!principal) throw new HttpError(401, 'unauthorized', 'an administrator’s token is needed from another machine');
        if (principal.role !== 'admin') throw new HttpError(403, 'forbidden', 'administrators only');
      }
      return this.status();
    });
  }

  /** Stops reconnecting and closes every link (server shutdown). */
  close(): void {
    this.#stopped = true;
    this.#wakeReconnect?.();
    this.#parent?.link.close(1001, 'shutting down');
    for (const link of this.#children.values()) link.close(1001, 'shutting down');
  }
}
