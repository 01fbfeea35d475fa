import type { FastifyBaseLogger } from 'fastify';
import type { SignalNotificationData } from '#protocol/signaling.ts';
import type { WorkerPool } from '../media/worker-pool.ts';
import { MeetingRoom, type TransportSettings } from './meeting-room.ts';

/** One media room per meeting on this node, created on first join, closed when the last peer leaves. */
export class RoomRegistry {
  readonly #rooms = new Map<string, Promise<MeetingRoom>>();
  readonly #pool: WorkerPool;
  readonly #transport: TransportSettings;
  readonly #log: FastifyBaseLogger;

  constructor(pool: WorkerPool, transport: TransportSettings, log: FastifyBaseLogger) {
    this.#pool = pool;
    this.#transport = transport;
    this.#log = log;
  }

  async open(meetingId: string): Promise<MeetingRoom> {
    const existing = this.#rooms.get(meetingId);
    if (existing) {
      const room = await existing;
      if (!room.closed) return room;
      this.#rooms.delete(meetingId);
      return this.open(meetingId);
    }
    const creating = MeetingRoom.create({ meetingId, worker: this.#pool.next(), transport: this.#transport, log: this.#log });
    this.#rooms.set(meetingId, creating);
    creating.catch(() => this.#rooms.delete(meetingId));
    return creating;
  }

  /**
   * Asks every connection of one user in a meeting to pause or resume a
   * source (e.g. unmute the delegate who was just given the floor). A user
   * who is not in the conference is simply not told.
   */
  async controlMedia(meetingId: string, userId: string, control: SignalNotificationData<'mediaControl'>): Promise<void> {
    const opening = this.#rooms.get(meetingId);
    const room = opening ? await opening.catch(() => undefined) : undefined;
    for (const peer of room?.peers.values() ?? []) if (peer.userId === userId) peer.notify('mediaControl', control);
  }

  /** Closes the room once nobody is left in it. */
  async releaseIfEmpty(room: MeetingRoom): Promise<void> {
    if (room.peers.size > 0) return;
    if ((await this.#rooms.get(room.meetingId)) === room) this.#rooms.delete(room.meetingId);
    room.close();
  }

  close(): void {
    for (const room of this.#rooms.values()) void room.then((opened) => opened.close(), () => undefined);
    this.#rooms.clear();
  }
}
