/**
 * mediasoup for the fan-out benchmark: one worker, one router with the
 * app's codecs (ROUTER_MEDIA_CODECS), the host's WebRtcTransport and
 * producers (signalled by the publisher page), and N plain RTP receivers:
 * per receiver a PlainTransport (SRTP by default, like the SRTP every
 * browser receiver gets) sending to one sink socket, with an audio and a
 * video consumer asking for the highest simulcast layer.
 */
import { randomBytes } from 'node:crypto';
import * as mediasoup from 'mediasoup';
import type { types as ms } from 'mediasoup';
import { ROUTER_MEDIA_CODECS } from '../../sfu-server/src/media/codecs.ts';

const MEDIASOUP_PORTS = { min: 30000, max: 31999 };
const SRTP_SUITE: ms.SrtpCryptoSuite = 'AES_CM_128_HMAC_SHA1_80';

const withoutCongestionControl = (feedback: ms.RtcpFeedback[] = []) => feedback.filter(({ type }) => type !== 'transport-cc' && type !== 'goog-remb');

export class MediasoupSide {
  readonly worker: ms.Worker;
  readonly router: ms.Router;
  readonly #producers = new Map<ms.MediaKind, ms.Producer>();
  #sendTransport: ms.WebRtcTransport | undefined;
  #receivers: { transport: ms.PlainTransport; video: ms.Consumer }[] = [];

  private constructor(worker: ms.Worker, router: ms.Router) {
    this.worker = worker;
    this.router = router;
  }

  static async start(): Promise<MediasoupSide> {
    const worker = await mediasoup.createWorker({ logLevel: 'warn', rtcMinPort: MEDIASOUP_PORTS.min, rtcMaxPort: MEDIASOUP_PORTS.max });
    const router = await worker.createRouter({ mediaCodecs: ROUTER_MEDIA_CODECS });
    return new MediasoupSide(worker, router);
  }

  get pid(): number {
    return this.worker.pid;
  }

  get version(): string {
    return mediasoup.version;
  }

  /** The payload types consumers use (the router's). */
  get payloadTypes(): { audio: number; video: number } {
    const pt = (mimeType: string) => this.router.rtpCapabilities.codecs?.find((codec) => codec.mimeType === mimeType)?.preferredPayloadType ?? -1;
    return { audio: pt('audio/opus'), video: pt('video/VP8') };
  }

  /** The publisher page's signalling, answered here (what the app's signalling does for a send transport). */
  async signal(method: string, data: Record<string, unknown> = {}): Promise<unknown> {
    switch (method) {
      case 'routerRtpCapabilities':
        return this.#hostCapabilities();
      case 'createTransport': {
        // As the app's meeting room does for a sender (sfu-server/src/conference/meeting-room.ts).
        const transport = await this.router.createWebRtcTransport({ listenIps: [{ ip: '127.0.0.1' }], enableUdp: true, enableTcp: false, initialAvailableOutgoingBitrate: 1_000_000 });
        await transport.setMaxIncomingBitrate(3_000_000);
        this.#sendTransport = transport;
        return { id: transport.id, iceParameters: transport.iceParameters, iceCandidates: transport.iceCandidates, dtlsParameters: transport.dtlsParameters };
      }
      case 'connect':
        await this.#sendTransport?.connect({ dtlsParameters: data.dtlsParameters as ms.DtlsParameters });
        return null;
      case 'produce': {
        const producer = await this.#sendTransport!.produce({ kind: data.kind as ms.MediaKind, rtpParameters: data.rtpParameters as ms.RtpParameters });
        this.#producers.set(producer.kind, producer);
        return producer.id;
      }
      default:
        throw new Error(`unknown signal ${method}`);
    }
  }

  /**
   * What the host may negotiate: the router's capabilities without
   * transport-cc and REMB (and their header extensions). The host's
   * bitrate is pinned instead (see publisher/main.ts): on this shared
   * 2-core machine, delay-based congestion control would throttle the host
   * whenever the receivers' side saturates the cores.
   */
  #hostCapabilities(): ms.RtpCapabilities {
    const { codecs = [], headerExtensions = [] } = this.router.rtpCapabilities;
    return {
      codecs: codecs.map((codec) => ({ ...codec, rtcpFeedback: withoutCongestionControl(codec.rtcpFeedback) })),
      headerExtensions: headerExtensions.filter((extension) => !/transport-wide-cc|abs-send-time/.test(extension.uri)),
    };
  }

  /**
   * What a plain receiver can take: opus and VP8 with NACK/PLI/FIR as a
   * browser would negotiate, but no transport-cc or REMB: the sinks send
   * no feedback, and without it the worker would hold every receiver at
   * its initial bandwidth estimate.
   */
  #receiverCapabilities(): ms.RtpCapabilities {
    const { codecs = [], headerExtensions = [] } = this.router.rtpCapabilities;
    return {
      codecs: codecs
        .filter((codec) => codec.mimeType === 'audio/opus' || codec.mimeType === 'video/VP8')
        .map((codec) => ({ ...codec, rtcpFeedback: withoutCongestionControl(codec.rtcpFeedback) })),
      headerExtensions,
    };
  }

  async addReceivers(ports: number[], srtp: boolean): Promise<void> {
    const audioProducer = this.#producers.get('audio');
    const videoProducer = this.#producers.get('video');
    if (!audioProducer || !videoProducer) throw new Error('the host is not publishing to mediasoup');
    const rtpCapabilities = this.#receiverCapabilities();
    const add = async (port: number) => {
      const transport = await this.router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: true, comedia: false, enableSrtp: srtp, srtpCryptoSuite: SRTP_SUITE });
      // Our key for what we would send; the worker encrypts towards the sink with its own (transport.srtpParameters).
      await transport.connect({ ip: '127.0.0.1', port, ...(srtp && { srtpParameters: { cryptoSuite: SRTP_SUITE, keyBase64: randomBytes(30).toString('base64') } }) });
      await transport.consume({ producerId: audioProducer.id, rtpCapabilities });
      const video = await transport.consume({ producerId: videoProducer.id, rtpCapabilities, paused: true });
      await video.setPreferredLayers({ spatialLayer: 2, temporalLayer: 2 });
      await video.resume();
      this.#receivers.push({ transport, video });
    };
    for (let index = 0; index < ports.length; index += 25) await Promise.all(ports.slice(index, index + 25).map(add));
  }

  /** How many video consumers forward the top spatial and temporal layer now. */
  onTopLayer(): number {
    return this.#receivers.filter(({ video }) => video.currentLayers?.spatialLayer === 2 && video.currentLayers.temporalLayer === 2).length;
  }

  /** The producers' view of the incoming streams (loss from the browser to the worker, score). */
  async ingest(): Promise<{ rid: string; score: number; packetsLost: number; packetCount: number }[]> {
    const stats = [...(await this.#producers.get('video')?.getStats() ?? []), ...(await this.#producers.get('audio')?.getStats() ?? [])];
    return stats.map((stat) => ({ rid: stat.rid ?? stat.kind, score: stat.score, packetsLost: stat.packetsLost, packetCount: stat.packetCount }));
  }

  removeReceivers(): void {
    for (const { transport } of this.#receivers) transport.close();
    this.#receivers = [];
  }

  close(): void {
    this.worker.close();
  }
}
