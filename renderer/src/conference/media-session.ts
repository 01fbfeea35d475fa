import { Device } from 'mediasoup-client';
import type { Consumer, Producer, RtpCodecCapability, Transport } from 'mediasoup-client/types';
import type { LinkQuality } from '#protocol/conference.ts';
import type { MediaSource, PeerInfo, SignalNotificationData } from '#protocol/signaling.ts';
import { ApiFailure, socketUrl } from '../api/http.ts';
import { loadConferenceRoute } from './host-commands.ts';
import { measureLink, type LinkSample } from './link-quality.ts';
import { SignalFailure, SignalingClient } from './signaling-client.ts';

/** How much of our camera the server wants upstream: nothing, the lowest layer (host's wall), every layer (stage). */
export type SendPolicy = SignalNotificationData<'sendPolicy'>['camera'];

/**
 * The conference as the UI sees it. This is the one documented state shape
 * of the conference:
 *
 * - `phase`: idle → joining → joined; a dropped connection or a server media
 *   reset goes joined → reconnecting → joined by itself; `failed` carries
 *   `error` (the person may try again); `removed` carries `removedReason`
 *   (the host removed us, the conference is locked, or this device joined
 *   again elsewhere) and is final.
 * - `local`: our camera/microphone stream and whether each is switched off;
 *   `micLocked` while the server keeps our microphone off (the host muted
 *   us, or we are neither on stage nor given the floor): only the server lifts it; `screen` while we share a screen; `devicesUnavailable`
 *   when getUserMedia was refused (we still receive).
 * - `sendPolicy`: what the server asks of our camera (see SendPolicy).
 * - `audioOnly`: video off both ways, asked by the person (`user`) or by the
 *   server on a weak link (`weak_link`).
 * - `linkQuality`: this device's own measurement of its link, null until known.
 * - `preferH264`: the camera is produced in H.264 (kept on the device);
 *   `h264Unavailable` when this device or the server cannot.
 * - `participants`: everyone else in the room, each with the consumers we hold.
 *
 * Who is on stage, on the wall or sharing is not here: it is the live
 * document's (`useLiveSession`).
 */
export interface ConferenceState {
  phase: 'idle' | 'joining' | 'joined' | 'reconnecting' | 'failed' | 'removed';
  error?: unknown;
  removedReason?: SignalNotificationData<'removed'>['reason'];
  local: {
    stream: MediaStream | null;
    micMuted: boolean;
    cameraOff: boolean;
    devicesUnavailable: boolean;
    micLocked: boolean;
    screen: MediaStream | null;
  };
  sendPolicy: SendPolicy;
  audioOnly: SignalNotificationData<'audioOnly'>;
  linkQuality: LinkQuality | null;
  preferH264: boolean;
  h264Unavailable: boolean;
  participants: RemoteParticipant[];
}

export interface RemoteParticipant extends PeerInfo {
  media: Partial<Record<MediaSource, { consumer: Consumer; paused: boolean }>>;
}

/** Three simulcast layers (180p/360p/720p from a 720p camera); the SFU forwards the one each receiver can use. */
const SIMULCAST_ENCODINGS: RTCRtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { scaleResolutionDownBy: 1, maxBitrate: 1_500_000 },
];
/** VP8 also gets temporal layers, so a congested receiver can drop frame rate before resolution. */
const VP8_ENCODINGS = SIMULCAST_ENCODINGS.map((encoding) => ({ ...encoding, scalabilityMode: 'L1T3' }) as RTCRtpEncodingParameters);
/** A shared screen is text: one sharp layer at a low frame rate. */
const SCREEN_ENCODINGS: RTCRtpEncodingParameters[] = [{ maxBitrate: 1_500_000, maxFramerate: 15 }];

const PREFER_H264_KEY = 'dien-hong.conference.preferH264';
/** Backoff between reconnection attempts, in ms; with jitter so a node's sites do not all return at once. */
const RECONNECT_DELAYS = [1000, 2000, 4000, 8000, 10_000];
/** A transport still failed this long after an ICE restart is set up again from scratch. */
const FAILED_TRANSPORT_GRACE_MS = 8000;
const LINK_SAMPLE_MS = 3000;

function initialState(): ConferenceState {
  return {
    phase: 'idle',
    local: { stream: null, micMuted: false, cameraOff: false, devicesUnavailable: false, micLocked: false, screen: null },
    sendPolicy: 'full',
    audioOnly: { enabled: false, reason: 'user' },
    linkQuality: null,
    preferH264: localStorage.getItem(PREFER_H264_KEY) === 'true',
    h264Unavailable: false,
    participants: [],
  };
}

/** The server turned us away for good (not a participant, signed out): reconnecting cannot help. */
function isFinal(error: unknown): boolean {
  const code = error instanceof SignalFailure || error instanceof ApiFailure ? error.code : undefined;
  return code === 'forbidden' || code === 'unauthorized' || code === 'not_found';
}

/** H.264 as the router offers it, preferring packetization-mode 1 (what conference endpoints use). */
function h264Codec(device: Device): RtpCodecCapability | undefined {
  const h264 = device.rtpCapabilities.codecs?.filter((codec) => codec.mimeType.toLowerCase() === 'video/h264') ?? [];
  return h264.find((codec) => codec.parameters?.['packetization-mode'] === 1) ?? h264[0];
}

/**
 * One user's presence in a meeting's conference: signaling, device,
 * transports, producers and consumers. It keeps the person in without their
 * help: a dropped socket or a server media reset rejoins (new transports,
 * the same local tracks produced again), a broken ICE path is restarted.
 */
export class MediaSession {
  #state: ConferenceState = initialState();
  readonly #listeners = new Set<() => void>();
  #meetingId = '';
  #token = '';
  /** The person wants to be in the conference: every drop is followed by a rejoin. */
  #wanted = false;
  #signaling: SignalingClient | undefined;
  #device: Device | undefined;
  #sendTransport: Transport | undefined;
  #recvTransport: Transport | undefined;
  readonly #producers = new Map<MediaSource, Producer>();
  readonly #preferredLayers = new Map<string, number>();
  /** Pause changes and closures that arrived while their consumer was still being set up. */
  readonly #earlyConsumerNews = new Map<string, { paused?: boolean; closed?: boolean }>();
  readonly #restartingIce = new Set<string>();
  #rejoining: Promise<void> | undefined;
  /** Camera changes run one after another so pause, resume and layer limits never interleave. */
  #cameraChain: Promise<void> = Promise.resolve();
  #linkTimer: ReturnType<typeof setInterval> | undefined;
  #linkSample: LinkSample | null = null;
  /** Wakes a reconnection backoff early when the browser says the network is back. */
  #wake: (() => void) | undefined;

  getState = (): ConferenceState => this.#state;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  #update(change: (state: ConferenceState) => ConferenceState): void {
    this.#state = change(this.#state);
    for (const listener of this.#listeners) listener();
  }

  #updateLocal(change: Partial<ConferenceState['local']>): void {
    this.#update((state) => ({ ...state, local: { ...state.local, ...change } }));
  }

  #updateParticipant(peerId: string, change: (participant: RemoteParticipant) => RemoteParticipant): void {
    this.#update((state) => ({
      ...state,
      participants: state.participants.map((participant) => (participant.peerId === peerId ? change(participant) : participant)),
    }));
  }

  async join(meetingId: string, token: string): Promise<void> {
    if (this.#wanted) return;
    this.#meetingId = meetingId;
    this.#token = token;
    this.#wanted = true;
    const { preferH264 } = this.#state;
    this.#update(() => ({ ...initialState(), preferH264, phase: 'joining' }));
    window.addEventListener('online', this.#onOnline);
    this.#linkTimer = setInterval(() => void this.#sampleLink(), LINK_SAMPLE_MS);
    // Devices first: the permission prompt comes before the network wait, and the preview shows while connecting.
    await this.#openDevices();
    if (!this.#wanted) return;
    try {
      await this.#connect();
      await this.#produceLocal();
    } catch (error) {
      // A rejoin that started meanwhile (a media reset during the join) carries on from here.
      if (!this.#wanted || this.#rejoining) return;
      this.leave();
      this.#update((state) => ({ ...state, phase: 'failed', error }));
      return;
    }
    if (!this.#rejoining) this.#update((state) => ({ ...state, phase: 'joined' }));
  }

  /** Route (or the page's own /signal), socket, join, device, both transports, ready. */
  async #connect(): Promise<void> {
    const route = await loadConferenceRoute(this.#meetingId, this.#token);
    const url = new URL(route?.signalUrl ?? '/signal', socketUrl('/'));
    url.searchParams.set('token', this.#token);
    const signaling = await SignalingClient.connect(url.href);
    this.#signaling = signaling;
    const departed = this.#listen(signaling);
    const joined = await signaling.request('join', { meetingId: this.#meetingId, ...(route && { ticket: route.ticket }) });
    // Notifications may overtake the join's answer: whoever joined or left meanwhile is already known here.
    this.#update((state) => ({
      ...state,
      participants: [
        ...joined.peers.filter((peer) => !departed.has(peer.peerId) && !state.participants.some((known) => known.peerId === peer.peerId)).map((peer) => ({ ...peer, media: {} })),
        ...state.participants,
      ],
    }));
    const device = new Device();
    await device.load({ routerRtpCapabilities: joined.routerRtpCapabilities });
    this.#device = device;
    this.#sendTransport = await this.#createTransport(signaling, device, 'send');
    this.#recvTransport = await this.#createTransport(signaling, device, 'recv');
    await signaling.request('ready', { rtpCapabilities: device.recvRtpCapabilities });
  }

  async #createTransport(signaling: SignalingClient, device: Device, direction: 'send' | 'recv'): Promise<Transport> {
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
    transport.on('connectionstatechange', (connectionState) => {
      if (connectionState !== 'disconnected' && connectionState !== 'failed') return;
      void this.#restartIce(transport);
      if (connectionState === 'failed') {
        // An ICE restart that does not bring the path back means the server side is gone: start over.
        setTimeout(() => {
          if (transport === this.#sendTransport || transport === this.#recvTransport) {
            if (transport.connectionState === 'failed') void this.#rejoin();
          }
        }, FAILED_TRANSPORT_GRACE_MS);
      }
    });
    return transport;
  }

  /** Camera and microphone; without a camera the microphone alone; without either we stay in as a receiver and say so. */
  async #openDevices(): Promise<void> {
    const audio = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
    const video = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 25 } };
    let stream: MediaStream | null = null;
    for (const constraints of [{ audio, video }, { audio }]) {
      stream = await navigator.mediaDevices.getUserMedia(constraints).catch(() => null);
      if (stream) break;
    }
    if (!this.#wanted) return stream?.getTracks().forEach((track) => track.stop());
    if (!stream) return this.#updateLocal({ devicesUnavailable: true });
    this.#updateLocal({ stream, devicesUnavailable: stream.getVideoTracks().length === 0 });
  }

  /** Produces whatever local tracks are live: after joining, and again after every rejoin. */
  async #produceLocal(): Promise<void> {
    const { stream, screen, micMuted } = this.#state.local;
    const transport = this.#sendTransport;
    const device = this.#device;
    if (!transport || !device) return;
    const [audio] = stream?.getAudioTracks() ?? [];
    const [video] = stream?.getVideoTracks() ?? [];
    const [screenTrack] = screen?.getVideoTracks() ?? [];
    // One source the server refuses (or a codec this browser lacks) must not keep the others from going out.
    const attempt = (produce: () => Promise<void>) =>
      produce().catch((error: unknown) => {
        if (error instanceof SignalFailure && error.code === 'network') throw error;
        console.warn('a local source could not be sent', error);
      });
    if (audio?.readyState === 'live' && device.canProduce('audio')) {
      await attempt(async () => {
        const producer = await transport.produce({
          track: audio,
          codecOptions: { opusDtx: true, opusFec: true },
          // The same tracks are produced again after a rejoin: closing a producer must not stop them.
          stopTracks: false,
          appData: { source: 'microphone' },
        });
        this.#producers.set('microphone', producer);
        if (micMuted) await this.#reportPaused(producer, true);
      });
    }
    if (video?.readyState === 'live' && device.canProduce('video')) await attempt(() => this.#produceCamera(transport, device, video));
    if (screenTrack?.readyState === 'live' && device.canProduce('video')) await attempt(() => this.#produceScreen(transport, screenTrack));
  }

  async #produceCamera(transport: Transport, device: Device, track: MediaStreamTrack): Promise<void> {
    const codec = this.#state.preferH264 ? h264Codec(device) : undefined;
    this.#update((state) => ({ ...state, h264Unavailable: state.preferH264 && !codec }));
    const producer = await transport.produce({
      track,
      encodings: codec ? SIMULCAST_ENCODINGS : VP8_ENCODINGS,
      codecOptions: { videoGoogleStartBitrate: 1000 },
      ...(codec && { codec }),
      stopTracks: false,
      // Paused means "send nothing" while our own preview keeps running (not staged is not camera off).
      disableTrackOnPause: false,
      zeroRtpOnPause: true,
      appData: { source: 'camera' },
    });
    this.#producers.set('camera', producer);
    await this.#applyCamera();
  }

  async #produceScreen(transport: Transport, track: MediaStreamTrack): Promise<void> {
    const producer = await transport.produce({ track, encodings: SCREEN_ENCODINGS, stopTracks: false, appData: { source: 'screen' } });
    this.#producers.set('screen', producer);
  }

  /** The camera sends what the person, audio-only mode and the server's send policy together allow. */
  #applyCamera(): Promise<void> {
    this.#cameraChain = this.#cameraChain
      .then(async () => {
        const producer = this.#producers.get('camera');
        if (!producer || producer.closed) return;
        const { local, audioOnly, sendPolicy } = this.#state;
        const paused = local.cameraOff || audioOnly.enabled || sendPolicy === 'off';
        if (paused !== producer.paused) await this.#reportPaused(producer, paused);
        if (!paused) await producer.setMaxSpatialLayer(sendPolicy === 'low' ? 0 : 2);
      })
      .catch((error: unknown) => console.warn('camera change not applied', error));
    return this.#cameraChain;
  }

  /** Pauses or resumes a producer here and tells the server, which pauses it for every receiver. */
  async #reportPaused(producer: Producer, paused: boolean): Promise<void> {
    if (paused) producer.pause();
    else producer.resume();
    const signaling = this.#signaling;
    if (!signaling) return;
    try {
      await signaling.request('setProducerPaused', { producerId: producer.id, paused });
    } catch (error) {
      // A dropped connection is repaired by the rejoin, which produces with the current state.
      if (!(error instanceof SignalFailure && error.code === 'network')) throw error;
    }
  }

  /** Listens to one connection; returns the peers seen leaving on it (see #connect). */
  #listen(signaling: SignalingClient): Set<string> {
    const departed = new Set<string>();
    // Events of a connection we have since replaced are stale.
    const on = <N extends Parameters<SignalingClient['on']>[0]>(method: N, listener: (data: SignalNotificationData<N>) => void) =>
      signaling.on(method, (data) => {
        if (signaling === this.#signaling) listener(data);
      });
    on('peerJoined', (peer) =>
      this.#update((state) => ({ ...state, participants: [...state.participants.filter((p) => p.peerId !== peer.peerId), { ...peer, media: {} }] })),
    );
    on('peerLeft', ({ peerId }) => {
      departed.add(peerId);
      this.#update((state) => ({
        ...state,
        participants: state.participants.filter((participant) => {
          if (participant.peerId !== peerId) return true;
          for (const media of Object.values(participant.media)) media?.consumer.close();
          return false;
        }),
      }));
    });
    on('newConsumer', (notification) =>
      void this.#consume(signaling, notification).catch((error: unknown) => console.warn('a remote stream could not be received', error)),
    );
    on('consumerClosed', ({ consumerId }) => {
      if (!this.#ownerOf(consumerId)) this.#earlyConsumerNews.set(consumerId, { closed: true });
      this.#dropConsumer(consumerId);
    });
    on('consumerPaused', ({ consumerId, paused }) => {
      const owner = this.#ownerOf(consumerId);
      if (!owner) {
        this.#earlyConsumerNews.set(consumerId, { ...this.#earlyConsumerNews.get(consumerId), paused });
        return;
      }
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
    on('mediaControl', ({ source, paused }) => {
      if (source === 'microphone') {
        // Whatever the reason, the server forwards our microphone exactly when it says so.
        this.#updateLocal({ micLocked: paused });
        void this.setMicMuted(paused).catch((error: unknown) => console.warn('microphone change not applied', error));
      }
      if (source === 'camera') void this.setCameraOff(paused);
    });
    on('sendPolicy', ({ camera, microphone }) => {
      this.#update((state) => ({ ...state, sendPolicy: camera, local: { ...state.local, micLocked: !microphone } }));
      void this.#applyCamera();
    });
    on('audioOnly', (audioOnly) => {
      this.#update((state) => ({ ...state, audioOnly }));
      void this.#applyCamera();
    });
    on('mediaReset', () => void this.#rejoin());
    on('removed', ({ reason }) => {
      this.leave();
      this.#update((state) => ({ ...state, phase: 'removed', removedReason: reason }));
    });
    signaling.onClose(() => {
      if (signaling === this.#signaling && this.#wanted && this.#state.phase === 'joined') void this.#rejoin();
    });
    return departed;
  }

  #ownerOf(consumerId: string): RemoteParticipant | undefined {
    return this.#state.participants.find((participant) => Object.values(participant.media).some((media) => media?.consumer.id === consumerId));
  }

  async #consume(signaling: SignalingClient, notification: SignalNotificationData<'newConsumer'>): Promise<void> {
    const transport = this.#recvTransport;
    if (!transport) return;
    const consumer = await transport.consume({
      id: notification.consumerId,
      producerId: notification.producerId,
      kind: notification.kind,
      rtpParameters: notification.rtpParameters,
      appData: { source: notification.source },
    });
    // Setting up takes a moment: whatever the server said about this consumer meanwhile still counts.
    const news = this.#earlyConsumerNews.get(consumer.id);
    this.#earlyConsumerNews.delete(consumer.id);
    if (
      news?.closed ||
      signaling !== this.#signaling ||
      !this.#state.participants.some((participant) => participant.peerId === notification.peerId)
    ) {
      consumer.close();
      return;
    }
    this.#updateParticipant(notification.peerId, (participant) => {
      participant.media[notification.source]?.consumer.close();
      const paused = news?.paused ?? notification.producerPaused;
      return { ...participant, media: { ...participant.media, [notification.source]: { consumer, paused } } };
    });
    await signaling.request('resumeConsumer', { consumerId: consumer.id }).catch(() => undefined);
  }

  #dropConsumer(consumerId: string): void {
    this.#preferredLayers.delete(consumerId);
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

  /**
   * Sets everything up again on a fresh connection: route, socket, join, new
   * transports, our live tracks produced again, everyone else consumed again.
   * Retries with backoff until it works, the person leaves, or the server
   * refuses for good. Concurrent causes (socket closed, media reset, failed
   * ICE) share one rejoin.
   */
  #rejoin(): Promise<void> {
    this.#rejoining ??= (async () => {
      this.#update((state) => ({ ...state, phase: 'reconnecting' }));
      for (let attempt = 0; this.#wanted; attempt += 1) {
        this.#teardown();
        try {
          await this.#connect();
          if (!this.#wanted) break;
          this.#update((state) => ({ ...state, phase: 'joined', error: undefined }));
          await this.#produceLocal();
          const { audioOnly } = this.#state;
          if (audioOnly.enabled && audioOnly.reason === 'user') await this.#signaling?.request('setAudioOnly', { enabled: true });
          return;
        } catch (error) {
          if (!this.#wanted) break;
          if (isFinal(error)) {
            this.leave();
            this.#update((state) => ({ ...state, phase: 'failed', error }));
            break;
          }
          this.#update((state) => ({ ...state, phase: 'reconnecting', error }));
          const delay = RECONNECT_DELAYS[Math.min(attempt, RECONNECT_DELAYS.length - 1)] ?? 10_000;
          await this.#sleep(delay * (0.75 + Math.random() / 2));
        }
      }
    })().finally(() => {
      this.#rejoining = undefined;
    });
    return this.#rejoining;
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }

  /** New ICE credentials for the same transport: the path changed (Wi-Fi to 4G) or broke. */
  async #restartIce(transport: Transport): Promise<void> {
    const signaling = this.#signaling;
    if (!signaling?.open || transport.closed || this.#restartingIce.has(transport.id)) return;
    this.#restartingIce.add(transport.id);
    try {
      const { iceParameters } = await signaling.request('restartIce', { transportId: transport.id });
      if (!transport.closed) await transport.restartIce({ iceParameters });
    } catch (error) {
      // The server no longer knows this transport: its media was lost, set it up again.
      if (error instanceof SignalFailure && error.code === 'not_found') void this.#rejoin();
    } finally {
      this.#restartingIce.delete(transport.id);
    }
  }

  readonly #onOnline = () => {
    if (this.#rejoining) return this.#wake?.();
    for (const transport of [this.#sendTransport, this.#recvTransport]) if (transport) void this.#restartIce(transport);
  };

  async #sampleLink(): Promise<void> {
    if (this.#state.phase !== 'joined') return;
    const transports = [this.#sendTransport, this.#recvTransport].filter((transport): transport is Transport => !!transport);
    const { quality, sample } = await measureLink(transports, this.#linkSample).catch(() => ({ quality: null, sample: null }));
    this.#linkSample = sample;
    if (quality !== this.#state.linkQuality) this.#update((state) => ({ ...state, linkQuality: quality }));
  }

  async setMicMuted(muted: boolean): Promise<void> {
    // Only the server lifts its own mute (the floor, the stage, the host).
    if (!muted && this.#state.local.micLocked) return;
    this.#updateLocal({ micMuted: muted });
    const producer = this.#producers.get('microphone');
    if (producer && !producer.closed) await this.#reportPaused(producer, muted);
  }

  async setCameraOff(off: boolean): Promise<void> {
    this.#updateLocal({ cameraOff: off });
    await this.#applyCamera();
  }

  /** Weak link: no video either way. The server confirms with an `audioOnly` notification. */
  async setAudioOnly(enabled: boolean): Promise<void> {
    this.#update((state) => ({ ...state, audioOnly: { enabled, reason: 'user' } }));
    await this.#applyCamera();
    await this.#signaling?.request('setAudioOnly', { enabled });
  }

  /** The tile showing this consumer needs this layer (0 = smallest); asked once per change. */
  setPreferredLayer(consumerId: string, spatialLayer: number): void {
    if (this.#preferredLayers.get(consumerId) === spatialLayer) return;
    this.#preferredLayers.set(consumerId, spatialLayer);
    void this.#signaling?.request('setPreferredLayers', { consumerId, spatialLayer }).catch(() => this.#preferredLayers.delete(consumerId));
  }

  /** Produces a captured screen or window (source `screen`); it stops when the capture ends. */
  async shareScreen(stream: MediaStream): Promise<void> {
    const [track] = stream.getVideoTracks();
    const transport = this.#sendTransport;
    if (!track || !transport) {
      stream.getTracks().forEach((each) => each.stop());
      return;
    }
    await this.stopScreenShare();
    track.contentHint = 'detail';
    // The browser's own "stop sharing" bar ends the track.
    track.addEventListener('ended', () => {
      if (this.#state.local.screen === stream) void this.stopScreenShare();
    });
    this.#updateLocal({ screen: stream });
    try {
      await this.#produceScreen(transport, track);
    } catch (error) {
      await this.stopScreenShare();
      throw error;
    }
  }

  async stopScreenShare(): Promise<void> {
    const producer = this.#producers.get('screen');
    this.#producers.delete('screen');
    this.#state.local.screen?.getTracks().forEach((track) => track.stop());
    if (this.#state.local.screen) this.#updateLocal({ screen: null });
    if (!producer) return;
    producer.close();
    await this.#signaling?.request('closeProducer', { producerId: producer.id }).catch(() => undefined);
  }

  /** Remembered on this device; a running camera is produced again in the new codec. */
  async setPreferH264(prefer: boolean): Promise<void> {
    localStorage.setItem(PREFER_H264_KEY, String(prefer));
    this.#update((state) => ({ ...state, preferH264: prefer, h264Unavailable: false }));
    const old = this.#producers.get('camera');
    const [track] = this.#state.local.stream?.getVideoTracks() ?? [];
    const transport = this.#sendTransport;
    if (!old || !track || !transport || !this.#device) return;
    this.#producers.delete('camera');
    old.close();
    await this.#signaling?.request('closeProducer', { producerId: old.id }).catch(() => undefined);
    await this.#produceCamera(transport, this.#device, track);
  }

  /** Drops the connection and every transport; local tracks stay for the next join. */
  #teardown(): void {
    const signaling = this.#signaling;
    this.#signaling = undefined;
    signaling?.close();
    this.#producers.clear();
    this.#sendTransport?.close();
    this.#recvTransport?.close();
    this.#sendTransport = undefined;
    this.#recvTransport = undefined;
    this.#device = undefined;
    this.#preferredLayers.clear();
    this.#earlyConsumerNews.clear();
    this.#linkSample = null;
    for (const participant of this.#state.participants) {
      for (const media of Object.values(participant.media)) media?.consumer.close();
    }
    if (this.#state.participants.length > 0) this.#update((state) => ({ ...state, participants: [] }));
  }

  /** Stops devices and closes everything; safe to call twice. */
  leave(): void {
    this.#wanted = false;
    this.#wake?.();
    window.removeEventListener('online', this.#onOnline);
    clearInterval(this.#linkTimer);
    this.#teardown();
    this.#state.local.stream?.getTracks().forEach((track) => track.stop());
    this.#state.local.screen?.getTracks().forEach((track) => track.stop());
    const { preferH264 } = this.#state;
    this.#update(() => ({ ...initialState(), preferH264 }));
  }
}
