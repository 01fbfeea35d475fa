/**
 * The receivers' end of the fan-out benchmark, run as a child process
 * (bench/fan-out/rtp-sink.ts forks it): N loopback UDP sockets, one per
 * receiver, that read every RTP packet and count, per media kind, packets,
 * bytes and the highest sequence number seen (extended over wrap-arounds).
 * Nothing is decoded or decrypted: with SRTP the RTP header stays in the
 * clear, which is all the counting needs. RTCP on the same port (RFC 5761
 * mux, packet types 192–223) is skipped.
 */
import { createSocket, type Socket } from 'node:dgram';
import type { KindCounters, SinkReply, SinkRequest } from './rtp-sink.ts';

interface KindState extends KindCounters {
  /** Lower 16 bits of `highestSeq`, kept apart for the hot path. */
  lastSeq: number;
}

interface Receiver {
  socket: Socket;
  port: number;
  audio: KindState;
  video: KindState;
}

const fresh = (): KindState => ({ ssrc: 0, packets: 0, bytes: 0, highestSeq: -1, ssrcChanges: 0, lastSeq: 0 });
let receivers: Receiver[] = [];
let audioPt = -1;
let videoPt = -1;
let otherPackets = 0;

function count(state: KindState, packet: Buffer): void {
  const seq = packet.readUInt16BE(2);
  const ssrc = packet.readUInt32BE(8);
  if (ssrc !== state.ssrc) {
    // A new stream (the first packet, or the sender changed SSRC): restart the sequence tracking.
    if (state.highestSeq >= 0) state.ssrcChanges += 1;
    state.ssrc = ssrc;
    state.highestSeq = state.highestSeq < 0 ? seq : state.highestSeq + 1;
    state.lastSeq = seq;
  } else {
    const ahead = (seq - state.lastSeq) & 0xffff;
    // Forward within half the sequence space: newer; otherwise a late (reordered) packet.
    if (ahead !== 0 && ahead < 0x8000) {
      state.highestSeq += ahead;
      state.lastSeq = seq;
    }
  }
  state.packets += 1;
  state.bytes += packet.length;
}

function open(count_: number, recvBufferSize: number): Promise<number[]> {
  return Promise.all(
    Array.from({ length: count_ }, () => {
      const receiver: Receiver = { socket: createSocket({ type: 'udp4', recvBufferSize }), port: 0, audio: fresh(), video: fresh() };
      receiver.socket.on('message', (packet: Buffer) => {
        if (packet.length < 12 || packet[0]! >> 6 !== 2) return void (otherPackets += 1);
        const second = packet[1]!;
        if (second >= 192 && second <= 223) return; // RTCP
        const pt = second & 0x7f;
        if (pt === videoPt) count(receiver.video, packet);
        else if (pt === audioPt) count(receiver.audio, packet);
        else otherPackets += 1;
      });
      return new Promise<number>((resolve, reject) => {
        receiver.socket.once('error', reject);
        receiver.socket.bind(0, '127.0.0.1', () => {
          receiver.port = receiver.socket.address().port;
          receivers.push(receiver);
          resolve(receiver.port);
        });
      });
    }),
  );
}

const strip = ({ ssrc, packets, bytes, highestSeq, ssrcChanges }: KindState): KindCounters => ({ ssrc, packets, bytes, highestSeq, ssrcChanges });

async function handle(request: SinkRequest): Promise<SinkReply> {
  switch (request.op) {
    case 'open':
      audioPt = request.audioPt;
      videoPt = request.videoPt;
      return { op: 'opened', id: request.id, ports: await open(request.count, request.recvBufferSize) };
    case 'snapshot':
      return {
        op: 'snapshot',
        id: request.id,
        at: performance.now(),
        otherPackets,
        receivers: receivers.map(({ port, audio, video }) => ({ port, audio: strip(audio), video: strip(video) })),
      };
    case 'close':
      await Promise.all(receivers.map(({ socket }) => new Promise<void>((resolve) => socket.close(() => resolve()))));
      receivers = [];
      otherPackets = 0;
      return { op: 'closed', id: request.id };
  }
}

process.on('message', (request: SinkRequest) => {
  handle(request).then(
    (reply) => process.send?.(reply),
    (error: unknown) => process.send?.({ op: 'error', id: request.id, message: String(error) } satisfies SinkReply),
  );
});
process.on('disconnect', () => process.exit(0));
