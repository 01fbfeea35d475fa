import type { FastifyBaseLogger } from 'fastify';
import type { types as ms } from 'mediasoup';
import type { CascadePipeStatus, CascadeResponseData, PipeEndpoint, ProducerOffer } from '#protocol/cascade.ts';
import type { MeetingRoom } from '../conference/meeting-room.ts';
import { wire } from '../media/wire.ts';
import { SignalError } from '../conference/signal-error.ts';
import type { CascadeLink } from './cascade-link.ts';

/** How this node's PipeTransports listen (RTC_LISTEN_IP, RTC_ANNOUNCED_IP). */
export interface PipeSettings {
  listenIp: string;
  announcedIp: string | undefined;
}

/** A failed subscription is asked for again after this long (if still needed). */
const RETRY_MS = 1000;

interface Incoming {
  offer: ProducerOffer;
  /** The pipe producer, adopted into the room, once it exists. */
  producer: ms.Producer | undefined;
}

interface Outgoing {
  consumer: ms.Consumer;
  offer: ProducerOffer;
}

/**
 * One meeting's media pipe across one link: a PipeTransport on one of the
 * room's routers paired with the other node's (SRTP, RTX/NACK), and what
 * crosses it in each direction.
 *
 * Nothing crosses unless asked for: each side offers its producers
 * (metadata), and the other side subscribes to the ones its receivers
 * need (CascadeMeeting decides). A subscribed producer crosses once: the
 * serving side consumes it on its PipeTransport, the asking side produces
 * it on its own with the same id and adopts it into its room, where any
 * number of local receivers (and further links) consume it.
 */
export class MeetingBridge {
  readonly link: CascadeLink;
  readonly meetingId: string;
  readonly pipeId: string;
  readonly transport: ms.PipeTransport;
  readonly router: ms.Router;
  /** What the other side offers, by producer id. */
  readonly offersIn = new Map<string, ProducerOffer>();
  /** Producers the other side subscribed to (served or being served). */
  readonly wantedOut = new Set<string>();
  readonly #room: MeetingRoom;
  readonly #announcedIp: string;
  readonly #log: FastifyBaseLogger;
  /** Called when what crosses changed (a producer arrived, the other side's wishes changed). */
  readonly #changed: (arrived?: string) => void;
  /** Producers this side subscribed to. */
  readonly #incoming = new Map<string, Incoming>();
  readonly #outgoing = new Map<string, Outgoing>();
  /** The latest pause state the other side reported per producer (it may come before the producer exists here). */
  readonly #remotePaused = new Map<string, boolean>();
  #sentOffers = '';
  #closed = false;

  private constructor(init: {
    link: CascadeLink;
    meetingId: string;
    pipeId: string;
    room: MeetingRoom;
    router: ms.Router;
    transport: ms.PipeTransport;
    announcedIp: string;
    changed: (arrived?: string) => void;
    log: FastifyBaseLogger;
  }) {
    this.link = init.link;
    this.meetingId = init.meetingId;
    this.pipeId = init.pipeId;
    this.#room = init.room;
    this.router = init.router;
    this.transport = init.transport;
    this.#announcedIp = init.announcedIp;
    this.#changed = init.changed;
    this.#log = init.log;
    init.transport.observer.once('close', () => this.close());
  }

  /** A pipe on the room's first router, with SRTP and retransmissions (the nodes are on different hosts, over a WAN). */
  static async create(init: {
    link: CascadeLink;
    meetingId: string;
    pipeId: string;
    room: MeetingRoom;
    pipe: PipeSettings;
    changed: (arrived?: string) => void;
    log: FastifyBaseLogger;
  }): Promise<MeetingBridge> {
    const [router] = init.room.routers;
    if (!router) throw new SignalError('unavailable', 'the meeting has no router');
    const transport = await router.createPipeTransport({
      listenIp: { ip: init.pipe.listenIp, announcedIp: init.pipe.announcedIp },
      enableRtx: true,
      enableSrtp: true,
      appData: { meetingId: init.meetingId, pipeId: init.pipeId, nodeId: init.link.nodeId },
    });
    const announcedIp = init.pipe.announcedIp ?? init.pipe.listenIp;
    return new MeetingBridge({ ...init, router, transport, announcedIp, log: init.log.child({ nodeId: init.link.nodeId, pipeId: init.pipeId }) });
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Where the other node sends this pipe's RTP, and the SRTP keys it uses. */
  get endpoint(): PipeEndpoint {
    const { srtpParameters } = this.transport;
    if (!srtpParameters) throw new Error('the pipe has no SRTP parameters');
    return { ip: this.#announcedIp, port: this.transport.tuple.localPort, srtpParameters };
  }

  async connect(remote: PipeEndpoint): Promise<void> {
    await this.transport.connect({ ip: remote.ip, port: remote.port, srtpParameters: remote.srtpParameters });
  }

  /** Offers this side's producers to the other (sent only when the list changed). */
  sendOffers(offers: ProducerOffer[]): void {
    // A subscription to something no longer offered (its producer closed) is over.
    const offered = new Set(offers.map((offer) => offer.producerId));
    for (const producerId of this.wantedOut) if (!offered.has(producerId)) this.wantedOut.delete(producerId);
    const text = JSON.stringify(offers);
    if (this.#closed || text === this.#sentOffers) return;
    this.#sentOffers = text;
    this.link.notify('offers', { meetingId: this.meetingId, pipeId: this.pipeId, producers: offers });
  }

  /** The other side's offers: a producer no longer offered stops crossing. */
  applyOffers(offers: ProducerOffer[]): void {
    this.offersIn.clear();
    for (const offer of offers) this.offersIn.set(offer.producerId, offer);
    for (const [producerId, incoming] of this.#incoming) {
      if (this.offersIn.has(producerId)) continue;
      this.#incoming.delete(producerId);
      incoming.producer?.close();
    }
  }

  /** Whether this side subscribed to a producer. */
  receives(producerId: string): boolean {
    return this.#incoming.has(producerId);
  }

  /** Subscribes to an offered producer (once); it is adopted into the room when it arrives. */
  want(producerId: string): void {
    const offer = this.offersIn.get(producerId);
    if (this.#closed || !offer || this.#incoming.has(producerId)) return;
    const incoming: Incoming = { offer, producer: undefined };
    this.#incoming.set(producerId, incoming);
    this.#remotePaused.delete(producerId);
    this.#subscribe(incoming).catch((error: unknown) => {
      if (this.#incoming.get(producerId) === incoming) this.#incoming.delete(producerId);
      if (this.#closed) return;
      this.#log.warn({ err: error, producerId }, 'could not pipe a producer in; asking again shortly');
      setTimeout(() => this.#changed(), RETRY_MS).unref();
    });
  }

  /** Unsubscribes: the piped producer closes here (its local consumers with it) and the other side stops sending. */
  unwant(producerId: string): void {
    const incoming = this.#incoming.get(producerId);
    if (!incoming) return;
    this.#incoming.delete(producerId);
    incoming.producer?.close();
    if (this.#closed || this.link.closed) return;
    this.link.request('unsubscribe', { meetingId: this.meetingId, pipeId: this.pipeId, producerId }).catch((error: unknown) => {
      this.#log.debug({ err: error, producerId }, 'unsubscribe not confirmed');
    });
  }

  async #subscribe(incoming: Incoming): Promise<void> {
    const { producerId } = incoming.offer;
    const answer = await this.link.request('subscribe', { meetingId: this.meetingId, pipeId: this.pipeId, producerId });
    if (this.#incoming.get(producerId) !== incoming || this.#closed) {
      // Not wanted any more by the time it came.
      if (!this.#closed) void this.link.request('unsubscribe', { meetingId: this.meetingId, pipeId: this.pipeId, producerId }).catch(() => undefined);
      return;
    }
    const producer = await this.transport.produce({
      id: producerId,
      kind: answer.kind,
      rtpParameters: answer.rtpParameters,
      paused: this.#remotePaused.get(producerId) ?? answer.paused,
      appData: { cascade: this.link.nodeId },
    });
    if (this.#incoming.get(producerId) !== incoming || this.#closed) {
      producer.close();
      return;
    }
    incoming.producer = producer;
    // A pause change reported while the producer was being created found no producer to apply to: apply it now.
    const latest = this.#remotePaused.get(producerId);
    if (latest !== undefined) this.setRemotePaused(producerId, latest);
    producer.observer.once('close', () => {
      if (this.#incoming.get(producerId) === incoming) this.#incoming.delete(producerId);
    });
    const { owner, source } = incoming.offer;
    this.#room.adoptProducer(producer, owner, source, this.router);
    this.#log.debug({ producerId, source, userId: owner.userId }, 'producer piped in');
    this.#changed(producerId);
  }

  /** The other side reported a piped producer paused or resumed at its source. */
  setRemotePaused(producerId: string, paused: boolean): void {
    this.#remotePaused.set(producerId, paused);
    const producer = this.#incoming.get(producerId)?.producer;
    if (!producer || producer.closed || producer.paused === paused) return;
    void (paused ? producer.pause() : producer.resume()).catch(() => undefined);
  }

  /**
   * The other side subscribes: once the producer is in this room
   * (`acquire` brings it from wherever it comes from), it is consumed on
   * this pipe, once, and its parameters returned.
   */
  async serve(producerId: string, acquire: (producerId: string) => Promise<ProducerOffer>): Promise<CascadeResponseData<'subscribe'>> {
    this.wantedOut.add(producerId);
    this.#changed();
    const existing = this.#outgoing.get(producerId);
    if (existing && !existing.consumer.closed) return this.#answer(existing.consumer);
    let offer: ProducerOffer;
    try {
      offer = await acquire(producerId);
      await this.#room.bringTo(producerId, this.router);
    } catch (error) {
      this.wantedOut.delete(producerId);
      throw error;
    }
    if (this.#closed || !this.wantedOut.has(producerId)) throw new SignalError('conflict', 'unsubscribed meanwhile');
    const again = this.#outgoing.get(producerId);
    if (again && !again.consumer.closed) return this.#answer(again.consumer);
    const consumer = await this.transport.consume({ producerId });
    const outgoing = { consumer, offer };
    this.#outgoing.set(producerId, outgoing);
    consumer.observer.once('close', () => {
      if (this.#outgoing.get(producerId) === outgoing) this.#outgoing.delete(producerId);
    });
    const report = () => {
      if (!this.#closed) this.link.notify('producerPaused', { meetingId: this.meetingId, pipeId: this.pipeId, producerId, paused: consumer.producerPaused });
    };
    consumer.on('producerpause', report);
    consumer.on('producerresume', report);
    this.#log.debug({ producerId, source: offer.source, userId: offer.owner.userId }, 'producer piped out');
    return this.#answer(consumer);
  }

  #answer(consumer: ms.Consumer) {
    // Read now, in the same tick the response goes out: later pause changes follow as `producerPaused`.
    return { kind: consumer.kind, rtpParameters: wire.rtpParameters(consumer.rtpParameters), paused: consumer.producerPaused };
  }

  /** The other side no longer needs a producer: it stops crossing. */
  unserve(producerId: string): void {
    this.wantedOut.delete(producerId);
    this.#outgoing.get(producerId)?.consumer.close();
    this.#outgoing.delete(producerId);
    this.#changed();
  }

  /** The PipeTransport's counters and what crosses now. */
  async status(): Promise<CascadePipeStatus> {
    const [stats] = this.transport.closed ? [] : await this.transport.getStats().catch(() => []);
    const describe = async (offer: ProducerOffer, counted: ms.Consumer | ms.Producer) => {
      const streams: { type: string; byteCount?: number }[] = await counted.getStats().catch(() => []);
      const bytes = streams.filter((stream) => stream.type === 'outbound-rtp' || stream.type === 'inbound-rtp').reduce((sum, stream) => sum + (stream.byteCount ?? 0), 0);
      return { producerId: offer.producerId, kind: offer.kind, source: offer.source, userId: offer.owner.userId, bytes };
    };
    const sent = [...this.#outgoing.values()].filter(({ consumer }) => !consumer.closed);
    const received = [...this.#incoming.values()].flatMap(({ offer, producer }) => (producer && !producer.closed ? [{ offer, producer }] : []));
    return {
      meetingId: this.meetingId,
      pipeId: this.pipeId,
      transportId: this.transport.id,
      bytesSent: stats?.bytesSent ?? 0,
      bytesReceived: stats?.bytesReceived ?? 0,
      rtpBytesSent: stats?.rtpBytesSent ?? 0,
      rtpBytesReceived: stats?.rtpBytesReceived ?? 0,
      producersSent: await Promise.all(sent.map(({ offer, consumer }) => describe(offer, consumer))),
      producersReceived: await Promise.all(received.map(({ offer, producer }) => describe(offer, producer))),
    };
  }

  /** Closes the pipe: what came in closes here; what went out stops. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.transport.close();
    this.#incoming.clear();
    this.#outgoing.clear();
    this.wantedOut.clear();
    this.#changed();
  }
}
