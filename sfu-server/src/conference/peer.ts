import type { types as ms } from 'mediasoup';
import type { MediaSource, PeerInfo, SignalNotification, SignalNotificationData } from '#protocol/signaling.ts';
import { SignalError } from './signal-error.ts';

export type Notify = <N extends SignalNotification>(method: N, data: SignalNotificationData<N>) => void;

export interface TransportAppData extends ms.AppData {
  direction: 'send' | 'recv';
}

export interface ProducerAppData extends ms.AppData {
  source: MediaSource;
  peerId: string;
}

/** One participant's media inside a meeting room: their transports, producers and consumers. */
export class Peer {
  readonly id: string;
  readonly userId: string;
  readonly displayName: string;
  readonly notify: Notify;
  /** Set by `ready`: what this peer's browser can decode. Until then nothing is consumed for it. */
  rtpCapabilities: ms.RtpCapabilities | undefined;
  /** Weak link: video consumers stay paused. */
  audioOnly = false;
  readonly transports = new Map<string, ms.WebRtcTransport<TransportAppData>>();
  readonly producers = new Map<string, ms.Producer<ProducerAppData>>();
  readonly consumers = new Map<string, ms.Consumer>();

  constructor(init: { id: string; userId: string; displayName: string; notify: Notify }) {
    this.id = init.id;
    this.userId = init.userId;
    this.displayName = init.displayName;
    this.notify = init.notify;
  }

  get info(): PeerInfo {
    return { peerId: this.id, userId: this.userId, displayName: this.displayName };
  }

  transport(transportId: string): ms.WebRtcTransport<TransportAppData> {
    const transport = this.transports.get(transportId);
    if (!transport) throw new SignalError('not_found', `no transport ${transportId}`);
    return transport;
  }

  producer(producerId: string): ms.Producer<ProducerAppData> {
    const producer = this.producers.get(producerId);
    if (!producer) throw new SignalError('not_found', `no producer ${producerId}`);
    return producer;
  }

  consumer(consumerId: string): ms.Consumer {
    const consumer = this.consumers.get(consumerId);
    if (!consumer) throw new SignalError('not_found', `no consumer ${consumerId}`);
    return consumer;
  }

  receiveTransport(): ms.WebRtcTransport<TransportAppData> | undefined {
    return [...this.transports.values()].find((transport) => transport.appData.direction === 'recv');
  }

  /** Closing the transports closes every producer and consumer on them. */
  close(): void {
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
  }
}
