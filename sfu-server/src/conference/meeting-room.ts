import type { types as ms } from 'mediasoup';
import type { FastifyBaseLogger } from 'fastify';
import type { MediaSource, SignalResponseData } from '#protocol/signaling.ts';
import { ROUTER_MEDIA_CODECS } from '../media/codecs.ts';
import { wire } from '../media/wire.ts';
import type { Peer, ProducerAppData, TransportAppData } from './peer.ts';
import { SignalError } from './signal-error.ts';

export interface TransportSettings {
  listenIp: string;
  announcedIp: string | undefined;
  /** Cap on what one client may send, in bits per second. */
  maxIncomingBitrate: number;
}

/**
 * A meeting's media: it owns the router and the peers in it, and `close()`
 * releases all of them. Every peer consumes every other peer's producers.
 */
export class MeetingRoom {
  readonly meetingId: string;
  readonly router: ms.Router;
  readonly peers = new Map<string, Peer>();
  readonly #transport: TransportSettings;
  readonly #log: FastifyBaseLogger;

  private constructor(meetingId: string, router: ms.Router, transport: TransportSettings, log: FastifyBaseLogger) {
    this.meetingId = meetingId;
    this.router = router;
    this.#transport = transport;
    this.#log = log;
  }

  static async create(init: {
    meetingId: string;
    worker: ms.Worker;
    transport: TransportSettings;
    log: FastifyBaseLogger;
  }): Promise<MeetingRoom> {
    const router = await init.worker.createRouter({ mediaCodecs: ROUTER_MEDIA_CODECS });
    return new MeetingRoom(init.meetingId, router, init.transport, init.log.child({ meetingId: init.meetingId }));
  }

  get closed(): boolean {
    return this.router.closed;
  }

  join(peer: Peer): void {
    for (const other of this.peers.values()) other.notify('peerJoined', peer.info);
    this.peers.set(peer.id, peer);
    this.#log.info({ peerId: peer.id, userId: peer.userId }, 'peer joined');
  }

  leave(peer: Peer): void {
    if (!this.peers.delete(peer.id)) return;
    peer.close();
    for (const other of this.peers.values()) other.notify('peerLeft', { peerId: peer.id });
    this.#log.info({ peerId: peer.id }, 'peer left');
  }

  async createTransport(peer: Peer, direction: 'send' | 'recv'): Promise<SignalResponseData<'createWebRtcTransport'>> {
    const transport = await this.router.createWebRtcTransport<TransportAppData>({
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

  /** The peer's device is loaded: it starts receiving everyone already producing. */
  async ready(peer: Peer, rtpCapabilities: ms.RtpCapabilities): Promise<void> {
    if (!peer.receiveTransport()) throw new SignalError('conflict', 'create a receive transport before ready');
    peer.rtpCapabilities = rtpCapabilities;
    for (const other of this.peers.values()) {
      if (other === peer) continue;
      for (const producer of other.producers.values()) await this.#consume(peer, producer);
    }
  }

  async produce(
    peer: Peer,
    request: { transportId: string; kind: ms.MediaKind; rtpParameters: ms.RtpParameters; source: MediaSource },
  ): Promise<string> {
    const transport = peer.transport(request.transportId);
    if (transport.appData.direction !== 'send') throw new SignalError('bad_request', 'produce needs a send transport');
    const expectedKind = request.source === 'microphone' ? 'audio' : 'video';
    if (request.kind !== expectedKind) throw new SignalError('bad_request', `${request.source} must be ${expectedKind}`);
    const producer = await transport.produce<ProducerAppData>({
      kind: request.kind,
      rtpParameters: request.rtpParameters,
      appData: { source: request.source, peerId: peer.id },
    });
    peer.producers.set(producer.id, producer);
    producer.observer.on('close', () => peer.producers.delete(producer.id));
    for (const other of this.peers.values()) {
      if (other !== peer && other.rtpCapabilities) await this.#consume(other, producer);
    }
    return producer.id;
  }

  async #consume(consumer: Peer, producer: ms.Producer<ProducerAppData>): Promise<void> {
    const transport = consumer.receiveTransport();
    const rtpCapabilities = consumer.rtpCapabilities;
    if (!transport || !rtpCapabilities || producer.closed) return;
    if (!this.router.canConsume({ producerId: producer.id, rtpCapabilities })) {
      this.#log.warn({ peerId: consumer.id, producerId: producer.id }, 'peer cannot decode producer');
      return;
    }
    // Paused until the client has attached the track and asks to resume, so the first keyframe is not lost.
    const created = await transport.consume({ producerId: producer.id, rtpCapabilities, paused: true });
    consumer.consumers.set(created.id, created);
    const forget = () => {
      consumer.consumers.delete(created.id);
      consumer.notify('consumerClosed', { consumerId: created.id });
    };
    created.on('producerclose', forget);
    created.on('transportclose', () => consumer.consumers.delete(created.id));
    created.on('producerpause', () => consumer.notify('consumerPaused', { consumerId: created.id, paused: true }));
    created.on('producerresume', () => consumer.notify('consumerPaused', { consumerId: created.id, paused: false }));
    consumer.notify('newConsumer', {
      consumerId: created.id,
      producerId: producer.id,
      peerId: producer.appData.peerId,
      kind: created.kind,
      source: producer.appData.source,
      rtpParameters: wire.rtpParameters(created.rtpParameters),
      producerPaused: created.producerPaused,
    });
  }

  close(): void {
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    this.router.close();
  }
}
