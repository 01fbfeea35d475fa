/**
 * The cascade benchmark's participants (bundled by Vite, driven by
 * bench/cascade.ts): any number of conference participants in one page,
 * each with its own `/signal` socket, mediasoup-client Device and
 * transports, joined with a routing ticket exactly as the app joins. A
 * publisher sends the fake camera (the app's three simulcast layers) and
 * microphone; a receiver consumes whatever the server sends it. Received
 * tracks are not rendered: the benchmark counts bytes on the wire, and
 * decoding dozens of streams would only load the machine that runs the SFUs.
 */
import { Device } from 'mediasoup-client';
import type { Consumer, Transport } from 'mediasoup-client/types';
import type { SignalNotificationData } from '#protocol/signaling.ts';

export interface JoinOptions {
  signalUrl: string;
  token: string;
  meetingId: string;
  ticket: string;
  publish: boolean;
}

export interface ParticipantStats {
  /** Bytes on this participant's transports (SRTP, RTCP, ICE), in and out. */
  bytesReceived: number;
  bytesSent: number;
  videoConsumers: number;
  audioConsumers: number;
}

export interface ParticipantsPage {
  join(options: JoinOptions): Promise<number>;
  stats(): Promise<ParticipantStats[]>;
  leaveAll(): Promise<void>;
}

declare global {
  interface Window {
    participants: ParticipantsPage;
  }
}

/** The app's layers (renderer/src/conference/media-session.ts): 180p/360p/720p from a 720p camera, L1T3. */
const LAYERS = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000, scalabilityMode: 'L1T3' } as RTCRtpEncodingParameters,
  { scaleResolutionDownBy: 2, maxBitrate: 500_000, scalabilityMode: 'L1T3' } as RTCRtpEncodingParameters,
  { scaleResolutionDownBy: 1, maxBitrate: 1_500_000, scalabilityMode: 'L1T3' } as RTCRtpEncodingParameters,
];

class Signaling {
  readonly #socket: WebSocket;
  readonly #pending = new Map<number, { resolve: (data: unknown) => void; reject: (error: Error) => void }>();
  #nextId = 1;
  onNotification: (method: string, data: unknown) => void = () => undefined;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { type: string; id?: number; ok?: boolean; data?: unknown; error?: { message: string }; method?: string };
      if (message.type === 'notification') return this.onNotification(message.method ?? '', message.data);
      const pending = this.#pending.get(message.id ?? -1);
      if (!pending) return;
      this.#pending.delete(message.id ?? -1);
      if (message.ok) pending.resolve(message.data);
      else pending.reject(new Error(message.error?.message ?? 'refused'));
    });
  }

  static async open(url: string): Promise<Signaling> {
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => {
      socket.addEventListener('open', resolve, { once: true });
      socket.addEventListener('error', () => reject(new Error(`cannot open ${url}`)), { once: true });
    });
    return new Signaling(socket);
  }

  request<T>(method: string, data: unknown): Promise<T> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (data: unknown) => void, reject });
      this.#socket.send(JSON.stringify({ type: 'request', id, method, data }));
    });
  }

  close(): void {
    this.#socket.close();
  }
}

interface Participant {
  signaling: Signaling;
  transports: Transport[];
  consumers: Consumer[];
  stream: MediaStream | undefined;
}

const participants: Participant[] = [];

async function createTransport(signaling: Signaling, device: Device, direction: 'send' | 'recv'): Promise<Transport> {
  const { transportId, ...rest } = await signaling.request<{ transportId: string } & Omit<Parameters<Device['createSendTransport']>[0], 'id'>>(
    'createWebRtcTransport',
    { direction },
  );
  const parameters = { id: transportId, ...rest };
  const transport = direction === 'send' ? device.createSendTransport(parameters) : device.createRecvTransport(parameters);
  transport.on('connect', ({ dtlsParameters }, done, fail) => {
    signaling.request('connectWebRtcTransport', { transportId: transport.id, dtlsParameters }).then(() => done(), fail);
  });
  transport.on('produce', ({ kind, rtpParameters, appData }, done, fail) => {
    signaling
      .request<{ producerId: string }>('produce', { transportId: transport.id, kind, rtpParameters, source: appData.source })
      .then(({ producerId }) => done({ id: producerId }), fail);
  });
  return transport;
}

async function join(options: JoinOptions): Promise<number> {
  const url = new URL(options.signalUrl);
  url.searchParams.set('token', options.token);
  const signaling = await Signaling.open(url.href);
  const participant: Participant = { signaling, transports: [], consumers: [], stream: undefined };
  const device = new Device();
  let receive: Transport | undefined;
  // Consumers arrive once `ready` is sent; notifications queue until the receive transport exists.
  const early: SignalNotificationData<'newConsumer'>[] = [];
  const consume = async (note: SignalNotificationData<'newConsumer'>) => {
    if (!receive) return void early.push(note);
    const consumer = await receive.consume({ id: note.consumerId, producerId: note.producerId, kind: note.kind, rtpParameters: note.rtpParameters });
    participant.consumers.push(consumer);
    await signaling.request('resumeConsumer', { consumerId: consumer.id });
  };
  signaling.onNotification = (method, data) => {
    if (method === 'newConsumer') void consume(data as SignalNotificationData<'newConsumer'>).catch((error: unknown) => console.error('consume failed', error));
    if (method === 'consumerClosed') {
      const { consumerId } = data as SignalNotificationData<'consumerClosed'>;
      participant.consumers.find((consumer) => consumer.id === consumerId)?.close();
      participant.consumers = participant.consumers.filter((consumer) => consumer.id !== consumerId);
    }
  };
  const joined = await signaling.request<{ routerRtpCapabilities: Parameters<Device['load']>[0]['routerRtpCapabilities'] }>('join', {
    meetingId: options.meetingId,
    ticket: options.ticket,
  });
  await device.load({ routerRtpCapabilities: joined.routerRtpCapabilities });
  const send = await createTransport(signaling, device, 'send');
  receive = await createTransport(signaling, device, 'recv');
  participant.transports.push(send, receive);
  await signaling.request('ready', { rtpCapabilities: device.recvRtpCapabilities });
  for (const note of early.splice(0)) await consume(note);
  if (options.publish) {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 1280, height: 720, frameRate: 30 } });
    participant.stream = stream;
    const [video] = stream.getVideoTracks();
    const [audio] = stream.getAudioTracks();
    if (video) await send.produce({ track: video, encodings: LAYERS, appData: { source: 'camera' } });
    if (audio) await send.produce({ track: audio, appData: { source: 'microphone' } });
  }
  participants.push(participant);
  return participants.length - 1;
}

async function transportBytes(transport: Transport): Promise<{ received: number; sent: number }> {
  const report = await transport.getStats();
  let received = 0;
  let sent = 0;
  report.forEach((entry: { type: string; bytesReceived?: number; bytesSent?: number }) => {
    if (entry.type !== 'transport') return;
    received += entry.bytesReceived ?? 0;
    sent += entry.bytesSent ?? 0;
  });
  return { received, sent };
}

window.participants = {
  join,
  async stats() {
    return Promise.all(
      participants.map(async (participant) => {
        const bytes = await Promise.all(participant.transports.map(transportBytes));
        const live = participant.consumers.filter((consumer) => !consumer.closed);
        return {
          bytesReceived: bytes.reduce((sum, entry) => sum + entry.received, 0),
          bytesSent: bytes.reduce((sum, entry) => sum + entry.sent, 0),
          videoConsumers: live.filter((consumer) => consumer.kind === 'video').length,
          audioConsumers: live.filter((consumer) => consumer.kind === 'audio').length,
        };
      }),
    );
  },
  async leaveAll() {
    for (const participant of participants.splice(0)) {
      for (const transport of participant.transports) transport.close();
      participant.stream?.getTracks().forEach((track) => track.stop());
      participant.signaling.close();
    }
  },
};
