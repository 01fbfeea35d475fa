import type { MediaSource, SignalNotification, SignalNotificationData } from '#protocol/signaling.ts';
import { RawSignalClient } from './signal-client.ts';

/** A participant's device on a raw /signal socket: joined, both transports, ready, producing what it was asked to. */
export interface Attendee {
  client: RawSignalClient;
  peerId: string;
  producers: Partial<Record<MediaSource, string>>;
  call(method: string, data: unknown): Promise<Record<string, unknown>>;
  /** Waits for a notification of this kind (received after `since`, a count of messages) that passes `check`. */
  note<N extends SignalNotification>(method: N, check?: (data: SignalNotificationData<N>) => boolean, since?: number, timeoutMs?: number): Promise<SignalNotificationData<N>>;
  /** Notifications of one kind received so far. */
  notes<N extends SignalNotification>(method: N): SignalNotificationData<N>[];
  /** How many messages arrived so far (for `note`'s `since`). */
  mark(): number;
  close(): void;
}

let ssrc = 70_000;

/** RTP parameters a browser would produce for a source (VP8 camera in three simulcast layers, opus); no RTP flows. */
export function rtpParametersFor(source: MediaSource) {
  if (source === 'microphone') {
    return { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: (ssrc += 1) }], rtcp: { cname: 'test' } };
  }
  const layers = source === 'camera' ? 3 : 1;
  return {
    codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }],
    encodings: Array.from({ length: layers }, () => ({ ssrc: (ssrc += 1) })),
    rtcp: { cname: 'test' },
  };
}

export interface AttendOptions {
  produce?: MediaSource[];
  ticket?: string;
  /** Join again on this socket (a rejoin after a media reset) instead of opening one. */
  client?: RawSignalClient;
}

/**
 * Joins a meeting's conference on the node at `baseUrl` (with a routing
 * ticket where given) and produces the listed sources from RTP parameters.
 */
export async function attend(baseUrl: string, token: string, meetingId: string, options: AttendOptions = {}): Promise<Attendee> {
  const client = options.client ?? (await RawSignalClient.open(baseUrl, token));
  let id = 0;
  const call = async (method: string, data: unknown) => {
    const response = await client.request((id += 1000), method, data);
    if (response.type !== 'response' || !response.ok) throw Object.assign(new Error(`${method} refused: ${JSON.stringify(response)}`), { response });
    return response.data as Record<string, unknown>;
  };
  const joined = await call('join', { meetingId, ...(options.ticket && { ticket: options.ticket }) });
  const send = await call('createWebRtcTransport', { direction: 'send' });
  await call('createWebRtcTransport', { direction: 'recv' });
  await call('ready', { rtpCapabilities: joined.routerRtpCapabilities });
  const producers: Attendee['producers'] = {};
  for (const source of options.produce ?? []) {
    const kind = source === 'microphone' ? 'audio' : 'video';
    const produced = await call('produce', { transportId: send.transportId, kind, rtpParameters: rtpParametersFor(source), source });
    producers[source] = String(produced.producerId);
  }
  type Message = (typeof client.received)[number];
  const isNote = (message: Message, method: string) => message.type === 'notification' && message.method === method;
  const dataOf = (message: Message) => (message.type === 'notification' ? message.data : undefined) as never;
  return {
    client,
    peerId: String(joined.peerId),
    producers,
    call,
    mark: () => client.received.length,
    notes: (method) => client.received.filter((message) => isNote(message, method)).map(dataOf),
    note: async (method, check = () => true, since = 0, timeoutMs = 5000) => {
      const message = await client.next(
        (candidate) => isNote(candidate, method) && client.received.indexOf(candidate) >= since && check(dataOf(candidate)),
        timeoutMs,
      );
      return dataOf(message);
    },
    close: () => client.close(),
  };
}
