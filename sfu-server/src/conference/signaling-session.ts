import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  SIGNAL_MAX_MESSAGE_BYTES,
  SignalRequestEnvelope,
  isSignalMethod,
  signalMethods,
  type SignalMethod,
  type SignalRequestData,
  type SignalResponseData,
  type SignalServerMessage,
} from '#protocol/signaling.ts';
import type { MeetingRole } from '#protocol/meetings.ts';
import type { Principal } from '../auth/tokens.ts';
import { wire } from '../media/wire.ts';
import { meetingRoleOf } from '../meetings/membership.ts';
import type { Database } from '../store/schema.ts';
import type { MeetingRoom } from './meeting-room.ts';
import { Peer, type Notify } from './peer.ts';
import type { RoomRegistry } from './room-registry.ts';
import { SignalError } from './signal-error.ts';
import type { TicketVerifier } from './tickets.ts';

type Handlers = { [M in SignalMethod]: (data: SignalRequestData<M>) => Promise<SignalResponseData<M>> };

/**
 * One `/signal` connection: it validates every frame against the protocol,
 * dispatches it, and answers. A bad frame gets an error response; the socket
 * stays open.
 */
export class SignalingSession {
  readonly #principal: Principal;
  /** The store, on the node that holds the meetings; a cascade child admits with tickets only. */
  readonly #db: Kysely<Database> | undefined;
  readonly #rooms: RoomRegistry;
  readonly #tickets: TicketVerifier;
  /** The device this connection comes from (see Peer.device). */
  readonly #device: string;
  readonly #send: (message: SignalServerMessage) => void;
  readonly #log: FastifyBaseLogger;
  #joined: { room: MeetingRoom; peer: Peer } | undefined;
  #closed = false;
  /** Requests run one at a time, in arrival order (produce before resume, etc.). */
  #queue: Promise<void> = Promise.resolve();

  constructor(init: {
    principal: Principal;
    db: Kysely<Database> | undefined;
    rooms: RoomRegistry;
    tickets: TicketVerifier;
    device: string;
    send: (message: SignalServerMessage) => void;
    log: FastifyBaseLogger;
  }) {
    this.#principal = init.principal;
    this.#db = init.db;
    this.#rooms = init.rooms;
    this.#tickets = init.tickets;
    this.#device = init.device;
    this.#send = init.send;
    this.#log = init.log;
  }

  receive(raw: string | Buffer): void {
    this.#queue = this.#queue.then(() => this.#dispatch(raw));
  }

  async #dispatch(raw: string | Buffer): Promise<void> {
    let id: number | null = null;
    try {
      // Parsed before the size check (the socket already caps frames) so even a refusal names its request.
      const json = parseJson(raw.toString());
      id = typeof json === 'object' && json !== null && 'id' in json && typeof json.id === 'number' ? json.id : null;
      if (raw.length > SIGNAL_MAX_MESSAGE_BYTES) {
        throw new SignalError('payload_too_large', `message over ${SIGNAL_MAX_MESSAGE_BYTES} bytes`);
      }
      const envelope = parseOrThrow(SignalRequestEnvelope, json);
      if (!isSignalMethod(envelope.method)) throw new SignalError('unknown_method', `unknown method ${envelope.method}`);
      const data = await this.#call(envelope.method, envelope.data);
      this.#send({ type: 'response', id: envelope.id, ok: true, data });
    } catch (error) {
      const known = error instanceof SignalError;
      if (known) this.#log.info({ code: error.code, requestId: id }, `signaling request refused: ${error.message}`);
      else this.#log.error({ err: error, requestId: id }, 'signaling request failed');
      this.#send({
        type: 'response',
        id,
        ok: false,
        error: known ? { code: error.code, message: error.message } : { code: 'internal', message: 'internal error' },
      });
    }
  }

  #call<M extends SignalMethod>(method: M, rawData: unknown): Promise<SignalResponseData<M>> {
    const data = parseOrThrow(signalMethods[method].request, rawData) as SignalRequestData<M>;
    return (this.#handlers[method] as (data: SignalRequestData<M>) => Promise<SignalResponseData<M>>)(data);
  }

  #inRoom(): { room: MeetingRoom; peer: Peer } {
    if (!this.#joined) throw new SignalError('conflict', 'join a meeting first');
    return this.#joined;
  }

  readonly #notify: Notify = (method, data) => this.#send({ type: 'notification', method, data });

  readonly #handlers: Handlers = {
    join: async ({ meetingId, ticket }) => {
      if (this.#joined) throw new SignalError('conflict', 'already joined');
      const role = await this.#roleIn(meetingId, ticket);
      const room = await this.#rooms.open(meetingId);
      const peer: Peer = new Peer({
        id: randomUUID(),
        userId: this.#principal.userId,
        displayName: this.#principal.displayName,
        role,
        device: this.#device,
        notify: this.#notify,
        detach: () => {
          if (this.#joined?.peer === peer) this.#joined = undefined;
        },
      });
      const peers = await room.join(peer);
      if (this.#closed) {
        // The socket closed while joining: no ghost peer.
        room.leave(peer);
        throw new SignalError('conflict', 'the connection closed');
      }
      this.#joined = { room, peer };
      return { peerId: peer.id, routerRtpCapabilities: wire.rtpCapabilities(room.rtpCapabilitiesOf(peer)), peers };
    },
    createWebRtcTransport: async ({ direction }) => {
      const { room, peer } = this.#inRoom();
      return room.createTransport(peer, direction);
    },
    connectWebRtcTransport: async ({ transportId, dtlsParameters }) => {
      await this.#inRoom().peer.transport(transportId).connect({ dtlsParameters });
      return {};
    },
    ready: async ({ rtpCapabilities }) => {
      const { room, peer } = this.#inRoom();
      room.ready(peer, rtpCapabilities);
      return {};
    },
    produce: async (request) => {
      const { room, peer } = this.#inRoom();
      return { producerId: await room.produce(peer, request) };
    },
    setProducerPaused: async ({ producerId, paused }) => {
      const { room, peer } = this.#inRoom();
      await room.setProducerPaused(peer, producerId, paused);
      return {};
    },
    closeProducer: async ({ producerId }) => {
      const { room, peer } = this.#inRoom();
      room.closeProducer(peer, producerId);
      return {};
    },
    resumeConsumer: async ({ consumerId }) => {
      const { room, peer } = this.#inRoom();
      await room.resumeConsumer(peer, consumerId);
      return {};
    },
    restartIce: async ({ transportId }) => {
      return { iceParameters: wire.iceParameters(await this.#inRoom().peer.transport(transportId).restartIce()) };
    },
    setPreferredLayers: async ({ consumerId, spatialLayer, temporalLayer }) => {
      const consumer = this.#inRoom().peer.consumer(consumerId);
      // Only simulcast and SVC video has layers to choose from.
      if (consumer.type === 'simulcast' || consumer.type === 'svc') {
        await consumer.setPreferredLayers({ spatialLayer, ...(temporalLayer !== undefined && { temporalLayer }) });
      }
      return {};
    },
    setAudioOnly: async ({ enabled }) => {
      const { room, peer } = this.#inRoom();
      room.setAudioOnly(peer, enabled, 'user');
      return {};
    },
    leave: async () => {
      const joined = this.#joined;
      this.#joined = undefined;
      joined?.room.leave(joined.peer);
      return {};
    },
  };

  /**
   * The caller's meeting role: from a routing ticket when one is sent (it
   * must be this caller's, for this meeting), otherwise from the store.
   */
  async #roleIn(meetingId: string, ticket: string | undefined): Promise<MeetingRole> {
    if (ticket !== undefined) {
      const vouched = await this.#tickets.verify(ticket);
      if (!vouched) throw new SignalError('unauthorized', 'the conference ticket is invalid or expired; ask for a new route');
      if (vouched.userId !== this.#principal.userId || vouched.meetingId !== meetingId) {
        throw new SignalError('forbidden', 'the conference ticket is for another person or meeting');
      }
      return vouched.role;
    }
    if (!this.#db) throw new SignalError('unauthorized', 'this node admits with a conference ticket only; ask for a route');
    const role = await meetingRoleOf(this.#db, meetingId, this.#principal.userId);
    if (!role) throw new SignalError('forbidden', 'not a participant of this meeting');
    return role;
  }

  /** The socket closed: leaves the room, and a join still under way will not stay. */
  close(): void {
    this.#closed = true;
    const joined = this.#joined;
    this.#joined = undefined;
    joined?.room.leave(joined.peer);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SignalError('bad_request', 'message is not valid JSON');
  }
}

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new SignalError('bad_request', z.prettifyError(result.error));
  return result.data;
}
