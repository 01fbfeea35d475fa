/**
 * Janus for the fan-out benchmark: the process (janus-process.ts), a
 * VideoRoom room for the host (VP8, opus, no bitrate cap), and N plain RTP
 * receivers as VideoRoom `rtp_forward`s: per receiver the audio stream and
 * the top simulcast substream (720p, all temporal layers), both to the
 * receiver's sink socket, SRTP by default.
 *
 * Janus 1.1.2's single-stream simulcast forward (`simulcast: true`) stays
 * on the lowest substream (verified: 320×180 keyframes only, even after a
 * keyframe request), so the video is forwarded per substream instead:
 * `port_3` (substream 2) to the sink and `port` (substream 0, mandatory)
 * to port 0, whose forwarder is stopped at once.
 */
import { randomBytes } from 'node:crypto';
import { JanusSession, type JanusHandle } from './janus-client.ts';
import { startJanus, type JanusProcess } from './janus-process.ts';

const JANUS_RTP_PORTS = { min: 32000, max: 33999 };
const ROOM = 4242;

export interface JanusPublisher {
  publisherId: number;
  audioMid: string;
  videoMid: string;
}

export class JanusSide {
  readonly process: JanusProcess;
  readonly #session: JanusSession;
  readonly #handle: JanusHandle;
  #publisher: JanusPublisher | undefined;
  #forwards: number[] = [];

  private constructor(process: JanusProcess, session: JanusSession, handle: JanusHandle) {
    this.process = process;
    this.#session = session;
    this.#handle = handle;
  }

  static async start(directory: string, wsPort: number): Promise<JanusSide> {
    const janus = await startJanus(directory, { wsPort, rtpPortRange: `${JANUS_RTP_PORTS.min}-${JANUS_RTP_PORTS.max}`, iceInterface: 'lo', debugLevel: Number(process.env.JANUS_DEBUG_LEVEL ?? 3) });
    const session = await JanusSession.connect(janus.url);
    const handle = await session.attach('janus.plugin.videoroom');
    await handle.request({
      request: 'create',
      room: ROOM,
      description: 'fan-out',
      publishers: 2,
      videocodec: 'vp8',
      audiocodec: 'opus',
      opus_fec: true,
      bitrate: 0,
      notify_joining: false,
      permanent: false,
    });
    return new JanusSide(janus, session, handle);
  }

  get room(): number {
    return ROOM;
  }

  get pid(): number {
    return this.process.pid;
  }

  set publisher(publisher: JanusPublisher) {
    this.#publisher = publisher;
  }

  async addReceivers(ports: number[], payloadTypes: { audio: number; video: number }, srtp: boolean): Promise<void> {
    const publisher = this.#publisher;
    if (!publisher) throw new Error('the host is not publishing to Janus');
    const add = async (port: number, index: number) => {
      const reply = await this.#handle.request({
        request: 'rtp_forward',
        room: ROOM,
        publisher_id: publisher.publisherId,
        host: '127.0.0.1',
        host_family: 'ipv4',
        streams: [
          { mid: publisher.audioMid, port, pt: payloadTypes.audio, ssrc: 0x1000_0000 + index },
          { mid: publisher.videoMid, port: 0, port_3: port, pt_3: payloadTypes.video, ssrc_3: 0x2000_0000 + index },
        ],
        ...(srtp && { srtp_suite: 80, srtp_crypto: randomBytes(30).toString('base64') }),
      });
      const forwarders = (reply.data.forwarders ?? []) as { stream_id: number; type: string; port: number; substream?: number }[];
      const unwanted = forwarders.find((forwarder) => forwarder.type === 'video' && forwarder.port === 0);
      const kept = forwarders.filter((forwarder) => forwarder !== unwanted);
      if (!unwanted || kept.length !== 2 || !kept.some((forwarder) => forwarder.substream === 2)) throw new Error(`rtp_forward: unexpected reply ${JSON.stringify(reply.data)}`);
      await this.#handle.request({ request: 'stop_rtp_forward', room: ROOM, publisher_id: publisher.publisherId, stream_id: unwanted.stream_id });
      this.#forwards.push(...kept.map((forwarder) => forwarder.stream_id));
    };
    for (let index = 0; index < ports.length; index += 25) await Promise.all(ports.slice(index, index + 25).map((port, offset) => add(port, index + offset)));
  }

  async removeReceivers(): Promise<void> {
    const publisher = this.#publisher;
    const forwards = this.#forwards;
    this.#forwards = [];
    if (!publisher) return;
    for (let index = 0; index < forwards.length; index += 50) {
      await Promise.all(
        forwards.slice(index, index + 50).map((stream_id) => this.#handle.request({ request: 'stop_rtp_forward', room: ROOM, publisher_id: publisher.publisherId, stream_id })),
      );
    }
  }

  async stop(): Promise<void> {
    this.#session.close();
    await this.process.stop();
  }
}
