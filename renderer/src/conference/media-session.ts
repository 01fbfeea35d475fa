import { Device } from 'mediasoup-client';
import type { Consumer, Producer, Transport } from 'mediasoup-client/types';
import type { MediaSource, PeerInfo, SignalNotificationData } from '#protocol/signaling.ts';
import { socketUrl } from '../api/http.ts';
import { SignalingClient } from './signaling-client.ts';

/**
 * The conference as the UI sees it. This is the one documented state shape
 * of the conference panel:
 *
 * - `phase`: idle → joining → joined; `failed` carries `error`.
 * - `local`: our camera/microphone stream and whether each is switched off;
 *   `devicesUnavailable` when getUserMedia was refused (we still receive).
 * - `participants`: everyone else in the room, each with the consumers we hold.
 */
export interface ConferenceState {
  phase: 'idle' | 'joining' | 'joined' | 'failed';
  error?: unknown;
  local: { stream: MediaStream | null; micMuted: boolean; cameraOff: boolean; devicesUnavailable: boolean };
  participants: RemoteParticipant[];
}

export interface RemoteParticipant extends PeerInfo {
  media: Partial<Record<MediaSource, { consumer: Consumer; paused: boolean }>>;
}

/** Three simulcast layers (180p/360p/720p from a 720p camera); the SFU forwards the one each receiver can use. */
const SIMULCAST_ENCODINGS: RTCRtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000, scalabilityMode: 'L1T3' } as RTCRtpEncodingParameters,
  { scaleResolutionDownBy: 2, maxBitrate: 500_000, scalabilityMode: 'L1T3' } as RTCRtpEncodingParameters,
  { scaleResolutionDownBy: 1, maxBitrate: 1_500_000, scalabilityMode: 'L1T3' } as RTCRtpEncodingParameters,
];

const INITIAL: ConferenceState = {
  phase: 'idle',
  local: { stream: null, micMuted: false, cameraOff: false, devicesUnavailable: false },
  participants: [],
};

/** One user's presence in a meeting's conference: signaling, device, transports, producers and consumers. */
export class MediaSession {
  #state: ConferenceState = INITIAL;
  readonly #listeners = new Set<() => void>();
  #signaling: SignalingClient | undefined;
  #sendTransport: Transport | undefined;
  #recvTransport: Transport | undefined;
  readonly #producers = new Map<MediaSource, Producer>();

  getState = (): ConferenceState => this.#state;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  #update(change: (state: ConferenceState) => ConferenceState): void {
    this.#state = change(this.#state);
    for (const listener of this.#listeners) listener();
  }

  #updateParticipant(peerId: string, change: (participant: RemoteParticipant) => RemoteParticipant): void {
    this.#update((state) => ({
      ...state,
      participants: state.participants.map((participant) => (participant.peerId === peerId ? change(participant) : participant)),
    }));
  }

  async join(meetingId: string, token: string): Promise<void> {
    this.#update((state) => ({ ...state, phase: 'joining', error: undefined }));
    try {
      const signaling = await SignalingClient.connect(socketUrl(`/signal?token=${encodeURIComponent(token)}`));
      this.#signaling = signaling;
      this.#listen(signaling);
      const joined = await signaling.request('join', { meetingId });
      this.#update((state) => ({ ...state, participants: joined.peers.map((peer) => ({ ...peer, media: {} })) }));
      const device = new Device();
      await device.load({ routerRtpCapabilities: joined.routerRtpCapabilities });
      this.#sendTransport = await this.#createTransport(device, 'send');
      this.#recvTransport = await this.#createTransport(device, 'recv');
      await signaling.request('ready', { rtpCapabilities: device.recvRtpCapabilities });
      this.#update((state) => ({ ...state, phase: 'joined' }));
      await this.#publish(device);
    } catch (error) {
      this.leave();
      this.#update((state) => ({ ...INITIAL, phase: 'failed', error, local: { ...state.local, stream: null } }));
    }
  }

  async #createTransport(device: Device, direction: 'send' | 'recv'): Promise<Transport> {
    const signaling = this.#signaling;
    if (!signaling) throw new Error('not connected');
    const { transportId, ...parameters } = await signaling.request('createWebRtcTransport', { direction });
    const options = { id: transportId, ...parameters };
    const transport = direction === 'send' ? device.createSendTransport(options) : device.createRecvTransport(options);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      signaling.request('connectWebRtcTransport', { transportId, dtlsParameters }).then(() => callback(), errback);
    });
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      const source = appData.source as MediaSource;
      signaling
        .request('produce', { transportId, kind, rtpParameters, source })
        .then(({ producerId }) => callback({ id: producerId }), errback);
    });
    return transport;
  }

  /** Camera and microphone; without them we stay in as a receiver and say so. */
  async #publish(device: Device): Promise<void> {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
        video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 25 } },
      });
    } catch {
      this.#update((state) => ({ ...state, local: { ...state.local, devicesUnavailable: true } }));
      return;
    }
    this.#update((state) => ({ ...state, local: { ...state.local, stream } }));
    const transport = this.#sendTransport;
    if (!transport) return;
    const [audio] = stream.getAudioTracks();
    const [video] = stream.getVideoTracks();
    if (audio && device.canProduce('audio')) {
      this.#producers.set(
        'microphone',
        await transport.produce({ track: audio, codecOptions: { opusDtx: true, opusFec: true }, appData: { source: 'microphone' } }),
      );
    }
    if (video && device.canProduce('video')) {
      this.#producers.set(
        'camera',
        await transport.produce({
          track: video,
          encodings: SIMULCAST_ENCODINGS,
          codecOptions: { videoGoogleStartBitrate: 1000 },
          appData: { source: 'camera' },
        }),
      );
    }
  }

  #listen(signaling: SignalingClient): void {
    signaling.on('peerJoined', (peer) =>
      this.#update((state) => ({ ...state, participants: [...state.participants, { ...peer, media: {} }] })),
    );
    signaling.on('peerLeft', ({ peerId }) =>
      this.#update((state) => ({ ...state, participants: state.participants.filter((participant) => participant.peerId !== peerId) })),
    );
    signaling.on('newConsumer', (notification) => void this.#consume(notification));
    signaling.on('consumerClosed', ({ consumerId }) => this.#dropConsumer(consumerId));
    signaling.on('consumerPaused', ({ consumerId, paused }) => {
      const owner = this.#state.participants.find((participant) =>
        Object.values(participant.media).some((media) => media?.consumer.id === consumerId),
      );
      if (!owner) return;
      this.#updateParticipant(owner.peerId, (participant) => ({
        ...participant,
        media: Object.fromEntries(
          Object.entries(participant.media).map(([source, media]) => [
            source,
            media && media.consumer.id === consumerId ? { ...media, paused } : media,
          ]),
        ),
      }));
    });
    // The server's word on our own microphone or camera (floor granted or ended, host mute).
    signaling.on('mediaControl', ({ source, paused }) => {
      if (source === 'microphone') void this.setMicMuted(paused);
      if (source === 'camera') void this.setCameraOff(paused);
    });
    signaling.onClose(() => {
      if (this.#state.phase === 'joined') this.#update((state) => ({ ...state, phase: 'failed', error: new Error('signaling closed') }));
    });
  }

  async #consume(notification: SignalNotificationData<'newConsumer'>): Promise<void> {
    const transport = this.#recvTransport;
    if (!transport || !this.#signaling) return;
    const consumer = await transport.consume({
      id: notification.consumerId,
      producerId: notification.producerId,
      kind: notification.kind,
      rtpParameters: notification.rtpParameters,
      appData: { source: notification.source },
    });
    this.#updateParticipant(notification.peerId, (participant) => ({
      ...participant,
      media: { ...participant.media, [notification.source]: { consumer, paused: notification.producerPaused } },
    }));
    await this.#signaling.request('resumeConsumer', { consumerId: consumer.id });
  }

  #dropConsumer(consumerId: string): void {
    this.#update((state) => ({
      ...state,
      participants: state.participants.map((participant) => ({
        ...participant,
        media: Object.fromEntries(
          Object.entries(participant.media).filter(([, media]) => {
            if (media?.consumer.id !== consumerId) return true;
            media.consumer.close();
            return false;
          }),
        ),
      })),
    }));
  }

  async setMicMuted(muted: boolean): Promise<void> {
    await this.#setPaused('microphone', muted);
    this.#update((state) => ({ ...state, local: { ...state.local, micMuted: muted } }));
  }

  async setCameraOff(off: boolean): Promise<void> {
    await this.#setPaused('camera', off);
    this.#update((state) => ({ ...state, local: { ...state.local, cameraOff: off } }));
  }

  async #setPaused(source: MediaSource, paused: boolean): Promise<void> {
    const producer = this.#producers.get(source);
    if (!producer || !this.#signaling) return;
    if (paused) producer.pause();
    else producer.resume();
    await this.#signaling.request('setProducerPaused', { producerId: producer.id, paused });
  }

  /** Stops devices and closes everything; safe to call twice. */
  leave(): void {
    this.#state.local.stream?.getTracks().forEach((track) => track.stop());
    this.#producers.clear();
    this.#sendTransport?.close();
    this.#recvTransport?.close();
    this.#sendTransport = undefined;
    this.#recvTransport = undefined;
    this.#signaling?.close();
    this.#signaling = undefined;
    this.#update(() => INITIAL);
  }
}
