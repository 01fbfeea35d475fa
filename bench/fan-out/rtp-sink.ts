/**
 * Parent side of the RTP sinks: forks rtp-sink-process.ts and speaks to it
 * over IPC. The sinks live in their own process so that their CPU (one
 * socket read per packet) is measured apart from the bench's control work.
 */
import { fork, type ChildProcess } from 'node:child_process';

export interface KindCounters {
  ssrc: number;
  packets: number;
  bytes: number;
  /** Highest extended sequence number seen (continued across SSRC changes), -1 before the first packet. */
  highestSeq: number;
  ssrcChanges: number;
}

export interface ReceiverCounters {
  port: number;
  audio: KindCounters;
  video: KindCounters;
}

export interface SinkSnapshot {
  /** performance.now() in the sink process. */
  at: number;
  otherPackets: number;
  receivers: ReceiverCounters[];
}

type Id = { id: number };
export type SinkRequest = Id &
  ({ op: 'open'; count: number; audioPt: number; videoPt: number; recvBufferSize: number } | { op: 'snapshot' } | { op: 'close' });
export type SinkReply = Id &
  ({ op: 'opened'; ports: number[] } | ({ op: 'snapshot' } & SinkSnapshot) | { op: 'closed' } | { op: 'error'; message: string });

export class RtpSinks {
  readonly #child: ChildProcess;
  readonly #waiting = new Map<number, (reply: SinkReply) => void>();
  #nextId = 1;

  private constructor(child: ChildProcess) {
    this.#child = child;
    child.on('message', (reply: SinkReply) => {
      this.#waiting.get(reply.id)?.(reply);
      this.#waiting.delete(reply.id);
    });
  }

  static async start(): Promise<RtpSinks> {
    const child = fork(new URL('./rtp-sink-process.ts', import.meta.url), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    return new RtpSinks(child);
  }

  get pid(): number {
    return this.#child.pid ?? 0;
  }

  #call<Op extends SinkReply['op']>(request: SinkRequest): Promise<Extract<SinkReply, { op: Op }>> {
    return new Promise((resolve, reject) => {
      this.#waiting.set(request.id, (reply) => (reply.op === 'error' ? reject(new Error(`rtp sink: ${reply.message}`)) : resolve(reply as Extract<SinkReply, { op: Op }>)));
      this.#child.send(request);
    });
  }

  /** Opens `count` sockets on 127.0.0.1; packets with these payload types are counted as audio or video. */
  async open(count: number, payloadTypes: { audio: number; video: number }): Promise<number[]> {
    const reply = await this.#call<'opened'>({ op: 'open', id: this.#nextId++, count, audioPt: payloadTypes.audio, videoPt: payloadTypes.video, recvBufferSize: 1 << 20 });
    return reply.ports;
  }

  async snapshot(): Promise<SinkSnapshot> {
    const { at, otherPackets, receivers } = await this.#call<'snapshot'>({ op: 'snapshot', id: this.#nextId++ });
    return { at, otherPackets, receivers };
  }

  async close(): Promise<void> {
    await this.#call<'closed'>({ op: 'close', id: this.#nextId++ });
  }

  stop(): void {
    this.#child.kill();
  }
}
