import type { types as ms } from 'mediasoup';
import type { LinkQuality } from '#protocol/conference.ts';
import type { MeetingRole } from '#protocol/meetings.ts';
import type { MediaSource, PeerInfo, SignalNotification, SignalNotificationData } from '#protocol/signaling.ts';
import { WeakLinkDetector } from './link-quality.ts';
import type { CameraSend, MicrophoneStanding } from './policy.ts';
import type { RouterSlot } from './router-slot.ts';
import { SignalError } from './signal-error.ts';

export type Notify = <N extends SignalNotification>(method: N, data: SignalNotificationData<N>) => void;

export interface TransportAppData extends ms.AppData {
  direction: 'send' | 'recv';
}

export interface ProducerAppData extends ms.AppData {
  source: MediaSource;
  peerId: string;
}

/** What the room remembers on each consumer it created. */
export interface ConsumerAppData extends ms.AppData {
  producerId: string;
  source: MediaSource;
  /** The spatial layer the policy chose last (simulcast video); a client's own choice may differ until the tile changes. */
  defaultLayer: number | null;
}

/** Meeting roles that host the conference (điểm cầu chủ trì). */
export const HOST_ROLES: readonly MeetingRole[] = ['chair', 'secretary'];

/** One participant's device inside a meeting room: their transports, producers and consumers. */
export class Peer {
  readonly id: string;
  readonly userId: string;
  readonly displayName: string;
  readonly role: MeetingRole;
  /**
   * The device this peer runs on (one login session). A new join of the same
   * user from the same device replaces this peer: a reconnect leaves no ghost.
   */
  readonly device: string;
  readonly notify: Notify;
  /** Called when the room drops this peer on its own (replaced, removed, media reset), so the connection forgets it. */
  readonly #detach: () => void;
  /** The router this peer's transports live on; set when the room admits it. */
  slot: RouterSlot | undefined;
  /** Set by `ready`: what this peer's browser can decode. Until then nothing is consumed for it. */
  rtpCapabilities: ms.RtpCapabilities | undefined;
  /** Weak link or by hand: no video either way. */
  audioOnly = false;
  quality: LinkQuality | null = null;
  readonly weakLink = new WeakLinkDetector();
  /** What the client was last told it may send, and the conditions behind it, to notify changes only. */
  told: { camera: CameraSend; microphone: MicrophoneStanding } | undefined;
  /** Producers this peer cannot decode (logged once each). */
  readonly undecodable = new Set<string>();
  readonly transports = new Map<string, ms.WebRtcTransport<TransportAppData>>();
  readonly producers = new Map<string, ms.Producer<ProducerAppData>>();
  readonly consumers = new Map<string, ms.Consumer<ConsumerAppData>>();

  constructor(init: {
    id: string;
    userId: string;
    displayName: string;
    role: MeetingRole;
    device: string;
    notify: Notify;
    detach: () => void;
  }) {
    this.id = init.id;
    this.userId = init.userId;
    this.displayName = init.displayName;
    this.role = init.role;
    this.device = init.device;
    this.notify = init.notify;
    this.#detach = init.detach;
  }

  get info(): PeerInfo {
    return { peerId: this.id, userId: this.userId, displayName: this.displayName };
  }

  get host(): boolean {
    return HOST_ROLES.includes(this.role);
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

  consumer(consumerId: string): ms.Consumer<ConsumerAppData> {
    const consumer = this.consumers.get(consumerId);
    if (!consumer) throw new SignalError('not_found', `no consumer ${consumerId}`);
    return consumer;
  }

  /** This peer's consumer of a producer, if it has one. */
  consumerOf(producerId: string): ms.Consumer<ConsumerAppData> | undefined {
    for (const consumer of this.consumers.values()) if (consumer.appData.producerId === producerId) return consumer;
    return undefined;
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

  /** The room dropped this peer: its connection may join again. */
  detach(): void {
    this.#detach();
  }
}
