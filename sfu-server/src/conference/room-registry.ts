import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type { types as ms } from 'mediasoup';
import type { WorkerPool } from '../media/worker-pool.ts';
import type { ConferenceState } from './conference-state.ts';
import { MeetingRoom, type TransportSettings } from './meeting-room.ts';

/** An empty room stays this long (ms), so a reconnecting site finds its admission and routers still there. */
const IDLE_CLOSE_MS = 30_000;

export interface RoomRegistryOptions {
  pool: WorkerPool;
  transport: TransportSettings;
  /** MAX_CONSUMERS_PER_ROUTER. */
  consumerBudget: number;
  /** The host's state for a room being opened (the live document). */
  loadState: (meetingId: string) => Promise<ConferenceState>;
  log: FastifyBaseLogger;
}

/**
 * One media room per meeting on this node: opened on first join, closed a
 * while after the last peer left. When a worker dies (the pool has already
 * replaced it) every room with a router on it rebuilds. `opened` lets the
 * live publication follow each new room.
 */
export class RoomRegistry extends EventEmitter<{ opened: [MeetingRoom] }> {
  readonly #rooms = new Map<string, Promise<MeetingRoom>>();
  readonly #idleTimers = new Map<MeetingRoom, NodeJS.Timeout>();
  readonly #options: RoomRegistryOptions;

  constructor(options: RoomRegistryOptions) {
    super();
    this.#options = options;
    options.pool.on('workerDied', (worker) => void this.#recoverRoomsOn(worker));
  }

  /** The meeting's room, opened if needed. */
  async open(meetingId: string): Promise<MeetingRoom> {
    const existing = this.#rooms.get(meetingId);
    if (existing) {
      const room = await existing;
      if (!room.closed) return room;
      if (this.#rooms.get(meetingId) === existing) this.#rooms.delete(meetingId);
      return this.open(meetingId);
    }
    const { pool, transport, consumerBudget, log } = this.#options;
    const creating = (async () => {
      const state = await this.#options.loadState(meetingId);
      const room = await MeetingRoom.create({ meetingId, pool, transport, consumerBudget, state, log });
      room.on('empty', () => this.#closeWhenIdle(room));
      room.on('presence', () => clearTimeout(this.#idleTimers.get(room)));
      this.emit('opened', room);
      return room;
    })();
    this.#rooms.set(meetingId, creating);
    creating.catch(() => {
      if (this.#rooms.get(meetingId) === creating) this.#rooms.delete(meetingId);
    });
    return creating;
  }

  /** The meeting's room if one is open (or opening) on this node; never opens one. */
  async current(meetingId: string): Promise<MeetingRoom | undefined> {
    const room = await this.#rooms.get(meetingId)?.catch(() => undefined);
    return room && !room.closed ? room : undefined;
  }

  #closeWhenIdle(room: MeetingRoom): void {
    clearTimeout(this.#idleTimers.get(room));
    const timer = setTimeout(() => {
      this.#idleTimers.delete(room);
      if (!room.idle) return;
      void this.#rooms.get(room.meetingId)?.then((current) => {
        if (current === room) this.#rooms.delete(room.meetingId);
      });
      room.close();
    }, IDLE_CLOSE_MS);
    timer.unref();
    this.#idleTimers.set(room, timer);
  }

  async #recoverRoomsOn(worker: ms.Worker): Promise<void> {
    for (const opening of [...this.#rooms.values()]) {
      const room = await opening.catch(() => undefined);
      if (room && !room.closed && room.usesWorker(worker)) await room.recover();
    }
  }

  /**
   * Closes every room: server shutdown, or (cascade, with a reason) this
   * node lost its parent and its peers must find another route.
   */
  async close(reason?: 'node_unavailable'): Promise<void> {
    for (const timer of this.#idleTimers.values()) clearTimeout(timer);
    this.#idleTimers.clear();
    const rooms = [...this.#rooms.values()];
    this.#rooms.clear();
    await Promise.all(rooms.map((room) => room.then((opened) => opened.close(reason), () => undefined)));
  }
}
