/**
 * The fan-out benchmark's publisher page (bundled by Vite, driven by
 * bench/fan-out.ts): one fake camera at 1280×720, 30 fps, and the fake
 * microphone, published twice, to mediasoup with mediasoup-client (the
 * app's three simulcast layers) and to Janus's VideoRoom the way janus.js
 * does it (a minimal JSON API client over WebSocket: session, VideoRoom
 * handle, join as publisher, configure with an offer whose video
 * transceiver carries the same three layers as sendEncodings with rids).
 * At most one of the two sends at a time: the other's senders carry no
 * track, so the camera is encoded once.
 */
import { Device } from 'mediasoup-client';
import type { Producer, Transport } from 'mediasoup-client/types';
import { JanusSession } from '../janus-client.ts';

export type System = 'mediasoup' | 'janus';

export interface LayerStats {
  rid: string;
  width: number;
  height: number;
  framesPerSecond: number;
  framesEncoded: number;
  packetsSent: number;
  bytesSent: number;
  qualityLimitationReason: string;
}

export interface SendingStats {
  at: number;
  /** Video layers, highest resolution first. */
  layers: LayerStats[];
  audio: { packetsSent: number; bytesSent: number };
}

export interface PublisherPage {
  openCamera(): Promise<{ width: number; height: number; frameRate: number }>;
  publishMediasoup(): Promise<void>;
  publishJanus(url: string, room: number): Promise<{ publisherId: number; audioMid: string; videoMid: string }>;
  setSending(system: System, sending: boolean): Promise<void>;
  stats(system: System): Promise<SendingStats>;
}

declare global {
  interface Window {
    publisher: PublisherPage;
    /** Exposed by the bench: mediasoup signalling, answered by the router in the bench process. */
    mediasoupSignal(method: string, data?: unknown): Promise<unknown>;
  }
}

/** The app's layers (renderer/src/conference/media-session.ts): 180p/360p/720p from a 720p camera, L1T3. */
const LAYERS = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000, scalabilityMode: 'L1T3' } as RTCRtpEncodingParameters,
  { scaleResolutionDownBy: 2, maxBitrate: 500_000, scalabilityMode: 'L1T3' } as RTCRtpEncodingParameters,
  { scaleResolutionDownBy: 1, maxBitrate: 1_500_000, scalabilityMode: 'L1T3' } as RTCRtpEncodingParameters,
];

/**
 * The host's bitrate is pinned where the three layers fit, the same way
 * for both systems: their answers carry no transport-cc or REMB (mediasoup
 * gets that from the bench's capabilities, Janus's answer is trimmed here)
 * and x-google-min/start-bitrate (kbps). On loopback there is no bandwidth
 * to estimate, but CPU contention on this 2-core machine delays packets and
 * feedback, and congestion control would then switch the 720p layer off:
 * the benchmark would measure the load machine instead of the SFU.
 */
const MIN_BITRATE_KBPS = 2200;

/**
 * The same layers for Janus, named with janus.js's rids (l, m, h) and in the
 * same order as mediasoup-client's (lowest first, which Janus is told with
 * `rid_order: 'lmh'`): listed highest first, as janus.js 1.1 does, this
 * Chromium mismatches the bitrate caps and sends the 180p layer at ~750 kbps.
 */
const JANUS_LAYERS = ['l', 'm', 'h'].map((rid, index) => ({ ...LAYERS[index], rid }));

/** mediasoup-client names the layers r0 (lowest) to r2; janus.js l, m, h. */
const RID_RANK: Record<string, number> = { r2: 0, h: 0, r1: 1, m: 1, r0: 2, l: 2 };

let stream: MediaStream | undefined;
const senders: Record<System, RTCRtpSender[]> = { mediasoup: [], janus: [] };
let janusPc: RTCPeerConnection | undefined;
let mediasoupTransport: Transport | undefined;

function tracks(): { audio: MediaStreamTrack; video: MediaStreamTrack } {
  const audio = stream?.getAudioTracks()[0];
  const video = stream?.getVideoTracks()[0];
  if (!audio || !video) throw new Error('camera not open');
  return { audio, video };
}

async function openCamera() {
  stream = await navigator.mediaDevices.getUserMedia({
    audio: true,
    video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } },
  });
  const settings = tracks().video.getSettings();
  return { width: settings.width ?? 0, height: settings.height ?? 0, frameRate: settings.frameRate ?? 0 };
}

async function publishMediasoup(): Promise<void> {
  const signal = window.mediasoupSignal;
  const device = new Device();
  await device.load({ routerRtpCapabilities: (await signal('routerRtpCapabilities')) as never });
  const transport = device.createSendTransport((await signal('createTransport')) as never);
  transport.on('connect', ({ dtlsParameters }, callback, errback) => void signal('connect', { dtlsParameters }).then(() => callback(), errback));
  transport.on('produce', ({ kind, rtpParameters }, callback, errback) =>
    void signal('produce', { kind, rtpParameters }).then((id) => callback({ id: id as string }), errback),
  );
  mediasoupTransport = transport;
  const { audio, video } = tracks();
  // Opus with in-band FEC and without DTX, as Janus's room is set up (the app also turns DTX on).
  const producers: Producer[] = [
    await transport.produce({ track: audio, codecOptions: { opusFec: true, opusDtx: false } }),
    await transport.produce({
      track: video,
      encodings: LAYERS,
      codecOptions: { videoGoogleStartBitrate: MIN_BITRATE_KBPS, videoGoogleMinBitrate: MIN_BITRATE_KBPS },
    }),
  ];
  senders.mediasoup = producers.map((producer) => producer.rtpSender).filter((sender): sender is RTCRtpSender => sender !== undefined);
}

async function publishJanus(url: string, room: number) {
  const session = await JanusSession.connect(url);
  const handle = await session.attach('janus.plugin.videoroom');
  const joined = await handle.send({ request: 'join', ptype: 'publisher', room, display: 'host' });
  const publisherId = joined.data.id as number;
  const pc = new RTCPeerConnection();
  janusPc = pc;
  const { audio, video } = tracks();
  const audioTransceiver = pc.addTransceiver(audio, { direction: 'sendonly', streams: [stream!] });
  const videoTransceiver = pc.addTransceiver(video, { direction: 'sendonly', streams: [stream!], sendEncodings: JANUS_LAYERS });
  await pc.setLocalDescription(await pc.createOffer());
  // Half trickle: send the offer once all candidates are in it.
  if (pc.iceGatheringState !== 'complete') {
    await new Promise<void>((resolve) => pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve()));
  }
  const offer = pc.localDescription!;
  const configured = await handle.send({ request: 'configure', audio: true, video: true }, { type: offer.type, sdp: offer.sdp, trickle: false, rid_order: 'lmh' });
  if (!configured.jsep) throw new Error(`Janus configure: no answer (${JSON.stringify(configured.data)})`);
  await pc.setRemoteDescription({ type: 'answer', sdp: pinBitrate(withoutCongestionControl(configured.jsep.sdp ?? '')) });
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (pc.connectionState === 'connected') resolve();
      if (pc.connectionState === 'failed') reject(new Error('Janus publisher: connection failed'));
    };
    pc.addEventListener('connectionstatechange', check);
    check();
  });
  senders.janus = [audioTransceiver.sender, videoTransceiver.sender];
  return { publisherId, audioMid: audioTransceiver.mid ?? '0', videoMid: videoTransceiver.mid ?? '1' };
}

/** An answer without transport-cc and REMB feedback and their header extensions. */
function withoutCongestionControl(sdp: string): string {
  return sdp
    .split('\r\n')
    .filter((line) => !/^a=rtcp-fb:\d+ (transport-cc|goog-remb)/.test(line) && !/^a=extmap:\d+ .*(transport-wide-cc|abs-send-time)/.test(line))
    .join('\r\n');
}

/** Adds x-google-min/start-bitrate to the VP8 format of an answer, as mediasoup-client does with its codec options. */
function pinBitrate(sdp: string): string {
  const pt = /a=rtpmap:(\d+) VP8\/90000/.exec(sdp)?.[1];
  if (!pt) return sdp;
  const extra = `x-google-min-bitrate=${MIN_BITRATE_KBPS};x-google-start-bitrate=${MIN_BITRATE_KBPS}`;
  const fmtp = new RegExp(`a=fmtp:${pt} (.*)`);
  return fmtp.test(sdp) ? sdp.replace(fmtp, `a=fmtp:${pt} $1;${extra}`) : sdp.replace(`a=rtpmap:${pt} VP8/90000`, `a=rtpmap:${pt} VP8/90000\r\na=fmtp:${pt} ${extra}`);
}

async function setSending(system: System, sending: boolean): Promise<void> {
  const { audio, video } = tracks();
  const [audioSender, videoSender] = senders[system];
  await audioSender?.replaceTrack(sending ? audio : null);
  await videoSender?.replaceTrack(sending ? video : null);
}

async function stats(system: System): Promise<SendingStats> {
  const report = system === 'janus' ? await janusPc?.getStats() : await mediasoupTransport?.getStats();
  const layers: LayerStats[] = [];
  const audio = { packetsSent: 0, bytesSent: 0 };
  report?.forEach((entry: Record<string, unknown>) => {
    if (entry.type !== 'outbound-rtp') return;
    if (entry.kind === 'audio') {
      audio.packetsSent += Number(entry.packetsSent ?? 0);
      audio.bytesSent += Number(entry.bytesSent ?? 0);
      return;
    }
    layers.push({
      rid: String(entry.rid ?? ''),
      width: Number(entry.frameWidth ?? 0),
      height: Number(entry.frameHeight ?? 0),
      framesPerSecond: Number(entry.framesPerSecond ?? 0),
      framesEncoded: Number(entry.framesEncoded ?? 0),
      packetsSent: Number(entry.packetsSent ?? 0),
      bytesSent: Number(entry.bytesSent ?? 0),
      qualityLimitationReason: String(entry.qualityLimitationReason ?? ''),
    });
  });
  layers.sort((a, b) => (RID_RANK[a.rid] ?? 9) - (RID_RANK[b.rid] ?? 9));
  return { at: performance.now(), layers, audio };
}

window.publisher = { openCamera, publishMediasoup, publishJanus, setSending, stats };
